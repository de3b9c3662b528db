"""Pure rules: the planner, business days, drafts, the reviewer and the exports.

Nothing here does I/O beyond reading the package's own templates, and nothing imports pandas,
matplotlib or ipywidgets, so the `workbook plan` command starts fast.
"""
