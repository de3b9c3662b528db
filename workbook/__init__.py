"""The Follow-up Workbook: plan, draft and track what a job candidate does after an interview.

This top level holds the model and the pure rules, which import nothing heavy. The rest is
imported from its own package, so that `workbook plan` starts fast: the learner's folder
(`workbook.home`), the tracker (`workbook.tracker`), tables in and out (`workbook.tables`), the
analysis (`workbook.analysis`), the reports (`workbook.reports`), and the faces
(`workbook.widgets`, `workbook.cli`, `workbook.app`, `workbook.hub`).
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
