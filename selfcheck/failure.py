"""How a check compares: :func:`compare` and the :class:`CheckFailure` it raises.

The tolerances and why they are what they are: :mod:`selfcheck.checks`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from selfcheck.cases import Case, Tolerance

__all__ = ["CheckFailure", "compare"]


class CheckFailure(AssertionError):
    """A check found the implementation disagreeing with the derivation.

    Attributes
    ----------
    label : str
        The equation label to read (``eq-hidden-delta``).
    case : Case
        The generated case that failed.
    what : str
        The quantity compared (``hidden_delta(W_next, delta_next, a)``, ``dL/dW(1)``).
    expected, got : object
        What the derivation gives and what the code returned.
    tolerance : Tolerance
        The tolerance of the comparison.
    """

    def __init__(
        self, label: str, case: Case, what: str, expected: Any, got: Any, tolerance: Tolerance
    ) -> None:
        self.label, self.case, self.what = label, case, what
        self.expected, self.got, self.tolerance = expected, got, tolerance
        super().__init__(self.message())

    def message(self) -> str:
        """Return the report a student reads: formula, case, expected, got, tolerance."""
        with np.printoptions(precision=17, threshold=50, linewidth=96):
            expected, got = np.asarray(self.expected), np.asarray(self.got)
            return (
                f"{self.label}: {self.what} is wrong for the case {self.case.name} "
                f"({self.case.id})\n"
                f"  expected (derived): {_text(expected)}\n"
                f"  got:                {_text(got)}\n"
                f"  tolerance: rtol={self.tolerance.rtol:g}, atol={self.tolerance.atol:g}; "
                f"read the equation {self.label}"
            )


def _text(value: NDArray[Any]) -> str:
    text = np.array2string(value, separator=", ") if value.ndim else repr(value.item())
    return text.replace("\n", "\n" + " " * 22)


def compare(got: Any, expected: Any, case: Case, label: str, what: str) -> None:
    """Raise :class:`CheckFailure` unless `got` has `expected`'s shape and values.

    Values agree when ``|got − expected| ≤ atol + rtol |expected|`` entry by entry, with the
    case's tolerance (see the module docstring for why).
    """
    tolerance = case.tolerance
    wanted = np.asarray(expected, dtype=np.float64)
    try:
        value = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        raise CheckFailure(label, case, what, wanted, got, tolerance) from None
    if value.shape != wanted.shape or not np.allclose(
        value, wanted, rtol=tolerance.rtol, atol=tolerance.atol, equal_nan=False
    ):
        raise CheckFailure(label, case, what, wanted, value, tolerance)
