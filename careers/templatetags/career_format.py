"""Figures on pages: thin template filters over careers.formatting (which the CSV
export, JSON-LD and the admin use too), and the salary bars' tags (drawn by
careers.chart_drawing)."""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from careers import chart_drawing, formatting
from careers.formatting import Wage

register = template.Library()

register.filter("usd", formatting.usd)
register.filter("salary_range", formatting.salary_range)
register.filter("field_salary_range", formatting.field_salary_range)
register.filter("growth", formatting.growth)
register.filter("percent", formatting.percent)
register.filter("factor_figure", formatting.factor_figure)
register.filter("concentration", formatting.concentration)
register.filter("wage_range", formatting.wage_range)


@register.filter
def wage(figure, style=""):
    """An official figure as formatting.wage() says it; `wage:"short"` drops "an hour",
    for a column whose heading says it; `wage:"compact"` reads "≥ $239,200" and
    "Not published", for figures side by side."""
    return formatting.wage(figure, short=style == "short", compact=style == "compact")


@register.filter
def count(value, style=""):
    """A count as formatting.count() says it; `count:"compact"` as `wage:"compact"` does."""
    return formatting.count(value, compact=style == "compact")


@register.filter
def row_wage(row, field):
    """One figure of a row in a BLS file being previewed (careers.official.reading.EstimateRow)."""
    return formatting.wage(row.wage(field))


@register.filter
def median_here_and_nationally(estimate):
    """An area's estimate's median beside its occupation's national one (from
    careers.official.place_pay.PlacePay), as formatting.here_and_nationally() says it."""
    national = estimate.occupation.latest_estimate
    return formatting.here_and_nationally(estimate.median, national.median if national else None)


@register.filter
def employed(area):
    """An area's employment in the guide's occupations, from AreaQuerySet.where_roles_work()."""
    return formatting.employed(area.role_employment, area.role_employment_partial)


@register.filter
def official_median(role):
    """A role's official median from RoleQuerySet.with_official_median(), as wage() says it."""
    return formatting.wage(Wage(role.official_median, bool(role.official_median_top_coded)))


@register.filter(expects_localtime=True)
def time_element(value):
    """A date as a <time> element: machine-readable, and "15 May 2026" to read."""
    if not value:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>', value.strftime("%Y-%m-%d"), formatting.long_date(value)
    )


register.filter("svg_number", chart_drawing.svg_number)


@register.simple_tag
def salary_bar(role, scale):
    """The article's salary figures for `role` as a bar on the page's shared scale
    (careers.charts.SalaryScale). Decorative: the figures are written beside it. Nothing
    is drawn for a role without a figure, or where the page has no scale."""
    return chart_drawing.bar_svg("article", scale, scale.bar(role) if scale else None)


@register.simple_tag
def official_bar(estimate, scale):
    """An official wage estimate's 10th to 90th percentile as a bar on the page's shared
    scale, the median marked, open past a top-coded end. Decorative, as salary_bar."""
    bar = scale.distribution(estimate) if scale and estimate else None
    return chart_drawing.bar_svg("official", scale, bar)


@register.simple_tag
def role_official_bar(role, scale):
    """official_bar for a role annotated by RoleQuerySet.with_official_median() (cards)."""
    return chart_drawing.bar_svg("official", scale, scale.official_spread(role) if scale else None)


@register.simple_tag
def pay_axis(scale):
    """The dollar axis under a page's bars: the same width, with labelled round steps."""
    return chart_drawing.axis_svg(scale)


@register.filter(needs_autoescape=True)
def highlight(text, terms, autoescape=True):
    """`text` escaped, with each occurrence of any of `terms` wrapped in <mark>.

    The text is split at the matches and every piece is escaped on its own, so
    nothing a visitor typed (nor anything in the text) reaches the page unescaped.
    """
    text = "" if text is None else str(text)
    terms = [term for term in terms or [] if term]
    if not terms:
        return conditional_escape(text)
    longest_first = sorted(terms, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(term) for term in longest_first), re.IGNORECASE)
    pieces, last = [], 0
    for found in pattern.finditer(text):
        pieces.append(conditional_escape(text[last : found.start()]))
        pieces.append(format_html("<mark>{}</mark>", found.group(0)))
        last = found.end()
    pieces.append(conditional_escape(text[last:]))
    return mark_safe("".join(pieces))  # every piece above is escaped or format_html
