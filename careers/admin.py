from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV
from simple_history.admin import SimpleHistoryAdmin

from careers.forms import (
    DeskRowForm,
    OewsConfirmForm,
    OewsImportForm,
    RoleForm,
    WageReleaseForm,
)
from careers.importing import RoleFiguresResource
from careers.models import (
    FIGURE_FIELD_NAMES,
    CareerStep,
    Credential,
    GuideEntry,
    Industry,
    Occupation,
    Role,
    RoleCredential,
    RoleOccupation,
    RoleSkill,
    SalaryFactor,
    Shortlist,
    ShortlistItem,
    Skill,
    Source,
    Statistic,
    WageEstimate,
    WageRelease,
)
from careers.templatetags.career_format import count, factor_figure, wage


class HistoryAdmin(SimpleHistoryAdmin):
    """The history of every change, for those who may view a record; only those who may
    change it may revert it. (django-simple-history saves a posted history form for
    anyone who may view the history, so an advisor who may only view roles could
    otherwise roll back an editor's figures.)"""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


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


class RoleOccupationInline(admin.TabularInline):
    model = RoleOccupation
    extra = 0
    fields = ["occupation", "note", "position"]
    autocomplete_fields = ["occupation"]
    verbose_name_plural = "closest official occupations (BLS)"


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
    resource_classes = [RoleFiguresResource]
    formats = [CSV]
    list_display = ["title", *FIGURE_FIELD_NAMES, "figures_are_current", "version"]
    list_editable = [*FIGURE_FIELD_NAMES, "version"]
    list_select_related = ["salary_source", "outlook_source"]
    list_filter = [
        SalaryFigureFilter,
        "is_published",
        "is_featured",
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
    inlines = [RoleSkillInline, RoleCredentialInline, CareerStepInline, RoleOccupationInline]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "summary", "description", "is_published", "is_featured"]},
        ),
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
        kwargs.setdefault("form", DeskRowForm)
        return super().get_changelist_form(request, **kwargs)


@admin.register(Skill)
class SkillAdmin(HistoryAdmin):
    list_display = ["name", "category"]
    list_filter = ["category"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Industry)
class IndustryAdmin(HistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Credential)
class CredentialAdmin(HistoryAdmin):
    list_display = ["name", "kind", "level"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    list_display = ["title", "publisher", "year"]
    list_filter = ["year"]
    search_fields = ["title", "author", "publisher", "slug"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(CareerStep)
class CareerStepAdmin(HistoryAdmin):
    list_display = ["from_role", "to_role", "kind", "typical_years"]
    list_filter = ["kind"]
    list_select_related = ["from_role", "to_role"]
    search_fields = ["from_role__title", "to_role__title"]
    autocomplete_fields = ["from_role", "to_role"]


@admin.register(Statistic)
class StatisticAdmin(HistoryAdmin):
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


@admin.register(SalaryFactor)
class SalaryFactorAdmin(HistoryAdmin):
    """Why pay varies: each factor with the figure its source gives, if any."""

    list_display = ["name", "figure", "source", "position"]
    list_editable = ["position"]
    list_filter = ["source", "figure_unit"]
    list_select_related = ["source"]
    search_fields = ["name", "slug", "summary", "explanation", "figure_statement"]
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "explanation", "source", "position"]}),
        (
            "Figure",
            {
                "description": (
                    "Only a figure the source gives, e.g. 15 to 25 per cent “more at technology "
                    "companies than elsewhere”. Leave every part empty when it gives none."
                ),
                "fields": [
                    ("figure_qualifier", "figure_low", "figure_high", "figure_unit"),
                    "figure_statement",
                ],
            },
        ),
    ]

    @admin.display(description="figure")
    def figure(self, factor):
        return factor_figure(factor) or "—"


@admin.register(GuideEntry)
class GuideEntryAdmin(HistoryAdmin):
    """The graduates' guide: next steps after the degree and students' questions."""

    list_display = ["title", "kind", "source", "position"]
    list_editable = ["position"]
    list_filter = ["kind", "source"]
    list_select_related = ["source"]
    search_fields = ["title", "slug", "body"]
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["kind", "title", "slug", "body", "source", "position"]


# --- Advisors' shortlists -----------------------------------------------------------


class ShortlistItemInline(admin.TabularInline):
    model = ShortlistItem
    extra = 1
    fields = ["position", "role", "note"]
    autocomplete_fields = ["role"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}
    }


