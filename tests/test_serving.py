"""Serving in production: the health check load balancers ask, one log line per request
with a request id and no secrets, gunicorn's settings, `make serve` without a secret key,
and the Docker recipe (which cannot be built here, so its files are read instead)."""

import logging
import os
import re
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from careerguide.request_log import KeyValueFormatter, RequestIdFilter
from tests.helpers import PASSWORD

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


# --- The request log ------------------------------------------------------------------


def request_lines(caplog):
    return [record for record in caplog.records if record.name == "careerguide.requests"]


def formatted(record):
    RequestIdFilter().filter(record)
    return KeyValueFormatter().format(record)


def test_each_request_logs_one_line_with_its_id_method_path_status_and_duration(client, caplog):
    caplog.set_level(logging.INFO, logger="careerguide.requests")
    response = client.get("/roles/", {"q": "data"})
    [record] = request_lines(caplog)
    assert (record.method, record.path, record.status) == ("GET", "/roles/", 200)
    assert record.duration_ms >= 0
    assert re.fullmatch(r"[0-9a-f]{32}", record.request_id)
    assert response["X-Request-ID"] == record.request_id
    line = formatted(record)
    assert line.startswith("time=") and "level=INFO logger=careerguide.requests" in line
    assert f"request_id={record.request_id} method=GET path=/roles/ status=200 " in line


def test_a_proxys_sane_request_id_is_kept(client, caplog):
    caplog.set_level(logging.INFO, logger="careerguide.requests")
    incoming = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b"
    response = client.get("/", headers={"X-Request-ID": incoming})
    assert response["X-Request-ID"] == incoming
    assert request_lines(caplog)[0].request_id == incoming


@pytest.mark.parametrize(
    "incoming",
    ["a" * 129, "id with spaces", 'x"; level=CRITICAL', "line\nbreak", "<script>", ""],
)
def test_an_odd_or_overlong_request_id_is_replaced(client, caplog, incoming):
    caplog.set_level(logging.INFO, logger="careerguide.requests")
    response = client.get("/", headers={"X-Request-ID": incoming})
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert request_lines(caplog)[0].request_id == response["X-Request-ID"]


def test_no_cookie_password_token_or_query_string_reaches_the_log(client, editor, caplog):
    caplog.set_level(logging.DEBUG)
    client.cookies["sessionid"] = "cookie-secret-123"
    client.post(
        "/admin/login/?next=/admin/&token=query-secret-456",
        {"username": editor.username, "password": PASSWORD},
        headers={"Authorization": "Bearer header-secret-789"},
    )
    [record] = request_lines(caplog)
    assert (record.method, record.path, record.status) == ("POST", "/admin/login/", 302)
    logged = "\n".join(formatted(record) for record in caplog.records)
    for secret in ("cookie-secret-123", "query-secret-456", "header-secret-789", PASSWORD):
        assert secret not in logged
    assert "token=" not in logged and "next=" not in logged


def test_a_successful_health_check_is_not_logged_at_info(client, caplog):
    caplog.set_level(logging.INFO, logger="careerguide.requests")
    client.get("/healthz")
    assert request_lines(caplog) == []


