"""The career paths page: the whole map while the guide is small, one stage (one of
the article's lists) at a time, a page of roles at once, when it is not."""

from django.conf import settings
from django.shortcuts import render

from careers import seo
from careers.forms import PathStageForm
from careers.models import ArticleListing, CareerStep, Role
from careers.paths import (
    UNLISTED_HEADING,
    UNLISTED_KEY,
    UNLISTED_NOTE,
    Group,
    career_map,
    stage_choices,
    stage_map,
    stage_roles,
)
from careers.views import paginate

# Roles of one stage drawn at once: a map about as tall as the seed's whole map.
STAGE_ROLES_PER_PAGE = 20

PATHS_DESCRIPTION = (
    "How machine-learning careers connect: entry-level roles, the roles they lead "
    "to with and without further study, and the interdisciplinary alternatives."
)


def career_paths(request):
    listings = list(ArticleListing.objects.with_source())
    form = PathStageForm(request.GET or None, stages=stage_choices(listings))
    stage = form.chosen_stage()
    small = Role.objects.published().count() <= settings.PATHS_WHOLE_MAP_MAX_ROLES
    context = {"form": form, "small": small, "step_kinds": CareerStep.Kind.choices}
    if small and not stage:
        context.update(map=career_map(listings), whole_map=True)
    else:
        stage = stage or (listings[0].slug if listings else UNLISTED_KEY)
        listing = next((item for item in listings if item.slug == stage), None)
        group = (
            Group(listing.slug, listing.title, listing.note, listing.source)
            if listing
            else Group(UNLISTED_KEY, UNLISTED_HEADING, UNLISTED_NOTE)
        )
        page, page_notice = paginate(request, stage_roles(listing), STAGE_ROLES_PER_PAGE)
        context.update(
            map=stage_map(group, page.object_list),
            page=page,
            page_notice=page_notice,
            stage_group=group,
        )
    context["meta"] = seo.page_meta(request, "Career paths", PATHS_DESCRIPTION)
    return render(request, "careers/paths.html", context)
