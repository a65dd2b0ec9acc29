"""The board: a column per active stage, its most recently updated cards."""

from django.db import connection
from django.db.models import Count, Q
from django.shortcuts import render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from applications.models import ACTIVE_STAGES, CLOSED_STAGES, Application, Stage
from applications.quick_add import QuickAddForm
from core import prepared
from core.links import pk_url

BOARD_COLUMN_CAP = 10


def application_board(request):
    user_applications = Application.objects.for_user(request.user)
    counts = dict(user_applications.values_list("stage").annotate(n=Count("*")).order_by())
    cards = board_cards(request.user)
    buttons = move_buttons_html(ACTIVE_STAGES)
    board_url = reverse("applications:board")
    shown = shown_stage(request, counts)
    context = {
        "columns": [
            {
                "stage": stage,
                "count": counts.get(stage, 0),
                "cards": cards[stage],
                "buttons": buttons[stage],
                "in_stage": stage.label.lower(),
                "url": f"{board_url}?stage={stage}",
                "shown": stage == shown,
            }
            for stage in ACTIVE_STAGES
        ],
        "closed": [(stage, counts.get(stage, 0)) for stage in CLOSED_STAGES],
        "cap": BOARD_COLUMN_CAP,
        "total": sum(counts.values()),
        "quick_add": QuickAddForm(user=request.user),
        "quick_add_next": f"{board_url}?stage={Stage.SAVED}",
    }
    return render(request, "applications/application_board.html", context)


def shown_stage(request, counts):
    """The column a phone shows (one at a time): the one ?stage= names, else the first
    with cards, else Saved. Wider screens show them all."""
    asked = request.GET.get("stage")
    if asked in ACTIVE_STAGES:
        return Stage(asked)
    return next((stage for stage in ACTIVE_STAGES if counts.get(stage)), Stage.SAVED)


def board_cards(user):
    """The most recently updated cards of each stage, at most BOARD_COLUMN_CAP each.

    One query for every column (column_rows), each column read from the (owner, stage,
    updated_at) index and stopped after the cap, so a column of thousands costs what a
    column of ten does; built by the ORM once per process (core/prepared.py), as
    building it took longer than running it. A card is a dict of what it shows, its
    links built here once per page rather than reversed per card: the page's time is in
    its fifty cards, not in its queries."""
    now = timezone.now()
    today = timezone.localdate(now)
    detail_url = pk_url("applications:detail")
    stage_url = pk_url("applications:stage")
    cards = {stage: [] for stage in ACTIVE_STAGES}
    found = prepared.run(("applications.board", BOARD_COLUMN_CAP), column_rows, user, today, now)
    rows = sorted(found, key=lambda row: (row["updated_at"], row["pk"]))
    for card in reversed(rows):
        cards[card.pop("stage")].append(card)
        card["url"] = detail_url(card["pk"])
        card["stage_url"] = stage_url(card["pk"])
        # Numbers as text: the template would localize each int it prints.
        card["pk"] = mark_safe(str(card["pk"]))
        days = (today - timezone.localdate(card["stage_changed_at"])).days
        card["time_in_stage"] = f"{days} day{pluralize(days)}"
    return cards


# What a card shows.
CARD_COLUMNS = {
    **{name: name for name in ("pk", "title", "stage", "stage_changed_at", "updated_at")},
    "next_interview_at": "next_interview_at",
    "company_name": "company__name",
}


def column_rows(user, today, now):
    """The Statement of each active stage's newest BOARD_COLUMN_CAP rows, in one query:
    a UNION ALL of one short read per column where the database takes a LIMIT in each
    part (PostgreSQL); on SQLite, which does not, the rows whose ids one such read per
    column finds."""
    applications = Application.objects.for_user(user)
    rows = applications.with_card_facts(now).order_by("-updated_at", "-pk")
    if connection.features.supports_slicing_ordering_in_compound:
        return prepared.union_all(
            (rows.filter(stage=stage)[:BOARD_COLUMN_CAP], CARD_COLUMNS) for stage in ACTIVE_STAGES
        )
    newest = applications.order_by("-updated_at", "-pk").values("pk")
    in_a_column = Q()
    for stage in ACTIVE_STAGES:
        in_a_column |= Q(pk__in=newest.filter(stage=stage)[:BOARD_COLUMN_CAP])
    return prepared.selected(rows.filter(in_a_column), CARD_COLUMNS)


def move_buttons_html(stages=ACTIVE_STAGES):
    """The buttons of a card's move menu, one per stage but the card's own, for each
    of `stages` in turn: the board has one menu per card, and there are only as many
    variants as stages. Each button is escaped once, not once a variant. A move to
    rejected asks what they said first, hence its "…"."""
    buttons = {
        value: format_html(
            '<button type="submit" name="stage" value="{}" class="btn btn-sm btn-light">'
            "{}{}</button>",
            value,
            label,
            "…" if value == Stage.REJECTED else "",
        )
        for value, label in Stage.choices
    }
    return {
        current: mark_safe("".join(html for value, html in buttons.items() if value != current))
        for current in stages
    }
