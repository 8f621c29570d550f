"""Gate a mutmut run: fail below the target score or on a survivor nobody has explained.

``mutmut run`` exits 0 even when mutants survive, so ``nox -s mutation`` runs, after it,
``mutmut export-cicd-stats`` (which writes ``mutants/mutmut-cicd-stats.json``) and then::

    python -m selfcheck.mutation_gate

which reads those statistics and the list of surviving mutants (``mutmut results``), and
exits 1 when

* the score, killed / (total − skipped − listed equivalents), is below the target
  (95 % by default), or
* a mutant survived (or no test ran it) without being listed in
  ``tests/mutation-equivalents.md`` with a reason, or
* the run missed the code of a mistake in the catalogue (:data:`selfcheck.mistakes.MISTAKES`):
  the catalogue says where people go wrong, so the correct function or
  :class:`~backprop.Network` hook of every mistake must have mutants in the run, and the
  hand-written tests a mistake names (``hand_tests``) must be in the run's test selection
  (``[tool.mutmut] pytest_add_cli_args_test_selection`` in ``pyproject.toml``). Moving a
  function out of ``backprop/`` or a test out of the selection fails the gate instead of
  quietly shrinking what is mutated.

A mutant killed by a timeout counts as killed, as in mutmut's own score.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from selfcheck.mistakes import MISTAKES

__all__ = [
    "Gate",
    "catalogue_gaps",
    "equivalents",
    "evaluate",
    "main",
    "mutant_prefix",
    "selected_tests",
    "survivors",
]

STATS = Path("mutants/mutmut-cicd-stats.json")
EQUIVALENTS = Path("tests/mutation-equivalents.md")
PYPROJECT = Path("pyproject.toml")
#: A listed mutant: a Markdown list item naming it in backticks, then its reason.
_LISTED = re.compile(r"^\s*[-*]\s+`(?P<name>[\w.]+__mutmut_\d+)`\s*[:—-]\s*(?P<reason>\S.*)$")
_RESULT = re.compile(r"^\s*(?P<name>[\w.]+__mutmut_\d+):\s*(?P<status>.+?)\s*$")


def equivalents(path: Path = EQUIVALENTS) -> dict[str, str]:
    """Return the listed equivalent mutants of `path`, each with its one-line reason.

    Raises
    ------
    FileNotFoundError
        If `path` does not exist.
    """
    listed: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _LISTED.match(line)
        if match:
            listed[match["name"]] = match["reason"].strip()
    return listed


def survivors(results_text: str) -> dict[str, str]:
    """Parse ``mutmut results`` output into {mutant name: status}, killed ones excluded."""
    found: dict[str, str] = {}
    for line in results_text.splitlines():
        match = _RESULT.match(line)
        if match and match["status"] not in ("killed", "timeout"):
            found[match["name"]] = match["status"]
    return found


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
    """Return the test paths ``nox -s mutation`` runs, from `path`'s ``[tool.mutmut]``."""
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(config["tool"]["mutmut"]["pytest_add_cli_args_test_selection"])


def catalogue_gaps(mutants: Iterable[str], selection: Sequence[str]) -> dict[str, str]:
    """Return, for each catalogued mistake the mutation run misses, what it misses.

    Parameters
    ----------
    mutants : iterable of str
        The names of every mutant of the run, killed or not (``mutmut results --all=true``).
    selection : sequence of str
        The test files and folders the run selects (:func:`selected_tests`).

    Returns
    -------
    dict of str to str
        Mistake name to a sentence; empty when the run covers the whole catalogue.
    """
    names = tuple(mutants)
    folders = tuple(entry.rstrip("/") + "/" for entry in selection)
    gaps: dict[str, str] = {}
    for mistake in MISTAKES:
        missing = []
        prefix = mutant_prefix(mistake.right)
        if not any(name.startswith(prefix) for name in names):
            missing.append(f"no mutant of {prefix.removesuffix('__mutmut_')}")
        for test in mistake.hand_tests:
            file = test.split("::", 1)[0]
            if file not in selection and not file.startswith(folders):
                missing.append(f"{file} (in hand_tests) is not in the test selection")
        if missing:
            gaps[mistake.name] = "; ".join(missing)
    return gaps


