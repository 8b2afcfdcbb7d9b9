"""Public pages. Each view reads its input, calls one query, and renders."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from careers.filters import RoleFilter
from careers.models import Credential, Industry, Role, RoleCredential, RoleSkill, Skill, Statistic


def paginate(request, queryset, per_page):
    """The requested page, or the nearest one that exists, with a notice when we moved."""
    paginator = Paginator(queryset, per_page)
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
    return page, notice


def home(request):
    published = Role.objects.published()
    counts = published.aggregate(
        **{f"stage_{value}": Count("pk", filter=Q(stage=value)) for value in Role.Stage.values},
        **{f"track_{value}": Count("pk", filter=Q(track=value)) for value in Role.Track.values},
    )
    stages = [(value, label, counts[f"stage_{value}"]) for value, label in Role.Stage.choices]
    tracks = [(value, label, counts[f"track_{value}"]) for value, label in Role.Track.choices]
    return render(
        request,
        "careers/home.html",
        {
            "statistics": Statistic.objects.headline(),
            "stages": stages,
            "tracks": tracks,
        },
    )


def role_list(request):
    filterset = RoleFilter(
        request.GET or None, queryset=Role.objects.for_directory().order_by("title")
    )
    page, page_notice = paginate(request, filterset.qs, settings.ROLES_PER_PAGE)
    return render(
        request,
        "careers/role_list.html",
        {
            "filter": filterset,
            "page": page,
            "page_notice": page_notice,
            "applied_filters": filterset.applied_filters(),
            "skills_by_category": Skill.objects.grouped_by_category(),
            "selected_skills": filterset.selected_skill_slugs(),
        },
    )


def role_detail(request, slug):
    role = get_object_or_404(Role.objects.for_detail(), slug=slug)
    return render(request, "careers/role_detail.html", {"role": role})


def skill_list(request):
    return render(
        request,
        "careers/skill_list.html",
        {"skills_by_category": Skill.objects.with_role_counts().grouped_by_category()},
    )


def skill_detail(request, slug):
    skill = get_object_or_404(Skill, slug=slug)
    role_skills = (
        RoleSkill.objects.filter(skill=skill, role__is_published=True)
        .select_related("role")
        .order_by("importance", "role__title")
    )
    return render(
        request, "careers/skill_detail.html", {"skill": skill, "role_skills": role_skills}
    )


def industry_list(request):
    industries = Industry.objects.with_role_counts()
    return render(request, "careers/industry_list.html", {"industries": industries})


def industry_detail(request, slug):
    industry = get_object_or_404(Industry, slug=slug)
    roles = industry.roles.for_directory().order_by("title")
    return render(request, "careers/industry_detail.html", {"industry": industry, "roles": roles})


def credential_list(request):
    credentials = Credential.objects.with_role_counts()
    return render(request, "careers/credential_list.html", {"credentials": credentials})


def credential_detail(request, slug):
    credential = get_object_or_404(
        Credential.objects.prefetch_related(
            Prefetch(
                "role_credentials",
                queryset=RoleCredential.objects.filter(role__is_published=True)
                .select_related("role")
                .order_by("requirement", "role__title"),
            )
        ),
        slug=slug,
    )
    return render(request, "careers/credential_detail.html", {"credential": credential})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)
