"""`manage.py import_oews`: import a BLS OEWS release from the command line (Django finds
it through careers/management/commands/import_oews.py)."""

import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careers.formatting import usd
from careers.official.importing import DEFAULT_HOURLY_TOP_CODE, import_oews
from careers.official.models import HOURS_PER_YEAR
from careers.official.reading import OewsFileError
from careers.preview_images import redraw_role_cards_after_commit
from careers.uploads import check_size

ANNUAL_DEFAULT_TOP_CODE = DEFAULT_HOURLY_TOP_CODE * HOURS_PER_YEAR


def iso_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"“{text}” is not a date like 2026-05-15.") from None


class Command(BaseCommand):
    help = (
        "Import a BLS OEWS release from one of its downloads (national, state, metropolitan "
        "area or all data; .xlsx or a CSV export of it): wage estimates by area and industry. "
        "All or nothing; importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", type=Path, help="e.g. national_M2025_dl.xlsx, all_data_M_2025.xlsx, or a CSV"
        )
        parser.add_argument("--release", required=True, help="as BLS names it, e.g. “May 2025”")
        parser.add_argument(
            "--published", required=True, help="BLS's publication date, e.g. 2026-05-15"
        )
        parser.add_argument(
            "--top-code",
            default=str(DEFAULT_HOURLY_TOP_CODE),
            help="the release's hourly top-code in dollars, shown as # in the file (default "
            f"{DEFAULT_HOURLY_TOP_CODE}, i.e. {usd(ANNUAL_DEFAULT_TOP_CODE)} a year)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change, change nothing"
        )
        parser.add_argument(
            "--linked-only",
            action="store_true",
            help="keep only the occupations the guide's roles link to (for the large files)",
        )

    def handle(self, *args, **options):
        path = options["file"]
        try:
            published = iso_date(options["published"])
            top_code = Decimal(options["top_code"])
            check_size(path.stat().st_size)  # the same limit as an upload
            data = path.read_bytes()
            report = import_oews(
                data,
                release=options["release"],
                published=published,
                hourly_top_code=top_code,
                file_name=path.name,
                dry_run=options["dry_run"],
                linked_only=options["linked_only"],
            )
        except FileNotFoundError:
            raise CommandError(f"There is no file at {path}.") from None
        except InvalidOperation:
            raise CommandError(f"--top-code “{options['top_code']}” is not a number.") from None
        except (OSError, ValueError, OewsFileError) as error:
            raise CommandError(str(error)) from None
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was saved.")
        else:
            # The official median a role's preview image headlines may have changed.
            redraw_role_cards_after_commit()
        for line in report.summary_lines():
            self.stdout.write(line)
        for change in report.changed_linked:
            details = "; ".join(f"{label} {old} → {new}" for label, old, new in change.changes)
            self.stdout.write(f"  {change.code} {change.title} (linked to a role): {details}")
