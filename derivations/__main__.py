"""Prove every derivation and rewrite what is generated: ``python -m derivations [--check]``.

It also writes the playground's JavaScript, ``docs/_static/playground/network.js``
(:mod:`derivations.javascript`), and the cases of the derivation pages' exercises,
``selfcheck/data/exercises.json`` (:mod:`derivations.exercises`, whose answers are proved
with the rest); ``--check`` checks them the same way.

Prints one line per label (the registry's results, then the brute-force proofs):
the label, ``proved`` or ``FAILED``, and the seconds the proof took. Then it writes
the generated files (the cases in ``selfcheck/data/``, the tests in ``tests/generated/``),
atomically (a temporary file renamed over the old one), and removes stale files the
generator no longer writes from those folders. With ``--check`` nothing is written: the
exit status is 1 if a proof fails or a generated file is missing, stale, or differs from
what would be written (each is named).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from derivations import REGISTRY, brute_force, exercises, javascript
from derivations.generate import DATA, TESTS, GeneratedFile, generate
from derivations.result import Proof

ROOT = Path(__file__).resolve().parent.parent
#: The folders the generator owns, with the pattern of the files it writes there.
GENERATED = ((TESTS, "*.py"), (DATA, "*.json"), (javascript.FOLDER, javascript.NAME))


def _prove_all() -> list[Proof]:
    proofs = [result.prove() for result in REGISTRY.values()]
    proofs += [proof.prove() for proof in brute_force.PROOFS.values()]
    proofs += [exercise.prove() for exercise in exercises.EXERCISES.values()]
    return proofs


def _existing(root: Path) -> list[Path]:
    """Return the generated files and leftover temporary files (not ``__init__.py``)."""
    paths = []
    for folder, pattern in GENERATED:
        paths += [*(root / folder).glob(pattern), *(root / folder).glob(".*.tmp")]
    return sorted(path for path in paths if path.name != "__init__.py")


def _problems(files: list[GeneratedFile], directory: Path) -> list[str]:
    problems = []
    wanted = {directory / generated.name for generated in files}
    for generated in files:
        path = directory / generated.name
        if not path.exists():
            problems.append(f"{path}: missing")
        elif path.read_text(encoding="utf-8") != generated.text:
            problems.append(f"{path}: differs from what `python -m derivations` writes")
    problems += [
        f"{path}: stale, not written by the generator"
        for path in _existing(directory)
        if path not in wanted
    ]
    return problems


def _write(files: list[GeneratedFile], directory: Path) -> None:
    wanted = {directory / generated.name for generated in files}
    for generated in files:
        path = directory / generated.name
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(generated.text)
        Path(temporary).replace(path)
    for path in _existing(directory):
        if path not in wanted:
            path.unlink()


def main(argv: list[str] | None = None) -> int:
    """Run the proofs, then write (or with ``--check`` compare) the generated files."""
    parser = argparse.ArgumentParser(
        prog="python -m derivations", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; fail if anything is stale"
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=ROOT,
        help="the root the generated folders are under (tests/generated, selfcheck/data, the playground)",
    )
    args = parser.parse_args(argv)

    start = time.perf_counter()
    proofs = _prove_all()
    for proof in proofs:
        status = "proved" if proof.proved else "FAILED"
        print(f"{proof.label:<32} {status}  {proof.seconds:7.3f} s")
    failed = [proof.label for proof in proofs if not proof.proved]

    files = sorted(
        [*generate(), *javascript.generate(), *exercises.generate()],
        key=lambda generated: generated.name,
    )
    if args.check:
        problems = _problems(files, args.output)
        for problem in problems:
            print(problem)
        ok = not failed and not problems
        verdict = "up to date" if not problems else "STALE"
        print(f"{len(files)} generated files under {args.output}: {verdict}")
    else:
        _write(files, args.output)
        ok = not failed
        print(f"wrote {len(files)} files under {args.output}")
    if failed:
        print("proofs FAILED: " + ", ".join(failed))
    print(f"total {time.perf_counter() - start:.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
