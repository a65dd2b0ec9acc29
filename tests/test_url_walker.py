"""Every URL of the project, found by walking the URL resolver, proves the access rules:

(a) a private URL sends an anonymous visitor to the login page, on GET and on POST, and
    a POST changes nothing; the public URLs are listed here and answer without a login;
(b) a URL that names an object (an id, or a token) gives another signed-in user a 404
    on GET and on POST, and changes nothing;
(c) no page, fetched by another user, shows anything of the owner's data.

URLs are not listed by hand: a URL added later is walked too, and fails until SAMPLES
says how to build it for a user (so nobody can add a URL and forget its access rules).
The Django admin has its own permissions and is left out.

The helpers here (the walk, the sample data, row snapshots, form and link harvesting) are
shared by tests/test_fuzz_forms.py, tests/test_fuzz_urls.py and tests/test_bad_input.py.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode

from accounts.services import CONFIRM_SALT, confirmation_token
from applications.csv.upload import ImportForm
from applications.models import Stage
from feedback.models import FeedbackRequest, Reflection
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    FeedbackRequestFactory,
    InteractionFactory,
    InterviewFactory,
    LessonFactory,
    RejectionFactory,
    UserFactory,
)
from tests.html import parse

MARK = "ZQXMARK"  # in every text the owner writes; never on another user's page
SEARCH_WORD = "Quandry"  # in the owner's names, searched for by the stranger
PROJECT_APPS = ["accounts", "applications", "contacts", "feedback", "reminders", "insights"]
LOGIN_URL = "/accounts/login/"


# --- Walking the resolver ----------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str  # "applications:detail"; the route itself for an unnamed pattern
    route: str  # "applications/<int:pk>/"
    kwargs: tuple  # the names of its arguments
    callback: object = field(compare=False, repr=False)

    @property
    def public(self):
        """Marked with @login_not_required (LoginRequiredMiddleware lets it through)."""
        return not getattr(self.callback, "login_required", True)

    @property
    def object_kwargs(self):
        return [name for name in self.kwargs if name.endswith(("pk", "id"))]


def skipped_prefixes():
    prefixes = [settings.ADMIN_URL, settings.STATIC_URL]
    if settings.MEDIA_URL:
        prefixes.append(settings.MEDIA_URL)
    return tuple(prefix.lstrip("/") for prefix in prefixes if prefix.strip("/"))


def walk(patterns=None, prefix="", namespace="", kwargs=()):
    """Every URL pattern under `patterns` (the root URLconf by default), with its full
    route, namespaced name and argument names, through includes and namespaces, but not
    into the Django admin (it has its own permissions) nor static or media files."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        route = prefix + str(entry.pattern)
        names = (*kwargs, *entry.pattern.regex.groupindex)
        if route.startswith(skipped_prefixes()):
            continue
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from walk(entry.url_patterns, route, inner, names)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Route(name=name or route, route=route, kwargs=names, callback=entry.callback)


def routes():
    return sorted(set(walk()), key=lambda route: route.route)


# --- Sample data: a user's own objects, and where each URL finds them ---------------


@dataclass
class World:
    """One user's data, every kind the app has: enough for every URL to find an object
    and for every list, export and feed to show something."""

    user: object
    mark: str
    company: object = None
    other_company: object = None
    spare_company: object = None  # nothing points at it: it can be deleted
    application: object = None
    rejected: object = None
    interview: object = None
    contact: object = None
    interaction: object = None
    rejection: object = None
    reflection: object = None
    feedback_request: object = None
    lesson: object = None
    batch: object = None
    ids: dict = field(default_factory=dict)  # model label -> the pks of this user's rows


