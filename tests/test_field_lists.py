"""An application's fields are listed in four places, each its own decision (the form,
the CSV columns both ways, the account export); this proves the four agree, so a field
added to the model and the form cannot be forgotten by the CSV or the export."""

from applications.csv.export import EXPORT_COLUMNS
from applications.csv.rows import FIELD_ORDER
from applications.forms import ApplicationForm
from applications.models import Application
from transfer.export import APPLICATION_FIELDS

# What a person types: the form's fields, and the company it matches by name.
TYPED = {*ApplicationForm.Meta.fields, "company"}
# Written by Onward, not typed: exported so that a round trip keeps them.
STAMPS = {"created_at", "updated_at"}


def test_the_form_takes_every_field_a_person_sets():
    editable = {
        field.name
        for field in Application._meta.concrete_fields
        if field.editable and field.name not in ("id", "owner")
    }
    assert editable == TYPED


def test_the_csv_export_writes_them_all():
    assert set(EXPORT_COLUMNS) == TYPED | STAMPS


def test_the_csv_import_reads_them_all():
    # Plus "salary": one column holding a range, such as "45k-55k".
    assert set(FIELD_ORDER) == TYPED | {"salary"}


def test_the_account_export_keeps_them_all():
    # The company is a reference there, not a field of the row.
    assert set(APPLICATION_FIELDS) == (TYPED - {"company"}) | STAMPS | {"stage_changed_at"}
