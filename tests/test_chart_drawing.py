"""The chart system's markup (careers.chart_drawing): each bar and axis written as the
geometry says, hidden from assistive technology, and escaped like any template output."""

import pytest

from careers.chart_drawing import axis_svg, bar_svg
from careers.charts import Bar, SalaryScale
from tests.helpers.charts import axis_labels, drawn_bars

SCALE = SalaryScale(300_000)


@pytest.mark.parametrize(
    ("bar", "start", "end", "median", "open_end"),
    [
        (Bar(40.0, 160.0, 96.5), 40.0, 160.0, 96.5, False),
        (Bar(40.0, 160.0, None), 40.0, 160.0, None, False),
        (Bar(100.0, None, 100.0), 100.0, None, 100.0, False),
        (Bar(200.0, 230.0, 215.0, open_end=True), 200.0, 230.0, 215.0, True),
    ],
)
def test_a_bar_is_drawn_where_its_geometry_says(bar, start, end, median, open_end):
    (drawn,) = drawn_bars(str(bar_svg("official", SCALE, bar)))
    assert (drawn.kind, drawn.start, drawn.end, drawn.median, drawn.open_end) == (
        "official",
        start,
        end,
        median,
        open_end,
    )
    assert 'aria-hidden="true" focusable="false"' in drawn.svg


def test_an_open_end_runs_past_the_last_figure_to_an_arrowhead():
    svg = str(bar_svg("article", SCALE, Bar(200.0, 230.0, None, open_end=True)))
    assert '<path class="chart-open-end" d="M230 8 H240 M236 3 L240 8 L236 13"/>' in svg


def test_the_grid_has_a_line_at_each_inner_step_of_the_axis():
    svg = str(bar_svg("article", SCALE, Bar(0.0, 80.0, None)))
    assert svg.count('class="chart-grid"') == len(SCALE.ticks()) - 2


def test_nothing_is_drawn_without_a_bar_or_a_scale():
    assert bar_svg("article", SCALE, None) == ""
    assert bar_svg("article", None, Bar(1.0, 2.0)) == ""
    assert axis_svg(None) == ""


def test_an_unknown_kind_is_refused_rather_than_written_into_a_class():
    with pytest.raises(ValueError, match="unknown bar kind"):
        bar_svg('official" onload="x', SCALE, Bar(1.0, 2.0))


def test_the_axis_labels_its_round_steps_from_nought_to_the_scales_end():
    assert axis_labels(str(axis_svg(SCALE))) == [["$0", "$100k", "$200k", "$300k"]]
    assert axis_labels(str(axis_svg(SalaryScale(250_000))))[0][-1] == "$250k"
