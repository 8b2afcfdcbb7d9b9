"""A visitor reading a figure's footnote reference in a real browser: hovering or
focusing it shows its source under the line, inside the screen at phone and desktop
widths; the pointer can move onto it; Escape hides it; following it reaches the
source in the list at the foot of the page, and the list leads back."""

import pytest

from tests.helpers import ARTIFACTS, DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)


def fits_the_screen(page, box, viewport):
    scrolls = page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    return not scrolls and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_each_reference_shows_its_source_on_focus_inside_the_screen(page, site, viewport):
    page.set_viewport_size(viewport)
    page.goto(site + "/guide/figures/")
    references = page.locator("main sup.ref")
    assert references.count() >= 9
    for index in range(references.count()):
        reference = references.nth(index)
        link, tip = reference.locator("a"), reference.locator(".ref-tip")
        assert tip.is_hidden()
        link.focus()
        assert tip.is_visible()
        box = tip.bounding_box()
        assert fits_the_screen(page, box, viewport), (index, box)
        # Joined to the reference (no gap to cross), and clear of it: the reference is on top.
        below = link.bounding_box()["y"] + link.bounding_box()["height"]
        assert box["y"] < below
        centre = link.bounding_box()["x"] + 2, below - 2
        assert page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('a')?.id", centre
        ) == (link.get_attribute("id"))
        # Read as "Source n", described by the tooltip's text: said once, not twice.
        number = link.inner_text().split()[-1]
        assert link.get_attribute("aria-describedby") == tip.get_attribute("id")
        assert page.get_by_role("link", name=f"Source {number}", exact=True).count() >= 1
    page.screenshot(path=ARTIFACTS / "screenshots" / f"footnote-tip-{viewport['width']}.png")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_source_stays_while_the_pointer_is_on_it_and_escape_hides_it(page, site, viewport):
    page.set_viewport_size(viewport)
    page.goto(site + "/guide/figures/")
    reference = page.locator("main sup.ref").first
    tip = reference.locator(".ref-tip")
    link = reference.locator("a")
    link.hover()
    assert tip.is_visible()
    # Straight down from the reference onto its source, in small steps: no gap loses it.
    start, box = link.bounding_box(), tip.bounding_box()
    x = start["x"] + start["width"] / 2
    page.mouse.move(x, start["y"] + start["height"] / 2)
    page.mouse.move(x, box["y"] + box["height"] - 4, steps=12)
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    page.mouse.move(1, 1)
    reference.locator("a").hover()
    assert tip.is_visible()  # back once the pointer has left and returned
    page.mouse.move(1, 1)
    assert tip.is_hidden()


def test_a_reference_leads_to_its_source_and_back(page, site):
    page.set_viewport_size(PHONE)
    page.goto(site + "/roles/research-scientist/")
    link = page.locator("main sup.ref a").first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    item = page.locator(f"section.footnotes li{target}")
    assert item.is_visible()
    item.get_by_role("link", name="back to text").click()
    assert page.evaluate("location.hash") == "#" + link.get_attribute("id")
