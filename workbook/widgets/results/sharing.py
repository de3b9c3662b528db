"""The analysis notebook's last step, `share_results()`: the learner's contacts, anonymised,
for a group's pooled response rates.

Everywhere it offers the shared file `workbook share` writes, as a download. In a workshop room
it also asks the participant whether the facilitator may pool their tracker (`share.room` in
it): a yes or a no is kept in the participant's own tracker only, and the facilitator's view
(`cohort.room_cohort`) counts the yeses without learning who said no.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from workbook.analysis.share import (
    KEPT,
    REMOVED,
    NothingToShareError,
    Shared,
    describe,
    set_sharing_with_room,
    share_tracker,
    sharing_with_room,
)
from workbook.home.room import participant
from workbook.tracker.store import Tracker
from workbook.widgets.controls import button
from workbook.widgets.render import download_link_html
from workbook.widgets.safety import guarded
from workbook.widgets.tracker.forms import TrackerModel

__all__ = ["SHARED_FILE_NAME", "share_results", "what_is_shared_html"]

SHARED_FILE_NAME = "my-shared-contacts.csv"
"""The anonymous file's name: without the day of sharing, from which, with the file's day
counts, every date could be worked out again."""

_NOTHING_YET = (
    '<p role="status">Your tracker has no contacts yet, so there is nothing to share: log a '
    "thank-you or a follow-up on the tracker page first.</p>"
)


def what_is_shared_html() -> str:
    """What a share keeps and what it leaves out, as two short lists."""
    kept = "".join(f"<li>{escape(item)}</li>" for item in KEPT)
    removed = "".join(f"<li>{escape(item)}</li>" for item in REMOVED)
    return (
        '<div class="wb-shared-what"><p><strong>What is kept</strong>, for each contact:</p>'
        f"<ul>{kept}</ul><p><strong>What is left out</strong>:</p><ul>{removed}</ul></div>"
    )


def _room_status_html(sharing: bool) -> str:
    if sharing:
        return (
            '<p role="status"><strong>You are sharing.</strong> Your contacts, anonymised as '
            "above, count in the group's totals that your facilitator shows. You can stop at any "
            "time; nobody is told.</p>"
        )
    return (
        '<p role="status"><strong>You are not sharing.</strong> Nothing of yours is in the '
        "group's totals. Sharing is your choice: saying no changes nothing else for you, and "
        "nobody is told.</p>"
    )


def _alert(text: str) -> str:
    return f'<p role="alert">{escape(text)}</p>'


def _room_consent(model: TrackerModel) -> w.VBox:
    """The participant's yes or no to the facilitator pooling their tracker in the room."""
    status = w.HTML()
    share = button("Share my results with the group", "wb-share-room", button_style="primary")
    stop = button("Stop sharing", "wb-share-stop")

    def show() -> None:
        sharing = model.read(sharing_with_room)
        status.value = _alert(model.problem) if model.problem else _room_status_html(sharing)
        share.layout.display = "none" if sharing or model.problem else None
        stop.layout.display = None if sharing and not model.problem else "none"

    @guarded(status, "change whether you share")
    def choose(pressed: w.Button) -> None:
        model.change(lambda tracker: set_sharing_with_room(tracker, pressed is share))

    share.on_click(choose)
    stop.on_click(choose)
    model.observe(lambda _: show(), names="changes")
    show()
    return w.VBox([status, w.HBox([share, stop])])


def _file_download(model: TrackerModel) -> w.VBox:
    """'Make my anonymous file': the shared file as a download link that holds the file."""
    ask = button("Make my anonymous file", "wb-share-file")
    result = w.HTML()

    def share(tracker: Tracker) -> Shared:
        return share_tracker(tracker, today=model.today)

    @guarded(result, "make your anonymous file")
    def prepare(_: w.Button) -> None:
        model.read(lambda tracker: None)  # only to learn `model.problem`
        if model.problem:
            result.value = _alert(model.problem)
            return
        # Before the first change there is no file, and none is made for this: the empty
        # tracker `read` gives refuses, as every tracker without contacts does.
        through = model.change if model.path.is_file() else model.read
        try:
            shared = through(share)
        except NothingToShareError:
            result.value = _NOTHING_YET
            return
        link = download_link_html(SHARED_FILE_NAME, shared.encode())
        held = escape(describe(shared)[0])
        result.value = (
            f'<p role="status">{link}. {held} '
            "Open it to check it before you hand it over; a newer file from you replaces this "
            "one in the group's results.</p>"
        )

    ask.on_click(prepare)
    return w.VBox([ask, result])


def share_results(model: TrackerModel | None = None) -> w.VBox:
    """What sharing keeps and leaves out; in a room, the yes or no to the facilitator's
    pooled view; everywhere, the anonymous file to hand over."""
    model = model or TrackerModel.shared()
    parts: list[w.Widget] = [w.HTML(what_is_shared_html())]
    if participant() is not None:
        parts.append(_room_consent(model))
    parts.append(_file_download(model))
    box = w.VBox(parts)
    box.add_class("wb-share")
    return box
