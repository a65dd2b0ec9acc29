"""The project's URLs plus the minimal view every page is compared with."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


@login_required
def minimal(request):
    """Login required, no query of its own, no template: the floor a page stands on."""
    return HttpResponse("ok")


urlpatterns = [path("bench/minimal/", minimal, name="bench-minimal"), *project_urlpatterns]
