"""Where a cache miss's time goes: each page rendered in this process (Django's test
client, the page cache off, the figures kept per content version as in the miss run),
its time split into template rendering, SQL, and the rest (view code, the ORM building
queries and objects, middleware), beside the same for the baseline page.

Medians of REPEATS requests after one warm-up; in-process times are not the server's
(no HTTP, one process), so the table is read as proportions, as the throughput is.
"""

import statistics
import time
from contextlib import contextmanager
from dataclasses import dataclass

from bench.report import BASELINE, ms

REPEATS = 20


@dataclass(frozen=True)
class MissBreakdown:
    roles: int
    page: str
    request_ms: float
    templates_ms: float  # rendering templates, less the SQL run while rendering
    sql_ms: float  # executing SQL (SQLite steps to the first row; later rows are "rest")

    @property
    def rest_ms(self):
        """The view's own code, building queries and model objects, and middleware."""
        return max(self.request_ms - self.templates_ms - self.sql_ms, 0.0)


class Stopwatch:
    """Time spent in SQL and in templates during one request. Only the outermost render
    counts (a page's includes and its form widgets render inside it), and SQL run while
    rendering (a lazy queryset) counts as SQL."""

    def __init__(self):
        self.sql = self.templates = self.sql_in_templates = 0.0
        self.depth = 0

    def execute(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - began
            self.sql += spent
            if self.depth:
                self.sql_in_templates += spent

    @contextmanager
    def rendering(self):
        self.depth += 1
        began = time.perf_counter()
        try:
            yield
        finally:
            self.depth -= 1
            if not self.depth:
                self.templates += time.perf_counter() - began


@contextmanager
def timing_templates(stopwatch):
    """Every Django template render (the page's and its form widgets') timed."""
    from django.template.backends.django import Template

    original = Template.render

    def render(self, *args, **kwargs):
        with stopwatch.rendering():
            return original(self, *args, **kwargs)

    Template.render = render
    try:
        yield
    finally:
        Template.render = original


def time_misses(pages, roles, repeats=REPEATS):
    """[MissBreakdown] for each of {name: path} (the baseline among them, if wanted)."""
    from django.db import connection
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")
    results = []
    for name, path in pages.items():
        if client.get(path).status_code != 200:
            continue
        samples = []
        for _ in range(repeats):
            stopwatch = Stopwatch()
            with timing_templates(stopwatch), connection.execute_wrapper(stopwatch.execute):
                began = time.perf_counter()
                client.get(path)
                spent = time.perf_counter() - began
            samples.append((spent, stopwatch.templates - stopwatch.sql_in_templates, stopwatch.sql))
        request, templates, sql = (
            statistics.median(column) * 1000 for column in zip(*samples, strict=True)
        )
        results.append(MissBreakdown(roles, name, request, templates, sql))
    return results


def breakdown_table(breakdowns):
    """One markdown table: each page's request and its parts, and the request's time
    over the baseline's of the same size (in this process)."""
    baselines = {b.roles: b.request_ms for b in breakdowns if b.page == BASELINE}
    lines = [
        "| Roles | Page | Request ms | Templates ms | SQL ms | Rest ms | × baseline |",
        "|---|---|---|---|---|---|---|",
    ]
    for b in breakdowns:
        base = baselines.get(b.roles)
        times = "–" if not base else f"{b.request_ms / base:,.0f}×"
        lines.append(
            f"| {b.roles:,} | {b.page} | {ms(b.request_ms)} | {ms(b.templates_ms)} | "
            f"{ms(b.sql_ms)} | {ms(b.rest_ms)} | {times} |"
        )
    return "\n".join(lines)
