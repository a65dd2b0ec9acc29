"""Checks that every owner-scoped page and every admin changelist needs, written once:
who may see a page, what a stranger or an anonymous visitor gets, and how many queries a
page makes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects


def login_url(url):
    """Where an anonymous visitor to `url` is sent."""
    return f"{reverse('login')}?next={url}"


def assert_sent_to_log_in(client, url, data=None, read=None, *, get=True):
    """An anonymous visitor is sent to log in: on a GET (unless `get` is false, for a
    POST-only view), and on a POST of `data` if given. `read()`, if given, reads the
    state the POST must leave as it was."""
    before = read() if read else None
    if get:
        assertRedirects(client.get(url), login_url(url))
    if data is not None:
        assertRedirects(client.post(url, data), login_url(url))
    if read:
        assert read() == before


def assert_not_found(client, url, data=None, read=None, *, get=True):
    """Another user gets 404: on a GET (unless `get` is false, for a POST-only view), and
    on a POST of `data` if given. `read()`, if given, reads the state the POST must leave
    as it was."""
    before = read() if read else None
    if get:
        assert client.get(url).status_code == 404
    if data is not None:
        assert client.post(url, data).status_code == 404
    if read:
        assert read() == before


def count_queries(client, url):
    """The queries a GET of `url` makes, after a warm-up: per-process caches are not the
    page's cost."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def changelist(app, model):
    return reverse(f"admin:{app}_{model}_changelist")


def assert_changelist_shows(admin_client, app, model, shown, max_num_queries):
    """The admin changelist opens within its query budget and shows `shown`."""
    with max_num_queries(12):
        response = admin_client.get(changelist(app, model))

    assert response.status_code == 200
    assertContains(response, shown)


def assert_changelist_finds(admin_client, app, model, query, found, hidden):
    """Searching the admin changelist for `query` finds `found` and not `hidden`."""
    response = admin_client.get(changelist(app, model), {"q": query})

    assertContains(response, found)
    assertNotContains(response, hidden)
