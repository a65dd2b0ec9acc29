"""Bad input, on every URL parameter and every form the URL walker finds
(tests/test_url_walker.py): a forged id, a negative or huge page number, a 10 MB field,
invalid UTF-8, a date like 0000-00-00, a POST without its CSRF token. Each gets a 4xx
with a clear message, or a page that ignores what it can't use; never a 500; nothing
changes.

The owner's data carries a marker; "the stranger" is another user who tries the
owner's ids in their own pages and forms.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse

from feedback.models import Lesson
from tests.factories import PASSWORD, UserFactory
from tests.html import field_errors, form_errors, parse
from tests.test_url_walker import (
    MARK,
    changed,
    content_of,
    cross_owner_links,
    harvest,
    links_on_pages,
    make_worlds,
    missing_object,
    routes,
    samples_for,
    signed_in,
    snapshot,
)

HUGE_ID = 10**20  # past a 64-bit integer: the database must not be asked to overflow
TEN_MB = 10 * 1024 * 1024
PAGE_PARAMS = ["page", *(f"{status}_page" for status in Lesson.Status)]
BAD_PAGES = ["-1", "0", "99999999999999999999", "abc", "1.5", "%FF"]
FRIENDLY_400 = "We could not understand that request"
FRIENDLY_403 = "That form has expired"
REDIRECTS = (301, 302, 303, 307, 308)


def filled(form):
    """The form as a person would send it: what the page shows, and a plausible value in
    every empty field."""
    body = form.body(form.buttons[0] if form.buttons else None)
    for f in form.fields:
        if body.get(f.name) not in ("", None) or f.kind in ("hidden", "checkbox", "radio"):
            continue
        if f.kind == "select":
            options = [value for value, _ in f.options if value]
            if options:
                body[f.name] = options[0]
            continue
        value = {
            "email": "filled@example.org",
            "url": "https://example.org/filled",
            "date": "2025-06-10",
            "datetime-local": "2025-06-10T10:00",
            "number": f.attrs.get("min") or "3",
            "password": PASSWORD,
            "file": None,
        }.get(f.kind, "Filled in")
        if value is None:
            continue
        if "maxlength" in f.attrs:
            value = value[: int(f.attrs["maxlength"])]
        body[f.name] = value
    return body


def date_fields(form):
    return [
        f.name
        for f in form.fields
        if f.kind in ("date", "datetime-local")
        or (f.kind == "text" and f.name.endswith(("_on", "_at")))
    ]


# Form fields whose options are rows of the user's, by the model they choose from; and
# fields with numeric options that are not rows. A new numeric field must be put in one.
ID_FIELDS = {
    "lessons": "feedback.Lesson",
    "application": "applications.Application",
    "rejection": "feedback.Rejection",
    "feedback_request": "feedback.FeedbackRequest",
    "contact": "contacts.Contact",
    "target": "applications.Company",
}
NOT_ID_FIELDS = {
    "mood",
    "keep_in_touch_days",
    "quiet_applied_days",
    "quiet_screening_days",
    "quiet_interview_workdays",
    "excitement",
}


def numeric_choice_fields(form):
    """Fields whose options are all numbers: {name as posted: its options}."""
    fields = {}
    for f in form.fields:
        options = [value for value, _ in f.options] if f.kind == "select" else []
        if f.kind in ("checkbox", "radio") and f.value.isdigit():
            options = [f.value]
        options = [value for value in options if value]
        if options and all(value.isdigit() for value in options):
            fields.setdefault(f.name, set()).update(options)
    return fields


def bare(name):
    """A field's name without its form prefix ("reply-contact" -> "contact")."""
    return name.rsplit("-", 1)[-1]


class BadInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.owner, cls.stranger = make_worlds()
        owner_client = signed_in(cls.owner.user)
        stranger_client = signed_in(cls.stranger.user)
        cls.owner_session = owner_client.cookies[settings.SESSION_COOKIE_NAME].value
        cls.stranger_session = stranger_client.cookies[settings.SESSION_COOKIE_NAME].value
        public = {route.name for route in routes() if route.public}
        cls.owner_forms = unique(
            form
            for form in harvest(owner_client, cls.owner)
            if form.method == "post" and form.name not in public
        )
        cls.visitor_forms = unique(
            form
            for form in harvest(Client(), cls.owner, names=public)
            if form.method == "post" and form.name in public
        )
        cls.stranger_forms = unique(
            form
            for form in harvest(stranger_client, cls.stranger)
            if form.method == "post" and form.name not in public
        )
        cls.stranger_links = links_on_pages(stranger_client, cls.stranger)
        cls.owner_ids = set().union(*cls.owner.ids.values())

    def setUp(self):
        self.owner_client = self.session_client(self.owner_session)
        self.stranger_client = self.session_client(self.stranger_session)
        self.owner_rows = snapshot(self.owner.user)

    def session_client(self, session, **options):
        client = Client(**options)
        client.cookies[settings.SESSION_COOKIE_NAME] = session
        return client

    def assert_owner_unchanged(self, what):
        assert changed(self.owner_rows, snapshot(self.owner.user)) == [], what

    def forms_named(self, name):
        return [form for form in self.owner_forms if form.name == name]

    # Forged and impossible ids

    def test_a_huge_or_missing_id_in_a_path_is_a_404(self):
        problems, tried = [], 0
        for route in routes():
            if not route.object_kwargs:
                continue
            for sample in samples_for(route, self.owner)[:1]:
                kwargs = {
                    name: HUGE_ID if name in route.object_kwargs else value
                    for name, value in sample.kwargs.items()
                }
                for url in (
                    type(sample)(kwargs).url(route.name),
                    missing_object(sample).url(route.name),
                ):
                    for method in ("get", "post"):
                        status = getattr(self.owner_client, method)(url).status_code
                        tried += 1
                        if status not in (404, 405):
                            problems.append(f"{method.upper()} {url}: {status}")
        assert not problems, "\n".join(problems)
        self.assert_owner_unchanged("a forged id changed something")
        assert tried >= 100

    def test_a_negative_id_or_garbage_in_a_path_is_a_404(self):
        for path in ("/applications/-1/", "/contacts/abc/edit/", "/reminders/nope/1/done/"):
            assert self.owner_client.get(path).status_code == 404, path

    def test_another_users_id_in_a_query_string_shows_nothing_of_theirs(self):
        """?rejection=, ?feedback=, ?contact=, ?to=, ?company=...: each query parameter
        the app's own links use, given each of the owner's ids by the stranger."""
        problems, tried = [], 0
        for url, params in sorted(self.stranger_links.items()):
            for param in sorted(params):
                for value in [*sorted(self.owner_ids), str(HUGE_ID), "-1", "abc", "1e3"]:
                    response = self.stranger_client.get(url, {param: value})
                    tried += 1
                    if response.status_code >= 500:
                        problems.append(f"GET {url}?{param}={value}: {response.status_code}")
                    elif MARK.lower() in content_of(response).lower():
                        problems.append(f"GET {url}?{param}={value} shows the owner's data")
        assert not problems, "\n".join(problems)
        assert tried >= 50, sorted(self.stranger_links.items())

    def test_another_users_id_in_a_form_is_refused_and_links_nothing(self):
        problems, tried = [], 0
        for form in self.stranger_forms:
            for name, options in numeric_choice_fields(form).items():
                if bare(name) in NOT_ID_FIELDS:
                    continue
                if bare(name) not in ID_FIELDS:
                    problems.append(f"{form.key}: is {name} a choice of rows? Add it to ID_FIELDS")
                    continue
                forged = sorted(self.owner.ids[ID_FIELDS[bare(name)]])
                assert forged and not set(map(str, forged)) & options
                problems += self.refused(form, name, forged)
                tried += 1
        assert not problems, "\n".join(problems)
        assert cross_owner_links() == []
        assert tried >= 8

    def test_an_id_past_64_bits_in_a_form_is_refused(self):
        problems, tried = [], 0
        for form in self.stranger_forms:
            for name in numeric_choice_fields(form):
                if bare(name) in NOT_ID_FIELDS:
                    continue
                for huge in (HUGE_ID, -HUGE_ID):
                    problems += self.refused(form, name, huge)
                    tried += 1
        assert not problems, "\n".join(problems)
        assert tried >= 16

    def refused(self, form, name, value):
        """What is wrong with how the stranger's POST of `value` as `name` is met: it
        should get a 422 with a message and change nothing."""
        problems = []
        before = snapshot()
        response = self.stranger_client.post(form.action, {**filled(form), name: value})
        if response.status_code != 422:
            problems.append(
                f"POST {form.action} with {name}={value}: {response.status_code}, expected 422"
            )
        elif not field_errors(response, name) and not form_errors(response):
            problems.append(f"POST {form.action} with {name}={value}: no message")
        if changed(before, snapshot()):
            problems.append(f"POST {form.action} with {name}={value} saved something")
        return problems

    # Page numbers

    def test_a_negative_huge_or_garbage_page_number_shows_a_page(self):
        problems, tried = [], 0
        for route in routes():
            if route.public or route.name == "logout":
                continue
            for sample in samples_for(route, self.owner)[:1]:
                url = sample.url(route.name)
                if self.owner_client.get(url).status_code != 200:
                    continue
                for page in BAD_PAGES:
                    query = "&".join(f"{param}={page}" for param in PAGE_PARAMS)
                    joined = f"{url}{'&' if '?' in url else '?'}{query}"
                    response = self.owner_client.get(joined)
                    tried += 1
                    if response.status_code not in (200, 404):
                        problems.append(f"GET {joined}: {response.status_code}")
        assert not problems, "\n".join(problems)
        assert tried >= 100

    # Size

    def test_a_10_mb_field_gets_the_friendly_400_page(self):
        giant = "x" * TEN_MB
        targets = [
            ("applications:create", "title"),
            ("contacts:create", "notes"),
            ("accounts:settings", "name"),
            ("rejections:reflect", "feelings"),
            ("lessons:create", "detail"),
        ]
        for name, field in targets:
            form = self.forms_named(name)[0]
            response = self.owner_client.post(form.action, {**filled(form), field: giant})
            assert response.status_code == 400, name
            assert FRIENDLY_400 in response.content.decode(), name
        visitor = Client()
        response = visitor.post("/accounts/login/", {"username": giant, "password": "x"})
        assert response.status_code == 400
        assert FRIENDLY_400 in response.content.decode()
        self.assert_owner_unchanged("a 10 MB field changed something")

    def test_a_10_mb_page_to_capture_is_refused_with_its_size(self):
        for url, client in [
            (reverse("applications:capture"), self.owner_client),
            (reverse("applications:capture_relay"), Client()),
        ]:
            response = client.post(url, {"page": "x" * TEN_MB})
            assert response.status_code == 413, url
            assert "This page is 10.0 MB; Onward reads pages of up to 2 MB." in " ".join(
                field_errors(response, "page")
            ), url
        self.assert_owner_unchanged("a 10 MB page to capture changed something")

    def test_a_10_mb_file_is_refused_with_its_size(self):
        giant = b"Company,Job Title\n" + b"Globex,Engineer\n" * (TEN_MB // 16)
        response = self.owner_client.post(
            reverse("applications:import"), {"file": SimpleUploadedFile("big.csv", giant)}
        )
        assert response.status_code == 422
        assert "up to 10 MB" in " ".join(field_errors(response, "file"))
        self.assert_owner_unchanged("a 10 MB upload changed something")
        # The account import reads up to 20 MB, into an empty account only: 10 MB of CSV
        # is refused for what it is.
        newcomer = signed_in(UserFactory())
        response = newcomer.post(
            reverse("accounts:import"), {"file": SimpleUploadedFile("big.json", giant)}
        )
        assert response.status_code == 422
        assert "isn’t valid JSON" in " ".join(field_errors(response, "file"))

    # Encoding

    def test_invalid_utf8_in_a_query_string_is_handled(self):
        problems = []
        for route in routes():
            if route.name == "logout":
                continue
            for sample in samples_for(route, self.owner)[:1]:
                path = sample.url(route.name).split("?")[0]
                for raw in (
                    "q=\xff\xfe&page=\xc0\xaf&kind=\xed\xa0\x80",
                    "q=%FF%FE&next=%ED%A0%80",
                ):
                    client = Client() if route.public else self.owner_client
                    status = client.generic("GET", path, QUERY_STRING=raw).status_code
                    if status >= 500:
                        problems.append(f"GET {path}?{raw!r}: {status}")
        assert not problems, "\n".join(problems)

    def test_invalid_utf8_in_a_path_is_a_404(self):
        response = self.owner_client.generic("GET", "/applications/\xff\xfe/")
        assert response.status_code == 404

    def test_invalid_utf8_in_a_form_body_is_handled(self):
        problems, tried = [], 0
        for form, client in self.all_forms():
            fields = [f.name for f in form.fields if f.kind not in ("hidden", "file")]
            pairs = [
                (name.encode(), b"\xff\xfe\xed\xa0\x80" if name in fields else value.encode())
                for name, value in flat(filled(form))
            ]
            body = b"&".join(name + b"=" + value for name, value in pairs)
            for content_type in (
                "application/x-www-form-urlencoded",
                "application/x-www-form-urlencoded; charset=no-such-charset",
            ):
                before = snapshot()
                response = client.generic("POST", form.action, body, content_type=content_type)
                tried += 1
                if response.status_code >= 500:
                    problems.append(f"POST {form.action}: {response.status_code}")
                elif response.status_code >= 400 and changed(before, snapshot()):
                    problems.append(f"POST {form.action}: refused, yet saved something")
        assert not problems, "\n".join(problems)
        assert tried >= 60

    # NUL: PostgreSQL refuses it in any query, so it must never reach one unchecked

    def test_a_nul_character_in_a_query_string_is_handled(self):
        problems, tried = [], 0
        links = self.owner_links()
        for route in routes():
            if route.public or route.name == "logout":
                continue
            for sample in samples_for(route, self.owner)[:1]:
                path = sample.url(route.name).split("?")[0]
                names = {"q", "page", "next", *sample.query, *links.get(path, ())}
                response = self.owner_client.get(path, dict.fromkeys(names, "a\x00b"))
                tried += 1
                if response.status_code >= 500:
                    problems.append(f"GET {path} with NUL in {sorted(names)}: 500")
        assert not problems, "\n".join(problems)
        assert tried >= 40

    def test_a_nul_character_in_a_form_is_refused_and_saves_nothing(self):
        problems, tried = [], 0
        for form, client in self.all_forms():
            for f in form.fields:
                if f.kind not in ("text", "textarea", "email", "url", "search", "password"):
                    continue
                before = snapshot()
                response = client.post(form.action, {**filled(form), f.name: "a\x00b"})
                tried += 1
                if response.status_code >= 500:
                    problems.append(f"POST {form.action} {f.name}=NUL: 500")
                elif response.status_code >= 400 and changed(before, snapshot()):
                    problems.append(f"POST {form.action} {f.name}=NUL: refused, yet saved")
                elif response.status_code < 400 and f.name != "next":
                    problems.append(f"POST {form.action} {f.name}=NUL: {response.status_code}")
        assert not problems, "\n".join(problems)
        assert tried >= 60

    # Dates

    def test_a_date_like_0000_00_00_is_a_422_with_a_clear_message(self):
        problems, tried = [], 0
        for form, client in self.all_forms():
            for name in date_fields(form):
                impossible = "0000-00-00T00:00" if name.endswith("_at") else "0000-00-00"
                response = client.post(form.action, {**filled(form), name: impossible})
                tried += 1
                errors = " ".join(field_errors(response, name)).lower()
                if response.status_code != 422:
                    problems.append(
                        f"POST {form.action} {name}={impossible}: {response.status_code}"
                    )
                elif "date" not in errors:
                    problems.append(f"POST {form.action} {name}={impossible}: says {errors!r}")
        assert not problems, "\n".join(problems)
        self.assert_owner_unchanged("an impossible date changed something")
        assert tried >= 12

    # CSRF

    def test_a_post_without_its_csrf_token_gets_the_friendly_403_and_changes_nothing(self):
        problems = []
        everything = snapshot()
        for form, _ in self.all_forms():
            if form.name in {f.name for f in self.visitor_forms}:
                client = Client(enforce_csrf_checks=True)
            else:
                client = self.session_client(self.owner_session, enforce_csrf_checks=True)
            body = {k: v for k, v in filled(form).items() if k != "csrfmiddlewaretoken"}
            response = client.post(form.action, body)
            if response.status_code != 403 or FRIENDLY_403 not in response.content.decode():
                problems.append(f"POST {form.action} without a token: {response.status_code}")
        assert not problems, "\n".join(problems)
        assert changed(everything, snapshot()) == []

    # Redirect targets

    def test_a_hostile_next_never_crashes_nor_leaves_the_site(self):
        problems = []
        uses_next = {
            form.action for form in self.owner_forms if any(f.name == "next" for f in form.fields)
        } | {url for url, params in self.owner_links().items() if "next" in params}
        assert uses_next
        for action in sorted(uses_next):
            form = next((f for f in self.owner_forms if same_path(f.action, action)), None)
            body = filled(form) if form else {}
            for target in ("abc", "https://evil.example/", "//evil.example/", "/\\evil.example"):
                response = self.owner_client.post(
                    f"{action.split('?')[0]}?next={target}", {**body, "next": target}
                )
                if response.status_code >= 500:
                    problems.append(f"POST {action} next={target}: {response.status_code}")
                elif response.status_code in REDIRECTS:
                    where = urlsplit(response["Location"])
                    if where.netloc not in ("", "testserver") or where.path.startswith("//"):
                        problems.append(f"POST {action} next={target}: to {response['Location']}")
        assert not problems, "\n".join(problems)

    # Helpers

    def all_forms(self):
        for form in self.owner_forms:
            yield form, self.owner_client
        for form in self.visitor_forms:
            yield form, Client()

    def owner_links(self):
        return links_on_pages(self.owner_client, self.owner)


def unique(forms):
    found = {}
    for form in forms:
        found.setdefault(form.key, form)
    return list(found.values())


def flat(body):
    for name, value in body.items():
        for one in value if isinstance(value, list) else [value]:
            yield name, one


def same_path(one, other):
    return one.split("?")[0] == other.split("?")[0]


def error_banner(response):
    return parse(response).find("div", role="alert") is not None