def build_world(user, mark, word):
    """Creates `user`'s data, with `mark` in every text a person types and `word` in the
    names a search finds."""
    today = user.today()
    long_ago = timezone.now() - timedelta(days=90)
    world = World(user=user, mark=mark)
    world.company = CompanyFactory(
        owner=user, name=f"{word} Labs", notes=f"{mark} company notes", website="https://q.example"
    )
    world.other_company = CompanyFactory(owner=user, name=f"{word} Holdings {mark}")
    world.spare_company = CompanyFactory(owner=user, name=f"{word} Spare {mark}")
    world.application = ApplicationFactory(
        owner=user,
        company=world.company,
        title=f"{mark} {word} engineer",
        location=f"{mark} town",
        notes=f"{mark} application notes",
        stage=Stage.APPLIED,
        applied_on=today - timedelta(days=40),
        follow_up_on=today - timedelta(days=1),
        stage_changed_at=long_ago,
    )
    world.application.move_to(Stage.SCREENING, note=f"{mark} stage note", today=today)
    world.interview = InterviewFactory(
        application=world.application,
        starts_at=timezone.now() + timedelta(days=2),
        with_whom=f"{mark} interviewer",
        notes=f"{mark} interview notes",
    )
    world.contact = ContactFactory(
        owner=user,
        company=world.company,
        name=f"{mark} {word} Person",
        title=f"{mark} recruiter",
        email=f"{mark.lower()}.contact@example.com",
        notes=f"{mark} contact notes",
        keep_in_touch_days=30,
        last_contacted_on=today - timedelta(days=60),
    )
    world.interaction = InteractionFactory(
        contact=world.contact,
        application=world.application,
        summary=f"{mark} interaction summary",
        happened_on=today - timedelta(days=60),
    )
    world.rejected = ApplicationFactory(
        owner=user,
        company=world.other_company,
        title=f"{mark} {word} analyst",
        notes=f"{mark} rejected notes",
        stage=Stage.REJECTED,
    )
    world.rejection = RejectionFactory(
        application=world.rejected,
        at_stage="interview",
        reason_given=f"{mark} other candidates had more experience",
        message=f"{mark} their message",
    )
    world.reflection = Reflection.objects.create(
        rejection=world.rejection, feelings=f"{mark} feelings", mood=3, reframe=f"{mark} reframe"
    )
    contact_there = ContactFactory(
        owner=user, company=world.other_company, name=f"{mark} Hiring Manager"
    )
    world.feedback_request = FeedbackRequestFactory(
        rejection=world.rejection,
        contact=contact_there,
        message=f"{mark} request message",
        status=FeedbackRequest.Status.SENT,
        sent_on=today - timedelta(days=10),
        follow_up_on=today - timedelta(days=3),
        response=f"{mark} other candidates had more experience",
        is_generic=True,
        dig_deeper=f"{mark} what kind of experience?",
        push_back=f"{mark} push back",
    )
    world.lesson = LessonFactory(
        owner=user,
        title=f"{mark} lesson",
        detail=f"{mark} lesson detail",
        rejection=world.rejection,
        feedback_request=world.feedback_request,
        target_on=today + timedelta(days=30),
    )
    world.lesson.applications.add(world.application)
    form = ImportForm(
        {},
        {
            "file": SimpleUploadedFile(
                f"{mark}.csv",
                f"Company,Job Title,Notes\n{word} Imports,{mark} imported role,{mark}\n".encode(),
                content_type="text/csv",
            )
        },
        user=user,
    )
    assert form.is_valid(), form.errors
    world.batch = form.save()
    world.ids = {
        label: set(queryset.values_list("pk", flat=True))
        for label, queryset in owned_querysets(user).items()
    }
    return world


def make_worlds():
    """The owner (whose data carries MARK) and a stranger with data of their own."""
    owner = UserFactory(email=f"{MARK.lower()}.owner@example.org", name=f"Olive {MARK}")
    stranger = UserFactory(email="stranger.walker@example.org", name="Sam Stranger")
    return build_world(owner, MARK, SEARCH_WORD), build_world(stranger, "plain", "Zenith")


@dataclass(frozen=True)
class Sample:
    kwargs: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)

    def url(self, name):
        path = reverse(name, kwargs=self.kwargs)
        return f"{path}?{urlencode(self.query)}" if self.query else path


NO_ARGS = [Sample()]


def pk(attribute):
    return lambda world: [Sample({"pk": getattr(world, attribute).pk})]


