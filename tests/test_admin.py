"""Editors curate everything in the admin; bad figures are refused with a message."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from careers.models import CareerStep, Credential, Industry, Role, Skill, Source, Statistic

CURATED = [Role, Skill, Industry, Credential, Source, CareerStep, Statistic]


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


def test_role_list_filters_by_stage_and_searches_titles(admin_client):
    response = admin_client.get(admin_url(Role, "changelist"), {"stage__exact": "advanced"})
    assert response.context["cl"].result_count == 2
    response = admin_client.get(admin_url(Role, "changelist"), {"q": "vision"})
    assert [r.slug for r in response.context["cl"].result_list] == ["computer-vision-engineer"]


def test_autocomplete_finds_skills_for_the_inline(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "pyth", "app_label": "careers", "model_name": "roleskill", "field_name": "skill"},
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Python"]


def role_form_data(role, **changes):
    data = {
        "title": role.title,
        "slug": role.slug,
        "summary": role.summary,
        "description": role.description,
        "is_published": "on",
        "stage": role.stage,
        "track": role.track,
        "min_education": role.min_education,
        "industries": [i.pk for i in role.industries.all()],
        "salary_low": role.salary_low or "",
        "salary_median": role.salary_median or "",
        "salary_high": role.salary_high or "",
        "salary_source": role.salary_source_id or "",
        "salary_as_of": role.salary_as_of or "",
        "version": role.version,
        "outlook_growth_pct": "",
        "outlook_period": "",
        "outlook_source": "",
    }
    for prefix in ("role_skills", "role_credentials", "steps_out"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    data.update(changes)
    return data


def test_an_editor_updates_a_salary_and_the_public_page_shows_it(admin_client, client):
    role = Role.objects.get(slug="robotics-engineer")
    # Inline rows already exist; keep them untouched by declaring them.
    data = role_form_data(role, salary_low=95_000, salary_high=145_000)
    data.update(inline_initial_forms(role))
    response = admin_client.post(admin_url(Role, "change", role.pk), data)
    assert response.status_code == 302, (
        response.context and response.context["adminform"].form.errors
    )
    role.refresh_from_db()
    assert (role.salary_low, role.salary_high) == (95_000, 145_000)
    assert "$95,000 – $145,000" in client.get(role.get_absolute_url()).content.decode()


def test_a_salary_out_of_order_is_refused_with_a_message_and_nothing_is_saved(admin_client):
    role = Role.objects.get(slug="robotics-engineer")
    data = role_form_data(role, salary_low=150_000, salary_high=140_000)
    data.update(inline_initial_forms(role))
    response = admin_client.post(admin_url(Role, "change", role.pk), data)
    assert response.status_code == 200
    assert "The high figure is below the low one ($150,000)." in response.content.decode()
    role.refresh_from_db()
    assert (role.salary_low, role.salary_high) == (90_000, 140_000)


def test_a_figure_without_a_source_is_refused(admin_client):
    role = Role.objects.get(slug="ai-specialist")
    data = role_form_data(role, salary_low=80_000, salary_high=120_000, salary_source="")
    data.update(inline_initial_forms(role))
    response = admin_client.post(admin_url(Role, "change", role.pk), data)
    assert response.status_code == 200
    assert "A salary figure needs a source." in response.content.decode()
    assert not Role.objects.get(pk=role.pk).has_salary


def inline_initial_forms(role):
    """The management and row data the admin posts for a role's existing inline rows."""
    data = {}
    for prefix, rows, fields in (
        ("role_skills", role.role_skills.all(), ("skill", "importance")),
        ("role_credentials", role.role_credentials.all(), ("credential", "requirement")),
        ("steps_out", role.steps_out.all(), ("to_role", "kind", "typical_years", "note")),
    ):
        rows = list(rows)
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = row.pk
            data[
                f"{prefix}-{index}-role" if prefix != "steps_out" else f"{prefix}-{index}-from_role"
            ] = role.pk
            for field in fields:
                value = (
                    getattr(row, f"{field}_id", None)
                    if field in ("skill", "credential", "to_role")
                    else getattr(row, field)
                )
                data[f"{prefix}-{index}-{field}"] = "" if value is None else value
    return data


def test_visitors_who_are_not_staff_cannot_reach_the_admin(client):
    response = client.get(admin_url(Role, "changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    user = get_user_model().objects.create_user("student", password="a-long-test-password")
    client.force_login(user)
    response = client.get(admin_url(Role, "changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
