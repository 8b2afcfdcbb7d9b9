"""The admin's forms for official wage data. They validate input only; the import
itself is careers.official.previews' preview_import() and confirm_import()."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.functional import cached_property

from careers.official.importing import DEFAULT_HOURLY_TOP_CODE, check_release
from careers.official.models import WageRelease
from careers.official.reading import OewsFileError
from careers.uploads import UploadRefused, check_size, max_upload_bytes, size_text

OEWS_EXTENSIONS = ["xlsx", "csv"]


def release_error(error):
    """check_release()'s refusal as a form error."""
    return forms.ValidationError(str(error), code="invalid_release")


def add_import_errors(form, field, error):
    """An importer's refusal as form errors: every problem named (up to a page of them)."""
    if isinstance(error, OewsFileError):
        form.add_error(field, error.shown_problems())
    else:
        form.add_error(None, str(error))


class WageReleaseForm(forms.ModelForm):
    """A release's details editors may correct: when BLS published it, and the source.
    The date is checked as an import checks it (not before the month described, not in
    the future), since the database's own check needs the read-only month beside it."""

    class Meta:
        model = WageRelease
        fields = ["published", "source"]

    def clean_published(self):
        published = self.cleaned_data["published"]
        try:
            check_release(self.instance.name, published, self.instance.hourly_top_code)
        except ValueError as error:
            raise release_error(error) from None
        return published


class OewsImportForm(forms.Form):
    """Step 1 of an import: the file and the release it holds, previewed before saving."""

    file = forms.FileField(
        label="BLS OEWS file",
        validators=[
            FileExtensionValidator(
                OEWS_EXTENSIONS,
                message="Upload an .xlsx workbook or a .csv file; other kinds cannot be read.",
            )
        ],
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        help_text=(
            "One of BLS's OEWS downloads from bls.gov/oes/tables.htm: national, state, "
            "metropolitan area or all data (e.g. national_M2025_dl.xlsx, all_data_M_2025.xlsx), "
            "or a CSV export of it, at most {limit}."
        ),
    )
    linked_only = forms.BooleanField(
        label="Only occupations roles link to",
        required=False,
        initial=True,
        help_text=(
            "Keep just the occupations the guide's roles link to (recommended for the state, "
            "metropolitan and all-data files, which cover every occupation); untick to store "
            "every occupation in the file."
        ),
    )
    release = forms.CharField(
        label="Release name",
        max_length=20,
        help_text="As BLS names it: the month the estimates describe, e.g. “May 2025”.",
    )
    published = forms.DateField(
        label="Publication date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="The day BLS published this release, e.g. 2026-05-15 for May 2025.",
    )
    hourly_top_code = forms.DecimalField(
        label="Hourly top-code (US$)",
        max_digits=6,
        decimal_places=2,
        initial=DEFAULT_HOURLY_TOP_CODE,
        help_text=(
            "BLS shows no wage at or above this; its files show “#” instead. It is $115.00 an "
            "hour ($239,200 a year) for the May 2024 release onwards."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = field.help_text.format(limit=size_text(max_upload_bytes()))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)
        except UploadRefused as refusal:
            raise forms.ValidationError(
                f"{refusal} BLS's all-data workbook (.xlsx) is within it; a CSV export of it "
                "is not: upload the workbook itself.",
                code="too_big",
            ) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        if {"release", "published", "hourly_top_code"} <= cleaned.keys():
            try:
                check_release(cleaned["release"], cleaned["published"], cleaned["hourly_top_code"])
            except ValueError as error:
                raise release_error(error) from None
        return cleaned

    @cached_property
    def file_data(self):
        return b"".join(self.cleaned_data["file"].chunks())

    def import_arguments(self):
        """The validated input as keyword arguments for preview_import()."""
        return {
            "release": self.cleaned_data["release"],
            "published": self.cleaned_data["published"],
            "hourly_top_code": self.cleaned_data["hourly_top_code"],
            "file_name": self.cleaned_data["file"].name,
            "linked_only": self.cleaned_data["linked_only"],
        }


class OewsConfirmForm(forms.Form):
    """Step 2 of an import: the token of the preview being confirmed."""

    token = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": "This confirmation has no preview with it."},
    )
