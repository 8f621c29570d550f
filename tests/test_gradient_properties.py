"""Finite differences and properties of the gradients, on random architectures and batches.

These checks use no derivation at all: they test ``Network.backward`` against the
definition of a derivative and against properties any correct gradient of a summed loss has.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import backprop as bp

architectures = st.lists(st.integers(1, 4), min_size=2, max_size=5)


@st.composite
def problems(draw):
    """A random network, batch and targets, all float64."""
    sizes = draw(architectures)
    samples = draw(st.integers(1, 6))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    network = bp.Network(sizes, seed=seed)
    X = rng.standard_normal((sizes[0], samples))
    y = rng.random((sizes[-1], samples))
    return network, X, y


def _loss(network, X, y):
    return bp.mse(network.forward(X), y)


def _central_difference(network, X, y, parameter, h=1e-5):
    """∂L/∂θ by the five-point stencil, entry by entry, restoring θ afterwards."""
    estimate = np.empty_like(parameter)
    for index in np.ndindex(parameter.shape):
        original = parameter[index]
        values = []
        for shift in (-2, -1, 1, 2):
            parameter[index] = original + shift * h
            values.append(_loss(network, X, y))
        parameter[index] = original
        estimate[index] = (values[0] - 8 * values[1] + 8 * values[2] - values[3]) / (12 * h)
    return estimate


@settings(max_examples=60, deadline=None)
@given(problems())
def test_backward_matches_finite_differences_on_every_parameter(problem):
    network, X, y = problem
    grads = network.backward(X, y)
    scale = max(1.0, _loss(network, X, y))
    for analytic, parameter in zip(
        grads.weights + grads.biases, network.weights + network.biases, strict=True
    ):
        numeric = _central_difference(network, X, y, parameter)
        # The stencil's truncation error is O(h⁴) ≈ 1e-20; rounding in L costs about
        # eps·L/h ≈ 2e-11·L, the absolute floor below. Everything above it: relative 1e-7.
        np.testing.assert_allclose(analytic, numeric, rtol=1e-7, atol=5e-11 * scale)


@settings(max_examples=40, deadline=None)
@given(problems())
def test_the_gradient_of_a_batch_is_the_sum_of_the_per_sample_gradients(problem):
    network, X, y = problem
    batch = network.backward(X, y)
    singles = [network.backward(X[:, [s]], y[:, [s]]) for s in range(X.shape[1])]
    for layer, expected in enumerate(batch.weights):
        total = sum(single.weights[layer] for single in singles)
        np.testing.assert_allclose(total, expected, rtol=1e-12, atol=1e-15)
    for layer, expected in enumerate(batch.biases):
        total = sum(single.biases[layer] for single in singles)
        np.testing.assert_allclose(total, expected, rtol=1e-12, atol=1e-15)


@settings(max_examples=40, deadline=None)
@given(problems(), st.randoms(use_true_random=False))
def test_permuting_the_samples_changes_no_gradient(problem, random):
    network, X, y = problem
    order = list(range(X.shape[1]))
    random.shuffle(order)
    original = network.backward(X, y)
    permuted = network.backward(X[:, order], y[:, order])
    for got, want in zip(
        permuted.weights + permuted.biases, original.weights + original.biases, strict=True
    ):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
    for got, want in zip(permuted.deltas, original.deltas, strict=True):
        # Same numbers in another column: only the matrix kernel's rounding may differ.
        np.testing.assert_allclose(got, want[:, order], rtol=1e-12, atol=1e-15)


@given(st.floats(-1e308, 1e308, allow_nan=False))
def test_sigmoid_of_minus_z_is_one_minus_sigmoid_of_z(z):
    # Both sides are rounded to float64 near 1: allow two units in the last place of 1.0.
    assert bp.sigmoid(-z) == pytest.approx(1.0 - bp.sigmoid(z), rel=0, abs=2 * np.spacing(1.0))


@settings(max_examples=20, deadline=None)
@given(architectures, st.integers(0, 2**32 - 1))
def test_training_is_deterministic_for_a_seed(sizes, seed):
    rng = np.random.default_rng(seed)
    X, y = rng.standard_normal((sizes[0], 3)), rng.random((sizes[-1], 3))
    first, second = bp.Network(sizes, seed=seed), bp.Network(sizes, seed=seed)
    np.testing.assert_array_equal(first.train(X, y, 20, 0.5), second.train(X, y, 20, 0.5))
    for p, q in zip(first.weights + first.biases, second.weights + second.biases, strict=True):
        np.testing.assert_array_equal(p, q)
