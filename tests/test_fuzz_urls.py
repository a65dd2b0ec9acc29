"""Every URL of the walk (tests/test_url_walker.py) fuzzed on what tests/test_fuzz_forms.py
leaves alone: the address itself. Hypothesis gives each GET parameter the URL map knows
for a path (the walker's samples, the links on every page, the fields of GET forms, and
the common page/q/next/sort) and every POST endpoint's query string and path ids values
from plausible to hostile: huge and negative numbers, 5,000 digits, far-future dates like
9999-12-31, invalid percent-encodings and raw non-UTF-8 bytes, NUL, other users' ids,
empty and very long strings. The body of a POST is the one its page shows, now and then
with one field made hostile too.

Whatever comes in: never a 500; a GET changes no row; a refused POST (4xx) changes none of
the owner's rows; no row ever links two users; a redirect never leaves the site.

Besides the walker's data, the owner has a contact and an application dated 31 December
9999, the last day a date can be (the account import once let such dates in), so the
actions that move a date on meet the end of the calendar (finding 4: a snooze there
raised OverflowError).

Deterministic (derandomize): the same examples on every run, so CI is stable; a few per
URL, a few hundred in all. On a workstation, FUZZ_URL_EXAMPLES=60 searches deeper and
FUZZ_URL_RANDOM=1 draws new examples instead of the fixed ones.
"""

import datetime as dt
import os
import re
from urllib.parse import quote_from_bytes, urlsplit

from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from applications.models import Stage
from tests.factories import ApplicationFactory, ContactFactory
from tests.test_url_walker import (
    Sample,
    changed,
    cross_owner_links,
    forms_on,
    harvest,
    links_on_pages,
    make_worlds,
    routes,
    samples_for,
    signed_in,
    snapshot,
)

EXAMPLES = int(os.environ.get("FUZZ_URL_EXAMPLES", "4"))
HUGE_ID = 10**20
FAR = dt.date.max  # 31 December 9999

# Parameters any page might read, tried everywhere.
COMMON_PARAMS = ["page", "q", "next", "sort", "stage", "status", "show", "company", "id"]
HOSTILE = [
    b"",
    b"0",
    b"-1",
    b"1.5",
    b"1e309",
    b"NaN",
    b"99999999999999999999",
    str(2**63).encode(),
    b"9" * 5_000,
    b"9999-12-31",
    b"9999-12-31T23:59",
    b"10000-01-01",
    b"0000-00-00",
    b"2026-02-30",
    b"0001-01-01",
    b"\x00",
    b"a\x00b",
    b"\xff\xfe",
    b"\xed\xa0\x80",
    b"\xc0\xaf",
    b"%",
    b"%zz",
    b"x" * 8_000,
    "é🙂\u202e".encode(),
    b"<script>alert(1)</script>",
    b"' OR 1=1 --",
    b"//evil.example/",
    b"https://evil.example/",
    b"javascript:alert(1)",
    b"../../etc/passwd",
    b"active",
    b"open",
]
REDIRECTS = (301, 302, 303, 307, 308)


def far_future_samples(far):
    """URLs naming the owner's rows whose dates are near the end of the calendar."""
    contact, application = far["contact"], far["application"]
    reminders = [
        Sample({"kind": "check-in", "pk": contact.pk}),
        Sample({"kind": "follow-up", "pk": application.pk}),
        Sample({"kind": "quiet", "pk": application.pk}),
    ]
    on_application = [Sample({"pk": application.pk})]
    on_contact = [Sample({"pk": contact.pk})]
    return {
        "reminders:snooze": reminders,
        "reminders:done": reminders,
        "applications:detail": on_application,
        "applications:edit": on_application,
        "applications:stage": on_application,
        "applications:undo": on_application,
        "applications:interview_create": on_application,
        "contacts:detail": on_contact,
        "contacts:edit": on_contact,
        "contacts:log": on_contact,
    }


