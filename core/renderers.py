"""The form renderer (settings.FORM_RENDERER): Django's, with its <input> widgets
written by Python.

Django renders each widget through templates: an <input> is input.html and an include
of attrs.html with a loop over the attributes, a thousand calls an input, which for
a page with a form or two (the quick add on the list and the board) is more than the
rest of the page's form costs. Every input widget's template (text.html, hidden.html,
email.html ...) is an include of input.html and nothing else, so the same markup is
written here, with the same escaping; any other widget (a select, a textarea, a
checkbox list) is rendered by its templates as before. A project that overrides one
of these widget templates must take it out of INPUT_TEMPLATES.
"""

from django.forms.renderers import DjangoTemplates

from core.html import text

INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        *("checkbox", "color", "date", "datetime", "email", "file", "hidden"),
        *("number", "password", "search", "tel", "text", "time", "url"),
    )
)


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in INPUT_TEMPLATES:
            return input_html(context["widget"])
        return super().render(template_name, context, request)


def input_html(widget):
    """What django/forms/widgets/input.html (with attrs.html) writes for `widget`, the
    "widget" of a widget's template context: each value as {{ value|stringformat:'s' }}
    writes it, its text escaped unless it is safe."""
    parts = [f'<input type="{text(widget["type"])}" name="{text(widget["name"])}"']
    if widget["value"] is not None:
        parts.append(f' value="{text(widget["value"])}"')
    for name, value in widget["attrs"].items():
        if value is True:
            parts.append(f" {text(name)}")
        elif value is not False:
            parts.append(f' {text(name)}="{text(value)}"')
    parts.append(">")
    return "".join(parts)
