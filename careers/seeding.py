"""Loading the seed fixtures (the careers article as data) without touching editors' work."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.db import transaction

from careers.models import WageEstimate, WageRelease
from careers.official.importing import DEFAULT_HOURLY_TOP_CODE, import_oews
from careers.planner_statistics import refresh_planner_statistics

SEED_DIR = Path(settings.BASE_DIR) / "fixtures"
SEED_CHANGE_REASON = "Loaded from the seed"


@dataclass(frozen=True)
class OfficialSeed:
    """A BLS OEWS file shipped with the guide, imported like an editor's upload."""

    path: Path
    release: str
    published: datetime.date


# BLS's May 2025 estimates (published 15 May 2026): national figures for the
# occupations the seed's roles link to, plus a few that show the format's markers; then
# the same occupations in every state, metropolitan and nonmetropolitan area and
# national industry BLS publishes them for (8,711 rows), so pay by place shows at once.
NATIONAL_SEED = OfficialSeed(
    path=SEED_DIR / "official" / "oews-national-may-2025.csv",
    release="May 2025",
    published=datetime.date(2026, 5, 15),
)
AREAS_SEED = OfficialSeed(
    path=SEED_DIR / "official" / "oews-areas-and-industries-may-2025.csv",
    release="May 2025",
    published=datetime.date(2026, 5, 15),
)
OFFICIAL_SEED = (NATIONAL_SEED, AREAS_SEED)


@dataclass
class SeedReport:
    loaded: dict[str, int] = field(default_factory=dict)
    kept: set[str] = field(default_factory=set)
    unresolved: int = 0

    def __str__(self):
        lines = [f"loaded {count} {label}" for label, count in sorted(self.loaded.items())]
        lines += [f"kept existing {label} (not empty)" for label in sorted(self.kept)]
        if self.unresolved:
            lines.append(f"skipped {self.unresolved} rows that refer to rows no longer here")
        return "\n".join(lines) or "nothing to load"


def seed_files(directory=SEED_DIR):
    """The fixture files, in the order their numeric prefixes give."""
    return sorted(Path(directory).glob("*.json"))


@transaction.atomic
def load_seed(paths=None, official=OFFICIAL_SEED):
    """Load the seed fixtures into every model that has no rows yet.

    A model that already has rows is left exactly as it is, so running the
    set-up again never overwrites a figure an editor changed, nor brings back
    a row an editor removed. All or nothing: a bad file loads no row at all.
    Then `official`, BLS OEWS files, are imported while no official release is stored.
    """
    paths = seed_files() if paths is None else paths
    report = SeedReport()
    empty_models = {}
    saved = {}

    for path in paths:
        with open(path, encoding="utf-8") as fixture:
            for item in serializers.deserialize("json", fixture, handle_forward_references=True):
                model = type(item.object)
                label = model._meta.verbose_name_plural
                if model not in empty_models:
                    # Decided once, before this load adds anything to it.
                    empty_models[model] = not model._default_manager.exists()
                if not empty_models[model]:
                    report.kept.add(label)
                    continue
                if item.deferred_fields:
                    report.unresolved += 1
                    continue
                item.object._change_reason = SEED_CHANGE_REASON  # read by the history library
                item.save()
                saved.setdefault(model, []).append(item.object)
                report.loaded[label] = report.loaded.get(label, 0) + 1
    record_history(saved)
    if official is not None:
        load_official_seed(report, official)
    if saved:
        refresh_planner_statistics()
    return report


def load_official_seed(report, seeds):
    """Import the shipped OEWS files while no official release is stored, through the
    same importer editors use (so they get the same checks and history)."""
    if WageRelease.objects.exists():
        report.kept.add(WageRelease._meta.verbose_name_plural)
        return
    if isinstance(seeds, OfficialSeed):
        seeds = (seeds,)
    label = WageEstimate._meta.verbose_name_plural
    for seed in seeds:
        imported = import_oews(
            seed.path.read_bytes(),
            release=seed.release,
            published=seed.published,
            hourly_top_code=DEFAULT_HOURLY_TOP_CODE,
            file_name=seed.path.name,
        )
        report.loaded[label] = report.loaded.get(label, 0) + imported.new_estimates


def record_history(saved):
    """Give each seeded row its first history entry (fixture loading bypasses the
    history library's signals), so editors' changes can be compared with the seed."""
    for model, objects in saved.items():
        history = getattr(model, "history", None)
        if history is None:
            continue
        # Saving a role's industries already wrote its first entry.
        recorded = set(history.filter(id__in=[o.pk for o in objects]).values_list("id", flat=True))
        history.bulk_history_create(
            [o for o in objects if o.pk not in recorded],
            default_change_reason=SEED_CHANGE_REASON,
        )
