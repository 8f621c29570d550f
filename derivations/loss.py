r"""The loss (``eq-loss``): half the sum of squared errors over outputs and samples.

:math:`L = \frac{1}{2}\sum_j \sum_i (a^{(2)}_{ji} - y_{ji})^2`, a *sum* over the
:math:`m` samples, not a mean. Every gradient in this package is a gradient of
this sum, and training records this same :math:`L`. The factor
:math:`\frac{1}{2}` is there so that the derivative of a term is simply the error:
:math:`\partial L/\partial a^{(2)}_{ji} = a^{(2)}_{ji} - y_{ji}`, the first factor of
every chain rule that follows.

The proof expands the matrix statement :math:`\frac{1}{2}\sum (a^{(2)} - y)^2`
entry by entry and compares it with the scalar double sum.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from derivations.network import NetworkSymbols, entries, loss, symbols
from derivations.notation import Half, HalfSumOfSquares, Partial
from derivations.result import Formula, Result, Step

__all__ = ["error", "loss_result"]

j, i = sp.symbols("j i", integer=True)


def error(a: Any, y: Any) -> Any:
    """Return the matrix expression ``a − y`` (terms kept in this order for display)."""
    return sp.MatAdd(a, -y, evaluate=False)


def loss_result(net: NetworkSymbols | None = None) -> Result:
    """Return ``eq-loss``: L = ½ Σ (a⁽²⁾ − y)²."""
    net = net or symbols()
    out = len(net.sizes) - 1
    a_l, y = net.a[out], net.y
    a_i, y_i = sp.IndexedBase(a_l.name), sp.IndexedBase("y")
    n_out, m = sp.Symbol(f"n_{{{out}}}"), sp.Symbol("m")
    term = (a_i[j, i] - y_i[j, i]) ** 2
    big_l = sp.Symbol("L")
    rhs = HalfSumOfSquares(error(a_l, y))
    return Result(
        label="eq-loss",
        title="The loss",
        statement="L = ½ Σ (a(2) − y)², summed over outputs and samples (a sum, not a mean).",
        lhs=big_l,
        rhs=rhs,
        steps=(
            Step(
                "Sum over the outputs j and the samples i.",
                big_l,
                Half(sp.Sum(term, (j, 1, n_out), (i, 1, m))),
            ),
            Step(
                "Only the term (j, i) depends on that output; the ½ cancels the 2.",
                Partial(big_l, a_i[j, i]),
                sp.diff(sp.Rational(1, 2) * term, a_i[j, i]),
            ),
        ),
        derivation=loss(entries(a_l), entries(y)),
        closed_form=rhs.doit(),
        formula=Formula(("a", "y"), lambda a, y: HalfSumOfSquares(error(a, y))),
    )
