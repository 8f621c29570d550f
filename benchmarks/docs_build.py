"""Time the site's build: cold, no change, and a prose-only edit.

    nox -s bench-docs                      # or: python benchmarks/docs_build.py
    nox -s bench-docs -- --jobs auto       # pass -j to sphinx-build
    nox -s bench-docs -- --outdir /tmp/site/html   # leave docs/_build alone

Each build is the strict build of ``nox -s docs`` (``sphinx-build -n -W --keep-going -b html``)
run with this Python. The three cases:

- **cold**: the output folder, the doctrees, the executed notebooks and the jupyter-cache
  are deleted first, so every page is executed;
- **no change**: run again at once (median of ``--repeat`` runs);
- **prose edit**: a sentence is appended to one page's prose, the page rebuilt, and the
  page restored byte for byte afterwards, even if the build fails (median of ``--repeat``).
  A prose edit must not re-execute the page: jupyter-cache keys on the code cells only.

It prints the seconds, the ratio to each target (cold <= 45 s, no change <= 5 s, prose
edit <= 8 s; below 1.00 meets it), and the warm cases as a ratio of the cold build measured
in the same run. ``--strict`` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TARGETS = {"cold": 45.0, "no change": 5.0, "prose edit": 8.0}
PROSE_PAGE = DOCS / "tutorial" / "train-xor.md"
PROSE_EDIT = "\n\nThis sentence was added by benchmarks/docs_build.py and is removed again.\n"


def build(outdir: Path, jobs: str | None, *, strict: bool = True) -> float:
    """Run the strict build once; return its wall-clock seconds (raise if it fails)."""
    command = [sys.executable, "-m", "sphinx", "-n", "--keep-going", "-b", "html", "-q"]
    if strict:
        command.append("-W")
    if jobs:
        command += ["-j", jobs]
    command += [str(DOCS), str(outdir)]
    pythonpath = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(pythonpath)}
    start = time.perf_counter()
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-8000:])
        message = f"sphinx-build failed ({completed.returncode}): {' '.join(command)}"
        raise SystemExit(message)
    return seconds


def clean(outdir: Path) -> None:
    """Remove everything a cold build must not find: output, doctrees, notebooks, cache."""
    for path in (outdir, outdir.parent / ".jupyter_cache", outdir.parent / "jupyter_execute"):
        shutil.rmtree(path, ignore_errors=True)


def prose_edit(outdir: Path, jobs: str | None, page: Path, *, strict: bool) -> float:
    original = page.read_bytes()
    edited = original + PROSE_EDIT.encode()
    try:
        page.write_bytes(edited)
        return build(outdir, jobs, strict=strict)
    finally:
        now = page.read_bytes()
        # Someone else saved the page meanwhile: take out our sentence, keep their change.
        page.write_bytes(original if now == edited else now.replace(PROSE_EDIT.encode(), b""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outdir", type=Path, default=DOCS / "_build" / "html")
    parser.add_argument("--jobs", help="sphinx-build -j (e.g. auto, 2); default: serial")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each warm case")
    parser.add_argument("--page", type=Path, default=PROSE_PAGE, help="page for the prose edit")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--allow-warnings", action="store_true", help="time the build without -W (pages in flux)"
    )
    args = parser.parse_args()
    outdir = args.outdir.resolve()
    page = args.page.resolve()

    print(f"machine: {os.cpu_count()} CPUs; jobs: {args.jobs or 'serial'}; output: {outdir}")
    if args.allow_warnings:
        print("warnings allowed (-W dropped): timing only, this is not the strict build")
    strict = not args.allow_warnings
    clean(outdir)
    results = {"cold": build(outdir, args.jobs, strict=strict)}
    print(f"  cold build done in {results['cold']:.1f} s")
    build(outdir, args.jobs, strict=strict)  # settle: the first rebuild may still write caches
    results["no change"] = statistics.median(
        build(outdir, args.jobs, strict=strict) for _ in range(args.repeat)
    )
    edits = [prose_edit(outdir, args.jobs, page, strict=strict) for _ in range(args.repeat)]
    results["prose edit"] = statistics.median(edits)
    build(outdir, args.jobs, strict=strict)  # leave the output matching the restored page

    print(f"\n{'case':<12}{'seconds':>9}{'target':>8}{'ratio':>7}  {'of cold':>8}")
    missed = []
    for case, seconds in results.items():
        ratio = seconds / TARGETS[case]
        verdict = "ok" if ratio <= 1 else "MISSED"
        if ratio > 1:
            missed.append(case)
        of_cold = seconds / results["cold"]
        print(
            f"{case:<12}{seconds:>9.2f}{TARGETS[case]:>8.0f}{ratio:>7.2f}  {of_cold:>8.2f}  {verdict}"
        )
    print(f"\nprose edit page: {page.relative_to(ROOT)}; warm cases: median of {args.repeat}")
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    raise SystemExit(main())
