"""Plain helpers the tests share: reading a page as a person sees it, staff accounts,
what the admin posts, shortlists, every public page type, and the outside tools some
checks need.

Fixtures live in conftest.py; test modules import helpers from here (BLS OEWS files
and imports from tests.helpers.oews, files built to hurt an importer from
tests.helpers.nasty_files, comparing reference screenshots from
tests.helpers.screenshots), never from one another."""

import html as html_lib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careers.accounts import ADVISORS_GROUP
from careers.models import (
    FIGURE_FIELD_NAMES,
    FIGURE_FIELDS,
    Role,
    Shortlist,
    ShortlistItem,
)

ROOT = Path(__file__).resolve().parent.parent.parent

# --- Reading a page -------------------------------------------------------------------


def text(response):
    """The page's visible text with tags removed and white space folded."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip())


def page_text(response):
    """The page's markup without its tags, white space folded: entities stay escaped and
    scripts (the structured data, say) stay in."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).strip()


def cards(html):
    """{role title: card html} for the role cards on a page."""
    found = {}
    for chunk in html.split('<article class="role-card">')[1:]:
        card = chunk.split("</article>")[0]
        title = re.search(r'class="role-card-title"><a href="[^"]+">([^<]+)</a>', card).group(1)
        found[html_lib.unescape(title)] = card
    return found


def json_ld(response):
    """The page's structured data (its JSON-LD block), parsed."""
    block = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(block.group(1))


# The test client's host: absolute links, canonical URLs and structured data start so.
BASE = "http://testserver"


# --- The database's own rules ---------------------------------------------------------


def assert_rejected(create):
    """`create` writes past every form; the database itself must refuse it."""
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def row_counts():
    """How many rows each careers table holds, history tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_app_config("careers").get_models()
    }


# --- Staff accounts -------------------------------------------------------------------

PASSWORD = "a-long-test-password-2026"


def make_staff(name, group_name):
    user = get_user_model().objects.create_user(name, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def make_advisor(name="ada"):
    return make_staff(name, ADVISORS_GROUP)


def logged_in(user):
    """A browser session logged in as `user`."""
    client = Client()
    client.force_login(user)
    return client


# --- What the admin's role pages post -------------------------------------------------


def untouched_inlines(*prefixes):
    """The management data of inline formsets a test leaves as they are (no rows sent)."""
    return {
        f"{prefix}-{name}": value
        for prefix in prefixes
        for name, value in (
            ("TOTAL_FORMS", 0),
            ("INITIAL_FORMS", 0),
            ("MIN_NUM_FORMS", 0),
            ("MAX_NUM_FORMS", 1000),
        )
    }


def figure_values(role):
    """A role's figures as the admin posts them (blank for an empty field)."""
    values = {}
    for name, attribute in zip(FIGURE_FIELD_NAMES, FIGURE_FIELDS, strict=True):
        value = getattr(role, attribute)
        values[name] = "" if value is None else value
    return {**values, "version": role.version}


# The reason an editor gives for changing a figure (careers.revising).
REASON = "BLS May 2025 release"


