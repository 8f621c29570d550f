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
* the run cannot reach a mistake of the catalogue (:func:`selfcheck.mutation_catalogue.gaps`):
  its code is outside ``backprop/`` or a test that catches it is outside the selection.

Its report ends with a note per piece of code the catalogue's mistakes replace: how many of
its mutants the tests killed (:func:`selfcheck.mutation_catalogue.notes`).

A mutant killed by a timeout counts as killed, as in mutmut's own score.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from selfcheck import mutation_catalogue
from selfcheck.mutation_catalogue import CodeNote

__all__ = ["Gate", "equivalents", "evaluate", "main", "statuses", "survivors"]

STATS = Path("mutants/mutmut-cicd-stats.json")
EQUIVALENTS = Path("tests/mutation-equivalents.md")
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


def statuses(results_text: str) -> dict[str, str]:
    """Parse ``mutmut results`` output into {mutant name: status}."""
    found: dict[str, str] = {}
    for line in results_text.splitlines():
        match = _RESULT.match(line)
        if match:
            found[match["name"]] = match["status"]
    return found


def survivors(results_text: str) -> dict[str, str]:
    """Parse ``mutmut results`` output into {mutant name: status}, killed ones excluded."""
    return {
        name: status
        for name, status in statuses(results_text).items()
        if status not in ("killed", "timeout")
    }


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
    unreached : dict of str to str
        Catalogued mistakes the run cannot test, with why
        (:func:`selfcheck.mutation_catalogue.gaps`).
    notes : tuple of CodeNote
        The mutants of each piece of code the catalogue's mistakes replace.
    """

    killed: int
    total: int
    skipped: int
    equivalent: int
    unexplained: dict[str, str]
    score: float
    raw_score: float
    threshold: float
    unreached: dict[str, str] = field(default_factory=dict)
    notes: tuple[CodeNote, ...] = ()

    @property
    def passed(self) -> bool:
        """Whether the run meets the target, explains every survivor and reaches the catalogue."""
        return self.score >= self.threshold and not self.unexplained and not self.unreached

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
        if self.unreached:
            lines.append(
                f"{len(self.unreached)} mistakes of the catalogue (selfcheck/mistakes.py) are "
                "out of the run's reach:"
            )
            lines += [f"  {name}: {why}" for name, why in sorted(self.unreached.items())]
        if self.notes:
            lines.append("the code the catalogue's mistakes replace:")
            lines += [note.line() for note in self.notes]
        lines.append("PASSED" if self.passed else "FAILED")
        return "\n".join(lines)


def evaluate(
    stats: dict[str, int],
    surviving: dict[str, str],
    listed: dict[str, str],
    threshold: float = 95.0,
    unreached: Mapping[str, str] | None = None,
    notes: Sequence[CodeNote] = (),
) -> Gate:
    """Combine mutmut's statistics, its survivors and the equivalents list into a verdict.

    `unreached` and `notes` are what :func:`selfcheck.mutation_catalogue.gaps` and
    :func:`~selfcheck.mutation_catalogue.notes` return (none when not given).
    """
    killed = int(stats.get("killed", 0)) + int(stats.get("timeout", 0))
    total, skipped = int(stats.get("total", 0)), int(stats.get("skipped", 0))
    equivalent = sum(name in listed for name in surviving)
    unexplained = {name: s for name, s in surviving.items() if name not in listed}
    tested = total - skipped
    denominator = tested - equivalent
    score = 100.0 * killed / denominator if denominator > 0 else 0.0
    raw = 100.0 * killed / tested if tested > 0 else 0.0
    return Gate(
        killed,
        total,
        skipped,
        equivalent,
        unexplained,
        score,
        raw,
        threshold,
        dict(unreached or {}),
        tuple(notes),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the gate from the command line; return 0 if it passes, 1 if not, 2 if it cannot."""
    parser = argparse.ArgumentParser(prog="python -m selfcheck.mutation_gate")
    parser.add_argument("--stats", type=Path, default=STATS)
    parser.add_argument("--equivalents", type=Path, default=EQUIVALENTS)
    parser.add_argument("--threshold", type=float, default=95.0)
    parser.add_argument(
        "--results", type=Path, help="saved `mutmut results --all=true` output (default: run it)"
    )
    parser.add_argument("--pyproject", type=Path, default=mutation_catalogue.PYPROJECT)
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
            # --all lists the killed mutants too: the catalogue's notes count them.
            [sys.executable, "-m", "mutmut", "results", "--all=true"],
            capture_output=True,
            text=True,
            check=True,
        )
        results_text = done.stdout
    unreached = mutation_catalogue.gaps(mutation_catalogue.selected_tests(args.pyproject))
    notes = mutation_catalogue.notes(statuses(results_text))
    listed = equivalents(args.equivalents)
    gate = evaluate(stats, survivors(results_text), listed, args.threshold, unreached, notes)
    sys.stdout.write(gate.report() + "\n")
    return 0 if gate.passed else 1


if __name__ == "__main__":
    sys.exit(main())
