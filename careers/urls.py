from django.urls import path

from careers import views, views_paths, views_places, views_preview, views_shortlists

app_name = "careers"

urlpatterns = [
    path("", views.home, name="home"),
    path("roles/", views.role_list, name="role-list"),
    path("roles/export.csv", views.role_export, name="role-export"),
    path("compare/", views.compare_roles, name="compare"),
    path("match/", views.skill_match, name="match"),
    path("paths/", views_paths.career_paths, name="paths"),
    path("search/", views.site_search, name="search"),
    path("roles/<slug:slug>/", views.role_detail, name="role-detail"),
    path(
        "roles/<slug:slug>/preview.png",
        views_preview.role_preview_image,
        name="role-preview-image",
    ),
    path("skills/", views.skill_list, name="skill-list"),
    path("skills/<slug:slug>/", views.skill_detail, name="skill-detail"),
    path("industries/", views.industry_list, name="industry-list"),
    path("industries/<slug:slug>/", views.industry_detail, name="industry-detail"),
    path("credentials/", views.credential_list, name="credential-list"),
    path("credentials/<slug:slug>/", views.credential_detail, name="credential-detail"),
    path("salary-factors/", views.salary_factors, name="salary-factors"),
    path("guide/", views.guide, name="guide"),
    path("guide/figures/", views.guide_figures, name="guide-figures"),
    path("official-data/", views.official_data, name="official-data"),
    path("places/", views_places.place_list, name="place-list"),
    path("places/<slug:slug>/", views_places.place_detail, name="place-detail"),
    path("shortlists/<str:token>/", views.shortlist_detail, name="shortlist-detail"),
    # An advisor's own lists (issue 17). Not under /shortlists/, whose next part is a token.
    path("my-shortlists/", views_shortlists.my_shortlists, name="my-shortlists"),
    path("my-shortlists/add-role/", views_shortlists.add_to_shortlist, name="add-to-shortlist"),
    path("my-shortlists/<int:pk>/", views_shortlists.my_shortlist, name="my-shortlist"),
    path(
        "my-shortlists/<int:pk>/delete/",
        views_shortlists.shortlist_delete,
        name="my-shortlist-delete",
    ),
    path(
        "my-shortlists/<int:pk>/new-link/",
        views_shortlists.shortlist_renew_link,
        name="my-shortlist-new-link",
    ),
    path(
        "my-shortlists/<int:pk>/roles/<int:item_pk>/note/",
        views_shortlists.shortlist_note,
        name="my-shortlist-note",
    ),
    path(
        "my-shortlists/<int:pk>/roles/<int:item_pk>/up/",
        views_shortlists.shortlist_move,
        {"places": -1},
        name="my-shortlist-up",
    ),
    path(
        "my-shortlists/<int:pk>/roles/<int:item_pk>/down/",
        views_shortlists.shortlist_move,
        {"places": 1},
        name="my-shortlist-down",
    ),
    path(
        "my-shortlists/<int:pk>/roles/<int:item_pk>/remove/",
        views_shortlists.shortlist_remove,
        name="my-shortlist-remove",
    ),
]
