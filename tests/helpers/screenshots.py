"""Reference screenshots: comparing a page's screenshot with its checked-in reference
within a tolerance, drawing where they differ, and storing references small.

Used by tests/visual/; `make visual-references` rewrites the references."""

import io
import os
from dataclasses import dataclass

from PIL import Image, ImageChops

# A pixel differs when one of its colour channels is further apart than this (of 255):
# smaller changes are anti-aliasing and the references' reduced palette, not design.
CHANNEL_THRESHOLD = 24
# A screenshot matches when no more than this share of its pixels differ. Small: on the
# same machine a page renders to the same pixels every time, while widening the h1's
# letter spacing by 2 px changed only 0.04–0.35% of a full page's pixels.
MAX_DIFFERING_SHARE = 0.0002
# ...and its width and height are within this many pixels of the reference's.
MAX_SIZE_CHANGE = 4

UPDATE_VARIABLE = "UPDATE_VISUAL_REFERENCES"
UPDATE_HINT = (
    "if the change is intended, run `make visual-references` "
    f"(or {UPDATE_VARIABLE}=1 pytest tests/visual) and review the new images in the diff"
)


def updating():
    """Whether this run rewrites the references instead of checking against them."""
    return os.environ.get(UPDATE_VARIABLE, "").strip().lower() in {"1", "true", "yes"}


@dataclass
class Comparison:
    reference_size: tuple
    actual_size: tuple
    differing: int = 0
    compared: int = 0
    difference: Image.Image | None = None

    @property
    def size_changed(self):
        return any(
            abs(a - r) > MAX_SIZE_CHANGE
            for a, r in zip(self.actual_size, self.reference_size, strict=True)
        )

    @property
    def share(self):
        return self.differing / self.compared if self.compared else 0.0

    @property
    def matches(self):
        return not self.size_changed and self.share <= MAX_DIFFERING_SHARE

    def describe(self):
        if self.size_changed:
            return (
                f"size {self.actual_size[0]}×{self.actual_size[1]} px, reference "
                f"{self.reference_size[0]}×{self.reference_size[1]} px"
            )
        return (
            f"{self.share:.3%} of pixels differ (at most {MAX_DIFFERING_SHARE:.2%} may), "
            f"size {self.actual_size[0]}×{self.actual_size[1]} px"
        )


def compare(reference, actual):
    """Compare two images over the area they share; a size change beyond
    MAX_SIZE_CHANGE fails on its own, whatever the pixels say."""
    reference, actual = reference.convert("RGB"), actual.convert("RGB")
    result = Comparison(reference.size, actual.size)
    width = min(reference.width, actual.width)
    height = min(reference.height, actual.height)
    box = (0, 0, width, height)
    channels = ImageChops.difference(reference.crop(box), actual.crop(box)).split()
    largest = ImageChops.lighter(ImageChops.lighter(channels[0], channels[1]), channels[2])
    mask = largest.point(lambda value: 255 if value > CHANNEL_THRESHOLD else 0)
    result.differing = mask.histogram()[255]
    result.compared = width * height
    result.difference = difference_image(reference.crop(box), mask)
    return result


def difference_image(reference, mask):
    """The reference faded to grey, with every differing pixel in red."""
    faded = Image.blend(
        reference.convert("L").convert("RGB"), Image.new("RGB", reference.size, "white"), 0.6
    )
    faded.paste(Image.new("RGB", reference.size, (220, 0, 0)), mask=mask)
    return faded


def small_png(image):
    """PNG bytes for a reference: a 256-colour palette and full compression keep a
    text-heavy page to a fraction of its screenshot's size."""
    palette = image.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
