"""Importing a BLS OEWS release: the one service the admin's upload (preview, then
confirm), the `import_oews` command and the seed loader all call.

- `import_oews(data, …, dry_run=…)` reads a whole file and applies it, all or nothing,
  returning an ImportReport of what changed (or would change).
- careers.official.previews: the admin's preview, then confirm, built on its dry run.
"""

import datetime
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from careers import content_version
from careers.formatting import counted, plain, usd
from careers.models.catalogue import Source
from careers.official.models import (
    ESTIMATE_FIGURE_FIELDS,
    HOURLY_WAGE_MAX,
    Occupation,
    WageEstimate,
    WageRelease,
)
from careers.official.places import NATIONAL_AREA_TITLE, Area, NaicsIndustry
from careers.official.reading import OewsReader
from careers.planner_statistics import refresh_planner_statistics
from careers.uploads import larger_files

# BLS's top-code since the May 2024 release: $115.00 an hour, $239,200 a year.
DEFAULT_HOURLY_TOP_CODE = Decimal("115.00")
BLS_PUBLISHER = "U.S. Bureau of Labor Statistics"
BLS_OEWS_URL = "https://www.bls.gov/oes/tables.htm"
CHANGE_REASON = "Imported from BLS OEWS {release} ({file})"
# Rows read, checked and written together: enough to keep the queries few, few enough
# that memory does not grow with the file.
BATCH_SIZE = 2000
# The most new occupations or changed figures a report names one by one.
LISTED_MAX = 500
RELEASE_NAME = re.compile(
    r"^(January|February|March|April|May|June|July|August|September|"
    r"October|November|December) (\d{4})$"
)


def check_release(name, published, hourly_top_code, today=None):
    """The month a release describes ("May 2025" → 2025-05-01), once its name, publication
    date and top-code make sense together. Raises ValueError saying what does not."""
    if not RELEASE_NAME.match(name.strip()):
        raise ValueError(f"“{name[:40]}” is not a release name like “May 2025”.")
    reference_month = datetime.datetime.strptime(name.strip(), "%B %Y").date()
    if published < reference_month:
        raise ValueError(
            f"The publication date {published} is before the month the release describes."
        )
    if published > (today or timezone.localdate()):
        raise ValueError(f"The publication date {published} is in the future.")
    if not 0 < hourly_top_code <= HOURLY_WAGE_MAX:
        raise ValueError(f"The hourly top-code must be between $0 and {usd(HOURLY_WAGE_MAX)}.")
    if hourly_top_code != hourly_top_code.quantize(Decimal("0.01")):
        # The release stores it in cents; 115.005 would be saved as 115.01 and every
        # later import of the same file would report the top-code as changed.
        raise ValueError(f"The hourly top-code {hourly_top_code} has more than two decimals.")
    return reference_month


@dataclass
class FigureChange:
    code: str
    title: str
    changes: list  # [(label, old, new)]
    where: str = NATIONAL_AREA_TITLE


@dataclass
class ImportReport:
    """What an import does (or, in a dry run, would do). Counts cover every row; the
    lists name at most LISTED_MAX rows each, those of occupations roles link to first."""

    release: str
    dry_run: bool
    new_release: bool = False
    release_changes: list = field(default_factory=list)
    new_occupations: list = field(default_factory=list)  # EstimateRow
    renamed_occupations: list = field(default_factory=list)  # (code, old title, new title)
    new_areas: int = 0
    new_industries: int = 0
    new_estimates: int = 0
    changed: list = field(default_factory=list)  # FigureChange
    changed_count: int = 0
    unchanged: int = 0
    kept_absent: int = 0
    skipped_occupations: int = 0
    linked_codes: set = field(default_factory=set)
    # New national estimates of occupations a role links to: what students will see.
    new_linked: list = field(default_factory=list)  # EstimateRow

    @property
    def changes_anything(self):
        return bool(
            self.new_release
            or self.release_changes
            or self.new_occupations
            or self.renamed_occupations
            or self.new_estimates
            or self.changed_count
        )

    @property
    def changed_linked(self):
        """Changed estimates of occupations a role links to: what students will see move."""
        return [change for change in self.changed if change.code in self.linked_codes]

    def note_change(self, change):
        self.changed_count += 1
        if len(self.changed) < LISTED_MAX:
            self.changed.append(change)

    def summary_lines(self):
        lines = [
            f"Release {self.release}: "
            + ("new." if self.new_release else "already here; updating it."),
            f"{counted(self.new_estimates, 'new estimate')}, {self.changed_count} changed, "
            f"{self.unchanged} unchanged.",
            f"{counted(len(self.new_occupations), 'new occupation')}, "
            f"{len(self.renamed_occupations)} renamed; {counted(self.new_areas, 'new area')}, "
            f"{counted(self.new_industries, 'new industry', 'new industries')}.",
        ]
        if self.skipped_occupations:
            lines.append(
                f"Skipped {counted(self.skipped_occupations, 'row')} for occupations no role "
                "links to."
            )
        if self.release_changes:
            lines.append(
                "Release details: "
                + "; ".join(f"{label} {old} → {new}" for label, old, new in self.release_changes)
            )
        if self.kept_absent:
            lines.append(
                f"{self.kept_absent} estimates already in this release are not in the file; "
                "they were kept."
            )
        if not self.changes_anything:
            lines.append("Nothing to change: the release is already up to date.")
        return lines


