"""Spotting a stock answer by what it means: phrase families matched as whole words in
the answer normalised (case, quotes, contractions, spelling, punctuation), and never
when the answer names something concrete. The labelled set is measured in
test_stock_answer_set.py."""

import pytest

from feedback.stock_answers import is_generic, normalise, read


@pytest.mark.parametrize(
    ("answer", "family"),
    [
        # The eight everyday phrasings of issue 13, and their kin.
        ("We went with a candidate with more experience.", "experience"),
        ("We chose someone with more experience.", "experience"),
        ("We hired a more experienced candidate.", "experience"),
        ("We have offered the role to another candidate.", "filled"),
        ("You were not successful on this occasion.", "outcome"),
        ("Unfortunately you were unsuccessful on this occasion.", "outcome"),
        ("We will not be progressing your application.", "outcome"),
        ("We have decided to pursue other candidates.", "outcome"),
        ("The position has been filled.", "filled"),
        ("There were many strong applicants.", "stronger"),
        ("We will keep your details on file.", "outcome"),
        ("We felt another applicant was a better fit for the team.", "fit"),
        ("There were stronger candidates.", "stronger"),
        ("Other applicants had stronger skills.", "skills"),
        ("We went with an internal candidate.", "filled"),
        ("We have decided to go in a different direction.", "outcome"),
    ],
)
def test_stock_answers_are_recognised_by_family(answer, family):
    reading = read(answer)

    assert reading.generic
    assert reading.family == family


@pytest.mark.parametrize(
    "answer",
    [
        "OTHER CANDIDATES HAD MORE EXPERIENCE",
        "Other  candidates\nhad more   experience!!!",
        "Stronger-candidates applied this time.",
        "We won’t be moving forward (curly apostrophe).",
        "“A better fit”, in short.",
        "Decided to move forward, with other candidates",
        "We can't progress your application.",
        "The organisation had candidates whose experience more closely matched.",
        "We've chosen to move forward with another candidate.",
    ],
)
def test_case_spacing_punctuation_and_spelling_do_not_hide_a_stock_phrase(answer):
    assert is_generic(answer)


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("We WON’T be moving forward.", "we will not be moving forward"),
        ("We can't, we couldn't, we've, we'd", "we can not we could not we have we would"),
        ("Our organisation’s programme", "our organization s program"),
        ("5+ years of C++ and C#", "5+ years of cplusplus and csharp"),
        ("take-home", "take home"),
    ],
)
def test_normalisation(typed, normalised):
    assert normalise(typed) == normalised


@pytest.mark.parametrize(
    "answer",
    [
        "",
        None,
        # Something concrete, inside a stock formula or not.
        "We went with a candidate with more experience in Kubernetes operations.",
        "Your SQL test was slow on the large table; otherwise we would have moved forward.",
        "The take-home was good, but we decided to move forward with other candidates.",
        "We needed someone with five years of people management.",
        "Another candidate had 3+ years in a similar role.",
        "We wanted more experience with Terraform at the scale of 200 services.",
        "Other candidates had more leadership experience.",
        "The successful candidate had agency experience.",
        "Your answer about the supplier dispute lacked detail.",
        "Our team uses Go, and your CV only mentions Python.",
        # No stock phrase at all.
        "The fitness app you built was impressive.",
        "You would be a great fit for our data team: please apply there.",
    ],
)
def test_specific_answers_are_not_generic(answer):
    assert not is_generic(answer)


def test_whole_words_only():
    assert not is_generic("Our outfit is small.")  # "fit" inside a word
    assert not is_generic("Refilled the coffee.")  # "filled" inside a word


def test_the_first_family_is_the_most_telling():
    answer = "After careful consideration, we felt other candidates had more experience."

    reading = read(answer)

    assert [phrase.family for phrase in reading.phrases] == ["experience", "outcome"]
    assert reading.words == "more experience"
