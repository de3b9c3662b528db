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
    from workbook.widgets.cards import RehearsalModel, leave_card, practise_call
    from workbook.widgets.group import GroupModel, group_results
    from workbook.widgets.myplan import my_plan
    from workbook.widgets.prompt import assistant
    from workbook.widgets.quick import quick_answers, quick_plan
    from workbook.widgets.rates import AnalysisModel, analysis, fair_test
    from workbook.widgets.rulebook import rules_page
    from workbook.widgets.sections import exercise, practice_picker, quiz
    from workbook.widgets.sharing import share_results
    from workbook.widgets.start import start
    from workbook.widgets.state import PlanState
    from workbook.widgets.tracker import (
        TrackerModel,
        tracker_forms,
        tracker_import,
        tracker_table,
    )

_HOME = {
    "assistant": "prompt",
    "AnalysisModel": "rates",
    "analysis": "rates",
    "fair_test": "rates",
    "GroupModel": "group",
    "group_results": "group",
    "leave_card": "cards",
    "my_plan": "myplan",
    "practise_call": "cards",
    "RehearsalModel": "cards",
    "exercise": "sections",
    "practice_picker": "sections",
    "quiz": "sections",
    "quick_answers": "quick",
    "quick_plan": "quick",
    "rules_page": "rulebook",
    "share_results": "sharing",
    "start": "start",
    "PlanState": "state",
    "TrackerModel": "tracker",
    "tracker_forms": "tracker",
    "tracker_import": "tracker",
    "tracker_table": "tracker",
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
    "fair_test",
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


# No view module is named like a view (`rates` holds `analysis`, `group` holds `group_results`):
# importing a submodule sets the package attribute of its name, which would hide a view of the
# same name.
