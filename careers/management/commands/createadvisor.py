from careers.accounts import ADVISORS_GROUP
from careers.management.staff_command import StaffAccountCommand

PASSWORD_VARIABLE = "ADVISOR_PASSWORD"


class Command(StaffAccountCommand):
    help = (
        "Create an advisor: a staff account in the Advisors group, who can build shortlists "
        f"of roles in the admin and share them by link. The password is read from "
        f"${PASSWORD_VARIABLE} or asked for."
    )
    group_name = ADVISORS_GROUP
    password_variable = PASSWORD_VARIABLE
    person = "Advisor"
