"""The feedback requests and their answers: about one request per ten applications,
the rejections that went further more likely asked, each with the drafted message;
answered or not depending on how long ago it was sent (some generic, with the
dig-deeper draft, some specific, pointing to a lesson, some politely declined)."""

from datetime import timedelta

from demo.contacts import ask_relations
from demo.plans import RequestPlan, bulk_create_dated, local_instant
from feedback import drafts
from feedback.models import FeedbackRequest, Lesson, Rejection

AtStage = Rejection.AtStage
RequestStatus = FeedbackRequest.Status
Category = Lesson.Category

# Days from sending a feedback request to chasing it up (the form's default).
FOLLOW_UP_DAYS = 7
# How much more likely a rejection is to get a feedback request, by how far it went.
REQUEST_WEIGHTS = {
    AtStage.CV: 1,
    AtStage.SCREENING: 2,
    AtStage.INTERVIEW: 4,
    AtStage.FINAL_ROUND: 6,
}
AFTER_SILENCE_REQUEST_WEIGHT = 0.3
# Each holds a phrase of feedback.stock_answers.GENERIC_PHRASES (a test checks it).
GENERIC_ANSWERS = [
    "Thank you for your interest. Unfortunately other candidates had more experience in this area.",
    "It was a competitive process and we decided to move forward with other candidates.",
    "We felt another applicant was a better fit for the team at this time.",
    "After careful consideration, we went with a candidate whose experience more closely "
    "matches the role.",
    "There were stronger candidates for this particular position. We will keep your CV on file.",
    "We had a large number of applications and chose someone better aligned with the "
    "team's current needs.",
]
# A generic answer may still lead to a lesson: show what they did not see.
GENERIC_LESSONS = [
    (
        Category.CV_PRESENTATION,
        "Put the biggest project at the top of the CV",
        "Say what I did, what changed and the numbers: users, time saved, cost.",
    ),
    (
        Category.CV_PRESENTATION,
        "Tailor the first third of the CV to each advert",
        "Mirror the advert's two or three must-haves in the summary and first role.",
    ),
    (
        Category.EXPERIENCE,
        "Add a public project that shows the missing experience",
        "A small, finished project with a write-up beats a long list of tools.",
    ),
]
# Specific answers: (their answer, and the lesson it leads to: category, title, detail).
EARLY_ANSWERS = [
    (
        "Thanks for asking. Your CV reads as a list of duties; we couldn't see what changed "
        "because of your work. Numbers would help.",
        Category.CV_PRESENTATION,
        "Rewrite CV bullets as results",
        "For each role: what I did, what changed, and a number where there is one.",
    ),
    (
        "We needed someone with hands-on dbt experience, and your CV didn't mention it.",
        Category.SKILL,
        "Build a small dbt project",
        "Model a public data set with tests and docs, and link it from the CV.",
    ),
    (
        "The role requires the AWS certification for our client contracts; we can't waive it.",
        Category.QUALIFICATION,
        "Earn the AWS Solutions Architect Associate",
        "Book the exam first, then two evenings a week of study.",
    ),
    (
        "Your portfolio showed finished screens but not the research behind them; we look "
        "for the process.",
        Category.CV_PRESENTATION,
        "Show the process in portfolio case studies",
        "Add research, options considered and outcomes to two case studies.",
    ),
    (
        "Your salary expectation was above the band for this level. A senior role would "
        "fit, but none is open right now.",
        Category.OTHER,
        "Research salary bands before the first call",
        "Check published bands and ask the recruiter early.",
    ),
]
LATE_ANSWERS = [
    (
        "The main gap was production experience with Kubernetes; the team runs everything on "
        "it and needed someone who could be on call from the start.",
        Category.SKILL,
        "Get hands-on with Kubernetes",
        "Deploy a side project to a managed cluster and write up what broke.",
    ),
    (
        "In the system design round you went straight to the database schema. We wanted to "
        "hear about requirements and trade-offs first.",
        Category.INTERVIEW_CONDUCT,
        "Start system design answers with requirements",
        "Practise: clarify requirements, sketch the trade-offs, then go into detail.",
    ),
    (
        "The take-home was good, but it had no tests. The other finalist's was similar and "
        "fully tested.",
        Category.SKILL,
        "Write tests for every take-home task",
        "Budget a third of the time for tests and a short README.",
    ),
    (
        "We need someone who has managed stakeholders directly. Your examples were mostly "
        "about work inside the data team.",
        Category.EXPERIENCE,
        "Lead work with stakeholders outside the team",
        "Volunteer to run the monthly review with the product team.",
    ),
    (
        "Your answers to the behavioural questions were short, and we found it hard to see "
        "the impact of your work.",
        Category.INTERVIEW_CONDUCT,
        "Prepare five STAR stories",
        "One each for conflict, failure, leadership, impact and a tough deadline.",
    ),
    (
        "The live coding was fine, but you went quiet for long stretches. We like to hear "
        "how candidates think.",
        Category.INTERVIEW_CONDUCT,
        "Think aloud in live coding",
        "Two mock interviews a month, narrating each step.",
    ),
    (
        "We needed someone who had already led a team. You came across as very capable, but "
        "the role can't absorb that learning curve right now.",
        Category.EXPERIENCE,
        "Get people-leadership experience",
        "Offer to mentor the two new joiners; ask about a team-lead trial.",
    ),
]
DECLINED_ANSWERS = [
    "Sorry, our policy is not to give individual feedback.",
    "We're unable to share feedback on individual applications.",
    "I'm afraid I can't share the panel's notes, but thank you for asking.",
]
# What a person who does have the experience shows, for the push-back drafted from it.
EVIDENCE = [
    "In my last two years on the platform team I led the move of our main service to a "
    "new stack, with no downtime",
    "At my current job I run the weekly reporting for 40 stores, from the SQL to the slides",
]


