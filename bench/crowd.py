"""More users for the benchmark (`--users N`): the seeded user's rows copied, in SQL,
for N - 1 further users, so the database holds N times 10,000 applications with their
timelines, interviews, rejections, feedback, lessons, contacts and reminders.

Each copy is one INSERT … SELECT per table: every id moved on by a multiple of the
table's largest id, every foreign key by that of the table it points at, the owner
replaced by the new user. Nothing goes through the ORM row by row, so a million rows
take a minute or two, not hours. The copies are the seeded user's data to the day,
so a page shown to any of them is the same page as for the seeded user.
"""

import time

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from bench.seeding import settle

COPIED_APPS = ["applications", "contacts", "feedback"]


def copied_models():
    """The models of COPIED_APPS with their many-to-many tables, those that have rows."""
    found = []
    for label in COPIED_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if not model._meta.proxy and model._meta.managed:
                found.append(model)
    return found


def column_expression(field, model, offsets, quote):
    """The SQL that makes the copy's value of `field` (with %s for the copy's number
    and new owner), and its parameters' names."""
    column = quote(field.column)
    if field.primary_key:
        return f"{column} + %s * {offsets[model]}", ["copy"]
    if field.is_relation and (field.many_to_one or field.one_to_one):
        target = field.related_model
        if target is get_user_model():
            return "%s", ["owner"]
        if target in offsets:
            return f"{column} + %s * {offsets[target]}", ["copy"]
    return column, []


def add_users(source, count, stdout):
    """Copies `source`'s rows for `count` new users; returns them."""
    User = get_user_model()
    started = time.perf_counter()
    models = copied_models()
    offsets = {model: model.objects.aggregate(top=Max("pk"))["top"] or 0 for model in models}
    quote = connection.ops.quote_name
    plans = []
    for model in models:
        if not offsets[model]:
            continue
        columns, expressions, names = [], [], []
        for field in model._meta.concrete_fields:
            expression, parameters = column_expression(field, model, offsets, quote)
            columns.append(quote(field.column))
            expressions.append(expression)
            names += parameters
        table = quote(model._meta.db_table)
        pk = quote(model._meta.pk.column)
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(expressions)} "
            f"FROM {table} WHERE {pk} <= {offsets[model]}"
        )
        plans.append((sql, names))
    users = User.objects.bulk_create(
        [
            User(email=f"crowd-{number}@example.org", name=source.name, time_zone=source.time_zone)
            for number in range(1, count + 1)
        ]
    )
    with transaction.atomic(), connection.cursor() as cursor:
        for number, user in enumerate(users, start=1):
            values = {"copy": number, "owner": user.pk}
            for sql, names in plans:
                cursor.execute(sql, [values[name] for name in names])
        for sql in connection.ops.sequence_reset_sql(no_style(), [*models, User]):
            cursor.execute(sql)
    if connection.vendor == "postgresql":
        settle()  # VACUUM ANALYZE, as autovacuum would after such a batch of writes
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    rows = sum(model.objects.count() for model in models)
    stdout.write(
        f"Copied the seeded user's rows for {count:,} more users: {rows:,} rows in all, "
        f"in {time.perf_counter() - started:.1f} s.\n"
    )
    return users
