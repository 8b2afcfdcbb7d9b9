"""The article's lists of roles (ArticleListing), one role in as many as the article
names it in. On a database that already has roles, each role's old stage becomes its
place in the matching stage list, so nothing an editor set is lost when the stage
field goes (0014); new databases get the lists from fixtures/14_article_listings.json."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

ARTICLE = "ml-careers-article-2026"
ARTICLE_TITLE = (
    "What Careers Can You Pursue With a Machine Learning Degree? Salary Potential, Job "
    "Outlook, and Next Steps"
)
# Stage value -> the list that replaces it: the same slug, so ?stage= links keep working.
STAGE_LISTINGS = {
    "entry": (
        1,
        "Open to new graduates",
        "Jobs the article names as starting points straight after a machine learning degree.",
    ),
    "mid": (
        2,
        "Reachable without further study",
        "Roles the article says a bachelor’s degree and experience can lead to, with no further "
        "degree or certification.",
    ),
    "advanced": (
        3,
        "Needs a graduate degree or certification",
        "Roles for which the article says a master’s, a doctorate or a certification is often "
        "expected, to start or to progress.",
    ),
}


def stages_to_listings(apps, schema_editor):
    Role = apps.get_model("careers", "Role")
    ArticleListing = apps.get_model("careers", "ArticleListing")
    Source = apps.get_model("careers", "Source")
    if not Role.objects.exists():
        return  # a new database: the seed brings the lists and their source
    if ArticleListing.objects.exists() or "stage" not in {f.name for f in Role._meta.fields}:
        return  # run again later (the browser tests replay data steps): nothing to copy
    # The stages came from the article; name it as the lists' source (as the seed does).
    source, _ = Source.objects.get_or_create(
        slug=ARTICLE,
        defaults={
            "title": ARTICLE_TITLE,
            "author": "Imed Bouchrika, PhD",
            "year": 2026,
            "note": "The article this guide is based on.",
        },
    )
    for slug, (position, title, note) in STAGE_LISTINGS.items():
        roles = Role.objects.filter(stage=slug)
        if roles.exists():
            listing = ArticleListing.objects.create(
                slug=slug, title=title, note=note, position=position, source=source
            )
            listing.roles.set(roles)


def listings_to_stages(apps, schema_editor):
    """Going back: each role takes the latest stage list it is in (entry if none)."""
    Role = apps.get_model("careers", "Role")
    for role in Role.objects.all():
        slugs = set(role.listings.values_list("slug", flat=True))
        role.stage = next((s for s in ("advanced", "mid", "entry") if s in slugs), "entry")
        role.save(update_fields=["stage"])


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0012_editors_import_official_wages"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ArticleListing",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        help_text="Used in directory links (“/roles/?stage=entry”); changing it breaks them.",
                        max_length=60,
                        unique=True,
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        help_text="Our own words, not the article’s.", max_length=100, unique=True
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="One sentence, in our own words, on who the list suits.",
                        max_length=250,
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="Lower numbers come first: in the directory filter and as map columns.",
                    ),
                ),
            ],
            options={
                "verbose_name": "article listing",
                "ordering": ["position", "title"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalArticleListing",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        help_text="Used in directory links (“/roles/?stage=entry”); changing it breaks them.",
                        max_length=60,
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        db_index=True, help_text="Our own words, not the article’s.", max_length=100
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="One sentence, in our own words, on who the list suits.",
                        max_length=250,
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="Lower numbers come first: in the directory filter and as map columns.",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical article listing",
                "verbose_name_plural": "historical article listings",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalArticleListing_roles",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalArticleListing_roles",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="articlelisting",
            name="roles",
            field=models.ManyToManyField(
                blank=True,
                help_text="The roles the source names in this list.",
                related_name="listings",
                to="careers.role",
            ),
        ),
        migrations.AddField(
            model_name="articlelisting",
            name="source",
            field=models.ForeignKey(
                help_text="Where the list comes from.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="listings",
                to="careers.source",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticlelisting",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalarticlelisting",
            name="source",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Where the list comes from.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="careers.source",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticlelisting_roles",
            name="articlelisting",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="careers.articlelisting",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticlelisting_roles",
            name="history",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to="careers.historicalarticlelisting",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticlelisting_roles",
            name="role",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="careers.role",
            ),
        ),
        migrations.RunPython(stages_to_listings, listings_to_stages),
    ]
