"""The roles a page names for an official occupation, and how many more it stands for.

An occupation can stand for thousands of the guide's roles. A page names ROLES_NAMED of
them, those longest in the guide (the lowest ids: the article's own roles before any
added since), listed by title, and counts the rest: "Data Scientist, … and 412 more".
Both come from the database, and neither grows with the roles: the occupations' own query
carries the named roles' ids and the count (a few steps along RoleOccupation's
occupation-and-role index each), and attach() reads those few roles in one more query.
Loading every role to name eight took 1.5 s at 10,000 roles (docs/performance.md)."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

# As many as templates/includes/inline_links.html names before it counts the rest.
ROLES_NAMED = 8
NAMED_ROLE_FIELDS = tuple(f"named_role_{index}" for index in range(ROLES_NAMED))


def published_roles_named(occupation):
    """Annotations for a query whose rows each lead to an occupation through the field
    `occupation` ("pk" on occupations, "occupation" on estimates): `role_count`, how
    many published roles link it, and NAMED_ROLE_FIELDS, the ids of the first
    ROLES_NAMED of them by id (None past the last)."""
    from careers.official.models import RoleOccupation  # that module imports this one

    links = RoleOccupation.objects.filter(occupation=OuterRef(occupation), role__is_published=True)
    # role_id, not role: ordering by a relation orders by the role's own ordering (title).
    ids = links.order_by("role_id").values("role_id")
    count = links.order_by().values("occupation").annotate(count=Count("pk")).values("count")
    return {
        "role_count": Coalesce(Subquery(count), 0),
        **{name: Subquery(ids[index : index + 1]) for index, name in enumerate(NAMED_ROLE_FIELDS)},
    }


def attach(rows):
    """Give each of `rows` (read with published_roles_named()) its `named_roles`, by
    title, reading them all in one query (none when no row names a role). Returns the
    rows, as a list."""
    from careers.models import Role  # careers.models imports this package's models

    wanted = [(row, {getattr(row, name) for name in NAMED_ROLE_FIELDS} - {None}) for row in rows]
    every_id = set().union(*(ids for _, ids in wanted))
    roles = list(Role.objects.filter(pk__in=every_id)) if every_id else []  # by title
    for row, ids in wanted:
        row.named_roles = [role for role in roles if role.pk in ids]
    return [row for row, _ in wanted]
