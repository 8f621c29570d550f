"""The losses a network is trained on, and differentiated.

The default is half the summed squared error (:func:`squared_error`, also known by its
older name :func:`mse`); :func:`cross_entropy` is the alternative for sigmoid outputs. Both
are sums over outputs and samples, never means.

A network holds its loss as one :class:`Loss` object (its name, its value and its output
delta together), looked up once by name in :data:`LOSSES`: nothing downstream tests the
name again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
from numpy.typing import ArrayLike, NDArray

from backprop import deltas

__all__ = [
    "CROSS_ENTROPY",
    "LOSSES",
    "SQUARED_ERROR",
    "Loss",
    "cross_entropy",
    "mse",
    "squared_error",
]

Array = NDArray[np.float64]


def squared_error(a: ArrayLike, y: ArrayLike) -> float:
    """Return L, half the squared error summed over outputs **and samples**.

    This is a sum, not a mean, although the quantity is often called the mean squared
    error (hence the alias :func:`mse`): the gradients that
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
    Implements :eq:`eq-loss`, L = ½ Σ (a − y)².

    Examples
    --------
    >>> import backprop as bp
    >>> bp.squared_error([[0.5, 1.0]], [[0.0, 1.0]])
    0.125
    """
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if a.shape != y.shape:
        msg = f"a and y must have the same shape, got a {a.shape} and y {y.shape}"
        raise ValueError(msg)
    error = a - y
    return 0.5 * float(np.vdot(error, error))


#: The older name of :func:`squared_error`, kept so that existing code runs: the same
#: function object, so ``bp.mse is bp.squared_error``. It is a sum, not a mean.
mse = squared_error


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


@dataclass(frozen=True)
class Loss:
    """One loss a network can be trained on: its name, its value and its output delta.

    The two instances are :data:`SQUARED_ERROR` and :data:`CROSS_ENTROPY`; a network
    looks its loss up once, by name, in :data:`LOSSES`.

    Attributes
    ----------
    name : str
        The name given as ``Network(..., loss=name)`` and stored in weights files.
    value : callable
        ``value(z, a, y)`` returns L as a float from the output layer's z⁽ᴸ⁾, a⁽ᴸ⁾ = σ(z⁽ᴸ⁾)
        and the targets y, all of shape (n_outputs, n_samples). Each loss reads the one it
        is exact in: the squared error reads a, the cross-entropy reads z.
    output_delta : callable
        ``output_delta(a, y)`` returns δ⁽ᴸ⁾ = ∂L/∂z⁽ᴸ⁾ from a⁽ᴸ⁾ and y.
    targets_in_unit_interval : bool
        Whether the loss is defined only for targets in [0, 1].
    title : str
        How messages name the loss, e.g. ``"the cross-entropy"``.
    """

    name: str
    value: Callable[[Array, Array, Array], float] = field(repr=False)
    output_delta: Callable[[Array, Array], Array] = field(repr=False)
    targets_in_unit_interval: bool
    title: str = field(repr=False)


# Each formula is looked up by its module-level name when called, never bound once here, so
# that a formula swapped into its module is the one every network uses: the mistake catalogue
# of selfcheck installs its wrong formulas that way (the squared error under its alias mse).


def _squared_error_value(_z: Array, a: Array, y: Array) -> float:
    return mse(a, y)


def _squared_error_output_delta(a: Array, y: Array) -> Array:
    return deltas.output_delta(a, y)


def _cross_entropy_value(z: Array, _a: Array, y: Array) -> float:
    return cross_entropy(z, y)


def _cross_entropy_output_delta(a: Array, y: Array) -> Array:
    return deltas.output_delta_cross_entropy(a, y)


#: L = ½ Σ (a − y)² (:eq:`eq-loss`) with δ⁽ᴸ⁾ from :eq:`eq-output-delta`; the default.
SQUARED_ERROR = Loss(
    name="squared_error",
    value=_squared_error_value,
    output_delta=_squared_error_output_delta,
    targets_in_unit_interval=False,
    title="the squared error",
)

#: The cross-entropy (:eq:`eq-cross-entropy`) with δ⁽ᴸ⁾ = a − y
#: (:eq:`eq-output-delta-cross-entropy`).
CROSS_ENTROPY = Loss(
    name="cross_entropy",
    value=_cross_entropy_value,
    output_delta=_cross_entropy_output_delta,
    targets_in_unit_interval=True,
    title="the cross-entropy",
)

#: Every loss by name, the default first (read-only).
LOSSES: Mapping[str, Loss] = MappingProxyType(
    {loss.name: loss for loss in (SQUARED_ERROR, CROSS_ENTROPY)}
)
