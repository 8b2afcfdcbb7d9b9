from django.core.management.base import BaseCommand, CommandError

from careers.demo_data import DEMO_PREFIX, generate_demo_data, remove_demo_data

MAX_ROLES = 100_000


class Command(BaseCommand):
    help = (
        "Add synthetic demo roles (titles start 'Demo', slugs 'demo-', figures cite "
        "'Synthetic demo data') with skills, industries, credentials, occupations and "
        "career steps, to measure the site at size; replaces earlier demo data. Never "
        "loaded by default. --remove takes it away."
    )

    def add_arguments(self, parser):
        parser.add_argument("--roles", type=int, default=10_000, help="how many (default 10000)")
        parser.add_argument("--seed", type=int, default=2025, help="the same seed, the same data")
        parser.add_argument("--remove", action="store_true", help="only remove the demo data")

    def handle(self, *, roles, seed, remove, **options):
        if remove:
            remove_demo_data()
            self.stdout.write(
                f"Removed the demo data (every role whose slug starts {DEMO_PREFIX})."
            )
            return
        if not 1 <= roles <= MAX_ROLES:
            raise CommandError(f"--roles must be between 1 and {MAX_ROLES:,}, not {roles:,}.")
        made = generate_demo_data(roles, seed=seed)
        self.stdout.write(f"Made {made:,} demo roles. Remove them with --remove.")
