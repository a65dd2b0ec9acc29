"""The labelled set of real-world phrasings (feedback/data/stock_answers.csv): at least
150 rows, generic and specific, each with its source; on it, at least 95% of generic
answers are flagged and at most 5% of specific ones; the evaluation command prints it."""

from io import StringIO

from django.core.management import call_command

from feedback.stock_answers.evaluation import GENERIC, SPECIFIC, Result, Row, evaluate, labelled


def test_the_set_is_large_labelled_and_sourced():
    rows = labelled()

    assert len(rows) >= 150
    assert sum(row.label == GENERIC for row in rows) >= 60
    assert sum(row.label == SPECIFIC for row in rows) >= 50
    assert all(row.source.strip() and row.text.strip() for row in rows)
    assert len({row.text for row in rows}) == len(rows)


def test_recall_and_false_positives_on_the_set():
    result = evaluate()

    assert result.recall >= 0.95, [row.text for row in result.missed]
    assert result.false_positive_rate <= 0.05, [row.text for row in result.wrongly_flagged]


def test_the_measures_count_what_they_say():
    rows = [
        Row("Other candidates had more experience.", GENERIC, "t"),
        Row("We decided to go in a different direction.", GENERIC, "t"),
        Row("Thanks for asking!", GENERIC, "t"),  # missed
        Row("Your SQL test was slow.", SPECIFIC, "t"),
        Row("There were stronger candidates.", SPECIFIC, "t"),  # wrongly flagged
    ]

    result = evaluate(rows)

    assert (result.generic, result.specific) == (3, 2)
    assert result.recall == 2 / 3
    assert result.false_positive_rate == 1 / 2
    assert [row.text for row in result.missed] == ["Thanks for asking!"]
    assert Result().recall == 1.0 and Result().false_positive_rate == 0.0


def test_the_command_prints_counts_rates_and_misclassified_rows(monkeypatch):
    rows = [Row("Thanks for asking!", GENERIC, "somewhere"), Row("SQL.", SPECIFIC, "x")]
    monkeypatch.setattr(
        "feedback.management.commands.evaluate_stock_answers.evaluate", lambda: evaluate(rows)
    )
    out = StringIO()

    call_command("evaluate_stock_answers", stdout=out)

    text = out.getvalue()
    assert "1 generic and 1 specific answers." in text
    assert "Recall of generic answers: 0.0% (0 of 1 flagged)." in text
    assert "Specific answers wrongly flagged: 0.0% (0 of 1)." in text
    assert "'Thanks for asking!'" in text and "source: somewhere" in text


def test_the_command_on_the_real_set():
    out = StringIO()

    call_command("evaluate_stock_answers", stdout=out)

    assert "Recall of generic answers:" in out.getvalue()
