"""Public pages. Each view reads its input, calls one query or service, and renders."""

import io

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from careers import preview_images, seo, site_figures
from careers.comparing import COMPARE_MAX, COMPARE_MIN, compare
from careers.exporting import write_directory_csv
from careers.filters import RoleFilter
from careers.forms import CompareForm, SkillMatchForm
from careers.matching import RANKING_EXPLAINED, matches_for, ranked_roles
from careers.models import (
    ENTRY_LISTING,
    CareerStep,
    Credential,
    FieldSalaryRange,
    GraduateQuote,
    GuideEntry,
    Industry,
    KeyPoint,
    Occupation,
    Role,
    RoleCredential,
    RoleSkill,
    SalaryFactor,
    Shortlist,
    Skill,
    Statistic,
)
from careers.official import named_roles
from careers.official.industry_pay import IndustryPay
from careers.official.role_page_pay import RolePagePay
from careers.permalinks import find_by_slug
from careers.search import QUERY_MAX, search
from careers.structured_data import occupation


def paginate(request, queryset, per_page, *, count=None):
    """The requested page, or the nearest one that exists, with a notice when we moved.

    `count`, when the page already knows how many rows there are, saves counting them
    again. The page carries `elided_range`, the page numbers to link (with
    Paginator.ELLIPSIS standing for the ones left out), for includes/pagination.html."""
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count
    requested = request.GET.get("page", "")
    try:
        number = int(requested) if requested else 1
    except ValueError:
        number = None
    if number is None:
        page = paginator.page(1)
        notice = f"“{requested[:20]}” is not a page number, so here is page 1."
    elif not 1 <= number <= paginator.num_pages:
        nearest = 1 if number < 1 else paginator.num_pages
        page = paginator.page(nearest)
        notice = f"There is no page {number}; here is page {nearest} of {paginator.num_pages}."
    else:
        page = paginator.page(number)
        notice = ""
    # 1 … 4 5 6 … 810: a bounded row of links however many pages there are.
    page.elided_range = paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return page, notice


def home(request):
    return render(
        request,
        "careers/home.html",
        {
            "meta": seo.page_meta(request, seo.SITE_NAME),
            "statistics": Statistic.objects.headline(),
            "salary_ranges": FieldSalaryRange.objects.for_page(),
            "key_points": KeyPoint.objects.for_page(),
            "listings": site_figures.listings_with_role_counts(),
            "tracks": site_figures.track_counts(),
            "featured_roles": Role.objects.for_cards().featured().order_by("title"),
        },
    )


def directory_filter(request):
    return RoleFilter(request.GET or None, queryset=Role.objects.for_cards().order_by("title"))


def role_list(request):
    filterset = directory_filter(request)
    page, page_notice = paginate(request, filterset.qs, settings.ROLES_PER_PAGE)
    query = filterset.shareable_query()
    search = filterset.form.cleaned_data.get("q") if filterset.is_bound else ""
    title = f"Roles matching “{search}”" if search else "Roles for machine-learning graduates"
    if filterset.pay_area is not None:
        title += f", with official pay in {filterset.pay_area.title}"
    return render(
        request,
        "careers/role_list.html",
        {
            "meta": seo.page_meta(
                request,
                title,
                "Every career the guide covers for machine-learning graduates, filterable by "
                "industry, skill, credential, the article’s lists, salary and outlook.",
                query=query,
            ),
            "filter": filterset,
            "heading": title,
            "pay_release": site_figures.newest_wage_release() if filterset.pay_area else None,
            "page": page,
            "page_notice": page_notice,
            "applied_filters": filterset.applied_filters(),
            "active_filter_count": filterset.active_filter_count(),
            "skills_by_category": filterset.choices.skills_by_category(),
            "selected_skills": filterset.selected_skill_slugs(),
            "export_url": reverse("careers:role-export") + (f"?{query}" if query else ""),
        },
    )


@require_GET
def role_export(request):
    """The directory's current result (same filters, every page) as a CSV file."""
    filterset = directory_filter(request)
    stream = io.StringIO()
    write_directory_csv(filterset.qs.for_export(), stream, request.build_absolute_uri)
    response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ml-career-guide-roles.csv"'
    return response


