"""An official occupation can stand for hundreds of the guide's roles. Wherever a page
lists the roles an occupation stands for (the official data page, a place's page, an
industry's page), a student reads the first eight, those longest in the guide (the
article's own come first), by title, and how many more there are: "A, B, … H and 9
more". The page asks the database the same number of questions however many there are."""

import html as html_lib
import re

import pytest

from careers.models import Industry, Occupation, Role, RoleOccupation
from careers.official.named_roles import ROLES_NAMED
from tests.helpers import cards, page_queries, text

DATA_SCIENTISTS = "15-2051"
# The seed's published roles closest to data scientists, by title.
SEED_DATA_SCIENTIST_ROLES = [
    "AI Software Developer",
    "AI Specialist",
    "Business Intelligence Analyst",
    "Data Scientist",
    "Machine Learning Engineer",
]


@pytest.fixture
def more_data_science_roles(make_role):
    """Twelve more published roles closest to data scientists, in finance ("Extra role
    00"…, made in that order), and two unpublished ones, which no page counts."""

    def link(role, code=DATA_SCIENTISTS, position=0):
        RoleOccupation.objects.create(
            role=role,
            occupation=Occupation.objects.get(code=code),
            note="Close.",
            position=position,
        )

    finance = Industry.objects.get(slug="finance")
    extra = [make_role(title=f"Extra role {number:02}") for number in range(12)]
    for role in extra:
        link(role)
        role.industries.add(finance)
    for number in range(2):
        link(make_role(title=f"Hidden role {number}", is_published=False))
    return extra


def words(markup):
    """Markup as a person reads it: tags gone, white space folded."""
    return re.sub(r" ([,.])", r"\1", " ".join(re.sub(r"<[^>]+>", " ", markup).split()))


ROLE_LINK = re.compile(r'<a href="/roles/[^"?]+/">([^<]+)</a>')


def cell_links(markup):
    """The role titles linked in `markup`, in order, and the words after the last."""
    links = list(ROLE_LINK.finditer(markup))
    tail = words(markup[links[-1].end() :] if links else markup)
    return [link.group(1) for link in links], tail


def more_link(markup):
    """Where "and N more" leads, or None when it is not a link."""
    found = re.search(r'<a href="([^"]+)">\d+ more</a>', markup)
    return found and html_lib.unescape(found.group(1))


def official_data_cell(client, code=DATA_SCIENTISTS):
    html = client.get("/official-data/").content.decode()
    row = html.split(f'<tr id="soc-{code}">')[1].split("</tr>")[0]
    return row.split('data-label="Roles it stands for">')[1].split("</td>")[0]


def test_the_official_data_page_names_the_first_eight_roles_and_counts_the_rest(
    client, more_data_science_roles
):
    titles, tail = cell_links(official_data_cell(client))
    # The seed's five, then the first three added after them, listed by title.
    assert titles == [
        *SEED_DATA_SCIENTIST_ROLES[:4],
        *(f"Extra role 0{n}" for n in range(3)),
        ("Machine Learning Engineer"),
    ]
    assert len(titles) == ROLES_NAMED
    assert tail == "and 9 more"  # 17 published roles in all; the unpublished two not counted


def test_and_n_more_leads_to_every_role_of_the_occupation_in_the_directory(
    client, more_data_science_roles
):
    cell = official_data_cell(client)
    assert more_link(cell) == f"/roles/?occupation={DATA_SCIENTISTS}"
    directory = client.get(more_link(cell))
    assert directory.status_code == 200
    listed = list(cards(directory.content.decode()))
    assert len(listed) == 12  # a page of the 17
    assert "17 roles found" in text(directory)
    assert "Official occupation: Data Scientists (SOC 15-2051)" in text(directory)
    rest = list(cards(client.get(more_link(cell) + "&page=2").content.decode()))
    linked = Role.objects.published().filter(occupation_links__occupation__code=DATA_SCIENTISTS)
    assert sorted(listed + rest) == sorted(linked.values_list("title", flat=True))
    assert len(listed + rest) == 17  # the unpublished two are not among them


