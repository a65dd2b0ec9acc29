"""Headers for every response, and for every page behind the login.

PolicyHeadersMiddleware, outermost, so that static files, the health check and error
pages carry them too: a Permissions-Policy that turns off the powerful browser features
no page uses (camera, microphone, geolocation, payment, usb, ...), and a
Cross-Origin-Resource-Policy that keeps other sites from embedding Onward's responses.

PrivatePagesNoStoreMiddleware, after the login check: a page behind the login, an export
or a download holds someone's own data, so no browser or proxy cache keeps a copy
(Cache-Control: no-store, private). Public pages (landing, log-in, the calendar feed)
and static files keep the caching they ask for.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control


def permissions_policy(features):
    """ "camera=(), microphone=()" for ["camera", "microphone"]: each feature off."""
    return ", ".join(f"{feature}=()" for feature in features)


class PolicyHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.headers = {
            "Permissions-Policy": permissions_policy(settings.PERMISSIONS_POLICY),
            "Cross-Origin-Resource-Policy": settings.CROSS_ORIGIN_RESOURCE_POLICY,
        }

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in self.headers.items():
            if value:
                response.headers.setdefault(name, value)
        return response


class PrivatePagesNoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "behind_login", False):
            patch_cache_control(response, no_store=True, private=True)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Reached only by a signed-in person for a private view: LoginRequiredMiddleware,
        # before this one, has sent anyone else to the login page.
        request.behind_login = getattr(view_func, "login_required", True)
