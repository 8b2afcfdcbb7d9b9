"""Lighthouse (mobile) scores for the home page, the directory and a role page, measured
against the site served as production serves it. Run by `make lighthouse`:

    .venv/bin/python scripts/lighthouse.py

It seeds a throwaway SQLite database the way `make run` does, collects the static files,
starts gunicorn with DEBUG off and a throwaway secret key on a free local port, runs
Lighthouse from tools/lighthouse/ with Debian's Chromium on each page, prints the four
category scores and the cumulative layout shift, and writes each page's JSON and HTML
report to test-artifacts/lighthouse/. The server is stopped however the script ends.
The exit status is non-zero if any score is below 100 or any layout shifts."""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from production_server import (
    ROOT,
    free_port,
    prepare,
    production_environment,
    start,
    stop,
    stop_on_sigterm,
)

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "test-artifacts" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

PAGES = [
    ("home", "/"),
    ("directory", "/roles/"),
    ("role", "/roles/data-scientist/"),
]
CATEGORIES = [
    ("performance", "Performance"),
    ("accessibility", "Accessibility"),
    ("best-practices", "Best practices"),
    ("seo", "SEO"),
]


def audit(url, name):
    """Run Lighthouse (its default: a mobile device, throttled) on one page."""
    output = REPORTS / name
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox",
            "--output=json",
            "--output=html",
            f"--output-path={output}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
    )
    return json.loads(output.with_suffix(".report.json").read_text())


def failing_audits(report):
    """Audits that cost a category points: (category, audit id, title, what it found)."""
    failures = []
    for key, _ in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] and result["score"] is not None and result["score"] < 1:
                value = result.get("displayValue") or ""
                failures.append((key, ref["id"], result["title"], value))
    return failures


def main():
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `make lighthouse`, which installs it.")
    if not Path(CHROMIUM).exists():
        raise SystemExit("Chromium not found: apt-get install -y chromium")
    REPORTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        env = production_environment(Path(folder) / "lighthouse.sqlite3")
        prepare(env)
        port = free_port()
        server = start(env, port)
        try:
            base = f"http://127.0.0.1:{port}/"
            reports = {name: audit(base + path.lstrip("/"), name) for name, path in PAGES}
        finally:
            stop(server)

    header = ["Page", *(title for _, title in CATEGORIES), "CLS"]
    rows = []
    below = []
    for name, path in PAGES:
        report = reports[name]
        scores = [round(report["categories"][key]["score"] * 100) for key, _ in CATEGORIES]
        cls = report["audits"]["cumulative-layout-shift"]["numericValue"]
        rows.append([f"{name} ({path})", *map(str, scores), f"{cls:.3f}"])
        if min(scores) < 100 or cls > 0:
            below.append((name, failing_audits(report)))
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * width for width in widths], *rows]:
        print(" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    version = next(iter(reports.values()))["lighthouseVersion"]
    print(f"\nLighthouse {version}, mobile; reports in {REPORTS.relative_to(ROOT)}/")
    for name, failures in below:
        print(f"\n{name}: audits that cost points")
        for category, audit_id, title, value in failures:
            print(f"  {category}: {audit_id}: {title} {value}".rstrip())
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
