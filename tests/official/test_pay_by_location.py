"""A student reading a role page sees what it pays where they would live: a map of the
states, tables of the states and of the best-paid metropolitan areas that sort by any
column, each figure with its source."""

import re

from careers.models import Area, Occupation, WageEstimate
from tests.helpers import page_queries, text
from tests.helpers.oews import add_metro_areas

URL = "/roles/data-scientist/"


def pay_section(response):
    html = response.content.decode()
    return html.split('id="pay-by-location-heading"')[1].split("</section>")[0]


def table_rows(section, table_id):
    """[[cell texts]] of the table's body rows."""
    body = section.split(f'id="{table_id}"')[1].split("</tbody>")[0].split("<tbody>")[1]
    cell = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)
    return [
        [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for text in cell.findall(row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def scientists_in(code, kind):
    return WageEstimate.objects.local().filter(
        occupation__code="15-2051", area__code=code, area__kind=kind
    )


def test_the_data_scientist_page_shows_pay_by_state_and_metro_with_its_source(client):
    response = client.get(URL)
    section = pay_section(response)
    assert "data scientists (SOC 15-2051)" in section
    # Every state, DC and Puerto Rico has a labelled square.
    assert len(set(re.findall(r"<text[^>]*>([A-Z]{2})</text>", section))) == 52
    assert "California: median $141,590" in section
    states = table_rows(section, "states-pay-table")
    assert states[0][0] == "Alabama"  # by name unless asked otherwise
    california = next(row for row in states if row[0] == "California")
    assert california[1] == "$141,590"
    metros = table_rows(section, "metros-pay-table")
    assert len(metros) == 10
    assert metros[0][:2] == ["San Jose-Sunnyvale-Santa Clara, CA", "$185,080"]
    assert metros[0][4] == "3.16× as concentrated as nationally"
    assert "Source: BLS OEWS, May 2025, by state and metropolitan area" in text(response)


def test_each_table_sorts_by_a_column_and_keeps_the_others_order(client):
    response = client.get(URL, {"states_by": "median", "metros_by": "concentration"})
    section = pay_section(response)
    medians = [
        int(row[1].strip("≥ $").replace(",", ""))
        for row in table_rows(section, "states-pay-table")
        if row[1] != "Not published"
    ]
    assert medians == sorted(medians, reverse=True)
    concentrations = [row[4] for row in table_rows(section, "metros-pay-table")]
    multiples = [re.search(r"([\d.]+)×", value) for value in concentrations]
    published = [float(multiple[1]) for multiple in multiples if multiple]
    assert published == sorted(published, reverse=True)
    # Areas where BLS publishes no concentration come last.
    assert concentrations[len(published) :] == ["Not published"] * (10 - len(published))
    sorted_header = r'aria-sort="descending">\s*<a href="\?states_by=median&amp;metros_by=conc'
    assert re.search(sorted_header, section)
    # Anything else a link may carry keeps the usual order, never an error.
    odd = client.get(URL, {"states_by": "'; DROP TABLE", "metros_by": ["x", "y"]})
    assert odd.status_code == 200
    assert table_rows(pay_section(odd), "states-pay-table")[0][0] == "Alabama"


def test_top_coded_and_unpublished_figures_say_so(client):
    scientists_in("06", Area.Kind.STATE).update(
        annual_median=239_200, annual_median_top_coded=True, annual_p75=239_200,
        annual_p75_top_coded=True, annual_p90=239_200, annual_p90_top_coded=True,
    )  # fmt: skip
    scientists_in("36", Area.Kind.STATE).update(employment=None, location_quotient=None)
    section = pay_section(client.get(URL))
    states = {row[0]: row for row in table_rows(section, "states-pay-table")}
    assert states["California"][1] == "≥ $239,200"
    assert states["California"][2].endswith("to ≥ $239,200")
    assert states["New York"][3:] == ["Not published", "Not published"]
    assert "California: median $239,200 or more" in section


def test_a_state_without_a_published_median_says_not_published(client):
    scientists_in("06", Area.Kind.STATE).update(
        annual_median=None, annual_p25=None, annual_p75=None
    )
    section = pay_section(client.get(URL))
    assert "California: median not published" in section


def test_the_role_page_queries_do_not_grow_with_the_number_of_areas(client):
    _, before = page_queries(client, URL)
    add_metro_areas(600, Occupation.objects.filter(code="15-2051"))
    response, after = page_queries(client, URL)
    assert after == before
    # The page lists the best-paid ten, not six hundred.
    assert len(table_rows(pay_section(response), "metros-pay-table")) == 10
