"""Every kind of public page, for the accessibility, layout and HTML checks.

Add each new page type here: the browser checks (axe at phone and desktop
widths, no horizontal scrolling, screenshots) and the HTML validity check
all read this list.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

from careers.models import Role, Shortlist, ShortlistItem

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
