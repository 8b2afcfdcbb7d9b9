"""Editors curate the article's lists of roles."""

from django.db import migrations

from careers.group_permissions import granting

EDITORS = "Editors"
CODENAMES = [
    "view_articlelisting",
    "add_articlelisting",
    "change_articlelisting",
    "delete_articlelisting",
]


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("careers", "0015_career_step_basis"),
    ]

    operations = [granting(EDITORS, CODENAMES)]
