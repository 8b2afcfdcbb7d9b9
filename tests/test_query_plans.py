"""The directory's filtered sorts read roles through an index, at 1,000 demo roles.

On SQLite (no ANALYZE statistics, as the site runs) the plan is checked outright: the
first page of each sort is read in index order, with no temporary B-tree sorting every
published role and no full scan of the roles table. Without its index a sorted page
computes the six official-median subqueries for every role before keeping 12 of them
(docs/performance.md).

On PostgreSQL the planner picks by cost and statistics: at 1,000 rows a sequential scan
and an in-memory sort are often rightly cheaper, so a plain plan proves nothing. There the
test turns off sequential scans and explicit sorts for its transaction (`SET LOCAL
enable_seqscan = off, enable_sort = off`), which makes the planner use an index for the
order whenever one can give it: a plan still sorting or scanning means no index can.
Only the orders an index can give on PostgreSQL are checked there: title, and salary
lowest first. The descending sorts put NULLs last, which PostgreSQL's descending
indexes (NULLs first) cannot give; PostgreSQL sorts those rows before computing the
subqueries, so they stay cheap (docs/performance.md).

Not checked anywhere, and why: the text search orders by a computed rank, the official
median sorts by a computed figure, and salary_min/growth_min search a range of one
index and sort what they find; no plain index can give those orders.
"""

import pytest
from django.db import connection, transaction

from bench.plans import directory_page, outline, plan
from careers.demo_data import generate_demo_data
from careers.matching import ranked_roles
from careers.models import Occupation, Role, Skill

# Filters and sorts whose first page SQLite reads in index order.
SQLITE_INDEXED = {
    "published, by title": ("", "role_published_title_idx"),
    "industry": ("industry=technology", "role_published_title_idx"),
    "skill": ("skill=python", "role_published_title_idx"),
    "credential": ("credential=cloud-platform-certification", "role_published_title_idx"),
    "education": ("education=bachelor", "role_published_title_idx"),
    "stage": ("stage=entry", "role_published_title_idx"),
    "track": ("track=core", "role_published_title_idx"),
    "official median at least": ("official_median_min=100000", "role_published_title_idx"),
    "pay in an area": ("pay_in=alabama", "role_published_title_idx"),
    "salary, highest first": ("sort=salary-high", "role_published_salary_idx"),
    "track, salary highest first": ("track=core&sort=salary-high", "role_published_salary_idx"),
    "growth, highest first": ("sort=growth", "role_published_growth_idx"),
}
POSTGRESQL_INDEXED = {
    "published, by title": ("", "role_published_title_idx"),
    "track": ("track=core", "role_published_title_idx"),
    "education": ("education=bachelor", "role_published_title_idx"),
    "salary, lowest first": ("sort=salary-low", "role_published_salary_low_idx"),
}


@pytest.fixture
def thousand_demo_roles():
    generate_demo_data(1000)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plans")
def test_directory_pages_are_read_in_index_order_on_sqlite(thousand_demo_roles):
    problems = []
    for name, (query, index) in SQLITE_INDEXED.items():
        steps = outline(plan(directory_page(query)))
        if f"SEARCH careers_role USING INDEX {index}" not in steps or "TEMP B-TREE" in steps:
            problems.append(f"{name} (?{query}):\n{steps}")
    assert not problems, "\n\n".join(problems)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plans")
def test_an_official_occupations_roles_are_found_from_its_links_on_sqlite(thousand_demo_roles):
    # "… and 412 more" leads here: the occupation's links, by their index, then only
    # those roles sorted (hundreds at most), never a walk through every role.
    steps = outline(plan(directory_page("occupation=15-2051")))
    assert "SEARCH careers_roleoccupation USING COVERING INDEX role_occupation_by_occ_idx" in steps
    assert "SEARCH careers_role USING INTEGER PRIMARY KEY" in steps
    assert "SCAN careers_role" not in steps and "SCAN careers_roleoccupation" not in steps


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plans")
def test_salary_lowest_first_sorts_only_ties_on_sqlite(thousand_demo_roles):
    # ASC NULLS LAST is not SQLite's own ascending order (NULLs first), so the index gives
    # the order of each salary and SQLite sorts within it, not every role from scratch.
    steps = outline(plan(directory_page("sort=salary-low")))
    assert "USING INDEX role_published_salary_low_idx" in steps
    assert "USE TEMP B-TREE FOR ORDER BY" not in steps.splitlines()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plans")
def test_each_roles_official_median_is_found_by_occupation_and_industry(thousand_demo_roles):
    full = plan(directory_page(""))
    assert "estimate_industry_occ_idx (industry_id=? AND occupation_id=?)" in full
    # Nothing read whole but the releases (one row a year), through their own index.
    scans = [line for line in full.splitlines() if " SCAN " in f" {line.split(' ', 3)[-1]}"]
    assert all("SCAN careers_wagerelease USING COVERING INDEX" in line for line in scans), scans


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
def test_directory_orders_an_index_can_give_use_it_on_postgresql(thousand_demo_roles):
    problems = []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        for name, (query, index) in POSTGRESQL_INDEXED.items():
            text = plan(directory_page(query))
            top = "\n".join(text.splitlines()[:3])  # Limit, then how careers_role is read
            if f"Index Scan using {index} on careers_role" not in top:
                problems.append(f"{name} (?{query}):\n{top}")
    assert not problems, "\n\n".join(problems)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plans")
def test_the_match_ranks_only_the_roles_listing_a_chosen_skill(thousand_demo_roles):
    # Counting every role's skills before keeping those with one of the student's took
    # 0.17 s at 10,000 roles; the roles are found from the chosen skills' links instead.
    skills = list(Skill.objects.filter(slug__in=["python", "statistics"]))
    steps = outline(plan(ranked_roles(skills)[:20]))
    assert "SEARCH careers_role USING INTEGER PRIMARY KEY" in steps
    assert "SCAN careers_role\n" not in f"{steps}\n"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plans")
def test_the_home_page_finds_its_featured_roles_without_walking_every_title(
    thousand_demo_roles,
):
    steps = outline(plan(Role.objects.for_cards().featured().order_by("title")))
    assert "SEARCH careers_role USING INDEX role_featured_title_idx" in steps
    assert "TEMP B-TREE FOR ORDER BY" not in steps


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plans")
def test_an_occupations_named_roles_and_their_count_come_from_its_index(thousand_demo_roles):
    # careers.official.named_roles: each of the first few roles a step along the index,
    # not every link of the occupation sorted; the count from the index, not the table.
    full = plan(Occupation.objects.for_official_page())
    assert "SEARCH U0 USING COVERING INDEX role_occupation_by_occ_idx (occupation_id=?)" in full
    assert "TEMP B-TREE" not in full
    assert "SCAN U0" not in full and "SCAN careers_roleoccupation" not in full
