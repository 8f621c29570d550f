"""Every bad input gets a clear error naming what was expected and what was given, and
changes nothing."""

import numpy as np
import pytest

import backprop as bp
from tests.support import assert_unchanged, snapshot


@pytest.mark.parametrize(
    ("sizes", "error", "message"),
    [
        ([2], ValueError, r"at least two entries .* got 1: \[2\]"),
        ([], ValueError, r"at least two entries .* got 0"),
        ([2, 0, 1], ValueError, r"positive integer, got \[2, 0, 1\]"),
        ([2, -3, 1], ValueError, r"positive integer, got \[2, -3, 1\]"),
        ([2, 2.0, 1], TypeError, r"integers only, got 2.0 \(float\)"),
        ([2, True, 1], TypeError, r"integers only, got True \(bool\)"),
        ([2, "2", 1], TypeError, r"integers only, got '2' \(str\)"),
        ("221", TypeError, r"sequence of positive integers .* got '221' \(str\)"),
        (3, TypeError, r"sequence of positive integers .* got 3 \(int\)"),
        (None, TypeError, r"sequence of positive integers .* got None"),
    ],
)
def test_layer_sizes_must_be_at_least_two_positive_integers(sizes, error, message):
    with pytest.raises(error, match=message):
        bp.Network(sizes, seed=0)


def test_numpy_integer_layer_sizes_are_accepted():
    assert bp.Network(np.array([2, 3, 1]), seed=0).layer_sizes == (2, 3, 1)


@pytest.mark.parametrize(
    ("X", "message"),
    [
        (
            np.zeros((3, 4)),
            r"X has 3 rows, but the network expects 2 inputs \(layer sizes \[2, 2, 1\]\)",
        ),
        (np.zeros((4, 2)), r"X has 4 rows, but the network expects 2 inputs"),
        (
            np.zeros(2),
            r"X must be a 2-D array of shape \(2, n_samples\).*got an array of shape \(2,\)",
        ),
        (np.zeros((2, 4, 1)), r"2-D array .* shape \(2, 4, 1\)"),
        (np.zeros((2, 0)), r"X has no samples"),
        (np.array([[0.0, np.nan], [1.0, 0.0]]), r"X must contain finite numbers only, got 1 NaN"),
        (np.array([[0.0, np.inf], [-np.inf, 0.0]]), r"got 2 NaN or infinite entries"),
    ],
)
def test_forward_refuses_inputs_of_the_wrong_shape_or_not_finite(network, X, message):
    with pytest.raises(ValueError, match=message):
        network.forward(X)


def test_forward_refuses_inputs_that_are_not_numbers(network):
    with pytest.raises(TypeError, match="X must be an array of real numbers"):
        network.forward([["a", "b"], ["c", "d"]])


@pytest.mark.parametrize(
    ("y", "message"),
    [
        (np.zeros((1, 3)), r"X has 4 samples \(columns\) but y has 3"),
        (np.zeros((2, 4)), r"y has 2 rows, but the network expects 1 outputs"),
        (np.zeros(4), r"y must be a 2-D array of shape \(1, n_samples\)"),
        (np.array([[0.0, 1.0, np.nan, 0.0]]), r"y must contain finite numbers only"),
    ],
)
def test_backward_and_train_refuse_bad_targets_and_change_nothing(network, xor_data, y, message):
    X, _ = xor_data
    before = snapshot(network)
    with pytest.raises(ValueError, match=message):
        network.backward(X, y)
    with pytest.raises(ValueError, match=message):
        network.train(X, y, epochs=3, learning_rate=0.1)
    assert_unchanged(network, before)


@pytest.mark.parametrize(
    ("rate", "error", "message"),
    [
        (0.0, ValueError, r"finite positive number, got 0.0"),
        (-0.1, ValueError, r"finite positive number, got -0.1"),
        (float("nan"), ValueError, r"finite positive number, got nan"),
        (float("inf"), ValueError, r"finite positive number, got inf"),
        ("0.1", TypeError, r"finite positive number, got '0.1' \(str\)"),
        (True, TypeError, r"finite positive number, got True \(bool\)"),
        (None, TypeError, r"finite positive number, got None"),
    ],
)
def test_learning_rate_must_be_finite_and_positive(network, xor_data, rate, error, message):
    grads = network.backward(*xor_data)
    before = snapshot(network)
    with pytest.raises(error, match=message):
        network.step(grads, learning_rate=rate)
    with pytest.raises(error, match=message):
        network.train(*xor_data, epochs=3, learning_rate=rate)
    assert_unchanged(network, before)


