"""Serving in production: the health check load balancers ask, one log line per request
with a request id and no secrets, gunicorn's settings, `make serve` without a secret key,
and the Docker recipe (which cannot be built here, so its files are read instead)."""

from pathlib import Path

from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

ROOT = Path(__file__).resolve().parent.parent

# --- /healthz -------------------------------------------------------------------------


def test_the_health_check_says_ok_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "no-store"
    assert client.head("/healthz").status_code == 200


def test_the_health_check_only_reads_one_row_and_writes_nothing(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/healthz").status_code == 200
    assert [query["sql"] for query in queries.captured_queries] == ["SELECT 1"]


def test_the_health_check_answers_503_when_the_database_does_not(client, monkeypatch, caplog):
    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server")

    # Undone before the test's own rollback, which needs the real cursor.
    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", unreachable)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"
    assert response["Cache-Control"] == "no-store"
    assert "could not connect to server" in caplog.text


def test_the_health_check_is_not_offered_to_crawlers(client):
    assert "Disallow: /healthz" in client.get("/robots.txt").content.decode()
    assert "/healthz" not in client.get("/sitemap.xml").content.decode()
