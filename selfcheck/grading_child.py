"""The grader's child: one submission checked in a process of its own, reported as events.

The grader (:mod:`selfcheck.autograde`) starts ``python -m selfcheck.autograde --child FILE``
for each file; that runs :func:`child_main` here. It writes one JSON object per line to the
results pipe (``start`` before each check, so that the grader can name the one that hangs or
kills the process; ``loaded``, ``outcome``, ``done``), and everything the student's code
prints to the other pipe, which the grader caps (:mod:`selfcheck.sandbox`).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, TextIO

from selfcheck.submission_checks import checks_for, outcome_record, run_check

__all__ = ["child_main"]


def _child(path: str, memory_limit: int, results: TextIO) -> int:
    import resource  # noqa: PLC0415 -- POSIX only, and only the child needs it

    resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    def emit(**event: Any) -> None:
        results.write(json.dumps(event, allow_nan=False, default=repr) + "\n")
        results.flush()

    from selfcheck.student import SelfCheckError, implementation_of, load_module  # noqa: PLC0415

    emit(event="start", check="importing the file")
    try:
        implementation = implementation_of(load_module(path))
    except SelfCheckError as error:
        emit(event="unusable", problem=str(error))
        return 2
    adapted = implementation["adapted"]
    emit(event="loaded", checked_as=adapted.shape, notes=list(adapted.notes))
    for check in checks_for(implementation):
        emit(event="start", check=check.title)
        outcome = run_check(check, implementation)
        emit(event="outcome", **outcome_record(outcome))
    emit(event="done")
    return 0


def child_main(path: str, memory_limit: int) -> int:
    """Grade `path` in this process, the grader's child, under `memory_limit` bytes; return 0 or 2."""
    # Keep fd 1 for the results; whatever the submission prints goes to fd 2, which the
    # grader drains and caps, so no print can be mistaken for a result.
    results = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = os.fdopen(1, "w", encoding="utf-8", errors="replace", closefd=False)
    try:
        return _child(path, memory_limit, results)
    finally:
        results.close()
