"""Every form of the project, fuzzed: for every URL the walker finds (tests/test_url_walker.py),
hypothesis posts bodies built from the real field names of the forms that post there
(read from the pages, as a browser would) with values from valid to hostile: huge
strings, NUL, invalid UTF-8 and lone surrogates, impossible dates, negative and huge
numbers, other users' ids, unknown extra fields.

Whatever comes in: never a 500; a refusal (4xx) saves nothing of the owner's; nothing
ever links one user's rows to another's; a redirect never leaves the site. A URL
without a form still gets a few hostile bodies.

Each example runs in its own transaction (hypothesis.extra.django.TestCase) on the same
data, so the state before every POST is the one recorded once in setUpTestData.
"""

import os
import re
from urllib.parse import quote_from_bytes, urlsplit

from django.conf import settings as django_settings
from django.test import Client
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.test_url_walker import (
    changed,
    cross_owner_links,
    forms_on,
    harvest,
    make_worlds,
    routes,
    samples_for,
    signed_in,
    snapshot,
)

# Per URL with a form: modest, as CI runs the suite twice on two cores. Set
# FUZZ_EXAMPLES=500 for a deeper search on a workstation.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))

HOSTILE = [
    "",
    " ",
    "0",
    "1",
    "-1",
    "3",
    "-99999999999999999999",
    "99999999999999999999",
    str(2**63),
    "1e309",
    "NaN",
    "0000-00-00",
    "2024-02-30",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "31/12/2025",
    "0000-00-00T00:00",
    "9999-12-31T23:59",
    "2026-03-29T02:30",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "https://evil.example/",
    "//evil.example/",
    "javascript:alert(1)",
    "@",
    "UTC",
    "Nowhere/Nothing",
    "\u202eevil",
    "\ufeff",
    "🙂" * 3,
    "x" * 25_000,
    "é" * 30_000,
    "9" * 5_000,
]
INVALID_UTF8 = [b"\xff\xfe", b"\xed\xa0\x80", b"\xc0\xaf", b"ok\x80", b"\xf4\x90\x80\x80"]
EXTRA_NAMES = ["id", "pk", "owner", "owner_id", "user", "application", "company", "next", "page"]


def as_bytes(value):
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


def values(ids):
    """A hostile or plausible value for any field, as bytes."""
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.sampled_from(INVALID_UTF8),
        st.sampled_from(sorted(ids)).map(str),
        st.text(max_size=40),
        # Lone surrogates: what a broken client may send, invalid UTF-8 on the wire.
        st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3),
        st.integers().map(str),
    ).map(as_bytes)


@st.composite
def bodies(draw, form, ids):
    """(name, value) pairs for `form`: each real field kept as shown, left out, given an
    option of its own, or given hostile values; plus, now and then, unknown fields."""
    pairs = []
    defaults = form.body(draw(st.sampled_from(form.buttons)) if form.buttons else None)
    for name, shown in defaults.items():
        options = [value for f in form.fields if f.name == name for value, _ in f.options]
        choice = draw(st.sampled_from(["shown", "omit", "hostile", "option", "twice"]))
        shown = shown if isinstance(shown, list) else [shown]
        if choice == "shown" or (choice == "option" and not options):
            pairs += [(name, as_bytes(value)) for value in shown]
        elif choice == "option":
            pairs.append((name, as_bytes(draw(st.sampled_from(options)))))
        elif choice == "hostile":
            pairs.append((name, draw(values(ids))))
        elif choice == "twice":
            pairs += [(name, draw(values(ids))), (name, draw(values(ids)))]
    for f in form.fields:
        if f.kind == "file" and draw(st.booleans()):
            pairs.append((f.name, draw(files())))
    extra = draw(st.lists(st.tuples(st.sampled_from(EXTRA_NAMES), values(ids)), max_size=2))
    return pairs + extra


@st.composite
def files(draw):
    content = draw(
        st.one_of(
            st.binary(max_size=300),
            st.sampled_from(
                [
                    b"",
                    b"Company,Job Title\nGlobex,Engineer\n",
                    b'{"format": "onward", "version": 1}',
                    b"\xff\xfe\x00\x00",
                    b"Company,Job Title\n" + b"A,B\n" * 2000,
                ]
            ),
        )
    )
    name = draw(st.sampled_from(["data.csv", "data.json", "", "../../x.csv", "é\x00.csv"]))
    return (name, content)


JUNK = [
    [],
    [(b"title", b"\xff\xfe"), (b"pk", b"99999999999999999999")],
    [(b"stage", b"\x00"), (b"next", b"https://evil.example/")],
    [(b"page", b"-1"), (b"date", b"0000-00-00"), (b"x", b"y" * 50_000)],
]


def urlencoded(pairs):
    return b"&".join(
        quote_from_bytes(as_bytes(name)).encode() + b"=" + quote_from_bytes(value).encode()
        for name, value in pairs
        if not isinstance(value, tuple)
    )


