"""The loss the network is trained on, and differentiated: half the summed squared error."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["mse"]


def mse(a: ArrayLike, y: ArrayLike) -> float:
    """Return L, half the squared error summed over outputs **and samples**.

    The name follows common usage, but this is a sum, not a mean: the gradients that
    :meth:`backprop.Network.backward` returns are of exactly this quantity, and
    :meth:`backprop.Network.train` records exactly this quantity.

    Parameters
    ----------
    a : array_like of shape (n_outputs, n_samples)
        Output activations.
    y : array_like of shape (n_outputs, n_samples)
        Targets.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If `a` and `y` have different shapes.

    Notes
    -----
    Implements :eq:`eq-loss`.

    Examples
    --------
    >>> import backprop as bp
    >>> bp.mse([[0.5, 1.0]], [[0.0, 1.0]])
    0.125
    """
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if a.shape != y.shape:
        msg = f"a and y must have the same shape, got a {a.shape} and y {y.shape}"
        raise ValueError(msg)
    error = a - y
    return 0.5 * float(np.vdot(error, error))
