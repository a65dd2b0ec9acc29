"""Stock answers: feedback that says nothing a person can act on, recognised by what
it means rather than by its exact words.

An answer is a stock answer when it holds a phrase of one of the families (families.py:
"someone with more experience", "a better fit", "not successful on this occasion", …)
and names nothing concrete (concrete.py: a skill, a tool, a test, a number of years, a
kind of experience). Both are matched as whole words in the answer normalised
(normalise.py: case, quotes, contractions, British and American spelling, punctuation).

How well it does is measured on a labelled set of real-world phrasings kept in
feedback/data/stock_answers.csv (evaluation.py; `manage.py evaluate_stock_answers`)."""

from dataclasses import dataclass

from feedback.stock_answers.concrete import names_something
from feedback.stock_answers.families import Phrase, phrases_in
from feedback.stock_answers.normalise import normalise

__all__ = ["Phrase", "Reading", "is_generic", "normalise", "read"]


@dataclass(frozen=True)
class Reading:
    """What Onward makes of an answer: the stock phrases found (first: the one the
    dig-deeper question answers), and whether it names something concrete."""

    phrases: tuple = ()
    concrete: bool = False

    @property
    def generic(self):
        return bool(self.phrases) and not self.concrete

    @property
    def family(self):
        """The family of the first phrase found ("experience", "fit", …), or ""."""
        return self.phrases[0].family if self.phrases else ""

    @property
    def words(self):
        """Their words for it, normalised ("more relevant experience"), or ""."""
        return self.phrases[0].words if self.phrases else ""


def read(text):
    normalised = normalise(text)
    return Reading(tuple(phrases_in(normalised)), names_something(normalised))


def is_generic(text):
    return read(text).generic