def test_an_error_is_logged_with_its_traceback_and_the_request_id(client, caplog, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the guide broke")

    monkeypatch.setattr("careers.views.render", broken)
    client.raise_request_exception = False
    response = client.get("/guide/", headers={"X-Request-ID": "req-42"})
    assert response.status_code == 500
    error = next(record for record in caplog.records if record.name == "django.request")
    line = formatted(error)
    assert "request_id=req-42" in line and "level=ERROR" in line
    assert "Traceback (most recent call last)" in line and "RuntimeError: the guide broke" in line
    assert request_lines(caplog)[0].status == 500


def test_log_values_that_could_be_misread_are_quoted_on_one_line():
    record = logging.makeLogRecord(
        {"name": "x", "levelname": "INFO", "msg": "evil\nlevel=CRITICAL", "path": "/a b"}
    )
    line = formatted(record)
    assert "\n" not in line
    assert 'path="/a b"' in line and 'msg="evil\\nlevel=CRITICAL"' in line


# --- gunicorn ---------------------------------------------------------------------------


def gunicorn_settings(monkeypatch, **env):
    for name in ("WEB_CONCURRENCY", "HOST", "PORT", "FORWARDED_ALLOW_IPS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_defaults_to_local_only_with_workers_from_the_cores(monkeypatch):
    settings = gunicorn_settings(monkeypatch)
    assert settings["bind"] == "127.0.0.1:8000"
    assert settings["workers"] == 2 * len(os.sched_getaffinity(0)) + 1
    assert settings["wsgi_app"] == "careerguide.wsgi:application"
    assert (settings["timeout"], settings["graceful_timeout"]) == (30, 30)
    assert settings["forwarded_allow_ips"] == "127.0.0.1,::1"


def test_gunicorn_is_set_by_the_environment(monkeypatch):
    settings = gunicorn_settings(
        monkeypatch, WEB_CONCURRENCY="3", HOST="0.0.0.0", PORT="9000", FORWARDED_ALLOW_IPS="*"
    )
    assert (settings["workers"], settings["bind"]) == (3, "0.0.0.0:9000")
    assert settings["forwarded_allow_ips"] == "*"


# Production needs both; each missing one stops the start before anything runs.
REQUIRED_SETTINGS = [
    pytest.param("DJANGO_SECRET_KEY", {}, id="secret key"),
    pytest.param("DJANGO_SITE_URL", {"DJANGO_SECRET_KEY": "x" * 50}, id="site address"),
]


def environment_without(missing, given):
    return {**{k: v for k, v in os.environ.items() if k != missing}, **given}


@pytest.mark.parametrize("missing, given", REQUIRED_SETTINGS)
def test_make_serve_refuses_to_start_without_a_required_setting(missing, given):
    # -o install: check the settings without installing anything.
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", "install", "serve"],
        cwd=ROOT,
        env=environment_without(missing, given),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stdout
    assert "migrate" not in result.stdout


# --- Docker -----------------------------------------------------------------------------


def recipe_of(target):
    """The commands of a Makefile target."""
    makefile = (ROOT / "Makefile").read_text()
    block = re.search(rf"^{target}: [^\n]*install\n((?:\t[^\n]*\n)+)", makefile, re.M)
    return block.group(1)


def test_compose_runs_the_site_with_postgresql_and_redis_and_checks_their_health():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"web", "db", "redis"}
    assert services["db"]["image"].startswith("postgres:15")
    assert services["redis"]["image"].startswith("redis:7")
    web = services["web"]
    assert {"DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY"} <= set(web["environment"])
    # Required, like the key: compose refuses to start without the public address.
    assert ":?" in web["environment"]["DJANGO_SITE_URL"]
    assert "@db:5432/" in web["environment"]["DATABASE_URL"]
    assert web["environment"]["REDIS_URL"].startswith("redis://redis:6379")
    assert {name: c["condition"] for name, c in web["depends_on"].items()} == {
        "db": "service_healthy",
        "redis": "service_healthy",
    }
    assert "/healthz" in " ".join(web["healthcheck"]["test"])
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert "redis-cli ping" in " ".join(services["redis"]["healthcheck"]["test"])
    # Every named volume a service mounts is declared.
    mounted = {
        volume.split(":")[0]
        for service in services.values()
        for volume in service.get("volumes", [])
        if not volume.startswith((".", "/"))
    }
    assert mounted and mounted <= set(compose["volumes"])


def test_the_image_runs_the_same_commands_as_make_serve():
    dockerfile = (ROOT / "Dockerfile").read_text()
    entrypoint = (ROOT / "docker-entrypoint.sh").read_text()
    serve = recipe_of("serve")
    assert dockerfile.startswith("FROM python:3.13-slim")
    assert re.search(r"^USER (?!root)\S+", dockerfile, re.M), "the site must not run as root"
    assert "pip install --no-cache-dir --editable ." in dockerfile
    assert "manage.py collectstatic --noinput" in dockerfile and "collectstatic" in serve
    for command in (
        "manage.py migrate --noinput",
        "manage.py load_seed",
        "manage.py build_preview_images",
    ):
        assert command in serve and command in entrypoint
    # The roles' preview images are written where the unprivileged user may write.
    assert "DJANGO_MEDIA_ROOT=/data/media" in dockerfile
    assert "gunicorn --config gunicorn.conf.py" in serve
    assert 'CMD ["gunicorn", "--config", "gunicorn.conf.py"]' in dockerfile


@pytest.mark.parametrize("missing, given", REQUIRED_SETTINGS)
def test_the_image_refuses_to_start_without_a_required_setting(missing, given):
    result = subprocess.run(
        ["sh", str(ROOT / "docker-entrypoint.sh"), "echo", "started"],
        env=environment_without(missing, given),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "started" not in result.stdout
    assert f"{missing} is not set" in result.stderr


def compose_command():
    """Docker Compose v2 (`docker compose`) or v1 (`docker-compose`), if installed."""
    if shutil.which("docker"):
        found = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)
        if found.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_docker_compose_accepts_the_file_where_it_is_installed():
    # Optional: the PyYAML check above runs everywhere; Docker is not a tool make test needs.
    command = compose_command()
    if command is None:
        pytest.skip("Docker Compose not installed; compose.yaml was checked with PyYAML only")
    environment = {
        **os.environ,
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_SITE_URL": "https://guide.example.org",
        "POSTGRES_PASSWORD": "pw",
    }
    result = subprocess.run(
        [*command, "--file", str(ROOT / "compose.yaml"), "config", "--quiet"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
