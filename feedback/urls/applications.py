"""Feedback's routes under /applications/, in the applications namespace: recording a
"no" for an application, and the re-engagement panel the application form asks for as
a company name is typed. config/urls.py puts them beside applications' own."""

from django.urls import path

from feedback.views import reengagement, rejections, silence

urlpatterns = [
    path("reengagement/", reengagement.panel, name="reengagement"),
    path("<int:pk>/reject/", rejections.record, name="reject"),
    path("<int:pk>/no-response/", silence.no_response, name="no_response"),
]
