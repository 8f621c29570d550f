"""One layer of the forward pass."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from backprop import activations

__all__ = ["forward_layer"]


def forward_layer(
    weights: NDArray[np.float64], biases: NDArray[np.float64], a_prev: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return the pre-activation z and activation a of one layer.

    Parameters
    ----------
    weights : ndarray of shape (n_out, n_in)
        W⁽ˡ⁾.
    biases : ndarray of shape (n_out, 1)
        b⁽ˡ⁾, broadcast over the samples.
    a_prev : ndarray of shape (n_in, n_samples)
        a⁽ˡ⁻¹⁾, the previous layer's activations (the inputs X for the first layer).

    Returns
    -------
    z : ndarray of shape (n_out, n_samples)
    a : ndarray of shape (n_out, n_samples)

    Notes
    -----
    Implements :eq:`eq-forward-hidden` and :eq:`eq-forward-output`: the same rule
    serves every layer.
    """
    z = weights @ a_prev + biases
    return z, activations.sigmoid(z)
