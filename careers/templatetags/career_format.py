"""Figures on pages: thin template filters over careers.formatting (which the CSV
export, JSON-LD and the admin use too), and the salary bars' inclusion tags."""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from careers import formatting
from careers.formatting import Wage

register = template.Library()

register.filter("usd", formatting.usd)
register.filter("count", formatting.count)
register.filter("salary_range", formatting.salary_range)
register.filter("field_salary_range", formatting.field_salary_range)
register.filter("growth", formatting.growth)
register.filter("percent", formatting.percent)
register.filter("factor_figure", formatting.factor_figure)
register.filter("compact_wage", formatting.compact_wage)


@register.filter
def wage(figure, style=""):
    """An official figure as formatting.wage() says it; `wage:"short"` drops "an hour",
    for a column whose heading says it."""
    return formatting.wage(figure, short=style == "short")


@register.filter
def row_wage(row, field):
    """One figure of a row in a BLS file being previewed (careers.official.reading.EstimateRow)."""
    return formatting.wage(row.wage(field))


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


@register.filter
def svg_number(value):
    """A coordinate for an SVG attribute: plain digits and a dot, whatever the locale."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


@register.inclusion_tag("includes/salary_bar.html")
def salary_bar(role, scale):
    """A role's salary range drawn on the page's shared scale (careers.salary_scale.SalaryScale).

    Decorative: the figures are written beside it. Nothing is drawn for a role
    without a figure, or where the page has no scale.
    """
    return _bar_context(scale.bar(role) if scale else None)


@register.inclusion_tag("includes/official_bar.html")
def official_bar(estimate, scale):
    """An official wage distribution (10th to 90th percentile, the middle half darker, the
    median marked) on the page's shared scale. Decorative: the figures are written beside."""
    return _bar_context(scale.distribution(estimate) if scale and estimate else None)


def _bar_context(bar):
    """A SalaryBar's coordinates as SVG attributes ("" where a part is absent)."""
    if bar is None:
        return {"bar": None}

    def coordinate(value):
        return svg_number(value) if value is not None else ""

    return {
        "bar": bar,
        "start": coordinate(bar.start),
        "width": coordinate(bar.width),
        "end": coordinate(bar.start + bar.width),
        "inner_start": coordinate(bar.inner_start),
        "inner_width": coordinate(bar.inner_width),
        "median": coordinate(bar.median),
    }


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
