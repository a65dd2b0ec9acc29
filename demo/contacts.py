"""The contacts and their interactions: about one contact per five applications, met
where a real search meets people (whoever is asked for feedback first), some with a
keep-in-touch cadence and the check-ins that kept it, or let it lapse."""

from datetime import UTC, timedelta

from django.utils import timezone

from applications.models import Stage
from contacts.models import Contact, Interaction
from demo.names import domain, person_name, slug
from demo.plans import BATCH_SIZE, HISTORY_DAYS, ContactPlan, bulk_create_dated, local_instant

Relation = Contact.Relation

CONTACT_TITLES = {
    Relation.RECRUITER: ["Talent Acquisition Partner", "Technical Recruiter", "Recruiter"],
    Relation.HIRING_MANAGER: [
        "Head of Data",
        "Engineering Manager",
        "Head of Product",
        "Analytics Lead",
        "Design Lead",
    ],
    Relation.INTERVIEWER: ["Senior Engineer", "Staff Engineer", "Lead Data Scientist"],
    Relation.HR: ["People Partner", "HR Coordinator"],
    Relation.AGENCY_RECRUITER: ["Senior Consultant", "Recruitment Consultant"],
    Relation.REFERRER: ["Former colleague", "Friend from a meetup"],
    Relation.OTHER: ["Engineer", "Product Manager"],
}
CONTACT_NOTES = [
    "Very open about the team's plans.",
    "Said to get back in touch in the spring.",
    "Prefers LinkedIn to email.",
    "Met at the final round; we share an interest in data quality.",
    "Mentioned a second team that hires twice a year.",
]
AGENCIES = [
    ("Harbour Talent", "harbourtalent.example"),
    ("Northbridge Recruitment", "northbridge-recruitment.example"),
    ("Lumen Search", "lumensearch.example"),
]
CADENCES = [30, 60, 90, 180, 365]
CADENCE_WEIGHTS = [15, 20, 35, 20, 10]
# The chance of keeping a check-in each time one falls due; the rest lapse (overdue).
KEEP_UP = 0.75
THANK_YOU_SUMMARIES = [
    "Thanked them for their time and said I'd love to hear about future roles.",
    "Sent a thank-you reply and asked to stay in touch.",
    "Replied graciously; they said they'd keep me in mind.",
]
CHECK_IN_SUMMARIES = [
    "Sent a short check-in: what I've been working on since we spoke.",
    "Caught up over coffee; they mentioned a team that may open a role in spring.",
    "Congratulated them on the product launch and asked how the team is doing.",
    "Shared an article on data contracts they might like.",
    "Quick message to say hello; they replied warmly.",
]
CHECK_IN_KINDS = [
    Interaction.Kind.CHECK_IN,
    Interaction.Kind.MESSAGE,
    Interaction.Kind.CALL,
    Interaction.Kind.MEETING,
]
CHECK_IN_KIND_WEIGHTS = [55, 20, 15, 10]


