"""The cross-entropy loss: stable for saturated outputs, and a choice of Network and Ensemble."""

import math

import numpy as np
import pytest

import backprop as bp
from tests.support import XOR_SEED, assert_unchanged, snapshot


def _by_definition(z, y):
    """−Σ [y log a + (1 − y) log(1 − a)] with a = σ(z), in plain floating point."""
    total = 0.0
    for z_value, y_value in zip(np.ravel(z), np.ravel(y), strict=True):
        a = 1.0 / (1.0 + math.exp(-z_value))
        total -= y_value * math.log(a) + (1.0 - y_value) * math.log(1.0 - a)
    return total


def test_cross_entropy_matches_its_definition_where_the_definition_is_safe():
    rng = np.random.default_rng(0)
    z = rng.uniform(-8.0, 8.0, size=(2, 5))
    y = rng.random((2, 5))
    assert bp.cross_entropy(z, y) == pytest.approx(_by_definition(z, y), rel=1e-12)


@pytest.mark.parametrize(("z", "y", "expected"), [(800.0, 0.0, 800.0), (-800.0, 1.0, 800.0)])
def test_cross_entropy_stays_finite_for_saturated_wrong_outputs(z, y, expected):
    # a = σ(±800) is exactly 1 or 0 in float64, so log(1 − a) or log(a) would be −inf.
    assert bp.cross_entropy([[z]], [[y]]) == expected


def test_cross_entropy_of_saturated_right_outputs_is_tiny_and_warning_free():
    assert bp.cross_entropy([[800.0, -800.0, 1e308, -1e308]], [[1.0, 0.0, 1.0, 0.0]]) == 0.0


def test_cross_entropy_is_a_sum_over_samples():
    z, y = np.array([[0.3, -1.2]]), np.array([[1.0, 0.0]])
    assert bp.cross_entropy(np.hstack([z, z]), np.hstack([y, y])) == pytest.approx(
        2 * bp.cross_entropy(z, y)
    )


def test_cross_entropy_refuses_mismatched_shapes():
    with pytest.raises(ValueError, match=r"z \(1, 2\) and y \(1, 3\)"):
        bp.cross_entropy(np.zeros((1, 2)), np.zeros((1, 3)))


def test_the_cross_entropy_output_delta_is_the_output_error():
    a = np.array([[0.2, 0.999999, 1.0]])
    y = np.array([[1.0, 0.0, 0.0]])
    np.testing.assert_array_equal(bp.output_delta_cross_entropy(a, y), a - y)


def test_a_saturated_wrong_output_keeps_a_large_delta_only_with_cross_entropy():
    a, y = np.array([[0.9999]]), np.array([[0.0]])
    assert bp.output_delta_cross_entropy(a, y)[0, 0] == pytest.approx(0.9999)
    assert bp.output_delta(a, y)[0, 0] < 1e-3


def test_a_network_trained_on_cross_entropy_differentiates_and_records_it():
    X, y = bp.xor()
    net = bp.Network([2, 3, 1], seed=1, loss="cross_entropy")
    assert net.loss == "cross_entropy"
    assert repr(net) == "Network(layer_sizes=[2, 3, 1], loss='cross_entropy')"
    grads = net.backward(X, y)
    np.testing.assert_array_equal(grads.deltas[-1], net.activations[-1] - y)
    start = bp.cross_entropy(net.zs[-1], y)
    history = net.train(X, y, epochs=2_000, learning_rate=0.5)
    net.forward(X)
    assert history[-1] == pytest.approx(bp.cross_entropy(net.zs[-1], y), rel=1e-14)
    assert history[-1] < start


def _loss_at(net, X, y):
    net.forward(X)
    return bp.cross_entropy(net.zs[-1], y)


