from django.urls import path

from applications import views

application_patterns = [
    path("", views.application_list, name="list"),
    path("board/", views.application_board, name="board"),
    path("new/", views.application_create, name="create"),
    path("export.csv", views.application_export, name="export"),
    path("import/", views.application_import, name="import"),
    path("import/<int:pk>/", views.application_import_preview, name="import_preview"),
    path("import/<int:pk>/confirm/", views.application_import_confirm, name="import_confirm"),
    path("import/<int:pk>/cancel/", views.application_import_cancel, name="import_cancel"),
    path("<int:pk>/", views.application_detail, name="detail"),
    path("<int:pk>/edit/", views.application_edit, name="edit"),
    path("<int:pk>/delete/", views.application_delete, name="delete"),
    path("<int:pk>/stage/", views.application_stage, name="stage"),
    path("<int:pk>/interviews/new/", views.interview_create, name="interview_create"),
]

interview_patterns = [
    path("<int:pk>/edit/", views.interview_edit, name="edit"),
    path("<int:pk>/delete/", views.interview_delete, name="delete"),
]

company_patterns = [
    path("", views.company_list, name="list"),
    path("<int:pk>/", views.company_detail, name="detail"),
    path("<int:pk>/edit/", views.company_edit, name="edit"),
    path("<int:pk>/merge/", views.company_merge, name="merge"),
    path("<int:pk>/delete/", views.company_delete, name="delete"),
]
