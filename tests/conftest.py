"""Shared set-up: the test database holds the real seed, loaded once per session
through the same service `make run` uses; each test's changes are rolled back."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from careers.accounts import EDITORS_GROUP
from careers.models import Role, Source
from careers.seeding import load_seed
from tests.helpers import logged_in, make_advisor, make_staff


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """The preview images tests draw (the seed's BLS import and every committed role
    save draw some) go to a throwaway folder, never the project's media/."""
    path = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=path):
        yield path


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, media_root):
    with django_db_blocker.unblock():
        load_seed()


@pytest.fixture(scope="session", autouse=True)
def plain_http():
    """The test client and the live server speak plain HTTP, so no redirect to HTTPS
    (tests/test_security.py turns it back on where it is the subject). Session-wide:
    the live server's middleware reads the setting once, when it starts."""
    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture(autouse=True)
def seeded_db(db):
    """Every test reads the seeded database; its writes are rolled back."""


@pytest.fixture(autouse=True)
def test_settings(settings):
    # The hashed-manifest storage needs collectstatic; tests render templates without it.
    # A fast hasher: the tests log users in, they do not test password strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Each test starts with an empty cache (Redis outlives a test's rolled-back writes),
    and with page caching off: tests/test_page_cache.py turns it on where it is the
    subject, so the rest may change settings between two requests of one page. The
    site's figures are kept per content version, as in production with Redis (the
    cache is emptied between tests; tests/test_site_figures.py tries both ways)."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FIGURE_CACHE_SECONDS = 3600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def make_editor(db):
    """Make a staff user in the Editors group: make_editor("sam")."""

    def make(name="edith"):
        return make_staff(name, EDITORS_GROUP)

    return make


@pytest.fixture
def editor(make_editor):
    return make_editor()


@pytest.fixture
def editor_client(editor):
    """A browser session logged in as the editor."""
    return logged_in(editor)


@pytest.fixture
def ada():
    """An advisor, who builds shortlists."""
    return make_advisor("ada")


@pytest.fixture
def ada_client(ada):
    return logged_in(ada)


@pytest.fixture
def roles():
    """Two published roles to put on a shortlist."""
    return [Role.objects.get(slug=slug) for slug in ("data-scientist", "robotics-engineer")]


@pytest.fixture
def source(db):
    return Source.objects.create(slug="test-survey", title="Test salary survey", year=2026)


@pytest.fixture
def make_role(db, source):
    """Create a role with sensible defaults; any field can be overridden."""
    counter = iter(range(1, 100_000))

    def make(**fields):
        number = next(counter)
        defaults = {
            "title": f"Test role {number}",
            "slug": f"test-role-{number}",
            "summary": "A role made for a test.",
            "description": "Made for a test.",
            "track": Role.Track.CORE,
        }
        defaults.update(fields)
        has_figure = any(
            defaults.get(f) is not None for f in ("salary_low", "salary_median", "salary_high")
        )
        if has_figure:
            defaults.setdefault("salary_source", source)
            defaults.setdefault("salary_as_of", datetime.date(2026, 1, 1))
        if defaults.get("outlook_growth_pct") is not None:
            defaults.setdefault("outlook_source", source)
        return Role.objects.create(**defaults)

    return make


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the live-server (browser) tests last: they empty the database when they
    finish, and every other test reads the seed loaded once per session."""
    items.sort(key=lambda item: "live_server" in getattr(item, "fixturenames", ()))
