"""The role directory's filters: one FilterSet whose form is the shareable URL."""

from dataclasses import dataclass

import django_filters
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.http import QueryDict
from django.utils.http import urlencode

from careers.directory_choices import (
    CREDENTIAL,
    INDUSTRY,
    LISTING,
    OCCUPATION,
    SKILL,
    DirectoryChoices,
)
from careers.formatting import percent, usd
from careers.models import OUTLOOK_MAX_PCT, OUTLOOK_MIN_PCT, Area, Role
from careers.widgets import QuickSelect

# Largest salary a visitor may type; anything bigger is a typo, and SQLite
# cannot compare integers beyond 64 bits.
SALARY_FILTER_MAX = 10_000_000

# Education levels in links by name ("?education=master"), not by their stored number.
EDUCATION_BY_SLUG = {level.name.lower(): level for level in Role.Education}
EDUCATION_CHOICES = [(slug, level.label) for slug, level in EDUCATION_BY_SLUG.items()]
SORT_CHOICES = [
    ("title", "Title (A–Z)"),
    ("salary-high", "Salary (highest first)"),
    ("salary-low", "Salary (lowest first)"),
    ("growth", "Job-outlook growth (highest first)"),
    ("official-median-high", "Official median (highest first)"),
    ("official-median-low", "Official median (lowest first)"),
]


class AnnualDollarsFilter(django_filters.NumberFilter):
    """A whole number of US dollars a year, from 0 to SALARY_FILTER_MAX.

    A text box, so a mistyped value is shown back beside its error message (a number
    input would drop it and fail HTML validation).
    """

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", SALARY_FILTER_MAX)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
        )
        super().__init__(*args, **kwargs)


# The options below come from DirectoryChoices; their fields refuse what the model
# choice fields they replace refused, in the same words: a NUL character first, then a
# slug that is not offered.
refuse_null_characters = ProhibitNullCharactersValidator()


class SlugChoiceField(django_filters.fields.ChoiceField):
    default_error_messages = {
        "invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]
    }

    def to_python(self, value):
        value = super().to_python(value)
        refuse_null_characters(value)
        return value


class SlugChoiceFilter(django_filters.ChoiceFilter):
    field_class = SlugChoiceField


class SkillsField(django_filters.fields.MultipleChoiceField):
    """The skills ticked, each once and in the order the field offers them: `?skill=`
    (an empty checkbox value) means no skill chosen, not an error."""

    def clean(self, value):
        ticked = [item for item in value or [] if item]
        for item in ticked:
            refuse_null_characters(item)
        chosen = set(super().clean(ticked))
        return [slug for slug, _ in self.choices if slug in chosen]


class SkillsFilter(django_filters.MultipleChoiceFilter):
    field_class = SkillsField


# The filters whose options DirectoryChoices reads, and which of its lists each offers.
CHOICE_LISTS = {
    "industry": INDUSTRY,
    "skill": SKILL,
    "credential": CREDENTIAL,
    "stage": LISTING,
    "occupation": OCCUPATION,
}


@dataclass(frozen=True)
class AppliedFilter:
    """One filter the visitor chose, with the URL that drops just that choice."""

    label: str
    value: str
    remove_url: str


# Short names for the chips above the results ("Skill: Python"); the form's own labels
# are written for the form ("Salary at least (US$ a year)").
CHIP_LABELS = {
    "q": "Search",
    "pay_in": "Official pay in",
    "skill": "Skill",
    "education": "Open to",
    "stage": "List",
    "salary_min": "Salary at least",
    "official_median_min": "Official median at least",
    "growth_min": "Outlook growth at least",
}

# Parameters that order or page the results rather than narrow them.
NOT_FILTERS = ("sort", "page")


class RoleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search roles",
        method="filter_search",
        max_length=100,
        help_text="Every word must appear in a role’s title, description or skills.",
    )
    # Before the official-median filter and the sort, which then read this area's figures.
    pay_in = django_filters.ChoiceFilter(
        label="Show official pay in",
        method="filter_pay_in",
        empty_label="The whole U.S.",
        # Some 600 areas: written directly, not an option template each (careers.widgets).
        widget=QuickSelect,
        help_text="The official medians, their filter and their sort, in this state or "
        "metropolitan area.",
    )
    industry = SlugChoiceFilter(
        label="Industry",
        method="filter_industry",
        empty_label="Any industry",
    )
    skill = SkillsFilter(
        label="Skills",
        method="filter_skills",
        widget=forms.CheckboxSelectMultiple,
        help_text="Roles must list every skill you tick.",
    )
    credential = SlugChoiceFilter(
        label="Credential",
        method="filter_credential",
        empty_label="Any credential",
    )
    # Where a page that names a few of an occupation's roles sends the rest
    # (Occupation.roles_url).
    occupation = SlugChoiceFilter(
        label="Official occupation",
        method="filter_occupation",
        empty_label="Any official occupation",
        widget=QuickSelect,
        help_text="Roles linked to this occupation of the government’s classification (SOC).",
    )
    education = django_filters.ChoiceFilter(
        label="Your education",
        choices=EDUCATION_CHOICES,
        method="filter_education",
        empty_label="Any",
        help_text="Shows roles open to someone with this education.",
    )
    # Still called "stage" so links from before the article's lists (?stage=entry, mid,
    # advanced) keep working: those are the slugs of the three stage lists.
    stage = SlugChoiceFilter(
        label="In the article’s list",
        method="filter_stage",
        empty_label="Any list",
        help_text="A role the article names in several lists is found under each.",
    )
    track = django_filters.ChoiceFilter(
        label="Track", choices=Role.Track.choices, empty_label="Any track"
    )
    salary_min = AnnualDollarsFilter(
        label="Salary at least (US$ a year)",
        method="filter_salary_min",
        help_text="Roles whose salary range reaches this amount.",
    )
    official_median_min = AnnualDollarsFilter(
        label="Official median at least (US$ a year)",
        method="filter_official_median_min",
        help_text="The BLS median of the role’s closest official occupation.",
    )
    growth_min = django_filters.NumberFilter(
        label="Outlook growth at least (%)",
        field_name="outlook_growth_pct",
        lookup_expr="gte",
        min_value=OUTLOOK_MIN_PCT,
        max_value=OUTLOOK_MAX_PCT,
        max_digits=5,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by", choices=SORT_CHOICES, method="sort_roles", empty_label=None
    )

    class Meta:
        model = Role
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.label_suffix = ""
        # Every filter's options in one query: validated, and shown on chips, from it.
        self.choices = DirectoryChoices.load()
        for name, kind in CHOICE_LISTS.items():
            self.form.fields[name].choices = self.choices.choices(kind)
        self.form.fields["pay_in"].choices = self.choices.area_choices()

    # The words searched instead, when the visitor's own found no role ("pythn").
    mended_terms = ()

    # The area whose official pay is shown (pay_in), or None for the whole country.
    pay_area = None

    def filter_pay_in(self, queryset, name, value):
        self.pay_area = Area.objects.get(slug=value)
        return queryset.with_official_median(area=self.pay_area)

    def filter_search(self, queryset, name, value):
        roles, self.mended_terms = queryset.search_forgiving(value)
        return roles

    def filter_industry(self, queryset, name, value):
        return queryset.filter(industries=self.choices.get(INDUSTRY, value).pk)

    def filter_skills(self, queryset, name, value):
        skills = [self.choices.get(SKILL, slug).pk for slug in value]
        return queryset.with_all_skills(skills) if skills else queryset

    def filter_credential(self, queryset, name, value):
        return queryset.filter(role_credentials__credential=self.choices.get(CREDENTIAL, value).pk)

    def filter_stage(self, queryset, name, value):
        return queryset.filter(listings=self.choices.get(LISTING, value).pk)

    def filter_occupation(self, queryset, name, value):
        return queryset.filter(occupation_links__occupation=self.choices.get(OCCUPATION, value).pk)

    def filter_education(self, queryset, name, value):
        return queryset.open_to_education(EDUCATION_BY_SLUG[value])

    def filter_salary_min(self, queryset, name, value):
        return queryset.paying_at_least(value)

    def filter_official_median_min(self, queryset, name, value):
        return queryset.official_median_at_least(value)

    def sort_roles(self, queryset, name, value):
        if value == "salary-high":
            return queryset.by_salary(descending=True)
        if value == "salary-low":
            return queryset.by_salary(descending=False)
        if value == "growth":
            return queryset.by_growth()
        if value in ("official-median-high", "official-median-low"):
            return queryset.by_official_median(descending=value == "official-median-high")
        return queryset.order_by("title")

    def shareable_query(self):
        """The query string of the filters in force (valid, non-empty; no page number)."""
        if not self.is_bound:
            return ""
        self.form.is_valid()
        pairs = []
        for name in self.form.fields:
            if self.form.cleaned_data.get(name) in (None, "", []):
                continue
            values = dict.fromkeys(v for v in self.data.getlist(name) if v.strip())
            pairs += [(name, value) for value in values]
        return urlencode(pairs)

    def selected_skill_slugs(self):
        """The valid skills chosen, once each, for ticking their boxes."""
        if not self.is_bound:
            return []
        self.form.is_valid()  # an invalid skill is absent from cleaned_data
        return list(self.form.cleaned_data.get("skill") or [])

    def error_summary(self):
        """[(anchor, label, messages)] for the filters that could not be used."""
        if not self.is_bound or self.form.is_valid():
            return []
        return [
            (
                "skill-help" if name == "skill" else self.form[name].id_for_label,
                self.form.fields[name].label,
                " ".join(errors),
            )
            for name, errors in self.form.errors.items()
        ]

    def applied_filters(self):
        """The valid choices in force, each with a link that removes only it."""
        if not self.is_bound:
            return []
        self.form.is_valid()  # cleaned_data keeps the valid fields even when others fail
        applied = []
        for name, value in self.form.cleaned_data.items():
            if name in NOT_FILTERS or value in (None, "") or (name == "skill" and not value):
                continue
            values = list(value) if name == "skill" else [value]
            for single in values:
                applied.append(
                    AppliedFilter(
                        label=CHIP_LABELS.get(name, str(self.form.fields[name].label)),
                        value=self._display(name, single),
                        remove_url=self._query_without(name, single),
                    )
                )
        return applied

    def active_filter_count(self):
        """How many filter values are in force: one per chip, so a value sent twice counts
        once, a blank or refused one not at all, and the sort and page number never."""
        return len(self.applied_filters())

    def _display(self, name, value):
        if name == "pay_in" and self.pay_area is not None:
            return self.pay_area.title
        if name in CHOICE_LISTS:
            return self.choices.get(CHOICE_LISTS[name], value).name
        if name in ("track", "education"):
            return dict(self.form.fields[name].choices).get(value, value)
        if name in ("salary_min", "official_median_min"):
            return usd(value)
        if name == "growth_min":
            return f"{percent(value)}%"
        return str(value)

    def _query_without(self, name, value):
        query = QueryDict(mutable=True)
        for key, values in self.data.lists():
            if key == "page":
                continue
            if key == name:
                kept = [v for v in values if name == "skill" and v and v != value]
                if kept:
                    query.setlist(key, kept)
            else:
                query.setlist(key, values)
        encoded = query.urlencode()
        return f"?{encoded}" if encoded else "?"


# Longest place search a visitor may type: BLS's longest area title is under 100.
PLACE_QUERY_MAX = 100


class SearchBox(forms.SearchInput):
    """A search box that shows back what was typed, less any NUL character: the form
    says why such a search cannot be used, and a NUL would spoil the page's HTML."""

    def format_value(self, value):
        value = super().format_value(value)
        return value.replace("\x00", "") if value else value


class PlaceFilter(django_filters.FilterSet):
    """The places list's search box: a place's name, or a state's postal code."""

    q = django_filters.CharFilter(
        label="Find a place",
        method="filter_search",
        max_length=PLACE_QUERY_MAX,
        help_text="A state, a city or a metropolitan area, or a state’s two-letter code (CA).",
        widget=SearchBox(attrs={"autocomplete": "off"}),
    )

    class Meta:
        model = Area
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.label_suffix = ""

    def filter_search(self, queryset, name, value):
        return queryset.matching(value)

    @property
    def search(self):
        """The words searched for, "" when none (or when they could not be used)."""
        if not self.is_bound or not self.form.is_valid():
            return ""
        return " ".join(self.form.cleaned_data.get("q", "").split())
