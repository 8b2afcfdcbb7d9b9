"""Role pages' link-preview cards (og:image): a 1200×630 PNG naming the role, the pay
to headline and its source, drawn with Pillow in the DejaVu fonts shipped beside this
module (careers/fonts, nothing from the system) when the role is saved, and kept in
Django's default file storage, where careers.views_preview serves it.

What a card says is RoleCard; its `digest` (of that text, the design, the fonts and
Pillow's version) names the stored file and goes into the page's image address, so the
address changes whenever the picture would, and chat apps fetch the new one."""

import functools
import hashlib
import json
import logging
import unicodedata
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import PIL
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont

from careers import formatting, seo
from careers.models import Role

logger = logging.getLogger(__name__)

# Bump when the drawing changes, so every card gets a new address.
DESIGN_VERSION = 1
STORAGE_DIR = "previews/roles"
FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
TEXT_WIDTH = WIDTH - 2 * MARGIN
# The site's colours (static/css/site.css): --brand-dark behind, --focus for the name and
# the pay; every text colour is at least 6.9:1 on the background (WCAG AA asks 4.5:1).
BACKGROUND = "#12355e"
STRIPE = "#f2b600"
HIGHLIGHT = "#f2b600"
TITLE = "#ffffff"
QUIET = "#d5e0ee"


@dataclass(frozen=True)
class RoleCard:
    """What a role's card says: its title and the pay to headline, with a label and
    the source (or that there is no figure)."""

    title: str
    pay_label: str
    pay: str
    source: str

    @property
    def alt(self):
        """The card in words, for og:image:alt."""
        return f"{seo.SITE_NAME}: {self.title}. {self.pay_label}: {self.pay}."

    @property
    def digest(self):
        content = [DESIGN_VERSION, PIL.__version__, fonts_digest()]
        content += [self.title, self.pay_label, self.pay, self.source]
        return hashlib.sha256(json.dumps(content).encode()).hexdigest()[:16]


@functools.cache
def fonts_digest():
    return hashlib.sha256(REGULAR.read_bytes() + BOLD.read_bytes()).hexdigest()


def citation(source):
    """A source in one line, as pages cite it: "Title, Author, Publisher (Year)", then
    ", as cited in …" for a figure read in another source."""
    parts = [source.title, source.author, source.publisher]
    text = ", ".join(part for part in parts if part)
    if source.year:
        text += f" ({source.year})"
    if source.cited_in_id:
        text += f", as cited in {citation(source.cited_in)}"
    return text


def card_for(role):
    """The card of `role` (from Role.objects.for_preview_card() or for_detail(), so no
    query is needed): the article's salary figures when it gives any; otherwise the
    newest national BLS median of the role's first official occupation, the one the
    directory's "official median" reads; otherwise that there is no figure."""
    if role.has_any_salary:
        both_ends = role.salary_low is not None and role.salary_high is not None
        source = ""
        if role.salary_source_id:
            source = f"Source: {citation(role.salary_source)}"
            if role.salary_as_of:
                source += f"; figures as of {role.salary_as_of.year}"
        label = "Salary range, US$ a year" if both_ends else "Salary, US$ a year"
        return RoleCard(role.title, label, formatting.salary_range(role), source)
    links = list(role.occupation_links.all())
    estimate = links[0].estimate if links else None
    if estimate is not None and estimate.annual_median is not None:
        occupation, release = links[0].occupation, estimate.release
        median = formatting.Wage(estimate.annual_median, estimate.annual_median_top_coded)
        return RoleCard(
            role.title,
            "Official median pay in the U.S., US$ a year",
            formatting.wage(median),
            f"Source: {citation(release.source)}; national median for {occupation.title} "
            f"(SOC {occupation.code}), all industries",
        )
    return RoleCard(
        role.title,
        "Salary",
        formatting.NO_FIGURE,
        "Neither the article nor the official figures give this role’s pay yet.",
    )


def card_path(role, card):
    """The card's address on the site; `?v=` changes whenever the picture does."""
    return reverse("careers:role-preview-image", args=[role.slug]) + f"?v={card.digest}"


