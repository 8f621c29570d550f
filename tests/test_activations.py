"""Hand-written checks of σ and σ′: limits, symmetry, and the two spellings of σ′."""

import math

import numpy as np
import pytest

import backprop as bp

EXTREMES = np.array([-1e308, -1e300, -1e5, -746.0, -710.0, -709.0, -1.0, 0.0, 1.0, 710.0, 1e308])


def test_sigmoid_has_the_right_limits_for_every_finite_float64_without_warnings():
    # filterwarnings = error in pyproject.toml turns any RuntimeWarning into a failure.
    values = bp.sigmoid(EXTREMES)
    assert values.dtype == np.float64
    assert np.isfinite(values).all()
    assert values[0] == 0.0
    assert values[-1] == 1.0
    assert bp.sigmoid(np.finfo(np.float64).max) == 1.0
    assert bp.sigmoid(-np.finfo(np.float64).max) == 0.0


def test_sigmoid_is_monotone_and_within_the_unit_interval():
    z = np.concatenate([-np.logspace(-8, 308, 2000)[::-1], [0.0], np.logspace(-8, 308, 2000)])
    values = bp.sigmoid(z)
    assert ((values >= 0.0) & (values <= 1.0)).all()
    assert (np.diff(values) >= 0.0).all()


@pytest.mark.parametrize("z", [-30.0, -2.5, -1e-3, 0.0, 0.7, 4.0, 30.0])
def test_sigmoid_matches_the_definition_computed_by_the_standard_library(z):
    expected = 1.0 / (1.0 + math.exp(-z))
    assert bp.sigmoid(z) == pytest.approx(expected, rel=1e-15)


def test_sigmoid_is_symmetric_about_one_half():
    z = np.linspace(-30.0, 30.0, 601)
    np.testing.assert_allclose(bp.sigmoid(-z), 1.0 - bp.sigmoid(z), rtol=0, atol=1e-15)


def test_sigmoid_keeps_the_shape_of_its_input():
    z = np.zeros((3, 4))
    assert bp.sigmoid(z).shape == (3, 4)
    assert bp.sigmoid_prime(z).shape == (3, 4)
    assert bp.sigmoid_derivative(z).shape == (3, 4)


def test_the_two_spellings_of_sigma_prime_agree_when_given_their_own_arguments():
    z = np.linspace(-12.0, 12.0, 97)
    np.testing.assert_allclose(bp.sigmoid_prime(z), bp.sigmoid_derivative(bp.sigmoid(z)))


def test_the_two_spellings_differ_when_given_the_wrong_argument():
    # The classic bug: a(1 - a) applied to z. The names exist to prevent it.
    z = np.array([0.5, 2.0, -3.0])
    assert not np.allclose(bp.sigmoid_derivative(z), bp.sigmoid_prime(z))


def test_sigma_prime_is_a_quarter_at_zero_and_vanishes_when_saturated_without_warnings():
    assert bp.sigmoid_prime(0.0) == 0.25
    assert bp.sigmoid_derivative(0.5) == 0.25
    assert bp.sigmoid_prime(1e308) == 0.0
    assert bp.sigmoid_prime(-1e308) == 0.0


def test_sigma_prime_matches_a_central_difference_of_sigma():
    z = np.linspace(-8.0, 8.0, 33)
    h = 1e-6
    numeric = (bp.sigmoid(z + h) - bp.sigmoid(z - h)) / (2 * h)
    # Rounding error of the quotient is about eps / h = 2e-10, so atol 1e-9.
    np.testing.assert_allclose(bp.sigmoid_prime(z), numeric, rtol=1e-6, atol=1e-9)


def test_sigmoid_switches_forms_at_the_overflow_threshold_without_a_seam():
    # Just above the threshold the direct form is used, just below the overflow-free one.
    z = np.array([-709.7, -709.8, -709.9])
    values = bp.sigmoid(z)
    np.testing.assert_allclose(values, np.exp(z), rtol=1e-13)  # σ(z) = e^z (1 + e^z)⁻¹ ≈ e^z
    np.testing.assert_array_equal(bp.sigmoid(z[:1]), values[:1])


def test_sigmoid_of_nan_is_nan_without_warnings_even_beside_huge_negative_inputs():
    values = bp.sigmoid(np.array([np.nan, -1e308, 3.0]))
    assert np.isnan(values[0])
    assert values[1] == 0.0
    assert values[2] == pytest.approx(1.0 / (1.0 + math.exp(-3.0)), rel=1e-15)


def test_sigmoid_of_an_empty_array_is_an_empty_array():
    values = bp.sigmoid(np.array([]))
    assert values.shape == (0,)
    assert values.dtype == np.float64