@pytest.mark.parametrize(
    ("epochs", "error", "message"),
    [
        (0, ValueError, "epochs must be at least 1, got 0"),
        (-5, ValueError, "epochs must be at least 1, got -5"),
        (1.5, TypeError, r"integer of at least 1, got 1.5 \(float\)"),
        (True, TypeError, r"integer of at least 1, got True \(bool\)"),
    ],
)
def test_epochs_must_be_an_integer_of_at_least_one(network, xor_data, epochs, error, message):
    before = snapshot(network)
    with pytest.raises(error, match=message):
        network.train(*xor_data, epochs=epochs, learning_rate=0.1)
    assert_unchanged(network, before)


def test_numpy_scalars_are_accepted_for_epochs_and_learning_rate(network, xor_data):
    history = network.train(*xor_data, epochs=np.int64(2), learning_rate=np.float32(0.1))
    assert history.shape == (2,)


def test_step_refuses_something_that_is_not_gradients(network):
    before = snapshot(network)
    with pytest.raises(TypeError, match=r"Gradients that backward\(\) returns, got \{\} \(dict\)"):
        network.step({}, learning_rate=0.1)
    assert_unchanged(network, before)


def test_step_refuses_gradients_of_another_architecture_and_changes_nothing(network, xor_data):
    other = bp.Network([2, 3, 1], seed=0).backward(*xor_data)
    before = snapshot(network)
    with pytest.raises(
        ValueError,
        match=r"grads.weights\[0\] has shape \(3, 2\), but the network's weights\[0\] "
        r"has shape \(2, 2\)",
    ):
        network.step(other, learning_rate=0.1)
    assert_unchanged(network, before)


def test_step_refuses_gradients_with_the_wrong_number_of_layers(network, xor_data):
    deeper = bp.Network([2, 2, 2, 1], seed=0).backward(*xor_data)
    with pytest.raises(ValueError, match=r"grads.weights has 3 entries, but the network has 2"):
        network.step(deeper, learning_rate=0.1)


def test_step_refuses_a_bad_last_gradient_without_updating_the_first_layers(network, xor_data):
    grads = network.backward(*xor_data)
    bad = bp.Gradients(
        weights=grads.weights,
        biases=[*grads.biases[:-1], np.full_like(grads.biases[-1], np.nan)],
        deltas=grads.deltas,
    )
    before = snapshot(network)
    with pytest.raises(ValueError, match=r"grads.biases\[1\] holds NaN or infinite entries"):
        network.step(bad, learning_rate=0.1)
    assert_unchanged(network, before)


@pytest.mark.parametrize(
    ("weights", "biases", "message"),
    [
        ([], [], "non-empty lists of the same length"),
        ([np.zeros((2, 2))], [], "got 1 weights and 0 biases"),
        (
            [np.zeros((2, 2)), np.zeros((1, 3))],
            [np.zeros((2, 1)), np.zeros((1, 1))],
            r"weights\[1\] must have shape \(n_out, 2\) .* got shape \(1, 3\)",
        ),
        (
            [np.zeros((2, 2))],
            [np.zeros(2)],
            r"biases\[0\] must have shape \(2, 1\), got shape \(2,\)",
        ),
        ([np.full((2, 2), np.inf)], [np.zeros((2, 1))], r"weights\[0\] holds NaN or infinite"),
        ([np.zeros(4)], [np.zeros((2, 1))], r"weights\[0\] must have shape"),
    ],
)
def test_from_parameters_checks_that_the_shapes_chain(weights, biases, message):
    with pytest.raises(ValueError, match=message):
        bp.Network.from_parameters(weights, biases)


def test_from_parameters_copies_its_arguments():
    W = [np.ones((2, 2)), np.ones((1, 2))]
    b = [np.zeros((2, 1)), np.zeros((1, 1))]
    net = bp.Network.from_parameters(W, b)
    W[0][0, 0] = 99.0
    assert net.weights[0][0, 0] == 1.0
    assert net.layer_sizes == (2, 2, 1)
