"""The catalogue: skills (with their other names, and merging two into one),
industries, credentials and sources."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count
from django.template.response import TemplateResponse

from careers.formatting import counted
from careers.history_admin import HistoryAdmin
from careers.merging import merge_skills
from careers.models import (
    Credential,
    Industry,
    Skill,
    SkillAlias,
    Source,
)


class SkillAliasInline(admin.TabularInline):
    model = SkillAlias
    extra = 1
    fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    verbose_name_plural = "other names (abbreviations, the article's wording, merged skills)"


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
    list_display = ["name", "slug", "official_codes"]
    search_fields = ["name", "slug", "description", "official_industries__naics"]
    prepopulated_fields = {"slug": ["name"]}
    # A chooser with its own search box: every official industry is a choice (a few
    # hundred), and editors need no permission on the records the BLS import makes.
    filter_horizontal = ["official_industries"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("official_industries")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "official_industries":
            # Editors choose by code as much as by title ("541500").
            field.label_from_instance = lambda industry: industry.coded_title
        return field

    @admin.display(description="official (NAICS) industries")
    def official_codes(self, industry):
        return ", ".join(official.naics for official in industry.official_industries.all()) or "—"


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

    def get_queryset(self, request):
        # A second-hand source's label names the source it was read in (Source.__str__);
        # this also serves the source boxes' search results.
        return super().get_queryset(request).select_related("cited_in")