@admin.register(Shortlist)
class ShortlistAdmin(HistoryAdmin):
    """Advisors' shortlists. Each advisor sees and edits only their own, by any admin
    page (list, change, delete, history); administrators see everyone's."""

    list_display = ["title", "item_count", "created_at", "is_live", "public_link"]
    list_select_related = ["owner"]
    search_fields = ["title"]
    readonly_fields = ["public_link", "token", "withdrawn_at", "created_at", "updated_at"]
    inlines = [ShortlistItemInline]
    actions = ["withdraw", "restore"]

    def get_queryset(self, request):
        shortlists = super().get_queryset(request).annotate(item_count=Count("items"))
        if request.user.is_superuser:
            return shortlists
        return shortlists.owned_by(request.user)

    def get_list_display(self, request):
        if request.user.is_superuser:
            return ["title", "owner", *self.list_display[1:]]
        return self.list_display

    def get_fields(self, request, obj=None):
        fields = ["title", "introduction"]
        if request.user.is_superuser:
            # Only administrators choose the owner (e.g. to hand lists on); advisors own
            # what they make.
            fields.append("owner")
        if obj is not None:
            # A new list's link exists only once it is saved.
            fields += ["public_link", "token", "withdrawn_at", "created_at", "updated_at"]
        return fields

    def get_changeform_initial_data(self, request):
        return {"owner": request.user.pk, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        if not change and not request.user.is_superuser:
            obj.owner = request.user
        super().save_model(request, obj, form, change)

    def is_owners(self, request, shortlist):
        return (
            shortlist is None or request.user.is_superuser or shortlist.owner_id == request.user.pk
        )

    # The queryset hides other advisors' lists from the list and change pages; these
    # object checks also cover the pages that do not go through it (the history views).
    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.is_owners(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.is_owners(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.is_owners(request, obj)

    @admin.display(description="roles", ordering="item_count")
    def item_count(self, shortlist):
        return shortlist.item_count

    @admin.display(description="public link")
    def public_link(self, shortlist):
        url = shortlist.share_path()
        return format_html('<a href="{}">{}</a>', url, url)

    @admin.action(description="Withdraw selected shortlists", permissions=["change"])
    def withdraw(self, request, queryset):
        count = queryset.withdraw()
        self.message_user(
            request,
            f"Withdrew {count} shortlist{'' if count == 1 else 's'}: "
            "the link now says the list was withdrawn.",
        )

    @admin.action(description="Restore selected shortlists", permissions=["change"])
    def restore(self, request, queryset):
        count = queryset.restore()
        self.message_user(
            request,
            f"Restored {count} shortlist{'' if count == 1 else 's'}: the link works again.",
        )


# --- Official wage data (BLS OEWS) ----------------------------------------------------

IMPORT_OEWS_PERMISSION = "careers.import_wageestimate"


def wage_column(field, description):
    """A read-only admin column (or field) showing one of an estimate's figures as the
    site says it: "$239,200 or more" when top-coded, "Not available" when BLS gives none."""

    @admin.display(description=description, ordering=field)
    def column(model_admin, estimate):
        return wage(estimate.wage(field), "short")

    return column


@admin.register(Occupation)
class OccupationAdmin(HistoryAdmin):
    """SOC occupations. They arrive with BLS files; editors may add one by hand to link a
    role to it before its figures are imported."""

    list_display = ["code", "title", "level", "role_count"]
    list_filter = ["level"]
    search_fields = ["code", "title"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(role_count=Count("role_links"))

    @admin.display(description="linked roles", ordering="role_count")
    def role_count(self, occupation):
        return occupation.role_count


@admin.register(WageRelease)
class WageReleaseAdmin(HistoryAdmin):
    """BLS's annual releases. Each is made by importing its file (the "Import a BLS OEWS
    file" page lives here); editors may correct its publication date and source."""

    form = WageReleaseForm
    list_display = ["name", "published", "source", "estimate_count"]
    list_select_related = ["source"]
    search_fields = ["name"]
    fields = ["name", "reference_month", "published", "source", "hourly_top_code"]
    # The top-code is what every "or more" figure of the release stores: changing it
    # would misstate them. A corrected release comes by importing its file again.
    readonly_fields = ["name", "reference_month", "hourly_top_code"]
    autocomplete_fields = ["source"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(estimate_count=Count("estimates"))

    @admin.display(description="estimates", ordering="estimate_count")
    def estimate_count(self, release):
        return release.estimate_count

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="careers_wagerelease_import",
            ),
            path(
                "import/confirm/",
                self.admin_site.admin_view(self.confirm_import_view),
                name="careers_wagerelease_import_confirm",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Step 1: the upload form; posted, a preview of what the import would change."""
        if not request.user.has_perm(IMPORT_OEWS_PERMISSION):
            raise PermissionDenied
        if request.method != "POST":
            return self.render_import_form(request, OewsImportForm())
        form = OewsImportForm(request.POST, request.FILES)
        if form.is_valid():
            report = form.preview()
            if report is not None:
                token = form.stage(request.user) if report.changes_anything else None
                return self.render_import_preview(request, form, report, token)
        return self.render_import_form(request, form)

    def confirm_import_view(self, request):
        """Step 2: import the previewed file, then show its release's estimates."""
        if not request.user.has_perm(IMPORT_OEWS_PERMISSION):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:careers_wagerelease_import"))
        confirmation = OewsConfirmForm(request.POST, user=request.user)
        report = confirmation.import_file() if confirmation.is_valid() else None
        if report is None:
            return self.render_import_form(
                request, OewsImportForm(), confirmation=confirmation, status=400
            )
        messages.success(request, " ".join(["Imported.", *report.summary_lines()]))
        release = WageRelease.objects.get(name=report.release)
        estimates = reverse("admin:careers_wageestimate_changelist")
        return HttpResponseRedirect(f"{estimates}?{urlencode({'release__id__exact': release.pk})}")

    def import_page_context(self, request, title, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "has_view_permission": self.has_view_permission(request),
            **context,
        }

    def render_import_form(self, request, form, confirmation=None, status=200):
        fieldsets = [(None, {"fields": list(form.fields)})]
        context = self.import_page_context(
            request,
            "Import a BLS OEWS file",
            adminform=helpers.AdminForm(form, fieldsets, {}, model_admin=self),
            errors=helpers.AdminErrorList(form, []),
            confirmation=confirmation,
        )
        return TemplateResponse(
            request, "admin/careers/wagerelease/import_form.html", context, status=status
        )

    def render_import_preview(self, request, form, report, token):
        other_changes = [c for c in report.changed if c.code not in report.linked_codes]
        context = self.import_page_context(
            request,
            f"Preview: OEWS {report.release}",
            report=report,
            other_changes=other_changes,
            file_name=form.cleaned_data["file"].name,
            confirmation=OewsConfirmForm(initial={"token": token}, user=request.user),
            token=token,
        )
        return TemplateResponse(request, "admin/careers/wagerelease/import_preview.html", context)


@admin.register(WageEstimate)
class WageEstimateAdmin(HistoryAdmin):
    """BLS's figures, read only for everyone: they come from BLS files alone, and a
    correction comes by importing the corrected file (Import a BLS OEWS file)."""

    list_display = [
        "occupation_code",
        "occupation_title",
        "release",
        "employment_count",
        "median",
        "p10",
        "p90",
        "hourly",
    ]
    list_filter = ["release", "occupation__level"]
    list_select_related = ["occupation", "release"]
    search_fields = ["occupation__code", "occupation__title"]
    fields = [
        "release",
        "occupation",
        "area_title",
        "employment_count",
        "mean",
        "p10",
        "p25",
        "median",
        "p75",
        "p90",
        "hourly",
        "annual_only",
        "hourly_only",
    ]
    readonly_fields = fields

    mean = wage_column("annual_mean", "annual mean")
    p10 = wage_column("annual_p10", "10th percentile")
    p25 = wage_column("annual_p25", "25th percentile")
    median = wage_column("annual_median", "median")
    p75 = wage_column("annual_p75", "75th percentile")
    p90 = wage_column("annual_p90", "90th percentile")
    # Not named after the field: the admin would show the field's bare value instead.
    hourly = wage_column("hourly_median", "hourly median")

    @admin.display(description="SOC code", ordering="occupation__code")
    def occupation_code(self, estimate):
        return estimate.occupation.code

    @admin.display(description="occupation", ordering="occupation__title")
    def occupation_title(self, estimate):
        return estimate.occupation.title

    @admin.display(description="employment", ordering="employment")
    def employment_count(self, estimate):
        return count(estimate.employment)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
