"""Forms: the editors' role form (guarded against lost updates), the role figures
import's upload, and the compare and skills-match pickers."""

from contextlib import closing

from django import forms
from django.core.validators import slug_re
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.timezone import localtime
from import_export.forms import ImportForm
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from careers.comparing import COMPARE_MAX, COMPARE_MIN, chosen_titles_and_area_choices
from careers.importing import COLUMNS as IMPORT_COLUMNS
from careers.models import FIGURE_FIELD_NAMES, PLACEMENT_FIELDS, Role, Skill
from careers.revising import REASON_MAX_LENGTH, REASON_NEEDED
from careers.uploads import UploadRefused, check_size, csv_rows


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
    editor's own values stay in the form. A change to a figure needs a reason,
    which the history keeps (careers.revising).
    """

    change_reason = forms.CharField(
        label="Reason for the change",
        max_length=REASON_MAX_LENGTH,
        required=False,
        help_text="Needed when a figure changes, e.g. “BLS May 2025 release”. Kept in the history.",
    )

    class Meta:
        model = Role
        fields = [
            "title",
            "slug",
            "summary",
            "description",
            "is_published",
            "is_featured",
            *PLACEMENT_FIELDS,
            *FIGURE_FIELD_NAMES,
            "version",
        ]
        widgets = {"version": RevisionWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "version" in self.fields:
            self.fields["version"].help_text = ""
            # A historical version (the history's revert form) names its history record
            # under this attribute. Restoring it: compare with the role as it is now.
            if self.is_restore:
                self.initial["version"] = self._current_version()
                record = getattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME)
                self.initial["change_reason"] = (
                    f"Restored the version of {localtime(record.history_date):%Y-%m-%d %H:%M}"
                )

    @property
    def is_restore(self):
        """True on the history's revert form, whose instance is a past version."""
        return getattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) is not None

    def changes_figures(self):
        """True when saving changes a saved role's figures (a new role's need no reason)."""
        changed = self.instance.pk is not None and set(self.changed_data) & set(FIGURE_FIELD_NAMES)
        return self.is_restore or bool(changed)

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
        if (
            "change_reason" in self.fields
            and not cleaned.get("change_reason", "").strip()
            and self.changes_figures()
        ):
            self.add_error("change_reason", forms.ValidationError(REASON_NEEDED, code="reason"))
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
        # One reason for the whole batch, given beside the desk's Save button (DeskFormSet).
        self.fields.pop("change_reason", None)
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{field.label}, {self.instance.title}"


class DeskFormSet(forms.BaseModelFormSet):
    """The salary desk's rows, saved together: when any row changes a figure, the batch
    needs its one reason (the `change_reason` field beside the desk's Save button)."""

    def reason(self):
        return (self.data.get("change_reason") or "").strip()

    def clean(self):
        super().clean()
        changed = any(
            set(form.changed_data) & set(FIGURE_FIELD_NAMES)
            for form in self.forms
            if form.has_changed()
        )
        if changed and not self.reason():
            raise forms.ValidationError(REASON_NEEDED, code="reason")


class IgnoreBlanksMultipleChoiceField(forms.MultipleChoiceField):
    """`?roles=` (an empty value) means nothing chosen, not an unknown role."""

    def to_python(self, value):
        return [item for item in super().to_python(value) if item.strip()]


