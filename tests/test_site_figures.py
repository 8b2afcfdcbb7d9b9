"""The figures every page derives from all published roles (careers.site_figures) are
aggregated once per content version where that version is exact, and follow an
editor's change on the next request; elsewhere they are aggregated each time."""

import pytest

from careers import site_figures
from careers.charts import SalaryScale
from careers.models import Role, WageEstimate, WageRelease


def test_the_salary_scale_is_aggregated_once_until_an_editor_changes_a_role(
    make_role, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert site_figures.site_salary_scale() == SalaryScale(300_000)
    with django_assert_num_queries(0):
        assert site_figures.site_salary_scale() == SalaryScale(300_000)
    make_role(salary_high=450_000)
    with django_assert_num_queries(1):
        assert site_figures.site_salary_scale() == SalaryScale(500_000)


def test_the_counts_by_track_follow_an_unpublished_role(django_assert_num_queries):
    before = dict((value, count) for value, _, count in site_figures.track_counts())
    role = Role.objects.published().filter(track=Role.Track.CORE).first()
    role.is_published = False
    role.save()
    with django_assert_num_queries(1):
        after = dict((value, count) for value, _, count in site_figures.track_counts())
    assert after == {**before, Role.Track.CORE: before[Role.Track.CORE] - 1}
    assert site_figures.track_counts() == Role.objects.published().counts_by_track()


@pytest.mark.parametrize("name", ["site_salary_scale", "track_counts"])
def test_without_an_exact_content_version_each_figure_is_aggregated_every_time(
    name, settings, django_assert_num_queries
):
    settings.FIGURE_CACHE_SECONDS = 0
    figure = getattr(site_figures, name)
    first = figure()
    with django_assert_num_queries(1):
        assert figure() == first


def test_no_salary_at_all_is_kept_as_no_scale_rather_than_asked_again(django_assert_num_queries):
    Role.objects.all().delete()
    with django_assert_num_queries(1):
        assert site_figures.site_salary_scale() is None
    with django_assert_num_queries(0):
        assert site_figures.site_salary_scale() is None


def test_the_lists_role_counts_follow_an_unpublished_role(django_assert_num_queries):
    def counts():
        return {
            listing.slug: listing.role_count for listing in site_figures.listings_with_role_counts()
        }

    before = counts()
    with django_assert_num_queries(0):
        assert counts() == before
    role = Role.objects.published().filter(listings__isnull=False).first()
    listed_in = set(role.listings.values_list("slug", flat=True))
    role.is_published = False
    role.save()
    after = counts()
    assert after == {slug: n - (slug in listed_in) for slug, n in before.items()}


@pytest.mark.parametrize(
    ("environment", "kept_for"),
    [
        ({"REDIS_URL": "redis://127.0.0.1:1/0"}, 86400),  # every worker shares the version
        ({"DJANGO_DEBUG": "true"}, 86400),  # runserver: one process
        ({}, 0),  # gunicorn's workers, each with its own version
        ({"DJANGO_FIGURE_CACHE_SECONDS": "60"}, 60),
    ],
)
def test_figures_are_kept_only_where_the_content_version_is_exact(
    monkeypatch, environment, kept_for
):
    import importlib

    from careerguide import settings as project_settings

    for name in ("REDIS_URL", "DJANGO_DEBUG", "DJANGO_FIGURE_CACHE_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    try:
        reloaded = importlib.reload(project_settings)
        assert kept_for == reloaded.FIGURE_CACHE_SECONDS
    finally:
        monkeypatch.undo()
        importlib.reload(project_settings)


def skill_counts():
    return {s.slug: s.role_count for _, skills in site_figures.skills_by_category() for s in skills}


def industry_counts():
    return {i.slug: i.role_count for i in site_figures.industries_with_role_counts()}


def credential_counts():
    return {c.slug: c.role_count for c in site_figures.credentials_with_role_counts()}


@pytest.mark.parametrize(
    ("counts", "links"),
    [
        (skill_counts, "skills"),
        (industry_counts, "industries"),
        (credential_counts, "credentials"),
    ],
)
def test_the_catalogues_role_counts_are_kept_until_a_role_is_unpublished(
    counts, links, django_assert_num_queries
):
    before = counts()
    with django_assert_num_queries(0):
        assert counts() == before
    role = Role.objects.get(slug="data-scientist")
    its = set(getattr(role, links).values_list("slug", flat=True))
    assert its
    role.is_published = False
    role.save()
    assert counts() == {slug: n - (slug in its) for slug, n in before.items()}


def test_the_wage_releases_are_read_once_until_an_editor_corrects_one(
    django_assert_num_queries,
):
    with django_assert_num_queries(1):
        releases = site_figures.wage_releases()
    (release,) = releases.values()
    with django_assert_num_queries(0):
        assert site_figures.wage_releases()[release.pk].source.title == release.source.title
    release.name = "May 2025 (revised)"
    release.save()
    with django_assert_num_queries(1):
        assert site_figures.wage_releases()[release.pk].name == "May 2025 (revised)"


def test_estimates_are_given_their_release_and_source_without_a_query(
    django_assert_num_queries,
):
    site_figures.wage_releases()
    estimates = list(WageEstimate.objects.national().filter(occupation__code="15-2051"))
    with django_assert_num_queries(0):
        (estimate,) = site_figures.attach_releases(estimates)
        assert estimate.release.source.publisher == "U.S. Bureau of Labor Statistics"


def test_the_newest_release_is_the_latest_reference_month_and_none_before_any(
    django_assert_num_queries,
):
    newest = site_figures.newest_wage_release()
    assert newest.name == "May 2025" and newest.source.publisher
    WageEstimate.objects.all().delete()
    WageRelease.objects.all().delete()
    with django_assert_num_queries(1):
        assert site_figures.newest_wage_release() is None
