r"""Concrete network instances: matrix symbols for every quantity, and the scalar definitions.

:func:`symbols` names every matrix of a network with given layer sizes and batch
size ``m`` the way the docs write them (``W^{(2)}``, ``a^{(1)}``, ``\\delta^{(2)}``).
:func:`neuron_layer` and :func:`loss` are the *definitions* written one scalar at a
time: neuron ``j`` of sample ``i`` computes ``σ(Σ_k W_jk a_ki + b_j)`` and the loss
is half the sum of squared errors over outputs and samples. Derivations
differentiate these scalar definitions; closed forms are matrix expressions; the
proofs show the two agree entry by entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from derivations.notation import matrix, sigma

__all__ = ["NetworkSymbols", "entries", "loss", "neuron_layer", "symbols"]


@dataclass(frozen=True)
class NetworkSymbols:
    """Matrix symbols of a network; lists are indexed by layer, entry 0 unused for W, b, z, δ."""

    sizes: tuple[int, ...]
    m: int
    a: tuple[Any, ...]
    z: tuple[Any, ...]
    w: tuple[Any, ...]
    b: tuple[Any, ...]
    delta: tuple[Any, ...]
    y: Any
    alpha: Any


def symbols(sizes: tuple[int, ...] = (2, 2, 1), m: int = 3) -> NetworkSymbols:
    """Return the matrix symbols of a network with these layer sizes and ``m`` samples."""
    layers = range(len(sizes))
    a = tuple(matrix("X" if l == 0 else f"a^{{({l})}}", sizes[l], m) for l in layers)
    z = tuple(None if l == 0 else matrix(f"z^{{({l})}}", sizes[l], m) for l in layers)
    w = tuple(None if l == 0 else matrix(f"W^{{({l})}}", sizes[l], sizes[l - 1]) for l in layers)
    b = tuple(None if l == 0 else matrix(f"b^{{({l})}}", sizes[l], 1) for l in layers)
    delta = tuple(None if l == 0 else matrix(rf"\delta^{{({l})}}", sizes[l], m) for l in layers)
    return NetworkSymbols(
        sizes, m, a, z, w, b, delta, matrix("y", sizes[-1], m), sp.Symbol(r"\alpha")
    )


def entries(symbol: Any) -> Any:
    """Return the explicit matrix of a matrix symbol's entries."""
    return sp.ImmutableMatrix(symbol.as_explicit())


def neuron_layer(w: Any, b: Any, a_prev: Any) -> tuple[Any, Any]:
    """Return ``(z, a)`` of one layer, neuron by neuron: ``z_ji = Σ_k W_jk a_ki + b_j``, ``a = σ(z)``."""
    n_out, n_in = w.shape
    m = a_prev.shape[1]
    z = sp.ImmutableMatrix(
        n_out,
        m,
        [
            sum((w[j, k] * a_prev[k, i] for k in range(n_in)), b[j, 0])
            for j in range(n_out)
            for i in range(m)
        ],
    )
    return z, z.applyfunc(sigma)


def loss(a: Any, y: Any) -> Any:
    """Return ``L = ½ Σ_k Σ_i (a_ki − y_ki)²``, the sum over outputs and samples."""
    return sp.Rational(1, 2) * sp.Add(
        *((a[k, i] - y[k, i]) ** 2 for k in range(a.shape[0]) for i in range(a.shape[1]))
    )


def gradient(scalar: Any, wrt: Any) -> Any:
    """Return the matrix of ``∂scalar/∂wrt[r, c]`` for an explicit matrix of symbols ``wrt``."""
    return sp.ImmutableMatrix(
        wrt.shape[0], wrt.shape[1], [sp.diff(scalar, entry) for entry in wrt]
    )
