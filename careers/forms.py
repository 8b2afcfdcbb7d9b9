"""Forms: the editors' role form (guarded against lost updates), the compare picker, and
importing BLS wage files in the admin (previewed, then confirmed)."""

import datetime
import hashlib
import hmac
from decimal import Decimal

from django import forms
from django.core import signing
from django.core.validators import FileExtensionValidator
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode

from careers import staged_uploads
from careers.comparing import COMPARE_MAX, COMPARE_MIN
from careers.models import FIGURE_FIELD_NAMES, Role, Skill, WageRelease
from careers.oews import (
    DEFAULT_HOURLY_TOP_CODE,
    OewsFileError,
    check_release,
    import_oews,
)


class RevisionWidget(forms.HiddenInput):
    """Carries the revision the editor is looking at, and shows its number."""

    # Shown as a field (label and number), though its input is hidden.
    is_hidden = False

    def render(self, name, value, attrs=None, renderer=None):
        hidden = super().render(name, value, attrs, renderer)
        return format_html('{}<span class="revision-number">{}</span>', hidden, value)


class RoleForm(forms.ModelForm):
    """A role's change form (and each row of the salary desk).

    The hidden revision tells whether someone saved the role after this editor
    opened it; if so the save is refused, with what changed meanwhile, and the
    editor's own values stay in the form.
    """

    class Meta:
        model = Role
        fields = [
            "title",
            "slug",
            "summary",
            "description",
            "is_published",
            "is_featured",
            "stage",
            "track",
            "min_education",
            "industries",
            *FIGURE_FIELD_NAMES,
            "version",
        ]
        widgets = {"version": RevisionWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "version" in self.fields:
            self.fields["version"].help_text = ""
            if getattr(self.instance, "history_object", None) is not None:
                # Restoring an earlier version: compare with the role as it is now.
                self.initial["version"] = self._current_version()

    def _current_version(self):
        return Role.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()

    def clean_version(self):
        seen = self.cleaned_data["version"]
        if self.instance.pk is None:
            return 1
        current = self._current_version()
        if current is not None and seen != current:
            self._conflict = self._conflict_message(seen)
            # A second, deliberate save after reading the message will go through.
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = current
        return seen

    def clean(self):
        cleaned = super().clean()
        conflict = getattr(self, "_conflict", None)
        if conflict:
            # At the top of the full change page; on a salary-desk row, where Django
            # shows only field errors, beside the row's revision.
            self.add_error(None if "title" in self.fields else "version", conflict)
        return cleaned

    def _conflict_message(self, seen):
        changes = Role.objects.get(pk=self.instance.pk).changes_since(seen)
        listed = format_html_join("", "<li>{}: {} → {}</li>", changes)
        return forms.ValidationError(
            format_html(
                "Someone else saved this role while you were editing it, so your changes "
                "were not saved. Changed meanwhile:{}Check the values below; saving again "
                "will replace theirs with yours.",
                format_html("<ul>{}</ul>", listed) if changes else "",
            ),
            code="stale",
        )


class DeskRowForm(RoleForm):
    """A row of the salary desk. The desk's inputs sit in table cells with the column
    header as their only label, so each gets an accessible name of its own:
    "salary low, Robotics Engineer"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{field.label}, {self.instance.title}"


class IgnoreBlanksMultipleChoiceField(forms.MultipleChoiceField):
    """`?roles=` (an empty value) means nothing chosen, not an unknown role."""

    def to_python(self, value):
        return [item for item in super().to_python(value) if item.strip()]


class CompareForm(forms.Form):
    """Which roles to put side by side: /compare/?roles=a&roles=b."""

    roles = IgnoreBlanksMultipleChoiceField(
        label=f"Choose {COMPARE_MIN} to {COMPARE_MAX} roles",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": f"Choose at least {COMPARE_MIN} roles to compare.",
            "invalid_choice": "We have no published role “%(value)s”; it may have been renamed.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = (
            Role.objects.published().order_by("title").values_list("slug", "title")
        )

    def clean_roles(self):
        roles = list(dict.fromkeys(self.cleaned_data["roles"]))  # a repeated role counts once
        if len(roles) < COMPARE_MIN:
            raise forms.ValidationError(
                f"Choose at least {COMPARE_MIN} different roles to compare.", code="too_few"
            )
        if len(roles) > COMPARE_MAX:
            raise forms.ValidationError(
                f"You can compare up to {COMPARE_MAX} roles at once; you chose {len(roles)}.",
                code="too_many",
            )
        return roles

    def shareable_query(self):
        return urlencode([("roles", slug) for slug in self.cleaned_data.get("roles", [])])


class SlugListField(forms.Field):
    """Any number of slugs from repeated checkboxes: blanks dropped, repeats counted once."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value):
        values = [str(item).strip() for item in value or []]
        return list(dict.fromkeys(item for item in values if item))


class SkillMatchForm(forms.Form):
    """The skills a student has: /match/?skill=python&skill=statistics.

    Unknown skills (a renamed or mistyped slug in a shared link) are set aside with
    a message rather than refused, so the rest of the link still works.
    """

    skill = SlugListField(
        label="Skills you have",
        required=False,
        help_text="Tick every skill you already have, from your degree or elsewhere.",
    )

    # More than any real catalogue holds; past it the rest are ignored, not looked up.
    MAX_SKILLS = 100
    unknown_skills = ()

    def clean_skill(self):
        slugs = self.cleaned_data["skill"][: self.MAX_SKILLS]
        found = {skill.slug: skill for skill in Skill.objects.filter(slug__in=slugs)}
        self.unknown_skills = [slug for slug in slugs if slug not in found]
        return [found[slug] for slug in slugs if slug in found]

    def chosen_skills(self):
        """The known skills chosen, in the order given; [] when none or not submitted."""
        return self.cleaned_data.get("skill", []) if self.is_valid() else []

    def shareable_query(self):
        return urlencode([("skill", skill.slug) for skill in self.chosen_skills()])


# --- Official wage data in the admin ---------------------------------------------


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
            raise forms.ValidationError(str(error), code="invalid_release") from None
        return published


OEWS_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
OEWS_EXTENSIONS = ["xlsx", "csv"]
OEWS_TOKEN_SALT = "careers.oews-import"
# Time to read a preview and confirm it; after that the file is uploaded again.
OEWS_TOKEN_MAX_AGE = datetime.timedelta(hours=1)


def add_import_errors(form, field, error):
    """An importer's refusal as form errors: every problem named (up to a page of them)."""
    if isinstance(error, OewsFileError):
        form.add_error(field, error.shown_problems())
    else:
        form.add_error(None, str(error))


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
            "BLS's national download (e.g. national_M2025_dl.xlsx, from the zip on "
            "bls.gov/oes/tables.htm) or a CSV export of it, at most 5 MB."
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

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > OEWS_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is "
                f"{OEWS_UPLOAD_MAX_BYTES // 1024 // 1024} MB. BLS's national file is far "
                "smaller: check you chose the national file, not one for all areas.",
                code="too_big",
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        if {"release", "published", "hourly_top_code"} <= cleaned.keys():
            try:
                check_release(cleaned["release"], cleaned["published"], cleaned["hourly_top_code"])
            except ValueError as error:
                raise forms.ValidationError(str(error), code="invalid_release") from None
        return cleaned

    @cached_property
    def file_data(self):
        return b"".join(self.cleaned_data["file"].chunks())

    def preview(self):
        """What importing the file would change (nothing is saved), or None with the
        problems added to the form."""
        try:
            return import_oews(
                self.file_data,
                release=self.cleaned_data["release"],
                published=self.cleaned_data["published"],
                hourly_top_code=self.cleaned_data["hourly_top_code"],
                file_name=self.cleaned_data["file"].name,
                dry_run=True,
            )
        except (OewsFileError, ValueError) as error:
            add_import_errors(self, "file", error)
            return None

    def stage(self, user):
        """Store the file until the editor confirms; returns the signed token the
        confirmation carries (what to import, as what, for whom)."""
        return signing.dumps(
            {
                "stored": staged_uploads.stage(self.file_data),
                "file_name": self.cleaned_data["file"].name,
                "sha256": hashlib.sha256(self.file_data).hexdigest(),
                "release": self.cleaned_data["release"],
                "published": self.cleaned_data["published"].isoformat(),
                "hourly_top_code": str(self.cleaned_data["hourly_top_code"]),
                "user": user.pk,
            },
            salt=OEWS_TOKEN_SALT,
        )


class OewsConfirmForm(forms.Form):
    """Step 2 of an import: the previewed file, found again by the preview's token."""

    token = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": "This confirmation has no preview with it."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_token(self):
        try:
            staged = signing.loads(
                self.cleaned_data["token"], salt=OEWS_TOKEN_SALT, max_age=OEWS_TOKEN_MAX_AGE
            )
        except signing.SignatureExpired:
            raise forms.ValidationError(
                "This preview is more than an hour old; the figures may have changed since.",
                code="expired",
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                "This confirmation does not match a preview this site made (it may have been "
                "altered).",
                code="tampered",
            ) from None
        if staged.get("user") != self.user.pk:
            raise forms.ValidationError(
                "This preview was made by someone else; make your own.",
                code="tampered",
            )
        data = staged_uploads.staged(staged["stored"])
        if data is None:
            raise forms.ValidationError(
                "The previewed file is no longer stored: it was imported already, or cleared "
                "after a day.",
                code="gone",
            )
        if not hmac.compare_digest(hashlib.sha256(data).hexdigest(), staged["sha256"]):
            raise forms.ValidationError(
                "The stored file is not the one previewed.",
                code="changed",
            )
        return {**staged, "data": data}

    @property
    def is_tampered(self):
        return self.has_error("token", "tampered")

    def import_file(self):
        """Import the previewed file for real; returns the ImportReport, or None with the
        problem added to the form (nothing saved)."""
        staged = self.cleaned_data["token"]
        try:
            report = import_oews(
                staged["data"],
                release=staged["release"],
                published=datetime.date.fromisoformat(staged["published"]),
                hourly_top_code=Decimal(staged["hourly_top_code"]),
                file_name=staged["file_name"],
                user=self.user,
            )
        except (OewsFileError, ValueError) as error:
            add_import_errors(self, None, error)
            return None
        staged_uploads.discard(staged["stored"])
        return report
