"""The notebooks: how they are committed, what they call, their links, and that they run."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from workbook.rules.course import RULES_PAGE, course
from workbook.widgets.course.quick_plan import QUICK_STEPS
from workbook.widgets.state import PlanState

REPO = Path(__file__).resolve().parents[1]
FOLDER = REPO / "notebooks"
SECTIONS = {f"{n:02d}-{part.id.value}.ipynb": part.id.value for n, part in enumerate(course(), 1)}
MY_PLAN, TRACKER, ANALYSIS = (
    f"{len(SECTIONS) + n:02d}-{name}.ipynb"
    for n, name in enumerate(("my-plan", "tracker", "analysis"), 1)
)
ORDER = ["00-start.ipynb", *SECTIONS, MY_PLAN, TRACKER, ANALYSIS]
FACILITATOR = "group-results.ipynb"
"""The facilitator's page: not numbered, so in no participant's menu or order."""
RULES = RULES_PAGE
"""The twelve rules in plain words: not numbered, linked from the start page and from plans."""
QUICK_PLAN = "quick-plan.ipynb"
"""The quick plan for tonight: not numbered, so it keeps the course's numbering."""
PRACTISE = "practise-call.ipynb"
"""The call rehearsal: not numbered either, linked from the call section."""
NOTEBOOKS = sorted(path.name for path in FOLDER.glob("*.ipynb"))
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def read(name: str) -> Any:
    return nbformat.read(FOLDER / name, as_version=4)


def cells(name: str, kind: str) -> list[str]:
    return [cell.source for cell in read(name).cells if cell.cell_type == kind]


def links(name: str) -> list[str]:
    """The relative targets of the markdown links in a notebook, in order."""
    found = [target for text in cells(name, "markdown") for target in LINK.findall(text)]
    return [target for target in found if "://" not in target and not target.startswith("#")]


def test_there_is_a_start_notebook_one_per_section_and_my_plan() -> None:
    """The notebooks are the start page, one per section in course order, the plan, the
    tracker and the analysis, and beside them the quick plan, the facilitator's group page, the
    rules page and the call rehearsal."""
    assert sorted(NOTEBOOKS) == sorted([*ORDER, QUICK_PLAN, FACILITATOR, RULES, PRACTISE])


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_without_outputs_or_execution_counts(name: str) -> None:
    """A committed notebook is valid, uses the python3 kernel, and has no outputs or counts."""
    notebook = read(name)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_code_cells_are_a_few_calls_without_def_or_class(name: str) -> None:
    """Each code cell is at most three lines of calls into the package, with no def or class."""
    for source in cells(name, "code"):
        lines = [line for line in source.splitlines() if line.strip()]
        assert 1 <= len(lines) <= 3, source
        for node in ast.walk(ast.parse(source)):
            assert not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            if isinstance(node, ast.ImportFrom):
                assert (node.module or "").startswith("workbook"), source


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_notebook_has_a_title_and_prose(name: str) -> None:
    """A notebook opens with a markdown title and explains itself in words, not only code."""
    prose = cells(name, "markdown")
    assert prose and prose[0].startswith("# ")
    assert sum(len(text.split()) for text in prose) >= 100


def calls_of(name: str) -> set[tuple[str, str]]:
    """The (function, first argument) pairs of the package calls in a notebook's code."""
    found = set()
    for source in cells(name, "code"):
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                first = node.args[0] if node.args else None
                argument = first.value if isinstance(first, ast.Constant) else ""
                found.add((node.func.id, str(argument)))
    return found


ASSISTANT = {("assistant", "")}
"""The AI assistant's prompt, offered where the guidance speaks of online help, and on the plan."""
EXTRAS = {"resources": ASSISTANT, "clarify": {("leave_card", "")}}
"""What a section shows beside its exercise and self-check: the AI assistant's prompt where the
guidance speaks of online help, the card of questions to ask where it speaks of asking them."""


