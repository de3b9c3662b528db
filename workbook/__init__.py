"""The Follow-up Workbook: plan, draft and track what a job candidate does after an interview.

This top level holds the model and the pure rules, which import nothing heavy; the tracker and
the analysis (`workbook.data`) and the notebook widgets (`workbook.widgets`) are imported from
their own modules so that `workbook plan` starts fast.
"""

from workbook.model import (
    PLAN_CHANNELS,
    Answer,
    Channel,
    Draft,
    Finding,
    Interview,
    Interviewer,
    Kind,
    NextStep,
    Outcome,
    Plan,
    Response,
    Section,
    Step,
)
from workbook.rules.planner import PlanInputError, make_plan, record_answer

__all__ = [
    "PLAN_CHANNELS",
    "Answer",
    "Channel",
    "Draft",
    "Finding",
    "Interview",
    "Interviewer",
    "Kind",
    "NextStep",
    "Outcome",
    "Plan",
    "PlanInputError",
    "Response",
    "Section",
    "Step",
    "make_plan",
    "record_answer",
]
