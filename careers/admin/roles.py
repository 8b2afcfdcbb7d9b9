"""The salary desk (roles, with their skills, credentials, steps and official
occupations inline), the career steps and the article's listings."""

from django.conf import settings
from django.contrib import admin
from django.db.models import Count
from django.utils import timezone
from import_export.admin import ImportExportMixin

from careers.forms import DeskFormSet, DeskRowForm, RoleFiguresImportForm, RoleForm
from careers.history_admin import HistoryAdmin
from careers.importing import RoleFiguresResource
from careers.models import (
    FIGURE_FIELD_NAMES,
    PLACEMENT_FIELDS,
    ArticleListing,
    CareerStep,
    Role,
    RoleCredential,
    RoleSkill,
    Source,
)
from careers.models.revisions import describe_history
from careers.official.admin import RoleOccupationInline
from careers.revising import save_role
from careers.spreadsheets import SafeCSV


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
    autocomplete_fields = ["to_role", "source"]
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
class RoleAdmin(ImportExportMixin, HistoryAdmin):
    """The salary desk: every role's figures, editable in the list, several saved at once.

    The change page holds the whole role, with the figures in their own fieldset.
    """

    form = RoleForm
    # Without the navigation sidebar (see the template); import-export's buttons extend it.
    change_list_template = "admin/careers/role/change_list.html"
    resource_classes = [RoleFiguresResource]
    formats = [SafeCSV]
    import_form_class = RoleFiguresImportForm  # the upload limits (careers.uploads)
    list_display = ["title", *FIGURE_FIELD_NAMES, "figures_are_current", "version"]
    list_editable = [*FIGURE_FIELD_NAMES, "version"]
    list_select_related = ["salary_source", "outlook_source"]
    list_filter = [SalaryFigureFilter, "is_published", "is_featured", "listings", *PLACEMENT_FIELDS]
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
    inlines = [RoleSkillInline, RoleCredentialInline, CareerStepInline, RoleOccupationInline]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "summary", "description", "is_published", "is_featured"]},
        ),
        ("Where it sits", {"fields": PLACEMENT_FIELDS}),
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
                    "change_reason",
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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Source:
            # A source's label names where a second-hand one was read (Source.__str__):
            # one query for each chosen source on the desk, not two.
            kwargs.setdefault("queryset", Source.objects.select_related("cited_in"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", DeskRowForm)
        return super().get_changelist_form(request, **kwargs)

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        """The history lists the figures' old and new values as an editor reads them
        ($95,000, a source by its title) and only the names of other fields changed."""
        describe_history(Role, historical_records)

    def get_changelist_formset(self, request, **kwargs):
        kwargs.setdefault("formset", DeskFormSet)
        return super().get_changelist_formset(request, **kwargs)

    def save_model(self, request, obj, form, change):
        """Through careers.revising, with the reason from the change page (or its
        history's revert form) or, for a row of the desk, the batch's reason."""
        reason = form.cleaned_data.get("change_reason") or request.POST.get("change_reason", "")
        save_role(obj, reason=reason)


@admin.register(CareerStep)
class CareerStepAdmin(HistoryAdmin):
    list_display = ["from_role", "to_role", "kind", "basis", "typical_years"]
    list_filter = ["basis", "kind"]
    list_select_related = ["from_role", "to_role"]
    search_fields = ["from_role__title", "to_role__title"]
    autocomplete_fields = ["from_role", "to_role", "source"]
    fields = ["from_role", "to_role", "kind", "basis", "source", "typical_years", "note"]


@admin.register(ArticleListing)
class ArticleListingAdmin(HistoryAdmin):
    """The article's lists of roles; a role may be in several."""

    list_display = ["title", "slug", "position", "source", "role_count"]
    list_select_related = ["source__cited_in"]
    search_fields = ["title", "slug", "note"]
    autocomplete_fields = ["source"]
    filter_horizontal = ["roles"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "note", "position", "source", "roles"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(role_count=Count("roles", distinct=True))

    @admin.display(description="roles", ordering="role_count")
    def role_count(self, obj):
        return obj.role_count
