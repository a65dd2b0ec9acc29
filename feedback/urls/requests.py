from django.urls import path

from feedback.views import questions, requests

app_name = "feedback"

urlpatterns = [
    path("", requests.request_list, name="list"),
    path("<int:pk>/", requests.request_detail, name="detail"),
    path("<int:pk>/sent/", requests.mark_sent, name="sent"),
    path("<int:pk>/answer/", requests.record_answer, name="answer"),
    path("<int:pk>/follow-up/", questions.save_question, name="follow_up"),
    path("<int:pk>/question/sent/", questions.question_sent, name="question_sent"),
    path("<int:pk>/question/answer/", questions.question_answer, name="question_answer"),
    path("<int:pk>/push-back/", questions.push_back, name="push_back"),
]