def form_data(role, **changes):
    """What the role's change page posts (as a browser does, with CRLF line ends),
    with its inline rows left as they are, and a reason in case a figure changes."""
    data = {
        "change_reason": REASON,
        "title": role.title,
        "slug": role.slug,
        "summary": role.summary,
        "description": role.description.replace("\n", "\r\n"),
        "is_published": "on" if role.is_published else "",
        "is_featured": "on" if role.is_featured else "",
        "track": role.track,
        "min_education": role.min_education,
        "industries": [industry.pk for industry in role.industries.all()],
        **figure_values(role),
    }
    for prefix, rows, parent, fields in (
        ("role_skills", role.role_skills.all(), "role", ("skill", "importance")),
        ("role_credentials", role.role_credentials.all(), "role", ("credential", "requirement")),
        (
            "steps_out",
            role.steps_out.all(),
            "from_role",
            ("to_role", "kind", "typical_years", "note"),
        ),
        (
            "occupation_links",
            role.occupation_links.all(),
            "role",
            ("occupation", "note", "position"),
        ),
    ):
        rows = list(rows)
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows)})
        data.update({f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = row.pk
            data[f"{prefix}-{index}-{parent}"] = role.pk
            for field in fields:
                foreign_keys = ("skill", "credential", "to_role", "occupation")
                attribute = f"{field}_id" if field in foreign_keys else field
                value = getattr(row, attribute)
                data[f"{prefix}-{index}-{field}"] = "" if value is None else value
    data.update(changes)
    return data


# --- Shortlists -----------------------------------------------------------------------

SHORTLIST_CHANGELIST = "/admin/careers/shortlist/"


def make_shortlist(owner, roles=(), **fields):
    """A shortlist with `roles` in that order, each with a note naming it."""
    shortlist = Shortlist.objects.create(
        owner=owner, title=fields.pop("title", "Year 12"), **fields
    )
    for position, role in enumerate(roles, start=1):
        ShortlistItem.objects.create(
            shortlist=shortlist, role=role, position=position, note=f"Why {role.title}."
        )
    return shortlist


def run_action(client, action, shortlists):
    """Run an admin action (withdraw, restore) on `shortlists` from the list page."""
    return client.post(
        SHORTLIST_CHANGELIST, {"action": action, "_selected_action": [s.pk for s in shortlists]}
    )


# --- Every kind of public page --------------------------------------------------------
# Add each new page type here: the browser checks (axe at phone and desktop widths,
# no horizontal scrolling, screenshots) and the HTML validity check all read this list.

# The home page, the directory and one page of each kind of record, with its list.
RECORD_PAGES = [
    "/",
    "/roles/",
    "/roles/data-scientist/",
    "/skills/",
    "/skills/python/",
    "/industries/",
    "/industries/finance/",
    "/credentials/",
    "/credentials/doctorate/",
    "/places/",
    "/places/san-jose-sunnyvale-santa-clara-ca/",
]

STATIC_PAGES = [
    ("home", "/"),
    ("directory", "/roles/"),
    ("directory-filtered", "/roles/?industry=technology&skill=python&sort=salary-high"),
    ("directory-page-2", "/roles/?page=2"),
    ("directory-empty", "/roles/?stage=advanced&track=interdisciplinary"),
    ("directory-bad-input", "/roles/?salary_min=abc&growth_min=x&skill=nope&page=abc"),
    ("role", "/roles/machine-learning-engineer/"),
    ("role-with-outlook", "/roles/research-scientist/"),
    ("role-without-figures", "/roles/ai-specialist/"),
    ("skills", "/skills/"),
    ("skill", "/skills/python/"),
    ("industries", "/industries/"),
    ("industry", "/industries/finance/"),
    ("credentials", "/credentials/"),
    ("credential", "/credentials/masters-degree/"),
    ("compare-picker", "/compare/"),
    ("compare", "/compare/?roles=machine-learning-engineer&roles=data-scientist&roles=ai-ethicist"),
    # Two narrow columns: hidden "(shared by all)" labels once pushed the page sideways.
    ("compare-two", "/compare/?roles=ai-ethicist&roles=hci-specialist"),
    ("compare-error", "/compare/?roles=data-scientist&roles=astronaut"),
    ("match-picker", "/match/"),
    ("match", "/match/?skill=python&skill=statistics&skill=communication"),
    ("match-unknown-skill", "/match/?skill=astrology"),
    ("paths", "/paths/"),
    ("salary-factors", "/salary-factors/"),
    ("guide", "/guide/"),
    ("guide-figures", "/guide/figures/"),
    ("official-data", "/official-data/"),
    ("directory-official-median", "/roles/?official_median_min=100000&sort=official-median-high"),
    ("role-without-official-occupation", "/roles/ai-ethicist/"),
    ("search", "/search/?q=data"),
    ("search-empty", "/search/?q="),
    ("search-odd-input", "/search/?q=%22100%25%22+%E2%9C%A8"),
    ("search-mended", "/search/?q=pythn"),
    ("search-suggestions", "/search/?q=visionary"),
    ("search-topic", "/search/?q=salary"),
    ("directory-mended", "/roles/?q=scienist"),
    ("match-by-other-names", "/match/?skill=ethics&skill=policy"),
    ("places", "/places/"),
    ("places-search", "/places/?q=san+jose"),
    ("places-search-empty", "/places/?q=atlantis"),
    ("places-bad-input", "/places/?q=%00&page=abc"),
    ("place-metro", "/places/san-jose-sunnyvale-santa-clara-ca/"),
    # A state lists its metropolitan and nonmetropolitan areas below its figures.
    ("place-state", "/places/california/"),
    ("place-nonmetro", "/places/alaska-nonmetropolitan-area/"),
    ("not-found", "/no-such-page/"),
]


def shortlist_pages():
    """A live and a withdrawn shortlist, made in the current database."""
    advisor = get_user_model().objects.create_user("page-types-advisor", is_staff=True)
    live = Shortlist.objects.create(
        owner=advisor, title="Roles to explore", introduction="Three roles that fit you."
    )
    for position, slug in enumerate(["data-analyst", "data-scientist", "ai-ethicist"]):
        ShortlistItem.objects.create(
            shortlist=live,
            role=Role.objects.get(slug=slug),
            position=position,
            note="A good first step." if position == 0 else "",
        )
    withdrawn = Shortlist.objects.create(
        owner=advisor, title="Old list", withdrawn_at=timezone.now()
    )
    return [("shortlist", live.share_path()), ("shortlist-withdrawn", withdrawn.share_path())]


def all_pages():
    return [*STATIC_PAGES, *shortlist_pages()]


# --- Outside tools ----------------------------------------------------------------------

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Browser window sizes the browser checks use.
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def missing(tool, hint):
    """Skip on a contributor's machine; fail in CI, where skipping would hide it."""
    message = f"{tool} not found; {hint}"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def page_queries(client, url, data=None):
    """(response, how many queries it ran) for `url` asked the second time: the first
    keeps the site's figures for the current content version (careers.site_figures), as
    any earlier visitor's request would have."""
    client.get(url, data or {})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data or {})
    return response, len(queries)
