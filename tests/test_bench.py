"""`make bench`'s own parts, without gunicorn and without timing anything: the load
client against a small local server, the table and the targets' verdicts, the page
weighing helpers and the baseline page (bench/, docs/performance.md)."""

import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.urls import clear_url_caches

from bench import BASELINE_PATH
from bench.breakdown import MissBreakdown, breakdown_table, time_misses
from bench.load import parse_wrk, percentile, run_threads
from bench.report import BASELINE, MISS, SERVED, Measurement, evaluate, markdown_table, with_ratios
from bench.run import PAGE_CACHE_OFF_ENV, PAGES, asset_urls, cache_status, count_queries, parse_args


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


@pytest.fixture
def hello_server():
    def app(environ, start_response):
        status = "200 OK" if environ["PATH_INFO"] == "/" else "404 Not Found"
        start_response(status, [("Content-Type", "text/plain"), ("Content-Length", "5")])
        return [b"hello"]

    server = make_server(
        "127.0.0.1", 0, app, server_class=ThreadingWSGIServer, handler_class=QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_the_python_client_counts_answers_and_their_latency(hello_server):
    load = run_threads("127.0.0.1", hello_server, "/", seconds=0.5, warmup=0.2, concurrency=4)
    assert load.requests > 0
    assert load.errors == 0
    assert load.rps > 0
    assert 0 < load.p50_ms <= load.p95_ms
    assert load.tool == "python"


def test_the_python_client_counts_a_missing_page_as_errors(hello_server):
    load = run_threads("127.0.0.1", hello_server, "/gone", seconds=0.3, warmup=0, concurrency=2)
    assert load.requests == 0
    assert load.errors > 0
    assert load.p50_ms is None


def test_percentiles_are_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 0.50) == 50
    assert percentile(values, 0.95) == 95
    assert percentile([7], 0.95) == 7
    assert percentile([], 0.5) is None


def test_wrks_summary_line_is_read():
    load = parse_wrk(
        "Running 5s test\n  1 threads and 8 connections\nbench: 1000 10 5000000 4200.5 9100.0\n"
    )
    assert (load.requests, load.errors, load.seconds) == (990, 10, 5.0)
    assert (load.p50_ms, load.p95_ms) == (4.2005, 9.1)


def measured(page, roles=16, run=SERVED, rps=100.0, p50=10.0, **fields):
    return Measurement(roles, run, page, "/", rps, p50, p50 and p50 * 2, **fields)


def verdicts(measurements):
    return {check.target: check.passed for check in evaluate(with_ratios(measurements))}


def test_throughput_targets_are_ratios_to_the_baseline_of_the_same_size():
    results = verdicts(
        [
            measured(BASELINE, rps=1000),
            measured("home", rps=700),  # 70%: from cache and on a miss
            measured("directory", rps=100),  # 10%: neither
            measured("paths", rps=1),  # no throughput target
        ]
    )
    assert results["home ≥ 60% of baseline req/s from cache (16 roles)"]
    assert results["home ≥ 15% of baseline req/s on a miss (16 roles)"]
    assert not results["directory ≥ 60% of baseline req/s from cache (16 roles)"]
    assert not results["directory ≥ 15% of baseline req/s on a miss (16 roles)"]
    assert not any("paths ≥" in target for target in results)


def test_the_miss_target_reads_the_run_with_the_page_cache_off_when_there_is_one():
    results = verdicts(
        [
            measured(BASELINE, rps=1000),
            measured("role", rps=900),
            measured(BASELINE, run=MISS, rps=1000),
            measured("role", run=MISS, rps=100),
        ]
    )
    assert results["role ≥ 60% of baseline req/s from cache (16 roles)"]
    assert not results["role ≥ 15% of baseline req/s on a miss (16 roles)"]


def test_latency_at_the_large_size_is_compared_with_the_seeds():
    results = verdicts(
        [
            measured("home", p50=10.0),
            measured("home", roles=10_016, p50=15.0),
            measured("paths", p50=10.0),
            measured("paths", roles=10_016, p50=15.1),
            measured("compare", p50=10.0),
            measured("compare", roles=10_016, p50=None, note="timed out"),
        ]
    )
    assert results["home p50 at 10,016 roles ≤ 1.5× at 16"]
    assert not results["paths p50 at 10,016 roles ≤ 1.5× at 16"]
    assert not results["compare p50 at 10,016 roles ≤ 1.5× at 16"]


def test_queries_and_compressed_weight_have_ceilings():
    results = verdicts(
        [
            measured("home", queries=8, html_gzip_bytes=10_000, assets_gzip_bytes=20_720),
            measured("role", queries=9, html_gzip_bytes=10_000, assets_gzip_bytes=20_721),
            measured("paths", queries=3, html_gzip_bytes=90_000, assets_gzip_bytes=20_000),
        ]
    )
    assert results["home ≤ 8 SQL queries (16 roles)"]
    assert results["home HTML+CSS+JS gzip ≤ 30.0 KB (16 roles)"]
    assert not results["role ≤ 8 SQL queries (16 roles)"]
    assert not results["role HTML+CSS+JS gzip ≤ 30.0 KB (16 roles)"]
    assert not any(target.startswith("paths HTML") for target in results)


