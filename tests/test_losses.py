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
