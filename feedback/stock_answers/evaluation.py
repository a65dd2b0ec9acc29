"""How well stock answers are recognised, on the labelled set of real-world phrasings
in feedback/data/stock_answers.csv (columns text, label, source; label "generic" or
"specific"; source: the public template or feedback example a row, or its group, was
modelled on). Used by tests/feedback/test_stock_answer_set.py and by
`manage.py evaluate_stock_answers`."""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from feedback.stock_answers import is_generic

DATA = Path(__file__).resolve().parent.parent / "data" / "stock_answers.csv"
GENERIC, SPECIFIC = "generic", "specific"


@dataclass(frozen=True)
class Row:
    text: str
    label: str
    source: str


@dataclass
class Result:
    generic: int = 0
    specific: int = 0
    missed: list = field(default_factory=list)  # generic rows not flagged
    wrongly_flagged: list = field(default_factory=list)  # specific rows flagged

    @property
    def recall(self):
        """Share of generic answers flagged."""
        return (self.generic - len(self.missed)) / self.generic if self.generic else 1.0

    @property
    def false_positive_rate(self):
        """Share of specific answers wrongly flagged as generic."""
        return len(self.wrongly_flagged) / self.specific if self.specific else 0.0


def labelled(path=DATA):
    with open(path, newline="", encoding="utf-8") as file:
        rows = [Row(row["text"], row["label"], row["source"]) for row in csv.DictReader(file)]
    unknown = {row.label for row in rows} - {GENERIC, SPECIFIC}
    if unknown:
        raise ValueError(f"Unknown labels in {path}: {sorted(unknown)}")
    return rows


def evaluate(rows=None):
    result = Result()
    for row in labelled() if rows is None else rows:
        flagged = is_generic(row.text)
        if row.label == GENERIC:
            result.generic += 1
            if not flagged:
                result.missed.append(row)
        else:
            result.specific += 1
            if flagged:
                result.wrongly_flagged.append(row)
    return result
