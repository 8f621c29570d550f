"""Mutation killers for backprop's functions: the losses, the activations and the XOR data.

``nox -s mutation`` runs mutmut over ``backprop/``; each test in tests/mutation_killers/
pins down behaviour that some surviving mutant changed, which the rest of the suite let
survive. Here: the exact XOR samples, and the conversion of array_like input
(numbers given as text too) to float64 in the losses and the activations.
"""

import numpy as np
import pytest

import backprop as bp


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
