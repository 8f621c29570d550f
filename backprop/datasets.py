"""Data sets."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["xor"]


def xor() -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return the four XOR samples as columns.

    Returns
    -------
    X : ndarray of shape (2, 4)
        The inputs (0, 0), (0, 1), (1, 0), (1, 1), one per column.
    y : ndarray of shape (1, 4)
        The targets 0, 1, 1, 0.

    Examples
    --------
    >>> import backprop as bp
    >>> X, y = bp.xor()
    >>> X.tolist(), y.tolist()
    ([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]], [[0.0, 1.0, 1.0, 0.0]])
    """
    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    y = np.array([[0.0, 1.0, 1.0, 0.0]])
    return X, y
