"""The notebook faces of the workbook: ipywidgets views over a shared `PlanState`.

Each notebook step is one call: `exercise("clarify")`, `quiz("clarify")`, `my_plan()`,
`assistant()`, `start()`, `quick_answers("interview")`, `quick_plan()`, `leave_card()`,
`practise_call()`, `tracker_forms()`, `tracker_table()`, `tracker_import()`, `analysis()`,
`share_results()`, `rules_page()`, and the facilitator's `group_results()`. Views hold no rules;
they link inputs to a model and show what the package computes.

Each view's module is imported when the view is first asked for, so a section page does not
wait for the analysis and charting libraries that only the tracker and analysis pages need.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbook.widgets.course.assistant import assistant
    from workbook.widgets.course.cards import RehearsalModel, leave_card, practise_call
    from workbook.widgets.course.my_plan import my_plan
    from workbook.widgets.course.quick_plan import quick_answers, quick_plan
    from workbook.widgets.course.rules_page import rules_page
    from workbook.widgets.course.sections import exercise, practice_picker, quiz
    from workbook.widgets.course.start import start
    from workbook.widgets.results.analysis import AnalysisModel, analysis
    from workbook.widgets.results.group import GroupModel, group_results
    from workbook.widgets.results.sharing import share_results
    from workbook.widgets.state import PlanState
    from workbook.widgets.tracker.forms import (
        TrackerModel,
        tracker_forms,
        tracker_import,
        tracker_table,
    )

_HOME = {
    "assistant": "course.assistant",
    "leave_card": "course.cards",
    "practise_call": "course.cards",
    "RehearsalModel": "course.cards",
    "my_plan": "course.my_plan",
    "quick_answers": "course.quick_plan",
    "quick_plan": "course.quick_plan",
    "rules_page": "course.rules_page",
    "exercise": "course.sections",
    "practice_picker": "course.sections",
    "quiz": "course.sections",
    "start": "course.start",
    "analysis": "results.analysis",
    "AnalysisModel": "results.analysis",
    "group_results": "results.group",
    "GroupModel": "results.group",
    "share_results": "results.sharing",
    "PlanState": "state",
    "tracker_forms": "tracker.forms",
    "tracker_import": "tracker.forms",
    "tracker_table": "tracker.forms",
    "TrackerModel": "tracker.forms",
}

__all__ = [
    "AnalysisModel",
    "GroupModel",
    "PlanState",
    "RehearsalModel",
    "TrackerModel",
    "analysis",
    "assistant",
    "exercise",
    "group_results",
    "leave_card",
    "my_plan",
    "practice_picker",
    "practise_call",
    "quick_answers",
    "quick_plan",
    "quiz",
    "rules_page",
    "share_results",
    "start",
    "tracker_forms",
    "tracker_import",
    "tracker_table",
]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'workbook.widgets' has no attribute {name!r}")
    value = getattr(import_module(f"workbook.widgets.{_HOME[name]}"), name)
    globals()[name] = value
    return value


# Views live in subpackages (course, tracker, results), so a view may share its module's name
# (`results.analysis` holds `analysis`): importing a submodule sets an attribute of its own
# package, never of this one, so no module can hide a view here.
