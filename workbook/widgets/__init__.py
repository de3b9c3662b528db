"""The notebook faces of the workbook: ipywidgets views over a shared `PlanState`.

Each notebook step is one call: `exercise("clarify")`, `quiz("clarify")`, `my_plan()`,
`start()`. Views hold no rules; they link inputs to the state and show what the package computes.
"""

from workbook.widgets.myplan import my_plan
from workbook.widgets.sections import exercise, practice_picker, quiz
from workbook.widgets.start import start
from workbook.widgets.state import PlanState

__all__ = ["PlanState", "exercise", "my_plan", "practice_picker", "quiz", "start"]
