"""`make bench`: every page type's throughput, latency, SQL queries and weight, at the
seed's size and at 10,000 generated roles, against a baseline served the same way.

    .venv/bin/python -m bench [--quick] [--roles N] [--pages home,role] [--strict]

A throwaway SQLite database (migrate, load_seed, collectstatic into a throwaway folder),
gunicorn with gunicorn.conf.py and the production switches (scripts/production_server.py)
on the bench.settings module, which is the site's settings plus the baseline page. Each
page is loaded by 8 concurrent clients (bench.load) after a warm-up; its SQL queries are
counted in this process with Django's test client on the same database; its bytes are
those the server sends, gzip-compressed here at level 6 where the server did not.
Prints one markdown table and a PASS/FAIL line per target (bench.report); exits 0 unless
--strict and a target fails. docs/performance.md has the results and how to read them.
"""

import argparse
import contextlib
import datetime
import gzip
import logging
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

from bench import BASELINE_PATH
from bench.breakdown import breakdown_table, time_misses
from bench.load import load
from bench.report import (
    BASELINE,
    MISS,
    SERVED,
    Measurement,
    evaluate,
    markdown_table,
    with_ratios,
)
from scripts.production_server import (
    free_port,
    manage,
    prepare,
    production_environment,
    start,
    stop,
    stop_on_sigterm,
)

HOST = "127.0.0.1"
LARGE_ROLES = 10_000
SECONDS = 5.0
WARMUP = 1.0

# What turns the page cache off (careerguide.page_cache): measured on its own server run,
# the pages' cache-miss throughput.
PAGE_CACHE_OFF_ENV = {"DJANGO_PAGE_CACHE_SECONDS": "0"}
# One gunicorn run per entry, at each size: the site as production serves it (with a
# Redis the workers share, the page cache on), then with the page cache off.
SERVER_RUNS = [
    (SERVED, {}),
    (MISS, PAGE_CACHE_OFF_ENV),
]

# A page slower than this on its own is not put under load: 8 clients queued on 2 workers
# would take minutes (and hit gunicorn's 30 s timeout). Its figures rest on one request.
SLOW_SECONDS = 8.0

PAGES = {
    "home": "/",
    "directory": "/roles/",
    "role": "/roles/data-scientist/",
    "match": "/match/?skill=python&skill=statistics",
    "compare": "/compare/?roles=data-scientist&roles=machine-learning-engineer",
    "paths": "/paths/",
    "industry": "/industries/technology/",
    "official-data": "/official-data/",
    "places": "/places/",
    # The floor: a small page on the site's own base template (header, search, footer,
    # sources), what any page costs before its content.
    "credentials": "/credentials/",
}
# Headers a page cache may use to say whether it answered.
CACHE_HEADERS = ("X-Cache", "X-Page-Cache", "X-Cache-Status")


def cache_status(headers):
    """What a response says about the page cache: "hit", "miss", or "" when silent."""
    for name in CACHE_HEADERS:
        if value := headers.get(name):
            return value.strip().lower()
    return "hit (Age)" if headers.get("Age") else ""


