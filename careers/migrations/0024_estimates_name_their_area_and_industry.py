"""Every estimate stored so far is national and cross-industry (the importer kept no
other rows): give each the area its code and title name, and the cross-industry,
all-owners industry, as records, before the old text columns go (0025)."""

from django.db import migrations
from django.utils.text import slugify

AREA_KINDS = {2: 2, 5: 4, 7: 6}  # code length → BLS's area type, for non-national codes


def name_areas_and_industries(apps, schema_editor):
    Area = apps.get_model("careers", "Area")
    NaicsIndustry = apps.get_model("careers", "NaicsIndustry")
    WageEstimate = apps.get_model("careers", "WageEstimate")
    HistoricalWageEstimate = apps.get_model("careers", "HistoricalWageEstimate")
    if not any(field.name == "area_code" for field in WageEstimate._meta.get_fields()):
        return  # run again against today's models, where the old columns are gone
    if not WageEstimate.objects.exists() and not HistoricalWageEstimate.objects.exists():
        return
    industry, _ = NaicsIndustry.objects.get_or_create(
        naics="000000",
        ownership="1235",
        defaults={"title": "Cross-industry", "level": "cross-industry"},
    )
    areas = {}
    for model in (WageEstimate, HistoricalWageEstimate):
        for code, title in model.objects.values_list("area_code", "area_title").distinct():
            if code in areas:
                continue
            kind = 1 if code == "99" else AREA_KINDS.get(len(code), 2)
            slug = slugify(title) or f"area-{code}"
            if Area.objects.filter(slug=slug).exists():
                slug = f"{slug}-{code}"
            areas[code], _ = Area.objects.get_or_create(
                code=code, kind=kind, defaults={"title": title, "slug": slug}
            )
        for code, area in areas.items():
            model.objects.filter(area_code=code).update(area=area, industry=industry)


class Migration(migrations.Migration):
    dependencies = [("careers", "0023_areas_and_industries")]

    operations = [
        migrations.RunPython(name_areas_and_industries, migrations.RunPython.noop),
    ]
