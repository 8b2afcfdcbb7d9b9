"""Formatting for figures: one place decides how money and growth read on every page."""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from careers.money import Wage

register = template.Library()

NO_FIGURE = "No figure yet"
# An official figure BLS marks "*" or "**", or does not publish for the occupation.
NOT_AVAILABLE = "Not available"


@register.filter
def usd(amount):
    """110000 → "$110,000"; None → ""."""
    if amount is None or amount == "":
        return ""
    return f"${int(amount):,}"


@register.filter
def count(number):
    """262440 → "262,440"; None → "Not available"."""
    return NOT_AVAILABLE if number is None else f"{number:,}"


@register.filter
def wage(figure, style=""):
    """An official figure (careers.money.Wage) as it must read: "$120,230", "$57.80 an
    hour", a top-coded one "$239,200 or more" (never a number that looks exact), and
    "Not available" where BLS publishes none. `wage:"short"` drops "an hour", for a
    column whose heading says it."""
    if figure is None or figure.amount is None:
        return NOT_AVAILABLE
    text = f"${figure.amount:,.2f}" if figure.hourly else usd(figure.amount)
    if figure.top_coded:
        text += " or more"
    return text + " an hour" if figure.hourly and style != "short" else text


@register.filter
def row_wage(row, field):
    """One figure of a row in a BLS file being previewed (careers.oews.EstimateRow)."""
    return wage(row.wage(field))


@register.filter
def official_median(role):
    """A role's official median from RoleQuerySet.with_official_median(), as wage() says it."""
    return wage(Wage(role.official_median, bool(role.official_median_top_coded)))


@register.filter
def salary_range(role):
    """A role's salary range as a person would say it, or that we have no figure."""
    low, median, high = role.salary_low, role.salary_median, role.salary_high
    if low is not None and high is not None:
        text = usd(low) if low == high else f"{usd(low)} – {usd(high)}"
    elif low is not None:
        text = f"from {usd(low)}"
    elif high is not None:
        text = f"up to {usd(high)}"
    elif median is not None:
        text = f"median {usd(median)}"
    else:
        return NO_FIGURE
    if median is not None and (low is not None or high is not None):
        text += f" (median {usd(median)})"
    return text


@register.filter
def growth(value):
    """Decimal("22.0") → "+22%"; Decimal("-3.5") → "−3.5%"; None → "No figure yet"."""
    if value is None:
        return NO_FIGURE
    number = f"{abs(value):.1f}".removesuffix(".0")
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{number}%"


@register.filter
def percent(value):
    """A statistic's value without a needless ".0"."""
    if value is None:
        return ""
    return f"{value:.1f}".removesuffix(".0")


@register.filter
def svg_number(value):
    """A coordinate for an SVG attribute: plain digits and a dot, whatever the locale."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


@register.inclusion_tag("includes/salary_bar.html")
def salary_bar(role, scale):
    """A role's salary range drawn on the page's shared scale (careers.money.SalaryScale).

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


FIGURE_UNITS = {"percent": "%", "times": "\u00d7"}


@register.filter
def factor_figure(factor):
    """A salary factor's figure as the source hedges it ("15–25%", "nearly 2 times" with
    the times sign); "" when the source gives none."""
    if factor.figure_low is None:
        return ""
    number = percent(factor.figure_low)
    if factor.figure_high is not None and factor.figure_high != factor.figure_low:
        number += f"–{percent(factor.figure_high)}"
    text = number + FIGURE_UNITS.get(factor.figure_unit, "")
    if factor.figure_qualifier:
        text = f"{factor.get_figure_qualifier_display()} {text}"
    return text


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
