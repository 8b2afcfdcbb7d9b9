"""Revisions of a role: two editors cannot overwrite each other (optimistic locking),
and an editor told of a conflict sees what changed meanwhile, from the history."""

from itertools import pairwise

from django.db import models, transaction
from django.utils import timezone

from careers import formatting


class FiguresChangedMeanwhile(Exception):
    """Another save reached the role after this copy of it was read."""


def describe_value(model, field_name, value):
    """A stored value as an editor reads it (money with $, a source by its title)."""
    if value is None or value == "":
        return "(empty)"
    field = model._meta.get_field(field_name)
    if field_name in model.MONEY_FIELDS:
        return formatting.usd(value)
    if field.many_to_many:
        # The history lists many-to-many links as through rows: [{"role": 1, "industry": 4}].
        ids = [row[field.m2m_reverse_field_name()] for row in value]
        return ", ".join(map(str, field.related_model.objects.filter(pk__in=ids))) or "(none)"
    if field.is_relation:
        related = field.related_model.objects.filter(pk=value).first()
        return str(related) if related else f"(deleted #{value})"
    return str(value)


def describe_history(model, records):
    """What each history entry changed from the one before it, for the history page.

    `records` are a page of a record's history, newest first. Each but the first ever
    gets `figure_changes`, [(field label, old, new)] for the figures (salary, outlook
    and their sources) as an editor reads them, and `other_changes`, the labels of any
    other field it changed, many-to-many links included. However many entries the page
    holds, that costs one query for the entry before the page's oldest, one for each
    many-to-many field's links and one for each kind of source named.
    """
    records = list(records)
    if not records:
        return records
    previous = records[-1].prev_record
    chain = [*records, previous] if previous is not None else records
    m2m_names = [field.name for field in records[0]._history_m2m_fields]
    links = {name: history_links(model, chain, name) for name in m2m_names}
    deltas = []
    for newer, older in pairwise(chain):
        delta = newer.diff_against(
            older,
            excluded_fields=[*model.UNLISTED_CHANGES, *m2m_names],
            foreign_keys_are_objs=False,
        )
        relinked = [name for name in m2m_names if links[name][newer.pk] != links[name][older.pk]]
        deltas.append((newer, delta.changes, relinked))
    figure_names = {f.name for f in model._meta.concrete_fields if f.attname in model.FIGURE_FIELDS}
    names = related_names(model, figure_names, [c for _, changes, _ in deltas for c in changes])
    for newer, changes, relinked in deltas:
        newer.figure_changes, newer.other_changes = [], []
        for change in changes:
            field = model._meta.get_field(change.field)
            if change.field not in figure_names:
                newer.other_changes.append(field.verbose_name)
            elif field.is_relation:
                old, new = (
                    "(empty)" if pk is None else names[field.related_model].get(pk, f"#{pk}")
                    for pk in (change.old, change.new)
                )
                newer.figure_changes.append((field.verbose_name, old, new))
            else:
                old, new = (
                    describe_value(model, change.field, v) for v in (change.old, change.new)
                )
                newer.figure_changes.append((field.verbose_name, old, new))
        newer.other_changes += [model._meta.get_field(name).verbose_name for name in relinked]
    return records


def history_links(model, records, field_name):
    """{history entry id: the set of ids it linked through `field_name`}, in one query."""
    through = getattr(records[0], field_name).model
    linked = model._meta.get_field(field_name).m2m_reverse_field_name()
    links = {record.pk: set() for record in records}
    rows = through.objects.filter(history__in=list(links)).values_list("history_id", linked)
    for history_id, linked_id in rows:
        links[history_id].add(linked_id)
    return links


def related_names(model, figure_names, changes):
    """{related model: {pk: its name}} for the figures' links (sources) in `changes`:
    one query for each kind of related object, whatever the number of changes."""
    wanted = {}
    for change in changes:
        field = model._meta.get_field(change.field)
        if change.field in figure_names and field.is_relation:
            wanted.setdefault(field.related_model, set()).update({change.old, change.new})
    return {
        related_model: {
            obj.pk: str(obj)
            for obj in related_model._default_manager.filter(pk__in=ids - {None}).select_related(
                *(f.name for f in related_model._meta.concrete_fields if f.many_to_one)
            )
        }
        for related_model, ids in wanted.items()
    }


class RevisionLock(models.Model):
    """A model whose `version` goes up with every save, refusing a save made from a copy
    read before someone else's; `figures_updated_at` moves only when one of
    FIGURE_FIELDS changes. The concrete model declares both fields and FIGURE_FIELDS."""

    FIGURE_FIELDS = ()
    MONEY_FIELDS = ()
    # Bookkeeping that changes with every save: not worth listing as a change.
    UNLISTED_CHANGES = ["version", "updated_at", "figures_updated_at", "created_at"]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Save, refusing to overwrite a newer revision (optimistic locking).

        The revision read with this copy must still be the one in the database;
        inside the transaction (SQLite takes its write lock at BEGIN IMMEDIATE)
        no other save can slip in between the check and the write.
        """
        if self._state.adding:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            current = (
                type(self).objects.filter(pk=self.pk).values_list("version", flat=True).first()
            )
            if current is not None and current != self.version:
                raise FiguresChangedMeanwhile(
                    f"{self} was saved by someone else (revision {current}) after this copy "
                    f"(revision {self.version}) was read."
                )
            self.version += 1
            if self.figures() != getattr(self, "_loaded_figures", None):
                self.figures_updated_at = timezone.now()
            super().save(*args, **kwargs)
            self._loaded_figures = self.figures()

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        # Remember the figures as loaded, to tell whether a save changes them.
        instance._loaded_figures = instance.figures()
        return instance

    def figures(self):
        return tuple(getattr(self, field, None) for field in self.FIGURE_FIELDS)

    def changes_since(self, revision):
        """What changed after `revision`, as [(field label, old, new)], from the history."""
        seen = self.history.filter(version=revision).order_by("-history_date").first()
        latest = self.history.order_by("-history_date").first()
        if seen is None or latest is None:
            return []
        delta = latest.diff_against(seen, excluded_fields=self.UNLISTED_CHANGES)
        return [
            (
                self._meta.get_field(change.field).verbose_name,
                describe_value(self, change.field, change.old),
                describe_value(self, change.field, change.new),
            )
            for change in delta.changes
        ]
