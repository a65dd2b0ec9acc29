"""How well stock answers are recognised on the labelled set (feedback/data/
stock_answers.csv): counts, recall of generic answers, the share of specific answers
wrongly flagged, and every row misclassified."""

from django.core.management.base import BaseCommand

from feedback.stock_answers import read
from feedback.stock_answers.evaluation import DATA, evaluate


class Command(BaseCommand):
    help = "Measure stock-answer detection on the labelled set of real-world phrasings."

    def handle(self, *args, **options):
        result = evaluate()
        out = self.stdout
        out.write(f"Labelled set: {DATA}")
        out.write(f"{result.generic} generic and {result.specific} specific answers.")
        out.write(
            f"Recall of generic answers: {result.recall:.1%} "
            f"({result.generic - len(result.missed)} of {result.generic} flagged)."
        )
        out.write(
            f"Specific answers wrongly flagged: {result.false_positive_rate:.1%} "
            f"({len(result.wrongly_flagged)} of {result.specific})."
        )
        for title, rows in (
            ("Generic answers missed", result.missed),
            ("Specific answers flagged", result.wrongly_flagged),
        ):
            out.write(f"{title}: {len(rows) or 'none'}")
            for row in rows:
                reading = read(row.text)
                found = ", ".join(f"{p.family}: {p.words!r}" for p in reading.phrases) or "-"
                out.write(f"  {row.text!r} (phrases: {found}; concrete: {reading.concrete})")
                out.write(f"    source: {row.source}")
