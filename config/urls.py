from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts.urls import auth_urlpatterns
from accounts.urls import urlpatterns as account_patterns
from applications.urls import application_patterns, company_patterns, interview_patterns
from config import health
from core import views
from feedback.urls import applications as feedback_applications
from reminders.urls import application_patterns as reminder_applications
from transfer.urls import urlpatterns as transfer_patterns

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("accounts/", include(auth_urlpatterns)),
    path("accounts/", include((account_patterns + transfer_patterns, "accounts"))),
    path(
        "applications/",
        include(
            (
                application_patterns + feedback_applications.urlpatterns + reminder_applications,
                "applications",
            )
        ),
    ),
    path("interviews/", include((interview_patterns, "interviews"))),
    path("companies/", include((company_patterns, "companies"))),
    path("contacts/", include("contacts.urls")),
    path("rejections/", include("feedback.urls.rejections")),
    path("feedback/", include("feedback.urls.requests")),
    path("lessons/", include("feedback.urls.lessons")),
    path("reminders/", include("reminders.urls")),
    path("search/", include("search.urls")),
    path("", include("insights.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]
