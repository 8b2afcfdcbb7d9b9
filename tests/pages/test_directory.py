"""The role directory: each filter narrows correctly, alone and combined;
bad input never breaks it."""

import re

import pytest

from careers.models import ArticleListing, Industry, Role, RoleSkill, Skill
from tests.helpers import page_queries, text

URL = "/roles/"


def role_titles(response):
    """The role titles shown on the page, in order."""
    return re.findall(
        r'class="role-card-title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def slugs(response):
    return [role.slug for role in response.context["page"].object_list]


def all_slugs(client, query):
    response = client.get(URL, {**query, "page": 1}, follow=False)
    assert response.status_code == 200
    paginator = response.context["page"].paginator
    return {role.slug for role in paginator.object_list}


def test_the_directory_lists_every_published_role_alphabetically(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "16 roles found" in response.content.decode()
    titles = role_titles(response)
    assert titles == sorted(titles)
    assert titles[0] == "AI Ethicist"


def test_unpublished_roles_are_not_listed(client):
    Role.objects.filter(slug="data-analyst").update(is_published=False)
    assert "data-analyst" not in all_slugs(client, {})


def test_searching_matches_title_summary_and_skill_names(client):
    assert all_slugs(client, {"q": "vision"}) >= {"computer-vision-engineer"}
    assert "data-scientist" in all_slugs(client, {"q": "DATA SCIENTIST"})
    by_skill = all_slugs(client, {"q": "Linear algebra"})
    expected = set(
        Role.objects.filter(role_skills__skill__slug="linear-algebra").values_list(
            "slug", flat=True
        )
    )
    assert by_skill >= expected and expected
    assert all_slugs(client, {"q": "zzzz-no-such-thing"}) == set()


def test_filtering_by_industry_keeps_only_roles_in_it(client):
    finance = Industry.objects.get(slug="finance")
    assert all_slugs(client, {"industry": "finance"}) == set(
        finance.roles.values_list("slug", flat=True)
    )
    assert "quantitative-analyst" in all_slugs(client, {"industry": "finance"})


def test_filtering_by_two_skills_keeps_only_roles_with_both(client):
    with_python = set(
        Role.objects.filter(role_skills__skill__slug="python").values_list("slug", flat=True)
    )
    with_dl = set(
        Role.objects.filter(role_skills__skill__slug="deep-learning").values_list("slug", flat=True)
    )
    both = all_slugs(client, {"skill": ["python", "deep-learning"]})
    assert both == with_python & with_dl
    assert both and both < with_python


def test_filtering_by_credential(client):
    assert all_slugs(client, {"credential": "doctorate"}) == {"research-scientist"}


def test_filtering_by_education_shows_roles_open_to_that_level(client):
    bachelor = all_slugs(client, {"education": "bachelor"})
    assert "research-scientist" not in bachelor and "ai-ethicist" not in bachelor
    assert "data-analyst" in bachelor
    assert "ai-ethicist" in all_slugs(client, {"education": "master"})
    assert all_slugs(client, {"education": "doctorate"}) == set(
        Role.objects.values_list("slug", flat=True)
    )
    assert all_slugs(client, {"education": "none"}) == set()


def test_filtering_by_stage_and_track(client):
    assert all_slugs(client, {"stage": "advanced"}) == {
        "research-scientist",
        "ai-ethicist",
        "data-scientist",
        "machine-learning-engineer",
    }
    interdisciplinary = all_slugs(client, {"track": "interdisciplinary"})
    assert interdisciplinary == {
        "product-manager",
        "technical-consultant",
        "quantitative-analyst",
        "hci-specialist",
        "bioinformatics-scientist",
    }


def test_old_stage_links_still_filter_by_the_matching_article_list(client):
    for stage in ("entry", "mid", "advanced"):
        listing = ArticleListing.objects.get(slug=stage)
        expected = set(listing.roles.values_list("slug", flat=True))
        assert all_slugs(client, {"stage": stage}) == expected


def test_a_role_the_article_lists_several_times_is_found_under_each_list(client):
    for listing in ("entry", "mid", "advanced", "highest-paying"):
        assert "data-scientist" in all_slugs(client, {"stage": listing}), listing
    assert "data-scientist" not in all_slugs(client, {"stage": "interdisciplinary"})


def test_the_list_filter_offers_the_articles_lists_and_names_the_one_chosen(client):
    response = client.get(URL, {"stage": "highest-paying"})
    html = response.content.decode()
    for listing in ArticleListing.objects.all():
        assert f'<option value="{listing.slug}"' in html
    assert "In the article’s list" in html and "Among the best-paid roles" in text(response)


def test_filtering_by_salary_keeps_roles_whose_range_reaches_it(client):
    assert all_slugs(client, {"salary_min": 160_000}) == {
        "machine-learning-engineer",
        "research-scientist",
    }
    assert all_slugs(client, {"salary_min": 170_000}) == {"research-scientist"}
    assert all_slugs(client, {"salary_min": 0}) == set(
        Role.objects.filter(salary_high__isnull=False).values_list("slug", flat=True)
    )


def test_filtering_by_outlook(client):
    assert all_slugs(client, {"growth_min": "20"}) == {"research-scientist"}
    assert all_slugs(client, {"growth_min": "22.5"}) == set()


def test_filters_combine(client):
    result = all_slugs(
        client,
        {"industry": "technology", "skill": "python", "stage": "entry", "salary_min": 150_000},
    )
    expected = set(
        Role.objects.filter(
            industries__slug="technology",
            role_skills__skill__slug="python",
            listings__slug="entry",
            salary_high__gte=150_000,
        ).values_list("slug", flat=True)
    )
    assert result == expected
    assert result == {"machine-learning-engineer", "data-scientist"}


def test_sorting_by_salary_puts_roles_without_a_figure_last(client):
    response = client.get(URL, {"sort": "salary-high"})
    order = slugs(response)
    assert order[:2] == ["research-scientist", "machine-learning-engineer"]
    figures = [Role.objects.get(slug=s).salary_high for s in order]
    assert None not in figures[: len(order) - figures.count(None)]

    lowest = slugs(client.get(URL, {"sort": "salary-low"}))
    assert lowest[0] == "robotics-engineer"


def test_sorting_by_growth(client):
    assert slugs(client.get(URL, {"sort": "growth"}))[0] == "research-scientist"


def test_the_filtered_url_is_the_shareable_state(client):
    response = client.get(URL, {"industry": "technology", "skill": "python", "sort": "salary-high"})
    html = response.content.decode()
    assert 'value="technology" selected' in html
    assert re.search(r'name="skill" value="python"[^>]*checked', html)
    assert 'value="salary-high" selected' in html


def test_chosen_filters_are_listed_with_a_link_that_removes_each(client):
    response = client.get(URL, {"industry": "finance", "skill": ["python", "statistics"]})
    applied = {(a.label, a.value): a.remove_url for a in response.context["applied_filters"]}
    assert applied[("Industry", "Finance")] == "?skill=python&skill=statistics"
    assert applied[("Skill", "Python")] == "?industry=finance&skill=statistics"


def test_an_empty_result_says_what_to_relax(client):
    response = client.get(URL, {"stage": "advanced", "track": "interdisciplinary"})
    html = response.content.decode()
    assert "0 roles found" in html
    assert "No role matches all of these filters" in html
    assert "?track=interdisciplinary" in html  # remove "stage"
    assert "?stage=advanced" in html  # remove "track"


def test_pagination_keeps_the_filters(client, settings, make_role):
    settings.ROLES_PER_PAGE = 5
    response = client.get(URL, {"track": "core"})
    html = response.content.decode()
    assert response.context["page"].paginator.num_pages == 2
    assert 'href="?track=core&amp;page=2"' in html
    second = client.get(URL, {"track": "core", "page": 2})
    assert len(set(slugs(second)) & set(slugs(response))) == 0
    assert all(Role.objects.get(slug=s).track == "core" for s in slugs(second))


@pytest.mark.parametrize(
    ("page", "shown", "notice"),
    [
        ("abc", 1, "is not a page number"),
        ("0", 1, "There is no page 0"),
        ("-3", 1, "There is no page -3"),
        ("999", 4, "There is no page 999; here is page 4 of 4"),
        ("99999999999999999999999999", 4, "There is no page"),
        ("", 1, ""),
    ],
)
def test_bad_page_numbers_show_the_nearest_page_with_a_notice(
    client, settings, page, shown, notice
):
    settings.ROLES_PER_PAGE = 5
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert response.context["page"].number == shown
    assert notice in response.content.decode()


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"salary_min": "abc"}, "salary_min", "Enter a whole number"),
        (
            {"salary_min": "99999999999999999999999999"},
            "salary_min",
            "less than or equal to 10000000",
        ),
        ({"salary_min": "-5"}, "salary_min", "greater than or equal to 0"),
        ({"growth_min": "lots"}, "growth_min", "Enter a number"),
        ({"growth_min": "1e400"}, "growth_min", ""),
        ({"skill": "no-such-skill"}, "skill", "no-such-skill is not one of the available choices"),
        ({"industry": "underwater-basket-weaving"}, "industry", "not one of the available choices"),
        ({"credential": "🎓"}, "credential", "not one of the available choices"),
        ({"stage": "senior"}, "stage", "not one of the available choices"),
        ({"education": "kindergarten"}, "education", "not one of the available choices"),
        ({"sort": "random"}, "sort", "not one of the available choices"),
    ],
)
def test_bad_filter_values_show_a_form_error_not_a_crash(client, query, field, message):
    response = client.get(URL, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filters could not be used" in html
    assert field in response.context["filter"].form.errors
    assert message in " ".join(response.context["filter"].form.errors[field])
    # The bad filter is left out, so the visitor still sees roles.
    assert response.context["page"].paginator.count == 16


def test_a_bad_filter_does_not_discard_the_good_ones(client):
    response = client.get(URL, {"salary_min": "lots", "stage": "advanced"})
    assert set(slugs(response)) == {
        "research-scientist",
        "ai-ethicist",
        "data-scientist",
        "machine-learning-engineer",
    }


def test_unicode_search_and_repeated_parameters_are_handled(client):
    assert client.get(URL, {"q": "数据科学 ✨"}).status_code == 200
    repeated = client.get(URL + "?stage=entry&stage=advanced")
    assert repeated.status_code == 200
    assert set(slugs(repeated)) == {
        "research-scientist",
        "ai-ethicist",
        "data-scientist",
        "machine-learning-engineer",
    }
    long_query = client.get(URL, {"q": "x" * 5000})
    assert long_query.status_code == 200
    assert "q" in long_query.context["filter"].form.errors


def test_empty_values_mean_no_filter(client):
    response = client.get(
        URL
        + "?q=&industry=&skill=&credential=&education=&stage=&track=&salary_min=&growth_min=&sort="
    )
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 16
    assert not response.context["filter"].form.errors
    assert response.context["applied_filters"] == []


def add_roles(count, make_role):
    python = Skill.objects.get(slug="python")
    technology = Industry.objects.get(slug="technology")
    for number in range(count):
        role = make_role(salary_low=50_000 + number, salary_high=90_000 + number)
        RoleSkill.objects.create(role=role, skill=python)
        role.industries.add(technology)


def count_queries(client, url, params=None):
    response, queries = page_queries(client, url, params)
    assert response.status_code == 200
    return queries


@pytest.mark.parametrize(
    "params",
    [
        {},
        {
            "industry": "technology",
            "skill": ["python", "statistics"],
            "sort": "salary-high",
            "q": "data",
        },
    ],
    ids=["unfiltered", "filtered"],
)
def test_directory_queries_do_not_grow_with_the_number_of_roles(
    client, make_role, params, django_assert_max_num_queries
):
    Role.objects.all().delete()
    add_roles(5, make_role)
    with django_assert_max_num_queries(7):
        client.get(URL, params)
    few = count_queries(client, URL, params)
    add_roles(195, make_role)
    many = count_queries(client, URL, params)
    assert few == many


@pytest.mark.parametrize(
    ("query", "ticked", "summary"),
    [
        ("?skill=nope", [], "Skills</summary>"),
        ("?skill=", [], "Skills</summary>"),
        ("?skill=python&skill=python", ["python"], "Skills (1 chosen)"),
        ("?skill=python&skill=r", ["python", "r"], "Skills (2 chosen)"),
    ],
)
def test_the_skill_picker_counts_only_real_skills_once(client, query, ticked, summary):
    html = client.get(URL + query).content.decode()
    assert re.findall(r'name="skill" value="([^"]+)"[^>]*checked', html) == ticked
    assert summary in html


def test_a_mistyped_number_is_shown_back_beside_its_error(client):
    html = client.get(URL, {"salary_min": "abc", "growth_min": "lots"}).content.decode()
    assert re.search(
        r'<input type="text" name="salary_min" value="abc"[^>]*inputmode="numeric"', html
    )
    assert re.search(r'name="growth_min" value="lots"', html)
    assert 'aria-invalid="true"' in html
