"""Plain helpers the tests share: reading a page as a person sees it, staff accounts,
what the admin posts, shortlists, every public page type, BLS OEWS files and imports,
and the outside tools some checks need.

Fixtures live in conftest.py; test modules import helpers from here (and files built
to hurt an importer from tests.helpers.nasty_files), never from one another."""

import csv
import datetime
import html as html_lib
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone
from openpyxl import Workbook

from careers.accounts import ADVISORS_GROUP
from careers.models import (
    ESTIMATE_FIGURE_FIELDS,
    FIGURE_FIELD_NAMES,
    FIGURE_FIELDS,
    Role,
    Shortlist,
    ShortlistItem,
    WageEstimate,
)
from careers.official.importing import DEFAULT_HOURLY_TOP_CODE, import_oews

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


def form_data(role, **changes):
    """What the role's change page posts (as a browser does, with CRLF line ends),
    with its inline rows left as they are."""
    data = {
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


# --- BLS OEWS files, as BLS publishes them ---------------------------------------------
# The benchmark (tests/benchmarks/oews_import.py) builds its files with these too, so
# both read the same shapes of file.

SAMPLE_FILE = ROOT / "fixtures/official/oews-national-may-2025.csv"
# Columns BLS's workbooks hold as text; the rest are numbers unless a marker stands there.
TEXT_COLUMNS = {
    *("AREA_TITLE", "PRIM_STATE", "NAICS", "NAICS_TITLE", "I_GROUP"),
    *("OCC_CODE", "OCC_TITLE", "O_GROUP", "HOURLY"),
}
MARKERS = {"*", "**", "#"}


def sample_rows():
    """The real May 2025 national sample, one dict per row, BLS's column names as keys."""
    with SAMPLE_FILE.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def national_rows(count):
    """`count` detailed occupations (41-0001, 41-0002, …) with plausible, rising figures."""
    template = next(row for row in sample_rows() if row["OCC_CODE"] == "15-2051")
    rows = []
    for number in range(1, count + 1):
        median = 30_000 + 97 * number
        rows.append(
            {
                **template,
                "OCC_CODE": f"41-{number:04d}",
                "OCC_TITLE": f"Sales Occupation {number}",
                "TOT_EMP": str(1_000 + 13 * number),
                "A_MEAN": str(median + 4_210),
                "A_PCT10": str(median * 55 // 100),
                "A_PCT25": str(median * 72 // 100),
                "A_MEDIAN": str(median),
                "A_PCT75": str(median * 132 // 100),
                "A_PCT90": str(median * 165 // 100),
                "H_MEDIAN": f"{median / 2080:.2f}",
            }
        )
    return rows


def as_csv(rows, columns=None):
    """The rows as a CSV export of BLS's file; `columns` picks and orders the header."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns or list(rows[0]), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def bls_cell(column, text):
    """A cell as BLS's workbooks hold it: numbers as numbers, codes and markers as text,
    ANNUAL as a real boolean and HOURLY as the text TRUE (both occur)."""
    if text == "":
        return None
    if column == "ANNUAL":
        return text == "TRUE"
    if column in TEXT_COLUMNS or text in MARKERS:
        return text
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return text  # not a number: kept as typed, as Excel would


def as_xlsx(rows, *, descriptions_sheet=False):
    """The rows as BLS's .xlsx download, optionally after a "Field descriptions" sheet."""
    workbook = Workbook()
    sheet = workbook.active
    if descriptions_sheet:
        sheet.title = "Field descriptions"
        sheet.append(["Field", "Field description"])
        sheet.append(["OCC_CODE", "The 6-digit Standard Occupational Classification code"])
        sheet = workbook.create_sheet("All May 2025 data")
    columns = list(rows[0])
    sheet.append(columns)
    for row in rows:
        sheet.append([bls_cell(column, row[column]) for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Importing OEWS files -------------------------------------------------------------
# The seeded database already holds the "May 2025" release, imported from the sample;
# a first import uses "May 2024" (or "May 2023"), releases it does not hold.

MAY_2024 = {"release": "May 2024", "published": datetime.date(2025, 4, 2)}
MAY_2023 = {"release": "May 2023", "published": datetime.date(2024, 4, 3)}


def row_of(rows, code):
    return next(row for row in rows if row["OCC_CODE"] == code)


def sample_with(code, **cells):
    """The sample as CSV, with some cells of one occupation's row changed."""
    rows = sample_rows()
    row_of(rows, code).update(cells)
    return as_csv(rows)


def import_file(data, *, release="May 2024", published=MAY_2024["published"], **options):
    """Import as May 2024, a release the seed does not hold, unless told otherwise."""
    options = {"file_name": "national_dl.csv", "hourly_top_code": DEFAULT_HOURLY_TOP_CODE} | options
    return import_oews(data, release=release, published=published, **options)


def estimates_of(release):
    """{SOC code: estimate} for every national, cross-industry estimate of the release."""
    return {
        estimate.occupation.code: estimate
        for estimate in WageEstimate.objects.national()
        .filter(release__name=release)
        .select_related("occupation", "area", "industry")
    }


def estimate(code, release="May 2025"):
    return WageEstimate.objects.national().get(occupation__code=code, release__name=release)


def figures(wage_estimate):
    """Every figure of an estimate, in a fixed order, to compare two estimates."""
    return tuple(getattr(wage_estimate, name) for name in ESTIMATE_FIGURE_FIELDS)


def row_counts():
    """How many rows each careers table holds, history tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_app_config("careers").get_models()
    }


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


def add_metro_areas(count, occupations=None):
    """`count` more metropolitan areas ("Metro 0, CA"…), each with a May 2025 estimate
    for `occupations` (default: every occupation with one): a much bigger country, for
    tests that a page's queries do not grow with it. Returns the areas."""
    from careers.models import Area, NaicsIndustry, Occupation, WageRelease

    release = WageRelease.objects.get(name="May 2025")
    industry = NaicsIndustry.objects.get(naics="000000", ownership="1235")
    if occupations is None:
        occupations = Occupation.objects.filter(wage_estimates__isnull=False).distinct()
    occupations = list(occupations)
    areas = Area.objects.bulk_create(
        Area(code=f"9{n:04d}", kind=Area.Kind.METROPOLITAN, title=f"Metro {n}, CA", slug=f"m-{n}")
        for n in range(count)
    )
    WageEstimate.objects.bulk_create(
        WageEstimate(
            release=release,
            occupation=occupation,
            area=area,
            industry=industry,
            employment=100 + n,
            annual_median=100_000 + n,
        )
        for n, area in enumerate(areas)
        for occupation in occupations
    )
    return areas
