"""Advisors' shortlists: each advisor sees and edits only their own."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.html import format_html

from careers.formatting import counted
from careers.history_admin import HistoryAdmin
from careers.models import (
    Shortlist,
    ShortlistItem,
)


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
        # Absolute, from settings.SITE_URL, so it can be pasted into an email as it is.
        url = shortlist.share_url()
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
