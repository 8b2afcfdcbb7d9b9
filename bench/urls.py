"""The site's URLs plus the baseline: a minimal view rendering a small template, served
by the same gunicorn and middleware, as the yardstick for every page's throughput."""

from django.shortcuts import render
from django.urls import path

from bench import BASELINE_PATH
from careerguide.urls import handler404
from careerguide.urls import urlpatterns as site_urlpatterns


def baseline(request):
    return render(request, "bench/baseline.html", {"title": "Baseline", "items": range(5)})


urlpatterns = [path(BASELINE_PATH.strip("/") + "/", baseline), *site_urlpatterns]
__all__ = ["handler404", "urlpatterns"]
