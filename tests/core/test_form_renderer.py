"""core.renderers.FormRenderer writes every <input> widget as Django's own templates
do, for values and attributes of every kind; other widgets go to the templates."""

import datetime as dt

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core.renderers import INPUT_TEMPLATES, FormRenderer

WIDGETS = [
    forms.TextInput,
    forms.HiddenInput,
    forms.EmailInput,
    forms.URLInput,
    forms.NumberInput,
    forms.PasswordInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
    forms.CheckboxInput,
    forms.ClearableFileInput,
    forms.FileInput,
    forms.Select,
    forms.Textarea,
    forms.SelectMultiple,
]
VALUES = [
    None,
    "",
    "plain",
    'Tom & "Jerry" <b>\'s</b>',
    mark_safe("<i>safe</i>"),
    42,
    0,
    True,
    False,
    dt.date(2026, 12, 4),
    dt.datetime(2026, 12, 4, 9, 30),
    gettext_lazy("Lazy label"),
]
ATTRS = [
    {},
    {"class": "form-control", "maxlength": 200, "required": True, "disabled": False},
    {"placeholder": gettext_lazy("Data engineer at Acme"), "aria-describedby": 'a"b'},
    {"data-x": mark_safe("&amp;"), "autofocus": True, "min": 0},
]


def test_every_input_template_is_an_include_of_input_html():
    engine = DjangoTemplates().engine
    for name in INPUT_TEMPLATES:
        source = engine.get_template(name).template.source.strip()
        assert source == '{% include "django/forms/widgets/input.html" %}'


@pytest.mark.parametrize("widget_class", WIDGETS, ids=lambda widget: widget.__name__)
def test_widgets_are_written_as_djangos_templates_write_them(widget_class):
    django_renderer, renderer = DjangoTemplates(), FormRenderer()
    for attrs in ATTRS:
        for value in VALUES:
            widget = widget_class(attrs=attrs)
            if isinstance(widget, forms.SelectMultiple):
                value = [value]
            expected = widget.render("field", value, renderer=django_renderer)
            assert widget.render("field", value, renderer=renderer) == expected
