from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "ML Career Guide administration"
admin.site.site_title = "ML Career Guide admin"
admin.site.index_title = "Curate roles, skills, industries and credentials"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("careers.urls")),
]

handler404 = "careers.views.page_not_found"
