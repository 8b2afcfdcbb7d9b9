"""The Editors group, so every fresh set-up has it with exactly the permissions editors need."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"

# (model, actions). Editors change roles' figures and text but never add or delete
# roles; they add and change skills, industries, credentials and sources; they
# see (not edit) a role's skill, credential and career-step links. Nothing of
# users, groups or permissions.
EDITOR_PERMISSIONS = [
    ("role", ("view", "change")),
    ("statistic", ("view", "change")),
    ("skill", ("view", "add", "change")),
    ("industry", ("view", "add", "change")),
    ("credential", ("view", "add", "change")),
    ("source", ("view", "add", "change")),
    ("roleskill", ("view",)),
    ("rolecredential", ("view",)),
    ("careerstep", ("view",)),
]


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    careers = apps.get_app_config("careers")
    careers.models_module = True
    create_permissions(careers, apps=apps, verbosity=0)
    careers.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    codenames = [f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS for action in actions]
    permissions = Permission.objects.filter(content_type__app_label="careers", codename__in=codenames)
    assert permissions.count() == len(codenames), "missing careers permissions"
    group.permissions.set(permissions)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("careers", "0002_editors_history_and_revisions"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