def request_weight(rp):
    if rp.after_silence:
        return AFTER_SILENCE_REQUEST_WEIGHT
    return REQUEST_WEIGHTS[rp.rejection.at_stage]


def choose_asked(rng, rejections, count):
    """`count` rejections to ask for feedback on, the ones that went further more
    likely (weighted sampling without replacement); with more requests than rejections,
    some get a second one."""
    if not rejections or count <= 0:
        return []
    keys = [rng.random() ** (1 / request_weight(rp)) for rp in rejections]
    order = sorted(range(len(rejections)), key=keys.__getitem__, reverse=True)
    return [rejections[order[index % len(order)]] for index in range(count)]


def plan_feedback_requests(rng, user, asked, book, today, now):
    """A request per asked rejection, to a contact at the employer or to nobody named
    yet, with the drafted message; sent a few days after the "no" (a few still drafts),
    answered or not depending on how long ago."""
    requests = []
    for rp in asked:
        rejection = rp.rejection
        cp = book.at(rp.company, ask_relations(rejection)) if rng.random() < 0.85 else None
        contact = cp.contact if cp else None
        written_on = min(today, rejection.received_on + timedelta(days=rng.randint(0, 3)))
        request = FeedbackRequest(
            rejection=rejection,
            owner_id=rejection.owner_id,
            contact=contact,
            channel=FeedbackRequest.Channel.LINKEDIN
            if contact and rng.random() < 0.15
            else FeedbackRequest.Channel.EMAIL,
            message=drafts.feedback_request(user, rejection, contact).body,
            status=RequestStatus.DRAFT,
        )
        if rng.random() >= 0.08:
            request.sent_on = written_on
            request.follow_up_on = written_on + timedelta(days=FOLLOW_UP_DAYS)
            request.status = answer_status(rng, (today - written_on).days)
        created_at = min(now, local_instant(written_on, rng.randint(8 * 60, 22 * 60), user.zone))
        rq = RequestPlan(request=request, source=rp, created_at=created_at)
        rp.requests.append(rq)
        requests.append(rq)
    make_a_follow_up_due(requests, today)
    for rq in requests:
        write_answer(rng, user, rq, today)
        last = rq.request.received_on or rq.request.sent_on
        last_at = local_instant(last, rng.randint(8 * 60, 22 * 60), user.zone) if last else now
        rq.updated_at = max(rq.created_at, min(now, last_at))
    return requests


def answer_status(rng, days_since_sent):
    if days_since_sent < 3:
        return RequestStatus.SENT
    if days_since_sent <= 14:
        statuses, weights = (
            [RequestStatus.SENT, RequestStatus.RECEIVED, RequestStatus.DECLINED],
            [50, 40, 10],
        )
    else:
        statuses = [
            RequestStatus.SENT,
            RequestStatus.RECEIVED,
            RequestStatus.DECLINED,
            RequestStatus.NO_RESPONSE,
        ]
        weights = [10, 55, 10, 25]
    return rng.choices(statuses, weights)[0]


def make_a_follow_up_due(requests, today):
    """So the reminders have something to show: when no sent request is waiting past
    its follow-up date, the latest one that could be becomes so."""
    if any(
        rq.request.status == RequestStatus.SENT and rq.request.follow_up_on <= today
        for rq in requests
    ):
        return
    candidates = [
        rq for rq in requests if rq.request.follow_up_on and rq.request.follow_up_on <= today
    ]
    if candidates:
        max(candidates, key=lambda rq: rq.request.sent_on).request.status = RequestStatus.SENT


def write_answer(rng, user, rq, today):
    """What came back: a generic answer (with the dig-deeper draft, sometimes a
    push-back), a specific one that points to a lesson, or a polite refusal."""
    request = rq.request
    if request.status not in (RequestStatus.RECEIVED, RequestStatus.DECLINED):
        return
    request.received_on = min(today, request.sent_on + timedelta(days=rng.randint(1, 12)))
    if request.status == RequestStatus.DECLINED:
        request.response = rng.choice(DECLINED_ANSWERS)
        return
    if rng.random() < 0.45:
        request.response = rng.choice(GENERIC_ANSWERS)
        request.is_generic = True
        request.dig_deeper = drafts.dig_deeper(user, request).body
        if rng.random() < 0.25:
            request.evidence = rng.choice(EVIDENCE)
            request.push_back = drafts.push_back(user, request).body
        rq.lesson = rng.choice(GENERIC_LESSONS)
    else:
        late = rq.source.rejection.after_interviews
        response, *lesson = rng.choice(LATE_ANSWERS if late else EARLY_ANSWERS)
        request.response = response
        rq.lesson = tuple(lesson)


def create_feedback_requests(steps):
    bulk_create_dated(
        FeedbackRequest, [(rq.request, rq.created_at, rq.updated_at) for rq in steps.requests]
    )
