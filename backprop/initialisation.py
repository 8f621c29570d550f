"""The initial weights and biases that a seed stands for.

:class:`~backprop.Network` and :class:`~backprop.Ensemble` both draw their starting
parameters here, so that member ``i`` of ``Ensemble(sizes, count, seed=s)`` starts from
the same numbers as ``Network(sizes, seed=s + i)``.
"""

from __future__ import annotations

import itertools

import numpy as np
from numpy.typing import NDArray

__all__ = ["initial_parameters"]

Array = NDArray[np.float64]


def initial_parameters(
    layer_sizes: tuple[int, ...], seed: int | None
) -> tuple[list[Array], list[Array]]:
    """Draw standard-normal weights and biases, layer by layer, W⁽ˡ⁾ before b⁽ˡ⁾.

    The one place that fixes the order of the draws, so that a seed means the same
    network everywhere (:class:`~backprop.Network` and :class:`~backprop.Ensemble` alike).

    Parameters
    ----------
    layer_sizes : tuple of int
        Units per layer, inputs first, already checked.
    seed : int or None
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    weights, biases : list of ndarray
        W⁽¹⁾ … W⁽ᴸ⁾ of shapes (n_out, n_in) and b⁽¹⁾ … b⁽ᴸ⁾ of shapes (n_out, 1), the
        starting point of the forward pass :eq:`eq-forward-general`.
    """
    rng = np.random.default_rng(seed)
    weights: list[Array] = []
    biases: list[Array] = []
    for n_in, n_out in itertools.pairwise(layer_sizes):
        weights.append(rng.standard_normal((n_out, n_in)))
        biases.append(rng.standard_normal((n_out, 1)))
    return weights, biases
