"""The rejections and their reflections: one rejection per rejected application,
received the day it moved there, at the furthest stage it reached, with the reason and
message they gave (some generic); a reflection where step 1 was started."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from applications.models import Stage, StageChange
from demo.plans import BATCH_SIZE, RejectionPlan
from feedback.models import Lesson, Reflection, Rejection, StepState

AtStage = Rejection.AtStage
Category = Lesson.Category

REJECTION_CHANNELS = {
    AtStage.CV: ([Rejection.Channel.EMAIL, Rejection.Channel.PORTAL], [55, 45]),
    AtStage.SCREENING: (
        [Rejection.Channel.EMAIL, Rejection.Channel.PHONE, Rejection.Channel.PORTAL],
        [65, 25, 10],
    ),
    AtStage.INTERVIEW: ([Rejection.Channel.EMAIL, Rejection.Channel.PHONE], [60, 40]),
    AtStage.FINAL_ROUND: (
        [Rejection.Channel.PHONE, Rejection.Channel.EMAIL, Rejection.Channel.IN_PERSON],
        [50, 45, 5],
    ),
}
# Each holds a phrase of feedback.stock_answers.GENERIC_PHRASES (a test checks it).
GENERIC_REASONS = [
    "Other candidates had more experience.",
    "They went with a stronger candidate.",
    "Not the right fit at this time.",
    "They decided to move forward with other candidates.",
    "A high volume of applications.",
    "A candidate whose experience more closely matches the role.",
]
# (reason given, and the lesson it may lead to: category, title, detail)
EARLY_REASONS = [
    (
        "They want a degree in statistics or a similar subject.",
        Category.QUALIFICATION,
        "Look into a part-time statistics certificate",
        "Compare two or three short courses; one evening a week is realistic.",
    ),
    (
        "My salary expectation was above their band.",
        Category.OTHER,
        "Research salary bands before the first call",
        "Check published bands and ask the recruiter early.",
    ),
    (
        "They wanted commercial React experience; the CV shows it only in side projects.",
        Category.CV_PRESENTATION,
        "Show the React work from the day job on the CV",
        "The dashboard rebuild was React: say so, with what it changed.",
    ),
    (
        "They need someone in the office four days a week.",
        Category.OTHER,
        "Check the office pattern before applying",
        "Ask about office days in the first call, or filter adverts by them.",
    ),
    (
        "They were looking for more hands-on AWS experience.",
        Category.SKILL,
        "Build something real on AWS",
        "Ship the side project on AWS, with the infrastructure as code.",
    ),
]
LATE_REASONS = [
    (
        "They wanted more hands-on Kubernetes experience.",
        Category.SKILL,
        "Get hands-on with Kubernetes",
        "Deploy a side project to a managed cluster and write up what broke.",
    ),
    (
        "My system design answer didn't cover scaling.",
        Category.INTERVIEW_CONDUCT,
        "Practise system design: scaling and trade-offs",
        "One design a week out loud: requirements first, then trade-offs, then detail.",
    ),
    (
        "The take-home task had no tests.",
        Category.SKILL,
        "Write tests for every take-home task",
        "Budget a third of the time for tests and a short README.",
    ),
    (
        "They were looking for more experience with stakeholders.",
        Category.EXPERIENCE,
        "Lead work with stakeholders outside the team",
        "Volunteer to run the monthly review with the product team.",
    ),
    (
        "They wanted someone who has led a team before.",
        Category.EXPERIENCE,
        "Get people-leadership experience",
        "Offer to mentor the two new joiners; ask about a team-lead trial.",
    ),
    (
        "My answers to the behavioural questions lacked concrete examples.",
        Category.INTERVIEW_CONDUCT,
        "Prepare five STAR stories",
        "One each for conflict, failure, leadership, impact and a tough deadline.",
    ),
]
# Their message, when kept: {first} is the user's first name.
APPLIED_MESSAGES = [
    "Dear {first},\n\nThank you for applying for the {title} position at {company}. We "
    "received a high volume of applications, and after careful consideration we have "
    "decided not to progress your application on this occasion.\n\nWe wish you every "
    "success in your search.\n\nThe {company} Talent Team",
    "Hi {first},\n\nThanks for your interest in {company}. Unfortunately we will not be "
    "moving forward with your application for the {title} role. We will keep your "
    "details on file for future openings.\n\nBest,\nRecruiting at {company}",
]
INTERVIEWED_MESSAGES = [
    "Hi {first},\n\nThank you for the time you spent with the team on the {title} "
    "interviews. It was a close decision, but we have decided to move forward with "
    "another candidate whose experience more closely matches what the team needs right "
    "now.\n\nWe enjoyed meeting you and would be glad to hear from you about future "
    "roles.\n\nKind regards,\nThe {company} hiring team",
    "Dear {first},\n\nThank you for interviewing for the {title} position at {company}. "
    "We were impressed by your background, but we have decided not to proceed with "
    "your application.\n\nWe appreciate your time and interest.\n\nBest regards,\n"
    "{company} Talent Acquisition",
]
REJECTION_MESSAGES = {
    AtStage.CV: APPLIED_MESSAGES,
    AtStage.SCREENING: [
        *APPLIED_MESSAGES,
        "Hi {first},\n\nThank you for speaking with me about the {title} role. After "
        "reviewing our shortlist, we won't be moving forward to the next stage this "
        "time.\n\nAll the best,\nThe {company} hiring team",
    ],
    AtStage.INTERVIEW: INTERVIEWED_MESSAGES,
    AtStage.FINAL_ROUND: INTERVIEWED_MESSAGES,
}
FEELINGS = [
    "Gutted. I really wanted this one.",
    "Disappointed, but not surprised after the technical round.",
    "Annoyed that it took them weeks to say no.",
    "Honestly a bit relieved; the commute would have been hard.",
    "Tired. Another one.",
    "It stung more than I expected; I had pictured myself there.",
    "Fine about it. It was a long shot.",
    "Frustrated that I didn't get to show what I can do.",
]
REFRAMES = [
    "This was one role in one team at {company}. It says nothing about the other "
    "applications I have open.",
    "They chose someone for what this team needs right now. That is not a verdict on me.",
    "A no from {company} today is not a no forever. I'll keep in touch with them.",
    "I now know what a {title} process looks like; the next one will be easier.",
    "I have had interviews after rejections before. This is part of the process.",
    "They saw a few pages and a few hours of me. My work speaks for more than that.",
]
# Mood 1 to 5: the further it went, the more it hurts.
MOOD_WEIGHTS = {
    AtStage.CV: [3, 10, 30, 35, 22],
    AtStage.SCREENING: [5, 15, 35, 30, 15],
    AtStage.INTERVIEW: [10, 25, 35, 20, 10],
    AtStage.FINAL_ROUND: [20, 30, 30, 15, 5],
}


def plan_rejections(rng, plans, today, zone):
    """One rejection per rejected application, received the day it moved to rejected,
    at the furthest stage its timeline reached."""
    user_first = None
    rejections = []
    for plan in plans:
        application = plan.application
        if application.stage != Stage.REJECTED:
            continue
        reached = [stage for stage, _, _ in plan.steps]
        after_silence = Stage.NO_RESPONSE in reached
        at_stage = furthest_at_stage(rng, reached, plan.interviews)
        received_on = timezone.localdate(plan.steps[-1][1], timezone=zone)
        channels, weights = REJECTION_CHANNELS[at_stage]
        rejection = Rejection(
            application=application,
            owner_id=application.owner_id,
            received_on=received_on,
            at_stage=at_stage,
            channel=Rejection.Channel.EMAIL if after_silence else rng.choices(channels, weights)[0],
        )
        rp = RejectionPlan(
            plan=plan,
            rejection=rejection,
            age=(today - received_on).days,
            after_silence=after_silence,
        )
        if not after_silence:
            user_first = user_first or application.owner.get_short_name()
            write_their_words(rng, rp, user_first)
        rejections.append(rp)
    return rejections


def furthest_at_stage(rng, reached, interviews):
    if Stage.INTERVIEWING in reached:
        final = len(interviews) >= 3 or (len(interviews) == 2 and rng.random() < 0.5)
        return AtStage.FINAL_ROUND if final else AtStage.INTERVIEW
    if Stage.SCREENING in reached:
        return AtStage.SCREENING
    return AtStage.CV


def write_their_words(rng, rp, user_first):
    """The reason given (none, a stock phrase, or something specific) and, for some
    written rejections, the message itself."""
    rejection = rp.rejection
    late = rejection.after_interviews
    roll = rng.random()
    if roll < 0.4:
        rejection.reason_given = rng.choice(GENERIC_REASONS)
    elif roll < (0.8 if late else 0.5):
        reason, *lesson = rng.choice(LATE_REASONS if late else EARLY_REASONS)
        rejection.reason_given = reason
        rp.reason_lesson = tuple(lesson)
    if rejection.channel != Rejection.Channel.PHONE and rng.random() < 0.5:
        application = rp.plan.application
        rejection.message = rng.choice(REJECTION_MESSAGES[rejection.at_stage]).format(
            first=user_first, title=application.title, company=application.company.name
        )


def plan_reflection(rng, rp):
    """Step 1 done has a reframe (the form asks for one); in progress, not yet."""
    state = rp.rejection.reflect_state
    if state not in (StepState.DONE, StepState.IN_PROGRESS):
        return
    application = rp.plan.application
    mood_weights = MOOD_WEIGHTS[rp.rejection.at_stage]
    rp.reflection = Reflection(
        rejection=rp.rejection,
        owner_id=rp.rejection.owner_id,
        feelings=rng.choice(FEELINGS) if rng.random() < 0.85 else "",
        mood=rng.choices(range(1, 6), mood_weights)[0] if rng.random() < 0.9 else None,
        reframe=(
            rng.choice(REFRAMES).format(company=application.company.name, title=application.title)
            if state == StepState.DONE
            else ""
        ),
    )


def create_rejections(steps):
    Rejection.objects.bulk_create([rp.rejection for rp in steps.rejections], batch_size=BATCH_SIZE)


def create_reflections(steps):
    Reflection.objects.bulk_create(
        [rp.reflection for rp in steps.rejections if rp.reflection], batch_size=BATCH_SIZE
    )


def backdate_step_timestamps(user):
    """A rejection was recorded when the application moved to rejected, its reflection
    then too: one UPDATE each."""
    moved = StageChange.objects.filter(
        application=OuterRef("application"), to_stage=Stage.REJECTED
    ).order_by("-changed_at")
    Rejection.objects.filter(application__owner=user).update(
        created_at=Subquery(moved.values("changed_at")[:1]),
        updated_at=Subquery(moved.values("changed_at")[:1]),
    )
    recorded = Rejection.objects.filter(pk=OuterRef("rejection")).values("created_at")[:1]
    Reflection.objects.filter(owner=user).update(
        created_at=Subquery(recorded), updated_at=Subquery(recorded)
    )