def import_oews(
    data,
    *,
    release,
    published,
    file_name,
    user=None,
    hourly_top_code,
    dry_run=False,
    linked_only=False,
):
    """Import an OEWS file (bytes) as `release`, all or nothing. Returns an ImportReport.

    Existing estimates of the release are updated where the file differs, new ones are
    added, and those the file lacks are kept. Other releases are never touched. Each
    created or changed row gets a history entry naming `user` and the file. The file is
    read and written in batches of BATCH_SIZE rows, so memory stays bounded whatever its
    size; a problem anywhere undoes every batch. `linked_only` keeps only the
    occupations roles link to. A dry run does everything, then undoes it.
    """
    reference_month = check_release(release, published, hourly_top_code)
    release = release.strip()
    reason = CHANGE_REASON.format(release=release, file=file_name)[:100]
    report = ImportReport(release=release, dry_run=dry_run)
    report.linked_codes = set(
        Occupation.objects.filter(role_links__isnull=False).values_list("code", flat=True)
    )
    reader = OewsReader(
        data, hourly_top_code, keep_codes=report.linked_codes if linked_only else None
    )
    limits = larger_files(
        rows=settings.OEWS_IMPORT_MAX_ROWS, xml_bytes=settings.OEWS_IMPORT_MAX_XML_BYTES
    )
    with limits, transaction.atomic():
        wage_release = _plan_release(report, release, reference_month, published, hourly_top_code)
        history = {"default_user": user, "default_change_reason": reason}
        if wage_release.pk is None or report.release_changes:
            wage_release._change_reason = reason
            wage_release._history_user = user
            wage_release.save()
        stored_before = wage_release.estimates.count()
        batch = _Batch(report, wage_release, reference_month, history)
        for rows in itertools.batched(reader.rows(), BATCH_SIZE):
            if reader.problem_count:
                continue  # keep reading to name every problem; write nothing more
            batch.apply(rows)
        reader.finish()
        report.skipped_occupations = reader.skipped_occupations
        report.kept_absent = stored_before - batch.matched
        if dry_run:
            transaction.set_rollback(True)
        else:
            # Written in bulk, without signals: the cached pages must hear of it here.
            content_version.bump()
    if not dry_run:
        refresh_planner_statistics()
    return report


