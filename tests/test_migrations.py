"""A careers office that installed an earlier release upgrades by running migrate:
every row and every value it had is still there afterwards."""

import json
import os
import subprocess
import sys

import pytest

from tests.helpers import ROOT

# The last migration of main before the restructuring (the code moved, the tables did
# not). A release that adds migrations keeps this test honest about them.
PREVIOUS_RELEASE = "0012_editors_import_official_wages"

UPGRADE = """
import datetime, json
from decimal import Decimal
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

call_command("migrate", "careers", PREVIOUS, verbosity=0)
old = MigrationLoader(connection).project_state(("careers", PREVIOUS)).apps
get = lambda name: old.get_model("careers", name)

source = get("Source").objects.create(slug="survey", title="A salary survey", year=2025)
get("Source").objects.create(slug="ml-careers-article-2026", title="The careers article")
industry = get("Industry").objects.create(name="Finance", slug="finance")
skill = get("Skill").objects.create(name="Python", slug="python", category="programming")
degree = get("Credential").objects.create(
    name="Master's", slug="masters", kind="degree", level="master"
)
roles = [
    get("Role").objects.create(
        title=title, slug=slug, summary="s", description="d", stage=stage, track="core",
        salary_low=90000, salary_median=110000, salary_high=150000, salary_source=source,
        salary_as_of=datetime.date(2025, 1, 1), outlook_growth_pct=Decimal("36.0"),
        outlook_source=source, version=3,
    )
    for title, slug, stage in [
        ("Data Scientist", "data-scientist", "advanced"), ("ML Engineer", "ml-engineer", "entry")
    ]
]
roles[0].industries.add(industry)
get("RoleSkill").objects.create(role=roles[0], skill=skill, importance="core")
get("RoleCredential").objects.create(role=roles[0], credential=degree)
get("CareerStep").objects.create(from_role=roles[0], to_role=roles[1], kind="lateral")
get("Statistic").objects.create(slug="growth", value=36, statement="Growth", source=source)
get("SalaryFactor").objects.create(slug="place", name="Place", summary="s", source=source)
get("GuideEntry").objects.create(kind="question", slug="q", title="Q?", body="A.")
occupation = get("Occupation").objects.create(code="15-2051", title="Data Scientists")
get("RoleOccupation").objects.create(role=roles[0], occupation=occupation, note="closest")
release = get("WageRelease").objects.create(
    name="May 2025", reference_month=datetime.date(2025, 5, 1),
    published=datetime.date(2026, 5, 15), source=source, hourly_top_code=Decimal("115.00"),
)
get("WageEstimate").objects.create(
    release=release, occupation=occupation, employment=262440, annual_median=120230,
    annual_p90=239200, annual_p90_top_coded=True, hourly_median=Decimal("57.80"),
)
owner = old.get_model("auth", "User").objects.create(username="advisor", is_staff=True)
shortlist = get("Shortlist").objects.create(owner=owner, title="For Sam", token="t" * 22)
get("ShortlistItem").objects.create(shortlist=shortlist, role=roles[1], note="Try this")


def tables():
    names = [t for t in connection.introspection.table_names() if t.startswith("careers_")]
    with connection.cursor() as cursor:
        dump = {}
        for name in names:
            cursor.execute(f'SELECT * FROM "{name}"')
            columns = [column[0] for column in cursor.description]
            dump[name] = [dict(zip(columns, map(str, row))) for row in cursor.fetchall()]
        return dump


before = tables()
call_command("migrate", verbosity=0)
after = tables()
print(json.dumps({"before": before, "after": after}))
"""


# Columns that moved to another table; the test checks where their values went.
MOVED = {
    "careers_role": {"stage"},
    "careers_historicalrole": {"stage"},
    # An estimate's area is now a record (careers_area), checked below.
    "careers_wageestimate": {"area_code", "area_title"},
    "careers_historicalwageestimate": {"area_code", "area_title"},
}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    """The environment of an empty database of each engine the suite runs on: SQLite
    always, PostgreSQL when DATABASE_URL points at a server (a database of its own)."""
    if request.param == "sqlite":
        yield {"DJANGO_DB_PATH": str(tmp_path / "previous.sqlite3")}
        return
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        pytest.skip("DATABASE_URL names no PostgreSQL server: the PostgreSQL pass runs this")
    import psycopg

    name = f"careerguide_upgrade_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {"DATABASE_URL": server.rsplit("/", 1)[0] + f"/{name}"}
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_a_database_from_the_previous_release_migrates_forward_with_nothing_lost(
    empty_database,
):
    script = f"PREVIOUS = {PREVIOUS_RELEASE!r}\n" + UPGRADE
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env={**empty_database, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    tables = json.loads(result.stdout.strip().splitlines()[-1])
    before, after = tables["before"], tables["after"]
    assert sum(len(rows) for rows in before.values()) >= 18  # every aggregate has a row
    for table, rows in before.items():
        assert table in after, f"{table} was dropped"
        gone = MOVED.get(table, set())
        rows = [
            {column: value for column, value in row.items() if column not in gone} for row in rows
        ]
        kept = [{column: row[column] for column in rows[0]} for row in after[table]] if rows else []
        assert sorted(kept, key=str) == sorted(rows, key=str), f"{table} lost data"
    # An estimate's area code and title now live on its area; every one was national.
    areas = {row["id"]: (row["code"], row["title"]) for row in after["careers_area"]}
    assert {(row["id"], areas[row["area_id"]]) for row in after["careers_wageestimate"]} == {
        (row["id"], (row["area_code"], row["area_title"])) for row in before["careers_wageestimate"]
    }
    # A role's stage now is its place in the article's list of that name.
    listings = {row["id"]: row["slug"] for row in after["careers_articlelisting"]}
    placed = {
        (row["role_id"], listings[row["articlelisting_id"]])
        for row in after["careers_articlelisting_roles"]
    }
    assert placed == {(row["id"], row["stage"]) for row in before["careers_role"]}
