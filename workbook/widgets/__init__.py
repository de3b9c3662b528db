"""The notebook faces of the workbook: ipywidgets views over a shared `PlanState`.

Each notebook step is one call: `exercise("clarify")`, `quiz("clarify")`, `my_plan()`,
`start()`, `tracker_forms()`, `tracker_table()`, `tracker_import()`, `analysis()`. Views hold
no rules; they link inputs to a model and show what the package computes.
"""

from workbook.widgets.analysis import AnalysisModel, analysis
from workbook.widgets.myplan import my_plan
from workbook.widgets.sections import exercise, practice_picker, quiz
from workbook.widgets.start import start
from workbook.widgets.state import PlanState
from workbook.widgets.tracker import TrackerModel, tracker_forms, tracker_import, tracker_table

__all__ = [
    "AnalysisModel",
    "PlanState",
    "TrackerModel",
    "analysis",
    "exercise",
    "my_plan",
    "practice_picker",
    "quiz",
    "start",
    "tracker_forms",
    "tracker_import",
    "tracker_table",
]
