from unittest import mock

import pytest
from django.db import OperationalError
from pytest_django.asserts import assertRedirects

pytestmark = pytest.mark.django_db

URL = "/healthz"


def test_answers_ok_when_the_database_answers(client):
    response = client.get(URL)

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain"
    assert "no-cache" in response["Cache-Control"]


def test_head_works_for_load_balancers(client):
    assert client.head(URL).status_code == 200


def test_answers_503_when_the_database_does_not(client):
    with mock.patch("config.health.connection") as connection:
        connection.cursor.side_effect = OperationalError("connection refused")

        response = client.get(URL)

    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


def test_answers_503_when_the_query_fails(client):
    with mock.patch("config.health.connection") as connection:
        cursor = connection.cursor.return_value.__enter__.return_value
        cursor.execute.side_effect = OperationalError("server closed the connection")

        response = client.get(URL)

    assert response.status_code == 503


def test_needs_no_login(client):
    """LoginRequiredMiddleware would send a load balancer to the login page."""
    assert client.get(URL).status_code == 200


def test_answers_a_host_not_in_allowed_hosts(client):
    """A load balancer or the container HEALTHCHECK calls it by IP address."""
    response = client.get(URL, HTTP_HOST="10.1.2.3:8000")

    assert response.status_code == 200
    assert client.get("/", HTTP_HOST="10.1.2.3:8000").status_code == 400


def test_is_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get(URL)

    assert response.status_code == 200
    assertRedirects(
        client.get("/accounts/login/"),
        "https://testserver/accounts/login/",
        status_code=301,
        fetch_redirect_response=False,
    )


def test_only_the_exact_path_skips_the_checks(client):
    """Any other path goes through the normal stack, host validation included."""
    response = client.get("/healthz-not", HTTP_HOST="10.1.2.3:8000")

    assert response.status_code == 400
