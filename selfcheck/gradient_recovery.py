"""Gradients read from an in-place update: θ_before − θ_after over a power-of-two rate.

A ``backward(X, y, learning_rate)`` that moves the parameters itself returns no gradients;
:mod:`selfcheck.in_place_adapter` recovers them from the move, and the rounding of that
recovery is bounded here, so that the checks' tolerances can be used on them unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from selfcheck.adapted_network import Array

__all__ = ["ALPHA", "recover_gradients", "recovery_error_bound"]

#: The learning rate of the copy whose move gives the in-place shape's gradients: a power of
#: two, so scaling by it and dividing by it are exact in float64 (see recover_gradients).
ALPHA = 2.0**20

_U = float(np.finfo(np.float64).eps) / 2  # unit roundoff, 2⁻⁵³


def recover_gradients(
    before: Sequence[Array], after: Sequence[Array], alpha: float
) -> list[Array]:
    r"""Return ∂L/∂θ = (θ_before − θ_after) / α for each parameter array.

    Notes
    -----
    An in-place ``backward(X, y, α)`` leaves θ_after = fl(θ − fl(α g)) (``eq-update-*``). With α a
    power of two, α g and the division by α are exact (barring overflow), so the only
    roundings are the subtraction inside the student's update, at most u ``|θ_after|``, and ours,
    at most u ``|θ_before − θ_after|`` (u = 2⁻⁵³). Divided by α, the recovered g̃ satisfies

    .. math::

       |\tilde g - g| \le u \, (|\theta_\text{after}| + |\theta_\text{before} - \theta_\text{after}|) / \alpha
       \le u \, |\theta_\text{before}| / \alpha + 3 u \, |g| + O(u^2),

    (:func:`recovery_error_bound`). With α = 2²⁰ and ``|θ| ≤ 10`` that is below 1e-20 + 3.4e-16
    ``|g|``: far inside the checks' tolerance (relative 1e-12, absolute 1e-15), which is why the
    generated tolerance is used unchanged on recovered gradients.
    """
    return [
        (np.asarray(b, dtype=np.float64) - np.asarray(a, dtype=np.float64)) / alpha
        for b, a in zip(before, after, strict=True)
    ]


def recovery_error_bound(before: Array, after: Array, alpha: float) -> Array:
    """Return the entrywise bound of :func:`recover_gradients`'s rounding error."""
    before, after = np.asarray(before), np.asarray(after)
    return _U * (np.abs(after) + np.abs(before - after)) / alpha * (1 + 4 * _U)
