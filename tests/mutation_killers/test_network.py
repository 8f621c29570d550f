"""Mutation killers for backprop.network: the state and the refusals of one Network.

``nox -s mutation`` runs mutmut over ``backprop/``; each test in tests/mutation_killers/
pins down behaviour that some surviving mutant changed, which the rest of the suite let
survive. Here: the empty forward state of a new network, and what forward,
backward and step refuse, with the exact message that names the argument at fault.
"""

import numpy as np
import pytest

import backprop as bp


def test_a_new_network_has_empty_forward_state() -> None:
    for net in (
        bp.Network([2, 2, 1], seed=0),
        bp.Network.from_parameters([np.zeros((1, 2))], [np.zeros((1, 1))]),
    ):
        assert net.zs == []
        assert net.activations == []


def test_the_cross_entropy_refuses_targets_above_one() -> None:
    net = bp.Network([2, 1], seed=0, loss="cross_entropy")
    with pytest.raises(ValueError, match=r"needs targets in \[0, 1\], but y holds values from"):
        net.backward(np.zeros((2, 2)), [[0.5, 1.5]])


def test_forward_refuses_weights_and_biases_of_different_lengths() -> None:
    net = bp.Network([2, 2, 1], seed=0)
    net.biases = net.biases[:1]
    with pytest.raises(ValueError, match="zip"):
        net.forward(np.zeros((2, 3)))


def test_network_forward_names_x_in_its_error() -> None:
    with pytest.raises(ValueError, match=r"^X has 3 rows, but the network expects 2 inputs"):
        bp.Network([2, 2, 1], seed=0).forward(np.zeros((3, 4)))


@pytest.mark.parametrize(
    ("rate", "error", "message"),
    [
        (0.0, ValueError, "learning_rate must be a finite positive number, got 0.0"),
        ("fast", TypeError, "learning_rate must be a finite positive number, got 'fast' (str)"),
    ],
)
def test_network_step_names_the_learning_rate_it_refuses(
    rate: object, error: type[Exception], message: str
) -> None:
    X, y = bp.xor()
    net = bp.Network([2, 2, 1], seed=0)
    with pytest.raises(error) as raised:
        net.step(net.backward(X, y), learning_rate=rate)  # type: ignore[arg-type]
    assert str(raised.value) == message


def test_a_gradient_of_the_wrong_shape_is_refused_with_the_layer_sizes() -> None:
    X, y = bp.xor()
    net = bp.Network([2, 2, 1], seed=0)
    grads = net.backward(X, y)
    wrong = bp.Gradients([grads.weights[0], np.zeros((2, 2))], grads.biases, grads.deltas)
    with pytest.raises(ValueError, match=r"grads.weights\[1\]") as raised:
        net.step(wrong, learning_rate=0.1)
    assert str(raised.value) == (
        "grads.weights[1] has shape (2, 2), but the network's weights[1] has shape (1, 2) "
        "(layer sizes [2, 2, 1])"
    )
