"""The logistic sigmoid and its derivative, in both spellings.

σ′ can be computed from the input z (:func:`sigmoid_prime`) or from the output
a = σ(z) (:func:`sigmoid_derivative`). The names say which argument they expect, because
confusing the two is a common bug in hand-written backpropagation.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["sigmoid", "sigmoid_derivative", "sigmoid_prime"]

#: exp(−z) overflows float64 for z below −log(max float64) ≈ −709.78.
_EXP_OVERFLOWS_BELOW = -float(np.log(np.finfo(np.float64).max))


def sigmoid(z: ArrayLike) -> NDArray[np.float64]:
    """Return the logistic sigmoid of `z`, elementwise.

    Parameters
    ----------
    z : array_like
        Pre-activations, any shape.

    Returns
    -------
    ndarray of float64, same shape as `z`
        Values in [0, 1].

    Notes
    -----
    Implements :eq:`eq-sigmoid`. 1 / (1 + exp(−z)) is accurate to a few units in the last
    place wherever exp(−z) is finite, that is for z above about −709. Below that it would
    overflow, so an array holding such a z is computed in the form that never overflows:
    with e = exp(−|z|) in (0, 1], σ(z) is 1 / (1 + e) for z ≥ 0 and e / (1 + e) for z < 0.
    Every finite float64, ±1e308 included, gives the right value or limit, with full
    relative precision and no warning.

    Examples
    --------
    >>> import backprop as bp
    >>> float(bp.sigmoid(0.0))
    0.5
    >>> bp.sigmoid([-1e308, 1e308]).tolist()
    [0.0, 1.0]
    """
    z = np.asarray(z, dtype=np.float64)
    if z.size == 0 or z.min() >= _EXP_OVERFLOWS_BELOW:  # NaN takes the careful path too
        return 1.0 / (1.0 + np.exp(-z))  # type: ignore[no-any-return]
    e = np.exp(-np.abs(z))
    return np.where(z >= 0.0, 1.0, e) / (1.0 + e)  # type: ignore[no-any-return]


def sigmoid_prime(z: ArrayLike) -> NDArray[np.float64]:
    """Return σ′(z), the derivative of the sigmoid, from its **input** `z`.

    Parameters
    ----------
    z : array_like
        Pre-activations, any shape.

    Returns
    -------
    ndarray of float64, same shape as `z`

    See Also
    --------
    sigmoid_derivative : the same derivative computed from the output a = σ(z).

    Notes
    -----
    Implements :eq:`eq-sigmoid-derivative`.

    Examples
    --------
    >>> import backprop as bp
    >>> float(bp.sigmoid_prime(0.0))
    0.25
    """
    s = sigmoid(z)
    return s * (1.0 - s)


def sigmoid_derivative(a: ArrayLike) -> NDArray[np.float64]:
    """Return σ′ expressed through the sigmoid's **output** `a` = σ(z).

    This is the form backpropagation code uses: the forward pass has already computed
    a, so σ′ costs one subtraction and one multiplication.

    Parameters
    ----------
    a : array_like
        Activations σ(z), values in [0, 1], any shape.

    Returns
    -------
    ndarray of float64, same shape as `a`

    See Also
    --------
    sigmoid_prime : the same derivative computed from the input z.

    Notes
    -----
    Implements :eq:`eq-sigmoid-derivative-output`. Passing z instead of a here gives a
    wrong answer silently; that is why the two spellings have different names.

    Examples
    --------
    >>> import backprop as bp
    >>> float(bp.sigmoid_derivative(0.5))
    0.25
    """
    a = np.asarray(a, dtype=np.float64)
    return a * (1.0 - a)
