"""The editors' "needs review" queue: old figures, and article figures far from the
official BLS median, listed on the admin index with the difference."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from careers.models import Role, RoleOccupation

TODAY = datetime.date(2026, 11, 29)
RECENT = datetime.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def review_settings(settings):
    settings.SALARY_STALE_MONTHS = 12
    settings.REVIEW_MEDIAN_DIFFERENCE_PCT = 25


def queued(today=TODAY):
    return {role.slug: role for role in Role.objects.needs_review(today)}


def official_median(slug):
    return Role.objects.with_official_median().get(slug=slug).official_median


def set_figures(slug, low=None, median=None, high=None, as_of=RECENT):
    Role.objects.filter(slug=slug).update(
        salary_low=low, salary_median=median, salary_high=high, salary_as_of=as_of
    )


@pytest.fixture
def calm():
    """Every role current and at its official median, or without one: an empty queue."""
    for role in Role.objects.with_official_median():
        if role.salary_as_of is not None:
            median = role.official_median or role.salary_median or role.salary_low
            set_figures(role.slug, median, median, median)
    assert queued() == {}


@pytest.fixture
def role(calm):
    slug = "data-scientist"
    assert official_median(slug), "the seed links the role to an occupation with a median"
    return slug


def test_a_median_just_within_the_share_is_not_listed_and_just_beyond_it_is(role):
    official = official_median(role)
    allowed = official * 25 // 100  # the largest difference of at most 25%, in dollars
    for article in (official + allowed, official - allowed):
        set_figures(role, article, article, article)
        assert role not in queued(), article
    set_figures(role, *(official + allowed + 1,) * 3)
    listed = queued()[role]
    assert listed.median_difference == allowed + 1 and not listed.figures_stale
    set_figures(role, *(official - allowed - 1,) * 3)
    assert queued()[role].median_difference == -(allowed + 1)


def test_without_a_median_the_middle_of_the_range_is_compared(role):
    official = official_median(role)
    set_figures(role, low=official, high=official * 2)  # the middle is 50% above
    listed = queued()[role]
    assert listed.article_figure == official * 3 // 2
    set_figures(role, low=official - 1_000, high=official + 1_000)
    assert role not in queued()


def test_missing_figures_or_no_occupation_are_not_compared(role):
    set_figures(role, low=None, median=None, high=None, as_of=None)
    assert role not in queued()
    set_figures(role, low=10_000, high=None)  # a low figure alone has no middle
    assert role not in queued()
    set_figures(role, *(10_000_000,) * 3)
    assert role in queued()
    RoleOccupation.objects.filter(role__slug=role).delete()
    assert role not in queued()


def test_figures_older_than_the_set_age_are_listed(role, settings):
    official = official_median(role)
    set_figures(role, *(official,) * 3, as_of=datetime.date(2025, 11, 28))
    assert queued()[role].figures_stale
    set_figures(role, *(official,) * 3, as_of=datetime.date(2025, 11, 29))
    assert role not in queued()
    settings.SALARY_STALE_MONTHS = 6
    set_figures(role, *(official,) * 3, as_of=datetime.date(2026, 5, 1))
    assert queued()[role].figures_stale


def test_the_share_is_a_setting(role, settings):
    official = official_median(role)
    set_figures(role, *(official * 115 // 100,) * 3)
    assert role not in queued()
    settings.REVIEW_MEDIAN_DIFFERENCE_PCT = 10
    assert role in queued()


def test_the_admin_index_lists_the_queue_for_editors_with_the_difference(
    role, editor_client, django_assert_max_num_queries
):
    official = official_median(role)
    set_figures(role, *(official * 3 // 2,) * 3)
    set_figures("robotics-engineer", 90_000, None, 140_000, as_of=datetime.date(2020, 5, 1))
    with django_assert_max_num_queries(12):
        response = editor_client.get(reverse("admin:index"))
    html = response.content.decode()
    queue = html.split('class="module review-queue"')[1].split("</section>")[0]
    assert "Needs review (2)" in queue
    difference = official * 3 // 2 - official
    share = round(100 * difference / official)
    assert f"+${difference:,} (+{share}%)" in queue
    assert "Data Scientist" in queue and "Robotics Engineer" in queue
    assert "2020-05-01" in queue and "(old)" in queue
    assert reverse("admin:careers_role_change", args=[Role.objects.get(slug=role).pk]) in queue


def test_staff_who_cannot_change_roles_see_no_queue(role, client):
    viewer = get_user_model().objects.create_user("viewer", password="x-long-password-2026")
    viewer.is_staff = True
    viewer.save()
    client.force_login(viewer)
    assert "review-queue" not in client.get(reverse("admin:index")).content.decode()


def test_a_difference_of_exactly_the_share_is_not_listed(role, settings):
    settings.REVIEW_MEDIAN_DIFFERENCE_PCT = 100  # the share in whole dollars, whatever the median
    official = official_median(role)
    set_figures(role, *(official * 2,) * 3)
    assert role not in queued()
    set_figures(role, *(official * 2 + 1,) * 3)
    assert role in queued()
