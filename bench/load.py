"""Load generators: wrk when it is on PATH, otherwise a small Python client (threads, each
with its own keep-alive connection). Both return a Load: throughput and latency."""

import http.client
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

CONCURRENCY = 8


@dataclass(frozen=True)
class Load:
    requests: int
    errors: int  # responses other than 200, and failed connections
    seconds: float
    p50_ms: float | None  # None when no request succeeded
    p95_ms: float | None
    tool: str

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0


def percentile(values, fraction):
    """The nearest-rank percentile of `values` (None when there are none)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def load(host, port, path, *, seconds, warmup=1.0, concurrency=CONCURRENCY):
    """`concurrency` clients asking for `path` as fast as answered, for `seconds` after
    `warmup` seconds whose requests are not counted."""
    if shutil.which("wrk"):
        if warmup:
            run_wrk(host, port, path, seconds=warmup, concurrency=concurrency)
        return run_wrk(host, port, path, seconds=seconds, concurrency=concurrency)
    return run_threads(host, port, path, seconds=seconds, warmup=warmup, concurrency=concurrency)


def run_threads(host, port, path, *, seconds, warmup=1.0, concurrency=CONCURRENCY):
    """Requests that finish within the measured window count, whenever they began (a page
    slower than the window still gets a figure); no request starts after it."""
    start = time.monotonic()
    measure_from = start + warmup
    until = measure_from + seconds
    results = [[] for _ in range(concurrency)]  # per client: (finished, ms or None = error)

    def client(finished):
        connection = http.client.HTTPConnection(host, port, timeout=120)
        while (began := time.monotonic()) < until:
            try:
                connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=120)
                ok = False
            now = time.monotonic()
            if now >= measure_from:
                finished.append((now, (now - began) * 1000 if ok else None))
        connection.close()

    threads = [threading.Thread(target=client, args=(r,), daemon=True) for r in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done = [item for finished in results for item in finished]
    times = [ms for _, ms in done if ms is not None]
    elapsed = max([until, *(at for at, _ in done)]) - measure_from
    return Load(
        requests=len(times),
        errors=len(done) - len(times),
        seconds=elapsed,
        p50_ms=percentile(times, 0.50),
        p95_ms=percentile(times, 0.95),
        tool="python",
    )


# wrk's --latency table stops at p99 without p95; a Lua `done` hook prints both.
WRK_SCRIPT = """
wrk.headers["Accept-Encoding"] = "gzip"
done = function(summary, latency, requests)
  io.write(string.format("bench: %d %d %d %f %f\\n", summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout,
    summary.duration, latency:percentile(50), latency:percentile(95)))
end
"""


def run_wrk(host, port, path, *, seconds, concurrency=CONCURRENCY):
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "bench.lua"
        script.write_text(WRK_SCRIPT)
        duration = f"-d{max(1, round(seconds))}s"
        url = f"http://{host}:{port}{path}"
        output = subprocess.run(
            ["wrk", "-t1", f"-c{concurrency}", duration, "-s", str(script), url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return parse_wrk(output)


def parse_wrk(output):
    match = re.search(r"^bench: (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+)$", output, re.M)
    if not match:
        raise RuntimeError(f"could not read wrk's output:\n{output}")
    requests, errors, micros, p50, p95 = match.groups()
    return Load(
        requests=int(requests) - int(errors),
        errors=int(errors),
        seconds=int(micros) / 1e6,
        p50_ms=float(p50) / 1000,
        p95_ms=float(p95) / 1000,
        tool="wrk",
    )
