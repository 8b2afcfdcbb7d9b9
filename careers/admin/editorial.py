"""The guide's content: statistics, salary factors, guide entries, and the article's
headline figures, key points and graduates' quotes."""

from django.contrib import admin

from careers.formatting import factor_figure
from careers.history_admin import HistoryAdmin
from careers.models import (
    FieldSalaryRange,
    GraduateQuote,
    GuideEntry,
    KeyPoint,
    SalaryFactor,
    Statistic,
)


@admin.register(Statistic)
class StatisticAdmin(HistoryAdmin):
    list_display = [
        "statement",
        "qualifier",
        "value",
        "unit",
        "period",
        "source",
        "is_headline",
        "position",
    ]
    list_editable = ["is_headline", "position"]
    list_filter = ["is_headline", "source"]
    list_select_related = ["source__cited_in"]
    search_fields = ["statement", "slug"]
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["statement"]}


@admin.register(SalaryFactor)
class SalaryFactorAdmin(HistoryAdmin):
    """Why pay varies: each factor with the figure its source gives, if any."""

    list_display = ["name", "figure", "source", "position"]
    list_editable = ["position"]
    list_filter = ["source", "figure_unit"]
    list_select_related = ["source__cited_in"]
    search_fields = ["name", "slug", "summary", "explanation", "figure_statement"]
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "explanation", "source", "position"]}),
        (
            "Figure",
            {
                "description": (
                    "Only a figure the source gives, e.g. 15 to 25 percent “more at technology "
                    "companies than elsewhere”. Leave every part empty when it gives none."
                ),
                "fields": [
                    ("figure_qualifier", "figure_low", "figure_high", "figure_unit"),
                    "figure_statement",
                ],
            },
        ),
    ]

    @admin.display(description="figure")
    def figure(self, factor):
        return factor_figure(factor) or "—"


@admin.register(GuideEntry)
class GuideEntryAdmin(HistoryAdmin):
    """The graduates' guide: next steps after the degree and students' questions."""

    list_display = ["title", "kind", "source", "position"]
    list_editable = ["position"]
    list_filter = ["kind", "source"]
    list_select_related = ["source__cited_in"]
    search_fields = ["title", "slug", "body"]
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["kind", "title", "slug", "body", "source", "position"]


@admin.register(FieldSalaryRange)
class FieldSalaryRangeAdmin(HistoryAdmin):
    """The field's overall salary range, as the source states it (home and pay pages)."""

    list_display = ["statement", "low", "high_qualifier", "high", "source", "position"]
    list_select_related = ["source__cited_in"]
    search_fields = ["statement", "slug"]
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["statement"]}
    fields = [
        "statement",
        "slug",
        ("low_qualifier", "low"),
        ("high_qualifier", "high"),
        "source",
        "position",
    ]


@admin.register(KeyPoint)
class KeyPointAdmin(HistoryAdmin):
    """The key things to know, on the home page."""

    list_display = ["title", "source", "position"]
    list_editable = ["position"]
    list_select_related = ["source__cited_in"]
    search_fields = ["title", "slug", "body"]
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "body", "source", "position"]


@admin.register(GraduateQuote)
class GraduateQuoteAdmin(HistoryAdmin):
    """Graduates' words, word for word, on the guide page."""

    list_display = ["attribution", "text", "source", "position"]
    list_editable = ["position"]
    list_filter = ["source"]
    list_select_related = ["source__cited_in"]
    search_fields = ["attribution", "text", "context", "slug"]
    autocomplete_fields = ["source"]
    fields = ["text", "attribution", "context", "slug", "source", "position"]
