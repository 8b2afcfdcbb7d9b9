"""An advisor shares a role page in a chat app: the preview shows that role's own card,
with its title, the pay to headline and where that figure comes from."""

import io
from urllib.parse import urlparse

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from PIL import Image, ImageChops

from careers import formatting, preview_images
from careers.models import Role
from careers.preview_images import HEIGHT, MARGIN, WIDTH, RoleCard
from tests.admin.test_role_csv import as_csv, confirm, exported_rows, row_for, upload
from tests.helpers import BASE, REASON, form_data
from tests.helpers.oews import sample_with
from tests.pages.test_sharing import head_tags


@pytest.fixture
def media(settings, tmp_path):
    """An empty storage, so a test sees only the cards it makes."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def card_of(slug):
    return preview_images.card_for(Role.objects.for_preview_card().get(slug=slug))


def shared_image(client, slug):
    """The og:image a chat app reads on the role page, fetched as it would fetch it."""
    tags = head_tags(client.get(f"/roles/{slug}/"))
    url = tags["og:image"]
    assert url.startswith(BASE + f"/roles/{slug}/preview.png?v=")
    parts = urlparse(url)
    return url, tags, client.get(f"{parts.path}?{parts.query}")


def decoded(body):
    image = Image.open(io.BytesIO(body))
    assert image.format == "PNG"
    return image.convert("RGB")


def differ(first, second):
    return ImageChops.difference(first, second).getbbox() is not None


# --- What the preview says ------------------------------------------------------------


def test_a_shared_role_page_previews_its_own_card_a_1200_by_630_png(client, media):
    url, tags, response = shared_image(client, "research-scientist")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert decoded(response.content).size == (1200, 630)
    assert len(response.content) < 60_000
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["twitter:card"] == "summary_large_image" and tags["twitter:image"] == url
    assert tags["og:image:alt"] == (
        "ML Career Guide: AI Research Scientist. Salary range, US$ a year: $120,000 – $180,000."
    )


def test_the_card_headlines_the_article_range_and_names_the_article(client):
    card = card_of("research-scientist")
    assert (card.title, card.pay) == ("AI Research Scientist", "$120,000 – $180,000")
    assert card.source.startswith("Source: What Careers Can You Pursue With a Machine Learning")
    assert "Imed Bouchrika, PhD (2026)" in card.source and card.source.endswith("as of 2026")


def test_without_the_article_s_range_the_card_shows_the_official_median(client):
    role = Role.objects.with_official_median().get(slug="ai-software-developer")
    assert not role.has_any_salary and role.official_median is not None
    card = card_of("ai-software-developer")
    assert card.pay == formatting.usd(role.official_median)
    assert card.pay_label == "Official median pay in the U.S., US$ a year"
    assert "U.S. Bureau of Labor Statistics" in card.source and "May 2025" in card.source
    assert f"{role.official_occupation} (SOC " in card.source
    alt = head_tags(client.get("/roles/ai-software-developer/"))["og:image:alt"]
    assert f"AI Software Developer. Official median pay in the U.S., US$ a year: {card.pay}" in alt


def test_with_no_figure_from_either_source_the_card_says_so_and_shows_no_amount(client):
    card = card_of("ai-ethicist")
    assert card.pay == "No figure yet"
    assert "$" not in card.pay + card.source
    assert "No figure yet" in head_tags(client.get("/roles/ai-ethicist/"))["og:image:alt"]


def test_other_pages_keep_the_site_card(client):
    for url in ("/", "/roles/", "/skills/python/", "/compare/"):
        image = head_tags(client.get(url))["og:image"]
        assert image == BASE + "/static/img/preview-card.png", url


# --- The picture follows the figures --------------------------------------------------


def test_the_card_s_pixels_change_when_the_salary_changes(client):
    before = decoded(preview_images.png(card_of("data-scientist")))
    Role.objects.filter(slug="data-scientist").update(salary_high=155_000)
    after = decoded(preview_images.png(card_of("data-scientist")))
    assert differ(before, after)
    again = decoded(preview_images.png(card_of("data-scientist")))
    assert not differ(after, again), "the same figures draw the same picture"


def test_the_shared_image_address_changes_with_the_pay_and_serves_the_new_card(client, media):
    old_url, _, old = shared_image(client, "data-scientist")
    assert old["Cache-Control"] == "public, max-age=31536000, immutable"
    role = Role.objects.get(slug="data-scientist")
    role.salary_low = 99_000
    role.save()
    new_url, tags, new = shared_image(client, "data-scientist")
    assert new_url != old_url and new.status_code == 200
    assert differ(decoded(old.content), decoded(new.content))
    assert "$99,000 – $150,000" in tags["og:image:alt"]
    # A page cached before the change still gets today's card, kept only briefly.
    stale = client.get(urlparse(old_url).path + "?" + urlparse(old_url).query)
    assert stale.content == new.content and stale["Cache-Control"] == "public, max-age=300"


def test_an_unknown_or_unpublished_role_has_no_image(client, media):
    assert client.get("/roles/no-such-role/preview.png").status_code == 404
    Role.objects.filter(slug="data-analyst").update(is_published=False)
    assert client.get("/roles/data-analyst/preview.png").status_code == 404


def test_a_renamed_role_s_old_image_address_redirects_to_its_card(client, media):
    role = Role.objects.get(slug="data-scientist")
    role.slug = "data-scientist-ml"
    role.save()
    response = client.get("/roles/data-scientist/preview.png?v=old")
    assert response.status_code == 301
    assert response["Location"] == preview_images.card_path(role, card_of("data-scientist-ml"))


# --- Drawn when saved, stored, never an error -------------------------------------------


def stored_card(role):
    """The stored PNG of the role's current card, or None."""
    role = Role.objects.for_preview_card().get(pk=role.pk)
    name = preview_images.stored_name(role, preview_images.card_for(role))
    if not default_storage.exists(name):
        return None
    with default_storage.open(name) as file:
        return file.read()


