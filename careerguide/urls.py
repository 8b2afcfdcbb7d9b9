from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from careers.sitemaps import SITEMAPS
from careers.views_site import healthz, robots_txt

admin.site.site_header = "ML Career Guide administration"
admin.site.site_title = "ML Career Guide admin"
admin.site.index_title = "Curate roles, skills, industries and credentials"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots-txt"),
    # For load balancers; not in the sitemap.
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page says. Lazy: the hashed static
    # name is known only once collectstatic has run, not when this module is imported.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"))),
    path("", include("careers.urls")),
]

handler404 = "careers.views_site.page_not_found"
