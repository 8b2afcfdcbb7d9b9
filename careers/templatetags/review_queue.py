"""The admin index's "needs review" queue for editors (RoleQuerySet.needs_review)."""

from dataclasses import dataclass

from django import template
from django.conf import settings

from careers import formatting
from careers.models import Role

register = template.Library()


@dataclass(frozen=True)
class ReviewItem:
    """A role in the queue and why it is there, as the index says it."""

    role: Role

    @property
    def stale(self):
        return self.role.figures_stale

    @property
    def far_from_official(self):
        role = self.role
        if role.median_difference is None or not role.official_median:
            return False
        allowed = role.official_median * settings.REVIEW_MEDIAN_DIFFERENCE_PCT
        return abs(role.median_difference) * 100 > allowed

    @property
    def difference(self):
        """ "+$50,000 (+50%)": the article figure against the official median."""
        role = self.role
        sign = "+" if role.median_difference > 0 else "−"
        share = round(100 * abs(role.median_difference) / role.official_median)
        return f"{sign}{formatting.usd(abs(role.median_difference))} ({sign}{share}%)"


@dataclass(frozen=True)
class ReviewQueue:
    items: list
    stale_months: int
    difference_pct: int


@register.simple_tag
def needs_review():
    """Every role in the queue, read in one query, with the settings that set it."""
    return ReviewQueue(
        items=[ReviewItem(role) for role in Role.objects.needs_review()],
        stale_months=settings.SALARY_STALE_MONTHS,
        difference_pct=settings.REVIEW_MEDIAN_DIFFERENCE_PCT,
    )
