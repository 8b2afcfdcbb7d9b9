"""Whole public pages, cached for anonymous visitors until the curated data changes.

A page is stored in the default cache under its scheme, host, path and query string
(parameters sorted by name, repeated ones kept in their order: the same keys and values
the view reads), the content version (careers.content_version) and the code version (a
digest of the site's code and templates, so a deploy never serves pages rendered by the
previous release). An editor's change moves the content version on, so the next request
renders afresh; old entries are never read again and expire after PAGE_CACHE_SECONDS.

Only a GET or HEAD from a visitor without a session or messages cookie is served from
the cache, and only a GET's 200 response that sets no cookie, says nothing private, shows
no message and uses no CSP nonce is stored. The admin, shortlist pages and /healthz are
never cached.

Why not Django's UpdateCacheMiddleware/FetchFromCacheMiddleware: they give browsers the
server's timeout as max-age (an hour-old page after an edit), store nothing at max-age=0,
key anonymous pages on the whole Cookie header and never sort a query string; and their
key prefix is fixed at start-up, where ours must follow the content version. The pieces
of django.utils.cache they are built from are used here instead.
"""

import functools
import hashlib
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import (
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
    split_header_value,
)
from django.utils.http import http_date
from django.utils.text import compress_string

from careers import content_version

# The admin and an advisor's lists are for signed-in people; a shortlist's address is a
# secret, and withdrawing it must take effect at once; /healthz must answer itself.
NEVER_CACHED_PATHS = ("/admin/", "/shortlists/", "/my-shortlists/", "/healthz")
# Browsers and proxies may keep a page but ask each time whether it is still current: an
# ETag makes that a 304 of a few bytes, and an editor's change is seen at once.
BROWSER_CACHE_CONTROL = {"public": True, "max_age": 0, "must_revalidate": True}
# The key already covers these; a page that varies on anything else is not stored.
VARY_COVERED = {"cookie", "accept-encoding"}
NOT_SHAREABLE = {"private", "no-store", "no-cache"}
# Says whether the page came from the cache, for people reading the headers.
STATUS_HEADER = "X-Page-Cache"

# The code and templates a page is rendered from, and the static files' manifest.
CODE_FOLDERS = ("careers", "careerguide", "templates")
CODE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".json", ".md"}


@functools.cache
def code_version():
    """A digest of the code and templates this process renders pages with (and of the
    hashed static file names), read once: a new release caches under new keys."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    # STATIC_ROOT may be set as a string, as Django allows.
    files = [Path(settings.STATIC_ROOT) / "staticfiles.json"]
    for folder in CODE_FOLDERS:
        files += sorted(p for p in (base / folder).rglob("*") if p.suffix in CODE_SUFFIXES)
    for path in files:
        if path.is_file():
            # By name within the project; the static manifest may live anywhere.
            name = path.relative_to(base) if path.is_relative_to(base) else path.name
            digest.update(str(name).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def normalised_query(request):
    """The query string as the view reads it: parameters sorted by name, a repeated one's
    values in the order given, empty values kept."""
    return urlencode(sorted(request.GET.lists()), doseq=True)


def page_key(request, version):
    """The cache key of this request's page at content version `version`."""
    parts = (
        code_version(),
        str(version),
        request.scheme,
        request.get_host(),
        request.path,
        normalised_query(request),
    )
    return "careerguide:page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def may_serve_from_cache(request):
    """An anonymous GET or HEAD of a public page. Without a session cookie nobody is
    signed in; a messages cookie holds a message the page must show to this visitor."""
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(NEVER_CACHED_PATHS)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def may_store(request, response):
    """True when `response` is the same for every anonymous visitor: a whole 200 page
    that sets no cookie (session, CSRF, messages), says nothing private, varies on
    nothing the key does not cover, showed no message and used no CSP nonce (the header
    of a later request would carry another)."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    cache_control = {
        directive.split("=")[0].strip().lower()
        for directive in split_header_value(response.get("Cache-Control", ""))
    }
    if cache_control & NOT_SHAREABLE:
        return False
    vary = {header.lower() for header in split_header_value(response.get("Vary", ""))}
    if vary - VARY_COVERED:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and (messages.used or messages.added_new):
        return False
    return not getattr(request, "_csp_nonce", None)


def prepare_for_cache(response):
    """Headers every stored page keeps: the browser's Cache-Control (unless the view set
    its own), Vary, an ETag of the body and when it was rendered."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, **BROWSER_CACHE_CONTROL)
    patch_vary_headers(response, ("Cookie", "Accept-Encoding"))
    if not response.has_header("ETag"):
        set_response_etag(response)
    if not response.has_header("Last-Modified"):
        response.headers["Last-Modified"] = http_date()


class PageCacheMiddleware:
    """Serves and stores anonymous visitors' pages (see the module's docstring). Placed
    above SessionMiddleware and the others that set cookies, so it sees every cookie
    they add before deciding to store a page."""

    def __init__(self, get_response):
        self.get_response = get_response
        code_version()  # read the code once, at start-up, not on a visitor's request

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not may_serve_from_cache(request):
            return self.get_response(request)
        # Read before rendering: a change during the render leaves this page under the
        # old version, where no later request looks.
        key = page_key(request, content_version.current())
        stored = cache.get(key)
        if stored is not None:
            response, compressed = stored
            if compressed is not None and accepts_gzip(request):
                serve_compressed(response, compressed)
            response.headers[STATUS_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if may_store(request, response):
            prepare_for_cache(response)
            compressed = compress(response)
            cache.set(key, (response, compressed), seconds)
            if compressed is not None and accepts_gzip(request):
                serve_compressed(response, compressed)  # this visitor's copy too, once
            response.headers[STATUS_HEADER] = "miss"
        return response


# Compressed once, when a page is stored: GZipMiddleware (above) would otherwise gzip a
# 100 KB page again on every hit, which halved a cached role page's throughput. It
# leaves a response that already has a Content-Encoding alone.


def accepts_gzip(request):
    return bool(re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")))


def compress(response):
    """The page's body gzipped as GZipMiddleware would (with its random padding), or
    None when it would leave it as it is (a body under 200 bytes)."""
    if len(response.content) < 200:
        return None
    return compress_string(response.content, max_random_bytes=GZipMiddleware.max_random_bytes)


def serve_compressed(response, compressed):
    """`response` with the compressed body and the headers GZipMiddleware would give it:
    the length, the encoding and a weak ETag (the same page, another representation)."""
    response.content = compressed
    response.headers["Content-Length"] = str(len(compressed))
    response.headers["Content-Encoding"] = "gzip"
    etag = response.get("ETag", "")
    if etag.startswith('"'):
        response.headers["ETag"] = "W/" + etag
