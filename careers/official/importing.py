"""Importing a BLS OEWS release: the one service the admin's upload (preview, then
confirm), the `import_oews` command and the seed loader all call.

- `import_oews(data, …, dry_run=…)` reads a whole file and applies it, all or nothing,
  returning an ImportReport of what changed (or would change).
- `preview_import(…)` is its dry run for the admin, keeping the file until the editor
  confirms, and `confirm_import(token, user=…)` applies exactly the file previewed.
"""

import contextlib
import datetime
import hashlib
import hmac
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import slugify
from import_export.tmp_storages import TempFolderStorage
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from careers.formatting import counted, plain, usd
from careers.models.catalogue import Source
from careers.official.models import (
    ESTIMATE_FIGURE_FIELDS,
    HOURLY_WAGE_MAX,
    NATIONAL_AREA,
    Occupation,
    WageEstimate,
    WageRelease,
)
from careers.official.reading import read_oews

# BLS's top-code since the May 2024 release: $115.00 an hour, $239,200 a year.
DEFAULT_HOURLY_TOP_CODE = Decimal("115.00")
BLS_PUBLISHER = "U.S. Bureau of Labor Statistics"
BLS_OEWS_URL = "https://www.bls.gov/oes/tables.htm"
CHANGE_REASON = "Imported from BLS OEWS {release} ({file})"
PREVIEW_SALT = "careers.oews-import"
# Time to read a preview and confirm it; after that the file is uploaded again.
PREVIEW_MAX_AGE = datetime.timedelta(hours=1)
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


@dataclass
class ImportReport:
    """What an import does (or, in a dry run, would do)."""

    release: str
    dry_run: bool
    new_release: bool = False
    release_changes: list = field(default_factory=list)
    new_occupations: list = field(default_factory=list)  # EstimateRow
    renamed_occupations: list = field(default_factory=list)  # (code, old title, new title)
    new_estimates: int = 0
    changed: list = field(default_factory=list)  # FigureChange
    unchanged: int = 0
    kept_absent: int = 0
    skipped_areas: int = 0
    skipped_industries: int = 0
    linked_codes: set = field(default_factory=set)
    # New estimates of occupations a role links to: the figures students will see.
    new_linked: list = field(default_factory=list)  # EstimateRow

    @property
    def changes_anything(self):
        return bool(
            self.new_release
            or self.release_changes
            or self.new_occupations
            or self.renamed_occupations
            or self.new_estimates
            or self.changed
        )

    @property
    def changed_linked(self):
        """Changed estimates of occupations a role links to: what students will see move."""
        return [change for change in self.changed if change.code in self.linked_codes]

    def summary_lines(self):
        lines = [
            f"Release {self.release}: "
            + ("new." if self.new_release else "already here; updating it."),
            f"{counted(self.new_estimates, 'new estimate')}, {len(self.changed)} changed, "
            f"{self.unchanged} unchanged.",
            f"{counted(len(self.new_occupations), 'new occupation')}, "
            f"{len(self.renamed_occupations)} renamed.",
            f"Skipped {counted(self.skipped_areas, 'row')} for other areas and "
            f"{self.skipped_industries} for other industries or ownerships.",
        ]
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


def import_oews(data, *, release, published, file_name, user=None, hourly_top_code, dry_run=False):
    """Import an OEWS file (bytes) as `release`, all or nothing. Returns an ImportReport.

    Existing estimates of the release are updated where the file differs, new ones are
    added, and those the file lacks are kept. Other releases are never touched. Each
    created or changed row gets a history entry naming `user` and the file. A dry run
    reads and compares everything and writes nothing.
    """
    reference_month = check_release(release, published, hourly_top_code)
    release = release.strip()
    parsed = read_oews(data, hourly_top_code)
    reason = CHANGE_REASON.format(release=release, file=file_name)[:100]
    report = ImportReport(
        release=release,
        dry_run=dry_run,
        skipped_areas=parsed.skipped_areas,
        skipped_industries=parsed.skipped_industries,
    )
    with transaction.atomic():
        wage_release = _plan_release(report, release, reference_month, published, hourly_top_code)
        occupations = Occupation.objects.in_bulk(field_name="code")
        # Titles follow the newest release: an older one imported later renames nothing.
        newest = not WageRelease.objects.filter(reference_month__gt=reference_month).exists()
        report.linked_codes = set(
            Occupation.objects.filter(role_links__isnull=False).values_list("code", flat=True)
        )
        existing = {}
        if wage_release.pk:
            existing = {
                estimate.occupation.code: estimate
                for estimate in wage_release.estimates.filter(
                    area_code=NATIONAL_AREA
                ).select_related("occupation")
            }

        new_occupations, renamed = [], []
        new_estimates, changed_estimates = [], {}  # changed fields → estimates
        for row in parsed.rows:
            occupation = occupations.get(row.code)
            if occupation is None:
                occupation = Occupation(code=row.code, title=row.title, level=row.level)
                occupations[row.code] = occupation
                new_occupations.append(occupation)
                report.new_occupations.append(row)
            elif newest and (occupation.title, occupation.level) != (row.title, row.level):
                report.renamed_occupations.append((row.code, occupation.title, row.title))
                occupation.title, occupation.level = row.title, row.level
                renamed.append(occupation)

            estimate = existing.pop(row.code, None)
            if estimate is None:
                new_estimates.append((occupation, row))
                continue
            changed_fields = tuple(
                name
                for name in ESTIMATE_FIGURE_FIELDS
                if getattr(estimate, name) != row.values[name]
            )
            changes = [
                (
                    WageEstimate._meta.get_field(name).verbose_name,
                    plain(getattr(estimate, name)),
                    plain(row.values[name]),
                )
                for name in changed_fields
            ]
            if changes:
                for name, value in row.values.items():
                    setattr(estimate, name, value)
                changed_estimates.setdefault(changed_fields, []).append(estimate)
                report.changed.append(FigureChange(row.code, row.title, changes))
            else:
                report.unchanged += 1
        report.new_estimates = len(new_estimates)
        report.new_linked = [row for _, row in new_estimates if row.code in report.linked_codes]
        report.kept_absent = len(existing)
        if dry_run:
            return report

        history = {"default_user": user, "default_change_reason": reason}
        if wage_release.pk is None or report.release_changes:
            wage_release._change_reason = reason
            wage_release._history_user = user
            wage_release.save()
        if new_occupations:
            bulk_create_with_history(new_occupations, Occupation, **history)
        if renamed:
            bulk_update_with_history(renamed, Occupation, ["title", "level"], **history)
        if new_estimates:
            bulk_create_with_history(
                [
                    WageEstimate(
                        release=wage_release,
                        occupation=occupation,
                        area_code=row.area_code,
                        **row.values,
                    )
                    for occupation, row in new_estimates
                ],
                WageEstimate,
                **history,
            )
        # Only the fields that changed: bulk_update() builds a CASE per object and field,
        # and all 18 fields of 1,100 estimates took about 15 s, holding SQLite’s write lock.
        for fields, estimates in changed_estimates.items():
            bulk_update_with_history(estimates, WageEstimate, list(fields), **history)
    return report


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
            source=_source_for(name, published, create=not report.dry_run),
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


