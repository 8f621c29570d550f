r"""The sigmoid and its derivative, in both spellings.

``eq-sigmoid`` defines :math:`\sigma(x) = 1/(1 + e^{-x})`. The proof checks that the
SymPy function :class:`~derivations.notation.sigma` rewrites to exactly this
definition and that the form :math:`e^{x}/(1 + e^{x})` (the one that does not
overflow for large negative :math:`x`) is the same function.

``eq-sigmoid-derivative`` differentiates the definition with the chain rule. Write
:math:`u = 1 + e^{-x}`, so :math:`\sigma = u^{-1}`. The outer factor is
:math:`\partial \sigma/\partial u = -u^{-2}`, the inner factor
:math:`\partial u/\partial x = -e^{-x}`; their product is
:math:`e^{-x}/(1 + e^{-x})^2`. Because :math:`1 - \sigma(x) = e^{-x}/(1 + e^{-x})`,
that product is :math:`\sigma(x)(1 - \sigma(x))`. The proof subtracts the closed
form (rewritten in exponentials) from ``sympy.diff`` of the definition and
cancels the difference to exactly 0.

``eq-sigmoid-derivative-output`` writes the same derivative in terms of the
neuron's output :math:`a = \sigma(x)`: :math:`\sigma'(x) = a(1 - a)`. This is the
form the implementation uses in backpropagation, where :math:`a` is already
stored from the forward pass (``sigmoid_derivative(a)``), while
``sigmoid_prime(z)`` takes the input :math:`z`.
"""

from __future__ import annotations

import sympy as sp

from derivations.notation import Partial, sigma, sigma_prime
from derivations.result import Formula, Result, Step

__all__ = ["sigmoid", "sigmoid_derivative", "sigmoid_derivative_output"]

x = sp.Symbol("x", real=True)
a = sp.Symbol("a", real=True)
_definition = 1 / (1 + sp.exp(-x))


def sigmoid() -> Result:
    """Return ``eq-sigmoid``: the definition of σ and its overflow-free form."""
    stable = sp.exp(x) / (1 + sp.exp(x))
    return Result(
        label="eq-sigmoid",
        title="The sigmoid",
        statement="σ(x) = 1 / (1 + exp(−x)), equivalently exp(x) / (1 + exp(x)).",
        lhs=sigma(x),
        rhs=_definition,
        steps=(
            Step("Definition of the logistic sigmoid.", sigma(x), _definition),
            Step("Multiplying numerator and denominator by eˣ.", sigma(x), stable),
        ),
        derivation=sp.ImmutableMatrix([sigma(x).rewrite(sp.exp), stable]),
        closed_form=sp.ImmutableMatrix([_definition, _definition]),
        instance="a real scalar x",
        formula=Formula(("x",), lambda x_: 1 / (1 + sp.exp(-x_)), scalars=("x",)),
    )


def sigmoid_derivative() -> Result:
    """Return ``eq-sigmoid-derivative``: σ′(x) = σ(x)(1 − σ(x)), by the chain rule."""
    u = sp.Symbol("u", positive=True)
    inner = 1 + sp.exp(-x)
    outer_factor = sp.diff(u**-1, u)
    inner_factor = sp.diff(inner, x)
    product = (outer_factor * inner_factor).subs(u, inner)
    derivation = sp.diff(_definition, x)
    closed = sp.Mul(sigma(x), 1 - sigma(x), evaluate=False)
    return Result(
        label="eq-sigmoid-derivative",
        title="The derivative of the sigmoid",
        statement="σ′(x) = σ(x)(1 − σ(x)).",
        lhs=sigma_prime(x),
        rhs=closed,
        steps=(
            Step("Write σ = u⁻¹ with u = 1 + e⁻ˣ.", u, inner),
            Step("Outer factor: differentiate u⁻¹.", Partial(sigma(x), u), outer_factor),
            Step("Inner factor: differentiate 1 + e⁻ˣ.", Partial(u, x), inner_factor),
            Step("Chain rule: multiply the factors, u = 1 + e⁻ˣ.", sigma_prime(x), product),
            Step(
                "1 − σ(x) = (1 + e⁻ˣ − 1)/(1 + e⁻ˣ), so the product is σ(x)(1 − σ(x)).",
                1 - sigma(x),
                sp.exp(-x) / inner,
            ),
        ),
        derivation=derivation,
        closed_form=closed.rewrite(sp.exp),
        instance="a real scalar x",
        formula=Formula(("x",), lambda x_: sigma(x_) * (1 - sigma(x_)), scalars=("x",)),
    )


def sigmoid_derivative_output() -> Result:
    """Return ``eq-sigmoid-derivative-output``: σ′ in terms of the output a = σ(x)."""
    closed = sp.Mul(a, 1 - a, evaluate=False)
    return Result(
        label="eq-sigmoid-derivative-output",
        title="The derivative of the sigmoid from its output",
        statement="With a = σ(x) the neuron's output, σ′(x) = a(1 − a).",
        lhs=sigma_prime(x),
        rhs=closed,
        steps=(
            Step("Name the output of the sigmoid a.", a, sigma(x)),
            Step("eq-sigmoid-derivative with σ(x) = a.", sigma_prime(x), closed),
        ),
        derivation=sp.diff(_definition, x),
        closed_form=closed.subs(a, sigma(x)).rewrite(sp.exp),
        instance="a real scalar x and a = σ(x)",
        formula=Formula(("a",), lambda a_: a_ * (1 - a_), scalars=("a",)),
    )
