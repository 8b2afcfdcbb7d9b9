from django.core.management.commands import loaddata


class Command(loaddata.Command):
    help = (
        loaddata.Command.help
        + " In this project fixtures only add: a row that already exists (found by its"
        " natural key or id) is kept as it is, so an editor's figures are never overwritten."
    )

    def save_obj(self, obj):
        existing = obj.object.pk is not None and (
            type(obj.object)._default_manager.filter(pk=obj.object.pk).exists()
        )
        if existing:
            return False
        return super().save_obj(obj)