def test_saving_a_role_in_the_admin_draws_its_new_card_and_drops_the_old(
    editor_client, media, django_capture_on_commit_callbacks
):
    role = Role.objects.get(slug="robotics-engineer")
    preview_images.refresh_role_card(role.pk)
    old = stored_card(role)
    assert old is not None
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:careers_role_change", args=[role.pk]),
            form_data(role, salary_high=145_000),
        )
    assert response.status_code == 302
    new = stored_card(role)
    assert new is not None and differ(decoded(old), decoded(new))
    assert new == preview_images.png(card_of("robotics-engineer"))
    assert len(default_storage.listdir(f"previews/roles/{role.pk}")[1]) == 1


def test_a_csv_import_draws_the_cards_of_the_roles_it_changes(
    editor_client, media, django_capture_on_commit_callbacks
):
    rows = exported_rows(editor_client)
    row_for(rows, "computer-vision-engineer").update(salary_high="158000", change_reason=REASON)
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(editor_client, upload(editor_client, as_csv(rows)))
    assert response.status_code == 302
    role = Role.objects.get(slug="computer-vision-engineer")
    assert role.salary_high == 158_000 and stored_card(role) is not None


def test_a_new_bls_release_redraws_the_cards_that_headline_its_median(
    media, tmp_path, django_capture_on_commit_callbacks
):
    corrected = tmp_path / "national_M2025_dl.csv"
    corrected.write_bytes(sample_with("15-1252", A_MEDIAN="140000"))
    arguments = ["--release", "May 2025", "--published", "2026-05-15"]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_oews", str(corrected), *arguments, stdout=io.StringIO())
    card = card_of("ai-software-developer")
    assert card.pay == "$140,000"
    assert stored_card(Role.objects.get(slug="ai-software-developer")) == preview_images.png(card)


