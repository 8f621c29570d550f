"""The subprocess each submission runs in, and the time, memory and output limits it runs under.

A submission's code may loop forever, crash the interpreter, call ``exit()``, allocate without
end or print without end. :func:`run_sandboxed` runs the grader's child
(:mod:`selfcheck.grading_child`) on it in a fresh process group, reads the child's events from
one pipe and the submission's output from another, and kills the whole group when a limit of
:class:`Limits` is passed, saying which (``Run.problem``). This contains mistakes; it is
not a security boundary (see :mod:`selfcheck.autograde`).
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Limits", "Run", "exit_text", "run_sandboxed"]

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


@dataclass
class Run:
    """What one submission's process did, as the grader saw it.

    Attributes
    ----------
    path : str
        The submission.
    events : list of dict
        The child's events, in order (:mod:`selfcheck.grading_child`).
    current : str
        What was running last: the import, a check, or the start of Python.
    problem : str
        Which limit stopped the process, or "" when none did.
    output : bytearray
        The first bytes the submission printed.
    output_bytes : int
        How many bytes it printed in all.
    returncode : int or None
        The process's exit status (negative: the signal that ended it); None when the
        grader killed it at a limit.
    """

    path: str
    events: list[dict[str, Any]] = field(default_factory=list)
    current: str = "starting Python"
    problem: str = ""
    output: bytearray = field(default_factory=bytearray)
    output_bytes: int = 0
    returncode: int | None = None


KEPT_OUTPUT = 2000  # bytes of a submission's output kept in its record


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):  # it may have ended by itself
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _watch(process: subprocess.Popen[bytes], run: Run, limits: Limits) -> None:
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
                    run.output += data[: max(0, KEPT_OUTPUT - len(run.output))]
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


def exit_text(code: int | None) -> str:
    """Say how a process ended: ``exit status N``, or ``killed by SIGNAME``."""
    if code is not None and code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exit status {code}"


def run_sandboxed(path: str | Path, limits: Limits) -> tuple[Run, float]:
    """Run the grader's child on `path` in a process of its own, under `limits`.

    Returns
    -------
    Run, float
        What the process did, and the wall-clock seconds it took.
    """
    run = Run(str(path))
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
    return run, time.monotonic() - started
