r"""The hidden delta (``eq-hidden-delta``): δ⁽¹⁾ = (W⁽²⁾)ᵀ δ⁽²⁾ ⊙ σ′(z⁽¹⁾).

A hidden weighted sum :math:`z^{(1)}_{ji}` reaches the loss through its activation
:math:`a^{(1)}_{ji}`, which feeds *every* output neuron :math:`k` of the same sample
:math:`i`. The chain rule therefore sums over the paths :math:`k`:

.. math::

   \delta^{(1)}_{ji} = \sum_k
   \frac{\partial L}{\partial z^{(2)}_{ki}}
   \frac{\partial z^{(2)}_{ki}}{\partial a^{(1)}_{ji}}
   \frac{\partial a^{(1)}_{ji}}{\partial z^{(1)}_{ji}}
   = \sum_k \delta^{(2)}_{ki}\, W^{(2)}_{kj}\, \sigma'(z^{(1)}_{ji}).

The sum over :math:`k` of :math:`W^{(2)}_{kj}\delta^{(2)}_{ki}` is entry
:math:`(j, i)` of the matrix product :math:`(W^{(2)})^{T}\delta^{(2)}`: the
transpose appears because the delta flows *backwards* through the weights. The
last factor does not depend on :math:`k` and multiplies entry by entry (⊙). The
same rule, with :math:`l` in place of 1, gives every hidden layer of a deeper
network (see :mod:`derivations.brute_force`).

The proof composes the loss of a batch of three samples as a function of the
hidden weighted sums :math:`z^{(1)}_{ji}` (through :math:`a^{(1)}`, :math:`z^{(2)}`,
:math:`a^{(2)}`), differentiates it with ``sympy.diff``, and shows it equals the
closed form with :math:`\delta^{(2)} = \partial L/\partial z^{(2)}` entry by entry.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from derivations.network import NetworkSymbols, entries, gradient, loss, neuron_layer, symbols
from derivations.notation import Partial, SigmaPrimeOf, explicit, sigma
from derivations.output_delta import delta_from_loss
from derivations.result import Formula, Result, Step

__all__ = ["closed_form", "hidden_delta"]

j, k, i = sp.symbols("j k i", integer=True)


def closed_form(w_next: Any, delta_next: Any, z: Any) -> Any:
    """Return the matrix expression ``(W_next)ᵀ δ_next ⊙ σ′(z)``."""
    return sp.HadamardProduct(w_next.T * delta_next, SigmaPrimeOf(z))


def hidden_delta(net: NetworkSymbols | None = None) -> Result:
    """Return ``eq-hidden-delta`` for the hidden layer of a two-layer network."""
    net = net or symbols()
    z1, a1, w2, b2, d1, d2 = net.z[1], net.a[1], net.w[2], net.b[2], net.delta[1], net.delta[2]
    z2, y = net.z[2], net.y
    z1_i, a1_i, z2_i, d1_i, d2_i = (sp.IndexedBase(s.name) for s in (z1, a1, z2, d1, d2))
    w2_i = sp.IndexedBase(w2.name)
    big_l, rest, n2 = sp.Symbol("L"), sp.Symbol("r"), sp.Symbol("n_{2}")
    # z2_ki as a function of a1_ji: W_kj a1_ji plus terms r that do not contain a1_ji.
    dz2_da1 = sp.diff(w2_i[k, j] * a1_i[j, i] + rest, a1_i[j, i])
    da1_dz1 = sp.diff(sigma(z1_i[j, i]), z1_i[j, i])
    paths = sp.Sum(
        Partial(big_l, z2_i[k, i])
        * Partial(z2_i[k, i], a1_i[j, i])
        * Partial(a1_i[j, i], z1_i[j, i]),
        (k, 1, n2),
    )
    factors = sp.Sum(d2_i[k, i] * dz2_da1, (k, 1, n2)) * da1_dz1
    rhs = closed_form(w2, d2, z1)

    z1_e = entries(z1)
    y_e = entries(y)
    z2_e, a2_e = neuron_layer(entries(w2), entries(b2), z1_e.applyfunc(sigma))
    derivation = gradient(loss(a2_e, y_e), z1_e)
    z2_free = entries(z2)
    delta2 = delta_from_loss(z2_free, y_e).xreplace(dict(zip(z2_free, z2_e, strict=True)))
    return Result(
        label="eq-hidden-delta",
        title="The hidden delta",
        statement="δ(1) = (W(2))ᵀ δ(2) ⊙ σ′(z(1)): the output delta sent back through the transposed weights.",
        lhs=d1,
        rhs=rhs,
        steps=(
            Step(
                "Definition of the delta of the hidden layer.",
                d1_i[j, i],
                Partial(big_l, z1_i[j, i]),
            ),
            Step(
                "Chain rule: a(1)_ji feeds every output k of sample i; sum over the paths.",
                d1_i[j, i],
                paths,
            ),
            Step(
                "First factor: the output delta, by definition.",
                Partial(big_l, z2_i[k, i]),
                d2_i[k, i],
            ),
            Step(
                "Second factor: z(2)_ki = W(2)_kj a(1)_ji + (terms without a(1)_ji).",
                Partial(z2_i[k, i], a1_i[j, i]),
                dz2_da1,
            ),
            Step(
                "Third factor: differentiate a = σ(z); it does not depend on k.",
                Partial(a1_i[j, i], z1_i[j, i]),
                da1_dz1,
            ),
            Step(
                "The product; Σ_k W_kj δ_ki is entry (j, i) of (W(2))ᵀ δ(2).", d1_i[j, i], factors
            ),
            Step("All entries at once.", d1, rhs),
        ),
        derivation=derivation,
        closed_form=explicit(rhs, {d2: delta2}),
        formula=Formula(("w_next", "delta_next", "z"), closed_form),
    )
