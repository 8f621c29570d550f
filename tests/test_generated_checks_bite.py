"""The generated checks bite: wrong formulas make them fail.

Each wrong variant is a classic backpropagation bug. It is given to the generated
``check_*`` functions directly, and patched into the ``backprop`` module that
``Network`` looks its formulas up in, so that ``Network.forward``/``backward``/``step``
compute with it. Either way the generated checks must raise ``AssertionError``.
"""

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import backprop as bp
import backprop.activations
import backprop.deltas
import backprop.gradients
import backprop.update
from tests.generated import test_forward as forward_checks
from tests.generated import test_gradients as gradient_checks
from tests.generated import test_hidden_delta as hidden_checks
from tests.generated import test_output_delta as output_checks
from tests.generated import test_sigmoid as sigmoid_checks
from tests.generated import test_update as update_checks

Array = np.ndarray


# The wrong variants ----------------------------------------------------------------------


def sigmoid_flipped(z: Array) -> Array:
    return 1.0 / (1.0 + np.exp(z))


def sigmoid_prime_of_activation(a: Array) -> Array:
    """σ′ applied to a as if it were z: σ(a)(1 − σ(a)) instead of a(1 − a)."""
    return bp.sigmoid_prime(a)


def sigmoid_prime_from_z_as_if_a(z: Array) -> Array:
    """The opposite confusion: z(1 − z) instead of σ(z)(1 − σ(z))."""
    z = np.asarray(z, dtype=np.float64)
    return z * (1.0 - z)


def output_delta_without_sigma_prime(a: Array, y: Array) -> Array:
    return a - y


def output_delta_sigma_prime_of_activation(a: Array, y: Array) -> Array:
    return (a - y) * bp.sigmoid_prime(a)


def output_delta_matrix_product(a: Array, y: Array) -> Array:
    return (a - y) @ bp.sigmoid_derivative(a)


def output_delta_flipped_sign(a: Array, y: Array) -> Array:
    return (y - a) * bp.sigmoid_derivative(a)


def hidden_delta_untransposed(w_next: Array, delta_next: Array, a: Array) -> Array:
    return (w_next @ delta_next) * bp.sigmoid_derivative(a)


def hidden_delta_matrix_product(w_next: Array, delta_next: Array, a: Array) -> Array:
    return (w_next.T @ delta_next) @ bp.sigmoid_derivative(a)


def hidden_delta_without_sigma_prime(w_next: Array, delta_next: Array, a: Array) -> Array:
    del a
    return w_next.T @ delta_next


def weight_gradient_mean(delta: Array, a_prev: Array) -> Array:
    return delta @ a_prev.T / delta.shape[1]


def weight_gradient_transposed(delta: Array, a_prev: Array) -> Array:
    return a_prev @ delta.T


def bias_gradient_wrong_axis(delta: Array) -> Array:
    return delta.sum(axis=0, keepdims=True)


def bias_gradient_not_summed(delta: Array) -> Array:
    return delta


def bias_gradient_mean(delta: Array) -> Array:
    return delta.mean(axis=1, keepdims=True)


def update_flipped_sign(theta: Array, grad: Array, learning_rate: float) -> Array:
    return theta + learning_rate * grad


# Direct: the check_* functions on the wrong formula -------------------------------------

