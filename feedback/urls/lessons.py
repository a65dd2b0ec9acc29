from django.urls import path

from feedback.views import lessons

app_name = "lessons"

urlpatterns = [
    path("", lessons.lesson_list, name="list"),
    path("new/", lessons.lesson_create, name="create"),
    path("<int:pk>/", lessons.lesson_detail, name="detail"),
    path("<int:pk>/edit/", lessons.lesson_edit, name="edit"),
    path("<int:pk>/status/", lessons.lesson_status, name="status"),
]
