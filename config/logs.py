"""The logs without the private calendar feed's token.

The feed's address, /reminders/calendar/<token>.ics, is the key to a person's calendar:
whoever reads the logs (an operator, a log service, a backup) could subscribe to it. So
it is logged as /reminders/calendar/….ics: by gunicorn's access log (gunicorn.conf.py
sets logger_class to TokenHidingLogger), in every part of a line that can carry the path
(the request line, the path, the raw URI, the referrer, any environ value or header);
and by Django's log ("Not Found: /reminders/calendar/…", through the HideCalendarToken
filter of the settings' LOGGING).
"""

import logging
import re

from gunicorn.glogging import Logger

# The feed's path as config/urls.py and reminders/urls.py build it (a test checks them
# against each other); a token is URL-safe base64, ended by ".ics".
FEED_PATH = "/reminders/calendar/"
_FEED_TOKEN = re.compile(re.escape(FEED_PATH) + r"[^/?#\s\"]+")
HIDDEN = FEED_PATH + "….ics"


def hide_token(text):
    return _FEED_TOKEN.sub(HIDDEN, text) if FEED_PATH in text else text


class TokenHidingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            name: hide_token(value) if isinstance(value, str) else value
            for name, value in atoms.items()
        }


class HideCalendarToken(logging.Filter):
    """Rewrites a record's message with the feed's token hidden; keeps every record."""

    def filter(self, record):
        message = record.getMessage()
        if FEED_PATH in message:
            record.msg, record.args = hide_token(message), ()
        return True
