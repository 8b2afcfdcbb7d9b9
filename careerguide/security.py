"""Refuse to serve production with development-only settings."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_insecure_production_settings():
    """Stop the server from starting with the dev secret key while DEBUG is off.

    Called by the WSGI and ASGI entry points, which is how every server
    (runserver, gunicorn, uvicorn) loads the site; tests use their own handler.
    """
    if not settings.DEBUG and settings.SECRET_KEY == settings.DEV_SECRET_KEY:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value before serving "
            "with DJANGO_DEBUG off (for local development, run with DJANGO_DEBUG=true)."
        )
