from django.urls import path

from feedback.views import bridges, paste, rejections, requests

app_name = "rejections"

urlpatterns = [
    path("", rejections.rejection_list, name="list"),
    path("paste/", paste.paste, name="paste"),
    path("paste/confirm/", paste.confirm, name="paste_confirm"),
    path("<int:pk>/", rejections.rejection_detail, name="detail"),
    path("<int:pk>/reflect/", rejections.reflect, name="reflect"),
    path("<int:pk>/feedback/", requests.feedback_step, name="feedback"),
    path("<int:pk>/bridges/", bridges.bridges, name="bridges"),
    path("<int:pk>/skip/", rejections.skip_step, name="skip"),
]
