r"""Any number of layers (``eq-forward-general``, ``eq-delta-recursion``, ``eq-grad-w-general``, ``eq-grad-b-general``).

A network with layers :math:`l = 1, \dots, D` computes
:math:`z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}`, :math:`a^{(l)} = \sigma(z^{(l)})`,
:math:`a^{(0)} = X`. The output delta :math:`\delta^{(D)}` is ``eq-output-delta`` (or
``eq-output-delta-cross-entropy``) with :math:`L` in place of 2; every other delta
follows from the one above it by the recursion
:math:`\delta^{(l)} = (W^{(l+1)})^{T} \delta^{(l+1)} \odot \sigma'(z^{(l)})`, and the
gradients of layer :math:`l` are :math:`\delta^{(l)} (a^{(l-1)})^{T}` and the sum of
:math:`\delta^{(l)}` over the samples.

What is proved for **general sizes** (symbolic :math:`n_{l-1}`, :math:`n_l`,
:math:`n_{l+1}` and batch size :math:`m`, in index form): each result's ``derivation``
writes the layer as :math:`z^{(l+1)}_{ki'} = \sum_p W^{(l+1)}_{kp}\,\sigma(z^{(l)}_{pi'}) + b^{(l+1)}_k`
(a SymPy ``Sum`` over a symbolic range of matrix elements), differentiates it with
``sympy.diff`` with respect to one entry :math:`z^{(l)}_{ji}` (SymPy produces the
Kronecker deltas that pick :math:`p = j` and :math:`i' = i`), contracts it with
:math:`\delta^{(l+1)}_{ki'}` over every :math:`k` and :math:`i'`, and compares the result
with entry :math:`(j, i)` of the matrix closed form at those symbolic shapes. The
multivariate chain rule itself (:math:`L` depends on :math:`z^{(l)}` only through the
entries of :math:`z^{(l+1)}`, so :math:`\partial L/\partial z^{(l)}_{ji}` is that
contraction) is the premise, not something SymPy proves; so is the induction over
:math:`l` that turns one step into a network of any depth. The gradients are proved the
same way from :math:`z^{(l)}_{j'i} = \sum_p W^{(l)}_{j'p} a^{(l-1)}_{pi} + b^{(l)}_{j'}`.

What is proved **on instances**, with no premise at all: :mod:`derivations.brute_force`
composes the whole loss of networks of depth 2, 3 and 4 (batch sizes above 1), differentiates it
with respect to every parameter and every weighted input, and shows each derivative equals
the recursion's value exactly.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from derivations import gradients, hidden_delta
from derivations.notation import (
    Broadcast,
    Partial,
    SampleSum,
    SigmaOf,
    matrix,
    sigma,
    sigma_prime,
)
from derivations.result import Formula, Result, Step

__all__ = [
    "GeneralSymbols",
    "canonical",
    "delta_recursion",
    "forward_general",
    "general_symbols",
    "grad_b_general",
    "grad_w_general",
    "pre_activation",
]

_GENERAL = (
    "general sizes: entry (j, i) for symbolic layer sizes and batch size m (index form); "
    "premise: the multivariate chain rule"
)


class GeneralSymbols:
    """Matrix symbols of layers l − 1, l and l + 1 with symbolic sizes and batch size ``m``."""

    def __init__(self) -> None:
        """Name every quantity the way the docs write it, with symbolic shapes."""
        n_prev, n, n_next = sp.symbols("n_{l-1} n_{l} n_{l+1}", integer=True, positive=True)
        m = sp.Symbol("m", integer=True, positive=True)
        self.n_prev, self.n, self.n_next, self.m = n_prev, n, n_next, m
        self.a_prev = matrix("a^{(l-1)}", n_prev, m)
        self.a = matrix("a^{(l)}", n, m)
        self.z = matrix("z^{(l)}", n, m)
        self.w = matrix("W^{(l)}", n, n_prev)
        self.b = matrix("b^{(l)}", n, 1)
        self.delta = matrix(r"\delta^{(l)}", n, m)
        self.w_next = matrix("W^{(l+1)}", n_next, n)
        self.b_next = matrix("b^{(l+1)}", n_next, 1)
        self.delta_next = matrix(r"\delta^{(l+1)}", n_next, m)


class _Broadcast(Broadcast):
    """:class:`~derivations.notation.Broadcast` for a symbolic number of samples ``m``."""

    def __new__(cls, column: Any, m: Any) -> Any:
        """Repeat ``column`` for ``m`` samples (``m`` may be a symbol)."""
        return sp.Basic.__new__(cls, column, sp.sympify(m))


def pre_activation(w: Any, b: Any, a_prev: Any) -> Any:
    """Return ``W a_prev + b`` (as :func:`derivations.forward.pre_activation`) for symbolic ``m``."""
    return sp.MatAdd(w * a_prev, _Broadcast(b, a_prev.shape[1]), evaluate=False)


def general_symbols() -> GeneralSymbols:
    """Return the symbols of three consecutive layers of any sizes."""
    return GeneralSymbols()


# Bound variables: distinct names per use, and one fixed name per nesting depth after
# :func:`canonical` (so two sums that differ only in the name of their index compare equal).
_p, _q, _r = sp.symbols("p q r", integer=True)
j, k, i, i2 = sp.symbols("j k i i'", integer=True)


def canonical(expr: Any, depth: int = 0) -> Any:
    """Rename every summation index to a fixed name and pull index-free factors out of sums.

    Both rewrites leave the value unchanged; afterwards two sums over the same range of
    the same summand are the same SymPy object, whatever their indices were called.
    """
    if isinstance(expr, sp.Sum):
        (var, low, high), *more = expr.limits
        inner = sp.Sum(expr.function, *more) if more else expr.function
        fixed = sp.Symbol(f"s_{depth}", integer=True)
        body = sp.expand(canonical(inner.xreplace({var: fixed}), depth + 1))
        if body.is_Add:
            return sp.Add(*(canonical(sp.Sum(t, (fixed, low, high)), depth) for t in body.args))
        factors = sp.Mul.make_args(body)
        outside = [f for f in factors if fixed not in f.free_symbols]
        inside = [f for f in factors if fixed in f.free_symbols]
        return sp.Mul(*outside) * sp.Sum(sp.Mul(*inside), (fixed, low, high))
    if expr.args and not expr.is_Atom:
        return expr.func(*(canonical(arg, depth) for arg in expr.args))
    return expr


def _entry(expr: Any, row: Any, col: Any) -> Any:
    """Entry ``(row, col)`` of a matrix expression with symbolic shapes."""
    if isinstance(expr, SampleSum):
        arg = expr.args[0]
        return sp.Sum(arg[row, _q], (_q, 0, arg.shape[1] - 1))
    return expr[row, col]


def _sum_out(expr: Any, *limits: tuple[Any, Any, Any]) -> Any:
    """Sum ``expr`` over ``limits`` one index at a time, innermost first, evaluating Kronecker deltas."""
    for limit in limits:
        expr = sp.Sum(expr, limit).doit()
    return expr


def forward_general(g: GeneralSymbols | None = None) -> Result:
    """Return ``eq-forward-general``: a⁽ˡ⁾ = σ(W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾) for any sizes."""
    g = g or general_symbols()
    rhs = SigmaOf(pre_activation(g.w, g.b, g.a_prev))
    w_i, b_i, a_i = (sp.IndexedBase(s.name) for s in (g.w, g.b, g.a_prev))
    z_i, out_i = sp.IndexedBase(g.z.name), sp.IndexedBase(g.a.name)
    neuron = sp.Add(sp.Sum(w_i[j, k] * a_i[k, i], (k, 1, g.n_prev)), b_i[j], evaluate=False)
    definition = sigma(sp.Sum(g.w[j, _p] * g.a_prev[_p, i], (_p, 0, g.n_prev - 1)) + g.b[j, 0])
    return Result(
        label="eq-forward-general",
        title="Forward pass: any layer",
        statement="z(l) = W(l) a(l−1) + b(l) and a(l) = σ(z(l)) for l = 1, …, L, with a(0) = X.",
        lhs=g.a,
        rhs=rhs,
        steps=(
            Step("Neuron j of layer l, sample i.", z_i[j, i], neuron),
            Step("Its activation.", out_i[j, i], sigma(z_i[j, i])),
            Step("All neurons and samples at once.", g.z, pre_activation(g.w, g.b, g.a_prev)),
            Step("σ applied entry by entry.", g.a, SigmaOf(g.z)),
        ),
        derivation=canonical(definition),
        closed_form=canonical(_entry(rhs, j, i)),
        instance=_GENERAL,
        formula=Formula(("w", "b", "a_prev"), lambda *wba: SigmaOf(pre_activation(*wba))),
    )


def delta_recursion(g: GeneralSymbols | None = None) -> Result:
    """Return ``eq-delta-recursion``: δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ σ′(z⁽ˡ⁾) for any sizes."""
    g = g or general_symbols()
    rhs = hidden_delta.closed_form(g.w_next, g.delta_next, g.z)

    # General sizes: layer l + 1 as a Sum over a symbolic range, differentiated by SymPy.
    z_next = sp.Sum(g.w_next[k, _p] * sigma(g.z[_p, i2]), (_p, 0, g.n - 1)) + g.b_next[k, 0]
    local = sp.diff(z_next, g.z[j, i]).doit()
    contracted = _sum_out(g.delta_next[k, i2] * local, (i2, 0, g.m - 1), (k, 0, g.n_next - 1))

    # Display: 1-based index form, as on the other pages.
    z_i, a_i, d_i = (sp.IndexedBase(s.name) for s in (g.z, g.a, g.delta))
    zn_i, dn_i = sp.IndexedBase("z^{(l+1)}"), sp.IndexedBase(g.delta_next.name)
    w_i = sp.IndexedBase(g.w_next.name)
    big_l, rest = sp.Symbol("L"), sp.Symbol("r")
    dz_next = sp.diff(w_i[k, j] * sigma(z_i[j, i]) + rest, z_i[j, i])
    paths = sp.Sum(Partial(big_l, zn_i[k, i]) * Partial(zn_i[k, i], z_i[j, i]), (k, 1, g.n_next))
    return Result(
        label="eq-delta-recursion",
        title="The delta recursion",
        statement=(
            "δ(l) = (W(l+1))ᵀ δ(l+1) ⊙ σ′(z(l)) for l = D − 1, …, 1: each hidden delta from "
            "the one above it, for any layer sizes."
        ),
        lhs=g.delta,
        rhs=rhs,
        steps=(
            Step("Definition of the delta of layer l.", d_i[j, i], Partial(big_l, z_i[j, i])),
            Step(
                "Chain rule: z(l)_ji reaches L only through z(l+1)_ki of the same sample, "
                "for every k.",
                d_i[j, i],
                paths,
            ),
            Step(
                "First factor: the delta of layer l + 1.", Partial(big_l, zn_i[k, i]), dn_i[k, i]
            ),
            Step(
                "Second factor: z(l+1)_ki = W(l+1)_kj σ(z(l)_ji) + (terms without z(l)_ji).",
                Partial(zn_i[k, i], z_i[j, i]),
                dz_next,
            ),
            Step(
                "The product; σ′ does not depend on k, and Σ_k W_kj δ_ki is entry (j, i) of "
                "(W(l+1))ᵀ δ(l+1).",
                d_i[j, i],
                sp.Sum(dn_i[k, i] * dz_next, (k, 1, g.n_next)),
            ),
            Step(
                "The code computes σ′ from the stored activation (eq-sigmoid-derivative-output).",
                sigma_prime(z_i[j, i]),
                a_i[j, i] * (1 - a_i[j, i]),
            ),
            Step("All entries at once.", g.delta, rhs),
        ),
        derivation=canonical(contracted),
        closed_form=canonical(_entry(rhs, j, i)),
        instance=_GENERAL,
        formula=Formula(("w_next", "delta_next", "z"), hidden_delta.closed_form),
    )


def _gradient_general(g: GeneralSymbols, of_bias: bool) -> Result:
    param = g.b if of_bias else g.w
    name = "b^{(l)}" if of_bias else "W^{(l)}"
    lhs = matrix(rf"\frac{{\partial L}}{{\partial {name}}}", *param.shape)
    rhs = (
        gradients.bias_gradient(g.delta)
        if of_bias
        else gradients.weight_gradient(g.delta, g.a_prev)
    )

    # General sizes: z(l)_{j'i} as a Sum over a symbolic range, differentiated by SymPy.
    z_l = sp.Sum(g.w[_r, _p] * g.a_prev[_p, i], (_p, 0, g.n_prev - 1)) + g.b[_r, 0]
    entry = g.b[j, 0] if of_bias else g.w[j, k]
    local = sp.diff(z_l, entry).doit()
    contracted = _sum_out(g.delta[_r, i] * local, (_r, 0, g.n - 1))
    derivation = sp.Sum(contracted, (i, 0, g.m - 1))

    z_i, d_i = sp.IndexedBase(g.z.name), sp.IndexedBase(g.delta.name)
    a_i, p_i = sp.IndexedBase(g.a_prev.name), sp.IndexedBase(name)
    shown = p_i[j] if of_bias else p_i[j, k]
    rest, big_l = sp.Symbol("r"), sp.Symbol("L")
    z_model = shown + rest if of_bias else shown * a_i[k, i] + rest
    local_shown = sp.diff(z_model, shown)
    what = "bias" if of_bias else "weight"
    plural = "biases" if of_bias else "weights"
    return Result(
        label=f"eq-grad-{'b' if of_bias else 'w'}-general",
        title=f"The gradient of the {plural} of any layer",
        statement=(
            "∂L/∂b(l) = Σ over samples of δ(l), for every layer l."
            if of_bias
            else "∂L/∂W(l) = δ(l) (a(l−1))ᵀ, summed over the batch, for every layer l (a(0) = X)."
        ),
        lhs=lhs,
        rhs=rhs,
        steps=(
            Step(
                f"Chain rule: the {what} enters L through z(l)_ji of every sample i.",
                Partial(big_l, shown),
                sp.Sum(Partial(big_l, z_i[j, i]) * Partial(z_i[j, i], shown), (i, 1, g.m)),
            ),
            Step("First factor: the delta, by definition.", Partial(big_l, z_i[j, i]), d_i[j, i]),
            Step(
                "Second factor: differentiate z(l)_ji = "
                + (
                    "b_j + (terms without b_j)."
                    if of_bias
                    else "W_jk a(l−1)_ki + (terms without W_jk)."
                ),
                Partial(z_i[j, i], shown),
                local_shown,
            ),
            Step(
                "The product, summed over the samples.",
                Partial(big_l, shown),
                sp.Sum(d_i[j, i] * local_shown, (i, 1, g.m)),
            ),
            Step("All entries at once.", lhs, rhs),
        ),
        derivation=canonical(derivation),
        closed_form=canonical(_entry(rhs, j, k if not of_bias else 0)),
        instance=_GENERAL,
        formula=(
            Formula(("delta",), gradients.bias_gradient)
            if of_bias
            else Formula(("delta", "a_prev"), gradients.weight_gradient)
        ),
    )


def grad_w_general(g: GeneralSymbols | None = None) -> Result:
    """Return ``eq-grad-w-general``: ∂L/∂W⁽ˡ⁾ = δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ for any sizes."""
    return _gradient_general(g or general_symbols(), of_bias=False)


def grad_b_general(g: GeneralSymbols | None = None) -> Result:
    """Return ``eq-grad-b-general``: ∂L/∂b⁽ˡ⁾ = Σ_i δ⁽ˡ⁾_{:,i} for any sizes."""
    return _gradient_general(g or general_symbols(), of_bias=True)
