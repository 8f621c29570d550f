"""Run the checks of :mod:`selfcheck.checks` on an implementation and report per formula.

An *implementation* maps the names a check needs (DESIGN.md's function names,
``make_network``, ``make_cross_entropy_network``) to callables: ``backprop`` itself
(:func:`selfcheck.reference.backprop_implementation`), a catalogue mistake, or a student's
module (:mod:`selfcheck.student`). Each check runs on its generated cases in order and stops
at the first that fails; the :class:`~selfcheck.failure.CheckFailure` it raised says which
label, which case, what was expected and what came back. A failure's "read" link is
:func:`selfcheck.links.read_url`'s: the local built site when there is one, else the online one.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from selfcheck.cases import Case, collection
from selfcheck.checks import CHECKS, Check, CheckFailure
from selfcheck.links import read_url

__all__ = [
    "Outcome",
    "format_outcome",
    "format_outcomes",
    "outcomes_json",
    "run_check",
    "run_checks",
]

Status = Literal["pass", "fail", "skip"]


@dataclass(frozen=True)
class Outcome:
    """The result of one check on one implementation.

    Attributes
    ----------
    check : Check
    status : {"pass", "fail", "skip"}
    label : str
        The label to read: the failing comparison's own, else the check's.
    case : str
        The first failing case (``W_next 3x3, batch 3 (3x3-m3)``), or why it was skipped.
    what : str
        The quantity that disagreed (``hidden_delta(W_next, delta_next, a)``).
    expected, got : object
        What the derivation gives and what the implementation returned.
    error : str
        The exception the implementation raised, if it raised one (``TypeError: ...``).
    """

    check: Check
    status: Status
    label: str
    case: str = ""
    what: str = ""
    expected: Any = None
    got: Any = None
    error: str = ""


def run_check(
    check: Check, implementation: Mapping[str, Any], cases: Sequence[Case] | None = None
) -> Outcome:
    """Run `check` on each of its cases until one fails; skip it if a name it needs is missing.

    `cases` defaults to the check's whole collection; the autograder passes the ones the
    shape of a student's network can build (:func:`selfcheck.submission_checks.cases_for`).
    """
    missing = [name for name in check.needs if name not in implementation]
    if missing:
        return Outcome(check, "skip", check.label, case=f"not defined: {', '.join(missing)}")
    for case in collection(check.cases) if cases is None else cases:
        # The code under test may warn or overflow on a wrong formula: that is a finding
        # the comparison reports, not an error of the self-check.
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                check.run(implementation, case)
            except CheckFailure as failure:
                where = f"{case.name} ({case.id})"
                return Outcome(
                    check,
                    "fail",
                    failure.label,
                    where,
                    failure.what,
                    failure.expected,
                    failure.got,
                )
            except Exception as error:  # noqa: BLE001 -- any crash of the code under test is a finding
                text = f"{type(error).__name__}: {error}".splitlines()[0]
                where = f"{case.name} ({case.id})"
                return Outcome(check, "fail", check.label, where, error=text)
    return Outcome(check, "pass", check.label)


def run_checks(
    implementation: Mapping[str, Any], checks: Sequence[Check] = CHECKS
) -> list[Outcome]:
    """Run every check of `checks` on `implementation`, in order."""
    return [run_check(check, implementation) for check in checks]


# Reporting -------------------------------------------------------------------------------------


def _short(value: Any) -> str:
    with np.printoptions(precision=6, suppress=False, linewidth=88, threshold=12):
        text = np.array2string(np.asarray(value), separator=", ")
    return text.replace("\n", "\n" + " " * 16)


def format_outcome(outcome: Outcome) -> str:
    """Format one outcome: a PASS/FAIL/skip line, and for a failure what to read."""
    status = {"pass": "PASS", "fail": "FAIL", "skip": "skip"}[outcome.status]
    line = f"{status}  {outcome.check.title:<44} {outcome.label}"
    if outcome.status == "skip":
        return f"{line}  ({outcome.case})"
    if outcome.status == "pass":
        return line
    function = outcome.check.function
    lines = [line, f"      check:    {function.__module__}.{function.__qualname__}"]
    lines.append(f"      case:     {outcome.case}")
    if outcome.error:
        lines.append(f"      error:    {outcome.error}")
    else:
        lines.append(f"      compared: {outcome.what}")
        lines.append(f"      expected: {_short(outcome.expected)}")
        lines.append(f"      got:      {_short(outcome.got)}")
    lines.append(f"      read:     {read_url(outcome.label)}")
    return "\n".join(lines)


def format_outcomes(outcomes: Sequence[Outcome], show_skipped: bool = True) -> str:
    """Format a whole report, with a last line counting passes, failures and skips."""
    shown = [o for o in outcomes if show_skipped or o.status != "skip"]
    counts = {s: sum(o.status == s for o in outcomes) for s in ("pass", "fail", "skip")}
    summary = f"{counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped"
    return "\n".join([*(format_outcome(o) for o in shown), summary])


def _plain(value: Any) -> Any:
    if value is None:
        return None
    array = np.asarray(value, dtype=object)
    return array.tolist() if array.ndim else array.item()


def outcomes_json(outcomes: Sequence[Outcome]) -> list[dict[str, Any]]:
    """Return the outcomes as JSON-ready records (``python -m selfcheck --json``)."""
    return [
        {
            "check": o.check.name,
            "title": o.check.title,
            "status": o.status,
            "label": o.label,
            "case": o.case,
            "compared": o.what,
            "expected": _plain(o.expected),
            "got": _plain(o.got),
            "error": o.error,
            "read": read_url(o.label) if o.status == "fail" else "",
        }
        for o in outcomes
    ]
