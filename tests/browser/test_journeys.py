"""The site as people use it, in a real browser: each step asserts what they see."""

import re

import pytest
from playwright.sync_api import expect

from careers.accounts import EDITORS_GROUP
from careers.models import Role
from tests.helpers import DESKTOP, PHONE, make_staff
from tests.helpers.browser import go, sign_in

# Live-server tests empty the database afterwards: marked transactional so that
# pytest-django runs them after every other test.
pytestmark = pytest.mark.django_db(transaction=True)


def card_titles(page):
    return page.locator(".role-card-title").all_inner_texts()


def test_a_student_searches_filters_sorts_pages_reads_follows_and_compares(page, site):
    page.goto(site + "/")
    page.get_by_role("search").get_by_label("Search the guide").fill("vision")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search/?q=vision" in page.url
    expect(page.get_by_role("link", name="Computer Vision Engineer").first).to_be_visible()

    page.goto(site + "/roles/")
    assert page.get_by_role("heading", name="16 roles found").is_visible()
    page.get_by_label("Industry").select_option("technology")
    page.locator("summary", has_text="Skills").click()
    page.get_by_label("Python", exact=True).check()
    page.get_by_label("Sort by").select_option("salary-high")
    go(page, page.get_by_role("button", name="Show roles"))
    expected = Role.objects.filter(industries__slug="technology", role_skills__skill__slug="python")
    heading = page.locator("#results-heading").inner_text()
    assert heading == f"{expected.count()} roles found"
    assert card_titles(page)[0] == expected.by_salary().first().title  # highest salary first
    assert "industry=technology" in page.url and "skill=python" in page.url

    page.goto(site + "/roles/")
    go(page, page.get_by_role("link", name="Next page"))
    assert "Page 2 of 2" in page.locator(".pagination-status").inner_text()
    assert len(card_titles(page)) == 16 - 12

    page.goto(site + "/roles/?sort=salary-high")
    go(page, page.get_by_role("link", name="AI Research Scientist").first)
    assert page.locator("h1").inner_text() == "AI Research Scientist"
    assert "$120,000 – $180,000" in page.locator(".figures").inner_text()

    page.goto(site + "/roles/data-analyst/")
    leads = page.locator("section", has=page.get_by_role("heading", name="Where this role leads"))
    go(page, leads.get_by_role("link", name="Data Scientist"))
    assert page.locator("h1").inner_text() == "Data Scientist"

    page.goto(site + "/roles/")
    page.get_by_label("Compare Data Scientist").check()
    page.get_by_label("Compare Data Analyst").check()
    go(page, page.get_by_role("button", name="Compare ticked roles"))
    assert page.locator("caption").inner_text() == "2 roles side by side"
    headers = page.locator("thead th").all_inner_texts()
    assert headers == ["Data Analyst", "Data Scientist"]


def test_a_keyboard_user_skips_to_the_content_and_filters_with_tab_and_enter(page, site):
    page.goto(site + "/roles/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 0  # moved on screen when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_q"
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.boxShadow]; })()"
    )
    assert outline[0] != "none" or outline[1] != "none", outline
    page.keyboard.type("data")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=data"))
    assert page.locator("#results-heading").inner_text().endswith("found")
    # The form sends its sort (title, A–Z) with the words.
    assert card_titles(page) == [
        role.title for role in Role.objects.search("data").order_by("title")
    ]

    # Every control on the way is reachable and shows where focus is.
    page.goto(site + "/roles/")
    seen = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const e = document.activeElement; const s = getComputedStyle(e);"
            " return [e.tagName, e.id || e.name || e.textContent.trim().slice(0, 30),"
            " s.outlineStyle !== 'none' || s.boxShadow !== 'none']; })()"
        )
        assert style[2], f"no visible focus on {style[:2]}"
        seen.add(style[1])
    assert {"id_industry", "id_sort"} <= seen


def test_an_editor_changes_a_salary_and_sees_it_refused_recorded_and_published(page, site):
    make_staff("edna", EDITORS_GROUP)
    sign_in(page, site, "edna")

    page.goto(site + "/admin/careers/role/")
    go(page, page.get_by_role("link", name="Robotics Engineer"))
    page.locator("#id_salary_low").fill("150000")
    go(page, page.get_by_role("button", name="Save", exact=True))
    expect(page.locator(".errorlist").first).to_contain_text(
        "The high figure is below the low one ($150,000)."
    )

    page.locator("#id_salary_low").fill("95000")
    page.locator("#id_salary_high").fill("145000")
    page.get_by_label("Reason for the change").fill("BLS May 2025 release")
    go(page, page.get_by_role("button", name="Save", exact=True))
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(site + "/roles/robotics-engineer/")
    assert "$95,000 – $145,000" in page.locator(".figures").inner_text()

    role = Role.objects.get(slug="robotics-engineer")
    page.goto(site + f"/admin/careers/role/{role.pk}/history/")
    history = page.locator("#content").inner_text()
    assert "edna" in history and "95000" in history.replace(",", "")


