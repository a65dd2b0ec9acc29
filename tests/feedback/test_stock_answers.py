"""Spotting a generic answer: the maintained list of stock phrases, matched whatever the
case, spacing or punctuation, and only as whole words."""

import pytest

from feedback.stock_answers import GENERIC_PHRASES, generic_phrases_in, is_generic


@pytest.mark.parametrize(
    "answer",
    [
        "Unfortunately, other candidates had more experience.",
        "We met some very strong people, and in the end there were stronger candidates.",
        "We felt another applicant was a better fit for the team.",
        "We have decided to move forward with other candidates.",
        "You are not the right fit at this time, but we wish you luck.",
        "After careful consideration we will not be moving forward.",
        "We won't be moving forward with your application.",
        "We went with an internal candidate.",
        "We will keep your CV on file for future roles.",
        "Due to a high volume of applications we cannot give individual feedback.",
    ],
)
def test_stock_answers_are_generic(answer):
    assert is_generic(answer)


@pytest.mark.parametrize(
    "answer",
    [
        "OTHER CANDIDATES HAD MORE EXPERIENCE",
        "Other  candidates\nhad more   experience!!!",
        "other candidates had more experience...",
        "Stronger-candidates applied this time.",
        "We won’t be moving forward (curly apostrophe).",
        "“A better fit”, in short.",
        "Decided to move forward, with other candidates",
    ],
    ids=[
        "upper-case",
        "spacing-and-lines",
        "trailing-dots",
        "hyphen",
        "curly-quote",
        "quotes",
        "comma",
    ],
)
def test_case_spacing_and_punctuation_do_not_hide_a_stock_phrase(answer):
    assert is_generic(answer)


@pytest.mark.parametrize(
    "answer",
    [
        "",
        None,
        "Your SQL was strong, but we needed someone who had run Kafka in production.",
        "The take-home was good; in the system design round you did not discuss caching.",
        "We wanted more experience with Terraform at the scale of 200 services.",
        "Our team uses Go, and your CV only mentions Python.",
        "The fitness app you built was impressive.",
        "You would be a great fit for our data team: please apply there.",
        "We are looking for candidates with people-management experience.",
    ],
    ids=[
        "empty",
        "none",
        "specific-skill",
        "specific-interview",
        "specific-experience",
        "specific-language",
        "word-containing-fit",
        "great-fit-not-better-fit",
        "experience-but-specific",
    ],
)
def test_specific_answers_are_not_generic(answer):
    assert not is_generic(answer)
    assert generic_phrases_in(answer) == []


def test_the_phrases_found_come_in_list_order():
    answer = "After careful consideration, we felt other candidates had more experience."

    assert generic_phrases_in(answer) == [
        "other candidates had more experience",
        "after careful consideration",
    ]


def test_every_phrase_in_the_list_is_found_in_a_sentence():
    for phrase in GENERIC_PHRASES:
        assert generic_phrases_in(f"Thanks for applying. {phrase.upper()}. Best, HR") != []


def test_the_list_names_the_phrases_from_the_issue():
    for phrase in [
        "other candidates had more experience",
        "stronger candidates",
        "a better fit",
        "decided to move forward with other candidates",
        "not the right fit",
    ]:
        assert phrase in GENERIC_PHRASES
