"""The salary desk (the role list in the admin) on a 1280 px screen, in a real browser:
every column and the filters in view without sideways scrolling, each source box
showing a label an editor can tell apart, and the desk still saving figures."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from careers.models import FIGURE_FIELD_NAMES, Role, Source
from tests.helpers import DESKTOP

# Live-server tests empty the database afterwards: marked transactional so that
# pytest-django runs them after every other test.
pytestmark = pytest.mark.django_db(transaction=True)

DESK = "/admin/careers/role/"


def open_the_desk(page, site, query=""):
    get_user_model().objects.create_superuser("desk", "desk@example.org", "desk-password-2026")
    page.set_viewport_size(DESKTOP)
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill("desk-password-2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    page.goto(site + DESK + query)


def widths(page):
    return page.evaluate(
        """() => {
            const results = document.querySelector('#changelist-form .results');
            const edges = [...document.querySelectorAll('#result_list th, #changelist-filter')]
                .map(element => element.getBoundingClientRect().right);
            return {
                page: document.documentElement.scrollWidth,
                table: results.scrollWidth,
                tableBox: results.clientWidth,
                rightmost: Math.max(...edges),
            };
        }"""
    )


def desk_row(page, title):
    return page.locator("#result_list tbody tr").filter(
        has=page.get_by_role("link", name=title, exact=True)
    )


def test_the_desk_fits_1280_px_and_still_filters_and_saves_figures(page, site):
    open_the_desk(page, site)
    sizes = widths(page)
    # Neither the page nor the table in its own scrolling box scrolls sideways, and
    # every column header and the filters sit inside the screen.
    assert sizes["page"] <= DESKTOP["width"], sizes
    assert sizes["table"] <= sizes["tableBox"], sizes
    assert sizes["rightmost"] <= DESKTOP["width"], sizes
    row = desk_row(page, "Data Scientist")
    for name in FIGURE_FIELD_NAMES:
        expect(row.locator(f"[name$='-{name}']")).to_have_count(1)

    median = row.locator("input[name$='-salary_median']")
    assert median.evaluate("input => input.scrollWidth <= input.clientWidth")
    median.fill("120000")
    assert median.evaluate("input => input.scrollWidth <= input.clientWidth")
    # One reason for the batch, beside Save, kept in the history.
    page.get_by_label("Reason for the change").fill("OEWS May 2025 check")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("1 role was changed successfully")
    role = Role.objects.get(slug="data-scientist")
    assert role.salary_median == 120000
    assert role.history.first().history_change_reason == "OEWS May 2025 check"

    with page.expect_navigation():
        page.locator("#changelist-filter").get_by_role("link", name="No figure yet").click()
    expected = Role.objects.without_salary().order_by("title")
    titles = page.locator("#result_list tbody .field-title a").all_inner_texts()
    assert titles == [role.title for role in expected] and titles
    assert widths(page)["page"] <= DESKTOP["width"]


def test_each_source_reads_apart_on_the_desk_with_its_publisher_and_date(page, site):
    open_the_desk(page, site)
    role = Role.objects.select_related("salary_source").get(slug="data-scientist")
    chosen = desk_row(page, "Data Scientist").locator(
        ".field-salary_source .select2-selection__rendered"
    )
    # The chosen source shows whole, over several lines if it must: not cut off.
    shown = re.sub(r"\s+", " ", chosen.inner_text().replace("×", "")).strip()
    assert shown == str(role.salary_source)
    assert chosen.evaluate(
        "box => box.scrollWidth <= box.clientWidth && box.scrollHeight <= box.clientHeight"
    )

    chosen.click()
    sources = list(Source.objects.select_related("cited_in"))
    options = page.locator(".select2-results__option[role=option]")
    expect(options).to_have_count(len(sources))
    labels = options.all_inner_texts()
    assert len(set(labels)) == len(labels), labels
    for source in sources:
        label = str(source)
        assert label in labels
        assert label.startswith(source.publisher or source.author or source.title)
        year = source.year or source.cited_in.year
        assert str(year) in label, label
