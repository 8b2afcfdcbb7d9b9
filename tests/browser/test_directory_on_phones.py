"""The directory on a 360-pixel phone: the first role shows without scrolling, the
filters open from the keyboard, and the chips take a filter off with one tap."""

import pytest
from playwright.sync_api import expect

from careers.models import Role
from tests.helpers import PHONE

# Live-server tests empty the database afterwards: marked transactional so that
# pytest-django runs them after every other test.
pytestmark = pytest.mark.django_db(transaction=True)


def above_the_fold(page, locator, at_least=None):
    """Whether the thing shows in the first screenful: all of it, or its first
    `at_least` pixels (a line of text is about 30)."""
    box = locator.bounding_box()
    if box is None:
        return False
    shown = box["height"] if at_least is None else at_least
    return box["y"] >= 0 and box["y"] + shown <= PHONE["height"]


@pytest.mark.parametrize(
    "query", ["", "?industry=technology&skill=python&sort=salary-high"], ids=["all", "filtered"]
)
def test_on_a_phone_the_first_role_shows_without_scrolling(page, site, query):
    page.set_viewport_size(PHONE)
    page.goto(site + "/roles/" + query)
    first_title = page.locator(".role-card-title").first
    assert above_the_fold(page, first_title, at_least=20), first_title.bounding_box()
    assert page.locator("#results-heading").is_visible()
    # The filters are folded, not gone.
    assert not page.get_by_label("Search roles").is_visible()


def test_on_a_phone_the_filters_open_with_the_keyboard(page, site):
    page.set_viewport_size(PHONE)
    page.goto(site + "/roles/?skill=python&track=core")
    summary = page.locator("summary.filter-panel-summary")
    expect(summary).to_have_text("Filters (2 active)")
    page.locator("#main").focus()
    for _ in range(10):  # the summary is the first thing to tab to in the page's content
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.className") == "filter-panel-summary"
    page.keyboard.press("Enter")
    expect(page.get_by_label("Search roles")).to_be_visible()
    page.keyboard.press("Tab")
    found = Role.objects.published().filter(role_skills__skill__slug="python", track="core")
    expect(page.locator(":focus")).to_have_text(f"Skip to the {found.count()} results")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_q"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")  # closes it again
    expect(page.get_by_label("Search roles")).to_be_hidden()


def test_on_a_phone_a_chip_takes_off_just_its_filter(page, site):
    page.set_viewport_size(PHONE)
    page.goto(site + "/roles/?industry=technology&skill=python")
    chip = page.get_by_role("link", name="Remove filter Skill: Python")
    assert above_the_fold(page, chip)
    with page.expect_navigation():
        chip.click()
    expected = Role.objects.published().filter(industries__slug="technology").count()
    expect(page.locator("#results-heading")).to_have_text(f"{expected} roles found")
    expect(page.locator("summary.filter-panel-summary")).to_have_text("Filters (1 active)")
    assert "skill=" not in page.url and "industry=technology" in page.url


def test_on_a_wide_screen_the_filters_are_a_sidebar_without_a_summary(page, site):
    page.goto(site + "/roles/?skill=python")
    expect(page.get_by_label("Search roles")).to_be_visible()
    expect(page.locator("summary.filter-panel-summary")).to_be_hidden()
    sidebar = page.locator(".filter-panel").bounding_box()
    results = page.locator(".results").bounding_box()
    assert sidebar["x"] + sidebar["width"] <= results["x"]  # side by side