@pytest.mark.parametrize(("name", "section_id"), SECTIONS.items())
def test_each_section_notebook_calls_its_own_exercise_and_quiz(name: str, section_id: str) -> None:
    """A section's notebook shows that section's exercise and self-check, and no other's; the
    resources section also offers the AI assistant's prompt, the clarify section the card of
    questions to ask before leaving the room."""
    extra = EXTRAS.get(section_id, set())
    assert calls_of(name) == {("exercise", section_id), ("quiz", section_id), *extra}


def test_the_start_plan_tracker_and_analysis_notebooks_call_their_views() -> None:
    """The start notebook calls `start()`, the plan `my_plan()` and `assistant()`, the tracker
    its three views, the analysis `analysis()` and `share_results()`, the facilitator's
    page `group_results()`, the rules page `rules_page()` and the rehearsal `practise_call()`."""
    assert calls_of(ORDER[0]) == {("start", "")}
    assert calls_of(MY_PLAN) == {("my_plan", ""), *ASSISTANT}
    assert calls_of(TRACKER) == {
        ("tracker_forms", ""),
        ("tracker_table", ""),
        ("tracker_import", ""),
    }
    assert calls_of(ANALYSIS) == {("analysis", ""), ("share_results", "")}
    assert calls_of(FACILITATOR) == {("group_results", "")}
    assert calls_of(RULES) == {("rules_page", "")}
    assert calls_of(PRACTISE) == {("practise_call", "")}


def test_the_call_section_links_the_rehearsal_and_the_rehearsal_links_back() -> None:
    """The call section links the rehearsal page (the only way to it), which links back."""
    call = next(name for name, section_id in SECTIONS.items() if section_id == "call-or-email")
    assert PRACTISE in links(call)
    assert links(PRACTISE) == [call]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_links_point_to_notebooks_that_exist(name: str) -> None:
    """Every relative link in a notebook names a file in the notebooks folder."""
    for target in links(name):
        assert (FOLDER / target).is_file(), f"{name} links to {target}"


def test_the_start_notebook_links_every_part_in_order() -> None:
    """The start notebook links the quick plan first, then every part in the order they are
    taken, and the rules page."""
    listed = list(dict.fromkeys(links(ORDER[0])))
    assert listed[0] == QUICK_PLAN
    assert [target for target in listed if target in ORDER] == ORDER[1:]
    assert RULES in listed


def test_the_quick_plan_asks_its_steps_in_order_then_shows_the_plan() -> None:
    """Each code cell of the quick plan ends with one view: its steps in order, then the plan;
    the start page's link to it says "Quick plan"."""
    shown = [ast.unparse(ast.parse(source).body[-1]) for source in cells(QUICK_PLAN, "code")]
    assert shown == [*(f"quick_answers({step!r})" for step in QUICK_STEPS), "quick_plan()"]
    linked = [text for text in cells(ORDER[0], "markdown") if f"]({QUICK_PLAN})" in text]
    assert "[Quick plan: I had an interview today](quick-plan.ipynb)" in linked[0]


@pytest.mark.parametrize("name", ORDER[1:-1])
def test_each_section_notebook_ends_with_a_link_to_the_next(name: str) -> None:
    """The last cell of a section's notebook links to the notebook that follows it."""
    last = read(name).cells[-1].source
    assert LINK.findall(last) == [ORDER[ORDER.index(name) + 1]]


def test_a_notebook_left_open_keeps_answers_given_in_another() -> None:
    """Two kernels' states on one answers file each save only their own changes."""
    first, second = PlanState(), PlanState()  # two notebooks open at once
    second.company = "Acme Logistics"
    one, two = (question.id for question in course()[0].questions[:2])
    second.choose(one, 0)
    first.role = "Warehouse Supervisor"
    first.choose(two, 0)
    reopened = PlanState()
    assert (reopened.company, reopened.role) == ("Acme Logistics", "Warehouse Supervisor")
    assert reopened.choices == {one: 0, two: 0}


# -- running them -----------------------------------------------------------------------------


