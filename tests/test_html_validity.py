"""Every public page type is valid HTML, checked by the Nu Html Checker (vnu)."""

import json
import shutil
import subprocess

from tests.helpers import ARTIFACTS, VNU_JAR, all_pages, make_shortlist, missing


def vnu_errors(client, pages, tmp_path):
    """The Nu Html Checker's errors for `pages` ((name, path) pairs) fetched by `client`."""
    java = shutil.which("java")
    if not java:
        missing("Java", "the Nu Html Checker runs on Java 17 or newer")
    if not VNU_JAR.exists():
        missing("The Nu Html Checker", "run `npm ci` in the project folder to install vnu-jar")

    files = {}
    for name, path in pages:
        response = client.get(path)
        assert response.status_code < 500, (name, response.status_code)
        page_file = tmp_path / f"{name}.html"
        page_file.write_bytes(response.content)
        files[page_file.name] = path

    # One Java start for every page: slow to start, fast per page.
    result = subprocess.run(
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            *map(str, sorted(tmp_path.glob("*.html"))),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files[m['url'].rsplit('/', 1)[-1]]} line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    return files, errors


def test_every_page_type_is_valid_html(client, tmp_path):
    files, errors = vnu_errors(client, all_pages(), tmp_path)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "html-validity.txt").write_text("\n".join(errors) or "no errors\n")
    assert not errors, "\n".join(errors)
    assert len(files) >= 20


def test_the_advisors_pages_and_controls_are_valid_html(ada, ada_client, roles, tmp_path):
    shortlist = make_shortlist(ada, roles)
    pages = [
        ("my-shortlists", "/my-shortlists/"),
        ("my-shortlist", f"/my-shortlists/{shortlist.pk}/"),
        ("my-shortlist-delete", f"/my-shortlists/{shortlist.pk}/delete/"),
        ("role-with-add-control", "/roles/data-scientist/"),
        ("compare-with-add-control", "/compare/?roles=data-scientist&roles=robotics-engineer"),
    ]
    files, errors = vnu_errors(ada_client, pages, tmp_path)
    assert not errors, "\n".join(errors)
    assert len(files) == len(pages)
