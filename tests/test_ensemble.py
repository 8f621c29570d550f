"""Ensemble: member i is exactly the Network it claims to be, before and after training."""

import tracemalloc

import numpy as np
import pytest

import backprop as bp


def _random_batch(sizes, samples, seed):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((sizes[0], samples)), rng.random((sizes[-1], samples))


def _relative_difference(got, expected):
    return np.abs(got - expected).max() / np.abs(expected).max()


@pytest.mark.parametrize("sizes", [[2, 2, 1], [3, 4, 2], [2, 3, 3, 1]])
def test_member_i_starts_as_the_network_with_seed_plus_i(sizes):
    ensemble = bp.Ensemble(sizes, n_members=5, seed=10)
    for i in range(5):
        expected = bp.Network(sizes, seed=10 + i)
        member = ensemble.member(i)
        for got, want in zip(
            member.weights + member.biases, expected.weights + expected.biases, strict=True
        ):
            np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize(
    ("sizes", "members", "data"),
    [([2, 2, 1], 8, "xor"), ([3, 4, 2], 3, "random"), ([2, 3, 3, 1], 3, "random")],
)
def test_members_follow_the_trajectories_of_separate_networks_for_10000_epochs(
    sizes, members, data
):
    X, y = bp.xor() if data == "xor" else _random_batch(sizes, 5, seed=1)
    ensemble = bp.Ensemble(sizes, n_members=members, seed=0)
    losses = ensemble.train(X, y, epochs=10_000, learning_rate=0.1)
    for i in range(members):
        network = bp.Network(sizes, seed=i)
        history = network.train(X, y, epochs=10_000, learning_rate=0.1)
        assert _relative_difference(losses[:, i], history) <= 1e-10
        member = ensemble.member(i)
        for got, want in zip(
            member.weights + member.biases, network.weights + network.biases, strict=True
        ):
            assert _relative_difference(got, want) <= 1e-10


def test_recording_every_k_epochs_keeps_every_kth_loss():
    X, y = bp.xor()
    every_epoch = bp.Ensemble([2, 2, 1], 4).train(X, y, epochs=300, learning_rate=0.5)
    sparse = bp.Ensemble([2, 2, 1], 4).train(X, y, epochs=300, learning_rate=0.5, record_every=7)
    assert sparse.shape == (300 // 7, 4)
    np.testing.assert_array_equal(sparse, every_epoch[6::7][: 300 // 7])


def test_forward_gives_every_members_outputs():
    X, _ = _random_batch([3, 4, 2], 6, seed=2)
    ensemble = bp.Ensemble([3, 4, 2], n_members=4, seed=5)
    outputs = ensemble.forward(X)
    assert outputs.shape == (4, 2, 6)
    for i in range(4):
        np.testing.assert_allclose(outputs[i], ensemble.member(i).forward(X), rtol=1e-14)


def test_from_networks_and_member_round_trip():
    networks = [bp.Network([2, 3, 1], seed=s) for s in (4, 8, 15)]
    ensemble = bp.Ensemble.from_networks(networks)
    assert len(ensemble) == 3
    assert repr(ensemble) == "Ensemble(layer_sizes=[2, 3, 1], n_members=3)"
    np.testing.assert_array_equal(ensemble.member(-1).weights[0], networks[2].weights[0])
    assert ensemble.weights[0].shape == (3, 3, 2)
    assert ensemble.biases[1].shape == (3, 1, 1)


def test_members_taken_out_are_independent_copies():
    ensemble = bp.Ensemble([2, 2, 1], 2)
    member = ensemble.member(0)
    member.weights[0][0, 0] = 1e3
    assert ensemble.member(0).weights[0][0, 0] != 1e3


def test_forward_gives_no_warnings_for_saturating_weights():
    huge = bp.Network.from_parameters(
        [np.full((2, 2), 1e300), np.full((1, 2), -1e300)], [np.zeros((2, 1)), np.zeros((1, 1))]
    )
    outputs = bp.Ensemble.from_networks([huge]).forward(bp.xor()[0] + 1.0)
    assert np.isfinite(outputs).all()


def test_a_hundred_thousand_2_2_1_networks_train_in_bounded_memory():
    X, y = bp.xor()
    ensemble = bp.Ensemble([2, 2, 1], n_members=100_000)
    tracemalloc.start()
    try:
        ensemble.train(X, y, epochs=3, learning_rate=0.1, record_every=3)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 100,000 members × (9 parameters + about 20 values per sample in work arrays) × 8 bytes.
    assert peak < 150 * 2**20, f"peak {peak / 2**20:.0f} MiB"


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n_members": 0}, ValueError, "n_members must be at least 1, got 0"),
        ({"n_members": 2.5}, TypeError, r"n_members must be an integer of at least 1"),
        ({"seed": -1}, ValueError, "seed must be at least 0, got -1"),
        ({"layer_sizes": [2]}, ValueError, "at least two entries"),
    ],
)
def test_construction_refuses_bad_arguments(kwargs, error, message):
    arguments = {"layer_sizes": [2, 2, 1], "n_members": 3, "seed": 0} | kwargs
    with pytest.raises(error, match=message):
        bp.Ensemble(**arguments)


def test_from_networks_refuses_mixed_architectures_and_non_networks():
    with pytest.raises(ValueError, match=r"network 1 has \[2, 3, 1\]"):
        bp.Ensemble.from_networks([bp.Network([2, 2, 1]), bp.Network([2, 3, 1])])
    with pytest.raises(TypeError, match="non-empty sequence of Network objects"):
        bp.Ensemble.from_networks([])


def test_member_index_must_be_in_range():
    ensemble = bp.Ensemble([2, 2, 1], 3)
    with pytest.raises(IndexError, match="member index 3 is out of range for an ensemble of 3"):
        ensemble.member(3)
    with pytest.raises(TypeError, match="index must be an integer"):
        ensemble.member(1.0)


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"X": np.zeros((3, 4))}, ValueError, r"X has 3 rows, but the network expects 2 inputs"),
        ({"y": np.zeros((1, 3))}, ValueError, r"X has 4 samples \(columns\) but y has 3"),
        ({"y": np.full((1, 4), np.nan)}, ValueError, "y must contain finite numbers only"),
        ({"epochs": 0}, ValueError, "epochs must be at least 1"),
        ({"learning_rate": -1.0}, ValueError, "finite positive number, got -1.0"),
        ({"record_every": 0}, ValueError, "record_every must be at least 1"),
        ({"record_every": 11}, ValueError, r"record_every \(11\) must not exceed epochs \(10\)"),
    ],
)
def test_train_refuses_bad_input_and_changes_nothing(change, error, message):
    X, y = bp.xor()
    arguments = {"X": X, "y": y, "epochs": 10, "learning_rate": 0.1, "record_every": 1} | change
    ensemble = bp.Ensemble([2, 2, 1], 3)
    before = ensemble.weights + ensemble.biases
    with pytest.raises(error, match=message):
        ensemble.train(**arguments)
    for got, want in zip(ensemble.weights + ensemble.biases, before, strict=True):
        np.testing.assert_array_equal(got, want)


