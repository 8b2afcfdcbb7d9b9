"""What the directory's filters offer, read in one query.

Skills, industries, credentials, the article's lists, the places with official pay and
the official occupations roles link are six small lists from six tables: one UNION of a
values_list() of the same shape from each, split here. Each option keeps its id, so a
filter validates a slug in memory and narrows the roles by id, the same SQL a model
choice would send."""

from dataclasses import dataclass

from django.db.models import CharField, F, IntegerField, Value
from django.db.models.functions import Concat

from careers.models import Area, ArticleListing, Credential, Industry, Occupation, Skill
from careers.official.places import group_area_choices

SKILL, INDUSTRY, CREDENTIAL, LISTING, AREA = "skill", "industry", "credential", "listing", "area"
OCCUPATION = "occupation"


@dataclass(frozen=True)
class Option:
    """One thing a filter offers: its slug (the value in links), its name, its id, and
    the group it is listed under (a skill's category, a credential's kind…)."""

    pk: int
    slug: str
    name: str
    group: str


def option_rows(queryset, kind, name, group=None, position=None):
    """`queryset` as (kind, group, position, name, slug, pk) rows, the union's shape
    (careers.comparing reads the compare page's choices with it too)."""
    text = CharField()
    return (
        queryset.order_by()
        .annotate(
            option_kind=Value(kind, output_field=text),
            option_group=F(group) if group else Value("", output_field=text),
            option_position=F(position) if position else Value(0, output_field=IntegerField()),
            option_name=F(name),
        )
        .values_list("option_kind", "option_group", "option_position", "option_name", "slug", "pk")
    )


def linked_occupations():
    """The official occupations a published role links, each with its SOC code as the
    slug links carry, and its title and code as its name ("Data Scientists (SOC
    15-2051)")."""
    return Occupation.objects.linked_to_published_roles().annotate(
        slug=F("code"),
        occupation_label=Concat(
            "title", Value(" (SOC "), "code", Value(")"), output_field=CharField()
        ),
    )


class DirectoryChoices:
    """The options of the directory's filters, each list in the order it is shown:
    skills by category then name, industries by name, credentials by kind then name,
    the article's lists in their editors' order, places by name within their group."""

    def __init__(self, options):
        kinds = (SKILL, INDUSTRY, CREDENTIAL, LISTING, AREA, OCCUPATION)
        self._options = {kind: {} for kind in kinds}
        for kind, option in options:
            self._options[kind][option.slug] = option

    @classmethod
    def load(cls):
        """Every option, in one query."""
        union = option_rows(Skill.objects.all(), SKILL, "name", group="category").union(
            option_rows(Industry.objects.all(), INDUSTRY, "name"),
            option_rows(Credential.objects.all(), CREDENTIAL, "name", group="kind"),
            option_rows(ArticleListing.objects.all(), LISTING, "title", position="position"),
            option_rows(Area.objects.choosable(), AREA, "title", group="choice_group"),
            option_rows(linked_occupations(), OCCUPATION, "occupation_label"),
            all=True,
        )
        rows = union.order_by("option_kind", "option_group", "option_position", "option_name")
        return cls((kind, Option(pk, slug, name, group)) for kind, group, _, name, slug, pk in rows)

    def choices(self, kind):
        """[(slug, name), …] for a select box or checkboxes."""
        return [(option.slug, option.name) for option in self._options[kind].values()]

    def area_choices(self):
        """The places, grouped by group_area_choices()."""
        return group_area_choices(
            (option.group, option.slug, option.name) for option in self._options[AREA].values()
        )

    def get(self, kind, slug):
        return self._options[kind][slug]

    def skills_by_category(self):
        """[(category label, [Option, …]), …] in the categories' declared order, as
        Skill.objects.grouped_by_category() gives them (the skill picker's groups)."""
        skills = self._options[SKILL].values()
        groups = {value: (label, []) for value, label in Skill.Category.choices}
        for skill in skills:
            if skill.group in groups:
                groups[skill.group][1].append(skill)
        return [(label, members) for label, members in groups.values() if members]
