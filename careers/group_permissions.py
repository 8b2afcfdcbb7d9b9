"""Giving a staff group careers permissions from a data migration.

Used by the migrations that grant the Editors group what each new feature needs.
Everything goes through the historical models the migration passes in, so the
functions stay valid whatever the models become later.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="careers", codename__in=codenames)


def granting(group_name, codenames):
    """A RunPython operation that gives `group_name` (made if missing) the careers
    permissions `codenames`, and takes them away again when the migration is reversed."""

    def grant(apps, schema_editor):
        # Permissions are normally created after all migrations; make sure they exist now.
        careers = apps.get_app_config("careers")
        careers.models_module = True
        create_permissions(careers, apps=apps, verbosity=0)
        careers.models_module = None

        Group = apps.get_model("auth", "Group")
        group, _ = Group.objects.get_or_create(name=group_name)
        permissions = _permissions(apps, codenames)
        assert permissions.count() == len(codenames), "missing careers permissions"
        group.permissions.add(*permissions)

    def revoke(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, codenames))

    return migrations.RunPython(grant, revoke)
