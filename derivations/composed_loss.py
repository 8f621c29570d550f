r"""The composed loss: a whole network written out in symbols, neuron by neuron.

:mod:`derivations.brute_force` differentiates the loss of complete networks without
assuming backpropagation. This module builds what it differentiates and what it compares
against, for given layer sizes, batch size m and loss (:data:`LOSSES`):

* the full scalar loss, composed from plain symbols for the inputs, targets, every weight
  and every bias: :math:`L = \frac{1}{2}\sum (a^{(D)} - y)^2` (``eq-loss``) or the
  cross-entropy (``eq-cross-entropy``);
* the same loss one sample at a time, with a perturbation :math:`\varepsilon^{(l)}_{ji}`
  added to every weighted sum, so that ∂L/∂ε at ε = 0 is a delta computed from the loss
  alone;
* the δ-rule values from the registry's *closed forms*, instantiated at these shapes:
  ``eq-output-delta`` (or ``eq-output-delta-cross-entropy``) for the last layer,
  ``eq-hidden-delta`` for every hidden layer, and ``eq-grad-*`` for the gradients.

Everything is returned in one :class:`ComposedNetwork` by :func:`compose`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from derivations import cross_entropy, gradients, hidden_delta, output_delta
from derivations.network import NetworkSymbols, loss, symbols
from derivations.notation import explicit, matrix, sigma

__all__ = ["LOSSES", "ComposedNetwork", "compose", "symbol_entries"]

#: The losses a composed network can have: ``eq-loss`` and ``eq-cross-entropy``.
LOSSES = ("squared_error", "cross_entropy")


def _composed_loss(a: Any, y: Any, loss_name: str) -> Any:
    if loss_name == "cross_entropy":
        return cross_entropy.cross_entropy_loss(a, y)
    return loss(a, y)


@dataclass(frozen=True)
class ComposedNetwork:
    """A network composed from symbols, with its loss and the δ-rule values.

    Attributes
    ----------
    symbols : NetworkSymbols
        The matrix symbols (inputs ``a[0]``, targets ``y``, ``w[l]``, ``b[l]``).
    epsilon : tuple
        Explicit matrices of the perturbations added to each ``z[l]`` (entry 0 unused).
    z, a : tuple
        Explicit forward values of every layer (perturbations set to 0); ``a[0]`` is X.
    loss : sympy.Expr
        The composed loss.
    sample_losses : tuple of sympy.Expr
        The loss of each sample, with the perturbations ε added to every z.
    deltas, weight_gradients, bias_gradients : tuple
        δ-rule values from the registry's closed forms (entry 0 unused).
    """

    symbols: NetworkSymbols
    epsilon: tuple[Any, ...]
    z: tuple[Any, ...]
    a: tuple[Any, ...]
    loss: Any
    sample_losses: tuple[Any, ...]
    deltas: tuple[Any, ...]
    weight_gradients: tuple[Any, ...]
    bias_gradients: tuple[Any, ...]


def symbol_entries(symbol: Any) -> Any:
    """Return an explicit matrix of plain symbols named like the entries (``W^{(1)}_{12}``).

    A column (a bias) gets one index (``b^{(1)}_{2}``). Plain symbols differentiate much
    faster than SymPy's matrix elements.
    """
    rows, cols = symbol.shape

    def name(r: int, c: int) -> str:
        index = f"{r + 1}" if cols == 1 else f"{r + 1}{c + 1}"
        return f"{symbol.name}_{{{index}}}"

    return sp.ImmutableMatrix(
        rows, cols, [sp.Symbol(name(r, c)) for r in range(rows) for c in range(cols)]
    )


def _layer(w: Any, b: Any, a_prev: Any) -> Any:
    n_out, n_in = w.shape
    m = a_prev.shape[1]
    return sp.ImmutableMatrix(
        n_out,
        m,
        [
            sum((w[j, k] * a_prev[k, i] for k in range(n_in)), b[j, 0])
            for j in range(n_out)
            for i in range(m)
        ],
    )


def compose(sizes: tuple[int, ...], m: int, loss_name: str = "squared_error") -> ComposedNetwork:
    """Compose the loss of a network and the δ-rule values for these layer sizes and batch.

    ``loss_name`` is one of :data:`LOSSES`: ``"squared_error"`` (``eq-loss``, output delta
    ``eq-output-delta``) or ``"cross_entropy"`` (``eq-cross-entropy``, output delta
    ``eq-output-delta-cross-entropy``).
    """
    if loss_name not in LOSSES:
        message = f"loss_name is {loss_name!r}; expected one of {LOSSES}"
        raise ValueError(message)
    net = symbols(sizes, m)
    depth = len(sizes) - 1
    epsilon = tuple(
        None if l == 0 else symbol_entries(matrix(rf"\varepsilon^{{({l})}}", sizes[l], m))
        for l in range(depth + 1)
    )
    y_e = symbol_entries(net.y)
    z: list[Any] = [None]
    a: list[Any] = [symbol_entries(net.a[0])]
    for l in range(1, depth + 1):
        z.append(_layer(symbol_entries(net.w[l]), symbol_entries(net.b[l]), a[-1]))
        a.append(z[-1].applyfunc(sigma))
    composed_loss = _composed_loss(a[-1], y_e, loss_name)
    # The same loss, one sample at a time, with a perturbation ε added to every z: ∂L/∂ε at
    # ε = 0 is the delta ∂L/∂z of that entry, computed from the composed loss alone.
    a_eps: Any = a[0]
    for l in range(1, depth + 1):
        z_eps = _layer(symbol_entries(net.w[l]), symbol_entries(net.b[l]), a_eps)
        a_eps = (z_eps + epsilon[l]).applyfunc(sigma)
    sample_losses = tuple(_composed_loss(a_eps[:, i], y_e[:, i], loss_name) for i in range(m))

    deltas: list[Any] = [None] * (depth + 1)
    output_rule = (
        cross_entropy.closed_form(net.a[depth], net.y)
        if loss_name == "cross_entropy"
        else output_delta.closed_form(net.a[depth], net.y, net.z[depth])
    )
    deltas[depth] = explicit(
        output_rule, {net.a[depth]: a[depth], net.y: y_e, net.z[depth]: z[depth]}
    )
    for l in range(depth - 1, 0, -1):
        deltas[l] = explicit(
            hidden_delta.closed_form(net.w[l + 1], net.delta[l + 1], net.z[l]),
            {
                net.w[l + 1]: symbol_entries(net.w[l + 1]),
                net.delta[l + 1]: deltas[l + 1],
                net.z[l]: z[l],
            },
        )
    weight_grads: list[Any] = [None]
    bias_grads: list[Any] = [None]
    for l in range(1, depth + 1):
        weight_grads.append(
            explicit(
                gradients.weight_gradient(net.delta[l], net.a[l - 1]),
                {net.delta[l]: deltas[l], net.a[l - 1]: a[l - 1]},
            )
        )
        bias_grads.append(
            explicit(gradients.bias_gradient(net.delta[l]), {net.delta[l]: deltas[l]})
        )
    return ComposedNetwork(
        net,
        epsilon,
        tuple(z),
        tuple(a),
        composed_loss,
        sample_losses,
        tuple(deltas),
        tuple(weight_grads),
        tuple(bias_grads),
    )