class ContactBook:
    """The demo's contacts by company, so that a feedback request, a thank-you or a
    later application at the same employer finds the person already met there."""

    def __init__(self, rng, user, now):
        self.rng, self.user, self.now = rng, user, now
        self.contacts = []
        self.by_company = {}

    def at(self, company, relations):
        """The first contact at `company` with one of `relations`, in that order."""
        known = self.by_company.get(company.pk, [])
        for relation in relations:
            for cp in known:
                if cp.contact.relation == relation:
                    return cp
        return None

    def meet(self, company, relation, met_at, keep_warm):
        """The person with this relation at the company, added if not met yet (up to
        two interviewers)."""
        known = [
            cp for cp in self.by_company.get(company.pk, []) if cp.contact.relation == relation
        ]
        if known and (relation != Relation.INTERVIEWER or len(known) >= 2):
            cp = known[0]
            cp.created_at = min(cp.created_at, met_at)
            return cp
        return self.add(company, relation, met_at, keep_warm)

    def add(self, company, relation, met_at, keep_warm):
        rng = self.rng
        known = self.by_company.setdefault(company.pk if company else None, [])
        name = person_name(rng, {cp.contact.name for cp in known})
        first, _, last = name.partition(" ")
        title = rng.choice(CONTACT_TITLES[relation])
        if company:
            mail_domain = domain(company.name).removeprefix("www.")
        else:
            agency, mail_domain = rng.choice(AGENCIES)
            title = f"{title}, {agency}"
        contact = Contact(
            owner=self.user,
            company=company,
            name=name,
            title=title,
            relation=relation,
            email=f"{slug(first)}.{slug(last)}@{mail_domain}" if rng.random() < 0.85 else "",
            phone=f"+44 20 7946 0{rng.randint(0, 999):03d}" if rng.random() < 0.2 else "",
            notes=rng.choice(CONTACT_NOTES) if rng.random() < 0.2 else "",
        )
        cp = ContactPlan(contact=contact, created_at=met_at, keep_warm=keep_warm)
        known.append(cp)
        self.contacts.append(cp)
        return cp


def plan_contacts(rng, book, companies, plans, rejections, asked, target):
    """Exactly `target` contacts, met where a real search meets people: first whoever is
    asked for feedback, then hiring managers and interviewers of rejections after
    interviews, recruiters of applications in progress, the people behind other
    rejections and finished processes; then recruiters, HR and referrers anywhere."""
    slots = []  # (plan, relation, keep_warm)
    asked_ids = set()
    for rp in asked:
        if id(rp) not in asked_ids and rng.random() < 0.85:
            slots.append((rp.plan, ask_relations(rp.rejection)[0], 0.5))
        asked_ids.add(id(rp))
    others = [rp for rp in rejections if id(rp) not in asked_ids and not rp.after_silence]
    for rp in others:
        if rp.rejection.after_interviews:
            if rng.random() < 0.7:
                slots.append((rp.plan, Relation.HIRING_MANAGER, 0.5))
            if rng.random() < 0.4:
                slots.append((rp.plan, Relation.INTERVIEWER, 0.4))
    for plan in plans:
        stage = plan.application.stage
        if stage in (Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER) and rng.random() < 0.6:
            slots.append((plan, Relation.RECRUITER, 0.25))
        if stage == Stage.INTERVIEWING and rng.random() < 0.3:
            slots.append((plan, Relation.INTERVIEWER, 0.25))
    for rp in others:
        if not rp.rejection.after_interviews and rng.random() < 0.35:
            slots.append((rp.plan, rng.choice([Relation.RECRUITER, Relation.HR]), 0.4))
    for plan in plans:
        if plan.application.stage in (Stage.WITHDRAWN, Stage.ACCEPTED) and rng.random() < 0.5:
            slots.append((plan, Relation.HIRING_MANAGER, 0.6))
    for plan, relation, keep_warm in slots:
        if len(book.contacts) >= target:
            break
        met_at, introduction = meeting(rng, plan, relation)
        cp = book.meet(plan.application.company, relation, met_at, keep_warm)
        if introduction:
            cp.log(timezone.localdate(met_at, timezone=book.user.zone), *introduction)
    zone = book.user.zone
    today = timezone.localdate(book.now, timezone=zone)
    while len(book.contacts) < target:
        day = today - timedelta(days=rng.randint(1, HISTORY_DAYS))
        met_at = local_instant(day, rng.randint(9 * 60, 18 * 60), zone)
        if rng.random() < 0.15 or not companies:
            book.add(None, Relation.AGENCY_RECRUITER, met_at, 0.6)
        else:
            relations = [Relation.RECRUITER, Relation.HR, Relation.HIRING_MANAGER]
            relations += [Relation.REFERRER, Relation.OTHER]
            relation = rng.choices(relations, [40, 15, 20, 15, 10])[0]
            book.add(rng.choice(companies), relation, met_at, 0.5)


