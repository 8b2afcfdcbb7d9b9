"""Staff accounts for the people who curate the guide."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

EDITORS_GROUP = "Editors"
ADVISORS_GROUP = "Advisors"


@transaction.atomic
def create_staff_account(username, password, *, group_name, email=""):
    """Create a staff user in `group_name` (a group the migrations made).

    Raises ValueError if the name is taken, and ValidationError if the password
    fails the project's password validators.
    """
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValueError(f"An account named “{username}” already exists.")
    group = Group.objects.get(name=group_name)
    user = User(username=username, email=email, is_staff=True)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    user.groups.add(group)
    return user


def is_advisor(user):
    """Whether `user` may keep shortlists on the site: signed in, active and allowed to
    make shortlists (the advisors group's permission; a superuser has every one)."""
    return user.is_authenticated and user.is_active and user.has_perm("careers.add_shortlist")
