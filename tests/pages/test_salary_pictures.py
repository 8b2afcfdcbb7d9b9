"""Salary ranges are drawn, not only written: the chart system (careers.charts) puts the
article's range and BLS's 10th to 90th percentile on one shared dollar axis, with the
figures as text beside each bar; a role without a figure gets no bar, and says so quietly."""

import pytest

from careers.charts import SalaryScale, round_up
from careers.models import Role, RoleOccupation
from tests.helpers import cards
from tests.helpers.charts import axis_labels, drawn_bars, units


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


def test_the_home_page_draws_on_a_scale_that_follows_a_new_role_at_once(client, make_role):
    assert "one scale: $300,000 a year at its right end" in client.get("/").content.decode()
    make_role(salary_high=450_000, track=Role.Track.SPECIALISM)
    assert "one scale: $500,000 a year at its right end" in client.get("/").content.decode()


def test_directory_cards_draw_each_range_to_scale_beside_the_written_figures(client, settings):
    settings.ROLES_PER_PAGE = 50
    html = client.get("/roles/").content.decode()
    assert "one scale: $300,000 a year at its right end" in html
    shown = cards(html)
    for role in Role.objects.published():
        card = shown[role.title]
        if role.has_any_salary:
            (bar,) = drawn_bars(card, "article")
            assert bar.start == units(role.salary_low)
            assert bar.end == units(role.salary_high)
            assert f"Article: ${role.salary_low:,} – ${role.salary_high:,}" in card
            assert 'aria-hidden="true"' in bar.svg
        else:
            assert drawn_bars(card, "article") == [], role.title
            assert "The article gives no salary for this role." in card
        # Every card that draws a bar has the axis under it.
        assert len(axis_labels(card)) == (1 if drawn_bars(card) else 0)


def test_every_chart_has_a_labelled_dollar_axis_the_same_on_every_page(client):
    for path in (
        "/",
        "/roles/",
        "/roles/data-scientist/",
        "/industries/finance/",
        "/compare/?roles=data-scientist&roles=robotics-engineer",
        "/official-data/",
    ):
        labels = axis_labels(client.get(path).content.decode())
        assert labels, path
        assert all(each == ["$0", "$100k", "$200k", "$300k"] for each in labels), path


def test_bars_on_a_hand_made_catalogue_have_the_right_relative_lengths(client, make_role):
    Role.objects.all().delete()
    make_role(title="Narrow", salary_low=50_000, salary_high=100_000)
    make_role(title="Wide", salary_low=100_000, salary_high=200_000)
    make_role(title="Median only", salary_median=150_000)
    make_role(title="With median", salary_low=40_000, salary_median=60_000, salary_high=80_000)
    make_role(title="Unknown")
    shown = cards(client.get("/roles/").content.decode())
    # The highest figure, $200,000, makes the scale $0 to $200,000: 240 units.
    narrow, wide = drawn_bars(shown["Narrow"])[0], drawn_bars(shown["Wide"])[0]
    assert (narrow.start, narrow.end) == (60.0, 120.0)
    assert (wide.start, wide.end) == (120.0, 240.0)
    assert wide.end - wide.start == 2 * (narrow.end - narrow.start)
    median_only = drawn_bars(shown["Median only"])[0]
    assert (median_only.start, median_only.end, median_only.median) == (180.0, None, 180.0)
    with_median = drawn_bars(shown["With median"])[0]
    assert (with_median.start, with_median.end, with_median.median) == (48.0, 96.0, 72.0)
    assert "$40,000 – $80,000 (median $60,000)" in shown["With median"]
    assert drawn_bars(shown["Unknown"]) == []
    assert axis_labels(shown["Wide"]) == [["$0", "$50k", "$100k", "$150k", "$200k"]]


def test_no_bars_and_no_legend_when_no_role_has_a_figure(client, make_role):
    Role.objects.all().delete()
    make_role(title="Unknown")
    html = client.get("/roles/").content.decode()
    assert drawn_bars(html) == [] and "one scale" not in html
    assert "The article gives no salary for this role." in html


def test_the_role_page_draws_its_range_and_a_role_without_figures_says_so_quietly(client):
    html = client.get("/roles/robotics-engineer/").content.decode()
    (article,) = drawn_bars(html, "article")
    assert (article.start, article.end) == (units(90_000), units(140_000))
    assert "$90,000 – $140,000" in html
    RoleOccupation.objects.filter(role__slug="ai-specialist").delete()
    html = client.get("/roles/ai-specialist/").content.decode()
    assert drawn_bars(html) == []
    assert '<dd class="quiet">The article gives no salary for this role.</dd>' in html
    assert "pay-headline" not in html  # nothing to headline


def test_without_an_article_figure_the_official_median_is_the_headline(client):
    html = client.get("/roles/ai-specialist/").content.decode()
    headline = html.split('<dd class="pay-headline">')[1].split("</dd>")[0]
    assert "$135,980" in headline and "official median" in headline
    assert '<dd class="quiet">The article gives no salary for this role.</dd>' in html
    assert "No figure yet" not in html


def test_the_compare_page_draws_every_role_on_the_same_scale(client):
    html = client.get(
        "/compare/",
        {"roles": ["research-scientist", "robotics-engineer", "ai-specialist"]},
    ).content.decode()
    articles = [(bar.start, bar.end) for bar in drawn_bars(html, "article")]
    assert articles == [(units(120_000), units(180_000)), (units(90_000), units(140_000))]
    assert "one scale: $300,000 a year at its right end" in html


def test_an_industry_page_draws_its_roles_bars(client):
    html = client.get("/industries/finance/").content.decode()
    roles = Role.objects.filter(industries__slug="finance")
    assert len(drawn_bars(html.split("Official pay in")[0], "article")) == sum(
        1 for role in roles if role.has_any_salary
    )
