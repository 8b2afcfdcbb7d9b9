"""Saving a role's figures with the reason they changed ("BLS May 2025 release").

One function for every way an editor changes a role (its change page, the salary
desk, the spreadsheet import, a restore from the history): a change to a figure
needs a reason, stored on the history entry (django-simple-history's
history_change_reason) so the history says why, not only what.
"""

# django-simple-history's history_change_reason column holds 100 characters.
REASON_MAX_LENGTH = 100
REASON_NEEDED = "Say why the figures changed, e.g. “BLS May 2025 release”."


class ReasonRequired(ValueError):
    """A role's figures changed, and no reason was given."""


def figures_changed(role):
    """True when a saved role's figures differ from those it was read with."""
    if role.pk is None:
        return False
    return role.figures() != getattr(role, "_loaded_figures", None)


def clean_reason(reason):
    return " ".join((reason or "").split())[:REASON_MAX_LENGTH]


def save_role(role, *, reason="", user=None):
    """Save `role`; when its figures changed, `reason` is required and recorded in its
    history (with `user`, when given, as who changed it). Raises ReasonRequired."""
    reason = clean_reason(reason)
    if figures_changed(role) and not reason:
        raise ReasonRequired(REASON_NEEDED)
    role._change_reason = reason or None
    if user is not None:
        role._history_user = user
    role.save()
    return role
