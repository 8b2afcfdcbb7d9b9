"""Links that never break: a renamed slug still finds its page."""

from django.http import Http404


def find_by_slug(queryset, slug, *, alias_lookup=None):
    """Return (object, moved) for `slug` within `queryset`.

    `moved` is True when `slug` is a former slug of the object: every curated
    model keeps its history, and the history keeps every slug it ever had.
    A current slug always wins over a former one. `alias_lookup` (e.g.
    "aliases__slug") also finds the object by another name's slug, such as a merged
    skill's, which then counts as moved.
    """
    found = queryset.filter(slug=slug).first()
    if found is not None:
        return found, False
    former_ids = (
        queryset.model.history.filter(slug=slug)
        .order_by("-history_date")
        .values_list("id", flat=True)
    )
    for former_id in former_ids[:5]:
        found = queryset.filter(pk=former_id).first()
        if found is not None:
            return found, True
    if alias_lookup:
        found = queryset.filter(**{alias_lookup: slug}).first()
        if found is not None:
            return found, True
    raise Http404(f"No page for “{slug}”.")
