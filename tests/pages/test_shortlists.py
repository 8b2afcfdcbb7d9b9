"""A student opens the secret link an advisor shared: the list, the advisor's notes
and today's figures, until the advisor withdraws it."""

from careers.models import ArticleListing, Role, Shortlist
from tests.helpers import make_shortlist, page_text, run_action
from tests.helpers.charts import drawn_bars


def test_the_public_link_shows_the_title_introduction_notes_and_current_figures(
    client, ada, make_role, settings
):
    settings.SITE_URL = "https://careers.example.org"
    first = make_role(
        title="Quantum Tester",
        salary_low=95_000,
        salary_high=150_000,
        outlook_growth_pct=22,
        outlook_period="2024–2034",
    )
    second = make_role(title="Data Gardener")
    ArticleListing.objects.get(slug="mid").roles.add(first, second)
    ArticleListing.objects.get(slug="highest-paying").roles.add(first)
    shortlist = make_shortlist(
        ada,
        [first, second],
        title="Year 12 computing",
        introduction="Have a look before the open day.\n\nBring questions.",
    )
    response = client.get(f"/shortlists/{shortlist.token}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Year 12 computing</h1>" in html
    assert "<p>Have a look before the open day.</p>" in html and "<p>Bring questions.</p>" in html
    assert f'<a href="{first.get_absolute_url()}">Quantum Tester</a>' in html
    text = page_text(response)
    assert text.index("Quantum Tester") < text.index("Data Gardener")
    assert "Why Quantum Tester." in text and "Why Data Gardener." in text
    assert "$95,000 – $150,000" in text and "Test salary survey" in text
    assert "+22% over 2024–2034" in text
    # Each role with the article's lists it is in (the first is in two).
    assert "Reachable without further study; Among the best-paid roles" in text
    assert text.count("Reachable without further study") == 2
    assert "The article gives no salary for this role." in text  # the second role has none
    assert 'class="shortlist-item"' in html and 'class="advisor-note"' in html
    # Printed, the list carries its own address so the student can find it again.
    assert "<title>Year 12 computing · ML Career Guide</title>" in html
    assert f"This page: https://careers.example.org{shortlist.share_path()}</p>" in html


def test_the_page_shows_a_figure_as_soon_as_an_editor_changes_it(client, ada, roles):
    shortlist = make_shortlist(ada, roles)
    Role.objects.filter(slug="robotics-engineer").update(salary_high=145_000)
    assert "$90,000 – $145,000" in page_text(client.get(shortlist.share_path()))


def test_search_engines_are_asked_not_to_index_a_shared_list(client, ada):
    response = client.get(make_shortlist(ada).share_path())
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_unpublished_roles_are_left_out(client, ada, make_role):
    shown = make_role(title="Still Here")
    hidden = make_role(title="Gone Quiet", is_published=False)
    shortlist = make_shortlist(ada, [hidden, shown])
    text = page_text(client.get(shortlist.share_path()))
    assert "Still Here" in text and "Gone Quiet" not in text


def test_an_unknown_token_and_the_lists_id_are_not_found(client, ada):
    shortlist = make_shortlist(ada)
    assert client.get("/shortlists/not-a-real-token-at-all/").status_code == 404
    assert client.get(f"/shortlists/{shortlist.pk}/").status_code == 404


def test_a_withdrawn_list_says_so_with_410_and_restoring_brings_it_back(
    client, ada, ada_client, roles
):
    shortlist = make_shortlist(ada, roles, title="Year 12 computing")
    url = shortlist.share_path()
    response = run_action(ada_client, "withdraw", [shortlist])
    assert response.status_code == 302
    assert Shortlist.objects.get(pk=shortlist.pk).withdrawn_at is not None

    response = client.get(url)
    assert response.status_code == 410
    text = page_text(response)
    assert "The advisor who shared this link withdrew the list" in text
    assert "Year 12 computing" not in text and "Data Scientist" not in text
    assert "<title>Shortlist withdrawn · ML Career Guide</title>" in response.content.decode()
    assert Shortlist.objects.live().count() == 0

    run_action(ada_client, "restore", [shortlist])
    response = client.get(url)
    assert response.status_code == 200 and "Year 12 computing" in page_text(response)
    assert list(Shortlist.objects.live().owned_by(ada)) == [shortlist]


def test_the_page_takes_the_same_seven_queries_for_2_or_30_roles(
    client, ada, make_role, django_assert_max_num_queries
):
    # The shortlist, its items, their roles with official pay, skills, credentials and
    # the article's lists, and the salary scale their bars share.
    def queries_for(count):
        roles = [make_role(salary_low=90_000, salary_high=120_000) for _ in range(count)]
        shortlist = make_shortlist(ada, roles)
        with django_assert_max_num_queries(7) as captured:
            response = client.get(shortlist.share_path())
        assert len(response.context["shortlist"].items.all()) == count
        return len(captured)

    assert queries_for(2) == queries_for(30)


def test_each_roles_pay_is_drawn_on_the_scale_every_page_shares(client, ada, roles):
    response = client.get(make_shortlist(ada, roles).share_path())
    scale = Role.objects.site_salary_scale()
    bars = drawn_bars(response.content.decode(), "article")
    assert len(bars) == sum(role.has_any_salary for role in roles) > 0
    assert f"one scale: ${scale.maximum:,} a year at its right end" in page_text(response)
