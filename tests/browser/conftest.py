"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's
live server. Without Chromium they skip with how to install it; where the
environment variable CI is set, a missing browser or checker fails the run."""

import importlib
import os
from pathlib import Path

import pytest
from django.apps import apps as django_apps

from careers.seeding import load_seed
from tests.tooling import ARTIFACTS, CHROMIUM, missing

# Playwright's sync API runs an event loop; pytest-django's documented workaround.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
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


# The data migrations that make the staff groups, re-run after each flush.
GROUP_MIGRATIONS = [
    ("careers.migrations.0003_editors_group", "create_editors_group"),
    ("careers.migrations.0005_advisors_group", "create_advisors_group"),
]


@pytest.fixture
def site(live_server):
    """The live site's base URL, with the staff groups and the seed in place.

    Live-server tests run in a transaction-less database that is emptied after
    each test, data migrations' rows included; this puts them back with the very
    code that creates them on a real set-up."""
    for module, function in GROUP_MIGRATIONS:
        getattr(importlib.import_module(module), function)(django_apps, None)
    load_seed()
    return live_server.url


@pytest.fixture(scope="session")
def screenshots():
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
