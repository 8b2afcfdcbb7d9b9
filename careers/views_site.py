"""Site-wide responses that are not pages of the guide: robots.txt, the load balancer's
health check and the "page not found" page. The guide's pages are in views.py."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_safe

from careers import seo

logger = logging.getLogger(__name__)

PLAIN_TEXT = "text/plain; charset=utf-8"


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Not a page: nothing for a search engine to index.
        "Disallow: /healthz",
        # Not /shortlists/: crawlers must fetch a posted link to see its noindex.
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type=PLAIN_TEXT)


@require_safe
def healthz(request):
    """For load balancers and container health checks: 200 "ok" when the database
    answers a read, 503 when it does not. Writes nothing (no session, no history)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check failed: the database did not answer")
        response = HttpResponse("database unavailable\n", content_type=PLAIN_TEXT, status=503)
    else:
        response = HttpResponse("ok\n", content_type=PLAIN_TEXT)
    # A cached "ok" would hide an outage.
    response["Cache-Control"] = "no-store"
    return response


def page_not_found(request, exception):
    meta = seo.page_meta(request, "Page not found")
    return render(request, "404.html", {"meta": meta}, status=404)
