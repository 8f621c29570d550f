"""Grade a derivation page's exercise: ``python -m selfcheck --exercise NAME answer.py``.

The exercises whose answer is a function are described in ``selfcheck/data/exercises.json``,
which ``python -m derivations`` writes from ``derivations/exercises.py``: for each stable
name (``tanh-hidden-delta``), the function the student writes (``tanh_hidden_delta``), its
arguments (``W_next, delta_next, a``), the equation label the exercise builds on, and the
cases, with the answers SymPy derived to 50 digits. This module imports the student's file,
calls the function on each case in order and compares what it returns with the derived
answer exactly as every other check does (:func:`selfcheck.failure.compare`); the report
is the self-check's own (:mod:`selfcheck.report`), so are the exit statuses: 0 pass,
1 fail, 2 bad input (an unknown name, a missing file, a missing function).
"""

from __future__ import annotations

import contextlib
import functools
import json
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from selfcheck import report
from selfcheck.cases import DATA, Case
from selfcheck.checks import Check
from selfcheck.failure import compare
from selfcheck.student import SelfCheckError, load_module

__all__ = ["DATA_FILE", "Exercise", "by_name", "check_of", "exercises", "grade", "grade_source"]

#: The generated file that describes the exercises, inside this package's data folder.
DATA_FILE = "exercises.json"


@dataclass(frozen=True)
class Exercise:
    """What the self-check needs to grade one exercise.

    Attributes
    ----------
    name : str
        The stable name (``tanh-hidden-delta``).
    function : str
        The function the student's file must define (``tanh_hidden_delta``).
    arguments : tuple of str
        Its arguments in call order, as the exercise prints them.
    parameters : tuple of str
        The keys of the same arguments in the cases.
    label : str
        The equation label the exercise builds on (the report's "read" link).
    title : str
        What is asked.
    """

    name: str
    function: str
    arguments: tuple[str, ...]
    parameters: tuple[str, ...]
    label: str
    title: str

    @property
    def signature(self) -> str:
        """Return the call the student implements: ``tanh_hidden_delta(W_next, delta_next, a)``."""
        return f"{self.function}({', '.join(self.arguments)})"

    @property
    def cases(self) -> str:
        """Return the name of the collection of cases (:func:`selfcheck.cases.collection`)."""
        return f"exercise-{self.name}"

    def record(self) -> dict[str, Any]:
        """Return the exercise as :data:`DATA_FILE` describes it (every field but the name).

        ``python -m derivations`` writes this record and :meth:`from_record` reads it back,
        so the file's keys are spelled in one place.
        """
        return {
            "function": self.function,
            "arguments": list(self.arguments),
            "parameters": list(self.parameters),
            "label": self.label,
            "title": self.title,
        }

    @classmethod
    def from_record(cls, name: str, record: Mapping[str, Any]) -> Exercise:
        """Return the exercise called `name` that :meth:`record` described as `record`."""
        return cls(
            name,
            record["function"],
            tuple(record["arguments"]),
            tuple(record["parameters"]),
            record["label"],
            record["title"],
        )


@functools.cache
def exercises() -> Mapping[str, Exercise]:
    """Return every exercise of the generated file, by name, in the order of the pages."""
    path = resources.files("selfcheck") / DATA / DATA_FILE
    document = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: Exercise.from_record(name, record) for name, record in document["exercises"].items()
    }


def by_name(name: str) -> Exercise:
    """Return the exercise called `name`.

    Raises
    ------
    KeyError
        If there is none; the message lists the names there are.
    """
    known = exercises()
    if name not in known:
        msg = f"no exercise called {name!r}; the exercises are: {', '.join(known)}"
        raise KeyError(msg)
    return known[name]


def check_of(exercise: Exercise) -> Check:
    """Return the check that grades `exercise`: the student's function against the derived cases."""

    def check_exercise(function: Callable[..., Any], case: Case) -> None:
        got = function(*(case.array(parameter) for parameter in exercise.parameters))
        compare(got, case["expected"], case, case.label, exercise.signature)

    title = f"exercise {exercise.name}"
    return Check(
        exercise.name, title, exercise.label, (exercise.function,), exercise.cases, check_exercise
    )


def _say(text: str, stream: TextIO | None = None) -> None:
    (stream or sys.stdout).write(text + "\n")


def grade(name: str, path: str, as_json: bool = False) -> int:
    """Grade exercise `name` on the file at `path`; print the report and return the exit status.

    Returns
    -------
    int
        0 when the function gives the derived answer on every case, 1 when a case fails
        (the report names it, with what was expected and what came back), 2 when `name`
        is not an exercise, `path` cannot be imported, or it does not define the function.
    """
    try:
        exercise = by_name(name)
    except KeyError as error:
        _say(f"selfcheck: {error.args[0]}", sys.stderr)
        return 2
    try:
        module = load_module(path)
    except SelfCheckError as error:
        _say(f"selfcheck: {error}", sys.stderr)
        return 2
    function = getattr(module, exercise.function, None)
    if not callable(function):
        found = "is not a function" if hasattr(module, exercise.function) else "is not defined"
        _say(
            f"selfcheck: the exercise {exercise.name} looks for a function "
            f"{exercise.signature} in {path}, and {exercise.function} {found} there",
            sys.stderr,
        )
        return 2
    outcome = report.run_check(check_of(exercise), {exercise.function: function})
    status = 1 if outcome.status == "fail" else 0
    if as_json:
        document = {
            "path": path,
            "exercise": exercise.name,
            "function": exercise.signature,
            "status": status,
            "checks": report.outcomes_json([outcome]),
        }
        _say(json.dumps(document, indent=2, default=repr))
        return status
    _say(f"selfcheck of {path}, exercise {exercise.name}: {exercise.signature}, {exercise.title}")
    _say(report.format_outcomes([outcome]))
    return status


def grade_source(name: str, source: str) -> int:
    """Grade exercise `name` on the Python `source` of an answer, as if saved as ``answer.py``.

    The derivation pages run this on the solution they show, so that the implementation a
    solution offers is one that the self-check passes. Prints the report; returns the status.
    """
    # Run from the temporary folder, so that the report names answer.py as a student's would.
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        Path("answer.py").write_text(source, encoding="utf-8")
        return grade(name, "answer.py")
