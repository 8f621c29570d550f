"""The loss is half the squared error summed over outputs and samples, not a mean."""

import numpy as np
import pytest

import backprop as bp


def test_mse_is_half_the_summed_squared_error():
    a = np.array([[0.2, 0.9, 0.6], [0.1, 0.4, 0.3]])
    y = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]])
    by_hand = 0.0
    for row in range(2):
        for column in range(3):
            by_hand += (a[row, column] - y[row, column]) ** 2
    assert bp.mse(a, y) == pytest.approx(by_hand / 2, rel=1e-15)


def test_mse_is_a_sum_so_duplicating_the_batch_doubles_it():
    a = np.array([[0.2, 0.9]])
    y = np.array([[0.0, 1.0]])
    assert bp.mse(np.hstack([a, a]), np.hstack([y, y])) == pytest.approx(2 * bp.mse(a, y))


def test_mse_returns_a_python_float():
    assert type(bp.mse([[0.5]], [[0.0]])) is float


def test_mse_refuses_mismatched_shapes():
    with pytest.raises(ValueError, match=r"same shape, got a \(1, 3\) and y \(1, 4\)"):
        bp.mse(np.zeros((1, 3)), np.zeros((1, 4)))


def test_squared_error_is_the_name_and_mse_the_same_function():
    assert bp.mse is bp.squared_error
    assert bp.losses.mse is bp.losses.squared_error
    assert bp.squared_error([[0.5, 1.0]], [[0.0, 1.0]]) == 0.125


def test_every_loss_is_one_object_looked_up_by_its_name():
    assert list(bp.losses.LOSSES) == ["squared_error", "cross_entropy"]
    assert bp.losses.LOSSES["squared_error"] is bp.losses.SQUARED_ERROR
    assert bp.losses.LOSSES["cross_entropy"] is bp.losses.CROSS_ENTROPY
    with pytest.raises(TypeError):
        bp.losses.LOSSES["other"] = bp.losses.SQUARED_ERROR  # type: ignore[index]
    assert repr(bp.losses.CROSS_ENTROPY) == (
        "Loss(name='cross_entropy', targets_in_unit_interval=True)"
    )


def test_each_loss_object_computes_its_value_and_its_output_delta():
    rng = np.random.default_rng(0)
    z = rng.standard_normal((2, 5))
    a = bp.sigmoid(z)
    y = rng.random((2, 5))
    squared, cross = bp.losses.SQUARED_ERROR, bp.losses.CROSS_ENTROPY
    # Each reads the one of z and a it is exact in; the other argument is ignored.
    assert squared.value(np.full_like(z, np.nan), a, y) == bp.squared_error(a, y)
    assert cross.value(z, np.full_like(a, np.nan), y) == bp.cross_entropy(z, y)
    np.testing.assert_array_equal(squared.output_delta(a, y), bp.output_delta(a, y))
    np.testing.assert_array_equal(cross.output_delta(a, y), a - y)
    assert not squared.targets_in_unit_interval
    assert cross.targets_in_unit_interval
    assert (squared.title, cross.title) == ("the squared error", "the cross-entropy")


def test_a_formula_swapped_into_its_module_is_the_one_the_loss_uses(monkeypatch):
    # The mistake catalogue installs wrong formulas by replacing module attributes.
    monkeypatch.setattr(bp.deltas, "output_delta", lambda a, y: a + y)
    monkeypatch.setattr(bp.deltas, "output_delta_cross_entropy", lambda a, y: a * y)
    monkeypatch.setattr(bp.losses, "mse", lambda _a, _y: -1.0)
    monkeypatch.setattr(bp.losses, "cross_entropy", lambda _z, _y: -2.0)
    a, y = np.array([[0.5]]), np.array([[0.25]])
    assert bp.losses.SQUARED_ERROR.output_delta(a, y)[0, 0] == 0.75
    assert bp.losses.CROSS_ENTROPY.output_delta(a, y)[0, 0] == 0.125
    assert bp.losses.SQUARED_ERROR.value(a, a, y) == -1.0
    assert bp.losses.CROSS_ENTROPY.value(a, a, y) == -2.0
