"""The Content-Security-Policy in a real browser: every public page type, the admin
pages editors use and the lockout page load with the header and without one blocked
script, style, image or form; the JSON-LD data blocks are no exception."""

import json
import tempfile

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model

from careers.importing import RoleFiguresResource
from careers.models import Industry, Role, Skill
from tests.helpers import all_pages

# Live-server tests empty the database afterwards: marked transactional so that
# pytest-django runs them after every other test.
pytestmark = pytest.mark.django_db(transaction=True)

# Records every violation the browser reports, before any script of the page runs.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def watched(page):
    """The page, recording CSP violations from the event and from the console."""
    page.console_messages_seen = []
    page.on(
        "console",
        lambda message: (
            page.console_messages_seen.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.add_init_script(RECORD_VIOLATIONS)
    return page


@pytest.fixture
def editor_page(watched, site):
    """The watched page, logged in to the admin as a superuser."""
    get_user_model().objects.create_superuser("csp-admin", "c@example.org", "csp-password-2026")
    log_in(watched, site, "csp-admin", "csp-password-2026")
    assert watched.url.endswith("/admin/")
    return watched


def blocked(page, response):
    """What the policy blocked on the page `response` loaded, or what is wrong with the
    header."""
    page.wait_for_load_state("networkidle")
    found = list(page.evaluate("window.cspViolations")) + page.console_messages_seen
    policy = response.headers.get("content-security-policy", "")
    if "default-src 'self'" not in policy:
        found.append(f"no Content-Security-Policy header (status {response.status})")
    return found


def visit(page, url):
    """Load `url`; what the policy blocked there."""
    page.console_messages_seen.clear()
    return blocked(page, page.goto(url))


def submit(page, selector):
    """Click `selector` and follow the page it loads; what the policy blocked there."""
    page.console_messages_seen.clear()
    with page.expect_navigation() as navigation:
        page.click(selector)
    return blocked(page, navigation.value)


def log_in(page, site, username, password):
    page.goto(site + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("input[type=submit]")


def test_no_page_breaks_the_content_security_policy(watched, site):
    problems = {}
    for name, path in all_pages():
        if found := visit(watched, site + path):
            problems[f"{name} {path}"] = found
    # The JSON-LD is there and untouched: data, which the policy does not block.
    visit(watched, site + "/roles/data-scientist/")
    assert watched.locator('script[type="application/ld+json"]').count() >= 1

    if found := visit(watched, site + "/admin/login/"):
        problems["admin login"] = found
    assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)


def test_the_admin_pages_editors_use_stay_within_the_policy(
    editor_page, site, monkeypatch, tmp_path
):
    # The import preview keeps the upload in the temporary folder: this test's own.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    page, problems = editor_page, {}
    role = Role.objects.get(slug="robotics-engineer")
    role_admin = f"/admin/careers/role/{role.pk}"
    skill_admin = f"/admin/careers/skill/{Skill.objects.get(slug='python').pk}"
    for name, path in {
        "admin index with the review queue": "/admin/",
        "role list": "/admin/careers/role/",
        "role export": "/admin/careers/role/export/",
        "skill list": "/admin/careers/skill/",
        "skill change form": f"{skill_admin}/change/",
        "skill history": f"{skill_admin}/history/",
        "BLS import form": "/admin/careers/wagerelease/import/",
    }.items():
        problems[name] = visit(page, site + path)

    # An editor changes a figure, finds the change in the role's history and reverts it
    # there with one press (no inline handler asks first).
    problems["role change form"] = visit(page, f"{site}{role_admin}/change/")
    page.fill("#id_salary_high", "141000")
    page.fill("#id_change_reason", "BLS May 2025 release")
    problems["role saved"] = submit(page, "input[name=_continue]")
    problems["role history"] = visit(page, f"{site}{role_admin}/history/")
    assert "$140,000 → $141,000" in page.locator("#change-history").inner_text()
    problems["role revert form"] = submit(page, "#change-history tbody tr:nth-child(2) a")
    assert page.locator("#id_salary_high").input_value() == "140000"
    problems["role reverted"] = submit(page, "input[name=_save]")
    role.refresh_from_db()
    assert role.salary_high == 140_000

    # An industry's official (NAICS) industries, picked in the admin's two-list chooser.
    retail = Industry.objects.get(slug="retail")
    problems["industry change form"] = visit(
        page, f"{site}/admin/careers/industry/{retail.pk}/change/"
    )
    page.fill("#id_official_industries_input", "455000")
    page.select_option(
        "#id_official_industries_from",
        label="General Merchandise Retailers (NAICS 455000, private)",
    )
    page.click("#id_official_industries_add")
    problems["industry saved"] = submit(page, "input[name=_save]")
    assert retail.official_industries.filter(naics="455000").exists()

    # A spreadsheet raising that figure: the preview marks the change, then it is applied.
    rows = RoleFiguresResource().export(queryset=Role.objects.filter(pk=role.pk))
    rows.dict = [{**rows.dict[0], "salary_high": 150_000, "change_reason": "OEWS 2025"}]
    problems["role import form"] = visit(page, f"{site}/admin/careers/role/import/")
    page.set_input_files(
        "#id_import_file",
        files=[{"name": "figures.csv", "mimeType": "text/csv", "buffer": rows.csv.encode()}],
    )
    problems["role import preview"] = submit(page, "input[type=submit]")
    assert page.locator("table.import-preview tr.update ins").count() >= 1
    problems["role import done"] = submit(page, "input[name=confirm]")
    role.refresh_from_db()
    assert role.salary_high == 150_000

    # Two skills chosen for merging: the page asking which to keep.
    visit(page, f"{site}/admin/careers/skill/")
    page.locator("input.action-select").nth(0).check()
    page.locator("input.action-select").nth(1).check()
    page.select_option("select[name=action]", "merge")
    problems["skill merge"] = submit(page, "button[name=index]")
    assert "Which skill do the others become?" in page.content()

    problems = {name: found for name, found in problems.items() if found}
    assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)


def test_the_role_export_page_select_all_box_works_within_the_policy(editor_page, site):
    found = visit(editor_page, site + "/admin/careers/role/export/")
    fields = editor_page.locator('.selectable-field-export-row input[type="checkbox"]')
    assert fields.count() > 1 and all(box.is_checked() for box in fields.all())
    editor_page.locator(".select-toggle").click()
    assert not any(box.is_checked() for box in fields.all())
    editor_page.locator(".select-toggle").click()
    assert all(box.is_checked() for box in fields.all())
    found += editor_page.evaluate("window.cspViolations")
    assert not found, found


def test_a_locked_out_editor_sees_a_clear_accessible_page_within_the_policy(watched, site):
    get_user_model().objects.create_user("lee", password="lee-password-2026", is_staff=True)
    for _ in range(5):
        log_in(watched, site, "lee", "not-my-password")
    log_in(watched, site, "lee", "lee-password-2026")
    assert watched.locator("h1").inner_text() == "Log-in paused"
    assert "Try again in 15 minutes" in watched.locator("main").inner_text()
    found = watched.evaluate("window.cspViolations") + watched.console_messages_seen
    assert not found, found
    results = Axe().run(watched)
    assert results.violations_count == 0, results.generate_report()
