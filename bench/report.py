"""The benchmark's table and its targets (issue 18), as pure functions of the measurements
so they can be tested without a server."""

from dataclasses import dataclass

BASELINE = "baseline"
# Pages whose throughput has targets, and pages whose weight has one.
THROUGHPUT_PAGES = ("home", "directory", "role", "match")
WEIGHT_PAGES = ("home", "directory", "role")
CACHED_RATIO = 0.60  # of the baseline's requests/s, served from the page cache
MISS_RATIO = 0.15  # ... on a cache miss
LATENCY_GROWTH = 1.5  # p50 at the large size over p50 at the seed's size
MAX_QUERIES = 8
MAX_WEIGHT_BYTES = 30 * 1024  # gzip-compressed HTML + its CSS and JS

# Server runs: the site as configured ("served": the page cache on, once there is one) and
# with the page cache turned off ("miss"), named by bench.run.SERVER_RUNS.
SERVED = "served"
MISS = "miss"


@dataclass(frozen=True)
class Measurement:
    roles: int
    run: str
    page: str
    path: str
    rps: float
    p50_ms: float | None  # None: the page did not answer (gunicorn's 30 s timeout)
    p95_ms: float | None
    errors: int = 0
    ratio: float | None = None  # to the baseline's rps in the same server run
    queries: int | None = None
    html_bytes: int | None = None
    html_gzip_bytes: int | None = None
    assets_gzip_bytes: int | None = None  # the page's linked CSS and JS, gzip-compressed
    cache: str = ""  # what the response said about the page cache ("hit", "miss"), if it did
    note: str = ""  # why a figure is missing or rests on one request

    @property
    def weight_bytes(self):
        """Compressed HTML plus compressed CSS and JS: what a first visit downloads."""
        if self.html_gzip_bytes is None or self.assets_gzip_bytes is None:
            return None
        return self.html_gzip_bytes + self.assets_gzip_bytes


def with_ratios(measurements):
    """The measurements with each one's ratio to the baseline of its size and run."""
    baselines = {(m.roles, m.run): m.rps for m in measurements if m.page == BASELINE}
    result = []
    for m in measurements:
        base = baselines.get((m.roles, m.run))
        ratio = m.rps / base if base else None
        result.append(Measurement(**{**m.__dict__, "ratio": ratio}))
    return result


def ms(value):
    return "–" if value is None else f"{value:,.1f}"


def kb(size):
    return "–" if size is None else f"{size / 1024:.1f}"


def markdown_table(measurements):
    header = [
        "Roles", "Run", "Page", "Req/s", "× baseline", "p50 ms", "p95 ms", "Errors",
        "SQL", "HTML KB", "gzip KB", "+CSS/JS gzip KB", "Notes",
    ]  # fmt: skip
    rows = [
        [
            f"{m.roles:,}",
            m.run,
            m.page,
            f"{m.rps:,.0f}",
            "–" if m.ratio is None else f"{m.ratio:.0%}",
            ms(m.p50_ms),
            ms(m.p95_ms),
            str(m.errors),
            "–" if m.queries is None else str(m.queries),
            kb(m.html_bytes),
            kb(m.html_gzip_bytes),
            kb(m.weight_bytes),
            "; ".join(filter(None, [m.cache and f"cache: {m.cache}", m.note])) or "–",
        ]
        for m in measurements
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


@dataclass(frozen=True)
class Check:
    target: str
    passed: bool
    detail: str

    def line(self):
        return f"{'PASS' if self.passed else 'FAIL'}  {self.target}: {self.detail}"


def _find(measurements, roles, run, page):
    return next((m for m in measurements if (m.roles, m.run, m.page) == (roles, run, page)), None)


def evaluate(measurements):
    """The issue's targets, one Check each per size (and per page where it says so)."""
    checks = []
    sizes = sorted({m.roles for m in measurements})
    runs = {m.run for m in measurements}
    # Until the miss run exists, the site as served is the miss: nothing is cached yet.
    miss_run = MISS if MISS in runs else SERVED
    for roles in sizes:
        for run, ratio, label in (
            (SERVED, CACHED_RATIO, "from cache"),
            (miss_run, MISS_RATIO, "on a miss"),
        ):
            for page in THROUGHPUT_PAGES:
                m = _find(measurements, roles, run, page)
                if m is None or m.ratio is None:
                    continue
                checks.append(
                    Check(
                        f"{page} ≥ {ratio:.0%} of baseline req/s {label} ({roles:,} roles)",
                        m.ratio >= ratio,
                        f"{m.ratio:.1%} ({run} run)",
                    )
                )
    small, large = (sizes[0], sizes[-1]) if sizes else (None, None)
    if small != large:
        for m in measurements:
            if (m.roles, m.run) != (large, SERVED) or m.page == BASELINE:
                continue
            before = _find(measurements, small, SERVED, m.page)
            if before is None or not before.p50_ms:
                continue
            target = f"{m.page} p50 at {large:,} roles ≤ {LATENCY_GROWTH}× at {small:,}"
            if m.p50_ms is None:
                checks.append(Check(target, False, f"no answer at {large:,} roles ({m.note})"))
                continue
            growth = m.p50_ms / before.p50_ms
            checks.append(
                Check(
                    target,
                    growth <= LATENCY_GROWTH,
                    f"{ms(before.p50_ms)} → {ms(m.p50_ms)} ms ({growth:.2f}×)",
                )
            )
    for m in measurements:
        if m.run != SERVED or m.page == BASELINE:
            continue
        if m.queries is not None:
            checks.append(
                Check(
                    f"{m.page} ≤ {MAX_QUERIES} SQL queries ({m.roles:,} roles)",
                    m.queries <= MAX_QUERIES,
                    str(m.queries),
                )
            )
        if m.page in WEIGHT_PAGES and m.weight_bytes is not None:
            checks.append(
                Check(
                    f"{m.page} HTML+CSS+JS gzip ≤ {kb(MAX_WEIGHT_BYTES)} KB ({m.roles:,} roles)",
                    m.weight_bytes <= MAX_WEIGHT_BYTES,
                    f"{kb(m.weight_bytes)} KB",
                )
            )
    return checks
