"""An editor's journeys in the admin, in a real browser: a figure changed with its
reason, found in the history as old → new with who and why, and restored from
there with one press."""

from playwright.sync_api import expect

from careers.accounts import EDITORS_GROUP
from careers.models import Role
from tests.helpers import make_staff
from tests.helpers.browser import go, sign_in


def log_in_as_editor(page, site):
    make_staff("erin", EDITORS_GROUP)
    sign_in(page, site, "erin")


def test_an_editor_sees_the_change_with_its_reason_and_reverts_it_in_one_go(page, site):
    log_in_as_editor(page, site)
    role = Role.objects.get(slug="robotics-engineer")
    page.goto(site + f"/admin/careers/role/{role.pk}/change/")
    page.locator("#id_salary_high").fill("145000")
    page.get_by_label("Reason for the change").fill("BLS May 2025 release")
    go(page, page.get_by_role("button", name="Save", exact=True))
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(site + f"/admin/careers/role/{role.pk}/history/")
    # The newest entry says what changed, old → new, who changed it and why.
    newest = page.locator("#change-history tbody tr").first
    expect(newest).to_contain_text("Salary high: $140,000 → $145,000")
    expect(newest).to_contain_text("erin")
    expect(newest).to_contain_text("BLS May 2025 release")
    # The newest entry first; the one before it holds the old figure.
    go(page, page.locator("#change-history tbody tr").nth(1).get_by_role("link"))
    assert page.locator("#id_salary_high").input_value() == "140000"
    assert (
        page.get_by_label("Reason for the change")
        .input_value()
        .startswith("Restored the version of")
    )
    go(page, page.locator("input[name=_save]"))  # the revert form's button
    # One press: no "someone else saved this role meanwhile".
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert page.locator(".errornote").count() == 0

    role.refresh_from_db()
    assert role.salary_high == 140_000
    entries = list(role.history.all()[:3])
    assert [entry.salary_high for entry in entries] == [140_000, 145_000, 140_000]
    assert entries[0].history_change_reason.startswith("Restored the version of")
    page.goto(site + "/roles/robotics-engineer/")
    assert "$90,000 – $140,000" in page.locator(".figures").inner_text()
