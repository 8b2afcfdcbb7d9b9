"""The Content-Security-Policy in a real browser: every public page type, the admin
pages editors use and the lockout page load with the header and without one blocked
script, style, image or form; the JSON-LD data blocks are no exception."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model

from careers.models import Role
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


def visit(page, url):
    """Load `url`; what the policy blocked there, or what is wrong with the header."""
    page.console_messages_seen.clear()
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    found = list(page.evaluate("window.cspViolations")) + page.console_messages_seen
    policy = response.headers.get("content-security-policy", "")
    if "default-src 'self'" not in policy:
        found.append(f"no Content-Security-Policy header (status {response.status})")
    return found


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
    get_user_model().objects.create_superuser("csp-admin", "c@example.org", "csp-password-2026")
    log_in(watched, site, "csp-admin", "csp-password-2026")
    assert watched.url.endswith("/admin/")
    role = Role.objects.get(slug="robotics-engineer")
    admin_pages = {
        "admin role list": "/admin/careers/role/",
        "admin role change form": f"/admin/careers/role/{role.pk}/change/",
        "admin BLS import form": "/admin/careers/wagerelease/import/",
    }
    for name, path in admin_pages.items():
        if found := visit(watched, site + path):
            problems[name] = found
    assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)


def test_the_role_export_page_select_all_box_works_within_the_policy(watched, site):
    get_user_model().objects.create_superuser("csp-admin", "c@example.org", "csp-password-2026")
    log_in(watched, site, "csp-admin", "csp-password-2026")
    found = visit(watched, site + "/admin/careers/role/export/")
    fields = watched.locator('.selectable-field-export-row input[type="checkbox"]')
    assert fields.count() > 1 and all(box.is_checked() for box in fields.all())
    watched.locator(".select-toggle").click()
    assert not any(box.is_checked() for box in fields.all())
    watched.locator(".select-toggle").click()
    assert all(box.is_checked() for box in fields.all())
    found += watched.evaluate("window.cspViolations")
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