def role_detail(request, slug):
    role, moved = find_by_slug(Role.objects.for_detail(), slug)
    if moved:
        return redirect(role, permanent=True)
    # Before the card and the structured data: it sets the national figures they read.
    pay = RolePagePay.for_role(role, request.GET.get("states_by"), request.GET.get("metros_by"))
    card = preview_images.card_for(role)
    meta = seo.page_meta(
        request,
        role.title,
        seo.role_description(role),
        og_type="article",
        image_path=preview_images.card_path(role, card),
        image_alt=card.alt,
    )
    return render(
        request,
        "careers/role_detail.html",
        {
            "role": role,
            "meta": meta,
            "structured_data": occupation(role, meta.canonical_url),
            "steps": CareerStep.objects.around(role),
            "pay_by_location": pay.by_location,
            "pay_by_industry": pay.by_industry,
        },
    )


def compare_roles(request):
    form = CompareForm(request.GET or None)
    chosen = form.comparing()
    comparison = compare(chosen, form.cleaned_data["area"]) if chosen else None
    return render(
        request,
        "careers/compare.html",
        {
            "meta": seo.page_meta(
                request,
                "Compare roles",
                "Machine-learning careers side by side: salary, outlook, education, skills, "
                "credentials and industries.",
                query=form.shareable_query() if comparison else "",
            ),
            "form": form,
            "comparison": comparison,
            "compare_min": COMPARE_MIN,
            "compare_max": COMPARE_MAX,
        },
    )


# The best matches first, a page at a time: with thousands of roles most match something.
MATCHES_PER_PAGE = 20


def skill_match(request):
    form = SkillMatchForm(request.GET or None)
    chosen = form.chosen_skills()
    page, page_notice = None, ""
    if chosen:
        page, page_notice = paginate(request, ranked_roles(chosen), MATCHES_PER_PAGE)
    return render(
        request,
        "careers/skill_match.html",
        {
            "meta": seo.page_meta(
                request,
                "Match your skills to roles",
                "Tick the skills you have and see which machine-learning roles fit, what each "
                "one still asks of you, and what it pays.",
                query=form.shareable_query(),
            ),
            "form": form,
            "chosen": chosen,
            "page": page,
            "page_notice": page_notice,
            "matches": matches_for(page.object_list, chosen) if page else [],
            "ranking_explained": RANKING_EXPLAINED,
            "skills_by_category": Skill.objects.grouped_by_category(),
            "selected_skills": [skill.slug for skill in chosen],
        },
    )


def site_search(request):
    results = search(request.GET.get("q", ""))
    title = f"Search results for “{results.query}”" if results.has_query else "Search the guide"
    return render(
        request,
        "careers/search.html",
        {
            "meta": seo.page_meta(
                request,
                title,
                "Search the guide's roles, skills, industries, credentials and advice.",
            ),
            "results": results,
            "query_max": QUERY_MAX,
        },
    )


# Role names linked from a skill's or a credential's page, a page at a time.
LINKS_PER_PAGE = 50


def skill_list(request):
    return render(
        request,
        "careers/skill_list.html",
        {
            "meta": seo.page_meta(
                request,
                "Skills",
                "The skills a machine-learning degree builds, grouped by kind, each with the "
                "roles that rely on it.",
            ),
            "skills_by_category": site_figures.skills_by_category(),
        },
    )


def skill_detail(request, slug):
    skills = Skill.objects.prefetch_related("aliases", "built_by")
    skill, moved = find_by_slug(skills, slug, alias_lookup="aliases__slug")
    if moved:
        return redirect(skill, permanent=True)
    page, page_notice = paginate(request, RoleSkill.objects.for_skill_page(skill), LINKS_PER_PAGE)
    description = f"Machine-learning roles that use {skill.name}. {skill.description}"
    return render(
        request,
        "careers/skill_detail.html",
        {
            "meta": seo.page_meta(request, skill.name, description),
            "skill": skill,
            "page": page,
            "page_notice": page_notice,
        },
    )


def industry_list(request):
    return render(
        request,
        "careers/industry_list.html",
        {
            "meta": seo.page_meta(
                request,
                "Industries",
                "The industries that hire machine-learning graduates, "
                "each with the roles it offers.",
            ),
            "industries": site_figures.industries_with_role_counts(),
        },
    )


