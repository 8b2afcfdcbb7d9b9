"""Editors link roles to official occupations and import BLS wage releases."""

from django.db import migrations

from careers.group_permissions import granting

EDITORS = "Editors"
CODENAMES = [
    "view_occupation",
    "add_occupation",
    "change_occupation",
    "view_roleoccupation",
    "add_roleoccupation",
    "change_roleoccupation",
    "delete_roleoccupation",
    "view_wagerelease",
    "change_wagerelease",
    "view_wageestimate",
    "import_wageestimate",
]


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("careers", "0011_official_wage_data"),
    ]

    operations = [granting(EDITORS, CODENAMES)]
