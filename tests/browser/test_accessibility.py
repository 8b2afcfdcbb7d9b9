"""Every public page type, in a real browser at phone and desktop widths and in the
light and dark colour schemes: zero axe-core violations (WCAG 2.0/2.1/2.2 A and AA),
no horizontal scrolling, and a screenshot a person can look at.

The markup does not depend on the scheme (only the stylesheet's
`prefers-color-scheme` rules do), so the HTML validity check runs once
(tests/test_html_validity.py)."""

import json
import tempfile

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model

from careers.seeding import NATIONAL_SEED
from tests.helpers import ARTIFACTS, DESKTOP, PHONE, all_pages

# Live-server tests empty the database afterwards: marked transactional so that
# pytest-django runs them after every other test.
pytestmark = pytest.mark.django_db(transaction=True)

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
SCHEMES = ["light", "dark"]


def axe_violations(page):
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]


def scrolls_sideways(page):
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def problems_on(page):
    """What axe finds on the page as it is now, and whether it scrolls sideways."""
    found = axe_violations(page)
    if scrolls_sideways(page):
        found.append("the page scrolls sideways")
    return found


def use_scheme(page, scheme):
    """Switch the page between the light and dark schemes without reloading it, and let
    the browser apply the stylesheet's rules before anything is measured."""
    page.emulate_media(color_scheme=scheme)
    assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_type_is_accessible_and_fits_the_screen(page, site, screenshots, viewport):
    page.set_viewport_size(viewport)
    # No transitions or animations: colours are measured as they settle, not midway.
    page.emulate_media(reduced_motion="reduce")
    problems = {}
    for name, path in all_pages():
        use_scheme(page, "light")
        response = page.goto(site + path)
        assert response.status < 500, (name, response.status)
        # Each page is loaded once and checked in both schemes.
        for scheme in SCHEMES:
            use_scheme(page, scheme)
            if found := problems_on(page):
                problems[f"{name} {path} ({scheme})"] = found
            suffix = "" if scheme == "light" else f"-{scheme}"
            page.screenshot(
                path=screenshots / f"{name}-{viewport['width']}{suffix}.png", full_page=True
            )
    assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)


# Violations axe reports inside Django's own admin markup, which we do not write:
# select2 comboboxes without a name, tabular-inline selects and delete boxes whose
# labels are column headers, and the filter sidebar's small links. Kept per page, so a
# violation our own admin code adds fails; the full report is test-artifacts/admin-axe.json.
KNOWN_ADMIN_RULES = {
    "login": set(),
    "role changelist": {"aria-input-field-name", "target-size"},
    "role change form": {"aria-input-field-name", "label", "list", "select-name"},
    "official data import": set(),
    "official data import preview": set(),
}


def test_the_admin_pages_editors_use_most_add_no_violations_of_our_own(
    page, site, monkeypatch, tmp_path
):
    # The import preview keeps the upload in the temporary folder: this test's own.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    get_user_model().objects.create_superuser("axe-admin", "a@example.org", "axe-password-2026")
    page.goto(site + "/admin/login/")
    report = {"login": axe_violations(page)}
    page.fill("#id_username", "axe-admin")
    page.fill("#id_password", "axe-password-2026")
    page.click("input[type=submit]")
    page.goto(site + "/admin/careers/role/")
    report["role changelist"] = axe_violations(page)
    page.click("text=Robotics Engineer")
    report["role change form"] = axe_violations(page)
    page.goto(site + "/admin/careers/wagerelease/import/")
    report["official data import"] = axe_violations(page)
    # The seeded release with two figures changed: the preview shows both change tables.
    changed = NATIONAL_SEED.path.read_bytes().replace(b",120230,", b",121230,")
    changed = changed.replace(b",204350,", b",204400,")
    page.set_input_files(
        "#id_file", files=[{"name": "oews.csv", "mimeType": "text/csv", "buffer": changed}]
    )
    page.fill("#id_release", "May 2025")
    page.fill("#id_published", "2026-05-15")
    page.click("input[value=Preview]")
    page.wait_for_selector("text=Confirm import")
    report["official data import preview"] = axe_violations(page)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "admin-axe.json").write_text(json.dumps(report, indent=2))
    for name, findings in report.items():
        rules = {finding.split(" ")[0] for finding in findings}
        assert rules <= KNOWN_ADMIN_RULES[name], json.dumps(report, indent=2)
