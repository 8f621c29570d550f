r"""The parameter gradients, summed over the batch (``eq-grad-w2``, ``eq-grad-b2``, ``eq-grad-w1``, ``eq-grad-b1``).

A weight :math:`W^{(l)}_{jk}` enters the loss only through the weighted sums
:math:`z^{(l)}_{ji}` of neuron :math:`j`, one for each sample :math:`i`. Since
:math:`z^{(l)}_{ji} = \sum_{k'} W^{(l)}_{jk'} a^{(l-1)}_{k'i} + b^{(l)}_j`, the local
factor is :math:`\partial z^{(l)}_{ji}/\partial W^{(l)}_{jk} = a^{(l-1)}_{ki}` and the
chain rule sums over the samples:

.. math::

   \frac{\partial L}{\partial W^{(l)}_{jk}} = \sum_i \delta^{(l)}_{ji}\, a^{(l-1)}_{ki},

entry :math:`(j, k)` of the matrix product :math:`\delta^{(l)} (a^{(l-1)})^{T}`.
The matrix product *is* the sum over the batch: :math:`L` is a sum over samples, so
its gradient is too (no division by :math:`m`). For a bias the local factor is
:math:`\partial z^{(l)}_{ji}/\partial b^{(l)}_j = 1`, so the gradient is the sum of
the deltas over the samples (the columns). For the hidden layer
:math:`a^{(0)} = X`.

Each proof composes the loss of a batch of three samples from the parameters
(``sympy.diff`` with respect to every entry of :math:`W^{(l)}` or
:math:`b^{(l)}`) and shows it equals the closed form, with :math:`\delta^{(l)}`
itself computed as :math:`\partial L/\partial z^{(l)}`.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from derivations.network import NetworkSymbols, entries, gradient, loss, neuron_layer, symbols
from derivations.notation import Partial, SampleSum, explicit, matrix, sigma
from derivations.result import Formula, Result, Step

__all__ = [
    "bias_gradient",
    "delta_values",
    "grad_b1",
    "grad_b2",
    "grad_w1",
    "grad_w2",
    "weight_gradient",
]

j, k, i = sp.symbols("j k i", integer=True)


def weight_gradient(delta: Any, a_prev: Any) -> Any:
    """Return the matrix expression ``δ (a_prev)ᵀ``."""
    return delta * a_prev.T


def bias_gradient(delta: Any) -> Any:
    """Return the matrix expression ``Σ_i δ[:, i]`` (shape ``(n, 1)``)."""
    return SampleSum(delta)


def _loss_from(net: NetworkSymbols, layer: int, z: Any) -> Any:
    """Return L as a function of the explicit weighted sums ``z`` of ``layer``."""
    a = z.applyfunc(sigma)
    for l in range(layer + 1, len(net.sizes)):
        _, a = neuron_layer(entries(net.w[l]), entries(net.b[l]), a)
    return loss(a, entries(net.y))


def delta_values(net: NetworkSymbols, layer: int, z: Any) -> Any:
    """Return δ of ``layer`` = ∂L/∂z, differentiated from the loss, at the explicit sums ``z``."""
    free = entries(net.z[layer])
    delta = gradient(_loss_from(net, layer, free), free)
    return delta.xreplace(dict(zip(free, z, strict=True)))


def _gradient(net: NetworkSymbols, layer: int, of_bias: bool) -> Result:
    w, b, a_prev, delta = net.w[layer], net.b[layer], net.a[layer - 1], net.delta[layer]
    name = rf"b^{{({layer})}}" if of_bias else rf"W^{{({layer})}}"
    param = b if of_bias else w
    lhs = matrix(rf"\frac{{\partial L}}{{\partial {name}}}", *param.shape)
    rhs = bias_gradient(delta) if of_bias else weight_gradient(delta, a_prev)

    z_i, d_i = sp.IndexedBase(net.z[layer].name), sp.IndexedBase(delta.name)
    a_prev_i = sp.IndexedBase("x" if layer == 1 else a_prev.name)
    p_i, rest, m = sp.IndexedBase(name), sp.Symbol("r"), sp.Symbol("m")
    entry = p_i[j] if of_bias else p_i[j, k]
    z_model = entry + rest if of_bias else entry * a_prev_i[k, i] + rest
    local = sp.diff(z_model, entry)
    big_l = sp.Symbol("L")

    # The parameters of ``layer`` and everything above it are symbols; a(layer - 1) is given.
    a_prev_e = entries(a_prev)
    z_e, _ = neuron_layer(entries(w), entries(b), a_prev_e)
    derivation = gradient(_loss_from(net, layer, z_e), entries(param))
    closed = explicit(rhs, {delta: delta_values(net, layer, z_e)})
    what, whats = ("bias", "biases") if of_bias else ("weight", "weights")
    sample_note = "a sum over samples" if of_bias else "entry (j, k) of δ aᵀ"
    return Result(
        label=f"eq-grad-{'b' if of_bias else 'w'}{layer}",
        title=f"The gradient of the {'output' if layer == len(net.sizes) - 1 else 'hidden'}-layer {whats}",
        statement=(
            f"∂L/∂b({layer}) = Σ over samples of δ({layer}) (summed, not averaged)."
            if of_bias
            else f"∂L/∂W({layer}) = δ({layer}) {f'(a({layer - 1}))' if layer > 1 else 'X'}ᵀ, summed over the batch."
        ),
        lhs=lhs,
        rhs=rhs,
        steps=(
            Step(
                f"Chain rule: the {what} enters L through z_ji of every sample i.",
                Partial(big_l, entry),
                sp.Sum(Partial(big_l, z_i[j, i]) * Partial(z_i[j, i], entry), (i, 1, m)),
            ),
            Step("First factor: the delta, by definition.", Partial(big_l, z_i[j, i]), d_i[j, i]),
            Step(
                "Second factor: differentiate z_ji = "
                + (
                    "b_j + (terms without b_j)."
                    if of_bias
                    else "W_jk a_ki + (terms without W_jk)."
                ),
                Partial(z_i[j, i], entry),
                local,
            ),
            Step(
                f"The product, summed over the samples: {sample_note}.",
                Partial(big_l, entry),
                sp.Sum(d_i[j, i] * local, (i, 1, m)),
            ),
            Step("All entries at once.", lhs, rhs),
        ),
        derivation=derivation,
        closed_form=closed,
        formula=(
            Formula(("delta",), bias_gradient)
            if of_bias
            else Formula(("delta", "a_prev"), weight_gradient)
        ),
    )


def grad_w2(net: NetworkSymbols | None = None) -> Result:
    """Return ``eq-grad-w2``: ∂L/∂W⁽²⁾ = δ⁽²⁾ (a⁽¹⁾)ᵀ."""
    return _gradient(net or symbols(), 2, of_bias=False)


def grad_b2(net: NetworkSymbols | None = None) -> Result:
    """Return ``eq-grad-b2``: ∂L/∂b⁽²⁾ = Σ_i δ⁽²⁾_{:,i}."""
    return _gradient(net or symbols(), 2, of_bias=True)


def grad_w1(net: NetworkSymbols | None = None) -> Result:
    """Return ``eq-grad-w1``: ∂L/∂W⁽¹⁾ = δ⁽¹⁾ Xᵀ."""
    return _gradient(net or symbols(), 1, of_bias=False)


def grad_b1(net: NetworkSymbols | None = None) -> Result:
    """Return ``eq-grad-b1``: ∂L/∂b⁽¹⁾ = Σ_i δ⁽¹⁾_{:,i}."""
    return _gradient(net or symbols(), 1, of_bias=True)
