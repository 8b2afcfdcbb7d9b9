from careers.accounts import EDITORS_GROUP
from careers.management.staff_command import StaffAccountCommand

PASSWORD_VARIABLE = "EDITOR_PASSWORD"


class Command(StaffAccountCommand):
    help = (
        "Create an editor: a staff account in the Editors group, who can update roles' "
        f"figures and text in the admin. The password is read from ${PASSWORD_VARIABLE} "
        "or asked for."
    )
    group_name = EDITORS_GROUP
    password_variable = PASSWORD_VARIABLE
    person = "Editor"
