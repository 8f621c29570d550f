"""Gradients of the loss with respect to the parameters, from the deltas."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["Gradients", "bias_gradient", "weight_gradient"]


def weight_gradient(
    delta: NDArray[np.float64], a_prev: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Return ∂L/∂W⁽ˡ⁾, summed over the samples of the batch.

    Parameters
    ----------
    delta : ndarray of shape (n_out, n_samples)
        δ⁽ˡ⁾ of this layer.
    a_prev : ndarray of shape (n_in, n_samples)
        a⁽ˡ⁻¹⁾, the activations feeding this layer (X for the first layer).

    Returns
    -------
    ndarray of shape (n_out, n_in)

    Notes
    -----
    Implements :eq:`eq-grad-w2` and :eq:`eq-grad-w1`. The matrix product with the
    transposed activations sums the per-sample outer products over the batch.
    """
    return delta @ a_prev.T


def bias_gradient(delta: NDArray[np.float64]) -> NDArray[np.float64]:
    """Return ∂L/∂b⁽ˡ⁾: δ⁽ˡ⁾ summed over the samples (the columns).

    Parameters
    ----------
    delta : ndarray of shape (n_out, n_samples)
        δ⁽ˡ⁾ of this layer.

    Returns
    -------
    ndarray of shape (n_out, 1)

    Notes
    -----
    Implements :eq:`eq-grad-b2` and :eq:`eq-grad-b1`.
    """
    summed: NDArray[np.float64] = delta.sum(axis=1, keepdims=True)
    return summed


@dataclass(frozen=True)
class Gradients:
    """The gradients of L for one batch, layer by layer, and the deltas that gave them.

    Index 0 is layer 1: ``weights[0]`` is ∂L/∂W⁽¹⁾, ``deltas[-1]`` is δ⁽ᴸ⁾.

    Attributes
    ----------
    weights : list of ndarray, shapes (n_out, n_in)
        ∂L/∂W⁽ˡ⁾ for l = 1 … L.
    biases : list of ndarray, shapes (n_out, 1)
        ∂L/∂b⁽ˡ⁾ for l = 1 … L.
    deltas : list of ndarray, shapes (n_out, n_samples)
        δ⁽ˡ⁾ = ∂L/∂z⁽ˡ⁾ for l = 1 … L.
    """

    weights: list[NDArray[np.float64]]
    biases: list[NDArray[np.float64]]
    deltas: list[NDArray[np.float64]]
