"""What is checked in one submission, and each check's outcome as a JSON-ready record.

The one-file self-check and the grader's child run the same list (:func:`checks_for`) on the
same cases (:func:`cases_for`), so a file graded in a class gets the report it gets alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from selfcheck import links, report
from selfcheck.adapters import check_conventions
from selfcheck.cases import Case, collection
from selfcheck.checks import CHECKS, Check
from selfcheck.report import Outcome

__all__ = [
    "CONVENTIONS_CHECK",
    "cases_for",
    "checks_for",
    "outcome_record",
    "run_check",
    "run_checks",
]


#: The check that a student's loss and gradients follow one convention (the sum or the mean,
#: with or without the ½ of eq-loss): a check of :mod:`selfcheck.checks`' kind, run on one
#: generated network case. The title fits the report's 44-column check column.
CONVENTIONS_CHECK = Check(
    "conventions",
    "Network: one convention (sum/mean, ½ or not)",
    "eq-loss",
    ("conventions",),
    "networks",
    check_conventions,
)


def checks_for(implementation: Mapping[str, Any]) -> tuple[Check, ...]:
    """Return the checks to run on `implementation`, in order.

    Every check of :data:`selfcheck.checks.CHECKS` (as the one-file self-check runs them; a
    check whose names the implementation lacks is skipped), plus :data:`CONVENTIONS_CHECK`
    when there is a network.
    """
    checks = list(CHECKS)
    if "conventions" in implementation:
        checks.append(CONVENTIONS_CHECK)
    return tuple(checks)


def cases_for(check: Check, depths: tuple[int, ...] | None) -> tuple[Case, ...]:
    """Return the cases of `check` a shape that builds networks of `depths` layers can run.

    A network case has one weight matrix per layer: it is kept when ``len(case["weights"])``
    is in `depths` (None: any depth). Cases without weights (the formula functions') are
    all kept. The conventions check runs on the first case only: the convention was found
    on the adapter's own probes, the case only names where it is reported.
    """
    cases = collection(check.cases)
    if check is CONVENTIONS_CHECK:
        cases = cases[:1]
    if depths is None:
        return cases
    return tuple(c for c in cases if "weights" not in c or len(c["weights"]) in depths)


def run_check(check: Check, implementation: Mapping[str, Any]) -> Outcome:
    """Run `check` on the cases the shape of `implementation`'s network supports.

    A check none of whose cases the shape can build is skipped, saying which depths it builds.
    """
    adapted = implementation.get("adapted")
    depths = adapted.depths if adapted is not None else None
    cases = cases_for(check, depths)
    if not cases and all(name in implementation for name in check.needs):
        built = ", ".join(str(d) for d in depths or ())
        why = f"the shape found builds networks of {built} layers only"
        return Outcome(check, "skip", check.label, case=why)
    return report.run_check(check, implementation, cases)


def run_checks(implementation: Mapping[str, Any]) -> list[Outcome]:
    """Run :func:`checks_for` `implementation` on the cases its shape supports, in order."""
    return [run_check(check, implementation) for check in checks_for(implementation)]


def _plain(value: Any) -> Any:
    if value is None:
        return None
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return repr(value)
    return array.tolist() if array.ndim else float(array)


def outcome_record(outcome: Outcome) -> dict[str, Any]:
    """Return one check's outcome as a JSON-ready record."""
    failed = outcome.status == "fail"
    return {
        "check": outcome.check.title,
        "status": outcome.status,
        "label": outcome.label,
        "case": outcome.case,
        "expected": _plain(outcome.expected),
        "got": _plain(outcome.got),
        "error": outcome.error,
        "read": links.read_url(outcome.label) if failed else "",
    }
