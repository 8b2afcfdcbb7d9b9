"""What createeditor and createadvisor share: a staff account in one group, with the
password read from the environment or asked for at the terminal."""

import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from careers.accounts import create_staff_account


class StaffAccountCommand(BaseCommand):
    """Subclasses name the group, the environment variable and what the person is called."""

    group_name = None  # e.g. EDITORS_GROUP
    password_variable = None  # e.g. "EDITOR_PASSWORD"
    person = None  # e.g. "Editor", as in "Editor “marta” created"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        password = os.environ.get(self.password_variable) or self.ask_password()
        try:
            create_staff_account(username, password, group_name=self.group_name, email=email)
        except ValueError as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(f"{self.person} “{username}” created; sign in at /admin/.")
        )

    def ask_password(self):
        if not sys.stdin.isatty():
            raise CommandError(f"No terminal to ask for a password: set ${self.password_variable}.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password
