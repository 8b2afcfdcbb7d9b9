"""Project-wide promises: migrations match the models, the code is lint-clean,
production refuses development settings, and static files are hashed and compressed."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def test_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is a dev dependency; run `make test` to install it"
    for command in (["check"], ["format", "--check"]):
        result = subprocess.run(
            [ruff, *command, str(ROOT)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr


def run_wsgi(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import careerguide.wsgi"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_with_the_development_secret_key():
    result = run_wsgi(DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


SITE = "https://guide.example.org"


def test_production_starts_with_a_key_and_its_address_and_local_development_with_neither():
    production = run_wsgi(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 50, DJANGO_SITE_URL=SITE)
    assert production.returncode == 0, production.stderr
    assert run_wsgi(DJANGO_DEBUG="true").returncode == 0


def test_production_refuses_to_start_without_the_sites_public_address():
    # Shortlist links in advisors' emails are built from it; a guess would be localhost.
    result = run_wsgi(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DJANGO_SITE_URL is not set" in result.stderr


@pytest.mark.parametrize(
    "address",
    [
        "guide.example.org",
        "ftp://guide.example.org",
        "https://",
        "https://x.org/guide",
        "https://x.org/?a=1",
    ],
)
def test_a_site_address_that_is_not_just_scheme_and_host_is_refused(address):
    result = run_wsgi(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 50, DJANGO_SITE_URL=address)
    assert result.returncode != 0
    assert "DJANGO_SITE_URL must be the site's public address" in result.stderr


def test_the_site_address_loses_a_trailing_slash_so_links_have_one_slash():
    script = (
        "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "careerguide.settings",
            "DJANGO_SITE_URL": SITE + "/",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == SITE, result.stderr


def test_a_misspelt_boolean_setting_is_refused_rather_than_guessed():
    result = run_wsgi(DJANGO_DEBUG="maybe", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0 and "DJANGO_DEBUG must be true or false" in result.stderr


def test_static_files_are_hashed_and_compressed_by_whitenoise():
    # The module itself: the tests' own fixture swaps in plain storage.
    from careerguide import settings as project_settings

    storage = project_settings.STORAGES["staticfiles"]["BACKEND"]
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE


def test_templates_and_static_files_load_nothing_from_other_sites():
    for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("static/**/*.css")]:
        content = path.read_text(encoding="utf-8")
        assert "<script>" not in content and " style=" not in content, path
        assert "//cdn" not in content and "https://" not in content, path


def test_management_commands_work_before_collectstatic(tmp_path):
    # Nothing may resolve a hashed static name at import time (the URLconf included):
    # on a fresh machine `migrate` runs before `collectstatic`.
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment["DJANGO_DB_PATH"] = str(tmp_path / "fresh.sqlite3")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**environment, "DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "x" * 50},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_favicon_requests_find_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("favicon.svg")


def test_templates_are_compiled_once_per_process_and_kept():
    # Django's cached loader (its default without explicit loaders): a page's templates
    # are parsed on the first request, not on every one.
    from django.template import engines
    from django.template.loaders.cached import Loader

    (loader,) = engines["django"].engine.template_loaders
    assert isinstance(loader, Loader)
