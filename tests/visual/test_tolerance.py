"""The tolerance the reference screenshots are compared with: noise passes, a design
change fails, and a reference is stored small without changing what it shows."""

import io

from PIL import Image, ImageDraw

from tests.helpers import screenshots
from tests.helpers.screenshots import compare, small_png


def page_like(width=360, height=600):
    """A white page with lines of dark 'text' and a coloured bar."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for top in range(20, height - 20, 24):
        draw.rectangle((16, top, width - 40, top + 10), fill=(30, 30, 40))
    draw.rectangle((16, 300, 200, 320), fill=(40, 90, 200))
    return image


def test_an_identical_screenshot_matches():
    assert compare(page_like(), page_like()).matches


def test_faint_anti_aliasing_differences_are_tolerated():
    noisy = page_like()
    pixels = noisy.load()
    for x in range(0, noisy.width, 3):
        for y in range(0, noisy.height, 5):
            r, g, b = pixels[x, y]
            pixels[x, y] = (max(r - 20, 0), max(g - 20, 0), max(b - 20, 0))
    assert compare(page_like(), noisy).matches


def test_a_handful_of_stray_pixels_is_tolerated():
    speckled = page_like()
    for x in range(10):
        speckled.putpixel((300 + x, 5), (255, 0, 0))
    result = compare(page_like(), speckled)
    assert result.differing == 10
    assert result.matches


def test_a_moved_block_beyond_the_tolerance_fails_and_is_drawn_in_red():
    changed = page_like()
    ImageDraw.Draw(changed).rectangle((16, 300, 200, 320), fill="white")
    ImageDraw.Draw(changed).rectangle((16, 330, 200, 350), fill=(40, 90, 200))
    result = compare(page_like(), changed)
    assert not result.matches
    assert result.share > screenshots.MAX_DIFFERING_SHARE
    assert result.difference.getpixel((100, 310)) == (220, 0, 0)
    assert result.difference.getpixel((300, 5)) != (220, 0, 0)
    assert "of pixels differ" in result.describe()


def test_a_page_that_grew_by_more_than_a_few_pixels_fails_even_if_the_top_matches():
    taller = page_like(height=600 + screenshots.MAX_SIZE_CHANGE + 1)
    taller.paste(page_like(), (0, 0))
    result = compare(page_like(), taller)
    assert not result.matches
    assert "reference 360×600 px" in result.describe()
    slightly = page_like(height=600 + screenshots.MAX_SIZE_CHANGE)
    slightly.paste(page_like(), (0, 0))
    assert compare(page_like(), slightly).matches


def test_a_stored_reference_is_smaller_and_still_matches_the_screenshot():
    screenshot = page_like()
    raw = io.BytesIO()
    screenshot.save(raw, format="PNG")
    stored = small_png(screenshot)
    assert len(stored) < len(raw.getvalue())
    assert compare(Image.open(io.BytesIO(stored)), screenshot).share == 0


def test_references_are_rewritten_only_when_asked(monkeypatch):
    monkeypatch.delenv(screenshots.UPDATE_VARIABLE, raising=False)
    assert not screenshots.updating()
    monkeypatch.setenv(screenshots.UPDATE_VARIABLE, "0")
    assert not screenshots.updating()
    monkeypatch.setenv(screenshots.UPDATE_VARIABLE, "1")
    assert screenshots.updating()
