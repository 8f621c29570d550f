"""The generated cases, as data: what every check of :mod:`selfcheck.checks` runs on.

``python -m derivations`` writes ``selfcheck/data/*.json`` (never edit them): one file per
topic, each mapping a collection name (``hidden_delta``, ``networks``, ...) to its cases.
Each case holds its inputs and the expected values that SymPy derived to 50 digits, as
float64 numbers in JSON (written with ``repr``, the shortest form that reads back to the
same float). Loading needs only the standard library and NumPy: no SymPy, no checkout; the
files ship inside the ``selfcheck`` package.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["ATOL", "RTOL", "Case", "Tolerance", "collection", "collections"]

#: Relative and absolute tolerance of every comparison; :mod:`selfcheck.checks` says why.
RTOL = 1e-12
ATOL = 1e-15

#: The folder of the generated JSON files, inside this package.
DATA = "data"


@dataclass(frozen=True)
class Tolerance:
    """``|got − expected| ≤ atol + rtol |expected|``, entry by entry."""

    rtol: float = RTOL
    atol: float = ATOL


@dataclass(frozen=True)
class Case(Mapping[str, Any]):
    """One generated case: a mapping from names to inputs and expected values.

    Attributes
    ----------
    id : str
        Short and unique within its collection: ``3x3-m3`` (shapes and batch size) or
        ``3-4-2-m2`` (a network's layer sizes and batch size).
    name : str
        A readable description (``W_next 3x3, batch 3``).
    label : str
        The result whose closed form (or the composed loss) gave the expected values.
    data : mapping
        Inputs and expected values: numbers and nested lists of numbers.
    tolerance : Tolerance
        Of every comparison on this case.
    """

    id: str
    name: str
    label: str
    data: Mapping[str, Any] = field(repr=False)
    tolerance: Tolerance = Tolerance()

    def __getitem__(self, key: str) -> Any:
        """Return the value called `key`, as stored (numbers and nested lists)."""
        return self.data[key]

    def __iter__(self) -> Iterator[str]:
        """Iterate over the names of the values."""
        return iter(self.data)

    def __len__(self) -> int:
        """Return how many values the case has."""
        return len(self.data)

    def array(self, key: str) -> NDArray[np.float64]:
        """Return the value called `key` as a new float64 array."""
        return np.array(self.data[key], dtype=np.float64)

    def arrays(self, key: str) -> list[NDArray[np.float64]]:
        """Return the list of arrays called `key` (``weights``: W⁽¹⁾ … W⁽ᴸ⁾), each new."""
        return [np.array(entry, dtype=np.float64) for entry in self.data[key]]

    def number(self, key: str) -> float:
        """Return the scalar called `key` as a float."""
        return float(self.data[key])

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> Case:
        """Build a case from one record of a generated file."""
        tolerance = Tolerance(record.get("rtol", RTOL), record.get("atol", ATOL))
        return cls(record["id"], record["name"], record["label"], record["values"], tolerance)


@functools.cache
def collections() -> Mapping[str, tuple[Case, ...]]:
    """Return every collection of every generated file, read once per process.

    Raises
    ------
    RuntimeError
        If a collection name appears in two files (the generator never writes that).
    """
    found: dict[str, tuple[Case, ...]] = {}
    folder = resources.files("selfcheck") / DATA
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if not entry.name.endswith(".json"):
            continue
        document = json.loads(entry.read_text(encoding="utf-8"))
        for name, records in document["collections"].items():
            if name in found:
                msg = f"the collection {name!r} appears twice in {folder}"
                raise RuntimeError(msg)
            found[name] = tuple(Case.from_json(record) for record in records)
    return found


def collection(name: str) -> tuple[Case, ...]:
    """Return the cases of the collection called `name` (``hidden_delta``, ``networks``, ...).

    Raises
    ------
    KeyError
        If there is no such collection; the message lists those there are.
    """
    every = collections()
    if name not in every:
        msg = f"no generated cases called {name!r}; there are: {', '.join(every)}"
        raise KeyError(msg)
    return every[name]
