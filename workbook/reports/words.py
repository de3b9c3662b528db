"""How a report names its groups and says its figures, in words: the labels, the numbers
(`42%`, `30–55%`, `within 3 days`) and the one-sentence summaries of the rates, the funnel and the
time in each stage. Nothing here draws, so the text report, the charts and the notebook views
all say things the same way, and `workbook report` starts without matplotlib.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from workbook.rules.counting import OWN_LATENESS_FROM

__all__ = [
    "FUNNEL_NAMES",
    "GROUPING_NAMES",
    "STAGE_NAMES",
    "all_groups",
    "counted",
    "decided",
    "experiment_summary",
    "funnel_summary",
    "group_label",
    "interval_text",
    "joined",
    "lateness_curve_words",
    "lateness_summary",
    "percent",
    "points",
    "rates_summary",
    "sample_sizes_summary",
    "sentence_case",
    "shown_groups",
    "stage_times_summary",
    "tick_label",
    "unit",
    "within_days",
]

_GROUP_NAMES: Final[dict[str, dict[Any, str]]] = {
    "channel": {
        "email": "email",
        "phone": "phone",
        "letter": "letter",
        "linkedin": "LinkedIn",
        "text": "text message",
        "in-person": "in person",
        "other": "other channels",
        "unknown": "contacts whose channel was not recorded",
    },
    "source": {
        "linkedin": "applications through LinkedIn",
        "referral": "referrals",
        "job-board": "applications on job boards",
        "company-site": "applications on a company's site",
        "email": "applications by email",
        "agency": "applications through an agency",
        "other": "applications made another way",
        "unknown": "applications whose source was not recorded",
    },
    "kind": {
        "thank-you": "thank-you notes",
        "follow-up": "follow-ups",
        "second-follow-up": "second follow-ups",
    },
    "people_facing": {True: "people-facing roles", False: "other roles"},
    "new_info": {True: "contacts with new information", False: "contacts without new information"},
    "days_to_follow_up": {
        "0-2": "contacts 0–2 days after the interview",
        "3-6": "contacts 3–6 days after the interview",
        "7-13": "contacts 7–13 days after the interview",
        "14+": "contacts 14 or more days after the interview",
    },
}


_SHORT_NAMES: Final[dict[str, dict[Any, str]]] = {
    "channel": {"unknown": "Not recorded"},
    "source": {
        "linkedin": "LinkedIn",
        "referral": "Referral",
        "job-board": "Job board",
        "company-site": "Company site",
        "email": "Email",
        "agency": "Agency",
        "other": "Other",
        "unknown": "Not recorded",
    },
    "new_info": {True: "With new information", False: "Without new information"},
    "days_to_follow_up": {
        "0-2": "0–2 days",
        "3-6": "3–6 days",
        "7-13": "7–13 days",
        "14+": "14+ days",
    },
}


GROUPING_NAMES: Final = {
    "channel": "channel",
    "kind": "kind of contact",
    "people_facing": "people-facing role or not",
    "new_info": "new information or not",
    "days_to_follow_up": "days from the interview to the contact",
    "source": "how you applied",
}


FUNNEL_NAMES: Final = {
    "applied": "Applications",
    "answered": "Any answer",
    "interview": "Interview",
    "offer": "Offer",
}


STAGE_NAMES: Final = {"applied": "Applied", "screen": "Screen", "interview": "Interview"}


def group_label(by: str, key: object) -> str:
    """A group's name in plain words: `LinkedIn`, `people-facing roles`, `follow-ups`."""
    return _GROUP_NAMES.get(by, {}).get(key, str(key))


def tick_label(by: str, key: object) -> str:
    """A group's name on an axis, where the sentence form would be too long."""
    return _SHORT_NAMES.get(by, {}).get(key) or sentence_case(group_label(by, key))


def percent(share: float) -> str:
    """`42%`."""
    return f"{share * 100:.0f}%"


def interval_text(low: float, high: float) -> str:
    """`30–55%`."""
    return f"{low * 100:.0f}–{high * 100:.0f}%"


def within_days(days: int) -> str:
    """`within 3 days`, `within 1 day`, `the same day`."""
    return "the same day" if days == 0 else f"within {days} day{'s' if days != 1 else ''}"


def counted(group: Mapping[str, Any]) -> tuple[int, str]:
    """How many a group counts, and of what: contacts, or (by source) applications."""
    if "applications" in group:
        return int(group["applications"]), "applications"
    return int(group["contacts"]), "contacts"


def decided(group: Mapping[str, Any]) -> int:
    return counted(group)[0] - int(group["pending"])