def test_an_advisor_shares_a_filtered_list_and_prints_a_role(page, site, context):
    page.goto(site + "/roles/?industry=finance&sort=salary-high")
    shared_url = page.url
    titles = card_titles(page)
    other = context.new_page()
    other.goto(shared_url)
    assert card_titles(other) == titles and titles

    page.goto(site + "/roles/data-scientist/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-nav").is_visible()
    assert not page.get_by_role("link", name="Email this page").is_visible()
    address = page.locator(".print-address")
    assert address.is_visible()
    assert address.inner_text() == f"This page: {site}/roles/data-scientist/"
    assert "$95,000 – $150,000" in page.locator(".figures").inner_text()


def test_on_a_phone_the_filter_form_is_usable(page, site):
    page.set_viewport_size(PHONE)
    page.goto(site + "/roles/")
    page.get_by_text("Filters", exact=True).click()  # the folded filters' summary
    page.get_by_label("Search roles").fill("engineer")
    page.get_by_label("In the article’s list").select_option("entry")
    go(page, page.get_by_role("button", name="Show roles"))
    # The filters fold away again: the results come first, no skipping needed.
    expect(page.get_by_label("Search roles")).to_be_hidden()
    assert page.locator("#results-heading").bounding_box()["y"] < PHONE["height"]
    expected = Role.objects.search("engineer").filter(listings__slug="entry").order_by("title")
    assert card_titles(page) == [role.title for role in expected]
    assert not page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def test_the_copy_button_appearing_moves_nothing_on_a_phone(page, site, browser):
    """The copy button keeps its place while the script loads: a visitor on a phone sees
    no jump (Lighthouse measured 0.083 layout shift when it was display:none)."""
    page.set_viewport_size({"width": 412, "height": 823})
    page.goto(site + "/roles/data-scientist/")
    copy = page.get_by_role("button", name="Copy link")
    expect(copy).to_be_enabled()  # share.js ran (a live server on localhost has a clipboard)
    with_script = page.locator("#figures-heading").bounding_box()["y"]
    without = browser.new_context(java_script_enabled=False, viewport={"width": 412, "height": 823})
    bare = without.new_page()
    bare.goto(site + "/roles/data-scientist/")
    assert bare.locator("#figures-heading").bounding_box()["y"] == with_script
    assert not bare.locator("[data-copy-link]").is_visible()  # there, but out of sight and use
    without.close()


def test_the_paths_map_is_a_diagram_on_a_desktop_and_a_nested_list_on_a_phone(page, site):
    page.set_viewport_size(DESKTOP)
    page.goto(site + "/paths/")
    diagram = page.locator("svg.path-map")
    expect(diagram).to_be_visible()
    drawn_width = diagram.bounding_box()["width"]
    view_width = float(diagram.get_attribute("viewBox").split()[2])
    assert drawn_width <= DESKTOP["width"]
    assert drawn_width / view_width * 13 >= 10  # the boxes' 13-unit text is 10px or more
    go(page, page.locator("a.path-node", has_text="AI Ethicist").first)  # a box is a link
    assert page.locator("h1").inner_text() == "AI Ethicist"

    page.set_viewport_size(PHONE)
    page.goto(site + "/paths/")
    expect(diagram).to_be_hidden()
    expect(page.locator(".path-legend")).to_be_hidden()
    analyst = page.locator(".path-words > li", has_text="Data Analyst").first
    expect(analyst.get_by_role("link", name="Data Analyst")).to_be_visible()
    next_steps = [
        " ".join(step.split()) for step in analyst.locator(".path-next > li").all_text_contents()
    ]
    assert next_steps == [
        "leads to Business Intelligence Analyst (promotion; Editors’ note)",
        "leads to Data Scientist (promotion; Editors’ note)",
    ]
    assert not page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )

    page.set_viewport_size(DESKTOP)
    page.emulate_media(media="print")
    expect(diagram).to_be_hidden()  # on paper the words, which need no colour
    expect(page.locator(".path-next").first).to_be_visible()
