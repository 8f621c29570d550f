"""Grade a class: many submissions, each in its own subprocess, under a time and memory limit.

``python -m selfcheck a.py b.py submissions/`` (several files, or folders of ``.py`` files)
runs the self-check on each file in a fresh Python process of its own. The grader reads the
child's results from a pipe of its own, line by line (one JSON object per event), while
whatever the student's code prints goes to a second pipe that the grader drains and caps.
So a submission fails, with a message that says what happened, and the others are graded,
when its code

* loops forever or is too slow: each check (and the import) gets ``time_limit`` seconds of
  wall-clock time, after which the child's whole process group is killed;
* crashes the interpreter (a segfault) or calls ``exit()``: the child ends without saying
  it has finished, and the grader names the check that was running and the exit status;
* allocates too much: the child lowers its own address-space limit (``RLIMIT_AS``, hard and
  soft, so the student's code cannot raise it again) to ``memory_limit`` bytes before it
  imports the submission, and the allocation raises ``MemoryError`` in the check;
* prints without end: past ``output_limit`` bytes of output the child is killed.

This is containment of mistakes, not a security boundary: the code still runs as the user
who grades, with their files and network. Run the grader in a sandbox or a container
(``docs/howto/grade-a-class.md`` shows how).

The exit status is the worst over the files, as for one file: 0 when every check of every
file passes, 1 when a check fails or a submission was stopped, 2 when a file cannot be
checked (missing, not importable, nothing recognised) or the command is misused.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TextIO

from selfcheck.grading_child import child_main
from selfcheck.sandbox import Limits, Run, exit_text, run_sandboxed

# The names below were defined here before the grader was split by concept; they stay
# importable from selfcheck.autograde for the code and pages that import them from here.
from selfcheck.submission_checks import (
    CONVENTIONS_CHECK,
    cases_for,
    checks_for,
    outcome_record,
    run_check,
    run_checks,
)

__all__ = [
    "CONVENTIONS_CHECK",
    "Limits",
    "add_arguments",
    "cases_for",
    "checks_for",
    "format_report",
    "grade",
    "grade_file",
    "main",
    "outcome_record",
    "report_json",
    "run",
    "run_check",
    "run_checks",
    "submissions",
]

#: The limits a submission runs under unless told otherwise (the defaults of :class:`Limits`).
_DEFAULT_LIMITS = Limits()


def _record(run: Run, seconds: float) -> dict[str, Any]:
    loaded = next((e for e in run.events if e["event"] == "loaded"), None)
    unusable = next((e for e in run.events if e["event"] == "unusable"), None)
    checks = [
        {k: v for k, v in e.items() if k != "event"} for e in run.events if e["event"] == "outcome"
    ]
    done = any(e["event"] == "done" for e in run.events)
    problem = run.problem
    if unusable is not None:
        problem = unusable["problem"]
    elif not done and not problem:
        problem = f"the submission ended the grading process ({exit_text(run.returncode)}) during {run.current}"
    counts = {s: sum(c["status"] == s for c in checks) for s in ("pass", "fail", "skip")}
    first = next((c for c in checks if c["status"] == "fail"), None)
    if unusable is not None:
        status, code = "error", 2
    elif problem or first is not None:
        status, code = "fail", 1
    else:
        status, code = "pass", 0
    return {
        "path": run.path,
        "status": status,
        "exit": code,
        "checked_as": loaded["checked_as"] if loaded else "",
        "notes": loaded["notes"] if loaded else [],
        "passed": counts["pass"],
        "failed": counts["fail"],
        "skipped": counts["skip"],
        "problem": problem,
        "first_failure": first,
        "checks": checks,
        "output": run.output.decode("utf-8", errors="replace"),
        "seconds": round(seconds, 3),
    }


def grade_file(path: str | Path, limits: Limits = _DEFAULT_LIMITS) -> dict[str, Any]:
    """Grade one file in a subprocess of its own and return its record.

    Returns
    -------
    dict
        ``path``, ``status`` (``pass``, ``fail`` or ``error``), ``exit`` (0, 1 or 2),
        ``checked_as`` and ``notes`` (the shape and convention found), counts, ``problem``
        (why the submission was stopped, or could not be checked), ``first_failure`` and
        every check's record (check, status, label, case, expected, got, error, read), the
        first 2000 bytes it printed, and the seconds it took.
    """
    return _record(*run_sandboxed(path, limits))


def submissions(paths: Sequence[str | Path]) -> list[Path]:
    """Return the ``.py`` files named by `paths`, folders expanded (sorted, not recursive).

    Raises
    ------
    FileNotFoundError
        If a path does not exist, or a folder holds no ``.py`` file.
    """
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.glob("*.py") if p.is_file())
            if not files:
                msg = f"{str(path)!r} is a folder with no .py file in it: nothing to grade"
                raise FileNotFoundError(msg)
            found.extend(files)
        elif path.is_file():
            found.append(path)
        else:
            msg = f"no file or folder at {str(path)!r}: give .py files or folders of them"
            raise FileNotFoundError(msg)
    return found


def grade(
    paths: Sequence[str | Path],
    limits: Limits = _DEFAULT_LIMITS,
    jobs: int = 2,
) -> list[dict[str, Any]]:
    """Grade every file of `paths` (folders expanded), `jobs` at a time, in order."""
    if jobs < 1:
        msg = f"jobs must be at least 1; got {jobs!r}"
        raise ValueError(msg)
    files = submissions(paths)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(lambda p: grade_file(p, limits), files))


# Reports ------------------------------------------------------------------------------------------


def _lines(record: Mapping[str, Any]) -> Iterator[str]:
    status = record["status"].upper()
    counts = f"{record['passed']} passed, {record['failed']} failed, {record['skipped']} skipped"
    yield f"{status}  {record['path']}  ({counts}; {record['seconds']:.1f} s)"
    if record["checked_as"]:
        yield f"      checked as: {record['checked_as']}"
    if record["problem"]:
        yield f"      problem:  {record['problem']}"
    first = record["first_failure"]
    if first is not None:
        yield f"      first failing check: {first['check']}  {first['label']}"
        yield f"      case:     {first['case']}"
        if first["error"]:
            yield f"      error:    {first['error']}"
        else:
            yield f"      expected: {first['expected']}"
            yield f"      got:      {first['got']}"
        yield f"      read:     {first['read']}"


def format_report(records: Sequence[Mapping[str, Any]]) -> str:
    """Return the text report: a block per file, and a last line counting the files."""
    lines = [line for record in records for line in _lines(record)]
    counts = {s: sum(r["status"] == s for r in records) for s in ("pass", "fail", "error")}
    lines.append(
        f"{len(records)} files: {counts['pass']} passed, {counts['fail']} failed, "
        f"{counts['error']} could not be checked"
    )
    return "\n".join(lines)


def report_json(records: Sequence[Mapping[str, Any]], limits: Limits) -> str:
    """Return the JSON report: the limits, and one record per file."""
    document = {
        "limits": {
            "time_limit_seconds": limits.time_limit,
            "memory_limit_bytes": limits.memory_limit,
            "output_limit_bytes": limits.output_limit,
        },
        "submissions": list(records),
    }
    return json.dumps(document, indent=2, allow_nan=False, default=repr)


def add_arguments(
    parser: argparse.ArgumentParser, json_help: str = "write one JSON report"
) -> None:
    """Add the grader's options (``--json``, the limits, ``--jobs``) to `parser`."""
    defaults = Limits()
    parser.add_argument("--json", action="store_true", help=json_help)
    parser.add_argument(
        "--time-limit",
        type=float,
        default=defaults.time_limit,
        metavar="SECONDS",
        help=f"per check, and for the import (default {defaults.time_limit:g})",
    )
    parser.add_argument(
        "--memory-limit",
        type=int,
        default=defaults.memory_limit // 1024**2,
        metavar="MIB",
        help=f"address space of each submission's process (default {defaults.memory_limit // 1024**2})",
    )
    parser.add_argument(
        "--jobs", type=int, default=2, metavar="N", help="submissions graded at once (default 2)"
    )


def run(paths: Sequence[str], args: argparse.Namespace, stream: TextIO) -> int:
    """Grade `paths` with the options of :func:`add_arguments`; write the report to `stream`."""
    try:
        limits = Limits(args.time_limit, args.memory_limit * 1024**2)
        records = grade(paths, limits, args.jobs)
    except (FileNotFoundError, ValueError) as error:
        sys.stderr.write(f"selfcheck: {error}\n")
        return 2
    stream.write((report_json(records, limits) if args.json else format_report(records)) + "\n")
    return max((r["exit"] for r in records), default=0)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m selfcheck.autograde``: grade files or folders (``--child`` is internal)."""
    parser = argparse.ArgumentParser(
        prog="python -m selfcheck.autograde",
        description="Grade several submissions, each in its own process, under limits.",
    )
    parser.add_argument("paths", nargs="+", help=".py files, or folders of them")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    add_arguments(parser)
    args = parser.parse_args(argv)
    if args.child:
        # Here --memory-limit is in bytes: the grader passes Limits.memory_limit on.
        return child_main(args.paths[0], args.memory_limit)
    return run(args.paths, args, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
