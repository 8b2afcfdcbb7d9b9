"""On PostgreSQL only: the pg_trgm extension the search ranks titles with, and trigram
indexes on the role fields a search looks in, in the form the case-insensitive
substring match uses (UPPER(field) LIKE UPPER('%word%')), so a search of
10,000 roles reads the index rather than every row. SQLite has neither; there these
operations do nothing, and the model state does not change (makemigrations stays clean).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# name: (table, the indexed expression, exactly as Django writes it: a varchar column is
# cast to text, a text column is not).
INDEXED = {
    "careers_role_title_trgm": ("careers_role", 'UPPER("title"::text)'),
    "careers_role_summary_trgm": ("careers_role", 'UPPER("summary"::text)'),
    "careers_role_description_trgm": ("careers_role", 'UPPER("description")'),
    "careers_skill_name_trgm": ("careers_skill", 'UPPER("name"::text)'),
    "careers_skillalias_name_trgm": ("careers_skillalias", 'UPPER("name"::text)'),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, expression) in INDEXED.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (({expression}) gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXED:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("careers", "0021_one_list_of_hedges")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
