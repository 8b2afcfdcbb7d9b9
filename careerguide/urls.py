from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from careers.sitemaps import SITEMAPS
from careers.views import robots_txt

admin.site.site_header = "ML Career Guide administration"
admin.site.site_title = "ML Career Guide admin"
admin.site.index_title = "Curate roles, skills, industries and credentials"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots-txt"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
    path("", include("careers.urls")),
]

handler404 = "careers.views.page_not_found"
