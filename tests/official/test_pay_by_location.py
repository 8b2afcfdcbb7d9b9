"""A student reading a role page sees what it pays where they would live: a map of the
states, the best-paid metropolitan areas, each figure with its source."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import Area, NaicsIndustry, Occupation, WageEstimate, WageRelease
from tests.helpers import text

URL = "/roles/data-scientist/"


def pay_section(response):
    html = response.content.decode()
    return html.split('id="pay-by-location-heading"')[1].split("</section>")[0]


def test_the_data_scientist_page_shows_pay_by_state_and_metro_with_its_source(client):
    response = client.get(URL)
    section = pay_section(response)
    assert "data scientists (SOC 15-2051)" in section
    # Every state, DC and Puerto Rico has a labelled square.
    assert len(set(re.findall(r"<text[^>]*>([A-Z]{2})</text>", section))) == 52
    assert "California: median $141,590" in section
    metros = section.split("Best-paid metropolitan areas")[1]
    first_row = metros.split("<tbody>")[1].split("</tr>")[0]
    assert "San Jose-Sunnyvale-Santa Clara, CA" in first_row and "$185,080" in first_row
    assert "3.16× the national" in first_row
    assert "Source: BLS OEWS, May 2025, by state and metropolitan area" in text(response)


def test_a_state_without_a_published_median_says_not_published(client):
    california = WageEstimate.objects.local().get(
        occupation__code="15-2051", area__code="06", area__kind=Area.Kind.STATE
    )
    WageEstimate.objects.filter(pk=california.pk).update(
        annual_median=None, annual_p25=None, annual_p75=None
    )
    section = pay_section(client.get(URL))
    assert "California: median not published" in section


def test_the_role_page_queries_do_not_grow_with_the_number_of_areas(client):
    with CaptureQueriesContext(connection) as before:
        client.get(URL)
    release = WageRelease.objects.get(name="May 2025")
    occupation = Occupation.objects.get(code="15-2051")
    industry = NaicsIndustry.objects.get(naics="000000", ownership="1235")
    areas = Area.objects.bulk_create(
        Area(code=f"9{n:04d}", kind=Area.Kind.METROPOLITAN, title=f"Metro {n}", slug=f"m-{n}")
        for n in range(600)
    )
    WageEstimate.objects.bulk_create(
        WageEstimate(
            release=release,
            occupation=occupation,
            area=area,
            industry=industry,
            annual_median=100_000 + n,
        )
        for n, area in enumerate(areas)
    )
    with CaptureQueriesContext(connection) as after:
        response = client.get(URL)
    assert len(after) == len(before)
    # The page lists the best-paid ten, not six hundred.
    metros = pay_section(response).split("Best-paid metropolitan areas")[1]
    assert metros.count('<th scope="row">') == 10
