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
import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from selfcheck import links, report
from selfcheck.adapters import check_conventions
from selfcheck.cases import Case, collection
from selfcheck.checks import CHECKS, Check
from selfcheck.report import Outcome

__all__ = [
    "CONVENTIONS_CHECK",
    "Limits",
    "cases_for",
    "checks_for",
    "grade",
    "grade_file",
    "main",
    "outcome_record",
    "run_check",
    "run_checks",
    "submissions",
]

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Limits:
    """The limits every submission runs under.

    Attributes
    ----------
    time_limit : float
        Seconds of wall-clock time for the import and for each check.
    memory_limit : int
        Bytes of address space of the child process (``RLIMIT_AS``).
    output_limit : int
        Bytes the submission may print (stdout and stderr together).
    startup_limit : float
        Seconds for the grader's own child to start (Python, NumPy and the checks, before
        any of the submission's code runs): generous, since a loaded machine is slow there.
    """

    time_limit: float = 10.0
    memory_limit: int = 2 * 1024**3
    output_limit: int = 1024**2
    startup_limit: float = 120.0

    def __post_init__(self) -> None:
        """Reject limits that cannot be met: what was expected, what was given."""
        if not self.time_limit > 0:
            msg = f"time_limit must be a positive number of seconds; got {self.time_limit!r}"
            raise ValueError(msg)
        if self.memory_limit < 256 * 1024**2:
            msg = (
                "memory_limit must be at least 256 MiB (Python and NumPy need that much "
                f"address space); got {self.memory_limit!r} bytes"
            )
            raise ValueError(msg)
        if not self.startup_limit > 0:
            msg = f"startup_limit must be a positive number of seconds; got {self.startup_limit!r}"
            raise ValueError(msg)
        if self.output_limit < 0:
            msg = f"output_limit must be a number of bytes >= 0; got {self.output_limit!r}"
            raise ValueError(msg)


# What is checked --------------------------------------------------------------------------


#: The check that a student's loss and gradients follow one convention (sum or mean): a check
#: of :mod:`selfcheck.checks`' kind, run on one generated network case.
CONVENTIONS_CHECK = Check(
    "conventions",
    "Network: one convention (sum or mean)",
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


# The child: one submission ------------------------------------------------------------------


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


def _child_main(path: str, memory_limit: int) -> int:
    # Keep fd 1 for the results; whatever the submission prints goes to fd 2, which the
    # grader drains and caps, so no print can be mistaken for a result.
    results = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = os.fdopen(1, "w", encoding="utf-8", errors="replace", closefd=False)
    try:
        return _child(path, memory_limit, results)
    finally:
        results.close()


# The grader -------------------------------------------------------------------------------------


@dataclass
class _Run:
    path: str
    events: list[dict[str, Any]] = field(default_factory=list)
    current: str = "starting Python"
    problem: str = ""
    output: bytearray = field(default_factory=bytearray)
    output_bytes: int = 0
    returncode: int | None = None


_KEPT_OUTPUT = 2000  # bytes of a submission's output kept in its record


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):  # it may have ended by itself
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _watch(process: subprocess.Popen[bytes], run: _Run, limits: Limits) -> None:
    assert process.stdout is not None  # both pipes were asked for
    assert process.stderr is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ, "results")
    selector.register(process.stderr, selectors.EVENT_READ, "output")
    pending = b""
    deadline = time.monotonic() + limits.startup_limit
    try:
        while selector.get_map():
            left = deadline - time.monotonic()
            if left <= 0:
                limit = limits.startup_limit if not run.events else limits.time_limit
                run.problem = f"{run.current} did not finish within {limit:g} s"
                _kill(process)
                return
            for key, _ in selector.select(left):
                data = os.read(key.fd, 65536)
                if not data:
                    selector.unregister(key.fileobj)
                    continue
                if key.data == "output":
                    run.output_bytes += len(data)
                    run.output += data[: max(0, _KEPT_OUTPUT - len(run.output))]
                    if run.output_bytes > limits.output_limit:
                        run.problem = (
                            f"{run.current}: printed more than {limits.output_limit} bytes "
                            "(the output limit)"
                        )
                        _kill(process)
                        return
                    continue
                pending += data
                *lines, pending = pending.split(b"\n")
                for line in lines:
                    event = json.loads(line)
                    run.events.append(event)
                    if event["event"] == "start":
                        run.current = f"check {event['check']!r}"
                        if event["check"] == "importing the file":
                            run.current = "importing the file"
                        deadline = time.monotonic() + limits.time_limit
    finally:
        selector.close()
    run.returncode = process.wait()


def _exit_text(code: int | None) -> str:
    if code is not None and code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exit status {code}"


def _record(run: _Run, seconds: float) -> dict[str, Any]:
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
        problem = f"the submission ended the grading process ({_exit_text(run.returncode)}) during {run.current}"
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


def grade_file(path: str | Path, limits: Limits = Limits()) -> dict[str, Any]:
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
    run = _Run(str(path))
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        # One BLAS thread: a child needs no more, and fewer threads reserve less memory.
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    command = [
        sys.executable,
        "-m",
        "selfcheck.autograde",
        "--child",
        str(Path(path).resolve()),
        "--memory-limit",
        str(limits.memory_limit),
    ]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="selfcheck-") as scratch:
        process = subprocess.Popen(  # our own interpreter and module
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=scratch,  # files the submission writes land in a folder removed afterwards
            env=environment,
            start_new_session=True,  # a process group of its own, killed whole
        )
        try:
            _watch(process, run, limits)
        finally:
            if process.poll() is None:
                _kill(process)
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()
    return _record(run, time.monotonic() - started)


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
    limits: Limits = Limits(),
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
        return _child_main(args.paths[0], args.memory_limit)
    return run(args.paths, args, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
