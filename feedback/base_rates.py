"""What is true for most job seekers, with where it comes from: step 1's perspective for
someone whose own numbers don't say much yet (see services.perspective).

Every fact is a published figure, worded no stronger than its source, and shown on the
page with the source named and linked. Keep them here, and only here: a fact that is
changed or added needs its source and address checked (tests/feedback/test_reflect.py
checks each has both)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class BaseRate:
    key: str
    headline: str  # the figure, as large text: "60%"
    text: str  # the sentence after it, read as one with the headline
    source: str  # who published it, and what: named on the page
    url: str


BASE_RATES = [
    BaseRate(
        key="no_feedback",
        headline="60%",
        text="of rejected candidates got no feedback at all. Silence after a “no” is the "
        "usual way employers work, not a verdict on you.",
        source="Talent Board, 2021 Candidate Experience benchmark research "
        "(nearly 200,000 candidates)",
        url="https://www.thetalentboard.org/article/"
        "cross-the-competitive-finish-line-with-your-interview-finalists/",
    ),
    BaseRate(
        key="feedback_encourages",
        headline="54%",
        text="of the candidates who did get feedback felt encouraged to apply to the same "
        "employer again. Asking for it (step 2) is how you get some.",
        source="Talent Board, 2021 Candidate Experience benchmark research",
        url="https://www.thetalentboard.org/article/"
        "cross-the-competitive-finish-line-with-your-interview-finalists/",
    ),
    BaseRate(
        key="runner_up",
        headline="77%",
        text="of recruiters say they have gone back and hired a “silver medallist”, a "
        "candidate who came close the first time. A warm reply (step 3) keeps that "
        "door open.",
        source="Jobvite, 2018 Recruiter Nation report, as reported by MedReps",
        url="https://www.medreps.com/medical-sales-careers/"
        "3-reasons-you-should-interview-silver-medalists-for-your-next-job-opening",
    ),
]
