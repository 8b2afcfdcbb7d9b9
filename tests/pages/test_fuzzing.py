"""Whatever a visitor (or a robot) puts in the address, every public page answers with
a page, a 400 or a 404, never a server error: random, huge, negative, unicode, NUL and
repeated values in every query parameter each page reads."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Each public page and the parameters it reads (and one it does not).
PAGES = {
    "/roles/": [
        "q",
        "industry",
        "skill",
        "credential",
        "education",
        "stage",
        "track",
        "salary_min",
        "official_median_min",
        "growth_min",
        "sort",
        "page",
        "pay_in",
    ],
    "/roles/export.csv": ["q", "skill", "salary_min", "sort", "pay_in"],
    "/match/": ["skill"],
    "/compare/": ["roles", "area"],
    "/search/": ["q"],
    "/": ["page"],
    "/paths/": ["stage"],
    "/roles/data-scientist/": ["page", "states_by", "metros_by"],
    "/industries/technology/": ["page"],
    "/skills/python/": ["q"],
    "/official-data/": ["release"],
    "/guide/": ["q"],
    "/places/": ["q", "page"],
    "/places/california/": ["q"],
}

NASTY = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(
        ["", "\x00", "a\x00b", "%", "../..", "data-scientist", "python", "1e309", "california"]
    ),
    st.just("x" * 5000),
)


@st.composite
def requests(draw):
    url = draw(st.sampled_from(sorted(PAGES)))
    names = PAGES[url] + ["unexpected"]
    params = {}
    for name in draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True)):
        # A list sends the parameter repeated (?skill=a&skill=b).
        params[name] = draw(st.lists(NASTY, min_size=1, max_size=3))
    return url, params


@pytest.mark.django_db
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(request=requests())
def test_no_query_string_gives_a_server_error(client, request):
    url, params = request
    response = client.get(url, params)
    assert response.status_code < 500, (url, params)


EACH_NASTY_VALUE = [
    "\x00",
    "a\x00b",
    "x" * 5000,
    "-1",
    "1e309",
    "\uff11\uff12\uff13",  # full-width digits
    "\U0001f4a5",
    "'; DROP TABLE x; --",
]


@pytest.mark.parametrize(
    ("url", "name"), [(url, name) for url, names in PAGES.items() for name in names]
)
def test_every_parameter_of_every_page_takes_any_value(client, url, name):
    for value in EACH_NASTY_VALUE:
        response = client.get(url, {name: [value, value, "python"]})
        assert response.status_code < 500, (url, name, value)
