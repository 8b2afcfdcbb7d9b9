"""The directory's area select is written in Python for speed; it must read exactly as
Django's own select would, to browsers and screen readers alike."""

import pytest
from django import forms
from django.test.html import parse_html

from careers.filters import RoleFilter
from careers.models import Area
from careers.widgets import QuickSelect

CHOICES = [
    ("", "The whole U.S."),
    ("States & territories", [("al", "Alabama"), ("nj", "New <Jersey> & “more”")]),
    ("x", 'A "quoted" area'),
    (None, "Also empty"),
    (3, "A number"),
]


@pytest.mark.parametrize("value", ["", None, "nj", "x", 3, "3", "unknown", ["al"], "ü"])
def test_the_quick_select_writes_what_djangos_select_writes(value):
    attrs = {"aria-describedby": "help", "required": True, "disabled": False}
    django_html = forms.Select(choices=CHOICES, attrs=attrs).render("pay_in", value, {"id": "i"})
    quick_html = QuickSelect(choices=CHOICES, attrs=attrs).render("pay_in", value, {"id": "i"})
    assert parse_html(quick_html) == parse_html(django_html)


def test_the_directorys_area_select_is_the_quick_one_with_every_area(client):
    assert isinstance(RoleFilter.base_filters["pay_in"].field.widget, QuickSelect)
    html = client.get("/roles/", {"pay_in": "new-jersey"}).content.decode()
    area_count = Area.objects.filter(
        kind__in=[Area.Kind.STATE, Area.Kind.TERRITORY, Area.Kind.METROPOLITAN]
    ).count()
    select = html[
        html.index('<select name="pay_in"') : html.index("</select>", html.index('name="pay_in"'))
    ]
    assert select.count("<option") == area_count + 1
    assert '<option value="new-jersey" selected>' in select
