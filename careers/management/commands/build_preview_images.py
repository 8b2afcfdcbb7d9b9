from django.core.management.base import BaseCommand

from careers.preview_images import refresh_role_cards


class Command(BaseCommand):
    help = (
        "Draw the link-preview image (og:image) of every published role whose card changed, "
        "and remove those of roles no longer published. Safe to run again: an unchanged "
        "card is left as it is."
    )

    def handle(self, *args, **options):
        self.stdout.write(str(refresh_role_cards()))
