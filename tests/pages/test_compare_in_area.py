"""An advisor compares two roles for a student who will live in San Jose: the table
shows their official pay there beside the national figures, and the link keeps it."""

from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from careers.forms import CompareForm
from careers.models import Area
from tests.helpers import text

URL = "/compare/"
SAN_JOSE = "san-jose-sunnyvale-santa-clara-ca"
ROLES = [("roles", "data-scientist"), ("roles", "machine-learning-engineer")]


def test_the_comparison_shows_official_pay_in_the_chosen_area(client):
    response = client.get(URL, [*ROLES, ("area", SAN_JOSE)])

    page = text(response)
    row = page.split("Official pay in San Jose-Sunnyvale-Santa Clara, CA")[1].split("Job-outlook")[
        0
    ]
    assert "Median $185,080" in row  # data scientists there (nationally $120,230)
    assert "BLS OEWS May 2025, San Jose-Sunnyvale-Santa Clara, CA, all industries" in row
    html = response.content.decode()
    assert '<link rel="canonical" href="http://testserver/compare/?roles=data-scientist' in html
    assert f"area={SAN_JOSE}" in html.split('rel="canonical"')[1].split(">")[0]


def test_without_an_area_only_the_national_figures_show(client):
    page = text(client.get(URL, ROLES))
    assert "Official pay (BLS" in page and "Official pay in" not in page


def test_an_unknown_area_says_so_and_shows_no_table(client):
    for value in ("atlantis", "\x00", "x" * 3000):
        response = client.get(URL, [*ROLES, ("area", value)])
        assert response.status_code == 200
        assert "We have no official figures for" in text(response)


def test_the_area_costs_one_more_query_whatever_the_roles(client):
    with CaptureQueriesContext(connection) as national:
        client.get(URL, ROLES)
    with CaptureQueriesContext(connection) as in_area:
        client.get(URL, [*ROLES, ("area", SAN_JOSE)])
    assert len(in_area) <= len(national) + 2  # the area's record and its estimates


def test_the_chosen_area_is_read_with_the_choices_and_whole_when_asked():
    form = CompareForm(QueryDict(f"roles=data-scientist&roles=ai-ethicist&area={SAN_JOSE}"))
    assert form.is_valid()
    area = form.cleaned_data["area"]
    assert (area.slug, area.title) == (SAN_JOSE, "San Jose-Sunnyvale-Santa Clara, CA")
    assert area == Area.objects.get(slug=SAN_JOSE)
    assert area.kind == Area.Kind.METROPOLITAN  # not read with the choices: read when used