def industry_detail(request, slug):
    industry, moved = find_by_slug(Industry.objects.with_role_counts(), slug)
    if moved:
        return redirect(industry, permanent=True)
    description = f"Machine-learning roles in {industry.name}. {industry.description}"
    roles = industry.roles.for_cards().order_by("title")
    page, page_notice = paginate(request, roles, settings.ROLES_PER_PAGE, count=industry.role_count)
    return render(
        request,
        "careers/industry_detail.html",
        {
            "meta": seo.page_meta(request, industry.name, description),
            "industry": industry,
            "page": page,
            "page_notice": page_notice,
            "official_pay": IndustryPay.for_industry(industry),
        },
    )


def credential_list(request):
    return render(
        request,
        "careers/credential_list.html",
        {
            "meta": seo.page_meta(
                request,
                "Credentials",
                "The degrees and certifications machine-learning roles ask for, and which roles "
                "require or prefer each.",
            ),
            "credentials": site_figures.credentials_with_role_counts(),
        },
    )


def credential_detail(request, slug):
    credential, moved = find_by_slug(Credential.objects.all(), slug)
    if moved:
        return redirect(credential, permanent=True)
    description = f"Which machine-learning roles require or prefer: {credential.name}."
    links = RoleCredential.objects.for_credential_page(credential)
    page, page_notice = paginate(request, links, LINKS_PER_PAGE)
    return render(
        request,
        "careers/credential_detail.html",
        {
            "meta": seo.page_meta(request, credential.name, description),
            "credential": credential,
            "page": page,
            "page_notice": page_notice,
        },
    )


def salary_factors(request):
    return render(
        request,
        "careers/salary_factors.html",
        {
            "meta": seo.page_meta(
                request,
                "Why pay varies",
                "What moves a machine-learning salary up or down: industry, experience, location, "
                "specialization and responsibility, with the figures our sources give.",
            ),
            "salary_ranges": FieldSalaryRange.objects.for_page(),
            "factors": SalaryFactor.objects.for_page(),
        },
    )


def guide(request):
    entries = GuideEntry.objects.for_page()
    return render(
        request,
        "careers/guide.html",
        {
            "meta": seo.page_meta(
                request,
                "After your degree",
                "What to do after a machine-learning degree: going straight into work, further "
                "study, building skills or starting a venture, and the questions students ask.",
            ),
            "next_steps": entries.next_steps(),
            "questions": entries.questions(),
            "quotes": GraduateQuote.objects.for_page(),
            "entry_listing": ENTRY_LISTING,
        },
    )


def guide_figures(request):
    return render(
        request,
        "careers/guide_figures.html",
        {
            "meta": seo.page_meta(
                request,
                "The field in figures",
                "Headline figures about machine-learning careers: job growth, employment after "
                "graduating, education and interdisciplinary paths, each with its source.",
            ),
            "statistics": Statistic.objects.with_sources(),
        },
    )


def official_data(request):
    return render(
        request,
        "careers/official_data.html",
        {
            "meta": seo.page_meta(
                request,
                "Official U.S. pay figures",
                "The U.S. Bureau of Labor Statistics’ wage estimates for the official occupations "
                "closest to each machine-learning role: percentiles, median and employment.",
            ),
            "release": site_figures.newest_wage_release(),
            "occupations": named_roles.attach(Occupation.objects.for_official_page()),
        },
    )


SHORTLIST_WITHDRAWN_DESCRIPTION = "The advisor who shared this shortlist has withdrawn it."


def shortlist_detail(request, token):
    shortlist = get_object_or_404(Shortlist.objects.for_public_page(), token=token)
    if shortlist.is_live():
        response = render(
            request,
            "careers/shortlist_detail.html",
            {
                "shortlist": shortlist,
                "meta": seo.shortlist_meta(request, shortlist),
            },
        )
    else:
        # 410 Gone: the list existed and the advisor took it down on purpose.
        meta = seo.page_meta(request, "Shortlist withdrawn", SHORTLIST_WITHDRAWN_DESCRIPTION)
        response = render(request, "careers/shortlist_withdrawn.html", {"meta": meta}, status=410)
    # Shared links are private: keep them out of search results even if one is posted.
    response["X-Robots-Tag"] = "noindex"
    return response
