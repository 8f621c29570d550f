r"""The answers of the derivation pages' code exercises, each derived from the definitions.

The variants change one thing in the network of the site: tanh in place of σ (in the
hidden layer, or at the output), a linear output unit, or the mean loss C = L/m in
place of the sum L. With tanh(z) = (eᶻ − e⁻ᶻ)/(eᶻ + e⁻ᶻ) the derivative is 1 − tanh²(z),
so a function that receives the activation a = tanh(z) computes it as 1 − a ⊙ a.
Each closed form is proved equal, entry by entry, to what ``sympy.diff`` gives from the
definitions on the 2-2-1 network with a batch of three samples.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp

from derivations.exercise_type import Exercise, OneMinusSquare
from derivations.loss import error
from derivations.network import entries, gradient, loss, neuron_layer, symbols
from derivations.notation import SampleSum, explicit, matrix
from derivations.output_delta import delta_from_loss

__all__ = ["EXERCISES"]


def _tanh(u: Any) -> Any:
    """Return tanh from its definition, (eᵘ − e⁻ᵘ)/(eᵘ + e⁻ᵘ): no SymPy rule for tanh is used."""
    return (sp.exp(u) - sp.exp(-u)) / (sp.exp(u) + sp.exp(-u))


NET = symbols()
_W2, _D2, _A1, _A2, _Y = NET.w[2], NET.delta[2], NET.a[1], NET.a[2], NET.y
_M = sp.Symbol("m", positive=True, integer=True)


# tanh-derivative -----------------------------------------------------------------------------


def _tanh_derivative_form(a: Any) -> Any:
    return OneMinusSquare(a)


def _derive_tanh_derivative() -> tuple[Any, Any]:
    z = entries(NET.z[1])
    derivation = z.applyfunc(lambda u: sp.diff(_tanh(u), u))
    a = matrix("A", *z.shape)
    return derivation, explicit(_tanh_derivative_form(a), {a: z.applyfunc(_tanh)})


# linear-output-delta -------------------------------------------------------------------------


def _linear_output_delta_form(a: Any, y: Any) -> Any:
    return error(a, y)


def _derive_linear_output_delta() -> tuple[Any, Any]:
    z, y = entries(NET.z[2]), entries(_Y)
    # A linear output unit: a = z, so L = ½ Σ (z − y)².
    derivation = gradient(loss(z, y), z)
    return derivation, explicit(_linear_output_delta_form(_A2, _Y), {_A2: z, _Y: y})


# tanh-output-delta ---------------------------------------------------------------------------


def _tanh_output_delta_form(a: Any, y: Any) -> Any:
    return sp.HadamardProduct(error(a, y), OneMinusSquare(a))


def _derive_tanh_output_delta() -> tuple[Any, Any]:
    z, y = entries(NET.z[2]), entries(_Y)
    a = z.applyfunc(_tanh)
    derivation = gradient(loss(a, y), z)
    return derivation, explicit(_tanh_output_delta_form(_A2, _Y), {_A2: a, _Y: y})


# tanh-hidden-delta ---------------------------------------------------------------------------


def _tanh_hidden_delta_form(w_next: Any, delta_next: Any, a: Any) -> Any:
    return sp.HadamardProduct(w_next.T * delta_next, OneMinusSquare(a))


def _derive_tanh_hidden_delta() -> tuple[Any, Any]:
    z1, y, w2 = entries(NET.z[1]), entries(_Y), entries(_W2)
    a1 = z1.applyfunc(_tanh)
    z2, a2 = neuron_layer(w2, entries(NET.b[2]), a1)
    derivation = gradient(loss(a2, y), z1)
    # δ⁽²⁾ of the sigmoid output, differentiated from the loss, at this network's z⁽²⁾.
    z2_free = entries(NET.z[2])
    delta2 = delta_from_loss(z2_free, y).xreplace(dict(zip(z2_free, z2, strict=True)))
    values = {_W2: w2, _D2: delta2, _A1: a1}
    return derivation, explicit(_tanh_hidden_delta_form(_W2, _D2, _A1), values)


# mean-loss-gradient --------------------------------------------------------------------------


def _mean_gradient(delta: Any, a_prev: Any, m: Any) -> Any:
    return sp.MatMul(1 / m, delta, a_prev.T)


def _mean_loss_gradient_form(delta: Any, a_prev: Any) -> Any:
    # The batch size is the number of columns (samples) of δ.
    return _mean_gradient(delta, a_prev, sp.Integer(delta.shape[1]))


def _derive_mean_loss_gradient() -> tuple[Any, Any]:
    y, w2 = entries(_Y), entries(_W2)
    _, a1 = neuron_layer(entries(NET.w[1]), entries(NET.b[1]), entries(NET.a[0]))
    z2, a2 = neuron_layer(w2, entries(NET.b[2]), a1)
    # C = L/m, differentiated with respect to every entry of W⁽²⁾.
    derivation = gradient(loss(a2, y) / NET.m, w2)
    z2_free = entries(NET.z[2])
    delta2 = delta_from_loss(z2_free, y).xreplace(dict(zip(z2_free, z2, strict=True)))
    return derivation, explicit(_mean_loss_gradient_form(_D2, _A1), {_D2: delta2, _A1: a1})


def _mean_loss_gradient_shown(delta: Any, a_prev: Any) -> Any:
    return _mean_gradient(delta, a_prev, _M)


# mean-loss-bias-gradient ---------------------------------------------------------------------


def _mean_bias(delta: Any, m: Any) -> Any:
    return sp.MatMul(1 / m, SampleSum(delta))


def _mean_loss_bias_gradient_form(delta: Any) -> Any:
    # As for the weights: the batch size is the number of columns of δ.
    return _mean_bias(delta, sp.Integer(delta.shape[1]))


def _derive_mean_loss_bias_gradient() -> tuple[Any, Any]:
    y, b2 = entries(_Y), entries(NET.b[2])
    _, a1 = neuron_layer(entries(NET.w[1]), entries(NET.b[1]), entries(NET.a[0]))
    z2, a2 = neuron_layer(entries(_W2), b2, a1)
    # C = L/m, differentiated with respect to the output bias.
    derivation = gradient(loss(a2, y) / NET.m, b2)
    z2_free = entries(NET.z[2])
    delta2 = delta_from_loss(z2_free, y).xreplace(dict(zip(z2_free, z2, strict=True)))
    return derivation, explicit(_mean_loss_bias_gradient_form(_D2), {_D2: delta2})


def _mean_loss_bias_gradient_shown(delta: Any) -> Any:
    return _mean_bias(delta, _M)


_INSTANCE = "the 2-2-1 network, batch of m = 3 samples"

#: Every exercise with a function for an answer, by name, in the order of the pages.
EXERCISES: Mapping[str, Exercise] = {
    exercise.name: exercise
    for exercise in (
        Exercise(
            name="tanh-derivative",
            function="tanh_derivative",
            arguments=("a",),
            parameters=("a",),
            label="eq-sigmoid-derivative-output",
            title="tanh′ from tanh's output",
            lhs=sp.Symbol(r"\tanh'(z)"),
            closed_form=_tanh_derivative_form,
            display=(sp.MatrixSymbol("a", 1, 1),),
            derive=_derive_tanh_derivative,
            instance="every weighted input of the hidden layer, 2 × 3",
            shapes=(((1, 7),), ((2, 3),), ((3, 3),)),
            ranges=((-0.99, 0.99),),
            seed=20_263_100,
        ),
        Exercise(
            name="linear-output-delta",
            function="linear_output_delta",
            arguments=("a", "y"),
            parameters=("a", "y"),
            label="eq-output-delta",
            title="the output delta of a linear output unit",
            lhs=_D2,
            closed_form=_linear_output_delta_form,
            display=(_A2, _Y),
            derive=_derive_linear_output_delta,
            instance=_INSTANCE + ", a linear output unit",
            shapes=(((1, 4), (1, 4)), ((2, 3), (2, 3)), ((3, 3), (3, 3))),
            ranges=((-2.0, 2.0), (0.0, 1.0)),
            seed=20_263_200,
        ),
        Exercise(
            name="tanh-output-delta",
            function="tanh_output_delta",
            arguments=("a", "y"),
            parameters=("a", "y"),
            label="eq-output-delta-general",
            title="the output delta of a tanh output unit",
            lhs=_D2,
            closed_form=_tanh_output_delta_form,
            display=(_A2, _Y),
            derive=_derive_tanh_output_delta,
            instance=_INSTANCE + ", a tanh output unit",
            shapes=(((1, 4), (1, 4)), ((2, 3), (2, 3)), ((3, 3), (3, 3))),
            ranges=((-0.95, 0.95), (-1.0, 1.0)),
            seed=20_263_300,
        ),
        Exercise(
            name="tanh-hidden-delta",
            function="tanh_hidden_delta",
            arguments=("W_next", "delta_next", "a"),
            parameters=("w_next", "delta_next", "a"),
            label="eq-hidden-delta",
            title="the hidden delta of a tanh hidden layer",
            lhs=NET.delta[1],
            closed_form=_tanh_hidden_delta_form,
            display=(_W2, _D2, _A1),
            derive=_derive_tanh_hidden_delta,
            instance=_INSTANCE + ", a tanh hidden layer",
            shapes=(
                ((3, 3), (3, 3), (3, 3)),
                ((2, 2), (2, 2), (2, 2)),
                ((1, 2), (1, 3), (2, 3)),
                ((2, 4), (2, 2), (4, 2)),
            ),
            ranges=((-1.0, 1.0), (-0.25, 0.25), (-0.95, 0.95)),
            seed=20_263_400,
        ),
        Exercise(
            name="mean-loss-gradient",
            function="mean_loss_weight_gradient",
            arguments=("delta", "a_prev"),
            parameters=("delta", "a_prev"),
            label="eq-grad-w2",
            title="the weight gradient of the mean loss C = L/m",
            lhs=sp.MatrixSymbol(r"\frac{\partial C}{\partial W^{(2)}}", 1, 2),
            closed_form=_mean_loss_gradient_form,
            display=(_D2, _A1),
            derive=_derive_mean_loss_gradient,
            instance=_INSTANCE + ", C = L/m",
            shapes=(((3, 3), (3, 3)), ((1, 3), (2, 3)), ((2, 2), (4, 2)), ((2, 4), (2, 4))),
            ranges=((-0.25, 0.25), (0.0, 1.0)),
            seed=20_263_500,
            shown=_mean_loss_gradient_shown,
        ),
        Exercise(
            name="mean-loss-bias-gradient",
            function="mean_loss_bias_gradient",
            arguments=("delta",),
            parameters=("delta",),
            label="eq-grad-b2",
            title="the bias gradient of the mean loss C = L/m",
            lhs=sp.MatrixSymbol(r"\frac{\partial C}{\partial b^{(2)}}", 1, 1),
            closed_form=_mean_loss_bias_gradient_form,
            display=(_D2,),
            derive=_derive_mean_loss_bias_gradient,
            instance=_INSTANCE + ", C = L/m",
            shapes=(((1, 3),), ((2, 4),), ((3, 1),), ((4, 5),)),
            ranges=((-0.25, 0.25),),
            seed=20_263_600,
            shown=_mean_loss_bias_gradient_shown,
        ),
    )
}