def unit(groups: Sequence[Mapping[str, Any]]) -> str:
    """What the groups count: `contacts`, or `applications`."""
    return counted(groups[0])[1] if groups else "contacts"


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def joined(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def all_groups(report: Mapping[str, Any], by: str) -> list[dict[str, Any]]:
    key = f"by_{by}"
    if key not in report:
        raise ValueError(f"the report has no grouping {by!r}")
    return list(report[key])


def shown_groups(report: Mapping[str, Any], by: str) -> list[dict[str, Any]]:
    """The groups with figures: a pooled report's hidden (suppressed) ones are left out."""
    return [g for g in all_groups(report, by) if not g.get("suppressed")]


def rates_summary(report: Mapping[str, Any], by: str = "channel") -> str:
    """One sentence with every group's rate, interval and decided contacts; small ones named,
    and a pooled report's hidden ones."""
    groups = shown_groups(report, by)
    hidden = [group_label(by, g[by]) for g in all_groups(report, by) if g.get("suppressed")]
    few = f"{joined(hidden)} {'is' if len(hidden) == 1 else 'are'} hidden" if hidden else ""
    few += " (too few participants)"
    unit = "applications" if by == "source" else "contacts"
    if not groups:
        return sentence_case(few) + "." if hidden else f"There are no {unit} to count yet."
    rated = [g for g in groups if g["rate"] is not None]
    parts: list[str] = []
    for group in rated:
        detail = (
            f"(95% interval {interval_text(group['ci_low'], group['ci_high'])}, "
            f"{decided(group)} decided {unit})"
        )
        name, rate = group_label(by, group[by]), percent(group["rate"])
        first = not parts
        parts.append(
            f"{name} got an answer {rate} of the time {detail}"
            if first
            else f"{name} {rate} {detail}"
        )
    clauses = [", ".join(parts)] if parts else []
    small = [group_label(by, g[by]) for g in rated if g["small"]]
    if small:
        clauses.append(f"{joined(small)} had too few decided {unit} to say much")
    undecided = [
        f"{group_label(by, g[by])} ({g['pending']} still waiting)"
        for g in groups
        if g["rate"] is None
    ]
    if undecided:
        clauses.append(f"no decided {unit} yet for {joined(undecided)}")
    if hidden:
        clauses.append(few)
    return sentence_case("; ".join(clauses)) + "."


def funnel_summary(report: Mapping[str, Any]) -> str:
    """One sentence with every step's count and share of all applications."""
    applied, answered, interview, offer = (step["applications"] for step in report["funnel"])
    if not applied:
        return "There are no applications to count yet (0 applications)."

    def of(count: int) -> str:
        return f"{count} ({percent(count / applied)})"

    return (
        f"Of {applied} application{'s' if applied != 1 else ''}, {of(answered)} had an answer "
        f"from the employer, {of(interview)} reached an interview and {of(offer)} brought an "
        "offer."
    )


def stage_times_summary(times: Sequence[Mapping[str, Any]]) -> str:
    """One sentence: the median days in each stage, with the stays it rests on."""
    if not times:
        return "No stage history has two dated stages yet, so there are 0 stays to time."
    parts = []
    for stay in times:
        name = STAGE_NAMES.get(stay["stage"], str(stay["stage"])).lower()
        count = f"{stay['stays']} stay{'s' if stay['stays'] != 1 else ''}"
        if stay["median_days"] is None:
            parts.append(f"in {name} fewer than half of {count} had moved on")
        else:
            days = stay["median_days"]
            parts.append(f"{name} {days} day{'s' if days != 1 else ''} ({count})")
    return (
        f"Median time in each stage: {'; '.join(parts)} (stays still open count as open, not "
        "as finished)."
    )


def points(difference: float) -> str:
    """`12 points`: a difference of two rates in percentage points, without its sign."""
    size = round(abs(difference) * 100)
    return f"{size} point{'s' if size != 1 else ''}"


def _signed(difference: float) -> str:
    """`+12`, `-4`, `0`: one end of an interval of a difference, in points."""
    size = round(difference * 100)
    return f"{size:+d}" if size else "0"


def experiment_summary(report: Mapping[str, Any]) -> str:
    """What the fair test of channels shows so far, honestly, in a sentence or three: only
    follow-ups whose channel the workbook chose at random are compared."""
    experiment = report["experiment"]
    arms = [arm for arm in experiment["by_channel"] if not arm.get("suppressed")]
    hidden = [group_label("channel", a["channel"]) for a in experiment["by_channel"]
              if a.get("suppressed")]  # fmt: skip
    hidden_note = (
        f" Random follow-ups by {joined(hidden)} are hidden (too few participants)."
        if hidden
        else ""
    )
    if not arms:
        if hidden:
            return hidden_note.strip()
        return (
            "No follow-up has had its channel chosen at random yet. Turn on “let the workbook "
            "choose my follow-up channel” when you plan, and this part will compare channels "
            "fairly as answers come in."
        )
    count = experiment["contacts"]
    opening = f"{count} follow-up{'s' if count != 1 else ''} had the channel chosen at random"
    if not experiment["comparisons"]:
        names = joined([group_label("channel", a["channel"]) for a in arms])
        return (
            f"{opening}, all by {names} so far: a comparison needs random follow-ups by email "
            f"and by another channel.{hidden_note}"
        )
    arm_of = {arm["channel"]: arm for arm in arms}
    sentences = [f"{opening}."]
    for comparison in experiment["comparisons"]:
        name = group_label("channel", comparison["channel"])
        mine, email = arm_of[comparison["channel"]], arm_of[comparison["against"]]
        counts = f"{decided(mine)} decided by {name}, {decided(email)} by email"
        difference = comparison["difference"]
        if comparison["verdict"] == "too-few" or difference is None:
            sentences.append(
                f"Too few random follow-ups yet to tell {name} and email apart ({counts}; "
                f"each needs at least 10 decided)."
            )
            continue
        direction = "more" if difference > 0 else "less"
        told = (
            f"{sentence_case(name)} got an answer {points(difference)} {direction} often than "
            f"email (95% interval {_signed(comparison['ci_low'])} to "
            f"{_signed(comparison['ci_high'])} points; {counts})"
        )
        if difference == 0:
            told = (
                f"{sentence_case(name)} and email got answers equally often (95% interval "
                f"{_signed(comparison['ci_low'])} to {_signed(comparison['ci_high'])} points; "
                f"{counts})"
            )
        if comparison["verdict"] == "chance":
            sentences.append(
                f"{told}: so far the difference could be chance, since the interval includes "
                "no difference at all."
            )
        else:
            sentences.append(
                f"{told}: among follow-ups chosen at random this is unlikely to be chance "
                "alone, though more follow-ups will make it surer."
            )
    return " ".join(sentences) + hidden_note


def sample_sizes_summary(report: Mapping[str, Any]) -> str:
    """How many random follow-ups per channel a difference of 10, 20 or 30 points would take
    to detect, at the rate the table assumes, in a sentence."""
    experiment = report["experiment"]
    rows = experiment["sample_sizes"]
    needs = [f"{points(row['difference'])}, about {row['per_channel']}" for row in rows]
    rate = percent(experiment["base_rate"])
    assumed = (
        f"at your random follow-ups' answer rate of {rate}"
        if experiment["base_rate"] is not None and experiment["base_rate_observed"]
        else f"assuming an answer rate of {rate} until at least 10 of yours are decided"
    )
    return (
        "To find a difference between two channels (with the usual 5% test, 4 times in 5) "
        f"takes this many random follow-ups per channel: {'; '.join(needs)} ({assumed})."
    )


def _business_days(count: int) -> str:
    return f"{count} business day{'s' if count != 1 else ''}"


def lateness_summary(lateness: Mapping[str, Any], whose: str = "your tracker") -> str:
    """A few calm sentences on how late employers answered after the day they gave: how many
    answers came by that day, the median business days late (or why there is none yet), and,
    on few answered rounds, that the figure is only a first impression."""
    rounds, answered = int(lateness["rounds"]), int(lateness["answered"])
    waiting, not_due = int(lateness["waiting"]), int(lateness["not_due"])
    if rounds == 0:
        return (
            f"No round in {whose} has a date the employer gave for their answer yet, so there "
            "is nothing to measure; note the date whenever they give one."
        )
    if answered == 0:
        if waiting == 0:
            return (
                f"{rounds} round{'s' if rounds != 1 else ''} with a promised date, none due "
                "yet: there is nothing to measure so far."
            )
        return (
            f"None of the {waiting} round{'s' if waiting != 1 else ''} past the date the "
            "employer gave has an answer yet. A late answer is common and is not a no."
        )
    parts = [f"{lateness['by_promised_day']} of {answered} answers came by the promised day."]
    median = lateness["median_business_days"]
    if median is None:
        parts.append(
            "Fewer than half of the rounds past their promised date have an answer so far, "
            "so there is no median yet."
        )
    elif median == 0:
        parts.append(f"Employers in {whose} usually answered by the date they gave.")
    else:
        parts.append(
            f"Employers in {whose} answered a median of {_business_days(median)} after the "
            "date they gave."
        )
    still = []
    if waiting:
        still.append(f"{waiting} past the date and still waiting (counted as waiting, not as no)")
    if not_due:
        still.append(f"{not_due} not due yet")
    if still:
        parts.append(f"Of the other rounds, {joined(still)}.")
    if lateness["small"]:
        parts.append(
            f"This rests on {answered} answered round{'s' if answered != 1 else ''} only, so "
            f"take it as a first impression; from {OWN_LATENESS_FROM} it becomes a steadier "
            "guide."
        )
    return " ".join(parts)


def lateness_curve_words(lateness: Mapping[str, Any]) -> str:
    """The lateness chart in words, for its alt text: where the curve starts and each step."""
    curve = lateness["curve"]
    if not curve:
        return "No answer after a promised date yet, so the curve of lateness has no steps."
    steps = [
        f"{percent(point['waiting'])} still waiting after {_business_days(point['business_days'])}"
        for point in curve
    ]
    return (
        "A step chart of the share of rounds still waiting for an answer, by business days "
        f"past the date the employer gave: {'; '.join(steps)}."
    )
