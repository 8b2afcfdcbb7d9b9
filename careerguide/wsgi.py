"""WSGI entry point: `gunicorn careerguide.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings")

application = get_wsgi_application()

from careerguide.security import refuse_insecure_production_settings  # noqa: E402

refuse_insecure_production_settings()
