"""Mutation killers for backprop.ensemble: an Ensemble is its members, trained side by side.

``nox -s mutation`` runs mutmut over ``backprop/``; each test in tests/mutation_killers/
pins down behaviour that some surviving mutant changed, which the rest of the suite let
survive. Here: deep and shallow ensembles forward and train exactly like
their member networks, seed them from 0, count them from the end, store float64, record
once at the last epoch, and call an infinite loss divergence.
"""

import numpy as np
import pytest

import backprop as bp
from tests.mutation_killers.samples import _noisy


def test_a_deep_cross_entropy_ensemble_trains_like_its_members() -> None:
    X, y = _noisy(6)
    ensemble = bp.Ensemble([2, 3, 3, 1], 2, seed=0, loss="cross_entropy")
    histories = ensemble.train(X, y, epochs=3, learning_rate=0.5)
    for i in range(2):
        net = bp.Network([2, 3, 3, 1], seed=i, loss="cross_entropy")
        expected = net.train(X, y, epochs=3, learning_rate=0.5)
        np.testing.assert_allclose(np.asarray(histories)[..., i].ravel(), expected, rtol=1e-12)


def test_an_ensemble_member_can_be_counted_from_the_end() -> None:
    ensemble = bp.Ensemble([2, 2, 1], 3, seed=0)
    first, last = ensemble.member(-3), ensemble.member(-1)
    for got, want in zip(first.weights, bp.Network([2, 2, 1], seed=0).weights, strict=True):
        np.testing.assert_array_equal(got, want)
    for got, want in zip(last.weights, bp.Network([2, 2, 1], seed=2).weights, strict=True):
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("loss", ["squared_error", "cross_entropy"])
def test_ensemble_forward_of_a_deep_network_is_every_members_forward(loss: str) -> None:
    X, _ = _noisy(5)
    ensemble = bp.Ensemble([2, 3, 3, 1], 3, seed=0, loss=loss)
    outputs = ensemble.forward(X)
    for i in range(3):
        np.testing.assert_allclose(outputs[i], ensemble.member(i).forward(X), rtol=1e-14)


def test_an_ensemble_seeds_its_members_from_0_by_default() -> None:
    member = bp.Ensemble([2, 2, 1], 2).member(1)
    for got, want in zip(member.weights, bp.Network([2, 2, 1], seed=1).weights, strict=True):
        np.testing.assert_array_equal(got, want)


def test_an_ensemble_may_record_once_at_the_last_epoch() -> None:
    X, y = _noisy(5)
    losses = bp.Ensemble([2, 2, 1], 3, seed=0).train(
        X, y, epochs=2, learning_rate=0.1, record_every=2
    )
    assert losses.shape == (1, 3)


def test_an_ensemble_without_hidden_layers_counts_its_members() -> None:
    ensemble = bp.Ensemble([2, 1], 3, seed=0)
    assert ensemble.n_members == 3
    assert ensemble.forward(np.zeros((2, 4))).shape == (3, 1, 4)


def test_an_infinite_loss_with_finite_weights_is_divergence_for_ensembles_too() -> None:
    # Weights of 1e308 are finite, but z = W x overflows: the cross-entropy is infinite.
    net = bp.Network.from_parameters([[[1e308, 1e308]]], [[[0.0]]], loss="cross_entropy")
    X, y = np.array([[10.0], [10.0]]), np.array([[0.0]])
    with pytest.raises(FloatingPointError, match="the loss became inf after epoch 1"):
        net.train(X, y, epochs=1, learning_rate=1e-300)
    ensemble = bp.Ensemble.from_networks([net])
    with pytest.raises(FloatingPointError, match=r"diverged for 1 of 1 members \(0\)"):
        ensemble.train(X, y, epochs=1, learning_rate=1e-300)


def test_an_ensemble_stores_float64_whatever_its_networks_hold() -> None:
    net = bp.Network([2, 2, 1], seed=0)
    net.weights = [W.astype(np.float32) for W in net.weights]
    net.biases = [b.astype(np.float32) for b in net.biases]
    ensemble = bp.Ensemble.from_networks([net])
    assert all(W.dtype == np.float64 for W in ensemble.weights)
    assert all(b.dtype == np.float64 for b in ensemble.biases)


def test_a_deep_squared_error_ensemble_trains_like_its_members() -> None:
    X, y = _noisy(6)
    losses = bp.Ensemble([2, 3, 3, 1], 2, seed=0).train(X, y, epochs=3, learning_rate=0.5)
    for i in range(2):
        expected = bp.Network([2, 3, 3, 1], seed=i).train(X, y, epochs=3, learning_rate=0.5)
        np.testing.assert_allclose(losses[:, i], expected, rtol=1e-12)


def test_a_cross_entropy_ensemble_refuses_targets_above_one() -> None:
    X, y = _noisy(5)
    ensemble = bp.Ensemble([2, 2, 1], 2, seed=0, loss="cross_entropy")
    with pytest.raises(ValueError, match=r"needs targets in \[0, 1\]"):
        ensemble.train(X, y + 1.0, epochs=1, learning_rate=0.1)
