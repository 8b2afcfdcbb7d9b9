"""Figures derived the same way for every request, kept per content version: the scale
every salary bar is drawn on, the home page's counts by track and by the article's
lists, and how many roles each skill, industry and credential has. Each is an aggregate
over every published role (and, for the scale, their occupations' official estimates)
that costs more to build and run than to read back; computed once after each editor's
change (careers.content_version) and read from the cache until the next.

Only where the content version is exact (settings.FIGURE_CACHE_SECONDS): with a shared
cache, or in one process. Otherwise each figure is aggregated on every call.
"""

from django.conf import settings
from django.core.cache import cache

from careers import content_version
from careers.models import ArticleListing, Credential, Industry, Role, Skill, WageRelease


def per_content_version(name, compute):
    """compute(), or its value for the current content version if it has one."""
    seconds = settings.FIGURE_CACHE_SECONDS
    if not seconds:
        return compute()
    key = f"careers:{name}:{content_version.current()}"
    # Kept in a tuple: a figure may be None (no role has a salary yet), as a missed get is.
    found = cache.get(key)
    if found is None:
        found = (compute(),)
        cache.set(key, found, seconds)
    return found[0]


def site_salary_scale():
    """Role.objects.site_salary_scale(): the one scale every page draws its bars on."""
    return per_content_version("salary-scale", Role.objects.site_salary_scale)


def track_counts():
    """Role.objects.published().counts_by_track(): how many published roles each track
    holds, as the home page lists them."""
    return per_content_version("track-counts", Role.objects.published().counts_by_track)


def listings_with_role_counts():
    """The article's lists, each with `role_count`, its published roles
    (ArticleListing.objects.with_published_role_counts())."""
    return per_content_version(
        "listing-counts", lambda: list(ArticleListing.objects.with_published_role_counts())
    )


def skills_by_category():
    """Every skill with `role_count`, its published roles, grouped by category
    (SkillQuerySet.grouped_by_category)."""
    return per_content_version(
        "skill-counts", lambda: Skill.objects.with_role_counts().grouped_by_category()
    )


def industries_with_role_counts():
    """Every industry with `role_count`, its published roles."""
    return per_content_version("industry-counts", lambda: list(Industry.objects.with_role_counts()))


def credentials_with_role_counts():
    """Every credential with `role_count`, its published roles."""
    return per_content_version(
        "credential-counts", lambda: list(Credential.objects.with_role_counts())
    )


def wage_releases():
    """Every BLS release, by primary key, with its source and where we read that: a few,
    one a year. A page reading hundreds of estimates attaches these to them
    (attach_releases) rather than joining three tables to every row."""
    return per_content_version(
        "wage-releases",
        lambda: {
            release.pk: release
            for release in WageRelease.objects.select_related("source__cited_in")
        },
    )


def newest_wage_release():
    """The newest release (with its source), as the official data and places pages
    name it; None before the first import."""
    return max(wage_releases().values(), key=lambda release: release.reference_month, default=None)


def attach_releases(estimates):
    """Set each estimate's release (with its source) from wage_releases(); the list."""
    releases = wage_releases()
    estimates = list(estimates)
    for estimate in estimates:
        estimate.release = releases[estimate.release_id]
    return estimates