def _source_for(release, published, *, create):
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
            note="National, cross-industry estimates, imported from BLS's download file.",
        )
        if create:
            source.save()
    return source


# --- Preview, then confirm (the admin's upload) ----------------------------------------


class PreviewRefused(Exception):
    """A confirmation that cannot be applied: `message` says why, `code` names the case
    (expired, tampered, gone, changed)."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message, self.code = message, code


def _tmp_storage(name=None):
    """Where a previewed file waits: django-import-export's temporary storage, the one
    its own admin import uses (settings.IMPORT_EXPORT_TMP_STORAGE_CLASS), read as bytes."""
    storage_class = getattr(settings, "IMPORT_EXPORT_TMP_STORAGE_CLASS", TempFolderStorage)
    if isinstance(storage_class, str):
        storage_class = import_string(storage_class)
    return storage_class(name=name, read_mode="rb")


def preview_import(data, *, release, published, hourly_top_code, file_name, user):
    """What importing `data` would change (nothing is saved), and the signed token that
    confirms it: (ImportReport, token), the token None when the file changes nothing.
    The file waits in temporary storage until confirm_import() applies it.
    Raises OewsFileError or ValueError as import_oews() does."""
    report = import_oews(
        data,
        release=release,
        published=published,
        hourly_top_code=hourly_top_code,
        file_name=file_name,
        dry_run=True,
    )
    if not report.changes_anything:
        return report, None
    storage = _tmp_storage()
    storage.save(data)
    token = signing.dumps(
        {
            "stored": storage.name,
            "file_name": file_name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "release": release,
            "published": published.isoformat(),
            "hourly_top_code": str(hourly_top_code),
            "user": user.pk,
        },
        salt=PREVIEW_SALT,
    )
    return report, token


def _staged(token):
    """The preview a token describes, once its signature and age are checked."""
    try:
        return signing.loads(token, salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE)
    except signing.SignatureExpired:
        # Nobody can confirm it any more: free the storage now.
        _discard(signing.loads(token, salt=PREVIEW_SALT)["stored"])
        raise PreviewRefused(
            "This preview is more than an hour old; the figures may have changed since.",
            "expired",
        ) from None
    except signing.BadSignature:
        raise PreviewRefused(
            "This confirmation does not match a preview this site made (it may have been altered).",
            "tampered",
        ) from None


def _discard(name):
    with contextlib.suppress(FileNotFoundError):  # already gone
        _tmp_storage(name).remove()


def confirm_import(token, *, user):
    """Import the file a preview_import() token names, exactly as previewed, for `user`.
    Returns the ImportReport. Raises PreviewRefused when the token is not a fresh one of
    this user's, or the file is gone or altered; OewsFileError or ValueError as
    import_oews() does (nothing is saved then, and the file stays for another try)."""
    staged = _staged(token)
    if staged.get("user") != user.pk:
        raise PreviewRefused("This preview was made by someone else; make your own.", "tampered")
    try:
        data = _tmp_storage(staged["stored"]).read()
    except FileNotFoundError:
        data = None
    if data is None:
        raise PreviewRefused(
            "The previewed file is no longer stored: it was imported already, or cleared "
            "after a day.",
            "gone",
        )
    if not hmac.compare_digest(hashlib.sha256(data).hexdigest(), staged["sha256"]):
        raise PreviewRefused("The stored file is not the one previewed.", "changed")
    report = import_oews(
        data,
        release=staged["release"],
        published=datetime.date.fromisoformat(staged["published"]),
        hourly_top_code=Decimal(staged["hourly_top_code"]),
        file_name=staged["file_name"],
        user=user,
    )
    _discard(staged["stored"])
    return report
