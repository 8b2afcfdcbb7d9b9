"""Editors curate the article's lists of roles in the admin, and every change is kept."""

from django.urls import reverse

from careers.models import ArticleListing, Role


def test_an_editor_adds_a_role_to_a_list_and_the_change_is_kept_in_its_history(editor_client):
    listing = ArticleListing.objects.get(slug="mid")
    roles = list(listing.roles.values_list("pk", flat=True))
    robotics = Role.objects.get(slug="robotics-engineer")
    response = editor_client.post(
        reverse("admin:careers_articlelisting_change", args=[listing.pk]),
        {
            "title": listing.title,
            "slug": listing.slug,
            "note": listing.note,
            "position": listing.position,
            "source": listing.source_id,
            "roles": [*roles, robotics.pk],
        },
    )
    assert response.status_code == 302
    assert listing.roles.filter(pk=robotics.pk).exists()
    latest = listing.history.latest()
    assert latest.history_user is not None  # who made the change
    assert robotics.pk in [row.role_id for row in latest.roles.all()]
    # The directory's list filter finds the role there at once.
    assert editor_client.get("/roles/", {"stage": "mid"}).context["page"].paginator.count == 5


def test_an_editor_can_curate_lists_but_the_list_page_shows_each_lists_size(editor_client):
    page = editor_client.get(reverse("admin:careers_articlelisting_changelist"))
    assert page.status_code == 200
    html = page.content.decode()
    for listing in ArticleListing.objects.all():
        assert listing.title in html
    assert editor_client.get(reverse("admin:careers_articlelisting_add")).status_code == 200