def test_a_places_and_n_more_leads_to_the_same_list(client, more_data_science_roles):
    html = client.get("/places/california/").content.decode()
    row = html.split(f'<tr id="soc-{DATA_SCIENTISTS}">')[1].split("</tr>")[0]
    assert more_link(row) == f"/roles/?occupation={DATA_SCIENTISTS}"


def test_eight_roles_or_fewer_need_no_link_to_the_rest(client):
    assert more_link(official_data_cell(client)) is None


def test_an_occupation_with_eight_roles_or_fewer_names_them_all(client, make_role):
    titles, tail = cell_links(official_data_cell(client))
    assert titles == SEED_DATA_SCIENTIST_ROLES and tail == ""
    occupation = Occupation.objects.get(code=DATA_SCIENTISTS)
    for number in range(3):
        role = make_role(title=f"Extra role {number:02}")
        RoleOccupation.objects.create(role=role, occupation=occupation, note="Close.")
    cell = official_data_cell(client)
    assert len(cell_links(cell)[0]) == ROLES_NAMED
    assert words(cell).endswith("Extra role 02 and Machine Learning Engineer")


def test_a_role_taken_off_the_guide_gives_its_place_to_the_next(client, more_data_science_roles):
    Role.objects.filter(title="AI Specialist").update(is_published=False)
    titles, tail = cell_links(official_data_cell(client))
    assert "AI Specialist" not in titles and "Extra role 03" in titles
    assert tail == "and 8 more"


def test_the_official_data_page_asks_as_many_queries_for_57_roles_as_for_17(
    client, make_role, more_data_science_roles
):
    _, before = page_queries(client, "/official-data/")
    for number in range(40):
        role = make_role(title=f"Further role {number}")
        RoleOccupation.objects.create(
            role=role, occupation=Occupation.objects.get(code=DATA_SCIENTISTS), note="Close."
        )
    _, after = page_queries(client, "/official-data/")
    assert after == before
    assert cell_links(official_data_cell(client))[1] == "and 49 more"


def test_a_places_page_names_the_first_eight_roles_and_counts_the_rest(
    client, more_data_science_roles
):
    html = client.get("/places/california/").content.decode()
    row = html.split(f'<tr id="soc-{DATA_SCIENTISTS}">')[1].split("</tr>")[0]
    cell = row.split('data-label="Roles in the guide">')[1].split("</td>")[0]
    titles, tail = cell_links(cell)
    assert len(titles) == ROLES_NAMED and "Data Scientist" in titles
    assert tail == "and 9 more"


def test_an_industry_page_names_the_first_eight_of_its_roles_and_counts_the_rest(
    client, make_role, more_data_science_roles
):
    # A finance role whose first occupation is another one counts under that one only.
    analyst = make_role(title="Extra analyst")
    analyst.industries.add(Industry.objects.get(slug="finance"))
    for code, position in (("13-2051", 0), (DATA_SCIENTISTS, 1)):
        RoleOccupation.objects.create(
            role=analyst,
            occupation=Occupation.objects.get(code=code),
            note="Close.",
            position=position,
        )
    html = client.get("/industries/finance/").content.decode()
    caption = html.split(f'<caption id="pay-soc-{DATA_SCIENTISTS}">')[1].split("</caption>")[0]
    titles, tail = cell_links(caption)
    # Data Scientist (the seed's one finance role here), then the first seven added.
    assert titles == ["Data Scientist", *(f"Extra role 0{n}" for n in range(7))]
    assert tail == "and 5 more"  # 13 in finance; the analyst counts under 13-2051
    analysts = html.split('<caption id="pay-soc-13-2051">')[1].split("</caption>")[0]
    assert words(analysts).endswith(
        "closest to Extra analyst and Quantitative Analyst (quantitative finance)"
    )
