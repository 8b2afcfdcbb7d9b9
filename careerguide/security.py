"""Security wiring: refuse development settings in production, the
Permissions-Policy header, and the client address login throttling counts by."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_insecure_production_settings():
    """Stop the server from starting with the dev secret key, or without the site's
    public address (the shortlist links advisors send), while DEBUG is off.

    Called by the WSGI and ASGI entry points, which is how every server
    (runserver, gunicorn, uvicorn) loads the site; tests use their own handler.
    """
    if not settings.DEBUG and settings.SECRET_KEY == settings.DEV_SECRET_KEY:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value before serving "
            "with DJANGO_DEBUG off (for local development, run with DJANGO_DEBUG=true)."
        )
    if not settings.DEBUG and not settings.SITE_URL_CONFIGURED:
        raise ImproperlyConfigured(
            "DJANGO_SITE_URL is not set. Set it to the site's public address, e.g. "
            "https://guide.example.org: the links advisors send are built from it."
        )


class PermissionsPolicyMiddleware:
    """Send Permissions-Policy: the features in settings.PERMISSIONS_POLICY, each
    allowed only for the origins listed (none: denied everywhere, frames included).

    Django has no setting for this header; the guide needs no camera, microphone
    or location, so a page that is ever compromised cannot ask for them either."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


def client_ip(request):
    """The visitor's IP address, for login throttling (django-axes).

    REMOTE_ADDR unless TRUSTED_PROXY_COUNT proxies of our own stand in front of
    the site: then the address the outermost of them saw, counted from the right
    of X-Forwarded-For. Entries further left are whatever the client sent and
    are never trusted, so nobody escapes a lockout by inventing addresses."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