def test_divergence_stops_with_a_clear_error_and_restores_every_member():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 1000))
    y = (rng.random((1, 1000)) > 0.5).astype(float)
    ensemble = bp.Ensemble([2, 2, 1], 4, seed=3)
    before = ensemble.weights + ensemble.biases
    with pytest.raises(FloatingPointError, match=r"diverged for \d of 4 members .* restored"):
        ensemble.train(X, y, epochs=5, learning_rate=1.7e308)
    for got, want in zip(ensemble.weights + ensemble.biases, before, strict=True):
        np.testing.assert_array_equal(got, want)


def test_one_learning_rate_per_member_matches_separate_ensembles():
    X, y = bp.xor()
    rates = np.array([0.05, 0.5, 2.0])
    mixed = bp.Ensemble.from_networks([bp.Network([2, 3, 1], seed=7)] * 3)
    losses = mixed.train(X, y, epochs=500, learning_rate=rates, record_every=100)
    for i, rate in enumerate(rates):
        alone = bp.Network([2, 3, 1], seed=7)
        history = alone.train(X, y, epochs=500, learning_rate=rate)
        np.testing.assert_allclose(losses[:, i], history[99::100], rtol=1e-12)
        np.testing.assert_allclose(mixed.member(i).weights[0], alone.weights[0], rtol=1e-12)


@pytest.mark.parametrize(
    ("rates", "error", "message"),
    [
        ([0.1, 0.2], ValueError, r"an array of shape \(3,\), one per member, got shape \(2,\)"),
        ([0.1, 0.0, 0.2], ValueError, "every learning rate must be a finite positive number"),
        ([0.1, np.nan, 0.2], ValueError, "every learning rate must be a finite positive number"),
        (["a", "b", "c"], TypeError, "a finite positive number or one per member"),
    ],
)
def test_per_member_learning_rates_are_checked(rates, error, message):
    X, y = bp.xor()
    ensemble = bp.Ensemble([2, 2, 1], 3)
    before = ensemble.weights
    with pytest.raises(error, match=message):
        ensemble.train(X, y, epochs=5, learning_rate=rates)
    np.testing.assert_array_equal(ensemble.weights[0], before[0])
