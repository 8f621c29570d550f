"""The gradient-descent update rule."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["gradient_descent_update"]


def gradient_descent_update(
    parameter: NDArray[np.float64], gradient: NDArray[np.float64], learning_rate: float
) -> NDArray[np.float64]:
    """Return the parameter moved one step against its gradient.

    The input arrays are not modified: a new array is returned.

    Parameters
    ----------
    parameter : ndarray
        θ, a weight matrix or bias vector.
    gradient : ndarray, same shape as `parameter`
        ∂L/∂θ.
    learning_rate : float
        α > 0.

    Returns
    -------
    ndarray, same shape as `parameter`

    Notes
    -----
    Implements :eq:`eq-update-w2`, :eq:`eq-update-b2`, :eq:`eq-update-w1` and
    :eq:`eq-update-b1`.
    """
    return parameter - learning_rate * gradient
