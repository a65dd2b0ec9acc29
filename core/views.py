from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render


@login_not_required
def home(request):
    """The landing page for visitors; a signed-in user goes straight to work."""
    if request.user.is_authenticated:
        return redirect("insights:dashboard")
    return render(request, "home.html")


@login_not_required
def csrf_failure(request, reason=""):
    """A friendly page for a form whose security token is missing or stale."""
    return render(request, "403_csrf.html", status=403)
