"""The chart system's geometry (careers.charts): where bars, medians, open ends and the
axis's labelled steps sit, in drawing units, whatever page draws them."""

from types import SimpleNamespace

import pytest

from careers.charts import CHART_WIDTH, OPEN_END_LENGTH, Bar, SalaryScale, dollars_short, tick_step

SCALE = SalaryScale(300_000)  # the seed data's scale: 240 units for $300,000


def estimate(p10, p25, median, p75, p90, *, p90_top_coded=False):
    figures = {"p10": p10, "p25": p25, "median": median, "p75": p75, "p90": p90}
    fields = {f"annual_{name}": value for name, value in figures.items()}
    flags = {f"annual_{name}_top_coded": name == "p90" and p90_top_coded for name in figures}
    return SimpleNamespace(**fields, **flags)


@pytest.mark.parametrize(
    ("maximum", "labels"),
    [
        (300_000, ["$0", "$100k", "$200k", "$300k"]),
        (250_000, ["$0", "$50k", "$100k", "$150k", "$200k", "$250k"]),
        (200_000, ["$0", "$50k", "$100k", "$150k", "$200k"]),
        (120_000, ["$0", "$25k", "$50k", "$75k", "$100k"]),
        (1_000_000, ["$0", "$200k", "$400k", "$600k", "$800k", "$1M"]),
        (2_500, ["$0", "$500", "$1k", "$1.5k", "$2k", "$2.5k"]),
    ],
)
def test_the_axis_counts_in_round_steps_with_at_most_five_intervals(maximum, labels):
    ticks = SalaryScale(maximum).ticks()
    assert [tick.label for tick in ticks] == labels
    assert ticks[0].x == 0 and ticks[0].anchor == "start"
    assert ticks[-1].anchor == "end"
    assert all(tick.anchor == "middle" for tick in ticks[1:-1])
    assert 2 <= len(ticks) <= 6


def test_the_axis_ends_on_the_scales_end_whenever_a_round_step_allows():
    for maximum in (150_000, 200_000, 300_000, 400_000, 500_000, 1_000_000):
        assert maximum % tick_step(maximum) == 0
        assert SalaryScale(maximum).ticks()[-1].x == CHART_WIDTH


def test_ticks_sit_in_proportion_along_the_chart():
    assert [tick.x for tick in SCALE.ticks()] == [0, 80, 160, 240]
    assert [tick.x for tick in SalaryScale(200_000).ticks()] == [0, 60, 120, 180, 240]


@pytest.mark.parametrize(
    ("amount", "label"),
    [(0, "$0"), (500, "$500"), (2_500, "$2.5k"), (50_000, "$50k"), (1_500_000, "$1.5M")],
)
def test_axis_labels_are_short_dollars(amount, label):
    assert dollars_short(amount) == label


def test_a_range_runs_from_its_low_to_its_high_figure_with_the_median_marked():
    bar = SCALE.span(90_000, 115_000, 150_000)
    assert bar == Bar(start=72.0, end=120.0, median=92.0)
    assert bar.is_range and bar.width == 48.0 and not bar.open_end


def test_a_single_figure_is_a_marker_centred_on_it_and_kept_inside_the_chart():
    bar = SCALE.span(None, 150_000, None)
    assert not bar.is_range and bar.width == 0
    assert bar.start == 120.0 and bar.marker_x == 118.0
    assert SCALE.span(0, None, None).marker_x == 0
    assert SCALE.span(300_000, None, None).marker_x == CHART_WIDTH - 4


def test_no_figure_draws_nothing():
    assert SCALE.span(None, None, None) is None
    assert SCALE.distribution(estimate(None, None, None, None, None)) is None


def test_an_official_bar_spans_the_10th_to_the_90th_percentile_with_its_median():
    bar = SCALE.distribution(estimate(67_240, 85_660, 120_230, 158_880, 199_130))
    assert (bar.start, bar.end, bar.median) == (53.79, 159.3, 96.18)
    assert not bar.open_end


def test_a_top_coded_90th_percentile_leaves_the_bar_open_past_it():
    bar = SCALE.distribution(
        estimate(90_000, 120_000, 160_000, 200_000, 239_200, p90_top_coded=True)
    )
    assert bar.open_end
    assert bar.tip == SCALE.position(239_200)
    assert bar.open_to == pytest.approx(bar.tip + OPEN_END_LENGTH)
    assert bar.arrowhead_x == bar.open_to - 4


def test_a_missing_percentile_falls_back_to_the_nearest_published_one():
    bar = SCALE.distribution(estimate(None, 85_000, 120_000, 158_000, None))
    assert (bar.start, bar.end) == (SCALE.position(85_000), SCALE.position(158_000))


def test_a_figure_past_the_scales_end_is_clamped_and_drawn_open():
    bar = SalaryScale(200_000).span(150_000, None, 467_430)
    assert bar.end == CHART_WIDTH and bar.open_end
    assert bar.open_to == CHART_WIDTH  # the open end never leaves the chart


def test_the_same_dollars_are_the_same_length_on_any_bar_of_a_scale():
    article = SCALE.span(100_000, None, 150_000)
    official = SCALE.distribution(estimate(100_000, None, None, None, 150_000))
    assert article.width == official.width == 40.0


def test_cards_official_spread_reads_the_querysets_annotations():
    role = SimpleNamespace(
        official_p10=60_000,
        official_median=100_000,
        official_p90=239_200,
        official_p90_top_coded=True,
    )
    bar = SCALE.official_spread(role)
    assert (bar.start, bar.end, bar.median, bar.open_end) == (48.0, 191.36, 80.0, True)
    assert SCALE.official_spread(SimpleNamespace()) is None
