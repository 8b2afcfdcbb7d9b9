"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's
live server. Without Chromium they skip with how to install it; where the
environment variable CI is set, a missing browser or checker fails the run."""

import os
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.db.migrations import RunPython
from django.db.migrations.loader import MigrationLoader

from careers.seeding import load_seed
from tests.helpers import ARTIFACTS, CHROMIUM, DESKTOP, missing

# Playwright's sync API runs an event loop; pytest-django's documented workaround.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

INSTALL_HINT = "install it with: apt-get install -y chromium chromium-driver"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        missing("Chromium", INSTALL_HINT)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        # No sandbox as root; no background calls to hosts this machine cannot reach.
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP}


def replay_data_migrations():
    """Run every data step (RunPython) of the careers migrations again, in order:
    the staff groups and their permissions, exactly as a real set-up makes them."""
    careers = django_apps.get_app_config("careers")
    models_module = careers.models_module  # 0003 clears it on the config it is given
    loader = MigrationLoader(None, ignore_no_migrations=True)
    try:
        with connection.schema_editor() as schema_editor:
            for key in sorted(k for k in loader.disk_migrations if k[0] == "careers"):
                for operation in loader.disk_migrations[key].operations:
                    if isinstance(operation, RunPython):
                        operation.code(django_apps, schema_editor)
    finally:
        careers.models_module = models_module


@pytest.fixture
def site(live_server):
    """The live site's base URL, with the staff groups and the seed in place.

    Live-server tests run in a transaction-less database that is emptied after
    each test, data migrations' rows included; this puts them back with the very
    code that creates them on a real set-up."""
    replay_data_migrations()
    load_seed()
    return live_server.url


@pytest.fixture(scope="session")
def screenshots():
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
