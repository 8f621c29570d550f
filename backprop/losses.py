"""The losses a network is trained on, and differentiated.

The default is half the summed squared error (:func:`mse`); :func:`cross_entropy` is the
alternative for sigmoid outputs. Both are sums over outputs and samples, never means.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["LOSSES", "cross_entropy", "mse"]

#: The losses a :class:`~backprop.Network` can be trained on; the first is the default.
LOSSES = ("squared_error", "cross_entropy")


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


def cross_entropy(z: ArrayLike, y: ArrayLike) -> float:
    """Return the cross-entropy L of sigmoid outputs, summed over outputs and samples.

    Takes the output layer's **pre-activation** z, not the activation a = σ(z): once an
    output saturates, a rounds to exactly 0 or 1 in float64 and log a or log(1 − a) is
    −∞, while the loss itself is finite. From z it is computed exactly, as
    y·softplus(−z) + (1 − y)·softplus(z) with softplus(x) = log(1 + eˣ) evaluated by
    ``numpy.logaddexp``, which never overflows.

    Parameters
    ----------
    z : array_like of shape (n_outputs, n_samples)
        Output pre-activations z⁽ᴸ⁾.
    y : array_like of shape (n_outputs, n_samples)
        Targets in [0, 1].

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If `z` and `y` have different shapes.

    Notes
    -----
    Implements :eq:`eq-cross-entropy`.

    Examples
    --------
    >>> import backprop as bp
    >>> round(bp.cross_entropy([[0.0]], [[1.0]]), 12)  # log 2: a = 0.5 for a target of 1
    0.69314718056
    >>> bp.cross_entropy([[800.0]], [[0.0]])  # a = σ(800) is 1.0 in float64; L is not inf
    800.0
    """
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if z.shape != y.shape:
        msg = f"z and y must have the same shape, got z {z.shape} and y {y.shape}"
        raise ValueError(msg)
    return float(np.sum(y * np.logaddexp(0.0, -z) + (1.0 - y) * np.logaddexp(0.0, z)))
