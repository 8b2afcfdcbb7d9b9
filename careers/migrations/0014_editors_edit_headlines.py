"""Editors keep the article's headline content current: the field's salary range, the
key things to know and graduates' quotes, as they do the rest of the guide."""

from django.db import migrations

from careers.group_permissions import granting

EDITORS = "Editors"
CODENAMES = [
    *("view_fieldsalaryrange", "add_fieldsalaryrange", "change_fieldsalaryrange"),
    *("view_keypoint", "add_keypoint", "change_keypoint"),
    *("view_graduatequote", "add_graduatequote", "change_graduatequote"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("careers", "0013_cited_sources_and_headlines"),
    ]

    operations = [granting(EDITORS, CODENAMES)]