def test_a_card_not_drawn_yet_is_drawn_and_stored_on_its_first_request(client, media, settings):
    settings.DEBUG = False  # as in production: whitenoise would not serve MEDIA; the view does
    role = Role.objects.get(slug="data-analyst")
    assert stored_card(role) is None
    _, _, response = shared_image(client, "data-analyst")
    assert response.status_code == 200 and stored_card(role) == response.content


def test_storage_that_cannot_be_written_still_gets_the_card_drawn(client, settings, tmp_path):
    not_a_folder = tmp_path / "media"
    not_a_folder.write_text("a file where the folder should be")
    settings.MEDIA_ROOT = not_a_folder
    _, _, response = shared_image(client, "data-scientist")
    assert response.status_code == 200
    assert response.content == preview_images.png(card_of("data-scientist"))


def test_the_command_draws_changed_cards_only_and_is_safe_to_run_twice(media):
    def run():
        output = io.StringIO()
        call_command("build_preview_images", stdout=output)
        return output.getvalue().strip()

    published = Role.objects.published().count()
    assert run() == f"Preview images: {published} drawn, 0 unchanged, 0 removed."
    assert run() == f"Preview images: 0 drawn, {published} unchanged, 0 removed."
    Role.objects.filter(slug="data-scientist").update(salary_high=151_000)
    Role.objects.filter(slug="data-analyst").update(is_published=False)
    assert run() == f"Preview images: 1 drawn, {published - 2} unchanged, 1 removed."


# --- Long and unusual titles ------------------------------------------------------------

LONG_TITLES = [
    "Ingénieure principale en apprentissage automatique — systèmes de recommandation à "
    "très grande échelle, évaluation hors ligne et mesure d’impact pour l’Amérique du Nord",
    "機械学習エンジニア・大規模言語モデル・データ基盤の設計・運用を担当する専門職 🚀🤖 " * 2,
    "Supercalifragilisticexpialidociousmachinelearningoperationsreliabilityengineeringlead"
    "withoutanyspacesatallxyz",
    "مهندس تعلم الآلة\u200f للأنظمة الكبيرة\x00\x07 with\ttabs\nand line breaks",
]


@pytest.mark.parametrize("title", LONG_TITLES)
def test_a_long_or_unusual_title_stays_inside_the_card(client, media, make_role, title):
    card = RoleCard(title[:150], "Salary range, US$ a year", "$95,000 – $1,000,000", "Source: x")
    for line in preview_images.layout(card):
        left, top, right, bottom = line.bbox
        assert left >= MARGIN - 2 and right <= WIDTH - MARGIN, line
        assert top >= 0 and bottom <= HEIGHT, line
    image = decoded(preview_images.png(card))
    background = image.getpixel((WIDTH - 1, HEIGHT - 1))
    right_margin = image.crop((WIDTH - MARGIN + 1, 20, WIDTH, HEIGHT))
    foot = image.crop((0, HEIGHT - 40, WIDTH, HEIGHT))
    for strip in (right_margin, foot):
        assert strip.getcolors() == [(strip.width * strip.height, background)]
    # Saved as a role's title, its page and card still answer.
    role = make_role(title=title[:150].replace("\x00", ""), slug="long-title")
    _, _, response = shared_image(client, role.slug)
    assert response.status_code == 200 and decoded(response.content).size == (1200, 630)


def test_the_title_shrinks_before_it_wraps(client):
    short = preview_images.layout(RoleCard("Data Scientist", "Salary", "No figure yet", ""))
    long = preview_images.layout(RoleCard(LONG_TITLES[0], "Salary", "No figure yet", ""))
    title_sizes = {
        name: {line.size for line in lines if line.colour == preview_images.TITLE}
        for name, lines in (("short", short), ("long", long))
    }
    assert title_sizes["short"] == {72} and max(title_sizes["long"]) < 72