def reminder_objects(world):
    return [
        Sample({"kind": "check-in", "pk": world.contact.pk}),
        Sample({"kind": "feedback", "pk": world.feedback_request.pk}),
        Sample({"kind": "send-request", "pk": world.feedback_request.pk}),
        Sample({"kind": "question", "pk": world.feedback_request.pk}),
        Sample({"kind": "follow-up", "pk": world.application.pk}),
        Sample({"kind": "quiet", "pk": world.application.pk}),
    ]


def reset_link(world):
    user = world.user
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return [Sample({"uidb64": uid, "token": default_token_generator.make_token(user)})]


# Every URL, by name: how to build it from one user's World (its kwargs, and query
# strings worth trying). A URL missing here fails the walk.
SAMPLES = {
    "home": lambda world: NO_ARGS,
    "healthz": lambda world: NO_ARGS,
    "login": lambda world: NO_ARGS,
    "logout": lambda world: NO_ARGS,
    "password_change": lambda world: NO_ARGS,
    "password_change_done": lambda world: NO_ARGS,
    "password_reset": lambda world: NO_ARGS,
    "password_reset_done": lambda world: NO_ARGS,
    "password_reset_confirm": reset_link,
    "password_reset_complete": lambda world: NO_ARGS,
    "accounts:signup": lambda world: NO_ARGS,
    "accounts:settings": lambda world: NO_ARGS,
    "accounts:email_change": lambda world: NO_ARGS,
    "accounts:name": lambda world: NO_ARGS,
    "accounts:calendar_token": lambda world: NO_ARGS,
    "accounts:resend_confirmation": lambda world: NO_ARGS,
    "accounts:confirm": lambda world: [Sample({"token": confirmation_token(world.user)})],
    "accounts:export": lambda world: [Sample(), Sample(query={"download": "1"})],
    "accounts:import": lambda world: NO_ARGS,
    "accounts:delete": lambda world: NO_ARGS,
    "applications:list": lambda world: [
        Sample(),
        Sample(query={"q": SEARCH_WORD}),
        Sample(query={"stage": "active", "sort": "company"}),
    ],
    "applications:board": lambda world: NO_ARGS,
    "applications:create": lambda world: [
        Sample(),
        Sample(query={"company": SEARCH_WORD}),
        Sample(query={"title": SEARCH_WORD, "stage": "saved"}),
    ],
    "applications:quick_add": lambda world: NO_ARGS,
    "applications:capture": lambda world: NO_ARGS,
    "applications:capture_relay": lambda world: NO_ARGS,
    "applications:export": lambda world: [Sample(), Sample(query={"q": SEARCH_WORD})],
    "applications:import": lambda world: NO_ARGS,
    "applications:import_preview": pk("batch"),
    "applications:import_problems": pk("batch"),
    "applications:import_confirm": pk("batch"),
    "applications:import_cancel": pk("batch"),
    "applications:reengagement": lambda world: [
        Sample(query={"company": world.other_company.name}),
        Sample(query={"company": f"{SEARCH_WORD} Labs"}),
    ],
    "applications:detail": lambda world: [
        Sample({"pk": world.application.pk}),
        Sample({"pk": world.rejected.pk}),
    ],
    "applications:edit": pk("application"),
    "applications:delete": pk("application"),
    "applications:stage": pk("application"),
    "applications:undo": pk("application"),
    "applications:interview_create": pk("application"),
    "applications:reject": lambda world: [
        Sample({"pk": world.application.pk}),
        Sample({"pk": world.rejected.pk}),
    ],
    "applications:no_response": lambda world: [
        Sample({"pk": world.application.pk}),
        Sample({"pk": world.rejected.pk}),
    ],
    "applications:stale": lambda world: NO_ARGS,
    "interviews:edit": pk("interview"),
    "interviews:delete": pk("interview"),
    "companies:list": lambda world: NO_ARGS,
    "companies:detail": lambda world: [
        Sample({"pk": world.company.pk}),
        Sample({"pk": world.other_company.pk}),
    ],
    "companies:edit": pk("company"),
    "companies:merge": pk("company"),
    "companies:delete": lambda world: [
        Sample({"pk": world.company.pk}),  # still has applications: refused
        Sample({"pk": world.spare_company.pk}),
    ],
    "contacts:list": lambda world: [
        Sample(),
        Sample(query={"q": SEARCH_WORD}),
        Sample(query={"company": world.company.pk}),
    ],
    "contacts:create": lambda world: [Sample(), Sample(query={"company": SEARCH_WORD})],
    "contacts:detail": pk("contact"),
    "contacts:edit": pk("contact"),
    "contacts:delete": pk("contact"),
    "contacts:log": pk("contact"),
    "rejections:list": lambda world: [Sample(), Sample(query={"show": "open"})],
    "rejections:paste": lambda world: [
        Sample(),
        Sample(query={"application": world.application.pk}),
    ],
    "rejections:paste_confirm": lambda world: NO_ARGS,
    "rejections:detail": pk("rejection"),
    "rejections:reflect": pk("rejection"),
    "rejections:feedback": lambda world: [
        Sample({"pk": world.rejection.pk}),
        Sample({"pk": world.rejection.pk}, {"contact": world.feedback_request.contact_id}),
    ],
    "rejections:bridges": lambda world: [
        Sample({"pk": world.rejection.pk}),
        Sample({"pk": world.rejection.pk}, {"to": world.feedback_request.contact_id}),
    ],
    "rejections:skip": pk("rejection"),
    "feedback:list": lambda world: [Sample(), Sample(query={"status": "sent"})],
    "feedback:detail": pk("feedback_request"),
    "feedback:sent": pk("feedback_request"),
    "feedback:answer": pk("feedback_request"),
    "feedback:follow_up": pk("feedback_request"),
    "feedback:question_sent": pk("feedback_request"),
    "feedback:question_answer": pk("feedback_request"),
    "feedback:push_back": pk("feedback_request"),
    "lessons:list": lambda world: NO_ARGS,
    "lessons:create": lambda world: [
        Sample(),
        Sample(query={"rejection": world.rejection.pk}),
        Sample(query={"feedback": world.feedback_request.pk}),
    ],
    "lessons:detail": pk("lesson"),
    "lessons:edit": pk("lesson"),
    "lessons:status": pk("lesson"),
    "reminders:list": lambda world: [
        Sample(),
        Sample(query={"kind": "check-in"}),
        Sample(query={"show": "later"}),
    ],
    "reminders:calendar": lambda world: [Sample({"token": world.user.calendar_token})],
    "reminders:done": lambda world: [
        *reminder_objects(world),
        # A note about a new application, from the re-engagement panel.
        Sample({"kind": "check-in", "pk": world.contact.pk}, {"application": world.application.pk}),
    ],
    "reminders:snooze": reminder_objects,
    "insights:dashboard": lambda world: NO_ARGS,
    "insights:insights": lambda world: NO_ARGS,
    # The owner's words, searched for by either user: only the owner finds them.
    "search:results": lambda world: [
        Sample(),
        Sample(query={"q": SEARCH_WORD}),
        Sample(query={"q": SEARCH_WORD, "kind": "contacts"}),
        Sample(query={"q": f"{SEARCH_WORD} engineer", "kind": "applications", "page": "2"}),
    ],
}

