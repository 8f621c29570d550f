r"""The sigmoid and its derivative, in both spellings.

``eq-sigmoid`` defines :math:`\sigma(z) = 1/(1 + e^{-z})`. The proof checks that the
SymPy function :class:`~derivations.notation.sigma` rewrites to exactly this
definition and that the form :math:`e^{z}/(1 + e^{z})` (the one that does not
overflow for large negative :math:`z`) is the same function.

``eq-sigmoid-derivative`` differentiates the definition with the chain rule. Write
:math:`u = 1 + e^{-z}`, so :math:`\sigma = u^{-1}`. The outer factor is
:math:`d\sigma/du = -u^{-2}`, the inner factor
:math:`du/dz = -e^{-z}`; their product is
:math:`e^{-z}/(1 + e^{-z})^2`. Because :math:`1 - \sigma(z) = e^{-z}/(1 + e^{-z})`,
that product is :math:`\sigma(z)(1 - \sigma(z))`. The proof subtracts the closed
form (rewritten in exponentials) from ``sympy.diff`` of the definition and
cancels the difference to exactly 0.

``eq-sigmoid-derivative-output`` writes the same derivative in terms of the
neuron's output :math:`a = \sigma(z)`: :math:`\sigma'(z) = a(1 - a)`. This is the
form the implementation uses in backpropagation, where :math:`a` is already
stored from the forward pass (``sigmoid_derivative(a)``), while
``sigmoid_prime(z)`` takes the input :math:`z`.
"""

from __future__ import annotations

import sympy as sp

from derivations.notation import Ordinary, sigma, sigma_prime
from derivations.result import Formula, Result, Step

__all__ = ["sigmoid", "sigmoid_derivative", "sigmoid_derivative_output"]

z = sp.Symbol("z", real=True)
x = z  # the name derivations.generate reads

a = sp.Symbol("a", real=True)
_definition = 1 / (1 + sp.exp(-z))


def sigmoid() -> Result:
    """Return ``eq-sigmoid``: the definition of σ and its overflow-free form."""
    stable = sp.exp(z) / (1 + sp.exp(z))
    return Result(
        label="eq-sigmoid",
        title="The sigmoid",
        statement="σ(z) = 1 / (1 + exp(−z)), equivalently exp(z) / (1 + exp(z)).",
        lhs=sigma(z),
        rhs=_definition,
        steps=(
            Step("Definition of the logistic sigmoid.", sigma(z), _definition),
            Step("Multiplying numerator and denominator by eᶻ.", sigma(z), stable),
        ),
        derivation=sp.ImmutableMatrix([sigma(z).rewrite(sp.exp), stable]),
        closed_form=sp.ImmutableMatrix([_definition, _definition]),
        instance="a real scalar z",
        formula=Formula(("x",), lambda x_: 1 / (1 + sp.exp(-x_)), scalars=("x",)),
    )


def sigmoid_derivative() -> Result:
    """Return ``eq-sigmoid-derivative``: σ′(z) = σ(z)(1 − σ(z)), by the chain rule."""
    u = sp.Symbol("u", positive=True)
    inner = 1 + sp.exp(-z)
    outer_factor = sp.diff(u**-1, u)
    inner_factor = sp.diff(inner, z)
    product = (outer_factor * inner_factor).subs(u, inner)
    derivation = sp.diff(_definition, z)
    closed = sp.Mul(sigma(z), 1 - sigma(z), evaluate=False)
    first, second = 1 / inner, sp.exp(-z) / inner
    # UnevaluatedExpr keeps the two fractions apart when printed.
    factorised = sp.Mul(sp.UnevaluatedExpr(first), sp.UnevaluatedExpr(second), evaluate=False)
    if sp.cancel(factorised.doit() - product) != 0 or sp.cancel(1 - _definition - second) != 0:
        message = f"the factorisation of {product} into {first} and {second} is wrong"
        raise ArithmeticError(message)
    return Result(
        label="eq-sigmoid-derivative",
        title="The derivative of the sigmoid",
        statement="σ′(z) = σ(z)(1 − σ(z)).",
        lhs=sigma_prime(z),
        rhs=closed,
        steps=(
            Step("Write σ = u⁻¹ with u = 1 + e⁻ᶻ.", u, inner),
            Step("Outer factor: differentiate u⁻¹.", Ordinary(sigma(z), u), outer_factor),
            Step("Inner factor: differentiate 1 + e⁻ᶻ.", Ordinary(u, z), inner_factor),
            Step("Chain rule: multiply the factors, u = 1 + e⁻ᶻ.", sigma_prime(z), product),
            Step(
                "Factorise: split e⁻ᶻ/(1 + e⁻ᶻ)² into two fractions over 1 + e⁻ᶻ.",
                sigma_prime(z),
                factorised,
            ),
            Step(
                "The second fraction is 1 − σ(z) = (1 + e⁻ᶻ − 1)/(1 + e⁻ᶻ).",
                1 - sigma(z),
                second,
            ),
            Step(
                "The first is σ(z) (eq-sigmoid), so the product is σ(z)(1 − σ(z)).",
                sigma_prime(z),
                closed,
            ),
        ),
        derivation=derivation,
        closed_form=closed.rewrite(sp.exp),
        instance="a real scalar z",
        formula=Formula(("x",), lambda x_: sigma(x_) * (1 - sigma(x_)), scalars=("x",)),
    )


def sigmoid_derivative_output() -> Result:
    """Return ``eq-sigmoid-derivative-output``: σ′ in terms of the output a = σ(z)."""
    closed = sp.Mul(a, 1 - a, evaluate=False)
    return Result(
        label="eq-sigmoid-derivative-output",
        title="The derivative of the sigmoid from its output",
        statement="With a = σ(z) the neuron's output, σ′(z) = a(1 − a).",
        lhs=sigma_prime(z),
        rhs=closed,
        steps=(
            Step("Name the output of the sigmoid a.", a, sigma(z)),
            Step("eq-sigmoid-derivative with σ(z) = a.", sigma_prime(z), closed),
        ),
        derivation=sp.diff(_definition, z),
        closed_form=closed.subs(a, sigma(z)).rewrite(sp.exp),
        instance="a real scalar z and a = σ(z)",
        formula=Formula(("a",), lambda a_: a_ * (1 - a_), scalars=("a",)),
    )
