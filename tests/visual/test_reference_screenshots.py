"""The design, as reference images: full-page screenshots of the main page types at
phone and desktop widths, compared within a tolerance with the PNGs checked in under
tests/visual/reference/, so a change to how the site looks shows up in review.

On a mismatch the screenshot and a picture of where it differs are written to
test-artifacts/visual/. After a deliberate design change, `make visual-references`
rewrites the references; a missing reference fails in CI and is written only then."""

import datetime
import io
from pathlib import Path

import pytest
from PIL import Image

from careers.models import Role
from tests.helpers import ARTIFACTS, DESKTOP, PHONE, missing
from tests.helpers.screenshots import UPDATE_HINT, compare, small_png, updating

pytestmark = pytest.mark.django_db(transaction=True)

REFERENCES = Path(__file__).resolve().parent / "reference"
OUTPUT = ARTIFACTS / "visual"

PAGES = [
    ("home", "/"),
    ("directory", "/roles/"),
    ("role", "/roles/data-scientist/"),
    ("compare", "/compare/?roles=machine-learning-engineer&roles=data-scientist&roles=ai-ethicist"),
    ("paths", "/paths/"),
    ("places", "/places/"),
]

# Pages show when a role was last updated, which the seed sets to the moment it loads.
FIXED_TIME = datetime.datetime(2026, 5, 15, 12, 0, tzinfo=datetime.UTC)


def freeze_dates():
    """Every date a public page shows, set to one fixed moment."""
    Role.objects.update(created_at=FIXED_TIME, updated_at=FIXED_TIME, figures_updated_at=FIXED_TIME)


def screenshot(page, url):
    response = page.goto(url)
    assert response.status == 200, (url, response.status)
    # Web fonts, if any, and the layout settled before the picture is taken.
    page.evaluate("document.fonts.ready.then(() => true)")
    return page.screenshot(full_page=True, animations="disabled", caret="hide")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_main_pages_look_as_their_reference_images(page, site, viewport):
    freeze_dates()
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme="light", reduced_motion="reduce")
    page.mouse.move(0, 0)
    mismatches, absent = [], []
    for name, path in PAGES:
        file_name = f"{name}-{viewport['width']}.png"
        reference = REFERENCES / file_name
        actual = Image.open(io.BytesIO(screenshot(page, site + path)))
        if updating():
            reference.write_bytes(small_png(actual))
            continue
        if not reference.exists():
            absent.append(file_name)
            continue
        result = compare(Image.open(reference), actual)
        if not result.matches:
            OUTPUT.mkdir(parents=True, exist_ok=True)
            actual.save(OUTPUT / file_name)
            result.difference.save(OUTPUT / file_name.replace(".png", "-difference.png"))
            mismatches.append(f"{path} at {viewport['width']} px: {result.describe()}")
    if mismatches:
        pytest.fail(
            "Pages look different from their reference images (the screenshots and where "
            f"they differ are in {OUTPUT.relative_to(ARTIFACTS.parent)}/):\n  "
            + "\n  ".join(mismatches + [f"{name}: no reference image" for name in absent])
            + f"\n{UPDATE_HINT}.",
            pytrace=False,
        )
    if absent:
        missing(
            f"Reference image {', '.join(absent)}",
            "`make visual-references` writes it; review it and commit it",
        )
