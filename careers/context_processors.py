"""What every page's template may use without its view asking for it."""

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from careers import content_version
from careers.footnotes import Footnotes
from careers.models import Role


def site_salary_scale():
    """Role.objects.site_salary_scale(), aggregated once per content version while page
    caching is on (settings.PAGE_CACHE_SECONDS): the same for every page until an editor's
    change moves the version on."""
    seconds = settings.PAGE_CACHE_SECONDS
    if not seconds:
        return Role.objects.site_salary_scale()
    key = f"careers:salary-scale:{content_version.current()}"
    # Kept in a tuple: the scale is None while no role has a figure, as is a missed get().
    cached = cache.get(key)
    if cached is None:
        cached = (Role.objects.site_salary_scale(),)
        cache.set(key, cached, seconds)
    return cached[0]


def salary_scale(request):
    """`salary_scale`: the one scale every salary bar is drawn on (site_salary_scale()).
    Lazy: read once, and only on a page that draws a bar."""
    return {"salary_scale": SimpleLazyObject(site_salary_scale)}


def footnotes(request):
    """`footnotes`: the sources this page cites, which {% cite %} numbers and base.html
    lists at the foot of <main> (careers.footnotes). One per render: an include shares it."""
    return {"footnotes": Footnotes()}
