"""A missing browser or checker skips on a contributor's machine and fails in CI."""

import json

import pytest

from tests.helpers import ROOT, missing


def test_a_missing_tool_skips_with_how_to_install_it(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium not found; install it with"):
        missing("Chromium", "install it with: apt-get install -y chromium")


def test_in_ci_a_missing_tool_fails_the_run(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Chromium not found"):
        missing("Chromium", "install it with: apt-get install -y chromium")


def test_lighthouse_is_pinned_apart_from_what_make_test_installs():
    # `make test` and CI install the root package.json; Lighthouse (about 190 MB) only
    # comes with `make lighthouse`, from its own exact pin and lock file.
    root = json.loads((ROOT / "package.json").read_text())
    assert "lighthouse" not in {**root.get("dependencies", {}), **root["devDependencies"]}
    tools = ROOT / "tools" / "lighthouse"
    pinned = json.loads((tools / "package.json").read_text())["devDependencies"]["lighthouse"]
    assert pinned[0].isdigit()
    lock = json.loads((tools / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/lighthouse"]["version"] == pinned
    assert "tools/lighthouse" in (ROOT / "Makefile").read_text()
