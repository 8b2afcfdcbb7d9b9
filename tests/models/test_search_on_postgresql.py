"""On PostgreSQL the one search also uses the database's text search: a word finds its
other English forms, rows that hold the words more often come first among equals, and
the substring matches read trigram indexes. SQLite keeps the portable search, which
every other search test checks on both engines."""

import pytest
from django.db import connection

from careers.models import Role
from careers.models.searching_postgres import tsquery_text

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's text search: the PostgreSQL pass (make test-postgres) runs it",
)


@pytest.mark.parametrize(
    ("forms", "expected"),
    [
        (["python"], "(python:*)"),
        (["ai", "artificial intelligence"], "(ai) | (artificial <-> intelligence:*)"),
        # Every tsquery operator a visitor might type is dropped, never run.
        (["c++ & !(x) <-> 'y':*"], "(c <-> x <-> y)"),
        (["données"], "(données:*)"),
        (["&&", "!!"], ""),
    ],
)
def test_typed_words_become_a_text_search_query_with_no_operators_of_the_visitors(forms, expected):
    assert tsquery_text(forms) == expected


@on_postgresql
def test_a_word_finds_its_other_english_forms(make_role):
    modeler = make_role(title="Forecast analyst", summary="Builds models of demand.")
    clerk = make_role(title="Payroll clerk", summary="Runs the monthly payroll.")
    new_roles = Role.objects.filter(pk__in=[modeler.pk, clerk.pk])
    # "modelling" is not in "models": the portable substring search alone misses it.
    assert list(new_roles.search("modelling")) == [modeler]
    assert list(new_roles.search("payrolls")) == [clerk]


@on_postgresql
def test_among_equal_titles_the_role_that_says_more_about_the_words_comes_first(make_role):
    passing = make_role(title="Analyst A", summary="Some robotics work.")
    central = make_role(
        title="Analyst B",
        summary="Robotics, robotics and more robotics.",
        description="Robotics all day: robotics systems.",
    )
    found = list(Role.objects.filter(pk__in=[passing.pk, central.pk]).search("robotics"))
    assert found == [central, passing]


@on_postgresql
@pytest.mark.parametrize("field", ["title", "summary", "description"])
def test_the_substring_match_reads_a_trigram_index(field):
    query = Role.objects.filter(**{f"{field}__icontains": "learning"})
    with connection.cursor() as cursor:
        # On a handful of seed rows the planner rightly prefers reading the table (or a
        # whole other index); with those taken away it needs an index that fits the form.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = query.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"careers_role_{field}_trgm" in plan, plan
