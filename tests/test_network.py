"""Network: construction, the forward and backward passes, steps, training, determinism."""

import numpy as np
import pytest

import backprop as bp
from tests.support import XOR_SEED, assert_unchanged, snapshot


def test_xor_gives_the_four_samples_as_float64_columns():
    X, y = bp.xor()
    assert X.shape == (2, 4)
    assert y.shape == (1, 4)
    assert X.dtype == y.dtype == np.float64
    np.testing.assert_array_equal(y[0], np.logical_xor(X[0], X[1]).astype(float))


@pytest.mark.parametrize("sizes", [[2, 2, 1], [3, 4, 2], [2, 3, 3, 1], [1, 1]])
def test_parameters_have_the_documented_shapes(sizes):
    net = bp.Network(sizes, seed=0)
    assert net.layer_sizes == tuple(sizes)
    assert [W.shape for W in net.weights] == list(zip(sizes[1:], sizes[:-1], strict=True))
    assert [b.shape for b in net.biases] == [(n, 1) for n in sizes[1:]]
    assert all(p.dtype == np.float64 for p in (*net.weights, *net.biases))


def test_initial_parameters_are_standard_normal_drawn_weights_then_biases_per_layer():
    rng = np.random.default_rng(7)
    expected = [
        rng.standard_normal((4, 3)),
        rng.standard_normal((4, 1)),
        rng.standard_normal((2, 4)),
        rng.standard_normal((2, 1)),
    ]
    net = bp.Network([3, 4, 2], seed=7)
    for got, want in zip(
        [net.weights[0], net.biases[0], net.weights[1], net.biases[1]], expected, strict=True
    ):
        np.testing.assert_array_equal(got, want)


def test_the_same_seed_gives_the_same_network_and_another_seed_does_not():
    a, b, c = (bp.Network([2, 2, 1], seed=s) for s in (5, 5, 6))
    for p, q in zip(a.weights + a.biases, b.weights + b.biases, strict=True):
        np.testing.assert_array_equal(p, q)
    assert not np.array_equal(a.weights[0], c.weights[0])


def test_repr_names_the_architecture():
    assert repr(bp.Network([2, 2, 1], seed=0)) == "Network(layer_sizes=[2, 2, 1])"


def test_forward_keeps_z_and_a_of_every_layer(network, xor_data):
    X, _ = xor_data
    out = network.forward(X)
    assert len(network.zs) == 2
    assert len(network.activations) == 3
    np.testing.assert_array_equal(network.activations[0], X)
    np.testing.assert_array_equal(network.activations[-1], out)
    hidden = 1 / (1 + np.exp(-(network.weights[0] @ X + network.biases[0])))
    np.testing.assert_allclose(network.activations[1], hidden, rtol=1e-15)
    np.testing.assert_allclose(network.zs[1], network.weights[1] @ hidden + network.biases[1])


def test_forward_accepts_nested_lists_and_integers(network):
    np.testing.assert_array_equal(
        network.forward([[0, 1], [1, 0]]), network.forward(np.array([[0.0, 1.0], [1.0, 0.0]]))
    )


def test_backward_returns_one_gradient_and_delta_per_layer_with_matching_shapes(xor_data):
    X, y = xor_data
    net = bp.Network([2, 3, 3, 1], seed=1)
    grads = net.backward(X, y)
    assert [g.shape for g in grads.weights] == [W.shape for W in net.weights]
    assert [g.shape for g in grads.biases] == [b.shape for b in net.biases]
    assert [d.shape for d in grads.deltas] == [(3, 4), (3, 4), (1, 4)]


def test_backward_runs_a_fresh_forward_pass_so_activations_are_never_stale(network, xor_data):
    X, y = xor_data
    expected = network.backward(X, y)
    network.forward(np.ones((2, 7)))  # leave activations of another batch behind
    got = network.backward(X, y)
    for e, g in zip(expected.weights + expected.biases, got.weights + got.biases, strict=True):
        np.testing.assert_array_equal(g, e)


def test_backward_does_not_change_the_parameters(network, xor_data):
    before = snapshot(network)
    network.backward(*xor_data)
    assert_unchanged(network, before)


def test_step_moves_every_parameter_against_its_gradient(network, xor_data):
    grads = network.backward(*xor_data)
    before = [p.copy() for p in network.weights + network.biases]
    network.step(grads, learning_rate=0.5)
    for old, new, g in zip(
        before, network.weights + network.biases, grads.weights + grads.biases, strict=True
    ):
        np.testing.assert_array_equal(new, old - 0.5 * g)


def test_step_does_not_modify_the_gradients_or_alias_old_arrays(network, xor_data):
    grads = network.backward(*xor_data)
    kept = [g.copy() for g in grads.weights]
    old_first = network.weights[0]
    old_copy = old_first.copy()
    network.step(grads, learning_rate=0.1)
    for g, k in zip(grads.weights, kept, strict=True):
        np.testing.assert_array_equal(g, k)
    np.testing.assert_array_equal(old_first, old_copy)


def test_a_small_step_lowers_the_loss(network, xor_data):
    X, y = xor_data
    before = bp.mse(network.forward(X), y)
    network.step(network.backward(X, y), learning_rate=1e-3)
    assert bp.mse(network.forward(X), y) < before


