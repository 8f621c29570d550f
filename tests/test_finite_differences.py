"""bp.finite_difference_gradients: centred differences of the network's own loss.

It must agree with Network.backward (which it never calls), return the same structure, leave
the network exactly as it was, and refuse bad input without changing anything.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import backprop as bp
from backprop import gradient_check

# The error bound, and why. A centred difference errs by h²/6 · L‴ (truncation) plus the
# rounding of the two evaluations of L divided by the step 2h: about k·ε·|L| / h, where
# ε = 2.2e-16 and k counts the ulps L is rounded by (it is a sum of a few dozen rounded
# terms here, so k < 100). For these networks (standard-normal weights, inputs and targets
# of order 1, L of order 1 to 10) with h = 1e-5 that is about 2e-10 · |L‴| + 1e-8 at
# worst, and about 1e-11 in practice. ATOL = 1e-7 keeps a factor of 10 over the worst case;
# RTOL = 1e-6 bounds the truncation term of the largest entries, where L‴ grows with them.
# A wrong formula errs by the size of the gradient itself (1e-3 to 1), far outside both.
RTOL, ATOL = 1e-6, 1e-7

SHAPES = [(2, 1), (2, 2, 1), (2, 3, 1), (3, 4, 2), (2, 3, 4, 1)]
LOSSES = ["squared_error", "cross_entropy"]


def _batch(
    sizes: tuple[int, ...], samples: int = 5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.standard_normal((sizes[0], samples)), rng.random((sizes[-1], samples))


def _state(net: bp.Network) -> list[bytes]:
    """Every array the network holds, as bytes, so that equality means bit-identical."""
    arrays = [*net.weights, *net.biases, *net.zs, *net.activations]
    return [a.tobytes() for a in arrays] + [repr([a.shape for a in arrays]).encode()]


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("sizes", SHAPES, ids=str)
def test_finite_differences_match_backward(sizes: tuple[int, ...], loss: str) -> None:
    X, y = _batch(sizes)
    net = bp.Network(sizes, seed=7, loss=loss)
    exact = net.backward(X, y)
    numeric = bp.finite_difference_gradients(net, X, y)
    for name in ("weights", "biases", "deltas"):
        got, want = getattr(numeric, name), getattr(exact, name)
        assert len(got) == len(want) == len(sizes) - 1
        for g, w in zip(got, want, strict=True):
            assert g.shape == w.shape
            assert g.dtype == np.float64
            np.testing.assert_allclose(g, w, rtol=RTOL, atol=ATOL, err_msg=name)


def test_finite_differences_return_gradients_of_the_xor_network() -> None:
    X, y = bp.xor()
    net = bp.Network([2, 2, 1], seed=3)
    numeric = bp.finite_difference_gradients(net, X, y, h=1e-6)
    assert isinstance(numeric, bp.Gradients)
    exact = net.backward(X, y)
    for g, w in zip(numeric.weights + numeric.biases, exact.weights + exact.biases, strict=True):
        np.testing.assert_allclose(g, w, rtol=RTOL, atol=ATOL)


def test_the_error_is_smallest_near_h_1e_5_truncation_above_and_rounding_below() -> None:
    X, y = _batch((2, 3, 1))
    net = bp.Network([2, 3, 1], seed=1)
    exact = np.concatenate([g.ravel() for g in net.backward(X, y).weights])

    def error(h: float) -> float:
        numeric = bp.finite_difference_gradients(net, X, y, h=h)
        return float(np.abs(np.concatenate([g.ravel() for g in numeric.weights]) - exact).max())

    # Truncation, h²/6 · L‴: 1e-2 gives about 1e-5; rounding, ε|L|/h: 1e-12 gives about 1e-4.
    assert error(1e-2) > 100 * error(1e-5)
    assert error(1e-12) > 100 * error(1e-5)


def test_finite_differences_catch_a_missing_transpose_that_shapes_cannot() -> None:
    class MissingTranspose(bp.Network):
        def _delta_before(self, layer: int, delta: np.ndarray) -> np.ndarray:
            a = self.activations[layer]
            return (self.weights[layer] @ delta) * a * (1 - a)  # W, not Wᵀ

    X, y = _batch((2, 2, 2))
    right = bp.Network([2, 2, 2], seed=4)
    wrong = MissingTranspose.from_parameters(right.weights, right.biases)
    wrong_grads = wrong.backward(X, y)  # square layers: every shape is right
    numeric = bp.finite_difference_gradients(wrong, X, y)
    np.testing.assert_allclose(numeric.weights[1], wrong_grads.weights[1], rtol=RTOL, atol=ATOL)
    assert np.abs(numeric.weights[0] - wrong_grads.weights[0]).max() > 1e3 * ATOL


def test_finite_differences_use_no_step_of_backpropagation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    X, y = _batch((2, 3, 1))
    net = bp.Network([2, 3, 1], seed=2)
    exact = net.backward(X, y)

    def refuse(*_: Any) -> None:
        raise AssertionError

    for module, name in [
        (bp.deltas, "output_delta"),
        (bp.deltas, "hidden_delta"),
        (bp.gradients, "weight_gradient"),
        (bp.gradients, "bias_gradient"),
    ]:
        monkeypatch.setattr(module, name, refuse)
    numeric = bp.finite_difference_gradients(net, X, y)
    np.testing.assert_allclose(numeric.weights[0], exact.weights[0], rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("loss", LOSSES)
def test_the_network_is_bit_identical_afterwards(loss: str) -> None:
    X, y = _batch((2, 3, 1))
    net = bp.Network([2, 3, 1], seed=5, loss=loss)
    net.forward(X[:, :2])  # zs and activations of another batch, which must survive
    before = _state(net)
    weights, biases = net.weights, net.biases
    bp.finite_difference_gradients(net, X, y)
    assert _state(net) == before
    assert all(p is q for p, q in zip(net.weights + net.biases, weights + biases, strict=True))


def test_the_network_is_bit_identical_when_it_raises_midway() -> None:
    X, y = _batch((2, 2, 1))
    net = bp.Network.from_parameters(
        [np.full((2, 2), 0.5), np.full((1, 2), -0.25)], [np.zeros((2, 1)), np.array([[1e12]])]
    )
    before = _state(net)
    # h = 1e-5 moves every entry but the last bias, 1e12, whose spacing is 1.2e-4.
    with pytest.raises(
        ValueError, match=r"too small to move biases\[1\]\[0, 0\] = 1000000000000.0"
    ):
        bp.finite_difference_gradients(net, X, y)
    assert _state(net) == before


def test_the_network_is_bit_identical_when_the_loss_raises(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    X, y = _batch((2, 2, 1))
    net = bp.Network([2, 2, 1], seed=0)
    before = _state(net)
    calls = {"n": 0}
    real = gradient_check.forward.forward_layer

    def fails_on_the_ninth_call(*args: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 9:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(gradient_check.forward, "forward_layer", fails_on_the_ninth_call)
    with pytest.raises(KeyboardInterrupt):
        bp.finite_difference_gradients(net, X, y)
    assert calls["n"] == 9
    assert _state(net) == before


def test_each_perturbed_entry_is_restored_exactly_before_the_next() -> None:
    # 0.1 + 1e-5 − 1e-5 is not 0.1 in float64: a sloppy restore would shift every later
    # difference. The parameters below are such that it would show in the result.
    values = np.array([[0.1, 0.7], [1 / 3, 2.0]])
    seen: list[bytes] = []

    def loss() -> float:
        seen.append(values.tobytes())
        return float(np.sum(values**3))

    numeric = gradient_check._centred(values, 1e-5, "v", loss)
    assert values.tobytes() == np.array([[0.1, 0.7], [1 / 3, 2.0]]).tobytes()
    # Truncation h²/6 · L‴ = h² = 1e-10 against ∂L/∂θ = 3θ² ≥ 0.03: under 1e-8 relative.
    np.testing.assert_allclose(numeric, 3 * values**2, rtol=1e-8)
    # Each evaluation sees exactly one entry moved, all the others at their exact values.
    original = np.array([[0.1, 0.7], [1 / 3, 2.0]])
    for k, raw in enumerate(seen):
        moved = np.frombuffer(raw).reshape(2, 2) != original
        assert moved.sum() == 1
        assert moved.ravel()[k // 2]


def test_the_step_is_the_distance_actually_moved() -> None:
    # At θ = 1, θ ± 1e-13 round to points 1.9984e-13 apart, not 2e-13: for L = θ the
    # difference quotient is exactly 1 only when divided by the distance actually moved.
    values = np.array([1.0])
    numeric = gradient_check._centred(values, 1e-13, "v", lambda: float(values[0]))
    assert numeric[0] == 1.0
    assert ((1.0 + 1e-13) - (1.0 - 1e-13)) / 2e-13 != 1.0


BAD_H: list[tuple[object, type[Exception], str]] = [
    (True, TypeError, r"h must be a finite positive number, got True \(bool\)"),
    ("1e-5", TypeError, r"h must be a finite positive number, got '1e-5' \(str\)"),
    (None, TypeError, r"got None \(NoneType\)"),
    (math.nan, ValueError, r"h must be a finite positive number, got nan"),
    (math.inf, ValueError, r"got inf"),
    (0.0, ValueError, r"got 0.0"),
    (0, ValueError, r"got 0.0"),
    (-1e-5, ValueError, r"got -1e-05"),
]


@pytest.mark.parametrize(("h", "error", "message"), BAD_H, ids=[repr(b[0]) for b in BAD_H])
def test_a_bad_step_is_refused_and_nothing_changes(
    h: object, error: type[Exception], message: str
) -> None:
    X, y = bp.xor()
    net = bp.Network([2, 2, 1], seed=0)
    before = _state(net)
    with pytest.raises(error, match=message):
        bp.finite_difference_gradients(net, X, y, h=h)  # type: ignore[arg-type]
    assert _state(net) == before


def test_a_numpy_float_step_is_accepted() -> None:
    X, y = bp.xor()
    net = bp.Network([2, 2, 1], seed=0)
    numeric = bp.finite_difference_gradients(net, X, y, h=np.float32(1e-4))
    np.testing.assert_allclose(numeric.biases[1], net.backward(X, y).biases[1], rtol=1e-5)


BAD_BATCH: list[tuple[str, Callable[[np.ndarray, np.ndarray], tuple[Any, Any]], str]] = [
    ("X-rows", lambda X, y: (X[:1], y), r"X has 1 rows, but the network expects 2 inputs"),
    ("X-1d", lambda X, y: (X[0], y), r"X must be a 2-D array of shape \(2, n_samples\)"),
    ("y-rows", lambda X, y: (X, np.vstack([y, y])), r"y has 2 rows, but the network expects 1"),
    ("samples", lambda X, y: (X, y[:, :3]), r"X has 4 samples \(columns\) but y has 3"),
    ("X-nan", lambda X, y: (np.where(X == 0, np.nan, X), y), r"X must contain finite numbers"),
    ("y-inf", lambda X, y: (X, y + np.inf), r"y must contain finite numbers only"),
    ("X-text", lambda _X, y: ("inputs", y), r"X must be an array of real numbers"),
]


@pytest.mark.parametrize(("case", "make", "message"), BAD_BATCH, ids=[b[0] for b in BAD_BATCH])
def test_a_bad_batch_is_refused_and_nothing_changes(
    case: str, make: Callable[[np.ndarray, np.ndarray], tuple[Any, Any]], message: str
) -> None:
    X, y = bp.xor()
    net = bp.Network([2, 2, 1], seed=0)
    before = _state(net)
    error = TypeError if case == "X-text" else ValueError
    with pytest.raises(error, match=message):
        bp.finite_difference_gradients(net, *make(X, y))
    assert _state(net) == before


def test_targets_outside_0_1_are_refused_for_the_cross_entropy() -> None:
    X, y = bp.xor()
    net = bp.Network([2, 2, 1], seed=0, loss="cross_entropy")
    with pytest.raises(ValueError, match=r"the cross-entropy needs targets in \[0, 1\]"):
        bp.finite_difference_gradients(net, X, y + 1.0)


@pytest.mark.parametrize(
    "network",
    [None, {"weights": []}, bp.Ensemble([2, 2, 1], 2)],
    ids=["None", "dict", "Ensemble"],
)
def test_something_other_than_a_network_is_refused(network: object) -> None:
    X, y = bp.xor()
    with pytest.raises(TypeError, match=r"network must be a backprop.Network, got "):
        bp.finite_difference_gradients(network, X, y)  # type: ignore[arg-type]


def test_the_cross_entropy_is_differentiated_where_its_sigmoid_saturates() -> None:
    # z⁽ᴸ⁾ near 40: a = σ(z) is 1 − 4e-18, which rounds to 1, but L is computed from z and
    # its gradient a − y is still resolved by the differences.
    net = bp.Network.from_parameters(
        [np.array([[20.0, 20.0]])], [np.array([[0.0]])], "cross_entropy"
    )
    X, y = np.array([[1.0], [1.0]]), np.array([[0.0]])
    numeric = bp.finite_difference_gradients(net, X, y)
    np.testing.assert_allclose(numeric.deltas[0], [[1.0]], rtol=1e-9)
    np.testing.assert_allclose(numeric.weights[0], net.backward(X, y).weights[0], rtol=1e-9)


def test_integer_parameters_set_by_hand_are_differentiated_as_float64() -> None:
    # The attributes are public: a network can hold integer arrays. Perturbing an integer
    # copy by 1e-5 would round back to the same integer and give zero gradients.
    X, y = _batch((2, 2, 1))
    net = bp.Network([2, 2, 1], seed=0)
    net.weights = [np.array([[1, -1], [2, 0]]), np.array([[1, 1]])]
    net.biases = [np.array([[0], [1]]), np.array([[-1]])]
    exact = net.backward(X, y)
    numeric = bp.finite_difference_gradients(net, X, y)
    for g, w in zip(numeric.weights + numeric.biases, exact.weights + exact.biases, strict=True):
        np.testing.assert_allclose(g, w, rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize(
    ("weights", "biases", "X", "where"),
    [
        ([[1e12, 0.5]], [[0.0]], [[0.5], [0.5]], r"weights\[0\]\[0, 0\] = 1000000000000.0"),
        ([[0.5, 0.5]], [[0.0]], [[1e12], [1e12]], r"zs\[0\]\[0, 0\] = 1000000000000.0"),
    ],
    ids=["weight", "pre-activation"],
)
def test_a_step_too_small_names_the_entry_and_what_to_do(
    weights: list[list[float]], biases: list[list[float]], X: list[list[float]], where: str
) -> None:
    net = bp.Network.from_parameters([np.array(weights)], [np.array(biases)])
    with pytest.raises(ValueError, match=where) as error:
        bp.finite_difference_gradients(net, X, [[0.5]])
    assert str(error.value).startswith("h = 1e-05 is too small to move ")
    assert str(error.value).endswith(
        " in float64 (θ + h and θ − h round to the same number); use a larger h, such as 1e-5"
    )


def test_the_refusal_of_a_non_network_describes_what_was_given() -> None:
    X, y = bp.xor()
    with pytest.raises(
        TypeError, match=r"^network must be a backprop.Network, got \{\} \(dict\)$"
    ):
        bp.finite_difference_gradients({}, X, y)  # type: ignore[arg-type]
