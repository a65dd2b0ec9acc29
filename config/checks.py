from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured


@register(Tags.security, deploy=True)
def secret_key_is_set(app_configs, **kwargs):
    """`check --deploy` fails without a real SECRET_KEY (see config/settings.py)."""
    if getattr(settings, "SECRET_KEY_MISSING", False):
        return [Error(settings.MISSING_SECRET_KEY_MESSAGE, id="onward.E001")]
    return []


def refuse_to_serve_without_a_secret_key():
    """Called by config/wsgi.py and config/asgi.py: no server starts with a throwaway key."""
    if getattr(settings, "SECRET_KEY_MISSING", False):
        raise ImproperlyConfigured(settings.MISSING_SECRET_KEY_MESSAGE)
