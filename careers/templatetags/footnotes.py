"""{% cite source %}: a short, numbered reference to a source, listed in full at the
foot of the page (careers.footnotes)."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def cite(context, source):
    """A superscript reference to `source`, linked to its entry in the page's list of
    sources, its short citation shown on hover or focus and read as the link's
    description. Nothing for no source."""
    if not source:
        return ""
    try:
        footnotes = context["footnotes"]
    except KeyError:
        # Without the page's collector the reference would point nowhere.
        raise template.TemplateSyntaxError(
            "{% cite %} needs the page's footnotes (careers.context_processors.footnotes); "
            "render with a request, and not with an `only` include."
        ) from None
    note, reference = footnotes.cite(source)
    return format_html(
        '<sup class="ref"><a href="#{anchor}" id="{reference}" aria-describedby="{reference}-tip">'
        '<span class="visually-hidden">Source </span>{number}</a>'
        '<span class="ref-tip" id="{reference}-tip" role="tooltip">{summary}</span></sup>',
        anchor=note.anchor,
        reference=reference,
        number=note.number,
        summary=note.summary,
    )