# --- Drawing -------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of text as drawn: where, how big, and the box its pixels fill."""

    text: str
    size: int
    colour: str
    x: int
    y: int
    bold: bool = False

    @property
    def font(self):
        return font(self.size, self.bold)

    @property
    def bbox(self):
        left, top, right, bottom = self.font.getbbox(self.text, anchor="la")
        return (self.x + left, self.y + top, self.x + right, self.y + bottom)


@functools.cache
def font(size, bold=False):
    # Basic layout (no text shaping library): the same picture wherever Pillow's wheel runs.
    return ImageFont.truetype(BOLD if bold else REGULAR, size, layout_engine=ImageFont.Layout.BASIC)


def drawable(text):
    """Text as one line the font can take: control characters and line breaks dropped."""
    kept = (" " if ch.isspace() else ch for ch in text)
    return " ".join(
        "".join(ch for ch in kept if not unicodedata.category(ch).startswith("C")).split()
    )


def text_width(text, size, bold):
    left, _, right, _ = font(size, bold).getbbox(text, anchor="la")
    return right - min(left, 0)


def _longest_fitting_prefix(word, size, bold):
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(word[:middle], size, bold) <= TEXT_WIDTH:
            low = middle
        else:
            high = middle - 1
    return low


def wrap(text, size, bold=False):
    """`text` in lines no wider than the card's text column; a word too long for one
    line is broken where it must be."""
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= TEXT_WIDTH:
            current = candidate
            continue
        if current:
            lines.append(current)
        while text_width(word, size, bold) > TEXT_WIDTH:
            cut = _longest_fitting_prefix(word, size, bold)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    return [*lines, current] if current else lines