class CompareForm(forms.Form):
    """Which roles to put side by side: /compare/?roles=a&roles=b, and a search for
    more to add: &find=vision. The roles offered are the chosen ones and at most
    FIND_LIMIT found, never the whole catalogue; none found while enough are chosen and
    nothing is searched for (offers_roles)."""

    FIND_LIMIT = 20
    # More than COMPARE_MAX so "you chose 6" can be said; past it, not looked up.
    LOOKUP_LIMIT = 20

    roles = IgnoreBlanksMultipleChoiceField(
        label=f"Choose {COMPARE_MIN} to {COMPARE_MAX} roles",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "We have no published role “%(value)s”; it may have been renamed.",
        },
    )
    find = forms.CharField(
        label="Find roles to add",
        required=False,
        max_length=100,
        help_text="Words from a role’s title, description or skills.",
    )
    area = forms.ChoiceField(
        label="Also show official pay in",
        required=False,
        help_text="A state or metropolitan area, beside the national figures.",
        error_messages={"invalid_choice": "We have no official figures for “%(value)s”."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        asked = [slug.strip() for slug in self.data.getlist("roles")] if self.is_bound else []
        asked = [slug for slug in dict.fromkeys(asked) if slug][: self.LOOKUP_LIMIT]
        known, places, self._areas = chosen_titles_and_area_choices(
            [slug for slug in asked if slug_re.fullmatch(slug)]
        )
        self.chosen = [(slug, known[slug]) for slug in asked if slug in known]
        find = self.data.get("find", "") if self.is_bound else ""
        # Roles to add are offered to a visitor who searched for some, or who has too few
        # to compare yet; beside a comparison, a list of the first roles by title would
        # only push the search box down.
        self.offers_roles = bool(find.strip()) or len(self.chosen) < COMPARE_MIN
        self.found, self.found_more = self._find(find) if self.offers_roles else ([], False)
        self.fields["roles"].choices = self.chosen + [
            (slug, title) for slug, title in self.found if slug not in known
        ]
        self.fields["area"].choices = [("", "Nowhere else"), *places]

    def _find(self, text):
        """(slug, title) of the first FIND_LIMIT published roles matching `text` (every
        role, by title, when it is blank), and whether there are more."""
        roles = Role.objects.published()
        text = " ".join(str(text).split())[:100]
        roles = roles.search(text) if text else roles.order_by("title")
        found = list(roles.values_list("slug", "title")[: self.FIND_LIMIT + 1])
        return found[: self.FIND_LIMIT], len(found) > self.FIND_LIMIT

    def clean_area(self):
        """The chosen Area (one of the choices, read with them), or None."""
        slug = self.cleaned_data["area"]
        return self._areas[slug] if slug else None

    def clean_roles(self):
        roles = list(dict.fromkeys(self.cleaned_data["roles"]))  # a repeated role counts once
        submitted = {slug.strip() for slug in self.data.getlist("roles")} - {""}
        if len(submitted) > COMPARE_MAX:
            raise forms.ValidationError(
                f"You can compare up to {COMPARE_MAX} roles at once; you chose {len(submitted)}.",
                code="too_many",
            )
        # While searching for roles to add, fewer than the minimum is no mistake yet.
        if len(roles) < COMPARE_MIN and not self.data.get("find", "").strip():
            different = " different" if roles else ""
            raise forms.ValidationError(
                f"Choose at least {COMPARE_MIN}{different} roles to compare.", code="too_few"
            )
        return roles

    def comparing(self):
        """The chosen roles' slugs when there are enough to compare, else []."""
        valid = self.is_valid() and len(self.cleaned_data["roles"]) >= COMPARE_MIN
        return self.cleaned_data["roles"] if valid else []

    def shareable_query(self):
        pairs = [("roles", slug) for slug in self.cleaned_data.get("roles", [])]
        if self.cleaned_data.get("area"):
            pairs.append(("area", self.cleaned_data["area"].slug))
        return urlencode(pairs)


class PathStageForm(forms.Form):
    """Which stage of the career map to draw: /paths/?stage=entry-level."""

    stage = forms.ChoiceField(
        label="Show the roles in",
        required=False,
        error_messages={"invalid_choice": "We have no list “%(value)s”: choose one of ours."},
    )

    def __init__(self, *args, stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = stages

    def chosen_stage(self):
        """The chosen stage's key, or "" when none (or an unknown one) was asked for."""
        return self.cleaned_data["stage"] if self.is_valid() else ""


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
        # A skill's other names count too (?skill=nlp, or a merged skill's old slug); what
        # is not shaped like a slug cannot name one, and is not looked up.
        found = Skill.objects.for_slugs([slug for slug in slugs if slug_re.fullmatch(slug)])
        self.unknown_skills = [slug for slug in slugs if slug not in found]
        return list(dict.fromkeys(found[slug] for slug in slugs if slug in found))

    def chosen_skills(self):
        """The known skills chosen, in the order given; [] when none or not submitted."""
        return self.cleaned_data.get("skill", []) if self.is_valid() else []

    def shareable_query(self):
        return urlencode([("skill", skill.slug) for skill in self.chosen_skills()])


class RoleFiguresImportForm(ImportForm):
    """The admin's role figures upload (django-import-export's form): a file over
    careers.uploads' limits, or with columns the import does not read, is refused here,
    read as a stream, before the library reads the whole file into memory."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            check_size(upload.size)
            with closing(csv_rows(upload.file)) as rows:
                self.check_columns(next(rows, []))
                for _row in rows:
                    pass  # each row is checked against the limits as it is read
        except UploadRefused as refusal:
            raise forms.ValidationError(str(refusal), code="refused") from None
        return upload

    @staticmethod
    def check_columns(header):
        names = [name.strip() for name in header]
        unknown = [name for name in names if name not in IMPORT_COLUMNS]
        if "slug" not in names or unknown:
            problem = f"has columns the import does not read ({', '.join(unknown[:5])})"
            if "slug" not in names:
                problem = "has no slug column"
            raise UploadRefused(
                f"The file {problem}. Its header row must name columns of the export: "
                f"{', '.join(IMPORT_COLUMNS)}."
            )