class _Batch:
    """Applies the file's rows, a batch at a time, to the release: new areas,
    industries and occupations first, then new and changed estimates."""

    def __init__(self, report, wage_release, reference_month, history):
        self.report, self.release, self.history = report, wage_release, history
        self.areas = {(a.code, a.kind): a for a in Area.objects.all()}
        self.industries = {(i.naics, i.ownership): i for i in NaicsIndustry.objects.all()}
        self.occupations = Occupation.objects.in_bulk(field_name="code")
        # Titles follow the newest release: an older one imported later renames nothing.
        self.newest = not WageRelease.objects.filter(reference_month__gt=reference_month).exists()
        self.slugs = set(Area.objects.values_list("slug", flat=True))
        self.matched = 0

    def apply(self, rows):
        self._add_places(rows)
        self._add_occupations(rows)
        existing = {
            (e.area_id, e.industry_id, e.occupation_id): e
            for e in self.release.estimates.filter(
                occupation__in={self.occupations[row.code].pk for row in rows},
                area__in={self.areas[row.area.key].pk for row in rows},
                industry__in={self.industries[row.industry.key].pk for row in rows},
            )
        }
        new, changed = [], {}  # changed fields → estimates
        for row in rows:
            occupation = self.occupations[row.code]
            area, industry = self.areas[row.area.key], self.industries[row.industry.key]
            estimate = existing.get((area.pk, industry.pk, occupation.pk))
            if estimate is None:
                new.append(
                    WageEstimate(
                        release=self.release,
                        occupation=occupation,
                        area=area,
                        industry=industry,
                        **row.values,
                    )
                )
                if row.code in self.report.linked_codes and row.is_national:
                    self.report.new_linked.append(row)
                continue
            self.matched += 1
            self._compare(estimate, row, changed)
        self.report.new_estimates += len(new)
        if new:
            bulk_create_with_history(new, WageEstimate, **self.history)
        # Only the fields that changed: bulk_update() builds a CASE per object and field,
        # and all 18 fields of 1,100 estimates took about 15 s, holding SQLite’s write lock.
        for fields, estimates in changed.items():
            bulk_update_with_history(estimates, WageEstimate, list(fields), **self.history)

    def _compare(self, estimate, row, changed):
        changed_fields = tuple(
            name for name in ESTIMATE_FIGURE_FIELDS if getattr(estimate, name) != row.values[name]
        )
        if not changed_fields:
            self.report.unchanged += 1
            return
        labels = [
            (
                WageEstimate._meta.get_field(name).verbose_name,
                plain(getattr(estimate, name)),
                plain(row.values[name]),
            )
            for name in changed_fields
        ]
        for name, value in row.values.items():
            setattr(estimate, name, value)
        changed.setdefault(changed_fields, []).append(estimate)
        self.report.note_change(FigureChange(row.code, row.title, labels, row.where))

    def _add_places(self, rows):
        new_areas, new_industries = {}, {}
        for row in rows:
            if row.area.key not in self.areas and row.area.key not in new_areas:
                new_areas[row.area.key] = Area(
                    code=row.area.code,
                    kind=row.area.kind,
                    title=row.area.title,
                    states=row.area.states,
                    slug=self._area_slug(row.area),
                )
            if row.industry.key not in self.industries and row.industry.key not in new_industries:
                new_industries[row.industry.key] = NaicsIndustry(
                    naics=row.industry.naics,
                    ownership=row.industry.ownership,
                    title=row.industry.title,
                    level=row.industry.level,
                )
        for key, area in zip(new_areas, Area.objects.bulk_create(new_areas.values()), strict=True):
            self.areas[key] = area
        created = NaicsIndustry.objects.bulk_create(new_industries.values())
        for key, industry in zip(new_industries, created, strict=True):
            self.industries[key] = industry
        self.report.new_areas += len(new_areas)
        self.report.new_industries += len(new_industries)

    def _area_slug(self, area):
        """A readable, unique address: "california", "san-jose-sunnyvale-santa-clara-ca"."""
        slug = slugify(area.title)[:100] or f"area-{area.code}"
        if slug in self.slugs:
            slug = f"{slug}-{area.code}"
        self.slugs.add(slug)
        return slug

    def _add_occupations(self, rows):
        new, renamed = [], []
        for row in rows:
            occupation = self.occupations.get(row.code)
            if occupation is None:
                occupation = Occupation(code=row.code, title=row.title, level=row.level)
                self.occupations[row.code] = occupation
                new.append(occupation)
                if len(self.report.new_occupations) < LISTED_MAX:
                    self.report.new_occupations.append(row)
            elif (
                self.newest
                and row.is_national
                and (occupation.title, occupation.level) != (row.title, row.level)
            ):
                self.report.renamed_occupations.append((row.code, occupation.title, row.title))
                occupation.title, occupation.level = row.title, row.level
                renamed.append(occupation)
        if new:
            bulk_create_with_history(new, Occupation, **self.history)
        if renamed:
            bulk_update_with_history(renamed, Occupation, ["title", "level"], **self.history)


def _plan_release(report, name, reference_month, published, hourly_top_code):
    """The release to import into: the stored one (changes noted) or a new, unsaved one."""
    wage_release = WageRelease.objects.filter(name=name).first()
    if wage_release is None:
        report.new_release = True
        return WageRelease(
            name=name,
            reference_month=reference_month,
            published=published,
            hourly_top_code=hourly_top_code,
            source=_source_for(name, published),
        )
    if wage_release.published != published:
        report.release_changes.append(("published", wage_release.published, published))
        wage_release.published = published
    if wage_release.hourly_top_code != hourly_top_code:
        report.release_changes.append(
            ("hourly top-code", wage_release.hourly_top_code, hourly_top_code)
        )
        wage_release.hourly_top_code = hourly_top_code
    return wage_release


def _source_for(release, published):
    """The citation for a release, made the first time it is imported."""
    slug = f"bls-oews-{slugify(release)}"
    source = Source.objects.filter(slug=slug).first()
    if source is None:
        source = Source(
            slug=slug,
            title=f"Occupational Employment and Wage Statistics (OEWS), {release}",
            publisher=BLS_PUBLISHER,
            year=published.year,
            url=BLS_OEWS_URL,
            note="Estimates by area and industry, imported from BLS's download files.",
        )
        source.save()
    return source
