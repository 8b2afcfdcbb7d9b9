"""The admin for official wage data: SOC occupations, BLS's releases with the "Import a
BLS OEWS file" pages (upload, preview, confirm), and the estimates, read only."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode

from careers.formatting import count, wage
from careers.history_admin import HistoryAdmin
from careers.official.forms import (
    OewsConfirmForm,
    OewsImportForm,
    WageReleaseForm,
    add_import_errors,
)
from careers.official.models import Occupation, RoleOccupation, WageEstimate, WageRelease
from careers.official.places import Area, NaicsIndustry
from careers.official.previews import PreviewRefused, confirm_import, preview_import
from careers.official.reading import OewsFileError

IMPORT_OEWS_PERMISSION = "careers.import_wageestimate"


class RoleOccupationInline(admin.TabularInline):
    model = RoleOccupation
    extra = 0
    fields = ["occupation", "note", "position"]
    autocomplete_fields = ["occupation"]
    verbose_name_plural = "closest official occupations (BLS)"


def wage_column(field, description):
    """A read-only admin column (or field) showing one of an estimate's figures as the
    site says it: "$239,200 or more" when top-coded, "Not available" when BLS gives none."""

    @admin.display(description=description, ordering=field)
    def column(model_admin, estimate):
        return wage(estimate.wage(field), short=True)

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
            try:
                report, token = preview_import(
                    form.file_data, **form.import_arguments(), user=request.user
                )
            except (OewsFileError, ValueError) as error:
                add_import_errors(form, "file", error)
            else:
                return self.render_import_preview(request, form, report, token)
        return self.render_import_form(request, form)

    def confirm_import_view(self, request):
        """Step 2: import the previewed file, then show its release's estimates."""
        if not request.user.has_perm(IMPORT_OEWS_PERMISSION):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:careers_wagerelease_import"))
        confirmation = OewsConfirmForm(request.POST)
        report = None
        if confirmation.is_valid():
            try:
                report = confirm_import(confirmation.cleaned_data["token"], user=request.user)
            except PreviewRefused as refusal:
                confirmation.add_error("token", ValidationError(refusal.message, refusal.code))
            except (OewsFileError, ValueError) as error:
                add_import_errors(confirmation, None, error)
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
            confirmation=OewsConfirmForm(initial={"token": token}),
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
        "area",
        "industry",
        "release",
        "employment_count",
        "median",
        "p10",
        "p90",
        "hourly",
    ]
    list_filter = ["release", "area__kind", "industry__level", "occupation__level"]
    list_select_related = ["occupation", "release", "area", "industry"]
    search_fields = ["occupation__code", "occupation__title", "area__title", "industry__title"]
    fields = [
        "release",
        "occupation",
        "area",
        "industry",
        "employment_count",
        "jobs_per_1000",
        "location_quotient",
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


class ImportedRecordAdmin(admin.ModelAdmin):
    """Records the OEWS import makes from BLS's files; editors read them here."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Area)
class AreaAdmin(ImportedRecordAdmin):
    list_display = ["title", "kind", "code", "states"]
    list_filter = ["kind"]
    search_fields = ["title", "code", "states"]


@admin.register(NaicsIndustry)
class NaicsIndustryAdmin(ImportedRecordAdmin):
    list_display = ["naics", "title", "ownership", "level"]
    list_filter = ["level", "ownership"]
    search_fields = ["naics", "title", "site_industries__name"]
