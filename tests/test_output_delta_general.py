"""eq-output-delta-general: proved for an unspecified loss, with the squared error and the
cross-entropy proved to be its instances, and wrong variants refused."""

import dataclasses

import pytest
import sympy as sp

from derivations import REGISTRY
from derivations.network import entries, gradient, loss, symbols
from derivations.notation import explicit, sigma
from derivations.output_delta_general import (
    INSTANCES,
    grad_a_symbol,
    instance_steps,
    prove_instance,
)


def test_output_delta_general_is_registered_and_proved() -> None:
    result = REGISTRY["eq-output-delta-general"]
    assert result.latex() == (
        r"\delta^{(2)} = \nabla_{a^{(2)}} L \odot \sigma'\left(z^{(2)}\right)"
    )
    assert result.prove().proved


def test_output_delta_general_without_sigma_prime_is_not_proved() -> None:
    result = REGISTRY["eq-output-delta-general"]
    net = symbols()
    a, z = entries(net.a[2]), entries(net.z[2])
    unspecified = sp.Function("L")(*a)
    values = {a[r, c]: sigma(z[r, c]) for r in range(a.rows) for c in range(a.cols)}
    wrong = gradient(unspecified, a).subs(values, simultaneous=True)  # ∇ₐL alone
    assert not dataclasses.replace(result, closed_form=wrong).prove().proved


def test_output_delta_general_with_the_slope_of_another_sample_is_not_proved() -> None:
    result = REGISTRY["eq-output-delta-general"]
    rolled = sp.ImmutableMatrix(1, 3, [result.closed_form[(c + 1) % 3] for c in range(3)])
    assert not dataclasses.replace(result, closed_form=rolled).prove().proved


@pytest.mark.parametrize("label", ["eq-output-delta", "eq-output-delta-cross-entropy"])
def test_each_instance_is_proved(label: str) -> None:
    proof = INSTANCES[label]()
    assert proof.proved, proof.difference
    assert proof.label == f"{label} from eq-output-delta-general"


def test_the_squared_error_gradient_does_not_give_the_cross_entropy_delta() -> None:
    def squared_error_gradient(a: sp.Matrix, y: sp.Matrix) -> sp.Matrix:
        return gradient(loss(a, y), a)

    proof = prove_instance("eq-output-delta-cross-entropy", grad_of_loss=squared_error_gradient)
    assert not proof.proved


def test_the_error_with_the_wrong_sign_is_not_the_squared_error_instance() -> None:
    def wrong(a: sp.Matrix, y: sp.Matrix) -> sp.Matrix:
        return y - a

    assert not prove_instance("eq-output-delta", grad_of_loss=wrong).proved


def test_an_unknown_instance_is_refused_with_the_known_ones_named() -> None:
    with pytest.raises(KeyError, match="eq-output-delta-cross-entropy"):
        prove_instance("eq-hidden-delta")
    with pytest.raises(KeyError, match="eq-output-delta"):
        instance_steps("eq-loss")


def test_cross_entropy_instance_steps_end_in_the_error() -> None:
    steps = instance_steps("eq-output-delta-cross-entropy")
    j, i = sp.symbols("j i", integer=True)
    a, y = sp.IndexedBase("a")[j, i], sp.IndexedBase("y")[j, i]
    assert steps[-1].rhs == a - y
    assert sp.cancel(steps[1].rhs - (a - y)) == 0  # the product before cancelling, same value
    assert len(instance_steps("eq-output-delta")) == 2


def test_grad_a_symbol_has_the_shape_of_the_output_layer() -> None:
    net = symbols((2, 3, 2), m=4)
    assert grad_a_symbol(net).shape == (2, 4)
    assert explicit(grad_a_symbol(net)).shape == (2, 4)