def test_cross_entropy_gradients_match_finite_differences():
    rng = np.random.default_rng(4)
    X, y = rng.standard_normal((3, 5)), rng.random((2, 5))
    net = bp.Network([3, 4, 2], seed=2, loss="cross_entropy")
    grads = net.backward(X, y)
    h = 1e-6
    for analytic, parameter in zip(
        grads.weights + grads.biases, net.weights + net.biases, strict=True
    ):
        for index in np.ndindex(parameter.shape):
            original = parameter[index]
            parameter[index] = original + h
            up = _loss_at(net, X, y)
            parameter[index] = original - h
            down = _loss_at(net, X, y)
            parameter[index] = original
            assert analytic[index] == pytest.approx((up - down) / (2 * h), rel=1e-6, abs=1e-8)


def test_cross_entropy_needs_targets_in_the_unit_interval_and_changes_nothing():
    X, _ = bp.xor()
    net = bp.Network([2, 2, 1], seed=XOR_SEED, loss="cross_entropy")
    before = snapshot(net)
    with pytest.raises(
        ValueError, match=r"targets in \[0, 1\], but y holds values from -1.0 to 2.0"
    ):
        net.train(X, np.array([[0.0, 2.0, 1.0, -1.0]]), epochs=3, learning_rate=0.1)
    assert_unchanged(net, before)
    # the squared error has no such restriction
    bp.Network([2, 2, 1], seed=0).backward(X, np.array([[0.0, 2.0, 1.0, -1.0]]))


@pytest.mark.parametrize(
    ("loss", "error", "message"),
    [
        ("mse", ValueError, "loss must be one of 'squared_error', 'cross_entropy', got 'mse'"),
        (None, TypeError, "loss must be one of .* got None"),
    ],
)
def test_the_loss_must_be_one_of_the_known_names(loss, error, message):
    with pytest.raises(error, match=message):
        bp.Network([2, 2, 1], loss=loss)
    with pytest.raises(error, match=message):
        bp.Ensemble([2, 2, 1], 2, loss=loss)


def test_the_loss_survives_a_save_and_load(tmp_path):
    net = bp.Network([2, 2, 1], seed=0, loss="cross_entropy")
    net.save(tmp_path / "ce.npz")
    assert bp.Network.load(tmp_path / "ce.npz").loss == "cross_entropy"


def test_a_weights_file_without_a_loss_means_the_squared_error(tmp_path):
    net = bp.Network([2, 2, 1], seed=0)
    arrays = {
        "format": np.array("backprop-derived weights v1"),
        "layer_sizes": np.array([2, 2, 1]),
    }
    for i, (W, b) in enumerate(zip(net.weights, net.biases, strict=True), start=1):
        arrays[f"W{i}"], arrays[f"b{i}"] = W, b
    with (tmp_path / "old.npz").open("wb") as stream:
        np.savez(stream, **arrays)
    assert bp.Network.load(tmp_path / "old.npz").loss == "squared_error"
    arrays["loss"] = np.array("hinge")
    with (tmp_path / "bad.npz").open("wb") as stream:
        np.savez(stream, **arrays)
    with pytest.raises(ValueError, match="'loss' must be one of"):
        bp.Network.load(tmp_path / "bad.npz")


def test_ensemble_members_follow_cross_entropy_networks():
    X, y = bp.xor()
    ensemble = bp.Ensemble([2, 3, 1], 4, seed=0, loss="cross_entropy")
    losses = ensemble.train(X, y, epochs=3_000, learning_rate=0.3)
    for i in range(4):
        network = bp.Network([2, 3, 1], seed=i, loss="cross_entropy")
        history = network.train(X, y, epochs=3_000, learning_rate=0.3)
        np.testing.assert_allclose(losses[:, i], history, rtol=1e-10)
        member = ensemble.member(i)
        assert member.loss == "cross_entropy"
        for got, want in zip(member.weights, network.weights, strict=True):
            np.testing.assert_allclose(got, want, rtol=1e-10)


def test_from_networks_refuses_mixed_losses():
    with pytest.raises(ValueError, match="network 1 has 'cross_entropy'"):
        bp.Ensemble.from_networks(
            [bp.Network([2, 2, 1]), bp.Network([2, 2, 1], loss="cross_entropy")]
        )
