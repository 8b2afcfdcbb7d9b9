"""The directory's queries and their plans: one query per filter and per sort the
directory offers (careers.filters.RoleFilter), as the directory's first page asks for it.

    DJANGO_DB_PATH=… .venv/bin/python -m bench.plans

prints each query's plan (EXPLAIN QUERY PLAN on SQLite, outlined unless --full; EXPLAIN
on PostgreSQL) for the database the settings point at. tests/test_query_plans.py checks
the same queries; docs/performance.md records what they showed at 10,000 roles.
"""

from django.http import QueryDict

# Each filter alone (sorted by title, the default), then each sort alone.
DIRECTORY_QUERIES = {
    "published, by title": "",
    "industry": "industry=technology",
    "skill": "skill=python",
    "two skills": "skill=python&skill=statistics",
    "credential": "credential=cloud-platform-certification",
    "official occupation": "occupation=15-2051",
    "education": "education=bachelor",
    "stage (listing)": "stage=entry",
    "track": "track=core",
    "salary_min": "salary_min=150000",
    "growth_min": "growth_min=10",
    "official_median_min": "official_median_min=100000",
    "pay_in (area)": "pay_in=alabama",
    "text search": "q=vision",
    "sort salary-high": "sort=salary-high",
    "sort salary-low": "sort=salary-low",
    "sort growth": "sort=growth",
    "sort official-median-high": "sort=official-median-high",
    "sort official-median-low": "sort=official-median-low",
    "track, sort salary-high": "track=core&sort=salary-high",
}


def directory_page(query, per_page=12):
    """The directory's first page of roles for `query` (a query string), as a QuerySet."""
    from careers.views import directory_filter

    class Request:
        GET = QueryDict(query)

    filterset = directory_filter(Request())
    assert not query or filterset.is_valid(), (query, filterset.errors)
    return filterset.qs[:per_page]


def plan(queryset):
    """The database's plan for `queryset`, as text."""
    return queryset.explain()


def outline(sqlite_plan):
    """A SQLite plan's steps that matter here, once each: the outer query's own steps
    (parent 0) and every full scan at any depth. The six official-median subqueries
    repeat the same steps, and an index search inside them is cheap."""
    kept = []
    for line in sqlite_plan.splitlines():
        _, parent, _, detail = line.split(" ", 3)
        step = detail if parent == "0" else f"  (subquery) {detail}"
        wanted = parent == "0" or detail.startswith("SCAN")
        if wanted and step not in kept and not detail.startswith("CORRELATED SCALAR"):
            kept.append(step)
    return "\n".join(kept)


def main():
    import sys

    import django

    django.setup()
    from django.db import connection

    full = "--full" in sys.argv
    print(f"{connection.vendor}: plans of the directory's first page\n")
    for name, query in DIRECTORY_QUERIES.items():
        text = plan(directory_page(query))
        if connection.vendor == "sqlite" and not full:
            text = outline(text)
        print(f"## {name} (?{query})\n{text}\n")


if __name__ == "__main__":
    main()
