"""The site's own settings plus the baseline page, for the benchmark's server only.

Same middleware, templates, database and production switches as careerguide.settings;
only the root URLs differ (bench.urls adds the baseline) and the static files are
collected into a throwaway folder (BENCH_STATIC_ROOT) instead of the repository's.
"""

import os

from careerguide.settings import *  # noqa: F403
from careerguide.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
