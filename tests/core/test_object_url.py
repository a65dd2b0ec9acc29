"""A model's link made from its route reversed once is the link reverse() makes."""

import pytest
from django.template import engines
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.links import object_url, route_url, static_url


@pytest.mark.parametrize("name", ["applications:detail", "rejections:detail", "feedback:detail"])
@pytest.mark.parametrize("pk", [1, 42, 9081726354])
def test_object_url_is_reverse(name, pk):
    assert object_url(name, pk) == reverse(name, args=[pk])


def test_under_a_script_prefix():
    set_script_prefix("/onward/")
    try:
        assert object_url("contacts:detail", 7) == reverse("contacts:detail", args=[7])
        assert object_url("contacts:detail", 7).startswith("/onward/")
    finally:
        set_script_prefix("/")


def test_anything_but_an_int_goes_through_reverse():
    assert object_url("lessons:detail", "5") == reverse("lessons:detail", args=["5"])
    with pytest.raises(NoReverseMatch):
        object_url("lessons:detail", None)


def test_route_url_is_reverse_under_any_prefix():
    assert route_url("applications:list") == reverse("applications:list")
    set_script_prefix("/onward/")
    try:
        assert route_url("applications:list") == reverse("applications:list")
        assert route_url("applications:list").startswith("/onward/")
    finally:
        set_script_prefix("/")


def rendered(source):
    return engines["django"].from_string("{% load onward %}" + source).render({})


def test_the_route_tag_writes_what_the_url_tag_writes():
    for name in ("applications:list", "lessons:create", "home"):
        assert rendered(f"{{% route '{name}' %}}") == rendered(f"{{% url '{name}' %}}")
    assert (
        rendered("{% route 'contacts:list' as link %}[{{ link }}]")
        == f"[{reverse('contacts:list')}]"
    )


def test_the_asset_tag_writes_what_the_static_tag_writes_and_follows_the_settings(settings):
    source = "{% load static %}{% static 'css/onward.css' %}"
    assert rendered("{% asset 'css/onward.css' %}") == rendered(source)
    settings.STATIC_URL = "/elsewhere/"
    assert rendered("{% asset 'css/onward.css' %}") == rendered(source)
    assert rendered("{% asset 'css/onward.css' %}").startswith("/elsewhere/")
    assert static_url("js/onward.js") == static("js/onward.js")
