"""Salary ranges are drawn, not only written: one bar per role on one shared scale,
with the figures as text beside it; roles without a figure get no bar."""

import re

import pytest

from careers.models import Role, RoleOccupation
from careers.salary_scale import SalaryScale, round_up
from tests.helpers import cards

BAR = re.compile(r'<svg class="salary-bar"[^>]*>.*?</svg>', re.S)


def bars(html):
    return BAR.findall(html)


def geometry(svg):
    """(start, width) of a range bar, or (position, 0) of a single-figure marker."""
    bar = re.search(r'class="salary-bar-range" x="([\d.]+)" y="1" width="([\d.]+)"', svg)
    if bar:
        return float(bar.group(1)), float(bar.group(2))
    point = re.search(r'class="salary-bar-point" x1="([\d.]+)"', svg)
    return float(point.group(1)), 0.0


@pytest.mark.parametrize(
    ("highest", "scale"),
    [
        (180_000, 200_000),
        (160_000, 200_000),
        (110_000, 120_000),
        (42_000, 50_000),
        (100_000, 100_000),
        (1_000_000, 1_000_000),
        (1, 1),
    ],
)
def test_the_scale_ends_on_a_round_number_at_or_above_the_highest_figure(highest, scale):
    assert round_up(highest) == scale


def test_the_scale_is_one_query_over_published_roles_only(make_role, django_assert_num_queries):
    RoleOccupation.objects.all().delete()  # the article's figures alone
    with django_assert_num_queries(1):
        scale = Role.objects.published().salary_scale()
    assert scale == SalaryScale(200_000)  # the research scientist's $180,000, rounded up
    make_role(salary_low=300_000, salary_high=450_000, is_published=False)
    assert Role.objects.published().salary_scale() == SalaryScale(200_000)
    make_role(salary_median=230_000)  # a median alone also counts
    assert Role.objects.published().salary_scale() == SalaryScale(250_000)


def test_the_scale_also_covers_the_official_figures_drawn_beside_the_article(
    django_assert_num_queries,
):
    # The product manager's official occupation (computer and information systems
    # managers) has the highest 90th percentile linked: $297,510.
    with django_assert_num_queries(1):
        assert Role.objects.published().salary_scale() == SalaryScale(300_000)
    Role.objects.filter(slug="product-manager").update(is_published=False)
    # Next highest: research scientists' $230,630.
    assert Role.objects.published().salary_scale() == SalaryScale(250_000)


def test_directory_cards_draw_each_range_to_scale_beside_the_written_figures(client, settings):
    settings.ROLES_PER_PAGE = 50
    html = client.get("/roles/").content.decode()
    assert "one scale, from $0 to $300,000 a year" in html
    shown = cards(html)
    for role in Role.objects.published():
        card = shown[role.title]
        if role.has_any_salary:
            (svg,) = bars(card)
            start, width = geometry(svg)
            assert start == pytest.approx(role.salary_low / 3_000, abs=0.01)
            assert width == pytest.approx((role.salary_high - role.salary_low) / 3_000, abs=0.01)
            assert f"${role.salary_low:,} – ${role.salary_high:,}" in card
            assert 'aria-hidden="true"' in svg
        else:
            assert bars(card) == [], role.title
            assert "No figure yet" in card


def test_bars_on_a_hand_made_catalogue_have_the_right_relative_widths(client, make_role):
    Role.objects.all().delete()
    make_role(title="Narrow", salary_low=50_000, salary_high=100_000)
    make_role(title="Wide", salary_low=100_000, salary_high=200_000)
    make_role(title="Median only", salary_median=150_000)
    make_role(title="With median", salary_low=40_000, salary_median=60_000, salary_high=80_000)
    make_role(title="Unknown")
    shown = cards(client.get("/roles/").content.decode())
    assert geometry(bars(shown["Narrow"])[0]) == (25.0, 25.0)
    assert geometry(bars(shown["Wide"])[0]) == (50.0, 50.0)
    assert geometry(bars(shown["Median only"])[0]) == (75.0, 0.0)
    with_median = bars(shown["With median"])[0]
    assert geometry(with_median) == (20.0, 20.0)
    assert 'class="salary-bar-median" x1="30"' in with_median
    assert "$40,000 – $80,000 (median $60,000)" in shown["With median"]
    assert bars(shown["Unknown"]) == []


def test_no_bars_and_no_scale_note_when_no_role_has_a_figure(client, make_role):
    Role.objects.all().delete()
    make_role(title="Unknown")
    html = client.get("/roles/").content.decode()
    assert bars(html) == [] and "one scale" not in html
    assert "No figure yet" in html


def test_the_role_page_draws_its_range_and_a_role_without_figures_says_so(client):
    html = client.get("/roles/robotics-engineer/").content.decode()
    (svg,) = bars(html)
    assert geometry(svg) == (30.0, 16.67)  # $90,000 – $140,000 of $300,000
    assert "$90,000 – $140,000" in html
    html = client.get("/roles/ai-specialist/").content.decode()
    assert bars(html) == [] and "No figure yet" in html


def test_the_compare_page_draws_every_role_on_the_same_scale(client):
    html = client.get(
        "/compare/",
        {"roles": ["research-scientist", "robotics-engineer", "ai-specialist"]},
    ).content.decode()
    assert [geometry(svg) for svg in bars(html)] == [(40.0, 20.0), (30.0, 16.67)]
    assert "one scale, from $0 to $300,000 a year" in html


def test_an_industry_page_draws_its_roles_bars(client):
    html = client.get("/industries/finance/").content.decode()
    assert len(bars(html)) == sum(
        1 for role in Role.objects.filter(industries__slug="finance") if role.has_any_salary
    )
