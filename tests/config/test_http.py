from django.test import RequestFactory

from config.http import client_ip

factory = RequestFactory()


def test_without_a_proxy_the_socket_address_counts(settings):
    settings.CLIENT_IP_HEADER = ""
    request = factory.get("/", REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert client_ip(request) == "198.51.100.1"


def test_behind_a_proxy_the_last_forwarded_hop_counts(settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    request = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9 ")

    assert client_ip(request) == "203.0.113.9"


def test_a_single_value_header_works(settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    request = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.9")

    assert client_ip(request) == "203.0.113.9"


def test_a_missing_header_falls_back_to_the_socket_address(settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    request = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=" , ")

    assert client_ip(request) == "10.0.0.1"
