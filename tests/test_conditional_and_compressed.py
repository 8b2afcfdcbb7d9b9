"""A returning visitor's browser asks whether its copy is still current and gets a 304;
pages travel compressed when the browser says it can read gzip; cached pages keep their
security headers and their log line; static files are kept by browsers for good."""

import gzip
import logging

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

from careerguide.page_cache import STATUS_HEADER
from careers.models import Role
from tests.helpers import form_data

ROLE_PAGE = "/roles/data-scientist/"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_a_repeat_visit_with_the_etag_gets_not_modified(client):
    first = client.get(ROLE_PAGE)
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert "Cookie" in first["Vary"] and "Accept-Encoding" in first["Vary"]
    again = client.get(ROLE_PAGE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    since = client.get(ROLE_PAGE, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_after_an_editors_save_the_same_etag_gets_the_new_page(client, editor_client):
    etag = client.get(ROLE_PAGE)["ETag"]
    role = Role.objects.get(slug="data-scientist")
    saved = editor_client.post(
        f"/admin/careers/role/{role.pk}/change/", form_data(role, title="Data Scientist II")
    )
    assert saved.status_code == 302
    fresh = client.get(ROLE_PAGE, HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200
    assert fresh["ETag"] != etag
    assert "Data Scientist II" in fresh.content.decode()


def test_a_page_made_for_a_signed_in_person_is_not_matched_by_the_public_etag(client, ada_client):
    etag = client.get(ROLE_PAGE)["ETag"]
    assert ada_client.get(ROLE_PAGE, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("cached", [False, True], ids=["first visit", "from the cache"])
def test_pages_are_gzipped_for_browsers_that_ask(client, cached):
    plain = client.get(ROLE_PAGE)
    assert "Content-Encoding" not in plain
    squeezed = client.get(ROLE_PAGE, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert squeezed[STATUS_HEADER] == "hit"
    assert squeezed["Content-Encoding"] == "gzip"
    assert len(squeezed.content) < len(plain.content) / 3
    assert gzip.decompress(squeezed.content) == plain.content
    assert int(squeezed["Content-Length"]) == len(squeezed.content)
    # The ETag of a compressed copy is weak, and still matches the page.
    assert squeezed["ETag"] == "W/" + plain["ETag"]
    revisit = client.get(
        ROLE_PAGE, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=squeezed["ETag"]
    )
    assert revisit.status_code == 304


def test_a_cached_page_is_compressed_once_when_stored_not_on_every_visit(client, monkeypatch):
    import django.middleware.gzip

    import careerguide.page_cache

    calls = []
    real = django.middleware.gzip.compress_string
    for module in (django.middleware.gzip, careerguide.page_cache):
        monkeypatch.setattr(
            module, "compress_string", lambda *a, **k: calls.append(1) or real(*a, **k)
        )
    first = client.get(ROLE_PAGE, HTTP_ACCEPT_ENCODING="gzip")
    assert first[STATUS_HEADER] == "miss" and first["Content-Encoding"] == "gzip"
    assert len(calls) == 1
    for _ in range(3):
        again = client.get(ROLE_PAGE, HTTP_ACCEPT_ENCODING="gzip")
        assert again[STATUS_HEADER] == "hit" and again["Content-Encoding"] == "gzip"
        assert gzip.decompress(again.content) == gzip.decompress(first.content)
    assert len(calls) == 1
    assert "Accept-Encoding" in again["Vary"]


def test_pages_for_signed_in_people_are_gzipped_too(editor_client):
    response = editor_client.get("/admin/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert b"Curate roles" in gzip.decompress(response.content)


def test_no_compression_without_accept_encoding(client):
    for _ in range(2):
        response = client.get("/roles/")
        assert "Content-Encoding" not in response
        assert b"<html" in response.content


def test_a_cached_page_has_the_same_security_headers_as_a_fresh_one(client):
    fresh, cached = client.get("/roles/"), client.get("/roles/")
    assert (fresh[STATUS_HEADER], cached[STATUS_HEADER]) == ("miss", "hit")
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
    ):
        assert cached[header] == fresh[header], header
    # Public pages use no nonce, so no cached page can carry one the header lacks.
    assert "nonce-" not in cached["Content-Security-Policy"]
    assert b"nonce=" not in cached.content


def test_the_admin_still_gets_its_nonce(editor_client):
    role = Role.objects.get(slug="data-scientist")
    response = editor_client.get(f"/admin/careers/role/{role.pk}/change/")
    policy = response["Content-Security-Policy"]
    assert "'nonce-" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"'.encode() in response.content


def test_every_cached_visit_is_logged_with_its_own_request_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="careerguide.requests"):
        responses = [client.get("/skills/") for _ in range(3)]
    assert [r[STATUS_HEADER] for r in responses] == ["miss", "hit", "hit"]
    lines = [r for r in caplog.records if r.name == "careerguide.requests"]
    assert [(line.path, line.status) for line in lines] == [("/skills/", 200)] * 3
    ids = [r["X-Request-ID"] for r in responses]
    assert len(set(ids)) == 3
    assert [line.request_id for line in lines] == ids


def test_hashed_static_files_are_kept_by_browsers_for_good(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    stylesheet = static("css/site.css")
    assert stylesheet != "/static/css/site.css"  # hashed
    browser = Client()  # loads whitenoise with the collected files
    response = browser.get(stylesheet, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]
    assert response["Content-Encoding"] == "gzip"
    response.close()
