"""A role's link-preview card (its pages' og:image), from careers.preview_images."""

import logging

from django.http import HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from careers import preview_images, seo
from careers.models import Role
from careers.permalinks import find_by_slug

logger = logging.getLogger(__name__)

# The address carries the card's digest (?v=), so the current card may be kept for a
# year; another digest (a page cached before the role changed) gets today's card, briefly.
CURRENT_CARD_CACHE = "public, max-age=31536000, immutable"
OTHER_CARD_CACHE = "public, max-age=300"


@require_safe
def role_preview_image(request, slug):
    role, moved = find_by_slug(Role.objects.for_preview_card(), slug)
    card = preview_images.card_for(role)
    if moved:
        return redirect(preview_images.card_path(role, card), permanent=True)
    try:
        body = preview_images.card_png(role)
    except Exception:
        # A link preview is never worth an error page: the site's own card will do.
        logger.exception("Could not draw the preview card of %s", role)
        return redirect(static(seo.PREVIEW_IMAGE))
    response = HttpResponse(body, content_type="image/png")
    current = request.GET.get("v") == card.digest
    response["Cache-Control"] = CURRENT_CARD_CACHE if current else OTHER_CARD_CACHE
    return response
