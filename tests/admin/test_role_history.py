"""A role's history says what each change did: the figures' old and new values, who
changed them and why, whatever the number of entries."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.formatting import usd
from careers.models import Role, Source
from careers.revising import save_role
from tests.helpers import REASON, form_data


def change_url(role):
    return reverse("admin:careers_role_change", args=[role.pk])


# --- What each change did ----------------------------------------------------------


def history_rows(client, role):
    """The history page's rows as text, newest first."""
    response = client.get(reverse("admin:careers_role_history", args=[role.pk]))
    html = response.content.decode()
    return [page_text_of(row) for row in html.split("<tbody>")[1].split("<tr>")[1:]]


def page_text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_history_shows_each_figure_old_and_new_with_who_and_why(editor_client):
    role = Role.objects.get(slug="robotics-engineer")
    bls = Source.objects.get(slug="us-bls")
    editor_client.post(
        change_url(role),
        form_data(role, salary_high=150_000, salary_source=bls.pk, salary_as_of="2025-05-01"),
    )
    role = Role.objects.get(pk=role.pk)
    text_only = form_data(role, summary="Builds robots.", change_reason="")
    editor_client.post(change_url(role), text_only)

    newest, figures, *_ = history_rows(editor_client, role)
    assert "Also changed: summary" in newest and "Salary high" not in newest
    assert "Salary high: $140,000 → $150,000" in figures
    assert f"Salary source: {Source.objects.get(slug='ml-careers-article-2026')} → {bls}" in figures
    assert "Salary as of: 2026-01-01 → 2025-05-01" in figures
    assert "edith" in figures and REASON in figures
    assert "Salary low" not in figures and "description" not in figures


def save_figure_changes(role, count):
    for _ in range(count):
        role.salary_high += 1_000
        role.salary_source = Source.objects.order_by("?").first()
        save_role(role, reason=REASON)


def test_the_history_page_asks_the_same_queries_however_many_entries(
    editor_client, django_assert_num_queries
):
    few, many = Role.objects.filter(slug__in=["robotics-engineer", "data-scientist"])
    save_figure_changes(few, 2)
    save_figure_changes(many, 14)
    with CaptureQueriesContext(connection) as with_few:
        history_rows(editor_client, few)
    with django_assert_num_queries(len(with_few)):
        rows = history_rows(editor_client, many)
    assert len(rows) == many.history.count() == 15
    high = many.salary_high
    assert f"Salary high: {usd(high - 1_000)} → {usd(high)}" in rows[0]


def test_a_change_of_industries_is_listed_with_the_other_changes(editor_client):
    role = Role.objects.get(slug="robotics-engineer")
    role.industries.remove(role.industries.first())
    newest, *_ = history_rows(editor_client, role)
    assert "Also changed: industries" in newest
