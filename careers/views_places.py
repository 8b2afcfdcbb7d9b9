"""The places pages: where the guide's roles are done and what they pay there, from
BLS's estimates by state and metropolitan area. Each view reads its input, calls one
query, and renders (careers/views.py holds the rest of the guide's pages)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode

from careers import seo, site_figures
from careers.filters import PlaceFilter
from careers.models import Area
from careers.official.place_pay import PlacePay
from careers.views import paginate

# Metropolitan areas on one page of the list: some four hundred in all.
METROS_PER_PAGE = 50

PLACE_LIST_DESCRIPTION = (
    "What the official occupations behind machine-learning roles pay in each U.S. state "
    "and metropolitan area, and how many people do them there: BLS figures."
)


def place_list(request):
    filterset = PlaceFilter(request.GET or None, queryset=Area.objects.local().where_roles_work())
    places = filterset.qs
    page, page_notice = paginate(request, places.metropolitan(), METROS_PER_PAGE)
    search = filterset.search
    return render(
        request,
        "careers/place_list.html",
        {
            "meta": seo.page_meta(
                request,
                f"Places matching “{search}”" if search else "Places",
                PLACE_LIST_DESCRIPTION,
                query=urlencode({"q": search}) if search else "",
            ),
            "filter": filterset,
            "search": search,
            "states": places.states(),
            "page": page,
            "page_notice": page_notice,
            "release": site_figures.newest_wage_release(),
        },
    )


def place_detail(request, slug):
    area = get_object_or_404(Area, slug=slug)
    if area.is_national:
        # The national figures already have their page, for every occupation.
        return redirect("careers:official-data")
    place = PlacePay.for_area(area)
    description = (
        f"What the official occupations behind machine-learning roles pay in {area.title}, "
        "beside what they pay nationally: BLS figures, with employment and concentration."
    )
    return render(
        request,
        "careers/place_detail.html",
        {
            "meta": seo.page_meta(request, f"Pay in {area.title}", description),
            "place": place,
            "area": area,
        },
    )
