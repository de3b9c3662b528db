from collections import Counter
from pathlib import Path

from workbook.rules.course import course, option_order
from workbook.widgets.state import PlanState


def test_order_is_stable_for_one_learner() -> None:
    """One learner sees the same option order for a question every time."""
    question = course()[0].questions[0]
    assert option_order(question, "abc") == option_order(question, "abc")
    assert sorted(option_order(question, "abc")) == list(range(len(question.options)))


def test_right_answer_position_is_balanced_over_learners() -> None:
    """Over 400 learners the right answer shows up in every position about equally often."""
    for part in course():
        for question in part.questions:
            right = next(i for i, o in enumerate(question.options) if o.correct)
            n = len(question.options)
            places = Counter(option_order(question, f"l{k}").index(right) for k in range(400))
            assert all(abs(places[p] - 400 / n) < 400 / n * 0.35 for p in range(n)), places


def test_the_order_survives_a_reload_and_opening_a_page_writes_nothing(tmp_path: Path) -> None:
    """Opening a page saves nothing; once an answer is saved, a reload keeps the same learner id,
    and so the same order, and the saved choice is still the option's index in the file."""
    answers = tmp_path / "answers.json"
    first = PlanState(answers_file=answers)
    assert not answers.exists()
    first.choose("intro-1", 1)
    again = PlanState(answers_file=answers)
    assert again.learner == first.learner
    assert again.choices == {"intro-1": 1}
    question = course()[0].questions[0]
    assert option_order(question, again.learner) == option_order(question, first.learner)
