from django.urls import path

from applications.views import applications, board, capture, companies, csv, interviews, quick_add

application_patterns = [
    path("", applications.application_list, name="list"),
    path("board/", board.application_board, name="board"),
    path("new/", applications.application_create, name="create"),
    path("quick-add/", quick_add.application_quick_add, name="quick_add"),
    path("capture/", capture.application_capture, name="capture"),
    path("capture/relay/", capture.application_capture_relay, name="capture_relay"),
    path("export.csv", csv.application_export, name="export"),
    path("import/", csv.application_import, name="import"),
    path("import/<int:pk>/", csv.application_import_preview, name="import_preview"),
    path("import/<int:pk>/problems.csv", csv.application_import_problems, name="import_problems"),
    path("import/<int:pk>/confirm/", csv.application_import_confirm, name="import_confirm"),
    path("import/<int:pk>/cancel/", csv.application_import_cancel, name="import_cancel"),
    path("<int:pk>/", applications.application_detail, name="detail"),
    path("<int:pk>/edit/", applications.application_edit, name="edit"),
    path("<int:pk>/delete/", applications.application_delete, name="delete"),
    path("<int:pk>/stage/", applications.application_stage, name="stage"),
    path("<int:pk>/undo/", applications.application_undo, name="undo"),
    path("<int:pk>/interviews/new/", interviews.interview_create, name="interview_create"),
]

interview_patterns = [
    path("<int:pk>/edit/", interviews.interview_edit, name="edit"),
    path("<int:pk>/delete/", interviews.interview_delete, name="delete"),
]

company_patterns = [
    path("", companies.company_list, name="list"),
    path("<int:pk>/", companies.company_detail, name="detail"),
    path("<int:pk>/edit/", companies.company_edit, name="edit"),
    path("<int:pk>/merge/", companies.company_merge, name="merge"),
    path("<int:pk>/delete/", companies.company_delete, name="delete"),
]
