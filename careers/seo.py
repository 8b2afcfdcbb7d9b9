"""What a page tells search engines and link previews: title, description,
canonical address and image, built once per page for every tag that needs them."""

from dataclasses import dataclass, replace

from django.templatetags.static import static

from careers import formatting

SITE_NAME = "ML Career Guide"
DEFAULT_DESCRIPTION = (
    "Where a machine-learning degree can take you: roles, salary ranges, job outlook, "
    "skills, industries and credentials, each figure with its source."
)
PREVIEW_IMAGE = "img/preview-card.png"
PREVIEW_IMAGE_ALT = "ML Career Guide: careers for machine-learning graduates"
DESCRIPTION_LIMIT = 200


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    canonical_url: str
    image_url: str
    og_type: str = "website"
    image_alt: str = PREVIEW_IMAGE_ALT
    site_name: str = SITE_NAME

    @property
    def full_title(self):
        return self.title if self.title == SITE_NAME else f"{self.title} · {SITE_NAME}"


def shorten(text, limit=DESCRIPTION_LIMIT):
    """Cut at a word boundary and mark the cut, for meta descriptions."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def page_meta(
    request,
    title,
    description=DEFAULT_DESCRIPTION,
    *,
    query="",
    og_type="website",
    image_path=None,
    image_alt=PREVIEW_IMAGE_ALT,
):
    """The page's metadata; its canonical address is its path (plus `query`, for the
    directory, whose filters are part of what the page is). Its preview image is the
    site's card unless `image_path` (a 1200×630 PNG on this site, e.g. a role's own
    card) and `image_alt` say otherwise."""
    path = request.path + (f"?{query}" if query else "")
    return PageMeta(
        title=title,
        description=shorten(description),
        canonical_url=request.build_absolute_uri(path),
        image_url=request.build_absolute_uri(image_path or static(PREVIEW_IMAGE)),
        og_type=og_type,
        image_alt=image_alt,
    )


def shortlist_meta(request, shortlist):
    """A shared shortlist's preview: its title, "N roles chosen by your advisor", and as
    its address the link the advisor sent (built from settings.SITE_URL). Expects
    Shortlist.objects.for_public_page()."""
    count = len(shortlist.items.all())
    noun = "role" if count == 1 else "roles"
    meta = page_meta(request, shortlist.title, f"{count} {noun} chosen by your advisor")
    return replace(meta, canonical_url=shortlist.share_url())


def role_description(role):
    """A role's preview text: its summary, then its pay and outlook where known: the
    article's range, else the official median (a role from RoleQuerySet.for_detail())."""
    parts = [role.summary]
    official_median = getattr(role, "official_median", None)
    if role.has_any_salary:
        parts.append(f"Salary: {formatting.salary_range(role)}.")
    elif official_median is not None:
        median = formatting.wage(formatting.Wage(official_median, role.official_median_top_coded))
        parts.append(f"Official median pay: {median} a year (BLS).")
    if role.has_outlook:
        parts.append(f"Job outlook: {formatting.outlook(role)}.")
    return " ".join(parts)
