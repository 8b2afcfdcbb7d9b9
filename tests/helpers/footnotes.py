"""Reading a page's footnotes as a person follows them: the numbered references in the
text ({% cite %}) and the list of sources at the foot of <main> they link to."""

import html as html_lib
import re
from dataclasses import dataclass

REFERENCE = re.compile(
    r'<sup class="ref"><a href="#(?P<target>[^"]*)" id="(?P<id>[^"]*)" '
    r'aria-describedby="(?P<describedby>[^"]*)"><span class="visually-hidden">Source </span>'
    r'(?P<number>[^<]*)</a><span class="ref-tip" id="(?P<tip_id>[^"]*)" role="tooltip">'
    r"(?P<tip>[^<]*)</span></sup>"
)
LIST = re.compile(
    r'<section class="footnotes" aria-labelledby="footnotes-heading">(.*?)</section>', re.S
)
ITEM = re.compile(r'<li id="(?P<id>[^"]*)">(?P<body>.*?)</li>', re.S)


@dataclass
class Reference:
    target: str  # the list item's id it links to
    id: str
    describedby: str
    number: str
    tip_id: str
    tip: str  # the short citation shown on hover and focus, unescaped


def plain(html):
    """Markup as text: tags removed, entities unescaped, white space folded."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", html)).split())


def references(html):
    """The footnote references in `html`, in order."""
    return [
        Reference(**{**match.groupdict(), "tip": html_lib.unescape(match["tip"])})
        for match in REFERENCE.finditer(html)
    ]


def without_references(html):
    """`html` with its footnote references taken out: the text a sentence reads as."""
    return REFERENCE.sub("", html)


def footnote_markup(page):
    """{list item id: its markup}, in order; {} when the page lists no sources."""
    found = LIST.search(page)
    return {item["id"]: item["body"] for item in ITEM.finditer(found.group(1) if found else "")}


def footnote_list(page):
    """{list item id: the source as the list gives it, without its back-link}, in order."""
    return {
        id: plain(body.split('<a class="ref-back"')[0]).removesuffix(".")
        for id, body in footnote_markup(page).items()
    }


def back_links(page):
    """{list item id: the id of the reference its "back to text" link goes to}."""
    return {
        id: re.search(r'<a class="ref-back" href="#([^"]*)"', body).group(1)
        for id, body in footnote_markup(page).items()
    }


def sources_cited(fragment, page):
    """The sources `fragment` (part of `page`) cites, as the page's list gives them."""
    listed = footnote_list(page)
    return [listed[reference.target] for reference in references(fragment)]
