"""The private calendar feed's token never reaches gunicorn's access log: the address
is the key to a person's calendar, and logs travel further than the database."""

import copy
import io
import logging
import logging.config
import runpy
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import reverse
from gunicorn import util
from gunicorn.config import Config

from config import settings as production_settings
from config.logs import FEED_PATH, HideCalendarToken, TokenHidingLogger

TOKEN = "kq3Xr8_secret-calendar-token_0123456789abcdefABCDEF"
FEED = f"/reminders/calendar/{TOKEN}.ics"
HIDDEN = "/reminders/calendar/….ics"


class Kept(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def logged(path, query="", access_log_format=None, referer="-"):
    """The access log's line for a GET of `path`, as gunicorn writes it."""
    cfg = Config()
    cfg.set("accesslog", "-")
    if access_log_format:
        cfg.set("access_log_format", access_log_format)
    logger = TokenHidingLogger(cfg)
    kept = Kept()
    logger.access_log.addHandler(kept)
    raw_uri = f"{path}?{query}" if query else path
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": raw_uri,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.10",
        "HTTP_USER_AGENT": "Calendar/1.0",
        "HTTP_REFERER": referer,
    }
    request = SimpleNamespace(headers=[("USER-AGENT", "Calendar/1.0"), ("REFERER", referer)])
    response = SimpleNamespace(
        status="200 OK", sent=1234, headers=[("Content-Type", "text/calendar")]
    )
    logger.access(response, request, environ, timedelta(milliseconds=12))
    (line,) = kept.lines
    return line


def test_the_feeds_token_is_left_out_of_the_request_line():
    line = logged(FEED)

    assert TOKEN not in line
    assert f'"GET {HIDDEN} HTTP/1.1" 200 1234' in line


def test_every_atom_that_could_carry_the_path_is_hidden_too():
    everything = "%(r)s %(U)s %(q)s %(f)s %({raw_uri}e)s %({path_info}e)s %({referer}i)s"

    line = logged(FEED, query="t=1", access_log_format=everything, referer=f"https://x{FEED}")

    assert TOKEN not in line
    assert line.count(HIDDEN) == 6


def test_other_paths_are_logged_as_they_are():
    assert '"GET /applications/?page=2 HTTP/1.1"' in logged("/applications/", query="page=2")
    assert '"GET /reminders/ HTTP/1.1"' in logged("/reminders/")


def test_gunicorn_conf_uses_the_logger():
    conf = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))

    assert util.load_class(conf["logger_class"]) is TokenHidingLogger


def test_the_hidden_path_is_the_feeds(db, user):
    assert reverse("reminders:calendar", args=[user.calendar_token]).startswith(FEED_PATH)


def test_djangos_log_hides_the_token_too():
    """django.request logs a 404 as "Not Found: <path>"; the settings' filter hides it."""
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "%s: %s", ("Not Found", FEED), None
    )

    assert HideCalendarToken().filter(record)
    assert record.getMessage() == f"Not Found: {HIDDEN}"


@pytest.fixture
def production_log():
    """The production LOGGING (config/settings.py) for one test, writing to a StringIO
    instead of standard output; then the test suite's logging again."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    config = copy.deepcopy(production_settings.LOGGING)
    config["handlers"]["stdout"]["stream"] = output = io.StringIO()
    logging.config.dictConfig(config)
    yield output
    root.handlers[:], level = saved
    root.setLevel(level)


def test_a_request_for_an_unknown_feed_logs_no_token(db, client, production_log):
    response = client.get(FEED)

    assert response.status_code == 404
    logged = production_log.getvalue()
    assert f"Not Found: {HIDDEN}" in logged
    assert TOKEN not in logged
