r"""The output delta (``eq-output-delta``): δ⁽²⁾ = ∂L/∂z⁽²⁾ = (a⁽²⁾ − y) ⊙ σ′(z⁽²⁾).

The delta of a layer is the derivative of the loss with respect to that layer's
weighted sums, :math:`\delta^{(l)} \equiv \partial L/\partial z^{(l)}`. For the
output layer, :math:`z^{(2)}_{ji}` reaches the loss through one path only: its
activation :math:`a^{(2)}_{ji} = \sigma(z^{(2)}_{ji})`, which appears in the single
term :math:`\frac{1}{2}(a^{(2)}_{ji} - y_{ji})^2` of :math:`L`. The chain rule
multiplies two local factors:

* :math:`\partial L/\partial a^{(2)}_{ji} = a^{(2)}_{ji} - y_{ji}` (the error), and
* :math:`\partial a^{(2)}_{ji}/\partial z^{(2)}_{ji} = \sigma'(z^{(2)}_{ji})`.

Entry by entry the product is an elementwise (Hadamard, ⊙) product of two
matrices of the same shape: no sum appears, because no other output or sample
depends on :math:`z^{(2)}_{ji}`. With ``eq-sigmoid-derivative-output``,
:math:`\sigma'(z^{(2)}) = a^{(2)} \odot (1 - a^{(2)})`, which is what the
implementation computes from the stored activations.

The proof writes the loss of a batch of three samples as a function of the
symbols :math:`z^{(2)}_{ji}`, differentiates it with ``sympy.diff`` with respect to
every one of them, and shows the result equals the closed form entry by entry.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from derivations.loss import error
from derivations.network import NetworkSymbols, entries, gradient, loss, symbols
from derivations.notation import Partial, SigmaPrimeOf, explicit, sigma
from derivations.result import Formula, Result, Step

__all__ = ["closed_form", "delta_from_loss", "output_delta"]

j, i = sp.symbols("j i", integer=True)


def closed_form(a: Any, y: Any, z: Any) -> Any:
    """Return the matrix expression ``(a − y) ⊙ σ′(z)``."""
    return sp.HadamardProduct(error(a, y), SigmaPrimeOf(z))


def delta_from_loss(z: Any, y: Any) -> Any:
    """Return ``∂L/∂z`` of the output layer, differentiated entry by entry (explicit matrices)."""
    return gradient(loss(z.applyfunc(sigma), y), z)


def output_delta(net: NetworkSymbols | None = None) -> Result:
    """Return ``eq-output-delta``."""
    net = net or symbols()
    out = len(net.sizes) - 1
    z_l, a_l, d_l, y = net.z[out], net.a[out], net.delta[out], net.y
    z_i, a_i, d_i, y_i = (sp.IndexedBase(s.name) for s in (z_l, a_l, d_l, y))
    big_l = sp.Symbol("L")
    term = sp.Rational(1, 2) * (sigma(z_i[j, i]) - y_i[j, i]) ** 2
    de_da = sp.diff(sp.Rational(1, 2) * (a_i[j, i] - y_i[j, i]) ** 2, a_i[j, i])
    da_dz = sp.diff(sigma(z_i[j, i]), z_i[j, i])
    chain = sp.diff(term, z_i[j, i]).xreplace({sigma(z_i[j, i]): a_i[j, i]})
    rhs = closed_form(a_l, y, z_l)
    z_e = entries(z_l)
    return Result(
        label="eq-output-delta",
        title="The output delta",
        statement="δ(2) = ∂L/∂z(2) = (a(2) − y) ⊙ σ′(z(2)), elementwise.",
        lhs=d_l,
        rhs=rhs,
        steps=(
            Step(
                "Definition of the delta of the output layer.",
                d_i[j, i],
                Partial(big_l, z_i[j, i]),
            ),
            Step(
                "Chain rule: z reaches L only through its own activation a = σ(z).",
                Partial(big_l, z_i[j, i]),
                Partial(big_l, a_i[j, i]) * Partial(a_i[j, i], z_i[j, i]),
            ),
            Step(
                "First factor: differentiate the term ½(a − y)² of L.",
                Partial(big_l, a_i[j, i]),
                de_da,
            ),
            Step("Second factor: differentiate a = σ(z).", Partial(a_i[j, i], z_i[j, i]), da_dz),
            Step("The product, one entry per output j and sample i.", d_i[j, i], chain),
            Step("All entries at once: an elementwise product.", d_l, rhs),
        ),
        derivation=delta_from_loss(z_e, entries(y)),
        closed_form=explicit(rhs, {a_l: z_e.applyfunc(sigma)}),
        formula=Formula(("a", "y", "z"), closed_form),
    )
