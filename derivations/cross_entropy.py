r"""Cross-entropy with a sigmoid output (``eq-cross-entropy``, ``eq-output-delta-cross-entropy``).

The cross-entropy of outputs :math:`a = \sigma(z)` against targets :math:`y` is
:math:`L = -\sum_j \sum_i [y_{ji} \log a_{ji} + (1 - y_{ji}) \log(1 - a_{ji})]`, a
*sum* over outputs and samples like ``eq-loss``. With
:math:`\sigma(z) = 1/(1 + e^{-z})` each term is :math:`\log(1 + e^{z}) - y z`, which is
finite for every real :math:`z`: :math:`\log a` and :math:`\log(1 - a)` are never formed,
so a saturated output (:math:`a` rounding to 0 or 1 in float64) cannot produce
``log(0)``. That is why ``bp.cross_entropy`` takes the output *pre-activation* z.
The proof of ``eq-cross-entropy`` shows the two forms are the same function of
:math:`z`: their derivatives with respect to :math:`z` reduce to the same expression
and they agree at :math:`z = 0`, so they agree on the whole real line.

For the output delta the chain rule gives two factors, as for ``eq-output-delta``:
:math:`\partial L/\partial a = -y/a + (1 - y)/(1 - a) = (a - y)/(a(1 - a))` and
:math:`\partial a/\partial z = \sigma'(z) = a(1 - a)`. The slope of the sigmoid is
in the denominator of the first factor and in the second: it cancels, and
:math:`\delta^{(D)} = a^{(D)} - y`. The proof differentiates the loss of a batch of
three samples with ``sympy.diff`` with respect to every :math:`z^{(2)}_{ji}` and reduces
the difference with the closed form exactly (σ′ replaced by σ(1 − σ)).
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from derivations.loss import error
from derivations.network import NetworkSymbols, entries, gradient, symbols
from derivations.notation import Partial, explicit, sigma, sigma_prime
from derivations.result import Formula, Result, Step

__all__ = [
    "closed_form",
    "cross_entropy",
    "cross_entropy_loss",
    "delta_from_cross_entropy",
    "output_delta_cross_entropy",
    "stable_loss",
    "stable_term",
    "term",
]

j, i = sp.symbols("j i", integer=True)


def term(a: Any, y: Any) -> Any:
    """Return one term ``−[y log a + (1 − y) log(1 − a)]`` of the loss."""
    return -(y * sp.log(a) + (1 - y) * sp.log(1 - a))


def stable_term(z: Any, y: Any) -> Any:
    """Return the same term as a function of the pre-activation: ``log(1 + eᶻ) − y z``."""
    return sp.log(1 + sp.exp(z)) - y * z


def stable_loss(z: Any, y: Any) -> Any:
    """Return ``L = Σ_k Σ_i [log(1 + exp(z_ki)) − y_ki z_ki]`` for explicit matrices z, y."""
    z, y = explicit(z), explicit(y)
    return sp.Add(
        *(stable_term(z[r, c], y[r, c]) for r in range(z.shape[0]) for c in range(z.shape[1]))
    )


def cross_entropy_loss(a: Any, y: Any) -> Any:
    """Return ``L = −Σ_j Σ_i [y_ji log a_ji + (1 − y_ji) log(1 − a_ji)]`` (explicit matrices)."""
    return sp.Add(*(term(a[r, c], y[r, c]) for r in range(a.shape[0]) for c in range(a.shape[1])))


def closed_form(a: Any, y: Any) -> Any:
    """Return the matrix expression ``a − y`` (the cross-entropy output delta)."""
    return error(a, y)


def delta_from_cross_entropy(z: Any, y: Any) -> Any:
    """Return ``∂L/∂z`` of the cross-entropy of ``σ(z)``, differentiated entry by entry."""
    return gradient(cross_entropy_loss(z.applyfunc(sigma), y), z)


def _indexed(net: NetworkSymbols) -> tuple[Any, Any, Any, Any, Any]:
    out = len(net.sizes) - 1
    names = (net.z[out].name, net.a[out].name, net.delta[out].name, net.y.name)
    z_i, a_i, d_i, y_i = (sp.IndexedBase(name) for name in names)
    return z_i, a_i, d_i, y_i, sp.Symbol(f"n_{{{out}}}")


def cross_entropy(net: NetworkSymbols | None = None) -> Result:
    """Return ``eq-cross-entropy``: the loss, and its overflow-free form in terms of z."""
    net = net or symbols()
    _, a_i, _, y_i, n_out = _indexed(net)
    z, y = sp.Symbol("z", real=True), sp.Symbol("y", real=True)
    big_l, m = sp.Symbol("L"), sp.Symbol("m")
    summand = sp.Add(
        y_i[j, i] * sp.log(a_i[j, i]), (1 - y_i[j, i]) * sp.log(1 - a_i[j, i]), evaluate=False
    )
    rhs = -sp.Sum(summand, (j, 1, n_out), (i, 1, m))
    exp_sigma = sigma(z).rewrite(sp.exp)
    log_a = sp.expand_log(sp.log(exp_sigma), force=True)
    log_1_a = sp.expand_log(sp.log(sp.together(1 - exp_sigma)), force=True)
    definition = term(exp_sigma, y)
    stable = stable_term(z, y)
    return Result(
        label="eq-cross-entropy",
        title="The cross-entropy loss",
        statement=(
            "L = −Σ [y log a + (1 − y) log(1 − a)] with a = σ(z), summed over outputs and "
            "samples; each term equals log(1 + exp(z)) − y z, finite for every z."
        ),
        lhs=big_l,
        rhs=rhs,
        steps=(
            Step("Sum over the outputs j and the samples i, with a = σ(z).", big_l, rhs),
            Step("With σ(z) = 1/(1 + e⁻ᶻ) (eq-sigmoid):", sp.log(sigma(z)), log_a),
            Step("and 1 − σ(z) = e⁻ᶻ/(1 + e⁻ᶻ) = 1/(1 + eᶻ):", sp.log(1 - sigma(z)), log_1_a),
            Step(
                "So, with log(1 + e⁻ᶻ) = log(1 + eᶻ) − z, one term is log(1 + eᶻ) − y z: "
                "no log of 0, whatever z is.",
                term(sigma(z), y),
                stable,
            ),
        ),
        derivation=sp.ImmutableMatrix([sp.diff(definition, z), definition.subs(z, 0)]),
        closed_form=sp.ImmutableMatrix([sp.diff(stable, z), stable.subs(z, 0)]),
        instance=(
            "one term, as a function of a real z: equal derivatives in z, and equal values "
            "at z = 0"
        ),
        formula=Formula(("z", "y"), stable_loss),
    )


def output_delta_cross_entropy(net: NetworkSymbols | None = None) -> Result:
    """Return ``eq-output-delta-cross-entropy``: δ⁽ᴰ⁾ = a⁽ᴰ⁾ − y, σ′ cancelled."""
    net = net or symbols()
    out = len(net.sizes) - 1
    z_l, a_l, d_l, y = net.z[out], net.a[out], net.delta[out], net.y
    z_i, a_i, d_i, y_i, _ = _indexed(net)
    big_l = sp.Symbol("L")
    a_ji, y_ji, z_ji = a_i[j, i], y_i[j, i], z_i[j, i]
    de_da = sp.diff(term(a_ji, y_ji), a_ji)
    # The same derivative over a common denominator, written with a(1 − a) as in σ′.
    de_da_together = (a_ji - y_ji) / (a_ji * (1 - a_ji))
    if sp.cancel(de_da_together - de_da) != 0:
        message = f"common denominator of {de_da} is wrong"
        raise ArithmeticError(message)
    da_dz = sp.diff(sigma(z_ji), z_ji)
    slope = sp.Mul(a_ji, 1 - a_ji, evaluate=False)
    product = sp.Mul(de_da_together, slope, evaluate=False)
    rhs = closed_form(a_l, y)
    z_e = entries(z_l)
    return Result(
        label="eq-output-delta-cross-entropy",
        title="The output delta with the cross-entropy loss",
        statement="δ(D) = ∂L/∂z(D) = a(D) − y for the cross-entropy loss: the factor σ′ cancels.",
        lhs=d_l,
        rhs=rhs,
        steps=(
            Step("Definition of the delta of the output layer.", d_i[j, i], Partial(big_l, z_ji)),
            Step(
                "Chain rule: z reaches L only through its own activation a = σ(z).",
                Partial(big_l, z_ji),
                Partial(big_l, a_ji) * Partial(a_ji, z_ji),
            ),
            Step(
                "First factor: differentiate the term −[y log a + (1 − y) log(1 − a)] of L.",
                Partial(big_l, a_ji),
                de_da,
            ),
            Step(
                "Over a common denominator: the slope a(1 − a) appears below the error.",
                Partial(big_l, a_ji),
                de_da_together,
            ),
            Step("Second factor: differentiate a = σ(z).", Partial(a_ji, z_ji), da_dz),
            Step("eq-sigmoid-derivative-output: σ′(z) = a(1 − a).", sigma_prime(z_ji), slope),
            Step("The product: a(1 − a) above and below.", d_i[j, i], product),
            Step(
                "It cancels: the error itself, one entry per output j and sample i.",
                d_i[j, i],
                sp.cancel(product),
            ),
            Step("All entries at once: no σ′ factor.", d_l, rhs),
        ),
        derivation=delta_from_cross_entropy(z_e, entries(y)),
        closed_form=explicit(rhs, {a_l: z_e.applyfunc(sigma)}),
        formula=Formula(("a", "y"), closed_form),
    )
