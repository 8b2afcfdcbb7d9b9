from django.core.management.base import BaseCommand

from careers.seeding import load_seed


class Command(BaseCommand):
    help = (
        "Load the guide's seed data (fixtures/*.json) into every table that is still empty. "
        "Safe to run again: tables that already hold rows are never changed."
    )

    def handle(self, *args, **options):
        report = load_seed()
        self.stdout.write(str(report))
