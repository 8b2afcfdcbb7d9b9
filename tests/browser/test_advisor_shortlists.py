"""An advisor's whole journey in a real browser: adds three roles to a new shortlist
from role and compare pages, writes a note on each, copies the link; a student, signed
out, opens it and sees the notes and figures; after a new link the old one is gone."""

import json

import pytest
from playwright.sync_api import expect

from careers.models import Role, Shortlist
from tests.browser.test_accessibility import SCHEMES, problems_on, use_scheme
from tests.browser.test_print import PAPER_WIDTHS, page_count
from tests.helpers import DESKTOP, PHONE, make_advisor, make_shortlist
from tests.helpers.browser import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def add_from(page, url, *, role=None, new_title=None):
    page.goto(url)
    control = page.locator(".add-to-shortlist")
    control.locator("summary").click()
    if role:
        control.get_by_label("Role", exact=True).select_option(label=role)
    if new_title:
        new = "A new shortlist (name it below)"
        control.get_by_label("Shortlist", exact=True).select_option(label=new)
        control.get_by_label("New shortlist’s title").fill(new_title)
    with page.expect_navigation():
        control.get_by_role("button", name="Add to shortlist").click()


def test_an_advisor_builds_and_sends_a_shortlist_a_student_opens_it(page, browser, site, settings):
    settings.SITE_URL = site
    third = Role.objects.published().exclude(slug__in=["data-scientist", "robotics-engineer"])[0]
    make_advisor("ada")
    sign_in(page, site, "ada", "/my-shortlists/")
    expect(page.get_by_role("heading", name="My shortlists")).to_be_visible()

    add_from(page, site + "/roles/data-scientist/", new_title="Year 12 computing")
    expect(page.get_by_role("status").first).to_contain_text(
        "Added Data Scientist to “Year 12 computing”."
    )
    add_from(page, site + "/roles/robotics-engineer/")
    expect(page.locator(".messages")).to_contain_text("Added Robotics Engineer")
    add_from(
        page,
        f"{site}/compare/?roles=data-scientist&roles={third.slug}",
        role=third.title,
    )
    expect(page.locator(".messages")).to_contain_text(f"Added {third.title}")

    page.goto(site + "/my-shortlists/")
    page.get_by_role("link", name="Year 12 computing").click()
    for title in ("Data Scientist", "Robotics Engineer", third.title):
        item = page.locator(".shortlist-item").filter(has=page.get_by_role("link", name=title))
        item.get_by_label("Note for the student").fill(f"Try {title}: it suits you.")
        with page.expect_navigation():
            item.get_by_role("button", name="Save the note").click()
        expect(page.locator(".messages")).to_contain_text(f"Saved the note on {title}.")

    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator(".share-status")).to_have_text("Link copied.")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(site + "/shortlists/")
    assert page.locator("#share-url").input_value() == link

    signed_out = browser.new_context()
    student = signed_out.new_page()
    response = student.goto(link)
    assert response.status == 200
    expect(student.get_by_role("heading", name="Year 12 computing", level=1)).to_be_visible()
    for title in ("Data Scientist", "Robotics Engineer", third.title):
        expect(student.get_by_text(f"Try {title}: it suits you.")).to_be_visible()
    shortlist_text = student.locator(".shortlist-items").inner_text()
    assert "$95,000 – $150,000" in shortlist_text and "$120,230" in shortlist_text
    assert student.locator(".shortlist-items svg.chart-bar--official").count() >= 1
    expect(student.get_by_text("Add to shortlist")).to_have_count(0)

    with page.expect_navigation():
        page.get_by_role("button", name="Make a new link").click()
    expect(page.locator(".messages")).to_contain_text("The old one no longer works.")
    assert student.goto(link).status == 404
    new_link = page.locator("#share-url").input_value()
    assert new_link != link and student.goto(new_link).status == 200
    signed_out.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_advisors_pages_and_controls_are_accessible_and_fit_the_screen(page, site, viewport):
    ada = make_advisor("ada")
    make_shortlist(ada, Role.objects.published()[:3], title="Year 12 computing")
    shortlist = Shortlist.objects.get(owner=ada)
    page.set_viewport_size(viewport)
    page.emulate_media(reduced_motion="reduce")
    sign_in(page, site, "ada", "/my-shortlists/")
    problems = {}
    for path in (
        "/my-shortlists/",
        f"/my-shortlists/{shortlist.pk}/",
        f"/my-shortlists/{shortlist.pk}/delete/",
        "/roles/data-scientist/",
        "/compare/?roles=data-scientist&roles=robotics-engineer",
    ):
        page.goto(site + path)
        if page.locator(".add-to-shortlist").count():
            page.locator(".add-to-shortlist summary").click()  # checked open
        for scheme in SCHEMES:
            use_scheme(page, scheme)
            if found := problems_on(page):
                problems[f"{path} ({scheme})"] = found
    assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)


def test_a_shortlist_of_three_roles_prints_on_at_most_two_a4_or_letter_pages(page, site):
    roles = list(Role.objects.published().filter(salary_high__isnull=False)[:3])
    shortlist = make_shortlist(make_advisor("ada"), roles, title="Year 12 computing")
    page.goto(site + shortlist.share_path())
    for paper in PAPER_WIDTHS:
        assert page_count(page.pdf(format=paper)) <= 2, paper
    page.emulate_media(media="print")
    # On paper: the notes, the figures and the list's address stay; the controls go.
    expect(page.get_by_text(f"Why {roles[0].title}.", exact=True)).to_be_visible()
    expect(page.locator(".print-address")).to_contain_text(shortlist.share_url())
    expect(page.locator(".site-header")).to_be_hidden()
