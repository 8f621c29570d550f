"""Run every check against every catalogue mistake and tabulate who catches what."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from selfcheck import report
from selfcheck.mistakes import MISTAKES, Mistake
from selfcheck.reference import backprop_implementation

__all__ = ["Verdict", "format_table", "judge", "judge_all"]

#: The checkout the hand-written tests run in.
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Verdict:
    """What the checks made of one mistake.

    Attributes
    ----------
    mistake : Mistake
    outcomes : list of Outcome
        Every check's outcome with the mistake installed.
    hand_tests : dict of str to bool
        Each hand-written test the mistake declares, and whether it failed (caught it).
    """

    mistake: Mistake
    outcomes: list[report.Outcome]
    hand_tests: dict[str, bool]

    @property
    def failed(self) -> list[report.Outcome]:
        """The outcomes of the checks that caught the mistake."""
        return [o for o in self.outcomes if o.status == "fail"]

    @property
    def caught(self) -> bool:
        """Whether any check or hand-written test caught the mistake."""
        return bool(self.failed) or any(self.hand_tests.values())


def run_hand_tests(mistake: Mistake) -> dict[str, bool]:
    """Run the mistake's hand-written tests with it installed; True where a test failed.

    Each runs in a fresh pytest process that installs the mistake through the
    ``selfcheck.pytest_plugin`` plugin, so nothing leaks into this process.

    Raises
    ------
    RuntimeError
        If pytest could not run the tests at all (a wrong node id, an import error).
    """
    results: dict[str, bool] = {}
    for node in mistake.hand_tests:
        command = [
            sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
            "-p", "selfcheck.pytest_plugin", "--no-header", "-o", "log_cli=false", node,
        ]  # fmt: skip
        env = {**os.environ, "SELFCHECK_MISTAKE": mistake.name}
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode not in (0, 1):
            msg = f"pytest could not run {node} (exit {done.returncode}):\n{done.stdout[-2000:]}"
            raise RuntimeError(msg)
        results[node] = done.returncode == 1
    return results


def judge(mistake: Mistake, hand_tests: bool = True) -> Verdict:
    """Install `mistake`, run every check (and its hand-written tests), and return the verdict."""
    with mistake.installed() as network_class:
        outcomes = report.run_checks(backprop_implementation(network_class))
    return Verdict(mistake, outcomes, run_hand_tests(mistake) if hand_tests else {})


def judge_all(hand_tests: bool = True) -> list[Verdict]:
    """Judge every mistake of the catalogue."""
    return [judge(mistake, hand_tests) for mistake in MISTAKES]


def format_table(verdicts: list[Verdict]) -> str:
    """Return a plain-text table: mistake, caught, first check to catch it, hand-written test, label."""
    rows = [("mistake", "caught", "caught by (first check to fail; how many of all fail)",
             "hand-written test", "violates")]  # fmt: skip
    for verdict in verdicts:
        failed = verdict.failed
        matching = [o for o in failed if o.label == verdict.mistake.label]
        first = (matching or failed)[:1]
        by = f"{first[0].check.name} ({len(failed)} of {len(verdict.outcomes)})" if first else "-"
        hand = "; ".join(
            f"{node.rsplit('::', 1)[1][:40]} ({'fails' if bad else 'passes'})"
            for node, bad in verdict.hand_tests.items()
        )
        rows.append((
            verdict.mistake.name,
            "yes" if verdict.caught else "NO",
            by,
            hand or "-",
            verdict.mistake.label,
        ))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]  # fmt: skip
    lines.insert(1, "-+-".join("-" * w for w in widths))
    caught = sum(v.caught for v in verdicts)
    lines.append(
        f"{caught} of {len(verdicts)} mistakes caught ({100 * caught / len(verdicts):.0f} %)"
    )
    return "\n".join(lines)
