"""`make bench`: the pages' speed, queries and sizes, against a minimal Django view served
the same way in the same run (docs/performance.md). Never imported by the site."""

# The baseline page (bench.urls), only mounted by the bench's settings.
BASELINE_PATH = "/_bench/baseline/"
