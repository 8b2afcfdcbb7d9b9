"""sitemap.xml: every public page, with when it last changed."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse

from careers.models import Area, Credential, Industry, Role, Skill, WageRelease


class RoleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Role.objects.published().order_by("slug")

    def lastmod(self, role):
        return role.updated_at


class TopicSitemap(Sitemap):
    """Skills, industries and credentials: a page changes when one of its roles does."""

    changefreq = "monthly"
    priority = 0.5
    model = None

    def items(self):
        return self.model.objects.annotate(
            last_role_update=Max("roles__updated_at", filter=Q(roles__is_published=True))
        ).order_by("slug")

    def lastmod(self, topic):
        return topic.last_role_update


class SkillSitemap(TopicSitemap):
    model = Skill


class IndustrySitemap(TopicSitemap):
    model = Industry


class CredentialSitemap(TopicSitemap):
    model = Credential


class PlaceSitemap(Sitemap):
    """Every state, territory, metropolitan and nonmetropolitan area with figures for the
    guide's occupations: a page changes when BLS publishes a release."""

    changefreq = "yearly"
    priority = 0.4

    def items(self):
        return Area.objects.local().where_roles_work().order_by("slug")

    def lastmod(self, area):
        if not hasattr(self, "_published"):
            self._published = WageRelease.objects.aggregate(latest=Max("published"))["latest"]
        return self._published


class SectionSitemap(Sitemap):
    """The home page, the list pages and the ways in (match, paths, the guide).

    Not the search page: its results are not pages of their own."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return [
            "careers:home",
            "careers:role-list",
            "careers:match",
            "careers:paths",
            "careers:skill-list",
            "careers:industry-list",
            "careers:credential-list",
            "careers:salary-factors",
            "careers:guide",
            "careers:guide-figures",
            "careers:official-data",
            "careers:place-list",
        ]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        if not hasattr(self, "_latest"):
            self._latest = Role.objects.published().aggregate(latest=Max("updated_at"))["latest"]
        return self._latest


SITEMAPS = {
    "sections": SectionSitemap,
    "roles": RoleSitemap,
    "skills": SkillSitemap,
    "industries": IndustrySitemap,
    "credentials": CredentialSitemap,
    "places": PlaceSitemap,
}