def ask_relations(rejection):
    """Whom to ask for feedback (or thank), best first."""
    if rejection.after_interviews:
        return [Relation.HIRING_MANAGER, Relation.RECRUITER, Relation.INTERVIEWER, Relation.HR]
    return [Relation.RECRUITER, Relation.HR, Relation.HIRING_MANAGER, Relation.INTERVIEWER]


def meeting(rng, plan, relation):
    """When the person was met along the application's timeline, and sometimes the
    interaction that was: (met_at, (kind, summary, application) or None)."""
    wanted = {
        Relation.RECRUITER: (Stage.SCREENING, Stage.INTERVIEWING),
        Relation.HR: (Stage.SCREENING,),
        Relation.HIRING_MANAGER: (Stage.INTERVIEWING,),
        Relation.INTERVIEWER: (Stage.INTERVIEWING,),
    }.get(relation, ())
    reached = next(((stage, at) for stage, at, _ in plan.steps if stage in wanted), None)
    if reached is None:
        return plan.steps[-1][1], None
    stage, met_at = reached
    title = plan.application.title
    if relation == Relation.RECRUITER and stage == Stage.SCREENING and rng.random() < 0.6:
        return met_at, (
            Interaction.Kind.CALL,
            f"Screening call about the {title} role.",
            plan.application,
        )
    if relation == Relation.HIRING_MANAGER and rng.random() < 0.3:
        return met_at, (
            Interaction.Kind.EMAIL,
            f"Arranged the first {title} interview.",
            plan.application,
        )
    return met_at, None


def plan_keeping_in_touch(rng, cp, now, zone):
    """A cadence for everyone thanked and for some others; check-ins kept while they
    fall due (each kept with the chance KEEP_UP, so some lapse and are overdue); then
    the last contact and the next check-in, as Contact.save() would compute them."""
    contact = cp.contact
    today = timezone.localdate(now, timezone=zone)
    if cp.thanked or rng.random() < cp.keep_warm:
        contact.keep_in_touch_days = rng.choices(CADENCES, CADENCE_WEIGHTS)[0]
    cadence = contact.keep_in_touch_days
    met_on = timezone.localdate(cp.created_at, timezone=zone)
    first = min((interaction.happened_on for interaction in cp.interactions), default=met_on)
    if first < met_on:  # thanked for an earlier rejection: added to the book then
        cp.created_at, met_on = local_instant(first, 9 * 60, zone), first
    if cadence:
        last = max((i.happened_on for i in cp.interactions), default=met_on)
        for _ in range(HISTORY_DAYS // cadence + 1):
            due = last + timedelta(days=cadence)
            if due > today or rng.random() > KEEP_UP:
                break
            when = due + timedelta(days=rng.randint(-3, 10))
            if when > today:
                break
            kind = rng.choices(CHECK_IN_KINDS, CHECK_IN_KIND_WEIGHTS)[0]
            cp.log(when, kind, rng.choice(CHECK_IN_SUMMARIES))
            last = when
    contact.last_contacted_on = max((i.happened_on for i in cp.interactions), default=None)
    # bulk_create bypasses Contact.save(): compute the check-in from the planned
    # creation time, in UTC as it will be read back.
    contact.created_at = cp.created_at.astimezone(UTC)
    contact.next_check_in_on = contact.compute_next_check_in()
    cp.updated_at = cp.created_at
    if contact.last_contacted_on:
        logged_at = local_instant(contact.last_contacted_on, rng.randint(9 * 60, 21 * 60), zone)
        cp.updated_at = max(cp.created_at, min(now, logged_at))


def create_contacts(steps):
    """next_check_in_on is already computed (plan_keeping_in_touch): bulk_create
    bypasses Contact.save()."""
    bulk_create_dated(
        Contact, [(cp.contact, cp.created_at, cp.updated_at) for cp in steps.contacts]
    )


def create_interactions(steps):
    interactions = [interaction for cp in steps.contacts for interaction in cp.interactions]
    Interaction.objects.bulk_create(interactions, batch_size=BATCH_SIZE)