@dataclass(frozen=True)
class Gate:
    """The verdict on one mutation run.

    Attributes
    ----------
    killed, total, skipped : int
        From mutmut's statistics (killed includes timeouts).
    equivalent : int
        Surviving mutants listed as equivalent.
    unexplained : dict of str to str
        Surviving mutants that are not listed, with their status.
    score : float
        killed / (total − skipped − equivalent), in percent.
    raw_score : float
        killed / (total − skipped), in percent, equivalents counted as survivors.
    threshold : float
        The target score in percent.
    uncovered : dict of str to str
        Catalogued mistakes whose code or tests the run missed (:func:`catalogue_gaps`).
    """

    killed: int
    total: int
    skipped: int
    equivalent: int
    unexplained: dict[str, str]
    score: float
    raw_score: float
    threshold: float
    uncovered: dict[str, str] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """Whether the run meets the target, explains every survivor and covers the catalogue."""
        return self.score >= self.threshold and not self.unexplained and not self.uncovered

    def report(self) -> str:
        """Return a few lines for the terminal."""
        lines = [
            (
                f"mutation score: {self.score:.1f} % ({self.killed} killed of "
                f"{self.total - self.skipped - self.equivalent} non-equivalent mutants; "
                f"{self.equivalent} listed as equivalent, {self.skipped} skipped)"
            ),
            f"raw score (equivalents counted as survivors): {self.raw_score:.1f} %",
            f"target: {self.threshold:.1f} %",
        ]
        if self.unexplained:
            lines.append(
                f"{len(self.unexplained)} surviving mutants are neither killed nor listed in "
                f"{EQUIVALENTS} (show one with `mutmut show NAME`):"
            )
            lines += [f"  {name}: {status}" for name, status in sorted(self.unexplained.items())]
        if self.uncovered:
            lines.append(
                f"{len(self.uncovered)} mistakes of the catalogue (selfcheck/mistakes.py) are "
                "not covered by the run:"
            )
            lines += [f"  {name}: {gap}" for name, gap in sorted(self.uncovered.items())]
        else:
            lines.append(f"the run covers all {len(MISTAKES)} mistakes of the catalogue")
        lines.append("PASSED" if self.passed else "FAILED")
        return "\n".join(lines)


def evaluate(
    stats: dict[str, int],
    surviving: dict[str, str],
    listed: dict[str, str],
    threshold: float = 95.0,
    uncovered: Mapping[str, str] | None = None,
) -> Gate:
    """Combine mutmut's statistics, its survivors, the equivalents list and the catalogue's gaps.

    `uncovered` is what :func:`catalogue_gaps` returns (none when not given).
    """
    killed = int(stats.get("killed", 0)) + int(stats.get("timeout", 0))
    total, skipped = int(stats.get("total", 0)), int(stats.get("skipped", 0))
    equivalent = sum(name in listed for name in surviving)
    unexplained = {name: s for name, s in surviving.items() if name not in listed}
    tested = total - skipped
    denominator = tested - equivalent
    score = 100.0 * killed / denominator if denominator > 0 else 0.0
    raw = 100.0 * killed / tested if tested > 0 else 0.0
    gaps = dict(uncovered or {})
    return Gate(killed, total, skipped, equivalent, unexplained, score, raw, threshold, gaps)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the gate from the command line; return 0 if it passes, 1 if not, 2 if it cannot."""
    parser = argparse.ArgumentParser(prog="python -m selfcheck.mutation_gate")
    parser.add_argument("--stats", type=Path, default=STATS)
    parser.add_argument("--equivalents", type=Path, default=EQUIVALENTS)
    parser.add_argument("--threshold", type=float, default=95.0)
    parser.add_argument(
        "--results", type=Path, help="saved `mutmut results --all=true` output (default: run it)"
    )
    parser.add_argument("--pyproject", type=Path, default=PYPROJECT)
    args = parser.parse_args(argv)
    if not args.stats.is_file():
        sys.stderr.write(
            f"no mutation statistics at {args.stats}: run `mutmut run` and then "
            "`mutmut export-cicd-stats` first\n"
        )
        return 2
    stats = json.loads(args.stats.read_text(encoding="utf-8"))
    if args.results is not None:
        results_text = args.results.read_text(encoding="utf-8")
    else:
        done = subprocess.run(
            # --all lists the killed mutants too: the catalogue check needs every name.
            [sys.executable, "-m", "mutmut", "results", "--all=true"],
            capture_output=True,
            text=True,
            check=True,
        )
        results_text = done.stdout
    everything = [
        match["name"] for match in map(_RESULT.match, results_text.splitlines()) if match
    ]
    gaps = catalogue_gaps(everything, selected_tests(args.pyproject))
    listed = equivalents(args.equivalents)
    gate = evaluate(stats, survivors(results_text), listed, args.threshold, gaps)
    sys.stdout.write(gate.report() + "\n")
    return 0 if gate.passed else 1


if __name__ == "__main__":
    sys.exit(main())
