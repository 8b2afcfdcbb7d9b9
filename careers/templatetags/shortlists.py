"""The "Add to shortlist" control, for signed-in advisors only."""

from django import template

from careers.accounts import is_advisor
from careers.models import Role, Shortlist

register = template.Library()


@register.inclusion_tag("includes/add_to_shortlist.html", takes_context=True)
def add_to_shortlist(context, roles):
    """A small form putting `roles` (a role, or one of several) on one of the advisor's
    lists or a new one. Renders nothing, and asks the database nothing, for anyone not
    signed in: pages anonymous visitors see may be cached, so it must never reach them."""
    request = context["request"]
    if not request.user.is_authenticated or not is_advisor(request.user):
        return {"show": False}
    return {
        "show": True,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "roles": [roles] if isinstance(roles, Role) else list(roles),
        "shortlists": list(Shortlist.objects.owned_by(request.user).only("pk", "title")),
    }
