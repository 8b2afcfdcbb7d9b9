import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from careers.accounts import EDITORS_GROUP, create_staff_account

PASSWORD_VARIABLE = "EDITOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create an editor: a staff account in the Editors group, who can update roles' "
        f"figures and text in the admin. The password is read from ${PASSWORD_VARIABLE} "
        "or asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        password = os.environ.get(PASSWORD_VARIABLE) or self.ask_password()
        try:
            create_staff_account(username, password, group_name=EDITORS_GROUP, email=email)
        except ValueError as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Editor “{username}” created; sign in at /admin/."))

    def ask_password(self):
        if not sys.stdin.isatty():
            raise CommandError(f"No terminal to ask for a password: set ${PASSWORD_VARIABLE}.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password