def test_train_records_the_loss_after_every_epoch_the_same_loss_that_is_differentiated(
    xor_data,
):
    X, y = xor_data
    trained = bp.Network([2, 2, 1], seed=11)
    by_hand = bp.Network([2, 2, 1], seed=11)
    history = trained.train(X, y, epochs=25, learning_rate=0.3)
    expected = []
    for _ in range(25):
        by_hand.step(by_hand.backward(X, y), learning_rate=0.3)
        a = by_hand.forward(X)
        expected.append(0.5 * np.sum((a - y) ** 2))
    assert history.shape == (25,)
    np.testing.assert_allclose(history, expected, rtol=1e-14)
    for p, q in zip(trained.weights, by_hand.weights, strict=True):
        np.testing.assert_array_equal(p, q)


def test_training_is_deterministic_for_a_seed(xor_data):
    runs = []
    for _ in range(2):
        net = bp.Network([2, 3, 1], seed=42)
        runs.append((net.train(*xor_data, epochs=300, learning_rate=0.5), net.weights))
    np.testing.assert_array_equal(runs[0][0], runs[1][0])
    for p, q in zip(runs[0][1], runs[1][1], strict=True):
        np.testing.assert_array_equal(p, q)


def test_xor_is_learned_with_the_documented_seed(xor_data):
    X, y = xor_data
    net = bp.Network([2, 2, 1], seed=XOR_SEED)
    history = net.train(X, y, epochs=10_000, learning_rate=0.1)
    prediction = net.forward(X)
    assert np.abs(prediction - y).max() < 0.1, prediction
    assert history[-1] < history[0]
    assert history[-1] == pytest.approx(bp.mse(prediction, y), rel=1e-15)


@pytest.fixture
def noisy_batch():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 1000))
    y = (rng.random((1, 1000)) > 0.5).astype(float)
    return X, y


@pytest.mark.parametrize(
    ("learning_rate", "reason"),
    [(1.7e308, "the loss became nan after epoch 1"), (1e307, "a weight became infinite")],
)
def test_training_that_diverges_stops_with_a_clear_error_and_restores_the_weights(
    network, noisy_batch, learning_rate, reason
):
    before = snapshot(network)
    with pytest.raises(FloatingPointError, match=f"training diverged: {reason}.*restored"):
        network.train(*noisy_batch, epochs=5, learning_rate=learning_rate)
    assert_unchanged(network, before)


def test_a_step_that_would_overflow_changes_nothing(network):
    huge = bp.Gradients(
        weights=[np.full_like(W, 10.0) for W in network.weights],
        biases=[np.full_like(b, 10.0) for b in network.biases],
        deltas=[],
    )
    before = snapshot(network)
    with pytest.raises(ValueError, match="would make some weights infinite; nothing was changed"):
        network.step(huge, learning_rate=1e308)
    assert_unchanged(network, before)


@pytest.mark.parametrize("loss", ["squared_error", "cross_entropy"])
def test_the_loss_is_its_name_read_only_and_chosen_once(loss):
    net = bp.Network([2, 2, 1], seed=0, loss=loss)
    assert net.loss == loss
    assert isinstance(net.loss, str)
    with pytest.raises(AttributeError):
        net.loss = "squared_error"  # type: ignore[misc]


def _same_network(p, q):
    assert type(p) is type(q)
    assert p.layer_sizes == q.layer_sizes
    assert p.loss == q.loss
    assert p.zs == q.zs == []
    assert p.activations == q.activations == []
    for u, v in zip(p.weights + p.biases, q.weights + q.biases, strict=True):
        assert u.dtype == v.dtype == np.float64
        assert u.tobytes() == v.tobytes()
        assert u.shape == v.shape


@pytest.mark.parametrize("loss", ["squared_error", "cross_entropy"])
def test_every_constructor_builds_the_same_network(tmp_path, loss):
    drawn = bp.Network([2, 3, 1], seed=8, loss=loss)
    given = bp.Network.from_parameters(drawn.weights, drawn.biases, loss=loss)
    drawn.save(tmp_path / "w.npz")
    loaded = bp.Network.load(tmp_path / "w.npz")
    member = bp.Ensemble([2, 3, 1], 2, seed=7, loss=loss).member(1)
    for other in (given, loaded, member):
        _same_network(drawn, other)
        assert repr(other) == repr(drawn)


def test_load_and_member_check_nothing_twice(monkeypatch, tmp_path):
    # weights_file.load has checked the file and the ensemble's arrays are valid already:
    # neither path runs the parameter check of from_parameters again.
    bp.Network([2, 2, 1], seed=1).save(tmp_path / "w.npz")
    ensemble = bp.Ensemble([2, 2, 1], 2)

    def refuse(*_):
        raise AssertionError

    monkeypatch.setattr(bp.network, "check_parameters", refuse)
    bp.Network.load(tmp_path / "w.npz")
    ensemble.member(0)
    with pytest.raises(AssertionError):
        bp.Network.from_parameters([np.ones((1, 2))], [np.ones((1, 1))])


def test_a_member_shares_no_memory_with_its_ensemble():
    ensemble = bp.Ensemble([2, 2, 1], 3)
    member = ensemble.member(2)
    for array in member.weights + member.biases:
        for parameters in ensemble._parameters:
            assert not np.shares_memory(array, parameters)
        assert array.flags.c_contiguous


def test_a_subclass_is_built_as_itself_by_every_constructor(tmp_path):
    class Tagged(bp.Network):
        pass

    Tagged([2, 1], seed=0).save(tmp_path / "t.npz")
    assert type(Tagged.load(tmp_path / "t.npz")) is Tagged
    assert type(Tagged.from_parameters([np.ones((1, 2))], [np.ones((1, 1))])) is Tagged
