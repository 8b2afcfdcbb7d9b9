from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Careers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from careers import content_version

        # Cached pages are keyed by the content version: every change to curated data moves it.
        content_version.connect_signals()
