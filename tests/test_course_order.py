import re
from collections import Counter
from pathlib import Path

import pytest

from workbook.rules.course import Question, course, option_order, plain_rule, plain_rules
from workbook.widgets.state import PlanState

QUESTIONS = [question for part in course() for question in part.questions]
LEARNERS = [f"learner-{k}" for k in range(2000)]


def right_index(question: Question) -> int:
    return next(i for i, option in enumerate(question.options) if option.correct)


@pytest.mark.parametrize("part", course(), ids=lambda part: part.id.value)
def test_every_section_has_three_or_four_questions_two_of_them_scenarios(part) -> None:
    """Each section asks three or four questions, at least two of which set out a situation
    that needs a decision."""
    assert 3 <= len(part.questions) <= 4
    assert sum(question.scenario for question in part.questions) >= 2


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda question: question.id)
def test_every_question_has_three_or_four_options_one_right_each_with_feedback(question) -> None:
    """A question offers three or four different options, exactly one of them right, and every
    option, right or wrong, has feedback to read."""
    assert 3 <= len(question.options) <= 4
    assert sum(option.correct for option in question.options) == 1
    assert len({option.text for option in question.options}) == len(question.options)
    assert all(option.text.strip() and option.feedback.strip() for option in question.options)


def test_question_ids_are_unique() -> None:
    """No two questions share an id, so a saved choice belongs to one question."""
    ids = [question.id for question in QUESTIONS]
    assert len(ids) == len(set(ids))


def test_order_is_stable_for_one_learner_and_differs_between_learners() -> None:
    """One learner sees the same option order for a question every time; other learners see
    other orders."""
    for question in QUESTIONS:
        order = option_order(question, "abc")
        assert order == option_order(question, "abc")
        assert sorted(order) == list(range(len(question.options)))
        assert len({option_order(question, learner) for learner in LEARNERS[:50]}) > 1


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda question: question.id)
def test_right_answer_position_is_balanced_over_learners(question) -> None:
    """Over 2,000 learners the right answer shows up in every position about equally often: a
    chi-square statistic under 21, which a fair shuffle exceeds about once in ten thousand
    questions, while an unshuffled order scores thousands."""
    n = len(question.options)
    expected = len(LEARNERS) / n
    places = Counter(
        option_order(question, learner).index(right_index(question)) for learner in LEARNERS
    )
    chi_square = sum((places[p] - expected) ** 2 / expected for p in range(n))
    assert chi_square < 21, places


def test_the_order_survives_a_reload_and_opening_a_page_writes_nothing(tmp_path: Path) -> None:
    """Opening a page saves nothing; once an answer is saved, a reload keeps the same learner id,
    and so the same order, and the saved choice is still the option's index in the file."""
    answers = tmp_path / "answers.json"
    first = PlanState(answers_file=answers)
    assert not answers.exists()
    question = course()[0].questions[0]
    first.choose(question.id, 1)
    again = PlanState(answers_file=answers)
    assert again.learner == first.learner
    assert again.choices == {question.id: 1}
    assert option_order(question, again.learner) == option_order(question, first.learner)


def test_the_twelve_rules_are_there_in_order_each_named_and_explained() -> None:
    """The rules page has rules 1 to 12 in order, each with a name of its own (the links use
    it) and an explanation that does not lean on other rules' numbers."""
    rules = plain_rules()
    assert [rule.number for rule in rules] == list(range(1, 13))
    assert len({rule.name for rule in rules}) == 12
    for rule in rules:
        assert rule.name.strip() and len(rule.text.split()) >= 15
        assert not re.search(r"\brules? \d", rule.text, re.IGNORECASE), rule.text
        assert plain_rule(rule.number) is rule
