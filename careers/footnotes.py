"""Sources as footnotes: the sources one page cites, numbered in the order the page
first cites them.

careers.context_processors.footnotes puts a fresh Footnotes into every page's context;
the {% cite %} tag (careers.templatetags.footnotes) registers a source with it and
writes the short reference, and base.html lists the sources at the foot of <main>,
after the page's content has been rendered (so every citation has been registered).
The JSON-LD, the CSV export and the admin cite sources their own way.
"""

from dataclasses import dataclass, field


@dataclass
class Footnote:
    """One source on the page: its number and how many times the page cites it."""

    number: int
    source: object  # a careers.models.Source, its cited_in selected with it
    references: int = field(default=0)

    @property
    def anchor(self):
        """The list item's id: each reference links to it."""
        return f"source-{self.number}"

    @property
    def first_reference(self):
        """The first reference's id: the list item links back to it."""
        return self.reference_id(1)

    def reference_id(self, nth):
        """The nth reference's id: "ref-2", then "ref-2-2", "ref-2-3"…"""
        return f"ref-{self.number}" if nth == 1 else f"ref-{self.number}-{nth}"

    @property
    def summary(self):
        """The short text a reference shows on hover or focus: title, publisher, year,
        and for a figure we read elsewhere, where we read it."""
        return self.source.citation


class Footnotes:
    """The sources cited on one page, in order of first citation. A source is one entry
    however often it is cited; a source we read in another ("BLS, as cited in the
    article") is a record of its own, so it is an entry of its own."""

    def __init__(self):
        self._by_source = {}

    def cite(self, source):
        """Register one citation of `source`: (its Footnote, this reference's id)."""
        note = self._by_source.get(source.pk)
        if note is None:
            note = Footnote(number=len(self._by_source) + 1, source=source)
            self._by_source[source.pk] = note
        note.references += 1
        return note, note.reference_id(note.references)

    def __iter__(self):
        return iter(self._by_source.values())

    def __len__(self):
        return len(self._by_source)
