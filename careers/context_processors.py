"""What every page's template may use without its view asking for it."""

from django.utils.functional import SimpleLazyObject

from careers.footnotes import Footnotes
from careers.site_figures import site_salary_scale


def salary_scale(request):
    """`salary_scale`: the one scale every salary bar is drawn on (careers.site_figures).
    Lazy: read once, and only on a page that draws a bar."""
    return {"salary_scale": SimpleLazyObject(site_salary_scale)}


def footnotes(request):
    """`footnotes`: the sources this page cites, which {% cite %} numbers and base.html
    lists at the foot of <main> (careers.footnotes). One per render: an include shares it."""
    return {"footnotes": Footnotes()}
