"""When an imported row is an application already in Onward, or one already in the
file: the same company, job title and date applied."""

from applications.models import Application, company_key


def duplicate_key(row):
    return (
        company_key(row["company"]),
        " ".join(row["title"].split()).casefold(),
        row.get("applied_on") or None,
    )


def existing_keys(user):
    """The duplicate keys of the user's applications, in one query."""
    return {
        (
            name_key,
            " ".join(title.split()).casefold(),
            applied_on.isoformat() if applied_on else None,
        )
        for name_key, title, applied_on in Application.objects.for_user(user).values_list(
            "company__name_key", "title", "applied_on"
        )
    }


def describe(row):
    applied = f", applied {row['applied_on']}" if row.get("applied_on") else ""
    return f"{row['title']} at {row['company']}{applied}"
