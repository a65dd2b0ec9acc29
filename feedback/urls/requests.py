from django.urls import path

from feedback.views import requests

app_name = "feedback"

urlpatterns = [
    path("", requests.request_list, name="list"),
    path("<int:pk>/", requests.request_detail, name="detail"),
    path("<int:pk>/sent/", requests.mark_sent, name="sent"),
    path("<int:pk>/answer/", requests.record_answer, name="answer"),
    path("<int:pk>/follow-up/", requests.save_follow_up, name="follow_up"),
]
