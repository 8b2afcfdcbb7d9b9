"""Site search: one box in the header finds roles, skills, industries, credentials
and guide content, grouped by kind with the matching words marked; odd input is
handled calmly."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify

from careers.models import Role, RoleSkill, Skill, parse_terms
from careers.models.searching import SearchableQuerySet
from careers.search import GROUP_LIMIT, QUERY_MAX, search, snippet
from careers.templatetags.career_format import highlight
from tests.helpers import text

URL = "/search/"


def groups(response):
    """[(group key, [hit titles as plain text])] in page order."""
    html = response.content.decode()
    found = []
    for key, body in re.findall(
        r'<section class="search-group" aria-labelledby="results-([a-z]+)">(.*?)</section>',
        html,
        re.S,
    ):
        titles = re.findall(r'class="search-hit-title" href="[^"]+">(.*?)</a>', body)
        found.append((key, [re.sub(r"</?mark>", "", title) for title in titles]))
    return found


def hits(response, key):
    return dict(groups(response)).get(key, [])


@pytest.mark.parametrize(
    ("query", "key", "title"),
    [
        ("computer vision", "roles", "Computer Vision Engineer"),
        ("python", "skills", "Python"),
        ("finance", "industries", "Finance"),
        ("doctorate", "credentials", "Doctorate"),
        ("Kaggle", "guide", "Does hands-on experience count as much as the degree?"),
        ("Silicon Valley", "guide", "Location"),
        ("straight into a job", "guide", "Share of people holding a STEM bachelor’s"),
        ("frameworks emerge", "guide", "A professional with a degree in machine learning"),
        ("change direction", "guide", "The skills travel with you"),
        ("better-paid", "guide", "What the better-paid machine-learning careers"),
    ],
)
def test_search_finds_each_kind_of_thing_in_its_group(client, query, key, title):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert any(hit.startswith(title) for hit in hits(response, key)), groups(response)


def test_results_are_grouped_by_kind_in_a_fixed_order_and_link_to_their_pages(client):
    response = client.get(URL, {"q": "data"})
    keys = [key for key, _ in groups(response)]
    assert keys == [
        key for key in ("roles", "skills", "industries", "credentials", "guide") if key in keys
    ]
    assert keys[:2] == ["roles", "skills"]
    html = response.content.decode()
    assert 'href="/roles/data-scientist/"' in html
    assert 'href="/skills/data-analysis/"' in html
    assert 'href="#results-roles">Roles (' in html
    guide = client.get(URL, {"q": "soft skills"}).content.decode()
    assert 'href="/guide/#soft-skills"' in guide


def test_titles_that_hold_the_words_come_first(client):
    assert hits(client.get(URL, {"q": "engineer"}), "roles")[0].endswith("Engineer")
    assert hits(client.get(URL, {"q": "data scientist"}), "roles")[0] == "Data Scientist"


def test_every_word_must_match_and_a_phrase_in_quotes_stays_whole(client):
    both = hits(client.get(URL, {"q": "robotics engineer"}), "roles")
    assert both[0] == "Robotics Engineer"
    assert "Data Scientist" not in both  # it mentions neither word
    assert hits(client.get(URL, {"q": "robotics zebra"}), "roles") == []
    words = hits(client.get(URL, {"q": "engineer machine"}), "roles")
    assert "Machine Learning Engineer" in words
    assert hits(client.get(URL, {"q": '"engineer machine"'}), "roles") == []
    phrase = hits(client.get(URL, {"q": '"learning engineer"'}), "roles")
    assert phrase[0] == "Machine Learning Engineer" and set(phrase) <= set(words)


def test_a_one_letter_word_matches_only_a_whole_name_or_a_roles_skill(client):
    response = client.get(URL, {"q": "R"})
    uses_r = sorted(
        RoleSkill.objects.filter(skill__name="R", role__is_published=True).values_list(
            "role__title", flat=True
        )
    )
    assert uses_r, "the seed has roles that use R"
    assert groups(response) == [("roles", uses_r), ("skills", ["R"])]


def test_matching_words_are_marked_and_everything_else_escaped(client):
    html = client.get(URL, {"q": "SCIENTIST"}).content.decode()
    assert (
        '<a class="search-hit-title" href="/roles/data-scientist/">Data <mark>Scientist</mark></a>'
        in (html)
    )
    html = client.get(URL, {"q": "analytics"}).content.decode()
    assert "Technical Consultant (AI &amp; <mark>analytics</mark>)" in html


def test_typed_markup_is_shown_as_text_never_run(client):
    html = client.get(URL, {"q": '<script>alert("x")</script>'}).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a word or two"),
        ("   ", "Type a word or two"),
        ('"', "Type a word or two"),
        ('""', "Type a word or two"),
        ("%", "Nothing matched “%”"),
        ("_", "Nothing matched “_”"),
        ("100%", "Nothing matched “100%”"),
        ("数据科学 ✨", "Nothing matched “数据科学 ✨”"),
        ("'; DROP TABLE careers_role; --", "Nothing matched"),
        ('"machine learning', "Found"),
    ],
)
def test_odd_input_gets_a_clear_answer_not_an_error(client, query, message):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert message in text(response)
    assert Role.objects.exists()


def test_a_repeated_parameter_searches_for_the_last_value(client):
    response = client.get(URL + "?q=zzzz&q=python")
    assert response.status_code == 200
    assert hits(response, "skills") == ["Python"]


def test_a_very_long_search_is_cut_with_a_message(client):
    response = client.get(URL, {"q": "data " * 2000})
    assert response.status_code == 200
    page = text(response)
    assert f"longer than {QUERY_MAX} characters, so we searched for its first {QUERY_MAX}" in page
    assert response.context["results"].query == ("data " * 20)[:QUERY_MAX].strip()
    assert hits(response, "roles")


def test_unpublished_roles_are_not_found(client):
    Role.objects.filter(slug="data-analyst").update(is_published=False)
    assert "Data Analyst" not in hits(client.get(URL, {"q": "analyst"}), "roles")


def test_every_page_has_the_labelled_search_box_in_its_header(client):
    for url in ("/", "/roles/", "/roles/data-scientist/", "/guide/", "/nowhere/"):
        html = client.get(url).content.decode()
        header = html.split("</header>")[0]
        assert re.search(
            r'<form class="site-search" method="get" action="/search/" role="search"', header
        )
        assert '<label for="site-search" class="visually-hidden">Search the guide</label>' in header
        assert '<input type="search" id="site-search" name="q" maxlength="100"' in header


def test_the_search_takes_the_same_queries_whatever_the_catalogue_holds(client, make_role):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"q": "data python"}).status_code == 200
        return len(queries)

    few = count()
    python = Skill.objects.get(slug="python")
    for number in range(150):
        role = make_role(title=f"Data role {number}", summary="Python and data all day.")
        RoleSkill.objects.create(role=role, skill=python)
    # Roles, and every other kind together in one more.
    assert count() == few <= 2
    response = client.get(URL, {"q": "data python"})
    assert len(hits(response, "roles")) == GROUP_LIMIT
    assert 'href="/roles/?q=data+python">See every matching role' in response.content.decode()


def test_a_kind_with_more_matches_than_it_shows_lists_the_best_first_and_says_so(client):
    specialism = Skill.Category.SPECIALISM
    names = [f"Quasar method {number:02}" for number in range(GROUP_LIMIT + 4)]
    Skill.objects.bulk_create(
        [Skill(name=name, slug=slugify(name), category=specialism) for name in names]
        + [Skill(name="Aardvark", slug="aardvark", category=specialism, description="Quasar.")]
    )
    response = client.get(URL, {"q": "quasar"})
    # Names holding the word first, then by name: "Aardvark" says it in its description only.
    assert hits(response, "skills") == names[:GROUP_LIMIT]
    html = response.content.decode()
    assert 'href="/skills/quasar-method-00/"' in html
    assert f'href="#results-skills">Skills ({GROUP_LIMIT}+)</a>' in html
    assert "Only the first matches are shown; add a word to narrow the search." in text(response)


def test_what_matches_is_decided_in_one_place_for_every_kind(client, monkeypatch):
    monkeypatch.setattr(SearchableQuerySet, "search", lambda queryset, terms: queryset.none())
    assert "Nothing matched “python”" in text(client.get(URL, {"q": "python"}))
    assert "0 roles found" in text(client.get("/roles/", {"q": "python"}))


def test_search_terms_are_words_or_quoted_phrases_each_once():
    assert parse_terms('data "machine learning" DATA “vision”') == [
        "data",
        "machine learning",
        "vision",
    ]
    assert parse_terms('" \' "') == []
    assert parse_terms("a job") == ["job"]
    assert parse_terms("R") == ["R"]
    assert len(parse_terms(" ".join(f"w{n}" for n in range(50)))) == 8
    assert search("").groups == [] and not search('"').has_query


def test_snippets_show_the_words_in_context():
    long_text = ("Filler words here. " * 30) + "The needle sits here. " + ("More filler. " * 30)
    cut = snippet(long_text, ["needle"])
    assert "needle" in cut and cut.startswith("…") and cut.endswith("…")
    assert len(cut) <= 185
    assert snippet("Short text.", ["x"]) == "Short text."


def test_highlight_escapes_first_and_marks_any_case():
    assert highlight("R&D <b>Data</b> data", ["data"]) == (
        "R&amp;D &lt;b&gt;<mark>Data</mark>&lt;/b&gt; <mark>data</mark>"
    )
    assert highlight("Tom & Jerry", ["amp"]) == "Tom &amp; Jerry"
    assert highlight("Éclair", ["éclair"]) == "<mark>Éclair</mark>"
    assert highlight("<i>", []) == "&lt;i&gt;"


@pytest.mark.parametrize("query", ["data python", "computer vision", "R", "ethics", "pythn"])
def test_the_directory_and_the_site_search_find_the_same_roles(client, query):
    listed = client.get("/roles/", {"q": query}).context["page"].paginator.object_list
    found = next((group.hits for group in search(query).groups if group.key == "roles"), [])
    assert {role.title for role in listed} == {hit.title for hit in found}


# --- Search that understands people ---------------------------------------------------


@pytest.mark.parametrize(
    ("query", "key", "title"),
    [
        ("salary", "topics", "Why pay varies"),
        ("pay", "topics", "Official U.S. pay figures"),
        ("growth", "topics", "The field in figures"),
        ("nlp", "skills", "Natural language processing"),
        ("NLP", "roles", "AI Specialist"),
        ("masters", "credentials", "Master’s degree in machine learning or a related field"),
        ("master's", "credentials", "Master’s degree in machine learning or a related field"),
        ("MS", "credentials", "Master’s degree in machine learning or a related field"),
        ("PhD", "credentials", "Doctorate (PhD) in machine learning or a related field"),
        ("ML engineer", "roles", "Machine Learning Engineer"),
        ("CV", "skills", "Computer vision"),
        ("engineers", "roles", "Robotics Engineer"),
        ("salaries", "topics", "Why pay varies"),
        ("statistical analysis", "skills", "Statistics"),
    ],
)
def test_words_match_in_any_of_their_forms(client, query, key, title):
    assert title in hits(client.get(URL, {"q": query}), key)


def test_a_short_abbreviation_matches_whole_words_only(client):
    credentials = hits(client.get(URL, {"q": "MS"}), "credentials")
    assert "Cloud platform certification" not in credentials  # "platforms" holds "ms"


@pytest.mark.parametrize(
    ("typed", "meant", "key", "title"),
    [
        ("pythn", "python", "skills", "Python"),
        ("scienist", "scientist", "roles", "Data Scientist"),
        ("robotcs", "robotics", "roles", "Robotics Engineer"),
    ],
)
def test_a_mistyped_word_is_mended_and_the_page_says_so(client, typed, meant, key, title):
    response = client.get(URL, {"q": typed})
    assert title in hits(response, key)
    assert f"Nothing matched “{typed}”, so we searched for “{meant}”" in text(response)


def test_short_words_are_never_mended_and_nothing_found_suggests_close_words(client):
    response = client.get(URL, {"q": "pyth0nista"})
    assert groups(response) == []
    page = text(response)
    assert "Nothing matched “pyth0nista”" in page and "all roles" in page
    assert hits(client.get(URL, {"q": "jva"}), "skills") == []  # 3 letters: not mended


def test_nothing_close_suggests_words_the_guide_knows(client):
    response = client.get(URL, {"q": "visionary"})
    page = text(response)
    assert "Did you mean" in page and "vision" in page


def test_mending_reads_the_words_of_every_kind_in_one_query(client, django_assert_num_queries):
    # The search (two queries), every kind's words to mend against, the search again.
    with django_assert_num_queries(5):
        response = client.get(URL, {"q": "scintist"})
    assert "Data Scientist" in hits(response, "roles")
    with django_assert_num_queries(3):  # nothing close enough to mend
        client.get(URL, {"q": "zzzzqqq"})


def test_the_directory_mends_a_mistyped_word_too(client):
    response = client.get("/roles/", {"q": "pythn"})
    titles = {role.title for role in response.context["page"].paginator.object_list}
    assert "Data Scientist" in titles
    assert "No role matched “pythn”, so these match “python”." in text(response)
