"""Editors link roles to official occupations and import BLS wage releases."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    careers = apps.get_app_config("careers")
    careers.models_module = True
    create_permissions(careers, apps=apps, verbosity=0)
    careers.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    permissions = Permission.objects.filter(content_type__app_label="careers", codename__in=CODENAMES)
    assert permissions.count() == len(CODENAMES), "missing careers permissions"
    group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="careers", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("careers", "0011_official_wage_data"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
