"""What the admin's role pages post, for tests that act as an editor."""

from careers.models import FIGURE_FIELD_NAMES, FIGURE_FIELDS


def figure_values(role):
    """A role's figures as the admin posts them (blank for an empty field)."""
    values = {}
    for name, attribute in zip(FIGURE_FIELD_NAMES, FIGURE_FIELDS, strict=True):
        value = getattr(role, attribute)
        values[name] = "" if value is None else value
    return {**values, "version": role.version}


def form_data(role, **changes):
    """What the role's change page posts (as a browser does, with CRLF line ends),
    with its inline rows left as they are."""
    data = {
        "title": role.title,
        "slug": role.slug,
        "summary": role.summary,
        "description": role.description.replace("\n", "\r\n"),
        "is_published": "on" if role.is_published else "",
        "is_featured": "on" if role.is_featured else "",
        "stage": role.stage,
        "track": role.track,
        "min_education": role.min_education,
        "industries": [industry.pk for industry in role.industries.all()],
        **figure_values(role),
    }
    for prefix, rows, parent, fields in (
        ("role_skills", role.role_skills.all(), "role", ("skill", "importance")),
        ("role_credentials", role.role_credentials.all(), "role", ("credential", "requirement")),
        (
            "steps_out",
            role.steps_out.all(),
            "from_role",
            ("to_role", "kind", "typical_years", "note"),
        ),
        (
            "occupation_links",
            role.occupation_links.all(),
            "role",
            ("occupation", "note", "position"),
        ),
    ):
        rows = list(rows)
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows)})
        data.update({f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = row.pk
            data[f"{prefix}-{index}-{parent}"] = role.pk
            for field in fields:
                foreign_keys = ("skill", "credential", "to_role", "occupation")
                attribute = f"{field}_id" if field in foreign_keys else field
                value = getattr(row, attribute)
                data[f"{prefix}-{index}-{field}"] = "" if value is None else value
    data.update(changes)
    return data
