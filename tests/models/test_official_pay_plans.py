"""With thousands of roles, a page of roles reads only the estimates of the occupations
those roles link to: the official figures are looked up by index, not by reading every
national estimate once for each role (which took seconds a page at 10,000 roles)."""

import re

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext

from careers.demo_data import generate_demo_data
from careers.models import Role

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's EXPLAIN QUERY PLAN is read here"
)


def plan_of(queryset):
    """SQLite's plan for `queryset`: (the top-level steps, every step), as text."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        rows = cursor.fetchall()
    return [row[-1] for row in rows if row[1] == 0], "\n".join(row[-1] for row in rows)


@pytest.fixture
def many_roles():
    generate_demo_data(1_000)


def test_a_deep_page_of_roles_walks_the_title_index_and_never_scans_the_estimates(many_roles):
    page = Role.objects.published().with_official_median().order_by("title")[960:972]
    top, plan = plan_of(page)
    # In title order straight from its index: no sort of every role's figures first.
    assert re.match(r"(SCAN|SEARCH) careers_role USING (COVERING )?INDEX", top[0]), top
    assert not any("TEMP B-TREE" in step for step in top), top
    # Each figure is looked up by index, never by reading the whole estimates table.
    assert "SCAN careers_wageestimate" not in plan and "SCAN V0" not in plan


def test_the_site_scale_reads_the_national_estimates_once_not_once_per_role(many_roles):
    with CaptureQueriesContext(connection) as queries:
        scale = Role.objects.site_salary_scale()
    (query,) = queries.captured_queries
    # Not a join from every role to every estimate of its occupation, in every area.
    assert 'JOIN "careers_wageestimate"' not in query["sql"].split("(SELECT", 1)[0]
    assert scale.maximum >= Role.objects.aggregate(Max("salary_high"))["salary_high__max"]