def test_the_table_has_a_row_per_page_and_size_with_its_ratio():
    table = markdown_table(
        with_ratios(
            [
                measured(BASELINE, rps=2000),
                measured("directory", rps=500, queries=6, html_bytes=40_960),
                measured("directory", roles=10_016, rps=0.0, p50=None, note="timed out"),
            ]
        )
    )
    lines = table.splitlines()
    assert lines[0].startswith("| Roles | Run | Page | Req/s | × baseline |")
    assert "| 16 | served | directory | 500 | 25% |" in table
    assert "| 40.0 |" in lines[3]  # HTML KB
    assert "| 10,016 | served | directory | 0 | – | – | – |" in lines[4]
    assert lines[4].endswith("| timed out |")


def test_a_pages_local_stylesheets_and_scripts_are_weighed_once_each():
    html = (
        '<link rel="stylesheet" href="/static/site.abc.css">'
        '<link rel="preload" href="/static/font.woff2">'
        '<link rel="stylesheet" href="https://cdn.example/x.css">'
        '<script src="/static/app.js"></script><script src="/static/app.js"></script>'
        "<script>1</script>"
    )
    assert asset_urls(html) == ["/static/site.abc.css", "/static/app.js"]


def test_a_response_says_whether_the_page_cache_answered():
    assert cache_status({"X-Cache": "HIT"}) == "hit"
    assert cache_status({"Age": "12"}) == "hit (Age)"
    assert cache_status({}) == ""


def test_options_choose_pages():
    assert list(parse_args(["--pages", "home,role"]).pages) == ["home", "role"]
    assert list(parse_args([]).pages) == list(PAGES)
    with pytest.raises(SystemExit):
        parse_args(["--pages", "nowhere"])


def test_the_miss_run_turns_off_the_switch_the_settings_read(monkeypatch):
    # The bench's second server run must really render every page: its environment
    # gives the settings a page cache of 0 seconds, even with a Redis to share.
    import importlib

    from bench.report import MISS
    from bench.run import SERVER_RUNS

    assert dict(SERVER_RUNS)[MISS] == PAGE_CACHE_OFF_ENV
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    for name, value in PAGE_CACHE_OFF_ENV.items():
        monkeypatch.setenv(name, value)
    from careerguide import settings as project_settings

    try:
        assert importlib.reload(project_settings).PAGE_CACHE_SECONDS == 0
    finally:
        monkeypatch.undo()
        importlib.reload(project_settings)


def test_the_baseline_page_is_served_beside_the_site(client, settings):
    settings.ROOT_URLCONF = "bench.urls"
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [*settings.TEMPLATES[0]["DIRS"], settings.BASE_DIR / "bench" / "templates"],
        }
    ]
    clear_url_caches()
    try:
        response = client.get(BASELINE_PATH)
        assert response.status_code == 200
        assert b"<h1>Baseline</h1>" in response.content
        assert client.get("/roles/").status_code == 200
    finally:
        clear_url_caches()


def test_every_page_the_bench_loads_is_counted_in_queries():
    counts = count_queries(PAGES)
    assert set(counts) == set(PAGES)
    assert all(count > 0 for count in counts.values())


def test_a_misses_time_is_split_into_templates_sql_and_the_rest():
    (credentials, role) = time_misses(
        {"credentials": "/credentials/", "role": "/roles/data-scientist/"}, roles=16, repeats=2
    )
    assert (credentials.page, role.page) == ("credentials", "role")
    for page in (credentials, role):
        assert 0 < page.templates_ms < page.request_ms
        assert page.templates_ms + page.sql_ms + page.rest_ms == pytest.approx(page.request_ms)
    assert role.sql_ms > 0  # its BLS figures are read for each request
    assert credentials.sql_ms == 0  # its counts are kept per content version


def test_a_page_that_fails_is_left_out_of_the_breakdown():
    assert time_misses({"nowhere": "/roles/no-such-role/"}, roles=16, repeats=1) == []


def test_the_breakdown_table_sets_each_page_against_the_baseline_of_its_size():
    table = breakdown_table(
        [
            MissBreakdown(16, BASELINE, 0.5, 0.1, 0.0),
            MissBreakdown(16, "home", 25.0, 18.0, 1.0),
            MissBreakdown(10_016, BASELINE, 0.8, 0.2, 0.0),
            MissBreakdown(10_016, "home", 32.0, 20.0, 2.0),
        ]
    ).splitlines()
    assert table[0].startswith("| Roles | Page | Request ms | Templates ms | SQL ms | Rest ms |")
    assert table[3] == "| 16 | home | 25.0 | 18.0 | 1.0 | 6.0 | 50× |"
    assert table[5] == "| 10,016 | home | 32.0 | 20.0 | 2.0 | 10.0 | 40× |"