def values(ids):
    """A hostile or plausible query or form value, as bytes."""
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.sampled_from(sorted(ids)).map(lambda pk: str(pk).encode()),
        st.binary(max_size=12),
        st.text(max_size=20).map(lambda text: text.encode("utf-8", "surrogatepass")),
        st.integers().map(lambda number: str(number).encode()),
    )


def encoded(value, raw):
    """A value as a query string carries it: percent-encoded, or (raw) as the bytes
    themselves, which a careless client sends."""
    if raw:
        return value.replace(b"&", b"%26").replace(b"#", b"%23").replace(b" ", b"+")
    return quote_from_bytes(value).encode()


@st.composite
def query_strings(draw, names, ids):
    """A QUERY_STRING: some of the names (a name now and then twice), hostile values."""
    pairs = []
    for name in draw(st.lists(st.sampled_from(sorted(names)), max_size=4)):
        raw = draw(st.booleans())
        for value in draw(st.lists(values(ids), min_size=1, max_size=2)):
            pairs.append(quote_from_bytes(name.encode()).encode() + b"=" + encoded(value, raw))
    # WSGI carries the query string as latin-1 text.
    return b"&".join(pairs).decode("latin-1")


@st.composite
def path_kwargs(draw, sample, ids):
    """The sample's path arguments, an id now and then forged: another row's (the
    stranger's too), one no row has, or one past 64 bits."""
    kwargs = dict(sample.kwargs)
    for name in sample.kwargs:
        if name.endswith(("pk", "id")) and draw(st.sampled_from([False, False, True])):
            kwargs[name] = draw(
                st.one_of(st.sampled_from(sorted(ids)), st.sampled_from([0, 999_999, HUGE_ID]))
            )
    return kwargs


@st.composite
def bodies(draw, form, ids):
    """The body the page's form sends, as (name, bytes) pairs, each field as shown, as
    another of its options, or (now and then) hostile. A URL no page has a form for gets
    an empty body."""
    if form is None:
        return []
    pairs = []
    shown = form.body(draw(st.sampled_from(form.buttons)) if form.buttons else None)
    for name, value in shown.items():
        options = [option for f in form.fields if f.name == name for option, _ in f.options]
        how = draw(st.sampled_from(["shown", "shown", "option", "hostile"]))
        if how == "option" and options:
            value = draw(st.sampled_from(options))
        elif how == "hostile":
            pairs.append((name, draw(values(ids))))
            continue
        for one in value if isinstance(value, list) else [value]:
            pairs.append((name, one.encode("utf-8", "surrogatepass")))
    return pairs


def urlencoded(pairs):
    return b"&".join(
        quote_from_bytes(name.encode()).encode() + b"=" + quote_from_bytes(value).encode()
        for name, value in pairs
    )


def path_of(url):
    return url.split("?", 1)[0]


def method_name(route_name):
    return "test_" + re.sub(r"\W+", "_", route_name).strip("_")


class UrlFuzzTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.owner, cls.stranger = make_worlds()
        user = cls.owner.user
        cls.far = {
            "contact": ContactFactory(owner=user, name="Far Future", keep_in_touch_days=30),
            "application": ApplicationFactory(
                owner=user, title="Far future role", stage=Stage.APPLIED, follow_up_on=FAR
            ),
        }
        # Past what a form takes: as an account import of the time could write it.
        type(cls.far["contact"]).objects.filter(pk=cls.far["contact"].pk).update(
            next_check_in_on=FAR
        )
        cls.extra_samples = far_future_samples(cls.far)
        owner_client = signed_in(user)
        cls.owner_session = owner_client.cookies[django_settings.SESSION_COOKIE_NAME].value
        cls.public = {route.name for route in routes() if route.public}
        cls.forms = {}
        for form in harvest(owner_client, cls.owner) + harvest(
            Client(), cls.owner, names=cls.public
        ):
            if form.method == "post":
                cls.forms.setdefault(form.name, {}).setdefault(form.key, form)
        cls.params = cls.param_names(owner_client)
        cls.ids = set().union(*cls.owner.ids.values(), *cls.stranger.ids.values())
        cls.ids |= {obj.pk for obj in cls.far.values()}
        cls.owner_rows = snapshot(user)
        cls.all_rows = snapshot()
        assert cross_owner_links() == []

    @classmethod
    def param_names(cls, client):
        """{path: the GET parameters the URL map knows for it}: from links on every page
        and the walker's samples, and from the fields of the pages' GET forms."""
        names = links_on_pages(client, cls.owner)
        for route in routes():
            for sample in samples_for(route, cls.owner):
                url = sample.url(route.name)
                response = client.get(url)
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                for form in forms_on(response, url):
                    if form.method == "get":
                        found = names.setdefault(path_of(form.action), set())
                        found.update(f.name for f in form.fields)
        return names

    def client_for(self, route_name):
        client = Client()
        if route_name not in self.public:
            client.cookies[django_settings.SESSION_COOKIE_NAME] = self.owner_session
        return client

    def fuzz(self, route, data):
        # The rows at the end of the calendar, where a URL has them, half the time.
        samples = samples_for(route, self.owner)
        far = self.extra_samples.get(route.name)
        if far and data.draw(st.booleans(), label="far future"):
            samples = far
        sample = data.draw(st.sampled_from(samples), label="sample")
        kwargs = data.draw(path_kwargs(sample, self.ids), label="path")
        path = reverse(route.name, kwargs=kwargs)
        known = self.params.get(path_of(sample.url(route.name)), ())
        names = {*COMMON_PARAMS, *sample.query, *known}
        query = data.draw(query_strings(names, self.ids), label="query")
        forms = sorted(self.forms.get(route.name, {}).values(), key=lambda form: form.key)
        form = data.draw(st.sampled_from(forms), label="form") if forms else None
        # A URL with a form is mostly posted to; any URL gets both methods now and then.
        methods = ["POST", "POST", "GET"] if form else ["GET", "GET", "POST"]
        method = data.draw(st.sampled_from(methods), label="method")
        client = self.client_for(route.name)
        if method == "GET":
            note(f"GET {path}?{query}")
            response = client.generic("GET", path, QUERY_STRING=query)
        else:
            body = urlencoded(data.draw(bodies(form, self.ids), label="body"))
            note(f"POST {path}?{query} ({len(body)} bytes)")
            response = client.generic(
                "POST",
                path,
                body,
                content_type="application/x-www-form-urlencoded",
                QUERY_STRING=query,
            )
        self.check(route, method, path, response)

    def check(self, route, method, path, response):
        status = response.status_code
        self.assertLess(status, 500, f"{method} {path} crashed")
        public = route.name in self.public
        if method == "GET" or 400 <= status < 500:
            if public:
                self.assertEqual(changed(self.all_rows, snapshot()), [], f"{method} {path}")
            else:
                after = snapshot(self.owner.user)
                self.assertEqual(changed(self.owner_rows, after), [], f"{method} {path}")
        else:
            self.assertEqual(cross_owner_links(), [], f"{method} {path} linked users' rows")
        if status in REDIRECTS:
            location = urlsplit(response["Location"])
            self.assertIn(location.netloc, ("", "testserver"), f"{method} {path} left the site")


def fuzz_test(route):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=os.environ.get("FUZZ_URL_RANDOM") is None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
            HealthCheck.filter_too_much,
        ],
    )
    @given(data=st.data())
    def test(self, data):
        self.fuzz(route, data)

    test.__name__ = method_name(route.name)
    test.__doc__ = f"{route.name}: hostile query strings and path ids, never a 500."
    return test


for _route in routes():
    setattr(UrlFuzzTests, method_name(_route.name), fuzz_test(_route))
