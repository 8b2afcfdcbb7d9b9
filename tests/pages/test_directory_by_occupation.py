"""A student reading "Data Scientist, … and 9 more" on the official data page follows the
link to the directory, which lists every published role linked to that official
occupation, a page at a time, beside the other filters; a code the guide does not offer
is a form error, never a crash."""

import re

from careers.models import Occupation, Role, RoleOccupation
from tests.helpers import cards, page_queries, text

URL = "/roles/"
DATA_SCIENTISTS = "15-2051"


def titles(response):
    return sorted(cards(response.content.decode()))


def linked_to(code):
    roles = Role.objects.published().filter(occupation_links__occupation__code=code)
    return sorted(roles.values_list("title", flat=True))


def test_the_directory_lists_the_roles_linked_to_an_official_occupation(client):
    response = client.get(URL, {"occupation": DATA_SCIENTISTS})
    assert response.status_code == 200
    assert titles(response) == linked_to(DATA_SCIENTISTS)
    assert "Data Scientist" in titles(response) and "AI Ethicist" not in titles(response)
    assert "Official occupation: Data Scientists (SOC 15-2051)" in text(response)


def test_a_role_linked_to_it_second_is_listed_too(client):
    ethicist = Role.objects.get(slug="ai-ethicist")
    RoleOccupation.objects.create(
        role=ethicist,
        occupation=Occupation.objects.get(code=DATA_SCIENTISTS),
        note="Close.",
        position=1,
    )
    assert "AI Ethicist" in titles(client.get(URL, {"occupation": DATA_SCIENTISTS}))


def test_the_occupation_narrows_the_other_filters_and_its_chip_removes_only_it(client):
    response = client.get(URL, {"occupation": DATA_SCIENTISTS, "industry": "finance"})
    in_finance = Role.objects.published().filter(industries__slug="finance")
    assert titles(response) == sorted(
        set(linked_to(DATA_SCIENTISTS)) & set(in_finance.values_list("title", flat=True))
    )
    chip = re.search(
        r'<a class="filter-chip" href="([^"]+)">[^<]*<span class="visually-hidden">Remove filter\s*'
        r"</span>Official occupation",
        response.content.decode(),
    )
    assert chip and chip[1] == "?industry=finance"


def test_the_choice_is_offered_and_kept_in_the_form(client):
    html = client.get(URL, {"occupation": DATA_SCIENTISTS}).content.decode()
    assert (
        f'<option value="{DATA_SCIENTISTS}" selected>Data Scientists (SOC {DATA_SCIENTISTS})'
        "</option>" in html
    )
    # Only occupations a published role links are offered.
    unlinked = Occupation.objects.filter(role_links__isnull=True).first()
    assert unlinked is not None
    assert f'value="{unlinked.code}"' not in client.get(URL).content.decode()


def test_an_unknown_or_odd_code_is_a_form_error_not_a_crash(client):
    every_role = titles(client.get(URL))
    unlinked = Occupation.objects.filter(role_links__isnull=True).first().code
    for value in ("99-9999", unlinked, "15-2051" * 700, "ü", "' OR 1=1 --"):
        response = client.get(URL, {"occupation": value})
        assert response.status_code == 200
        assert "Select a valid choice" in text(response), value
        assert titles(response) == every_role
    with_nul = client.get(URL, {"occupation": "15-2051\x00"})
    assert "Null characters are not allowed" in text(with_nul)
    assert titles(with_nul) == every_role
    repeated = client.get(URL + f"?occupation=99-9999&occupation={DATA_SCIENTISTS}")
    assert titles(repeated) == linked_to(DATA_SCIENTISTS)


def test_the_filter_asks_no_more_queries_than_the_plain_directory(client):
    _, plain = page_queries(client, URL)
    _, filtered = page_queries(client, URL, {"occupation": DATA_SCIENTISTS})
    assert filtered == plain
