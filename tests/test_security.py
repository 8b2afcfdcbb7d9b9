"""The site's security promises: strict headers on every page, production strict by
default, HTTPS behind a proxy without a redirect loop, and admin log-ins throttled."""

import datetime
import json
import os
import secrets
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.helpers import PASSWORD, ROOT

LOGIN = "/admin/login/"

# --- Headers on every page ----------------------------------------------------------


def test_every_page_carries_a_strict_content_security_policy(client):
    policy = client.get("/roles/data-scientist/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    # No template of ours evaluates the nonce, so the policy offers none to abuse.
    assert "nonce-" not in directives["script-src"]


def test_the_admin_gets_a_fresh_nonce_for_its_own_inline_code(editor_client):
    first = editor_client.get("/admin/careers/role/")
    second = editor_client.get("/admin/careers/role/")
    nonces = [
        r["Content-Security-Policy"].split("'nonce-")[1].split("'")[0] for r in (first, second)
    ]
    assert nonces[0] != nonces[1]
    assert f'nonce="{nonces[0]}"' in first.content.decode()


def test_pages_deny_framing_sniffing_camera_microphone_and_location(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"


def test_cookies_are_out_of_reach_of_scripts(client):
    response = client.get(LOGIN)
    assert response.cookies["csrftoken"]["httponly"]


# --- Production is strict by default ------------------------------------------------

PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "guide.example.org",
    "DJANGO_SITE_URL": "https://guide.example.org",
}
SETTINGS_DUMP = """
import json
from django.conf import settings
names = [
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
    "SECURE_PROXY_SSL_HEADER", "TRUSTED_PROXY_COUNT", "AXES_FAILURE_LIMIT",
]
values = {name: getattr(settings, name) for name in names}
values["AXES_COOLOFF_MINUTES"] = settings.AXES_COOLOFF_TIME.total_seconds() / 60
print(json.dumps(values))
"""


def manage(*arguments, **env):
    """manage.py in a fresh process with exactly the environment given (and PATH)."""
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_settings(**env):
    result = manage("shell", "--no-imports", "-c", SETTINGS_DUMP, **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_deployment_check_finds_nothing_with_only_debug_key_and_hosts_set():
    result = manage("check", "--deploy", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr


def test_production_defaults_to_https_hsts_for_a_year_and_secure_cookies():
    values = production_settings()
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] is None  # no proxy is trusted unless told
    assert values["TRUSTED_PROXY_COUNT"] == 0
    assert (values["AXES_FAILURE_LIMIT"], values["AXES_COOLOFF_MINUTES"]) == (5, 15)


def test_each_protection_is_turned_off_or_tuned_only_by_its_own_variable():
    values = production_settings(
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_HSTS_PRELOAD="false",
        DJANGO_TRUST_X_FORWARDED_PROTO="true",
        DJANGO_TRUSTED_PROXY_COUNT="1",
        DJANGO_LOGIN_FAILURE_LIMIT="10",
        DJANGO_LOGIN_COOLOFF_MINUTES="30",
    )
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_PRELOAD"] is False
    assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60  # the rest stays on
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["TRUSTED_PROXY_COUNT"] == 1
    assert (values["AXES_FAILURE_LIMIT"], values["AXES_COOLOFF_MINUTES"]) == (10, 30)


# --- Behind a proxy that terminates TLS -----------------------------------------------


@pytest.fixture
def https_only(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = False


def test_plain_http_is_sent_permanently_to_https(client, https_only):
    response = client.get("/roles/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/roles/"


def test_a_load_balancers_plain_http_health_probe_is_answered_not_redirected(client, https_only):
    assert client.get("/healthz").status_code == 200
    assert client.get("/roles/").status_code == 301


def test_behind_a_trusted_proxy_an_https_request_gets_the_page_not_a_redirect_loop(
    client, https_only, settings
):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/roles/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200
    assert "16 roles found" in response.content.decode()
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    # The proxy's word is needed: without the header it is plain HTTP again.
    assert client.get("/roles/").status_code == 301


def test_without_trusting_the_proxy_its_header_changes_nothing(client, https_only):
    response = client.get("/roles/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 301


# --- Admin log-in throttling ------------------------------------------------------------


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user("sam", password=PASSWORD, is_staff=True)


def log_in(client, password, *, username="sam", address="203.0.113.5", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        headers=headers,
    )


def logged_in_as(client):
    return client.session.get("_auth_user_id")


def fail_five_times(client, **where):
    for _ in range(5):
        log_in(client, "wrong-password", **where)


def test_after_five_failures_even_the_right_password_is_refused_with_a_clear_page(
    client, staff_user
):
    for _ in range(4):
        assert log_in(client, "wrong-password").status_code == 200  # the form, with its error
    assert log_in(client, "wrong-password").status_code == 429
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert logged_in_as(client) is None
    page = response.content.decode()
    assert "<h1>Log-in paused</h1>" in page
    assert "5 failed attempts to log in as “sam”" in page
    assert "Try again in 15 minutes" in page
    assert "ask a site administrator to unlock the account" in page


def test_after_the_cool_off_the_right_password_works_again(client, staff_user):
    fail_five_times(client)
    assert log_in(client, PASSWORD).status_code == 429
    sixteen_minutes_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    AccessAttempt.objects.update(attempt_time=sixteen_minutes_ago)
    response = log_in(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert logged_in_as(client) == str(staff_user.pk)


def test_an_administrator_unlocks_at_once_with_axes_reset(client, staff_user):
    fail_five_times(client)
    call_command("axes_reset", verbosity=0)
    assert log_in(client, PASSWORD).status_code == 302
    assert logged_in_as(client) == str(staff_user.pk)


def test_the_lockout_holds_one_username_at_one_address_only(client, staff_user):
    get_user_model().objects.create_user("kim", password=PASSWORD, is_staff=True)
    fail_five_times(client)
    assert log_in(client, PASSWORD, address="198.51.100.7").status_code == 302
    assert log_in(client, PASSWORD, username="kim").status_code == 302


def test_behind_trusted_proxies_the_address_they_saw_is_counted(client, staff_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    # A client cannot shake off the lockout by inventing addresses further left.
    for invented in range(5):
        log_in(client, "wrong", address=proxy, x_forwarded_for=f"192.0.2.{invented}, 203.0.113.5")
    assert log_in(client, PASSWORD, address=proxy, x_forwarded_for="203.0.113.5").status_code == 429
    other_visitor = log_in(client, PASSWORD, address=proxy, x_forwarded_for="198.51.100.7")
    assert other_visitor.status_code == 302


def test_without_trusted_proxies_a_forwarded_address_is_ignored(client, staff_user):
    for invented in range(5):
        log_in(client, "wrong", x_forwarded_for=f"192.0.2.{invented}")
    assert log_in(client, PASSWORD, x_forwarded_for="198.51.100.7").status_code == 429
