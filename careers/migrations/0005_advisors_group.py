"""The Advisors group, so every fresh set-up has it with exactly the permissions advisors need."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADVISORS = "Advisors"

# (model, actions). Advisors make, change and delete shortlists and the roles on
# them (the admin then limits each advisor to their own lists); they see roles
# only so the role picker on a shortlist can search them. Nothing else.
ADVISOR_PERMISSIONS = [
    ("shortlist", ("view", "add", "change", "delete")),
    ("shortlistitem", ("view", "add", "change", "delete")),
    ("role", ("view",)),
]


def create_advisors_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    careers = apps.get_app_config("careers")
    careers.models_module = True
    create_permissions(careers, apps=apps, verbosity=0)
    careers.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ADVISORS)
    codenames = [f"{action}_{model}" for model, actions in ADVISOR_PERMISSIONS for action in actions]
    permissions = Permission.objects.filter(content_type__app_label="careers", codename__in=codenames)
    assert permissions.count() == len(codenames), "missing careers permissions"
    group.permissions.set(permissions)


def remove_advisors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ADVISORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("careers", "0004_shortlists"),
    ]

    operations = [migrations.RunPython(create_advisors_group, remove_advisors_group)]
