"""The admin for curated content: the salary desk (roles), the catalogue, the guide's
content and advisors' shortlists. Official wage data has its own admin module,
careers.official.admin, registered from here."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import models
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from import_export.admin import ImportExportMixin

from careers.formatting import counted, factor_figure
from careers.forms import DeskRowForm, RoleForm
from careers.history_admin import HistoryAdmin
from careers.importing import RoleFiguresResource
from careers.merging import merge_skills
from careers.models import (
    FIGURE_FIELD_NAMES,
    PLACEMENT_FIELDS,
    ArticleListing,
    CareerStep,
    Credential,
    FieldSalaryRange,
    GraduateQuote,
    GuideEntry,
    Industry,
    KeyPoint,
    Role,
    RoleCredential,
    RoleSkill,
    SalaryFactor,
    Shortlist,
    ShortlistItem,
    Skill,
    SkillAlias,
    Source,
    Statistic,
)
from careers.official.admin import RoleOccupationInline
from careers.spreadsheets import SafeCSV


class SkillAliasInline(admin.TabularInline):
    model = SkillAlias
    extra = 1
    fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    verbose_name_plural = "other names (abbreviations, the article's wording, merged skills)"


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
    resource_classes = [RoleFiguresResource]
    formats = [SafeCSV]
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
    list_display = ["name", "category", "other_names"]
    list_filter = ["category"]
    search_fields = ["name", "slug", "description", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SkillAliasInline]
    actions = ["merge"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="other names")
    def other_names(self, skill):
        return ", ".join(alias.name for alias in skill.aliases.all()) or "—"

    def has_merge_permission(self, request):
        return request.user.has_perm("careers.merge_skill")

    @admin.action(description="Merge the selected skills into one", permissions=["merge"])
    def merge(self, request, queryset):
        """First a page to choose which skill to keep, then the merge itself."""
        skills = list(queryset.annotate(role_count=Count("roles", distinct=True)))
        if len(skills) < 2:
            self.message_user(request, "Choose two or more skills to merge.", messages.WARNING)
            return None
        kept = next((skill for skill in skills if str(skill.pk) == request.POST.get("keep")), None)
        if kept is None:
            return TemplateResponse(
                request,
                "admin/careers/skill/merge.html",
                {
                    **self.admin_site.each_context(request),
                    "opts": self.opts,
                    "title": "Merge skills",
                    "skills": skills,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
            )
        moved = sum(
            merge_skills(skill, kept, user=request.user) for skill in skills if skill != kept
        )
        self.message_user(
            request,
            f"Merged {counted(len(skills) - 1, 'skill')} into {kept.name} "
            f"({counted(moved, 'role link')} moved); their old names and addresses now "
            f"lead to {kept.name}.",
        )
        return None


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
    autocomplete_fields = ["skills"]


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    list_display = ["title", "publisher", "year", "cited_in"]
    list_filter = ["year"]
    list_select_related = ["cited_in"]
    search_fields = ["title", "author", "publisher", "slug"]
    autocomplete_fields = ["cited_in"]
    prepopulated_fields = {"slug": ["title"]}


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
    list_select_related = ["source"]
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
                    "Only a figure the source gives, e.g. 15 to 25 percent “more at technology "
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


@admin.register(FieldSalaryRange)
class FieldSalaryRangeAdmin(HistoryAdmin):
    """The field's overall salary range, as the source states it (home and pay pages)."""

    list_display = ["statement", "low", "high_qualifier", "high", "source", "position"]
    list_select_related = ["source"]
    search_fields = ["statement", "slug"]
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["statement"]}
    fields = [
        "statement",
        "slug",
        ("low_qualifier", "low"),
        ("high_qualifier", "high"),
        "source",
        "position",
    ]


@admin.register(KeyPoint)
class KeyPointAdmin(HistoryAdmin):
    """The key things to know, on the home page."""

    list_display = ["title", "source", "position"]
    list_editable = ["position"]
    list_select_related = ["source"]
    search_fields = ["title", "slug", "body"]
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "body", "source", "position"]


@admin.register(GraduateQuote)
class GraduateQuoteAdmin(HistoryAdmin):
    """Graduates' words, word for word, on the guide page."""

    list_display = ["attribution", "text", "source", "position"]
    list_editable = ["position"]
    list_filter = ["source"]
    list_select_related = ["source"]
    search_fields = ["attribution", "text", "context", "slug"]
    autocomplete_fields = ["source"]
    fields = ["text", "attribution", "context", "slug", "source", "position"]


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
            f"Withdrew {counted(count, 'shortlist')}: the link now says the list was withdrawn.",
        )

    @admin.action(description="Restore selected shortlists", permissions=["change"])
    def restore(self, request, queryset):
        count = queryset.restore()
        self.message_user(
            request,
            f"Restored {counted(count, 'shortlist')}: the link works again.",
        )