# Open to anyone (@login_not_required), with what an anonymous GET answers. A view made
# public without being listed here fails the walk.
PUBLIC = {
    "home": 200,
    "healthz": 200,
    "login": 200,
    "password_reset": 200,
    "password_reset_done": 200,
    "password_reset_confirm": 302,  # a valid link moves on to .../set-password/
    "password_reset_complete": 200,
    "accounts:signup": 200,
    "accounts:confirm": 200,
    "reminders:calendar": 200,
    # The bookmarklet's cross-site POST lands here without a session (SameSite=Lax
    # cookies); it saves nothing and shows nobody's data, only passes the page on.
    "applications:capture_relay": 405,
}


def altered(token):
    """The token with its last character changed."""
    return token[:-1] + ("A" if token[-1] != "A" else "B")


# URLs whose token is the key to one user's data: whoever holds the owner's real token
# is let in (it was mailed to them, or is their calendar's address). Presented by a
# signed-in stranger, a forged one (altered, or mixing two users') is refused with this
# status, exactly as a token that never existed, and changes nothing.
TOKEN_FORGERIES = {
    "accounts:confirm": (
        lambda owner, stranger: [
            {"token": altered(confirmation_token(owner.user))},
            # Properly signed, but naming the owner with the stranger's address.
            {
                "token": signing.dumps(
                    {"user": owner.user.pk, "email": stranger.user.email}, salt=CONFIRM_SALT
                )
            },
        ],
        {"GET": 400, "POST": 400},
    ),
    "password_reset_confirm": (
        # The owner's id with a token made for the stranger.
        lambda owner, stranger: [
            {
                "uidb64": urlsafe_base64_encode(force_bytes(owner.user.pk)),
                "token": default_token_generator.make_token(stranger.user),
            }
        ],
        {"GET": 200, "POST": 200},  # Django's "this link no longer works" page
    ),
    "reminders:calendar": (
        lambda owner, stranger: [{"token": altered(owner.user.calendar_token)}],
        {"GET": 404, "POST": 405},  # the feed is read-only for everyone
    ),
}

