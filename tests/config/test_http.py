import pytest
from django.test import RequestFactory

from core.http import client_ip

factory = RequestFactory()


@pytest.mark.parametrize(
    ("header", "remote_addr", "headers", "expected"),
    [
        ("", "198.51.100.1", {"HTTP_X_FORWARDED_FOR": "203.0.113.9"}, "198.51.100.1"),
        (
            "X-Forwarded-For",
            "10.0.0.1",
            {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9 "},
            "203.0.113.9",
        ),
        ("X-Real-IP", "10.0.0.1", {"HTTP_X_REAL_IP": "203.0.113.9"}, "203.0.113.9"),
        ("X-Forwarded-For", "10.0.0.1", {"HTTP_X_FORWARDED_FOR": " , "}, "10.0.0.1"),
    ],
    ids=[
        "without-a-proxy-the-socket-address-counts",
        "behind-a-proxy-the-last-forwarded-hop-counts",
        "a-single-value-header-works",
        "a-missing-header-falls-back-to-the-socket-address",
    ],
)
def test_client_ip(settings, header, remote_addr, headers, expected):
    settings.CLIENT_IP_HEADER = header
    request = factory.get("/", REMOTE_ADDR=remote_addr, **headers)

    assert client_ip(request) == expected