def fit(text, sizes, max_lines, bold=False, max_height=None):
    """(size, lines): the largest of `sizes` at which `text` takes at most `max_lines`
    lines (and `max_height` pixels); at the smallest, the lines that fit, the last one
    ending in "…"."""
    fitted = first_fit(text, sizes, max_lines, bold, max_height)
    if fitted:
        return fitted
    size = sizes[-1]
    room = max_lines if max_height is None else max(1, int(max_height // line_height(size)))
    lines = wrap(text, size, bold)[: min(max_lines, room)]
    last = lines[-1]
    while last and text_width(last + "…", size, bold) > TEXT_WIDTH:
        last = last[:-1].rstrip()
    lines[-1] = last + "…"
    return size, lines


def first_fit(text, sizes, max_lines, bold=False, max_height=None):
    """(size, lines) at the largest of `sizes` where `text` fits whole; None if none."""
    for size in sizes:
        lines = wrap(text, size, bold)
        if len(lines) <= max_lines and (
            max_height is None or len(lines) * line_height(size) <= max_height
        ):
            return size, lines
    return None


def line_height(size):
    return round(size * 1.2)


def layout(card):
    """Every line of the card, placed: the site's name at the top, the title below it
    (up to three lines, smaller when long), and the pay, its label and its source held
    to the foot."""
    placed = [Line(seo.SITE_NAME.upper(), 28, HIGHLIGHT, MARGIN, 56)]
    bottom = HEIGHT - 52
    source_size, source_lines = fit(drawable(card.source), range(26, 19, -2), 2)
    below = []
    for text in reversed(source_lines):
        bottom -= line_height(source_size)
        below.append(Line(text, source_size, QUIET, MARGIN, bottom))
    bottom -= 22
    # The pay on one line if it can be, else on two: never cut short.
    pay = drawable(card.pay)
    pay_size, pay_lines = first_fit(pay, range(64, 39, -4), 1, bold=True) or fit(
        pay, range(40, 27, -4), 2, bold=True
    )
    for text in reversed(pay_lines):
        bottom -= line_height(pay_size)
        below.append(Line(text, pay_size, HIGHLIGHT, MARGIN, bottom, bold=True))
    bottom -= line_height(28) + 4
    below.append(Line(drawable(card.pay_label), 28, QUIET, MARGIN, bottom))
    title_top = 116
    title_size, title_lines = fit(
        drawable(card.title) or "Untitled role",
        range(72, 39, -4),
        3,
        bold=True,
        max_height=bottom - 24 - title_top,
    )
    for number, text in enumerate(title_lines):
        y = title_top + number * line_height(title_size)
        placed.append(Line(text, title_size, TITLE, MARGIN, y, bold=True))
    return placed + below[::-1]


def draw(card):
    """The card as a Pillow image (RGB, 1200×630)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 12), fill=STRIPE)
    for line in layout(card):
        pen.text((line.x, line.y), line.text, font=line.font, fill=line.colour, anchor="la")
    return image


def png(card):
    """The card as PNG bytes: a palette of 64 colours is plenty for flat colours and
    anti-aliased text, and keeps the file small (about 20 KB)."""
    palette = draw(card).quantize(colors=64, dither=Image.Dither.NONE)
    output = BytesIO()
    palette.save(output, format="PNG", optimize=True)
    return output.getvalue()


# --- Storing -------------------------------------------------------------------------


def stored_name(role, card):
    return f"{STORAGE_DIR}/{role.pk}/{card.digest}.png"


def store(role, card=None):
    """Make sure `role`'s current card is in the default storage and remove its older
    ones. Returns (name, drawn): drawn is False when the card was already there."""
    card = card or card_for(role)
    name = stored_name(role, card)
    drawn = not default_storage.exists(name)
    if drawn:
        saved = default_storage.save(name, ContentFile(png(card)))
        if saved != name:  # another process stored the same card meanwhile
            default_storage.delete(saved)
    remove_cards(role.pk, keep=name)
    return name, drawn


def remove_cards(role_id, keep=None):
    """Delete the stored cards of the role `role_id` except `keep`; returns how many."""
    directory = f"{STORAGE_DIR}/{role_id}"
    try:
        _, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return 0
    removed = [f"{directory}/{file}" for file in files if f"{directory}/{file}" != keep]
    for name in removed:
        default_storage.delete(name)
    return len(removed)


def card_png(role):
    """The PNG of `role`'s current card, for the view: from the storage, drawn and stored
    there first when it is missing (a role saved before the card could be drawn); drawn
    without storing when the storage cannot be written."""
    card = card_for(role)
    try:
        name, _ = store(role, card)
        with default_storage.open(name, "rb") as file:
            return file.read()
    except OSError:
        logger.warning("Could not store the preview card of %s; drew it for this request", role)
        return png(card)


def refresh_role_card(role_id):
    """Draw the card of the role `role_id` if it changed; remove it when the role is not
    published (its page, and so its card, are not public). Returns True when drawn."""
    role = Role.objects.for_preview_card().filter(pk=role_id).first()
    if role is None:
        remove_cards(role_id)
        return False
    return store(role)[1]


def redraw_after_commit(role_id):
    """Redraw the role's card once the current transaction commits (at once outside
    one): it then reads what was saved, links included, and a failure to draw is
    logged without undoing the save."""
    transaction.on_commit(functools.partial(refresh_role_card, role_id), robust=True)


def redraw_role_cards_after_commit():
    """refresh_role_cards() once the current transaction commits, failures logged."""
    transaction.on_commit(refresh_role_cards, robust=True)


@dataclass
class RefreshReport:
    drawn: int = 0
    unchanged: int = 0
    removed: int = 0

    def __str__(self):
        return (
            f"Preview images: {self.drawn} drawn, {self.unchanged} unchanged, "
            f"{self.removed} removed."
        )


def refresh_role_cards():
    """Every published role's card drawn if it changed, and the cards of roles no longer
    published removed: for the seed, deployments and a new BLS release. Safe to repeat."""
    report = RefreshReport()
    published = set()
    for role in Role.objects.for_preview_card():
        published.add(str(role.pk))
        if store(role)[1]:
            report.drawn += 1
        else:
            report.unchanged += 1
    try:
        directories, _ = default_storage.listdir(STORAGE_DIR)
    except FileNotFoundError:
        directories = []
    for directory in set(directories) - published:
        report.removed += remove_cards(directory)
    return report
