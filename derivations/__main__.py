"""Prove every derivation and rewrite ``tests/generated/``: ``python -m derivations [--check]``.

It also writes the playground's JavaScript, ``docs/_static/playground/network.js``
(:mod:`derivations.javascript`), and ``--check`` checks it the same way.

Prints one line per label (the registry's results, then the brute-force proofs):
the label, ``proved`` or ``FAILED``, and the seconds the proof took. Then it writes
the generated test modules, atomically (a temporary file renamed over the old
one), and removes stale ``test_*.py`` files the generator no longer writes. With
``--check`` nothing is written: the exit status is 1 if a proof fails or a
generated file is missing, stale, or differs from what would be written (each is
named).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from derivations import REGISTRY, brute_force, javascript
from derivations.generate import GeneratedFile, generate
from derivations.result import Proof

GENERATED = Path(__file__).resolve().parent.parent / "tests" / "generated"


def _prove_all() -> list[Proof]:
    proofs = [result.prove() for result in REGISTRY.values()]
    proofs += [proof.prove() for proof in brute_force.PROOFS.values()]
    return proofs


def _existing(directory: Path) -> list[Path]:
    """Return the generated modules and leftover temporary files (not ``__init__.py``)."""
    paths = [*directory.glob("*.py"), *directory.glob(".*.tmp")]
    return sorted(path for path in paths if path.name != "__init__.py")


def _problems(files: list[GeneratedFile], directory: Path) -> list[str]:
    problems = []
    wanted = {generated.name for generated in files}
    for generated in files:
        path = directory / generated.name
        if not path.exists():
            problems.append(f"{path}: missing")
        elif path.read_text(encoding="utf-8") != generated.text:
            problems.append(f"{path}: differs from what `python -m derivations` writes")
    problems += [
        f"{path}: stale, not written by the generator"
        for path in _existing(directory)
        if path.name not in wanted
    ]
    return problems


def _write(files: list[GeneratedFile], directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    wanted = {generated.name for generated in files}
    for generated in files:
        fd, temporary = tempfile.mkstemp(
            dir=directory, prefix=f".{generated.name}.", suffix=".tmp"
        )
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(generated.text)
        Path(temporary).replace(directory / generated.name)
    for path in _existing(directory):
        if path.name not in wanted:
            path.unlink()


def main(argv: list[str] | None = None) -> int:
    """Run the proofs, then write (or with ``--check`` compare) ``tests/generated/``."""
    parser = argparse.ArgumentParser(
        prog="python -m derivations", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; fail if anything is stale"
    )
    parser.add_argument(
        "--output", type=Path, default=GENERATED, help="directory of the generated tests"
    )
    args = parser.parse_args(argv)

    start = time.perf_counter()
    proofs = _prove_all()
    for proof in proofs:
        status = "proved" if proof.proved else "FAILED"
        print(f"{proof.label:<32} {status}  {proof.seconds:7.3f} s")
    failed = [proof.label for proof in proofs if not proof.proved]

    ok = not failed
    # The generated tests, then the playground's script: each list goes to its own folder.
    for files, directory in (
        (generate(), args.output),
        (javascript.generate(), javascript.OUTPUT),
    ):
        if args.check:
            problems = _problems(files, directory)
            for problem in problems:
                print(problem)
            ok = ok and not problems
            verdict = "up to date" if not problems else "STALE"
            print(f"{len(files)} generated files in {directory}: {verdict}")
        else:
            _write(files, directory)
            print(f"wrote {len(files)} files to {directory}")
    if failed:
        print("proofs FAILED: " + ", ".join(failed))
    print(f"total {time.perf_counter() - start:.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