class AssetLinks(HTMLParser):
    """The local stylesheets and scripts a page links to."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            url = attrs.get("href")
        elif tag == "script":
            url = attrs.get("src")
        else:
            return
        if url and url.startswith("/") and not url.startswith("//"):
            self.urls.append(url)


def asset_urls(html):
    parser = AssetLinks()
    parser.feed(html)
    return list(dict.fromkeys(parser.urls))


def fetch(base, path):
    """(body as sent, body decoded, headers) for one GET that accepts gzip."""
    request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=60) as response:
        sent = response.read()
        headers = response.headers
    compressed = headers.get("Content-Encoding") == "gzip"
    return sent, gzip.decompress(sent) if compressed else sent, headers


def gzip_size(sent, body, headers):
    if headers.get("Content-Encoding") == "gzip":
        return len(sent)
    return len(gzip.compress(body, compresslevel=6))


@dataclass
class Weight:
    seconds: float  # the first request's, alone
    html: int
    html_gzip: int
    assets_gzip: int  # its CSS and JS, gzip-compressed, summed
    cache: str  # what a repeat request's response said about the page cache


def weigh(base, path):
    began = time.monotonic()
    sent, body, headers = fetch(base, path)
    seconds = time.monotonic() - began
    assets = 0
    for url in asset_urls(body.decode("utf-8", "replace")):
        assets += gzip_size(*fetch(base, url))
    cache = "" if seconds > SLOW_SECONDS else cache_status(fetch(base, path)[2])
    return Weight(seconds, len(body), gzip_size(sent, body, headers), assets, cache)


def count_queries(pages):
    """{page: SQL queries} for one request each, in this process (Django set up on the
    bench's database), after a first request has warmed what every page shares."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME=HOST)
    client.get("/")
    counts = {}
    for name, path in pages.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        # A page that fails has no count: the table shows its error from the server.
        counts[name] = len(queries) if response.status_code == 200 else None
    return counts


def published_roles():
    from careers.models import Role

    count = Role.objects.published().count()
    close_connections()
    return count


def close_connections():
    from django.db import connections

    connections.close_all()


def measure_page(roles, run, name, path, base, port, *, seconds, warmup):
    try:
        weight = weigh(base, path)
    except OSError as error:  # gunicorn's timeout killed the worker, or ours ran out
        return Measurement(roles, run, name, path, 0.0, None, None, errors=1, note=str(error))
    if weight.seconds > SLOW_SECONDS:
        single = weight.seconds * 1000
        rps, p50, p95, errors = 1 / weight.seconds, single, single, 0
        note = f"one request alone: {weight.seconds:.0f} s, too slow to load"
    else:
        result = load(HOST, port, path, seconds=seconds, warmup=warmup)
        rps, p50, p95, errors = result.rps, result.p50_ms, result.p95_ms, result.errors
        note = "" if p50 is not None else "no request succeeded"
    return Measurement(
        roles=roles,
        run=run,
        page=name,
        path=path,
        rps=rps,
        p50_ms=p50,
        p95_ms=p95,
        errors=errors,
        html_bytes=weight.html,
        html_gzip_bytes=weight.html_gzip,
        assets_gzip_bytes=weight.assets_gzip if name != BASELINE else None,
        cache=weight.cache,
        note=note,
    )


def measure_size(env, pages, *, seconds, warmup, log):
    """Every page (and the baseline) under load, once per server run, then its queries
    and where a miss's time goes (bench.breakdown; except the pages too slow to load), at
    the database's current size: (measurements, breakdowns)."""
    roles = published_roles()
    measurements = []
    for run, extra in SERVER_RUNS:
        port = free_port()
        server = start({**env, **extra}, port)
        base = f"http://{HOST}:{port}"
        try:
            for name, path in [(BASELINE, BASELINE_PATH), *pages.items()]:
                log(f"{roles:,} roles, {run}: {name}")
                measurements.append(
                    measure_page(roles, run, name, path, base, port, seconds=seconds, warmup=warmup)
                )
        finally:
            stop(server)
    slow = {m.page for m in measurements if m.note}
    log(
        f"{roles:,} roles: counting queries"
        + (f" (not on {', '.join(sorted(slow))})" if slow else "")
    )
    fast = {name: path for name, path in pages.items() if name not in slow}
    queries = count_queries(fast)
    log(f"{roles:,} roles: where a miss's time goes")
    breakdowns = time_misses({BASELINE: BASELINE_PATH, **fast}, roles)
    close_connections()  # before another process writes the database
    return [replace(m, queries=queries.get(m.page)) for m in measurements], breakdowns


@contextlib.contextmanager
def redis_server(log):
    """A throwaway Redis on a free port, as the cache the server's workers share (the page
    cache is on only with one); "" when redis-server is not installed, and the "from
    cache" run then measures the site without it."""
    if not shutil.which("redis-server"):
        log("redis-server not found: the page cache stays off in every run")
        yield ""
        return
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection((HOST, port), 0.2):
                break
            time.sleep(0.05)
        yield f"redis://{HOST}:{port}/0"
    finally:
        server.terminate()
        server.wait(10)


def machine():
    memory = subprocess.run(["free", "-g"], capture_output=True, text=True).stdout.split()
    total = memory[memory.index("Mem:") + 1] if "Mem:" in memory else "?"
    tool = "wrk -t1 -c8" if shutil.which("wrk") else "Python client, 8 threads"
    return (
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores, "
        f"{total} GB RAM; Python {platform.python_version()}; load: {tool}"
    )


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 s per page: a smoke test")
    parser.add_argument("--roles", type=int, default=LARGE_ROLES, help="the large size")
    parser.add_argument("--pages", help=f"comma-separated subset of: {', '.join(PAGES)}")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)
    names = args.pages.split(",") if args.pages else list(PAGES)
    unknown = set(names) - set(PAGES)
    if unknown:
        parser.error(f"unknown pages: {', '.join(sorted(unknown))}")
    args.pages = {name: PAGES[name] for name in names}
    return args


def main(argv=None):
    args = parse_args(argv)
    seconds, warmup = (1.0, 0.5) if args.quick else (SECONDS, WARMUP)
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    began = time.monotonic()

    def log(message):
        print(f"[{time.monotonic() - began:5.0f} s] {message}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory() as folder, redis_server(log) as redis_url:
        env = production_environment(
            Path(folder) / "bench.sqlite3",
            DJANGO_SETTINGS_MODULE="bench.settings",
            BENCH_STATIC_ROOT=str(Path(folder) / "static"),
            DJANGO_SITE_URL=f"http://{HOST}",
            REDIS_URL=redis_url,
        )
        log("preparing the database and static files")
        prepare(env)
        # This process counts queries on the same database, the page cache off.
        os.environ.update({**env, **PAGE_CACHE_OFF_ENV})
        import django

        django.setup()
        logging.disable(logging.INFO)  # the request log of the pages counted here
        measurements, breakdowns = measure_size(
            env, args.pages, seconds=seconds, warmup=warmup, log=log
        )
        log(f"generating {args.roles:,} demo roles")
        manage(env, "generate_demo_data", "--roles", str(args.roles))
        large, large_breakdowns = measure_size(
            env, args.pages, seconds=seconds, warmup=warmup, log=log
        )
        measurements += large
        breakdowns += large_breakdowns
    measurements = with_ratios(measurements)
    checks = evaluate(measurements)
    print(f"\n{machine()}; {seconds:g} s per page after {warmup:g} s warm-up\n")
    print(markdown_table(measurements))
    print("\nWhere a miss's time goes (in this process, page cache off):\n")
    print(breakdown_table(breakdowns))
    print()
    for check in checks:
        print(check.line())
    failed = sum(not check.passed for check in checks)
    print(
        f"\n{len(checks) - failed} of {len(checks)} targets met ({time.monotonic() - began:.0f} s)"
    )
    return 1 if args.strict and failed else 0
