"""Transfer's routes under /accounts/, in the accounts namespace (accounts:export,
accounts:import, accounts:delete): config/urls.py puts them beside accounts' own."""

from django.urls import path

from transfer import views

urlpatterns = [
    path("export/", views.export_data, name="export"),
    path("import/", views.import_data, name="import"),
    path("delete/", views.delete_account, name="delete"),
]
