"""The errors δ⁽ˡ⁾ ≡ ∂L/∂z⁽ˡ⁾ that backpropagation passes from the output back to the input."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from backprop import activations

__all__ = ["hidden_delta", "output_delta", "output_delta_cross_entropy"]


def output_delta(a: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    """Return δ⁽ᴸ⁾, the derivative of the loss with respect to the output layer's z.

    Parameters
    ----------
    a : ndarray of shape (n_outputs, n_samples)
        Output activations a⁽ᴸ⁾ = σ(z⁽ᴸ⁾).
    y : ndarray of shape (n_outputs, n_samples)
        Targets.

    Returns
    -------
    ndarray of shape (n_outputs, n_samples)

    Notes
    -----
    Implements :eq:`eq-output-delta`: the output error times σ′ at the output,
    elementwise. σ′ is computed from the activation `a` (:eq:`eq-sigmoid-derivative-output`),
    so this function takes a, never z.
    """
    return (a - y) * activations.sigmoid_derivative(a)


def output_delta_cross_entropy(
    a: NDArray[np.float64], y: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Return δ⁽ᴸ⁾ for the cross-entropy loss: the output error itself, a − y.

    Parameters
    ----------
    a : ndarray of shape (n_outputs, n_samples)
        Output activations a⁽ᴸ⁾ = σ(z⁽ᴸ⁾).
    y : ndarray of shape (n_outputs, n_samples)
        Targets.

    Returns
    -------
    ndarray of shape (n_outputs, n_samples)

    Notes
    -----
    Implements :eq:`eq-output-delta-cross-entropy`. The σ′ factor of
    :eq:`eq-output-delta` cancels against the derivative of the logarithm, so a
    saturated but wrong output still gets a large delta.
    """
    return a - y


def hidden_delta(
    weights_next: NDArray[np.float64],
    delta_next: NDArray[np.float64],
    a: NDArray[np.float64],
) -> NDArray[np.float64]:
    """Return δ⁽ˡ⁾ of a hidden layer from the δ⁽ˡ⁺¹⁾ of the layer after it.

    Parameters
    ----------
    weights_next : ndarray of shape (n_next, n_this)
        W⁽ˡ⁺¹⁾, the weights of the next layer.
    delta_next : ndarray of shape (n_next, n_samples)
        δ⁽ˡ⁺¹⁾.
    a : ndarray of shape (n_this, n_samples)
        This layer's activations a⁽ˡ⁾ = σ(z⁽ˡ⁾).

    Returns
    -------
    ndarray of shape (n_this, n_samples)

    Notes
    -----
    Implements :eq:`eq-hidden-delta`: the next layer's δ carried back through the
    *transposed* weights (a matrix product), then multiplied elementwise by σ′ of this layer.
    """
    return (weights_next.T @ delta_next) * activations.sigmoid_derivative(a)
