from django.contrib import admin

from careers.models import (
    CareerStep,
    Credential,
    Industry,
    Role,
    RoleCredential,
    RoleSkill,
    Skill,
    Source,
    Statistic,
)


class RoleSkillInline(admin.TabularInline):
    model = RoleSkill
    extra = 0
    autocomplete_fields = ["skill"]


class RoleCredentialInline(admin.TabularInline):
    model = RoleCredential
    extra = 0
    autocomplete_fields = ["credential"]


class CareerStepInline(admin.TabularInline):
    model = CareerStep
    fk_name = "from_role"
    extra = 0
    autocomplete_fields = ["to_role"]
    verbose_name = "step this role leads to"
    verbose_name_plural = "where this role leads"


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "stage",
        "track",
        "salary_low",
        "salary_median",
        "salary_high",
        "outlook_growth_pct",
        "is_published",
        "updated_at",
    ]
    list_filter = ["is_published", "stage", "track", "min_education", "industries"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["industries", "salary_source", "outlook_source"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [RoleSkillInline, RoleCredentialInline, CareerStepInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "description", "is_published"]}),
        ("Where it sits", {"fields": ["stage", "track", "min_education", "industries"]}),
        (
            "Salary (US$ a year)",
            {
                "fields": [
                    ("salary_low", "salary_median", "salary_high"),
                    "salary_source",
                    "salary_as_of",
                ]
            },
        ),
        ("Job outlook", {"fields": ["outlook_growth_pct", "outlook_period", "outlook_source"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "category"]
    list_filter = ["category"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "level"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "year"]
    list_filter = ["year"]
    search_fields = ["title", "author", "publisher", "slug"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(CareerStep)
class CareerStepAdmin(admin.ModelAdmin):
    list_display = ["from_role", "to_role", "kind", "typical_years"]
    list_filter = ["kind"]
    list_select_related = ["from_role", "to_role"]
    search_fields = ["from_role__title", "to_role__title"]
    autocomplete_fields = ["from_role", "to_role"]


@admin.register(Statistic)
class StatisticAdmin(admin.ModelAdmin):
    list_display = ["statement", "value", "unit", "period", "source", "is_headline", "position"]
    list_editable = ["is_headline", "position"]
    list_filter = ["is_headline", "source"]
    list_select_related = ["source"]
    search_fields = ["statement", "slug"]
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["statement"]}