# Arguments that choose what kind of thing a URL shows, not which user's object.
NON_IDENTIFYING_KWARGS = {"kind"}

# Pages on which the owner must see their own marker: proof that the sample data reaches
# the pages, so that the marker's absence for the stranger means something.
OWNER_SEES_MARK = [
    "accounts:settings",
    "applications:create",
    "applications:reengagement",
    "contacts:create",
    "lessons:create",
    "applications:list",
    "applications:board",
    "applications:export",
    "companies:list",
    "contacts:list",
    "rejections:list",
    "feedback:list",
    "lessons:list",
    "reminders:list",
    "reminders:calendar",
    "insights:dashboard",
    "accounts:export",
    "search:results",
]


def samples_for(route, world):
    if route.name not in SAMPLES:
        raise LookupError(
            f"No sample data for the URL {route.name!r} (/{route.route}): add an entry to "
            "SAMPLES in tests/test_url_walker.py saying how to build it for a user."
        )
    return SAMPLES[route.name](world)


# --- Snapshots of rows --------------------------------------------------------------


def project_models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in PROJECT_APPS
    ]


def owner_path(model, depth=0):
    """The lookup from a row of `model` to the user who owns it ("owner",
    "application__owner", "lesson__owner"...), or None for rows nobody owns."""
    if model is get_user_model():
        return "pk"
    if depth > 4:
        return None
    fields = [
        f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)
    ]
    fields.sort(key=lambda f: (f.related_model is not get_user_model(), f.null))
    for f in fields:
        if f.related_model is get_user_model():
            return f.name
        inner = owner_path(f.related_model, depth + 1)
        if inner is not None:
            return f.name if inner == "pk" else f"{f.name}__{inner}"
    return None


def owned_querysets(user):
    """Every row `user` owns, model by model, through each model's owner path."""
    querysets = {}
    for model in project_models():
        path = owner_path(model)
        if path is not None:
            querysets[model._meta.label] = model._base_manager.filter(**{path: user.pk})
    return querysets


def fingerprint(queryset):
    rows = list(queryset.order_by("pk").values())
    text = json.dumps(rows, default=str, sort_keys=True)
    return len(rows), hashlib.sha256(text.encode()).hexdigest()[:16]


def snapshot(user=None):
    """A count and a hash of the rows, per model: of one user's rows, or of every row of
    the project's models. Equal snapshots: nothing was created, changed or deleted."""
    if user is not None:
        return {label: fingerprint(qs) for label, qs in owned_querysets(user).items()}
    return {model._meta.label: fingerprint(model._base_manager.all()) for model in project_models()}


def changed(before, after):
    return sorted(
        label for label in before.keys() | after.keys() if before.get(label) != after.get(label)
    )


