"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings")

application = get_asgi_application()

from careerguide.security import refuse_insecure_production_settings  # noqa: E402

refuse_insecure_production_settings()