def multipart(pairs, boundary=b"FuzzBoundary7MA4YWxkTrZu0gW"):
    out = []
    for name, value in pairs:
        out.append(b"--" + boundary)
        if isinstance(value, tuple):
            filename, content = value
            out.append(
                b'Content-Disposition: form-data; name="%s"; filename="%s"'
                % (as_bytes(name), as_bytes(filename))
            )
            out.append(b"Content-Type: application/octet-stream")
            out += [b"", content]
        else:
            out.append(b'Content-Disposition: form-data; name="%s"' % as_bytes(name))
            out += [b"", value]
    out += [b"--" + boundary + b"--", b""]
    content_type = "multipart/form-data; boundary=" + boundary.decode()
    return b"\r\n".join(out), content_type


def method_name(route_name):
    return "test_" + re.sub(r"\W+", "_", route_name).strip("_")


class FormFuzzTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.owner, cls.stranger = make_worlds()
        owner_client = signed_in(cls.owner.user)
        cls.owner_session = owner_client.cookies[django_settings.SESSION_COOKIE_NAME].value
        # Public forms are filled in by visitors: read them as one. The visitor's session
        # carries what a password reset link put there.
        visitor = Client()
        public = [route.name for route in routes() if route.public]
        visitor_forms = harvest(visitor, cls.owner, names=public)
        for sample in samples_for(route_named("password_reset_confirm"), cls.owner):
            response = visitor.get(sample.url("password_reset_confirm"), follow=True)
            visitor_forms += forms_on(response, response.request["PATH_INFO"])
        cls.visitor_session = visitor.cookies.get(django_settings.SESSION_COOKIE_NAME)
        cls.visitor_session = cls.visitor_session.value if cls.visitor_session else None
        owner_forms = harvest(owner_client, cls.owner)
        cls.forms = {}
        owner_forms = [form for form in owner_forms if form.name not in public]
        visitor_forms = [form for form in visitor_forms if form.name in public]
        for form in owner_forms + visitor_forms:
            if form.method != "post":
                continue
            known = cls.forms.setdefault(form.name, {})
            known.setdefault(form.key, form)
        cls.ids = set().union(*cls.owner.ids.values(), *cls.stranger.ids.values(), {0})
        cls.public = set(public)
        cls.owner_rows = snapshot(cls.owner.user)
        cls.all_rows = snapshot()
        assert cross_owner_links() == []

    def client_for(self, route_name):
        client = Client()
        if route_name in self.public:
            if self.visitor_session:
                client.cookies[django_settings.SESSION_COOKIE_NAME] = self.visitor_session
        else:
            client.cookies[django_settings.SESSION_COOKIE_NAME] = self.owner_session
        return client

    def fuzz(self, route_name, data):
        forms = sorted(self.forms.get(route_name, {}).values(), key=lambda form: form.key)
        if forms:
            form = data.draw(st.sampled_from(forms), label="form")
            url = form.action
            pairs = data.draw(bodies(form, self.ids), label="body")
            multipart_form = form.multipart
        else:
            route = route_named(route_name)
            url = data.draw(
                st.sampled_from([s.url(route_name) for s in samples_for(route, self.owner)]),
                label="url",
            )
            pairs = data.draw(st.sampled_from(JUNK), label="body")
            multipart_form = False
        if multipart_form:
            body, content_type = multipart(pairs)
        else:
            body, content_type = urlencoded(pairs), "application/x-www-form-urlencoded"
        note(f"POST {url} ({len(body)} bytes)")
        response = self.client_for(route_name).generic("POST", url, body, content_type=content_type)

        status = response.status_code
        self.assertLess(status, 500, f"POST {url} crashed")
        if 400 <= status < 500:
            if route_name in self.public:
                self.assertEqual(changed(self.all_rows, snapshot()), [], f"POST {url}: {status}")
            else:
                after = snapshot(self.owner.user)
                self.assertEqual(changed(self.owner_rows, after), [], f"POST {url}: {status}")
        else:
            self.assertEqual(cross_owner_links(), [], f"POST {url} linked users' rows")
        if status in (301, 302, 303, 307, 308):
            location = urlsplit(response["Location"])
            self.assertIn(location.netloc, ("", "testserver"), f"POST {url} left the site")


def route_named(name):
    return next(route for route in routes() if route.name == name)


def fuzz_test(route_name):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
            HealthCheck.filter_too_much,
        ],
    )
    @given(data=st.data())
    def test(self, data):
        self.fuzz(route_name, data)

    test.__name__ = method_name(route_name)
    test.__doc__ = f"POSTs to {route_name}: never a 500, nothing half-saved."
    return test


for _route in routes():
    setattr(FormFuzzTests, method_name(_route.name), fuzz_test(_route.name))
