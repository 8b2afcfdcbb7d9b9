"""The skills match: a student ticks what they know and sees which roles fit,
what each still asks of them, and what it pays; the result is a shareable link."""

import html as html_lib
import re

import pytest

from careers.matching import match_roles
from careers.models import Role, RoleSkill, Skill
from tests.helpers import page_queries, text
from tests.helpers.charts import axis_labels, drawn_bars, units

URL = "/match/"


def ranked_titles(response):
    return [
        html_lib.unescape(title)
        for title in re.findall(
            r'class="match-title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
        )
    ]


def card(response, title):
    html = response.content.decode()
    start = html.index(f">{title}</a></h3>")
    return html[start : html.index("</article>", start)]


def skills(*slugs):
    return [Skill.objects.get(slug=slug) for slug in slugs]


@pytest.fixture
def hand_made(make_role):
    """Eight roles whose order for {python, statistics} is known exactly."""
    Role.objects.all().delete()

    def role(title, core, helpful=(), **fields):
        made = make_role(title=title, **fields)
        for skill in skills(*core):
            RoleSkill.objects.create(role=made, skill=skill, importance="core")
        for skill in skills(*helpful):
            RoleSkill.objects.create(role=made, skill=skill, importance="helpful")
        return made

    role("Analyst", ["python", "statistics"], salary_low=100_000, salary_high=150_000)
    role(
        "Broad",
        ["python", "statistics", "deep-learning", "communication"],
        salary_low=90_000,
        salary_high=400_000,
    )
    role("Coder", ["python"], salary_low=100_000, salary_high=200_000)
    role("Dual", ["python", "r"], salary_low=100_000, salary_high=300_000)
    role("Enterprise", ["java"], ["python", "statistics"], salary_low=50_000, salary_high=90_000)
    role("Freeform", [], ["python"])
    role("Gold", ["python", "statistics"], salary_low=90_000, salary_high=180_000)
    role("Hidden figures", ["statistics", "python"])
    role("Unpublished", ["python", "statistics"], is_published=False)
    role("Unrelated", ["java", "communication"], salary_low=200_000, salary_high=300_000)


EXPECTED_ORDER = [
    "Gold",  # 2 core skills covered, 100%, pays up to $180,000
    "Analyst",  # 2 covered, 100%, up to $150,000
    "Hidden figures",  # 2 covered, 100%, no figure
    "Broad",  # 2 covered of 4: more covered beats a higher share of fewer
    "Coder",  # 1 covered, 100%
    "Dual",  # 1 covered, 50%
    "Enterprise",  # no core skill covered, but 2 helpful ones
    "Freeform",  # no core skills at all, 1 helpful one
    # "Unrelated" uses none of the skills: not a result.
]


def test_roles_are_ranked_by_core_skills_covered_then_share_then_helpful_then_pay(
    client, hand_made
):
    response = client.get(URL, {"skill": ["python", "statistics"]})
    assert response.status_code == 200
    assert ranked_titles(response) == EXPECTED_ORDER
    page = text(response)
    assert "those where you already have the most core skills first" in page
    assert "100% of its core skills: you have 2 of 2." in page
    assert "50% of its core skills: you have 2 of 4." in page


def test_the_ranking_service_gives_the_same_order_and_the_missing_skills(hand_made):
    matches = match_roles(skills("python", "statistics"))
    assert [m.role.title for m in matches] == EXPECTED_ORDER
    broad = next(m for m in matches if m.role.title == "Broad")
    assert [s.slug for s in broad.have] == ["python", "statistics"]
    assert [s.slug for s in broad.missing] == ["communication", "deep-learning"]
    assert (broad.covered, broad.total, broad.percent) == (2, 4, 50)
    freeform = matches[-1]
    assert (freeform.total, freeform.percent) == (0, 0)


def test_each_role_shows_the_skills_you_have_and_those_you_miss_linked(client, hand_made):
    response = client.get(URL, {"skill": ["python", "statistics"]})
    broad = card(response, "Broad")
    have, missing = broad.split("Still to learn")
    assert 'href="/skills/python/"' in have and 'href="/skills/statistics/"' in have
    assert 'href="/skills/deep-learning/"' in missing
    assert 'href="/skills/communication/"' in missing
    assert "python" not in missing
    assert "Nothing: you have every core skill." in card(response, "Gold")
    assert "None of its core skills yet." in card(response, "Enterprise")


def test_salary_bars_and_why_pay_varies_sit_beside_each_figure(client, hand_made):
    response = client.get(URL, {"skill": "python"})
    gold = card(response, "Gold")
    assert "Article: $90,000 – $180,000" in gold
    (bar,) = drawn_bars(gold, "article")
    assert (bar.start, bar.end) == (units(90_000, 400_000), units(180_000, 400_000))
    assert axis_labels(gold) == [["$0", "$100k", "$200k", "$300k", "$400k"]]
    assert "Why pay varies" in gold
    hidden = card(response, "Hidden figures")
    assert "The article gives no salary for this role." in hidden and "<svg" not in hidden


def test_the_result_url_is_shareable_and_round_trips(client, hand_made):
    first = client.get(URL + "?skill=statistics&skill=python")
    html = first.content.decode()
    ticked = re.findall(r'name="skill" value="([^"]+)"[^>]*checked', html)
    assert sorted(ticked) == ["python", "statistics"]
    assert (
        '<link rel="canonical" href="http://testserver/match/?skill=statistics&amp;skill=python">'
        in html
    )
    # Submitting the form as it comes back (its ticked boxes) gives the same result.
    again = client.get(URL, {"skill": ticked})
    assert ranked_titles(again) == ranked_titles(first) == EXPECTED_ORDER


