"""Editors curate everything in the admin; bad figures are refused with a message."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from careers.models import (
    ArticleListing,
    CareerStep,
    Credential,
    FieldSalaryRange,
    GraduateQuote,
    GuideEntry,
    Industry,
    KeyPoint,
    Role,
    SalaryFactor,
    Skill,
    Source,
    Statistic,
)

CURATED = [
    Role,
    Skill,
    Industry,
    Credential,
    Source,
    CareerStep,
    Statistic,
    SalaryFactor,
    GuideEntry,
    FieldSalaryRange,
    KeyPoint,
    GraduateQuote,
]


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "a-long-test-password"
    )
    client.force_login(user)
    return client


def admin_url(model, action, *args):
    return reverse(f"admin:careers_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", CURATED, ids=lambda m: m.__name__)
def test_every_curated_model_has_working_list_add_and_change_pages(admin_client, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "changelist"), {"q": "data"}).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 200
    assert admin_client.get(admin_url(model, "change", model.objects.first().pk)).status_code == 200


def test_role_change_page_has_figures_fieldset_inlines_and_a_link_to_the_public_page(admin_client):
    role = Role.objects.get(slug="data-scientist")
    html = admin_client.get(admin_url(Role, "change", role.pk)).content.decode()
    assert "<h2" in html and ">Figures</h2>" in html
    assert (
        "role_skills-TOTAL_FORMS" in html
        and "role_credentials-TOTAL_FORMS" in html
        and "steps_out-TOTAL_FORMS" in html
    )
    assert "View on site" in html
    add_page = admin_client.get(admin_url(Role, "add")).content.decode()
    assert "data-prepopulated-fields=" in add_page and "&quot;#id_slug&quot;" in add_page


def test_role_list_filters_by_the_articles_lists_and_searches_titles(admin_client):
    advanced = ArticleListing.objects.get(slug="advanced")
    response = admin_client.get(admin_url(Role, "changelist"), {"listings__id__exact": advanced.pk})
    assert response.context["cl"].result_count == 4
    response = admin_client.get(admin_url(Role, "changelist"), {"q": "vision"})
    assert [r.slug for r in response.context["cl"].result_list] == ["computer-vision-engineer"]


def test_autocomplete_finds_skills_for_the_inline(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "pyth", "app_label": "careers", "model_name": "roleskill", "field_name": "skill"},
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Python"]


def test_visitors_who_are_not_staff_cannot_reach_the_admin(client):
    response = client.get(admin_url(Role, "changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    user = get_user_model().objects.create_user("student", password="a-long-test-password")
    client.force_login(user)
    response = client.get(admin_url(Role, "changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_sources_cited_in_is_picked_with_autocomplete(admin_client):
    bls = Source.objects.get(slug="us-bls")
    html = admin_client.get(admin_url(Source, "change", bls.pk)).content.decode()
    assert 'name="cited_in"' in html and "admin-autocomplete" in html
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "careers",
            "app_label": "careers",
            "model_name": "source",
            "field_name": "cited_in",
        },
    )
    assert [item["id"] for item in response.json()["results"]] == [str(bls.cited_in_id)]


def test_a_source_cited_in_itself_or_second_hand_twice_is_refused_with_a_message(admin_client):
    bls = Source.objects.get(slug="us-bls")
    nces = Source.objects.get(slug="nces")
    for cited_in in (bls, nces):  # itself; a source that is itself second-hand
        data = {"slug": bls.slug, "title": bls.title, "note": bls.note, "cited_in": cited_in.pk}
        response = admin_client.post(admin_url(Source, "change", bls.pk), data)
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["cited_in"]
    assert Source.objects.get(pk=bls.pk).cited_in.slug == "ml-careers-article-2026"
