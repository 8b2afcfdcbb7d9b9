"""Editors keep the graduates' guide current: they see, add and change guide entries."""

from django.db import migrations

from careers.group_permissions import granting

EDITORS = "Editors"
CODENAMES = ["view_guideentry", "add_guideentry", "change_guideentry"]


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("careers", "0008_guide_entries"),
    ]

    operations = [granting(EDITORS, CODENAMES)]