def test_choosing_nothing_asks_for_a_skill_instead_of_failing(client):
    for query in ("?skill=", "?skill=&skill=", "?other=1"):
        response = client.get(URL + query)
        assert response.status_code == 200
        assert "Tick at least one skill you have" in text(response)
        assert ranked_titles(response) == []
    first_visit = text(client.get(URL))
    assert "Your matches appear here" in first_visit
    assert "Tick at least one skill" not in first_visit


def test_unknown_skills_are_named_and_left_out(client):
    response = client.get(URL, {"skill": ["python", "astrology"]})
    assert response.status_code == 200
    page = text(response)
    assert "We do not know “astrology”, so it was left out." in page
    uses_python = Role.objects.published().filter(role_skills__skill__slug="python")
    assert sorted(ranked_titles(response)) == sorted(role.title for role in uses_python)
    only_unknown = client.get(URL, {"skill": ["astrology", "alchemy"]})
    page = text(only_unknown)
    assert "“astrology”, “alchemy”, so they were left out" in page
    assert "Tick at least one skill you have" in page
    assert ranked_titles(only_unknown) == []


@pytest.mark.parametrize(
    "query",
    [
        {"skill": "x" * 5000},
        {"skill": "数据科学 ✨"},
        {"skill": ["python"] * 50},
        {"skill": [f"skill-{n}" for n in range(300)]},
        {"skill": "'; DROP TABLE careers_role; --"},
        {"skill": "%"},
    ],
    ids=["huge", "unicode", "repeated", "many", "sql", "percent"],
)
def test_odd_input_never_breaks_the_page(client, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert len(text(response)) < 60_000  # a huge value is not echoed back whole
    assert Role.objects.exists()


def test_a_repeated_skill_counts_once(client):
    response = client.get(URL, {"skill": ["python", "python"]})
    assert "Skills you have (1 chosen)" in response.content.decode()
    assert '<p>You ticked: <a href="/skills/python/">Python</a>.</p>' in response.content.decode()


def test_the_picker_groups_skills_by_category_and_labels_every_box(client):
    html = client.get(URL).content.decode()
    for label in Skill.Category.labels:
        assert f"<legend>{html_lib.escape(label)}</legend>" in html
    for skill in Skill.objects.all():
        assert (
            f'<input type="checkbox" name="skill" value="{skill.slug}" id="skill-{skill.slug}"'
            in (html)
        )
        assert f'<label for="skill-{skill.slug}">' in html
    assert re.search(r'<form method="get" action="/match/"', html)
    assert '<details class="skill-picker field" open>' in html


def count_queries(client, params):
    response, queries = page_queries(client, URL, params)
    assert response.status_code == 200
    return queries


def test_the_match_takes_the_same_queries_for_few_or_many_roles_and_skills(client, make_role):
    params = {"skill": ["python", "statistics", "deep-learning"]}
    few = count_queries(client, params)
    catalogue = list(Skill.objects.all())
    for number in range(150):
        role = make_role(salary_low=50_000 + number, salary_high=90_000 + number)
        for skill in catalogue[number % 10 : number % 10 + 6]:
            RoleSkill.objects.create(role=role, skill=skill, importance="core")
    for number in range(60):
        Skill.objects.create(name=f"Extra {number}", slug=f"extra-{number}", category="data")
    many_params = {"skill": [*params["skill"], *[f"extra-{n}" for n in range(60)]]}
    assert count_queries(client, params) == few
    assert count_queries(client, many_params) == few
    # The skills, the matches' count (for the pages), a page of them, their skills,
    # lists and official medians, the picker's skills and the pay scale.
    assert few <= 8


# --- What a student sees for the skills they have (the seed's roles) -------------------


def top_titles(client, *slugs, count=3):
    return ranked_titles(client.get(URL, {"skill": list(slugs)}))[:count]


def test_python_and_statistics_put_data_scientist_in_the_top_three(client):
    assert "Data Scientist" in top_titles(client, "python", "statistics")


def test_python_deep_learning_and_computer_vision_put_computer_vision_engineer_first(client):
    top = top_titles(client, "python", "deep-learning", "computer-vision", count=1)
    assert top == ["Computer Vision Engineer"]


def test_ethics_and_policy_put_ai_ethicist_first(client):
    # "ethics" and "policy" are other names of "AI ethics & regulation".
    assert top_titles(client, "ethics", "policy", count=1) == ["AI Ethicist"]


def test_the_articles_wording_finds_the_skill_it_means(client):
    response = client.get(URL, {"skill": ["statistical-analysis", "nlp"]})
    assert "We do not know" not in text(response)
    ticked = re.findall(r'name="skill" value="([^"]+)"[^>]*checked', response.content.decode())
    assert sorted(ticked) == ["natural-language-processing", "statistics"]


def test_only_roles_that_use_a_chosen_skill_are_results(client):
    titles = ranked_titles(client.get(URL, {"skill": "ai-ethics-regulation"}))
    assert titles == ["AI Ethicist"]


def test_skills_no_role_uses_say_so_instead_of_an_empty_list(client):
    Skill.objects.create(name="Knitting", slug="knitting", category="soft")
    response = client.get(URL, {"skill": "knitting"})
    assert ranked_titles(response) == []
    assert "None of the roles in the guide lists this skill yet." in text(response)


def test_each_match_shows_its_share_as_a_meter(client):
    response = client.get(URL, {"skill": ["python", "statistics"]})
    data_scientist = card(response, "Data Scientist")
    assert '<meter class="match-meter" min="0" max="100" value="33"' in data_scientist
