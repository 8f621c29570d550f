"""How long does the autograder take on a class? 40 small submissions, against a one-minute target.

Run with ``python benchmarks/autograde.py`` from the repository root (``--jobs N`` to grade N
at once, default 2: this machine's core count). It copies the sample submissions of
``tests/submissions/`` into a temporary folder until there are 40 files, grades the folder
with ``python -m selfcheck`` (one subprocess per file, as an instructor would run it) and
prints the wall-clock time, the time per file, and the verdicts.

The class holds every shape (the site's API, Nielsen's, the in-place W1 b1 W2 b2 class in
rows and in columns), with and without a classic mistake, and the hostile submissions that
end quickly (a crash, ``exit()``, a huge allocation, a print flood). The infinite loop is
left out: by design it costs exactly the time limit, whatever the grader does; it is timed
once on its own, and the line says so. Nothing here asserts: timings belong in benchmarks.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUBMISSIONS = ROOT / "tests" / "submissions"
CLASS_SIZE = 40
TARGET_SECONDS = 60.0
TIME_LIMIT = 10.0  # the grader's default per-check limit


def grade(folder: Path, jobs: int, time_limit: float) -> tuple[float, dict[str, object]]:
    command = [
        sys.executable,
        "-m",
        "selfcheck",
        str(folder),
        "--json",
        "--jobs",
        str(jobs),
        "--time-limit",
        str(time_limit),
    ]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    return seconds, json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="submissions graded at once")
    args = parser.parse_args()
    samples = sorted(p for p in SUBMISSIONS.glob("*.py") if p.name != "hostile_infinite_loop.py")
    with tempfile.TemporaryDirectory(prefix="autograde-bench-") as scratch:
        folder = Path(scratch) / "class"
        folder.mkdir()
        for index, sample in zip(range(CLASS_SIZE), itertools.cycle(samples), strict=False):
            shutil.copy(sample, folder / f"student_{index:02d}_{sample.name}")
        seconds, report = grade(folder, args.jobs, TIME_LIMIT)
        loop = Path(scratch) / "loop"
        loop.mkdir()
        shutil.copy(SUBMISSIONS / "hostile_infinite_loop.py", loop)
        loop_seconds, _ = grade(loop, 1, TIME_LIMIT)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = children.ru_utime + children.ru_stime
    records = report["submissions"]
    assert isinstance(records, list)
    verdicts = Counter(r["status"] for r in records)
    verdict = "within" if seconds <= TARGET_SECONDS else "OVER"
    print(
        f"autograde: {len(records)} submissions in {seconds:.1f} s with --jobs {args.jobs} "
        f"({seconds / len(records):.2f} s per file; target {TARGET_SECONDS:g} s: {verdict})"
    )
    print(f"  verdicts: {dict(sorted(verdicts.items()))}")
    print(
        f"  CPU time of the graders' processes (both runs): {cpu:.1f} s; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (a shared machine is slower)"
    )
    slowest = max(records, key=lambda r: r["seconds"])
    print(f"  slowest file: {Path(slowest['path']).name}, {slowest['seconds']:.1f} s")
    print(
        f"  the infinite loop alone: {loop_seconds:.1f} s "
        f"(the {TIME_LIMIT:g} s limit of its first check, plus starting Python)"
    )


if __name__ == "__main__":
    main()
