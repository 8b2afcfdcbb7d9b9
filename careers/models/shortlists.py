"""Advisors' shortlists: roles picked for a student or a class, shared by a secret link."""

import secrets
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careers.models.roles import Role


def new_shortlist_token():
    """An unguessable token for a shortlist's public address (22 URL-safe characters)."""
    return secrets.token_urlsafe(16)


class ShortlistQuerySet(models.QuerySet):
    def owned_by(self, user):
        """The shortlists `user` made."""
        return self.filter(owner=user)

    def live(self):
        """Shortlists whose public link works: not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)

    def for_public_page(self):
        """A shortlist with its published roles in order, each with its official pay
        (RoleQuerySet.with_official_median()), sources, core skills, credentials and the
        article's lists: seven queries however many roles it holds."""
        roles = (
            Role.objects.with_official_median()
            .with_skills_and_credentials()
            .prefetch_related("listings")
        )
        published = ShortlistItem.objects.filter(role__is_published=True)
        return self.prefetch_related(
            models.Prefetch("items", queryset=published),
            models.Prefetch("items__role", queryset=roles),
        )

    def withdraw(self, when=None):
        """Withdraw the live shortlists here; their links then say so. Returns how many.

        Saved one by one, so each withdrawal is kept in the history with who did it.
        """
        when = when or timezone.now()
        shortlists = list(self.live())
        for shortlist in shortlists:
            shortlist.withdrawn_at = when
            shortlist.save()
        return len(shortlists)

    def restore(self):
        """Bring withdrawn shortlists back at the same link. Returns how many."""
        shortlists = list(self.filter(withdrawn_at__isnull=False))
        for shortlist in shortlists:
            shortlist.withdrawn_at = None
            shortlist.save()
        return len(shortlists)


class Shortlist(models.Model):
    """Roles a careers advisor picked for a student or a class, shared by a secret link."""

    # PROTECT: students hold links to these lists, so deleting an advisor's account must
    # not silently break them. Deactivate the account instead, or have an administrator
    # give the lists to another advisor (or delete them) first.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="shortlists",
        help_text="The advisor who made the list; only they and administrators see it here.",
    )
    title = models.CharField(
        max_length=200,
        help_text="The page heading students see, e.g. “Year 12 computing: roles to explore”.",
    )
    introduction = models.TextField(
        blank=True, help_text="A few words for the student, shown above the roles."
    )
    token = models.CharField(
        max_length=32,
        unique=True,
        default=new_shortlist_token,
        editable=False,
        help_text="The secret part of the public link; anyone with the link can read the list.",
    )
    withdrawn_at = models.DateTimeField(
        "withdrawn",
        null=True,
        blank=True,
        help_text="When set, the public link says the advisor withdrew the list.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ShortlistQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self):
        return self.title

    def share_path(self):
        """The secret public address. Deliberately not get_absolute_url(): Django's
        generic "view on site" redirect would then hand the link to any staff user."""
        return reverse("careers:shortlist-detail", args=[self.token])

    def share_url(self):
        """The public link to paste into an email: absolute, from settings.SITE_URL,
        never from a request's Host header."""
        return settings.SITE_URL + self.share_path()

    def email_link(self):
        """A mailto: link with the list's title as subject and its link in the body."""
        body = f"Here are some roles I picked for you to look at:\n\n{self.share_url()}\n"
        return "mailto:?" + urlencode({"subject": self.title, "body": body}, quote_via=quote)

    def renew_link(self):
        """Revoke the current link (it then gives 404, as if it never existed) and give
        the list a new unguessable one. Saved, so the history records who did it."""
        self.token = new_shortlist_token()
        self.save(update_fields=["token", "updated_at"])

    def add_role(self, role, note=""):
        """Put `role` at the end of the list (once: adding it again changes nothing).
        Returns the item and whether it was new."""
        last = self.items.aggregate(last=models.Max("position"))["last"] or 0
        return self.items.get_or_create(role=role, defaults={"note": note, "position": last + 1})

    def move(self, item, places):
        """Move `item` (one of this list's) `places` up (negative) or down, keeping the
        others in order; positions are renumbered 1, 2, 3… and only changed ones saved."""
        items = list(self.items.all())
        index = items.index(item)
        items.insert(max(0, min(len(items) - 1, index + places)), items.pop(index))
        for position, each in enumerate(items, start=1):
            if each.position != position:
                each.position = position
                each.save(update_fields=["position"])

    def is_live(self):
        return self.withdrawn_at is None

    is_live.boolean = True
    is_live.short_description = "live"


class ShortlistItem(models.Model):
    """One role on a shortlist, with the advisor's note on why it is there."""

    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="items")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="shortlist_items")
    note = models.TextField(blank=True, help_text="Why this role, for this student.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "shortlisted role"
        constraints = [
            models.UniqueConstraint(fields=["shortlist", "role"], name="shortlist_lists_role_once"),
        ]

    def __str__(self):
        return f"{self.shortlist}: {self.role}"
