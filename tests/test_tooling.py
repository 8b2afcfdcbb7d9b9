"""A missing browser or checker skips on a contributor's machine and fails in CI."""

import pytest

from tests.helpers import missing


def test_a_missing_tool_skips_with_how_to_install_it(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium not found; install it with"):
        missing("Chromium", "install it with: apt-get install -y chromium")


def test_in_ci_a_missing_tool_fails_the_run(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Chromium not found"):
        missing("Chromium", "install it with: apt-get install -y chromium")
