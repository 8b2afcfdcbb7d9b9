"""The database's statistics about its tables, which its query planner chooses indexes
by. Refreshed after every bulk load (the seed, a BLS import, demo data): without them
SQLite guessed, and with 10,000 roles a directory page read every national estimate
for each role it listed, seconds where it now takes milliseconds. PostgreSQL's
autovacuum refreshes them too, but only later; ANALYZE now costs well under a second."""

from django.db import connection


def refresh_planner_statistics():
    """ANALYZE: the same statement on SQLite and PostgreSQL."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
