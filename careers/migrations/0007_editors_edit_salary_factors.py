"""Editors keep "why pay varies" current: they see, add and change salary factors."""

from django.db import migrations

from careers.group_permissions import granting

EDITORS = "Editors"
CODENAMES = ["view_salaryfactor", "add_salaryfactor", "change_salaryfactor"]


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("careers", "0006_salary_factors"),
    ]

    operations = [granting(EDITORS, CODENAMES)]
