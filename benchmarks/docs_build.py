"""Time the site's build: cold, no change, and a prose-only edit, on a copy of ``docs/``.

    nox -s bench-docs                      # or: python benchmarks/docs_build.py
    nox -s bench-docs -- --jobs 1          # sphinx-build -j (default: auto, as nox -s docs)
    nox -s bench-docs -- --keep            # leave the copy (and its build) for a look

Each build is the strict build of ``nox -s docs`` (``sphinx-build -n -W --keep-going -b html``)
run with this Python, on a copy: ``docs/`` is copied into a temporary folder (without
``docs/_build``) beside links to the rest of the checkout (``pyproject.toml``, ``backprop/``,
``derivations/``, ...), so the copy builds exactly as the checkout does, and no tracked file
and no build output of the checkout is touched. The three cases:

- **cold**: nothing built yet, no execution cache: every page is executed;
- **no change**: run again at once (median of ``--repeat`` runs);
- **prose edit**: a sentence is appended to one page's prose in the copy and the site
  rebuilt (median of ``--repeat``, a new sentence each time). A prose edit must not
  re-execute the page: jupyter-cache keys on the code cells only.

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
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"cold": 45.0, "no change": 5.0, "prose edit": 8.0}
PROSE_PAGE = Path("tutorial") / "train-xor.md"
PROSE_EDIT = "\n\nSentence {number}, added by benchmarks/docs_build.py to a copy of this page.\n"
#: Entries of the checkout the copy does not link to: the sources it copies, and what no
#: build reads.
NOT_LINKED = frozenset({"docs", ".git", ".nox", ".venv", "mutants"})


def make_copy(parent: Path) -> Path:
    """Copy ``docs/`` (no build output) into ``parent``, beside links to the rest of the checkout.

    Returns the copy's ``docs`` folder. ``docs/conf.py`` and ``docs/_ext`` find the
    repository as the folder above ``docs``, so that folder gets ``pyproject.toml``,
    ``backprop/`` and the rest as symbolic links to the real ones.
    """
    for entry in sorted(ROOT.iterdir()):
        if entry.name not in NOT_LINKED:
            (parent / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    docs = parent / "docs"
    shutil.copytree(
        ROOT / "docs", docs, ignore=shutil.ignore_patterns("_build", ".ipynb_checkpoints")
    )
    return docs


def build(docs: Path, outdir: Path, jobs: str | None, *, strict: bool = True) -> float:
    """Run the strict build of ``docs`` once; return its wall-clock seconds (raise if it fails)."""
    command = [sys.executable, "-m", "sphinx", "-n", "--keep-going", "-b", "html", "-q"]
    if strict:
        command.append("-W")
    if jobs and jobs != "1":
        command += ["-j", jobs]
    command += [str(docs), str(outdir)]
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


def prose_edit(
    docs: Path, outdir: Path, jobs: str | None, page: Path, number: int, *, strict: bool
) -> float:
    """Append a new sentence to ``page`` of the copy ``docs``, then time the rebuild."""
    with (docs / page).open("a", encoding="utf-8") as file:
        file.write(PROSE_EDIT.format(number=number))
    return build(docs, outdir, jobs, strict=strict)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--jobs", default="auto", help="sphinx-build -j (auto, 2, ...; 1: serial); default auto"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each warm case")
    parser.add_argument(
        "--page", type=Path, default=PROSE_PAGE, help="page for the prose edit, under docs/"
    )
    parser.add_argument("--keep", action="store_true", help="leave the copy and its build")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--allow-warnings", action="store_true", help="time the build without -W (pages in flux)"
    )
    args = parser.parse_args()
    if not (ROOT / "docs" / args.page).is_file():
        parser.error(f"--page expects a page under docs/, such as {PROSE_PAGE}; got {args.page}")
    parent = Path(tempfile.mkdtemp(prefix="bench-docs-"))
    try:
        results = measure(parent, args)
    finally:
        if args.keep:
            print(f"copy kept: {parent}")
        else:
            shutil.rmtree(parent, ignore_errors=True)

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
    print(f"\nprose edit page: docs/{args.page}; warm cases: median of {args.repeat}")
    return 1 if missed and args.strict else 0


def measure(parent: Path, args: argparse.Namespace) -> dict[str, float]:
    """Build a copy of the site in ``parent`` cold, then unchanged, then after prose edits."""
    docs = make_copy(parent)
    outdir = docs / "_build" / "html"
    print(f"machine: {os.cpu_count()} CPUs; jobs: {args.jobs}; copy: {docs}")
    if args.allow_warnings:
        print("warnings allowed (-W dropped): timing only, this is not the strict build")
    strict = not args.allow_warnings
    results = {"cold": build(docs, outdir, args.jobs, strict=strict)}
    print(f"  cold build done in {results['cold']:.1f} s")
    build(docs, outdir, args.jobs, strict=strict)  # settle: the first rebuild may write caches
    results["no change"] = statistics.median(
        build(docs, outdir, args.jobs, strict=strict) for _ in range(args.repeat)
    )
    results["prose edit"] = statistics.median(
        prose_edit(docs, outdir, args.jobs, args.page, number, strict=strict)
        for number in range(1, args.repeat + 1)
    )
    return results


if __name__ == "__main__":
    raise SystemExit(main())
