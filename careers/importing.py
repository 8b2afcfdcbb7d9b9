"""Bulk salary updates from a spreadsheet (CSV), keyed by role slug.

Export and import share one shape, so editors download the current figures,
change them, and upload the file again. Every row goes through the same
validation as the admin form (Role.clean and the database constraints); one bad
row and nothing is applied. Each applied row is saved like a manual edit
(careers.revising), so it gets a history entry naming the editor and the row's
change_reason, which a row that changes a figure must give.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from import_export import fields, resources
from import_export.resources import Diff
from import_export.widgets import DateWidget, DecimalWidget, ForeignKeyWidget, IntegerWidget

from careers.models import FIGURE_FIELD_NAMES, Role, Source
from careers.revising import REASON_NEEDED, clean_reason, figures_changed, save_role
from careers.spreadsheets import unescaped_cell

# change_reason is exported empty: the editor fills it in on each row they change.
COLUMNS = ["slug", "title", *FIGURE_FIELD_NAMES, "change_reason"]

# diff-match-patch's marks of an insertion or deletion; the text between is escaped.
STYLED_MARK = re.compile(r'<(ins|del) style="[^"]*">')


class UnknownRole(ValueError):
    pass


def _number_text(value):
    """A spreadsheet cell as plain digits: "$95,000 " → "95000"."""
    return str(value).strip().replace(",", "").replace("$", "").replace(" ", "")


class WholeDollarsWidget(IntegerWidget):
    """Annual amounts, forgiving spreadsheet formatting, with a message a person understands."""

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        text = _number_text(value)
        if not text.isdigit():
            raise ValueError(f"“{value}” is not a whole number of dollars, e.g. 95000.")
        return int(text)


class PercentWidget(DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        try:
            return Decimal(_number_text(value).removesuffix("%"))
        except InvalidOperation:
            raise ValueError(f"“{value}” is not a percentage, e.g. 12.5.") from None


class UnstyledDiff(Diff):
    """The preview's marks of what a row changes, <ins> and <del>, without the style
    attributes diff-match-patch gives them: the Content-Security-Policy blocks those, and
    the admin's stylesheets colour the marks instead (import.css, static/css/admin.css).
    A last cell lists each changed field, old → new, and the row's reason."""

    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        self.names = [field.column_name for field in resource.get_import_fields()]
        self.reason = ""

    def compare_with(self, resource, instance):
        super().compare_with(resource, instance)
        self.reason = getattr(instance, "_import_reason", "")

    def changed_fields(self):
        return [
            (
                name,
                old if old not in (None, "") else "(empty)",
                new if new not in (None, "") else "(empty)",
            )
            for name, old, new in zip(self.names, self.left, self.right, strict=False)
            if old != new
        ]

    def as_html(self):
        cells = [mark_safe(STYLED_MARK.sub(r"<\1>", html)) for html in super().as_html()]
        changes = self.changed_fields()
        if not changes:
            return [*cells, ""]
        listed = format_html_join("", "<li>{}: {} → {}</li>", changes)
        why = format_html("<p>Reason: {}</p>", self.reason) if self.reason else ""
        return [*cells, format_html('<ul class="import-changes">{}</ul>{}', listed, why)]


class RoleFiguresResource(resources.ModelResource):
    slug = fields.Field(attribute="slug", column_name="slug")
    title = fields.Field(attribute="title", column_name="title", readonly=True)
    salary_low = fields.Field("salary_low", "salary_low", WholeDollarsWidget())
    salary_median = fields.Field("salary_median", "salary_median", WholeDollarsWidget())
    salary_high = fields.Field("salary_high", "salary_high", WholeDollarsWidget())
    salary_source = fields.Field("salary_source", "salary_source", ForeignKeyWidget(Source, "slug"))
    salary_as_of = fields.Field("salary_as_of", "salary_as_of", DateWidget("%Y-%m-%d"))
    outlook_growth_pct = fields.Field("outlook_growth_pct", "outlook_growth_pct", PercentWidget())
    outlook_period = fields.Field("outlook_period", "outlook_period")
    outlook_source = fields.Field(
        "outlook_source", "outlook_source", ForeignKeyWidget(Source, "slug")
    )
    # Not a field of the role: read into the history entry (see import_instance).
    change_reason = fields.Field(column_name="change_reason")

    class Meta:
        model = Role
        import_id_fields = ["slug"]
        fields = COLUMNS
        export_order = COLUMNS
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    @classmethod
    def get_diff_class(cls):
        return UnstyledDiff

    def get_diff_headers(self):
        return [*super().get_diff_headers(), "changes"]

    def get_queryset(self):
        return Role.objects.select_related("salary_source", "outlook_source").order_by("title")

    def init_instance(self, row=None):
        """Only existing roles are updated: a slug we do not know is an error, not a new role."""
        slug = (row or {}).get("slug") or ""
        raise UnknownRole(
            f"Unknown role slug “{slug}”. The import only updates existing roles; "
            "check the slug against the exported file."
        )

    def before_import_row(self, row, **kwargs):
        # The export escapes formula-like text (careers.spreadsheets); read it back as it was.
        for column, value in row.items():
            row[column] = unescaped_cell(value)

    def import_instance(self, instance, row, **kwargs):
        instance._import_reason = clean_reason(row.get("change_reason"))
        super().import_instance(instance, row, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Only rows that change something reach here; one that changes a figure needs
        its reason, reported like any other problem in the row."""
        errors = dict(import_validation_errors or {})
        if figures_changed(instance) and not instance._import_reason:
            errors["change_reason"] = [ValidationError(REASON_NEEDED, code="reason")]
        super().validate_instance(instance, errors, validate_unique)

    def do_instance_save(self, instance, is_create):
        save_role(instance, reason=instance._import_reason)
