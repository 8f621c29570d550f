"""What a mutation run did to the code the catalogue of mistakes says people get wrong.

The catalogue (:data:`selfcheck.mistakes.MISTAKES`) names, for every mistake, the correct
``backprop`` function or :class:`~backprop.Network` hook it replaces (``right``) and the
hand-written tests that catch it (``hand_tests``). The mutation gate
(:mod:`selfcheck.mutation_gate`) reads it through this module, for two things:

* a **gap** fails the gate: a mistake's code that is not in ``backprop/`` (so mutmut never
  mutates it), or a hand test outside the run's test selection (``[tool.mutmut]
  pytest_add_cli_args_test_selection`` in ``pyproject.toml``). Moving either out quietly
  shrinks what the run tests, so it is refused instead;
* a **note** per piece of code, in the gate's report: how many of its mutants were killed,
  and which mistakes break it. Code with no mutant at all (``weight_gradient`` is
  ``delta @ a.T``, which mutmut has no operator for) is said to have none, not counted as a
  gap: the catalogue's own checks still catch its mistakes (``python -m selfcheck
  --catalogue``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from selfcheck.mistakes import MISTAKES

__all__ = [
    "MUTATED_PACKAGE",
    "PYPROJECT",
    "CodeNote",
    "gaps",
    "mutant_prefix",
    "notes",
    "selected_tests",
]

PYPROJECT = Path("pyproject.toml")
#: The package mutmut mutates (``[tool.mutmut] source_paths``).
MUTATED_PACKAGE = "backprop"


def mutant_prefix(function: Callable[..., object]) -> str:
    """Return the start of mutmut's names for the mutants of `function`.

    mutmut 3 names the mutants of a function ``f`` of module ``m`` ``m.x_f__mutmut_N``, and
    those of a method ``C.f`` ``m.xǁCǁf__mutmut_N``.

    Raises
    ------
    ValueError
        If `function` is nested deeper than a method of a module-level class.
    """
    *owners, name = function.__qualname__.split(".")
    if len(owners) > 1 or "<locals>" in owners:
        msg = (
            f"expected a function or a method of a module-level class, got {function.__qualname__}"
        )
        raise ValueError(msg)
    mangled = f"xǁ{owners[0]}ǁ{name}" if owners else f"x_{name}"
    return f"{function.__module__}.{mangled}__mutmut_"


def selected_tests(path: Path = PYPROJECT) -> tuple[str, ...]:
    """Return the test files and folders ``nox -s mutation`` runs, from `path`'s ``[tool.mutmut]``."""
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(config["tool"]["mutmut"]["pytest_add_cli_args_test_selection"])


def _code(function: Callable[..., object]) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def gaps(selection: Sequence[str]) -> dict[str, str]:
    """Return, for each catalogued mistake the run cannot test, what is out of its reach.

    Parameters
    ----------
    selection : sequence of str
        The test files and folders the run selects (:func:`selected_tests`).

    Returns
    -------
    dict of str to str
        Mistake name to a sentence; empty when the run reaches the whole catalogue.
    """
    folders = tuple(entry.rstrip("/") + "/" for entry in selection)
    found: dict[str, str] = {}
    for mistake in MISTAKES:
        missing = []
        module = mistake.right.__module__
        if module != MUTATED_PACKAGE and not module.startswith(MUTATED_PACKAGE + "."):
            missing.append(f"{_code(mistake.right)} is outside {MUTATED_PACKAGE}/")
        for test in mistake.hand_tests:
            file = test.split("::", 1)[0]
            if file not in selection and not file.startswith(folders):
                missing.append(f"{file} (in hand_tests) is not in the test selection")
        if missing:
            found[mistake.name] = "; ".join(missing)
    return found


@dataclass(frozen=True)
class CodeNote:
    """What the run did to one piece of code that catalogued mistakes replace.

    Attributes
    ----------
    code : str
        The function or method, dotted (``backprop.deltas.output_delta``).
    mistakes : tuple of str
        The catalogued mistakes that replace it.
    killed : int
        Its mutants that a test killed (timeouts included, as in the score).
    total : int
        All its mutants in the run.
    """

    code: str
    mistakes: tuple[str, ...]
    killed: int
    total: int

    def line(self) -> str:
        """Return the note as one line of the gate's report."""
        ran = (
            f"{self.killed} of {self.total} mutants killed"
            if self.total
            else "no mutants (mutmut has no mutation for its body)"
        )
        return f"  {self.code}: {ran}; mistakes: {', '.join(self.mistakes)}"


def notes(statuses: Mapping[str, str]) -> list[CodeNote]:
    """Return a note for every piece of code the catalogue's mistakes replace, in its order.

    Parameters
    ----------
    statuses : mapping of str to str
        Every mutant of the run, killed or not, to its status (``mutmut results --all=true``).
    """
    by_code: dict[str, tuple[str, list[str]]] = {}
    for mistake in MISTAKES:
        code = _code(mistake.right)
        by_code.setdefault(code, (mutant_prefix(mistake.right), []))[1].append(mistake.name)
    found = []
    for code, (prefix, names) in by_code.items():
        mine = [status for name, status in statuses.items() if name.startswith(prefix)]
        killed = sum(status in ("killed", "timeout") for status in mine)
        found.append(CodeNote(code, tuple(names), killed, len(mine)))
    return found