def cross_owner_links():
    """Rows of one user that point at another user's row (a forged id that got through).
    Every foreign key between two owned models must stay within one owner."""
    found = []
    for model in project_models():
        path = owner_path(model)
        if path is None or path == "pk":
            continue
        for f in model._meta.concrete_fields:
            if not (f.is_relation and (f.many_to_one or f.one_to_one)):
                continue
            target_path = owner_path(f.related_model)
            if target_path is None or f.related_model is get_user_model():
                continue
            target = f.name if target_path == "pk" else f"{f.name}__{target_path}"
            leaks = (
                model._base_manager.filter(**{f"{f.name}__isnull": False})
                .exclude(**{path: F(target)})
                .values_list("pk", flat=True)
            )
            found += [f"{model._meta.label}.{f.name} of row {row}" for row in leaks]
    return found


# --- Forms on a page ----------------------------------------------------------------


@dataclass
class FormField:
    name: str
    kind: str  # input type, "select" or "textarea"
    value: str = ""
    options: list = field(default_factory=list)
    multiple: bool = False
    checked: bool = False
    attrs: dict = field(default_factory=dict)


@dataclass
class Form:
    page: str  # the URL of the page it was found on
    action: str  # the URL it posts to
    name: str  # the URL name of its action
    method: str
    fields: list
    buttons: list  # (name, value) of named submit buttons
    multipart: bool

    @property
    def key(self):
        names = ",".join(sorted({f.name for f in self.fields}))
        return f"{self.name} [{names}]"

    def body(self, button=None):
        """What a browser sends when the form is submitted as it is shown."""
        data = {}
        for f in self.fields:
            if f.kind in ("checkbox", "radio"):
                if f.checked:
                    data.setdefault(f.name, []).append(f.value or "on")
            elif f.kind == "select":
                chosen = [value for value, selected in f.options if selected]
                if not chosen and f.options and not f.multiple:
                    chosen = [f.options[0][0]]
                if chosen:
                    data.setdefault(f.name, []).extend(chosen)
            elif f.kind == "file":
                continue
            else:
                data.setdefault(f.name, []).append(f.value)
        if button:
            data[button[0]] = [button[1]]
        return {name: values if len(values) > 1 else values[0] for name, values in data.items()}


def raw_text(element):
    return "".join(child for child in element.children if isinstance(child, str))


def forms_on(response, page_url):
    """The forms of a page, with the URL name each one posts to."""
    found = []
    for element in parse(response).find_all("form"):
        action = element.attrs.get("action") or page_url
        try:
            name = url_name(action)
        except Resolver404:
            continue
        fields, buttons = [], []
        for child in element.iter():
            attrs = child.attrs
            if "name" not in attrs or "disabled" in attrs:
                continue
            if child.tag == "input":
                kind = (attrs.get("type") or "text").lower()
                if kind in ("submit", "image", "button", "reset"):
                    buttons.append((attrs["name"], attrs.get("value", "")))
                    continue
                fields.append(
                    FormField(
                        attrs["name"],
                        kind,
                        attrs.get("value") or "",
                        checked="checked" in attrs,
                        attrs=attrs,
                    )
                )
            elif child.tag == "button":
                if (attrs.get("type") or "submit").lower() == "submit":
                    buttons.append((attrs["name"], attrs.get("value", "")))
            elif child.tag == "select":
                options = [
                    (option.attrs.get("value", option.text), "selected" in option.attrs)
                    for option in child.find_all("option")
                ]
                fields.append(
                    FormField(
                        attrs["name"],
                        "select",
                        options=options,
                        multiple="multiple" in attrs,
                        attrs=attrs,
                    )
                )
            elif child.tag == "textarea":
                text = raw_text(child)
                fields.append(
                    FormField(attrs["name"], "textarea", text.removeprefix("\n"), attrs=attrs)
                )
        found.append(
            Form(
                page=page_url,
                action=action,
                name=name,
                method=(element.attrs.get("method") or "get").lower(),
                fields=fields,
                buttons=buttons,
                multipart="multipart" in (element.attrs.get("enctype") or ""),
            )
        )
    return found


def url_name(url):
    match = resolve(url.split("?", 1)[0])
    return match.view_name


