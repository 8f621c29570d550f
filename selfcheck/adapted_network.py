"""What every adapter hands the checks: gradients in the protocol's layout, and its errors.

The checks of :mod:`selfcheck.network_checks` read a network's gradients as lists of arrays,
layer 1 first, samples as columns (:class:`Gradients`). Each adapter (the project's protocol,
:mod:`selfcheck.nielsen_adapter`, :mod:`selfcheck.in_place_adapter`) builds those from what
the student's code returns, and :mod:`selfcheck.conventions` rescales them; so the layout and
the stand-in for missing deltas live here, once, below all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["Array", "Factory", "Gradients", "NoDeltas", "NotRecognisedError", "sizes"]

Array = NDArray[np.float64]
#: ``make_network(weights, biases)``: what an adapter gives the checks.
Factory = Callable[[list[Array], list[Array]], Any]


class NotRecognisedError(Exception):
    """A student's network has a shape no adapter knows, or one it cannot build."""


@dataclass(frozen=True)
class Gradients:
    """Gradients in the protocol's layout: lists of arrays, layer 1 first, samples as columns.

    ``original`` is what the student's code returned, handed back to its own ``step``;
    ``batch`` the (X, y) they were computed on.
    """

    weights: list[Any]
    biases: list[Any]
    deltas: Any
    original: Any = None
    batch: tuple[Array, Array] | None = None


class NoDeltas:
    """Stands in for deltas a network does not give; any use says so."""

    def __init__(self, why: str) -> None:
        self.why = why

    def __getitem__(self, index: int) -> Any:
        """Refuse: there are no deltas to give, and `why` says so."""
        raise TypeError(self.why)


def sizes(weights: Sequence[Array]) -> list[int]:
    """Return the layer sizes [n_in, n_1, ..., n_L] of a network with these weight matrices."""
    return [int(weights[0].shape[1]), *(int(w.shape[0]) for w in weights)]
