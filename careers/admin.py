from django.conf import settings
from django.contrib import admin
from django.utils import timezone
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV
from simple_history.admin import SimpleHistoryAdmin

from careers.forms import RoleForm
from careers.importing import RoleFiguresResource
from careers.models import (
    FIGURE_FIELD_NAMES,
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


class SalaryFigureFilter(admin.SimpleListFilter):
    title = "salary figure"
    parameter_name = "figure"

    def lookups(self, request, model_admin):
        return [
            ("none", "No figure yet"),
            ("stale", f"Stale (older than {settings.SALARY_STALE_MONTHS} months)"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.without_salary()
        if self.value() == "stale":
            return queryset.with_stale_salary()
        return queryset


@admin.register(Role)
class RoleAdmin(ImportExportMixin, SimpleHistoryAdmin):
    """The salary desk: every role's figures, editable in the list, several saved at once.

    The change page holds the whole role, with the figures in their own fieldset.
    """

    form = RoleForm
    resource_classes = [RoleFiguresResource]
    formats = [CSV]
    list_display = ["title", *FIGURE_FIELD_NAMES, "figures_are_current", "version"]
    list_editable = [*FIGURE_FIELD_NAMES, "version"]
    list_select_related = ["salary_source", "outlook_source"]
    list_filter = [
        SalaryFigureFilter,
        "is_published",
        "stage",
        "track",
        "min_education",
        "industries",
    ]
    sortable_by = [
        "title",
        "salary_low",
        "salary_median",
        "salary_high",
        "salary_as_of",
        "outlook_growth_pct",
    ]
    search_fields = ["title", "slug"]
    list_per_page = 50
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["industries", "salary_source", "outlook_source"]
    readonly_fields = ["figures_updated_at", "created_at", "updated_at"]
    inlines = [RoleSkillInline, RoleCredentialInline, CareerStepInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "description", "is_published"]}),
        ("Where it sits", {"fields": ["stage", "track", "min_education", "industries"]}),
        (
            "Figures",
            {
                "description": (
                    "Annual salaries in US dollars. Every figure needs its source and the date "
                    "the source measured it."
                ),
                "fields": [
                    ("salary_low", "salary_median", "salary_high"),
                    ("salary_source", "salary_as_of"),
                    ("outlook_growth_pct", "outlook_period", "outlook_source"),
                    ("figures_updated_at", "version"),
                ],
            },
        ),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(boolean=True, description="current")
    def figures_are_current(self, role):
        if not role.has_any_salary:
            return None
        return not role.figures_are_stale(timezone.localdate())

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", RoleForm)
        return super().get_changelist_form(request, **kwargs)


@admin.register(Skill)
class SkillAdmin(SimpleHistoryAdmin):
    list_display = ["name", "category"]
    list_filter = ["category"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Industry)
class IndustryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Credential)
class CredentialAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "level"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "publisher", "year"]
    list_filter = ["year"]
    search_fields = ["title", "author", "publisher", "slug"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(CareerStep)
class CareerStepAdmin(SimpleHistoryAdmin):
    list_display = ["from_role", "to_role", "kind", "typical_years"]
    list_filter = ["kind"]
    list_select_related = ["from_role", "to_role"]
    search_fields = ["from_role__title", "to_role__title"]
    autocomplete_fields = ["from_role", "to_role"]


@admin.register(Statistic)
class StatisticAdmin(SimpleHistoryAdmin):
    list_display = [
        "statement",
        "qualifier",
        "value",
        "unit",
        "period",
        "source",
        "is_headline",
        "position",
    ]
    list_editable = ["is_headline", "position"]
    list_filter = ["is_headline", "source"]
    list_select_related = ["source"]
    search_fields = ["statement", "slug"]
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["statement"]}
