"""The admin's history pages, shared by every curated model."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """The history of every change, for those who may view a record; only those who may
    change it may revert it. (django-simple-history saves a posted history form for
    anyone who may view the history, so an advisor who may only view roles could
    otherwise roll back an editor's figures.)"""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
