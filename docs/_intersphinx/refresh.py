"""Refresh the intersphinx inventories in this folder: the projects' own ``objects.inv`` files.

The site is built with no network, so intersphinx reads the inventories committed here
(``docs/conf.py`` maps them). This script replaces them::

    nox -s intersphinx                      # download each from its project's site
    nox -s intersphinx -- --from numpy=python-numpy-doc_2.2.4+ds-1_all.deb

With no argument it downloads ``<base URL>objects.inv`` of every project in
:data:`PROJECTS`, which needs the network. ``--from KEY=SOURCE`` takes one project's
inventory from a URL, a local ``objects.inv`` or a Debian documentation package (``.deb``,
read with ``dpkg-deb``; ``python3.13-doc``, ``python-numpy-doc`` and ``python-sympy-doc``
ship the inventory Sphinx wrote when Debian built that project's documentation).

Each inventory is checked (Sphinx's version 2 format: four header lines, then zlib data
that decompresses to at least one entry) and written byte for byte as its project made
it: the three together are under 300 kB, so nothing is trimmed. ``sources.json`` records,
for each, the project and version its header names, where it came from and its SHA-256;
``tests/test_docs_sources.py`` checks the files still match that record.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources.json"
HEADER = b"# Sphinx inventory version 2\n"


@dataclass(frozen=True)
class Project:
    """One project the site links to: its documentation's base URL and our file's name."""

    base_url: str
    file: str


#: Keys as in ``intersphinx_mapping``; the base URLs are the ones ``docs/conf.py`` maps.
PROJECTS = {
    "python": Project("https://docs.python.org/3/", "python-objects.inv"),
    "numpy": Project("https://numpy.org/doc/stable/", "numpy-objects.inv"),
    "sympy": Project("https://docs.sympy.org/latest/", "sympy-objects.inv"),
}


@dataclass(frozen=True)
class Inventory:
    """An ``objects.inv`` file's bytes, what its header says, and where it came from."""

    data: bytes
    project: str
    version: str
    entries: int
    source: str


def parse(data: bytes, source: str) -> Inventory:
    """Check ``data`` is a version 2 Sphinx inventory; return it with its header's fields.

    Raises
    ------
    ValueError
        If the header or the compressed body is not what Sphinx writes.
    """
    lines = data.split(b"\n", 4)
    if len(lines) < 5 or not data.startswith(HEADER) or b"zlib" not in lines[3]:
        msg = f"{source}: expected a Sphinx inventory (version 2) header, got {data[:120]!r}"
        raise ValueError(msg)
    fields = {}
    for line in lines[1:3]:
        key, _, value = line.decode("utf-8").removeprefix("# ").partition(": ")
        fields[key] = value
    try:
        body = zlib.decompress(lines[4]).decode("utf-8")
    except (zlib.error, UnicodeDecodeError) as error:
        msg = f"{source}: the body of the inventory does not decompress ({error})"
        raise ValueError(msg) from error
    entries = sum(1 for line in body.splitlines() if line.strip())
    if entries == 0 or "Project" not in fields or "Version" not in fields:
        msg = f"{source}: an inventory with {entries} entries and header {fields}"
        raise ValueError(msg)
    return Inventory(data, fields["Project"], fields["Version"], entries, source)


def _from_deb(path: Path) -> tuple[bytes, str]:
    """Return the one ``html/objects.inv`` a Debian documentation package ships."""
    fields = subprocess.run(
        ["dpkg-deb", "--field", str(path), "Package", "Version"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    package = dict(line.split(": ", 1) for line in fields.splitlines() if ": " in line)
    tree = subprocess.run(
        ["dpkg-deb", "--fsys-tarfile", str(path)], check=True, capture_output=True
    )
    with tarfile.open(fileobj=io.BytesIO(tree.stdout)) as archive:
        members = [m for m in archive.getmembers() if m.name.endswith("/html/objects.inv")]
        if len(members) != 1:
            names = [m.name for m in members]
            msg = f"{path}: expected one html/objects.inv in the package, found {names}"
            raise ValueError(msg)
        extracted = archive.extractfile(members[0])
        if extracted is None:
            msg = f"{path}: {members[0].name} is not a regular file"
            raise ValueError(msg)
        data = extracted.read()
    where = members[0].name.removeprefix("./")
    return data, f"Debian package {package['Package']} {package['Version']}, /{where}"


def fetch(source: str) -> Inventory:
    """Read an inventory from a URL, an ``objects.inv`` file or a ``.deb`` documentation package."""
    if source.startswith(("https://", "http://")):
        with urllib.request.urlopen(source, timeout=60) as response:
            return parse(response.read(), source)
    path = Path(source)
    if not path.is_file():
        msg = f"{source}: expected a URL, an objects.inv file or a .deb package; no such file"
        raise ValueError(msg)
    if path.suffix == ".deb":
        data, where = _from_deb(path)
        return parse(data, where)
    return parse(path.read_bytes(), path.name)


def record(inventories: dict[str, Inventory]) -> str:
    """Return ``sources.json``'s text for these inventories (sorted keys: deterministic)."""
    entries = {
        key: {
            "file": PROJECTS[key].file,
            "base_url": PROJECTS[key].base_url,
            "project": inventory.project,
            "version": inventory.version,
            "entries": inventory.entries,
            "source": inventory.source,
            "sha256": hashlib.sha256(inventory.data).hexdigest(),
        }
        for key, inventory in sorted(inventories.items())
    }
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--from",
        dest="sources",
        action="append",
        default=[],
        metavar="KEY=SOURCE",
        help="take KEY's inventory from SOURCE (URL, objects.inv or .deb); repeatable",
    )
    parser.add_argument(
        "--only", action="store_true", help="refresh only the projects named with --from"
    )
    args = parser.parse_args(argv)
    chosen: dict[str, str] = {}
    for item in args.sources:
        key, sep, source = item.partition("=")
        if not sep or key not in PROJECTS:
            parser.error(
                f"--from expects KEY=SOURCE with KEY one of {sorted(PROJECTS)}; got {item!r}"
            )
        chosen[key] = source
    keys = sorted(chosen) if args.only else sorted(PROJECTS)
    # Read everything first: a failure leaves every committed file as it was.
    fresh = {}
    for key in keys:
        source = chosen.get(key, PROJECTS[key].base_url + "objects.inv")
        fresh[key] = fetch(source)
        print(f"{key}: {fresh[key].project} {fresh[key].version}, {fresh[key].entries} entries")
    previous = json.loads(SOURCES.read_text(encoding="utf-8")) if SOURCES.is_file() else {}
    kept = {
        key: parse((HERE / PROJECTS[key].file).read_bytes(), previous[key]["source"])
        for key in PROJECTS
        if key not in fresh and key in previous
    }
    for key, inventory in fresh.items():
        (HERE / PROJECTS[key].file).write_bytes(inventory.data)
    SOURCES.write_text(record({**kept, **fresh}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
