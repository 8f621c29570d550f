"""Tests written to kill mutants of backprop/ that the rest of the suite let survive.

``nox -s mutation`` runs mutmut over ``backprop/``; each test here pins down behaviour that
some surviving mutant changed: exact values, exact error messages (the style guide asks
every error to say what was expected and what was given, so the wording is behaviour),
conversions of array_like input, and edge cases of ranges.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import backprop as bp
from backprop import losses, weights_file


def _noisy(samples: int = 50) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.standard_normal((2, samples)), rng.random((1, samples))


def _noisy_binary() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 1000))
    return X, (rng.random((1, 1000)) > 0.5).astype(float)


def test_xor_holds_exactly_the_four_samples_and_targets() -> None:
    X, y = bp.xor()
    np.testing.assert_array_equal(X, [[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    np.testing.assert_array_equal(y, [[0.0, 1.0, 1.0, 0.0]])


def test_the_losses_convert_array_like_input_to_float64() -> None:
    # Numbers given as text are array_like too; np.asarray(..., dtype=float64) reads them.
    assert bp.mse([["1.0"]], [[0.5]]) == 0.125
    assert bp.mse([[1.0]], [["0.5"]]) == 0.125
    assert bp.cross_entropy([["0.0"]], [[1.0]]) == pytest.approx(np.log(2.0), rel=1e-15)
    assert bp.cross_entropy([[0.0]], [["1.0"]]) == pytest.approx(np.log(2.0), rel=1e-15)


def test_the_activations_convert_array_like_input_to_float64() -> None:
    assert bp.sigmoid(["0.0"]).tolist() == [0.5]
    assert bp.sigmoid_derivative(["0.5"]).tolist() == [0.25]


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


def test_weights_file_save_records_the_squared_error_by_default(tmp_path: Path) -> None:
    path = tmp_path / "w.npz"
    weights_file.save(path, (2, 1), [np.ones((1, 2))], [np.zeros((1, 1))])
    sizes, weights, _biases, loss = weights_file.load(path)
    assert loss is losses.SQUARED_ERROR
    assert sizes == (2, 1)
    np.testing.assert_array_equal(weights[0], np.ones((1, 2)))


def test_weights_file_save_stores_integer_input_as_float64(tmp_path: Path) -> None:
    path = tmp_path / "w.npz"
    weights_file.save(path, (2, 1), [[[1, 2]]], [[[3]]])
    _sizes, weights, biases, _ = weights_file.load(path)
    assert weights[0].dtype == np.float64
    assert biases[0].dtype == np.float64
    np.testing.assert_array_equal(weights[0], [[1.0, 2.0]])


def test_a_network_without_hidden_layers_round_trips(tmp_path: Path) -> None:
    net = bp.Network([2, 1], seed=0)
    net.save(tmp_path / "w.npz")
    loaded = bp.Network.load(tmp_path / "w.npz")
    assert loaded.layer_sizes == (2, 1)


def _huge_step(net: bp.Network) -> None:
    tens = bp.Gradients(
        [np.full_like(W, 10.0) for W in net.weights],
        [np.full_like(b, 10.0) for b in net.biases],
        [],
    )
    net.step(tens, learning_rate=1e308)


def test_weights_file_save_refuses_lists_of_different_lengths(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="zip"):
        weights_file.save(
            tmp_path / "w.npz", (2, 2, 1), [np.ones((2, 2)), np.ones((1, 2))], [np.ones((2, 1))]
        )


def test_weights_file_save_writes_a_hidden_temporary_file_beside_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renames: list[tuple[Path, Path]] = []
    original = Path.replace

    def recording(self: Path, target: Any) -> Path:
        renames.append((Path(self), Path(target)))
        return original(self, target)

    monkeypatch.setattr(Path, "replace", recording)
    bp.Network([2, 1], seed=0).save(tmp_path / "w.npz")
    [(temporary, target)] = renames
    assert target == tmp_path / "w.npz"
    assert temporary.parent == tmp_path
    assert temporary.name.startswith(".w.npz.")
    assert temporary.name.endswith(".tmp")


def _save_arrays(path: Path, **arrays: Any) -> Path:
    with path.open("wb") as stream:
        np.savez(stream, **arrays)
    return path


# Exact error messages -----------------------------------------------------------------------

BAD_CALLS: list[tuple[str, Callable[[Path], Any], type[Exception], str]] = [
    (
        "from_parameters-empty",
        lambda _: bp.Network.from_parameters([], []),
        ValueError,
        (
            "weights and biases must be non-empty lists of the same length (one entry per layer), "
            "got 0 weights and 0 biases"
        ),
    ),
    (
        "from_parameters-1d-weights",
        lambda _: bp.Network.from_parameters([np.zeros(3)], [np.zeros((1, 1))]),
        ValueError,
        "weights[0] must have shape (n_out, 0) to follow a layer of 0 units, got shape (3,)",
    ),
    (
        "from_parameters-no-units",
        lambda _: bp.Network.from_parameters([np.zeros((0, 2))], [np.zeros((0, 1))]),
        ValueError,
        "weights[0] must have shape (n_out, 2) to follow a layer of 2 units, got shape (0, 2)",
    ),
    (
        "from_parameters-bias-shape",
        lambda _: bp.Network.from_parameters([np.zeros((3, 2))], [np.zeros((2, 1))]),
        ValueError,
        "biases[0] must have shape (3, 1), got shape (2, 1)",
    ),
    (
        "from_parameters-nan-bias",
        lambda _: bp.Network.from_parameters(
            [np.zeros((1, 2)), np.zeros((1, 1))], [np.zeros((1, 1)), [[np.nan]]]
        ),
        ValueError,
        "biases[1] holds NaN or infinite entries",
    ),
    (
        "from_parameters-text-bias",
        lambda _: bp.Network.from_parameters([np.zeros((1, 2))], [[["one"]]]),
        TypeError,
        "biases[0] must be an array of real numbers, got [['one']] (list)",
    ),
    (
        "forward-text",
        lambda _: bp.Network([2, 1], seed=0).forward([["a", "b"]]),
        TypeError,
        "X must be an array of real numbers, got [['a', 'b']] (list)",
    ),
    (
        "loss-not-a-name",
        lambda _: bp.Network([2, 1], seed=0, loss=3),
        TypeError,
        "loss must be one of 'squared_error', 'cross_entropy', got 3 (int)",
    ),
    (
        "member-index-not-an-integer",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=0).member(1.5),
        TypeError,
        "index must be an integer, got 1.5 (float)",
    ),
    (
        "step-overflow",
        lambda _: _huge_step(bp.Network([2, 2, 1], seed=3)),
        ValueError,
        (
            "a step with learning rate 1e+308 would make some weights infinite; nothing was "
            "changed. Use a smaller learning rate."
        ),
    ),
    (
        "train-nan-after-the-last-epoch",
        lambda _: bp.Network([2, 2, 1], seed=3).train(
            *_noisy_binary(), epochs=1, learning_rate=1.7e308
        ),
        FloatingPointError,
        (
            "training diverged: the loss became nan after epoch 1 (learning rate 1.7e+308). The "
            "weights were restored to what they were before train() was called; use a smaller "
            "learning rate."
        ),
    ),
    (
        "train-nan-within-the-epochs",
        lambda _: bp.Network([2, 2, 1], seed=3).train(
            *_noisy_binary(), epochs=2, learning_rate=1.7e308
        ),
        FloatingPointError,
        (
            "training diverged: the loss became nan after epoch 1 (learning rate 1.7e+308). The "
            "weights were restored to what they were before train() was called; use a smaller "
            "learning rate."
        ),
    ),
    (
        "train-weight-infinite",
        lambda _: bp.Network([2, 2, 1], seed=3).train(*_noisy(), epochs=3, learning_rate=1.7e308),
        FloatingPointError,
        (
            "training diverged: a weight became infinite within 3 epochs (learning rate 1.7e+308). "
            "The weights were restored to what they were before train() was called; use a smaller "
            "learning rate."
        ),
    ),
    (
        "ensemble-rates-not-numbers",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=3).train(
            *_noisy(), epochs=1, learning_rate=["a", "b", "c"]
        ),
        TypeError,
        (
            "learning_rate must be a finite positive number or one per member, got ['a', 'b', 'c'] "
            "(list)"
        ),
    ),
    (
        "ensemble-rates-not-positive",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=3).train(
            *_noisy(), epochs=1, learning_rate=[0.1, -0.2, 0.1]
        ),
        ValueError,
        "every learning rate must be a finite positive number",
    ),
    (
        "ensemble-one-member-diverges",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=3).train(
            *_noisy(), epochs=3, learning_rate=[0.1, 1.7e308, 0.1]
        ),
        FloatingPointError,
        (
            "training diverged for 1 of 3 members (1): the loss or a weight stopped being finite "
            "(learning rate 1.7e+308 for member 1). Every member was restored to its weights "
            "before train() was called; use a smaller learning rate."
        ),
    ),
    (
        "ensemble-train-y-rows",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=3).train(
            _noisy()[0], np.zeros((2, 50)), epochs=1, learning_rate=0.1
        ),
        ValueError,
        (
            "y has 2 rows, but the network expects 1 outputs (layer sizes [2, 2, 1]); samples are "
            "columns, so y should have shape (1, n_samples)"
        ),
    ),
    (
        "ensemble-train-x-rows",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=3).train(
            np.zeros((3, 50)), _noisy()[1], epochs=1, learning_rate=0.1
        ),
        ValueError,
        (
            "X has 3 rows, but the network expects 2 inputs (layer sizes [2, 2, 1]); samples are "
            "columns, so X should have shape (2, n_samples)"
        ),
    ),
    (
        "ensemble-from-no-networks",
        lambda _: bp.Ensemble.from_networks([]),
        TypeError,
        "from_networks needs a non-empty sequence of Network objects, got [] (list)",
    ),
    (
        "ensemble-mixed-losses",
        lambda _: bp.Ensemble.from_networks(
            [bp.Network([2, 2, 1], seed=0, loss="cross_entropy"), bp.Network([2, 2, 1], seed=1)]
        ),
        ValueError,
        "every network must have the loss 'cross_entropy', but network 1 has 'squared_error'",
    ),
    (
        "ensemble-member-out-of-range",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=0).member(-4),
        IndexError,
        "member index -4 is out of range for an ensemble of 3",
    ),
    (
        "ensemble-forward-wrong-rows",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=0).forward(np.zeros((3, 4))),
        ValueError,
        (
            "X has 3 rows, but the network expects 2 inputs (layer sizes [2, 2, 1]); samples are "
            "columns, so X should have shape (2, n_samples)"
        ),
    ),
    (
        "ensemble-forward-one-dimensional",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=0).forward(np.zeros(2)),
        ValueError,
        (
            "X must be a 2-D array of shape (2, n_samples) with samples as columns, got an array "
            "of shape (2,) (layer sizes [2, 2, 1])"
        ),
    ),
    (
        "ensemble-ten-members-diverge",
        lambda _: bp.Ensemble([2, 2, 1], 13, seed=3).train(
            *_noisy(), epochs=3, learning_rate=1.7e308
        ),
        FloatingPointError,
        "training diverged for 10 of 13 members (0, 1, 3, 5, 7, 8, 9, 10, 11, 12): ",
    ),
    (
        "ensemble-eleven-members-diverge",
        lambda _: bp.Ensemble([2, 2, 1], 14, seed=3).train(
            *_noisy(), epochs=3, learning_rate=1.7e308
        ),
        FloatingPointError,
        "training diverged for 11 of 14 members (0, 1, 3, 5, 7, 8, 9, 10, 11, 12 …): ",
    ),
    (
        "load-missing-file",
        lambda tmp: weights_file.load(tmp / "missing.npz"),
        FileNotFoundError,
        "no weights file at '{tmp}/missing.npz'",
    ),
    (
        "load-single-array",
        lambda tmp: (np.save(tmp / "one.npy", np.zeros(3)), weights_file.load(tmp / "one.npy")),
        ValueError,
        (
            "'{tmp}/one.npy' is not a backprop weights file: it holds a single array, not an .npz "
            "archive of weights"
        ),
    ),
    (
        "load-pickled-objects",
        lambda tmp: weights_file.load(
            _save_arrays(tmp / "p.npz", format=np.array([object()], dtype=object))
        ),
        ValueError,
        (
            "'{tmp}/p.npz' is not a readable backprop weights file (an .npz archive of float64 "
            "arrays written by Network.save): it holds pickled Python objects, which are never "
            "loaded (allow_pickle=False)"
        ),
    ),
    (
        "load-random-bytes",
        lambda tmp: (
            (tmp / "r.npz").write_bytes(b"PK\x03\x04 not really a zip"),
            weights_file.load(tmp / "r.npz"),
        ),
        ValueError,
        (
            "'{tmp}/r.npz' is not a readable backprop weights file (an .npz archive of float64 "
            "arrays written by Network.save): "
        ),
    ),
    (
        "load-no-format",
        lambda tmp: weights_file.load(_save_arrays(tmp / "f.npz", W1=np.zeros((1, 2)))),
        ValueError,
        (
            "'{tmp}/f.npz' is not a valid backprop weights file: expected format "
            "'backprop-derived weights v1', found no 'format' entry"
        ),
    ),
    (
        "load-wrong-format",
        lambda tmp: weights_file.load(_save_arrays(tmp / "g.npz", format=np.array("v0"))),
        ValueError,
        (
            "'{tmp}/g.npz' is not a valid backprop weights file: expected format "
            "'backprop-derived weights v1', found v0"
        ),
    ),
    (
        "load-layer-sizes-2d",
        lambda tmp: weights_file.load(
            _save_arrays(
                tmp / "s.npz",
                format=np.array(weights_file.FORMAT),
                layer_sizes=np.array([[2, 1]]),
            )
        ),
        ValueError,
        (
            "'{tmp}/s.npz' is not a valid backprop weights file: 'layer_sizes' must be a list of "
            "at least two positive integers"
        ),
    ),
    (
        "load-layer-sizes-missing",
        lambda tmp: weights_file.load(
            _save_arrays(tmp / "t.npz", format=np.array(weights_file.FORMAT))
        ),
        ValueError,
        (
            "'{tmp}/t.npz' is not a valid backprop weights file: 'layer_sizes' must be a list of "
            "at least two positive integers"
        ),
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [case[1:] for case in BAD_CALLS],
    ids=[case[0] for case in BAD_CALLS],
)
def test_errors_say_exactly_what_was_expected_and_what_was_given(
    tmp_path: Path, call: Callable[[Path], Any], error: type[Exception], message: str
) -> None:
    expected = message.replace("{tmp}", str(tmp_path))
    with pytest.raises(error) as raised:
        call(tmp_path)
    text = str(raised.value)
    if expected.endswith(": "):
        assert text.startswith(expected)
        assert len(text) > len(expected)
        assert "pickle" not in text[len(expected) :]
        assert text[len(expected) :] != "None"
    else:
        assert text == expected, f"\n{text}\n!=\n{expected}"


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