DIRECT: list[tuple[Callable[[Any], None], Callable[..., Any]]] = [
    (sigmoid_checks.check_sigmoid, sigmoid_flipped),
    (sigmoid_checks.check_sigmoid_derivative, sigmoid_prime_of_activation),
    (sigmoid_checks.check_sigmoid_prime, sigmoid_prime_from_z_as_if_a),
    (output_checks.check_output_delta, output_delta_without_sigma_prime),
    (output_checks.check_output_delta, output_delta_sigma_prime_of_activation),
    (output_checks.check_output_delta, output_delta_matrix_product),
    (output_checks.check_output_delta, output_delta_flipped_sign),
    (hidden_checks.check_hidden_delta, hidden_delta_untransposed),
    (hidden_checks.check_hidden_delta, hidden_delta_matrix_product),
    (hidden_checks.check_hidden_delta, hidden_delta_without_sigma_prime),
    (gradient_checks.check_weight_gradient, weight_gradient_mean),
    (gradient_checks.check_weight_gradient, weight_gradient_transposed),
    (gradient_checks.check_bias_gradient, bias_gradient_wrong_axis),
    (gradient_checks.check_bias_gradient, bias_gradient_not_summed),
    (gradient_checks.check_bias_gradient, bias_gradient_mean),
    (update_checks.check_gradient_descent_update, update_flipped_sign),
]


@pytest.mark.parametrize(
    ("check", "wrong"), DIRECT, ids=[f"{c.__name__}-{w.__name__}" for c, w in DIRECT]
)
def test_check_rejects_wrong_formula(
    check: Callable[[Any], None], wrong: Callable[..., Any]
) -> None:
    with pytest.raises(AssertionError):
        check(wrong)


# Through Network: patch the formula Network looks up -----------------------------------

THROUGH_NETWORK: list[tuple[Any, str, Callable[..., Any], Callable[[Any], None]]] = [
    (backprop.activations, "sigmoid", sigmoid_flipped, forward_checks.check_network_forward),
    (
        backprop.activations,
        "sigmoid_derivative",
        sigmoid_prime_of_activation,
        output_checks.check_network_output_delta,
    ),
    (
        backprop.activations,
        "sigmoid_derivative",
        sigmoid_prime_of_activation,
        hidden_checks.check_network_hidden_deltas,
    ),
    (
        backprop.deltas,
        "output_delta",
        output_delta_without_sigma_prime,
        output_checks.check_network_output_delta,
    ),
    (
        backprop.deltas,
        "output_delta",
        output_delta_matrix_product,
        gradient_checks.check_network_gradients,
    ),
    (
        backprop.deltas,
        "hidden_delta",
        hidden_delta_untransposed,
        hidden_checks.check_network_hidden_deltas,
    ),
    (
        backprop.deltas,
        "hidden_delta",
        hidden_delta_matrix_product,
        gradient_checks.check_network_gradients,
    ),
    (
        backprop.gradients,
        "weight_gradient",
        weight_gradient_mean,
        gradient_checks.check_network_gradients,
    ),
    (
        backprop.gradients,
        "bias_gradient",
        bias_gradient_wrong_axis,
        gradient_checks.check_network_gradients,
    ),
    (
        backprop.gradients,
        "bias_gradient",
        bias_gradient_not_summed,
        gradient_checks.check_network_gradients,
    ),
    (
        backprop.gradients,
        "bias_gradient",
        bias_gradient_mean,
        gradient_checks.check_network_gradients,
    ),
    (
        backprop.update,
        "gradient_descent_update",
        update_flipped_sign,
        update_checks.check_network_step,
    ),
]


@pytest.mark.parametrize(
    ("module", "name", "wrong", "check"),
    THROUGH_NETWORK,
    ids=[f"{n}-{w.__name__}-{c.__name__}" for _, n, w, c in THROUGH_NETWORK],
)
def test_network_check_rejects_wrong_formula(
    monkeypatch: pytest.MonkeyPatch,
    module: Any,
    name: str,
    wrong: Callable[..., Any],
    check: Callable[[Any], None],
) -> None:
    monkeypatch.setattr(module, name, wrong)
    with pytest.raises(AssertionError):
        check(bp.Network)


@pytest.mark.parametrize(
    "check",
    [
        forward_checks.check_network_forward,
        output_checks.check_network_output_delta,
        hidden_checks.check_network_hidden_deltas,
        gradient_checks.check_network_gradients,
        update_checks.check_network_step,
    ],
)
def test_network_checks_pass_unpatched(check: Callable[[Any], None]) -> None:
    check(bp.Network)