def harvest(client, world, names=None):
    """Every form on every page the signed-in user of `client` can open, from the
    walked URLs built with their own World."""
    forms = []
    for route in routes():
        if names is not None and route.name not in names:
            continue
        for sample in samples_for(route, world):
            url = sample.url(route.name)
            response = client.get(url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                forms += forms_on(response, url)
    return forms


def content_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def signed_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def post_body_for(forms, url):
    """The body of the first form that posts to `url`, as the page shows it: a
    plausible POST for that URL."""
    path = url.split("?", 1)[0]
    for form in forms:
        if form.method == "post" and form.action.split("?", 1)[0] == path:
            return form.body(form.buttons[0] if form.buttons else None)
    return {"confirm": "yes"}


def sends_to_login(response, url):
    """A redirect to the login page, which will come back to `url`."""
    if response.status_code != 302:
        return False
    location = urlsplit(response["Location"])
    return location.path == LOGIN_URL and parse_qs(location.query).get("next") == [url]


def links_on_pages(client, world):
    """{page path: query parameter names} of every link on the pages the user can open,
    and of the walker's sample URLs."""
    found = {}
    for route in routes():
        if route.name == "logout":
            continue
        for sample in samples_for(route, world):
            if sample.query:  # the walker's samples name parameters too
                path = sample.url(route.name).split("?")[0]
                found.setdefault(path, set()).update(sample.query)
            response = client.get(sample.url(route.name))
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for link in parse(response).find_all("a"):
                href = link.attrs.get("href") or ""
                parts = urlsplit(href)
                if not parts.query or parts.netloc or not href.startswith(("/", "?")):
                    continue
                path = parts.path or sample.url(route.name).split("?")[0]
                try:
                    url_name(path)
                except Resolver404:
                    continue
                names = {name for name, _ in parse_qsl(parts.query, keep_blank_values=True)}
                found.setdefault(path, set()).update(names)
    return found


# --- The tests ----------------------------------------------------------------------

pytestmark = pytest.mark.django_db


@pytest.fixture
def worlds():
    return make_worlds()


def test_every_url_has_sample_data_and_a_known_shape():
    walked = routes()
    problems = []
    for route in walked:
        if route.name not in SAMPLES:
            problems.append(
                f"No sample data for the URL {route.name!r} (/{route.route}): add it to SAMPLES."
            )
        unknown = [
            kwarg
            for kwarg in route.kwargs
            if kwarg not in route.object_kwargs
            and kwarg not in NON_IDENTIFYING_KWARGS
            and route.name not in TOKEN_FORGERIES
        ]
        if unknown:
            problems.append(
                f"{route.name} (/{route.route}) takes {unknown}: say whether it names a "
                "user's object (TOKEN_FORGERIES) or not (NON_IDENTIFYING_KWARGS)."
            )
        if route.public and route.name not in PUBLIC:
            problems.append(
                f"{route.name} (/{route.route}) is open without a login but not listed in "
                "PUBLIC: list it there, or remove @login_not_required."
            )
    for name in PUBLIC:
        matching = [route for route in walked if route.name == name]
        if not matching:
            problems.append(f"PUBLIC lists {name}, which no URL has.")
        elif not matching[0].public:
            problems.append(f"PUBLIC lists {name}, but it requires a login.")
    stale = set(SAMPLES) - {route.name for route in walked}
    problems += [f"SAMPLES lists {name}, which no URL has." for name in sorted(stale)]
    assert not problems, "\n".join(problems)
    print(f"\nThe URL walker covers {len(walked)} URLs:")
    for route in walked:
        print(f"  /{route.route}  ({route.name}{', public' if route.public else ''})")
    assert len(walked) >= 60, "the walk found far fewer URLs than the app has"


def test_anonymous_visitors_are_sent_to_login_and_change_nothing(client, worlds):
    owner, _ = worlds
    problems = []
    for route in routes():
        for sample in samples_for(route, owner):
            url = sample.url(route.name)
            before = snapshot()
            got = client.get(url)
            if route.public:
                expected = PUBLIC[route.name]
                if got.status_code != expected:
                    problems.append(f"GET {url}: {got.status_code}, expected {expected}")
                if got.status_code == 302 and got["Location"].startswith(LOGIN_URL):
                    problems.append(f"GET {url}: a public page sent the visitor to login")
                continue
            posted = client.post(url, {"title": "Forged", "name": "Forged", "stage": "offer"})
            after = snapshot()
            for method, response in (("GET", got), ("POST", posted)):
                if not sends_to_login(response, url):
                    problems.append(
                        f"{method} {url} as a visitor: {response.status_code} "
                        f"{response.get('Location', '')}, expected a redirect to the login page"
                    )
            if changed(before, after):
                problems.append(f"POST {url} as a visitor changed {changed(before, after)}")
    assert not problems, "\n".join(problems)


def missing_object(sample):
    """The same URL with ids that no row has."""
    kwargs = {
        name: 999_999_999 if name.endswith(("pk", "id")) else value
        for name, value in sample.kwargs.items()
    }
    return Sample(kwargs, sample.query)


def test_another_user_gets_404_for_every_object_and_changes_nothing(worlds):
    """Another user's object answers exactly as a missing one: 404 (or 405 where the
    method is refused before any lookup, as for a missing object), and nothing changes."""
    owner, stranger = worlds
    owner_client, stranger_client = signed_in(owner.user), signed_in(stranger.user)
    forms = harvest(owner_client, owner)
    problems, checked = [], 0
    for route in routes():
        if route.name in TOKEN_FORGERIES:
            forge, expected = TOKEN_FORGERIES[route.name]
            attempts = [(Sample(kwargs), expected) for kwargs in forge(owner, stranger)]
        elif route.object_kwargs:
            attempts = []
            for sample in samples_for(route, owner):
                url = sample.url(route.name)
                seen = owner_client.get(url).status_code
                if seen not in (200, 302, 405):
                    problems.append(f"GET {url} as its owner: {seen}; the sample data is wrong")
                missing = missing_object(sample).url(route.name)
                expected = {
                    "GET": 405 if stranger_client.get(missing).status_code == 405 else 404,
                    "POST": 405 if stranger_client.post(missing).status_code == 405 else 404,
                }
                attempts.append((sample, expected))
        else:
            continue
        for sample, expected in attempts:
            url = sample.url(route.name)
            body = post_body_for(forms, url)
            before = snapshot(owner.user)
            got = stranger_client.get(url)
            posted = stranger_client.post(url, body)
            after = snapshot(owner.user)
            checked += 1
            for method, response in (("GET", got), ("POST", posted)):
                if response.status_code != expected[method]:
                    problems.append(
                        f"{method} {url} as another user: {response.status_code}, "
                        f"expected {expected[method]}"
                    )
            if changed(before, after):
                problems.append(
                    f"POST {url} as another user changed the owner's {changed(before, after)}"
                )
    assert not problems, "\n".join(problems)
    print(f"\n{checked} URLs naming an object refused another user")
    assert checked >= 40


def test_no_page_shows_another_users_data(worlds):
    owner, stranger = worlds
    owner_client, stranger_client = signed_in(owner.user), signed_in(stranger.user)
    problems, owner_saw = [], set()
    for route in routes():
        if route.name == "logout":
            continue  # a GET is refused (405); a POST would end the session
        for sample in samples_for(route, stranger):
            url = sample.url(route.name)
            response = stranger_client.get(url)
            if response.status_code >= 400 and response.status_code != 405:
                problems.append(f"GET {url} as its own user: {response.status_code}")
            if MARK.lower() in content_of(response).lower():
                problems.append(f"GET {url} as another user shows the owner's data")
        if route.name in OWNER_SEES_MARK:
            for sample in samples_for(route, owner):
                if MARK.lower() in content_of(owner_client.get(sample.url(route.name))).lower():
                    owner_saw.add(route.name)
    missing = sorted(set(OWNER_SEES_MARK) - owner_saw)
    assert not missing, f"the owner's own data is not on these pages (sample data?): {missing}"
    assert not problems, "\n".join(problems)


def test_no_owners_row_points_at_another_users_row(worlds):
    assert cross_owner_links() == []