def run(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run a notebook top to bottom in a fresh kernel that imports this checkout's package."""
    monkeypatch.setenv("PYTHONPATH", str(REPO))  # the kernel inherits the test's environment
    notebook = read(name)
    client = NotebookClient(
        notebook, timeout=60, startup_timeout=60, kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )  # fmt: skip
    client.execute()
    return notebook


def widget_html(notebook: Any) -> str:
    """The text of every HTML widget the run left in the notebook's saved widget state."""
    saved = notebook.metadata.widgets["application/vnd.jupyter.widget-state+json"]["state"]
    return "".join(
        str(model["state"].get("value", ""))
        for model in saved.values()
        if model["model_name"] == "HTMLModel"
    )


def check_outputs(notebook: Any) -> None:
    """Every code cell showed a widget, and nothing was written to stderr."""
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        kinds = [output.output_type for output in cell.outputs]
        assert "error" not in kinds
        assert not [o for o in cell.outputs if o.get("name") == "stderr"], cell.outputs
        shown = [o.get("data", {}) for o in cell.outputs if o.output_type == "execute_result"]
        if not source_is_import_only(cell.source):
            assert any("application/vnd.jupyter.widget-view+json" in d for d in shown), cell


def source_is_import_only(source: str) -> bool:
    return all(isinstance(node, ast.Import | ast.ImportFrom) for node in ast.parse(source).body)


@pytest.mark.slow
def test_the_kernel_imports_the_package_of_this_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The notebooks' kernel imports `workbook` from this repository, not another copy."""
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_code_cell("import workbook\nprint(workbook.__file__)"))
    NotebookClient(notebook, timeout=60, startup_timeout=60, kernel_name="python3").execute()
    printed = notebook.cells[0].outputs[0].text.strip()
    assert Path(printed).parent == REPO / "workbook"


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_notebook_runs_before_any_answer(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no saved answers, a notebook runs without errors and says what the plan needs."""
    notebook = run(name, tmp_path, monkeypatch)
    check_outputs(notebook)
    html = widget_html(notebook)
    if name == ORDER[0]:
        assert "wb-progress" in html and "0 of 8 sections done" in html
    elif name == ANALYSIS:
        assert "Your tracker has 0 decided contacts" in html and "How to read this" in html
    elif name == FACILITATOR:
        assert "Fewer than 5 participants have shared contacts" in html
        assert "Show the sample group instead" in json.dumps(notebook.metadata.widgets)
    elif name == RULES:
        assert html.count("<li ") == 12 and "Keep a follow-up short" in html
    elif name == PRACTISE:
        assert "You have no plan yet" in html and "CALL SCRIPT" in html
        assert "No card drawn yet" in html and "Download practise-the-call-cards.html" in html
    else:
        assert "To see your plan, fill in" in html
    if name == TRACKER:
        assert "Your tracker is empty so far" in html


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_notebook_runs_with_a_practice_interview(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a practice interview chosen beforehand, a notebook runs and shows its full plan."""
    PlanState().slot = "practice:teaching"  # saved to WORKBOOK_HOME, as the picker would
    notebook = run(name, tmp_path, monkeypatch)
    check_outputs(notebook)
    html = widget_html(notebook)
    if name == ORDER[0]:
        assert "wb-progress" in html
    elif name == TRACKER:
        assert "practice plans never go into your tracker" in html
    elif name == QUICK_PLAN:  # always the learner's own interview, and so the course after it
        assert "To see your plan, fill in" in html and "wb-practice-banner" not in html
        assert PlanState().slot == "own"
    elif name == PRACTISE:
        assert "wb-practice-banner" in html and "Riverside Primary School" in html
    elif name not in (ANALYSIS, FACILITATOR, RULES):
        assert "wb-practice-banner" in html and "wb-steps" in html
        assert "To see your plan" not in html
    if name == MY_PLAN:
        assert "wb-chart" in html and "Riverside Primary School" in html
    if calls_of(name) & ASSISTANT:
        assert "Copy the prompt" in html and "Company: Riverside Primary School" in html
