"""``python -m selfcheck``: check your own backprop code, or show that the checks bite.

Usage::

    python -m selfcheck path/to/your_code.py          # your functions and/or network, per formula
    python -m selfcheck path/to/your_code.py --json   # the same, as JSON
    python -m selfcheck a.py b.py folder/             # grade a class: one subprocess per file
    python -m selfcheck folder/ --json                # one JSON report, one record per file
    python -m selfcheck --catalogue                   # every catalogue mistake: caught, and by what
    python -m selfcheck --mistake NAME                # what a student with that mistake would see
    python -m selfcheck --list                        # the catalogue's mistakes
    python -m selfcheck --exercise NAME answer.py     # grade a derivation page's exercise

One file is checked in this process; several files, or a folder, are graded by
:mod:`selfcheck.autograde`, each file in a subprocess of its own under ``--time-limit``,
``--memory-limit`` and ``--jobs``. ``--exercise NAME`` grades the function one exercise of
the derivation pages asks for (:mod:`selfcheck.exercises`). ``--json`` gives, for one file, its record (path, status,
the shape it was checked as, one record per check); for several files, the grader's document
(the limits, and one record per file).

The checks (:mod:`selfcheck.checks`) and their cases (``selfcheck/data/``) are part of the
package: NumPy is all it needs. The exit status is 0 when everything checked passes (for
``--catalogue``: when every mistake is caught), 1 when something fails, 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from selfcheck import autograde, catalogue, exercises, report
from selfcheck.mistakes import MISTAKES, by_name
from selfcheck.student import SelfCheckError, implementation_of, load_module

__all__ = ["main"]


def _say(text: str, stream: TextIO | None = None) -> None:
    (stream or sys.stdout).write(text + "\n")


def _student(path: str, as_json: bool) -> int:
    try:
        implementation = implementation_of(load_module(path))
    except SelfCheckError as error:
        _say(f"selfcheck: {error}", sys.stderr)
        return 2
    adapted = implementation["adapted"]
    # The shape found decides the cases (a two-layer shape skips the deeper ones); the
    # conventions check joins when there is a network (selfcheck.autograde.checks_for).
    outcomes = autograde.run_checks(implementation)
    status = 1 if any(o.status == "fail" for o in outcomes) else 0
    if as_json:
        document = {
            "path": path,
            "status": status,
            "checked_as": adapted.shape,
            "notes": list(adapted.notes),
            "checks": report.outcomes_json(outcomes),
        }
        _say(json.dumps(document, indent=2, default=repr))
        return status
    _say(adapted.header())
    names = sorted(n for n in implementation if n not in ("adapted", "conventions"))
    _say(f"selfcheck of {path}: {', '.join(names)}")
    _say(report.format_outcomes(outcomes, show_skipped=False))
    return status


def _mistake(name: str) -> int:
    try:
        mistake = by_name(name)
    except KeyError as error:
        _say(f"selfcheck: {error.args[0]}", sys.stderr)
        return 2
    verdict = catalogue.judge(mistake, hand_tests=False)
    _say(f"selfcheck with the mistake {mistake.name!r} installed in {mistake.target}:")
    _say(report.format_outcomes(verdict.outcomes, show_skipped=False))
    return 1 if verdict.failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m selfcheck",
        description="Run the derivation-generated checks against your own backprop code.",
    )
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument(
        "path",
        nargs="*",
        default=[],
        help="a .py file defining your functions or network; several files or folders: grade "
        "each in a subprocess of its own",
    )
    group.add_argument(
        "--catalogue", action="store_true", help="check every catalogue mistake is caught"
    )
    group.add_argument("--mistake", metavar="NAME", help="show the report for one mistake")
    group.add_argument("--list", action="store_true", help="list the catalogue's mistakes")
    parser.add_argument(
        "--exercise",
        metavar="NAME",
        help="grade the function that exercise NAME of a derivation page asks for, in the one "
        "file given",
    )
    parser.add_argument(
        "--no-hand-tests",
        action="store_true",
        help="with --catalogue: skip the hand-written tests (run in subprocesses)",
    )
    autograde.add_arguments(  # --json, --time-limit, --memory-limit, --jobs
        parser,
        json_help="report as JSON: for one file its record, for several files or a folder "
        "one document with a record per file",
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return 0 if exit_.code == 0 else 2
    if args.exercise is not None:
        if len(args.path) != 1:
            _say(
                f"selfcheck: --exercise {args.exercise} grades one file: give the path of the "
                f".py file that holds your answer (got {len(args.path)} paths)",
                sys.stderr,
            )
            return 2
        return exercises.grade(args.exercise, args.path[0], args.json)
    if args.list:
        for mistake in MISTAKES:
            _say(f"{mistake.name:<38} {mistake.label:<30} {mistake.title}")
        return 0
    if args.catalogue:
        verdicts = catalogue.judge_all(hand_tests=not args.no_hand_tests)
        _say(catalogue.format_table(verdicts))
        return 0 if all(v.caught for v in verdicts) else 1
    if args.mistake:
        return _mistake(args.mistake)
    # One file is checked in this process; several files, or a folder, are graded in one
    # subprocess per file (selfcheck.autograde), under the limits.
    if not args.path:
        parser.print_usage(sys.stderr)
        return 2
    if len(args.path) == 1 and not Path(args.path[0]).is_dir():
        return _student(args.path[0], args.json)
    return autograde.run(args.path, args, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
