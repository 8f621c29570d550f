"""Gate a mutmut run: fail below the target score or on a survivor nobody has explained.

``mutmut run`` exits 0 even when mutants survive, so ``nox -s mutation`` runs, after it,
``mutmut export-cicd-stats`` (which writes ``mutants/mutmut-cicd-stats.json``) and then::

    python -m selfcheck.mutation_gate

which reads those statistics and the list of surviving mutants (``mutmut results``), and
exits 1 when

* the score, killed / (total − skipped − listed equivalents), is below the target
  (95 % by default), or
* a mutant survived (or no test ran it) without being listed in
  ``tests/mutation-equivalents.md`` with a reason.

A mutant killed by a timeout counts as killed, as in mutmut's own score.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Gate", "equivalents", "evaluate", "main", "survivors"]

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


def survivors(results_text: str) -> dict[str, str]:
    """Parse ``mutmut results`` output into {mutant name: status}, killed ones excluded."""
    found: dict[str, str] = {}
    for line in results_text.splitlines():
        match = _RESULT.match(line)
        if match and match["status"] not in ("killed", "timeout"):
            found[match["name"]] = match["status"]
    return found


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
    """

    killed: int
    total: int
    skipped: int
    equivalent: int
    unexplained: dict[str, str]
    score: float
    raw_score: float
    threshold: float

    @property
    def passed(self) -> bool:
        """Whether the run meets the target with no unexplained survivor."""
        return self.score >= self.threshold and not self.unexplained

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
        lines.append("PASSED" if self.passed else "FAILED")
        return "\n".join(lines)


def evaluate(
    stats: dict[str, int],
    surviving: dict[str, str],
    listed: dict[str, str],
    threshold: float = 95.0,
) -> Gate:
    """Combine mutmut's statistics, its survivors and the equivalents list into a verdict."""
    killed = int(stats.get("killed", 0)) + int(stats.get("timeout", 0))
    total, skipped = int(stats.get("total", 0)), int(stats.get("skipped", 0))
    equivalent = sum(name in listed for name in surviving)
    unexplained = {name: s for name, s in surviving.items() if name not in listed}
    tested = total - skipped
    denominator = tested - equivalent
    score = 100.0 * killed / denominator if denominator > 0 else 0.0
    raw = 100.0 * killed / tested if tested > 0 else 0.0
    return Gate(killed, total, skipped, equivalent, unexplained, score, raw, threshold)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the gate from the command line; return 0 if it passes, 1 if not, 2 if it cannot."""
    parser = argparse.ArgumentParser(prog="python -m selfcheck.mutation_gate")
    parser.add_argument("--stats", type=Path, default=STATS)
    parser.add_argument("--equivalents", type=Path, default=EQUIVALENTS)
    parser.add_argument("--threshold", type=float, default=95.0)
    parser.add_argument(
        "--results", type=Path, help="saved `mutmut results` output (default: run it)"
    )
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
            [sys.executable, "-m", "mutmut", "results"],
            capture_output=True,
            text=True,
            check=True,
        )
        results_text = done.stdout
    gate = evaluate(stats, survivors(results_text), equivalents(args.equivalents), args.threshold)
    sys.stdout.write(gate.report() + "\n")
    return 0 if gate.passed else 1


if __name__ == "__main__":
    sys.exit(main())
