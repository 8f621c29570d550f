"""The check library: every check of ``tests/generated/`` and of the self-check, written once.

A *check* takes the implementation under test and one generated :class:`~selfcheck.cases.Case`
and returns nothing, or raises :class:`~selfcheck.failure.CheckFailure`: which formula (the equation label to
read), which case, what the derivation expects, what the code gave, and the tolerance.
The expected values were computed by ``python -m derivations`` from the :class:`~derivations.result.Result`
objects of ``derivations.REGISTRY`` (formula functions) or from the composed loss of
``derivations/brute_force.py`` (``forward``, ``backward``, ``step`` and ``train`` of a
network); the cases are data (:mod:`selfcheck.cases`), so this module needs only NumPy.

What a check receives (``Check.needs`` names it):

* a formula function, called with ``backprop``'s arguments (DESIGN.md's names:
  ``hidden_delta(W_next, delta_next, a)`` and so on; samples are columns);
* ``make_network(weights, biases)``, a factory that returns a network object for the
  squared error L = ½ Σ (a − y)², and ``make_cross_entropy_network(weights, biases)`` for
  the cross-entropy. The object must follow :class:`~selfcheck.network_checks.NetworkLike`: ``forward(X)``,
  ``backward(X, y)`` returning gradients with ``weights``, ``biases`` and ``deltas`` lists,
  ``step(grads, learning_rate)``, ``train(X, y, epochs, learning_rate)`` (cross-entropy
  only), and the lists ``weights``, ``biases``, ``zs`` and ``activations``. Code written in
  another shape (a class with ``W1, b1, W2, b2``, Nielsen's ``network.py``) is checked
  through an adapter that offers this protocol; the checks never see ``backprop`` itself.

Tolerances
----------
Each expected value is a derived SymPy expression evaluated to 50 significant digits with
the float64 inputs taken as exact rationals, then rounded once to float64 (relative error
at most 2⁻⁵³, about 1.1e-16). What remains is the float64 arithmetic of the implementation:
a few dozen roundings per entry (products, sums over a few neurons or samples, one exp per
sigmoid), on well-conditioned inputs (every ``|z| ≤ 6``, so 1 − σ(z) ≥ 0.0025 and nothing
cancels catastrophically). That keeps its relative error below about 1e-14. ``RTOL = 1e-12``
leaves a factor of 100 for any other correct float64 evaluation order, and ``ATOL = 1e-15``
only matters for entries that are themselves near 0. A wrong formula (σ′ of the wrong
argument, a missing factor, W for Wᵀ, @ for ⊙, a wrong axis, a sign, a mean for a sum)
changes entries by many orders of magnitude more than RTOL; ``tests/test_generated_checks_bite.py``
shows that every mistake of :mod:`selfcheck.mistakes` fails these checks. The cross-entropy
cases at saturated z carry their own absolute tolerance (16 float64 ulps of their largest
``|z|``: each term is formed from z before the terms cancel).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from selfcheck.cases import Case
from selfcheck.failure import CheckFailure, compare
from selfcheck.network_checks import (
    NetworkFactory,
    NetworkLike,
    check_network_backward_after_step,
    check_network_cross_entropy_loss,
    check_network_deltas,
    check_network_forward,
    check_network_gradients,
    check_network_hidden_deltas,
    check_network_loss,
    check_network_output_delta,
    check_network_step,
    check_network_train,
)

__all__ = [
    "CHECKS",
    "FUNCTION_NAMES",
    "NETWORK_FACTORIES",
    "Check",
    "CheckFailure",
    "NetworkFactory",
    "NetworkLike",
    "by_name",
    "compare",
]

Array = NDArray[np.float64]


# Formula functions ---------------------------------------------------------------------------


def check_sigmoid(sigmoid: Callable[[Array], Any], case: Case) -> None:
    """eq-sigmoid: ``sigmoid(z)`` is σ(z) = 1 / (1 + e⁻ᶻ), entry by entry."""
    got = sigmoid(case.array("z"))
    compare(got, case["expected"], case, "eq-sigmoid", "sigmoid(z)")


def check_sigmoid_prime(sigmoid_prime: Callable[[Array], Any], case: Case) -> None:
    """eq-sigmoid-derivative: ``sigmoid_prime(z)`` takes z and returns σ(z)(1 − σ(z))."""
    got = sigmoid_prime(case.array("z"))
    compare(got, case["expected"], case, "eq-sigmoid-derivative", "sigmoid_prime(z)")


def check_sigmoid_derivative(sigmoid_derivative: Callable[[Array], Any], case: Case) -> None:
    """eq-sigmoid-derivative-output: ``sigmoid_derivative(a)`` takes a = σ(z), returns a(1 − a)."""
    got = sigmoid_derivative(case.array("a"))
    label = "eq-sigmoid-derivative-output"
    compare(got, case["expected"], case, label, "sigmoid_derivative(a)")


def check_forward_layer(forward_layer: Callable[..., Any], case: Case) -> None:
    """eq-forward-hidden: ``forward_layer(W, b, a_prev)`` returns (W a_prev + b, σ(W a_prev + b))."""
    z, a = forward_layer(case.array("w"), case.array("b"), case.array("a_prev"))
    compare(z, case["z"], case, case.label, "z = W a_prev + b")
    compare(a, case["a"], case, case.label, "a = σ(z)")


def check_mse(mse: Callable[[Array, Array], Any], case: Case) -> None:
    """eq-loss: ``mse(a, y)`` is ½ Σ (a − y)² over outputs and samples (a sum, not a mean)."""
    got = mse(case.array("a"), case.array("y"))
    compare(got, case["loss"], case, "eq-loss", "mse(a, y)")


def check_output_delta(output_delta: Callable[[Array, Array], Any], case: Case) -> None:
    """eq-output-delta: ``output_delta(a, y)`` is (a − y) ⊙ a(1 − a)."""
    got = output_delta(case.array("a"), case.array("y"))
    compare(got, case["delta"], case, "eq-output-delta", "output_delta(a, y)")


def check_hidden_delta(hidden_delta: Callable[[Array, Array, Array], Any], case: Case) -> None:
    """eq-hidden-delta: ``hidden_delta(W_next, delta_next, a)`` is (W_nextᵀ δ_next) ⊙ a(1 − a)."""
    got = hidden_delta(case.array("w_next"), case.array("delta_next"), case.array("a"))
    what = "hidden_delta(W_next, delta_next, a)"
    compare(got, case["delta"], case, "eq-hidden-delta", what)


def check_weight_gradient(weight_gradient: Callable[[Array, Array], Any], case: Case) -> None:
    """eq-grad-w2: ``weight_gradient(delta, a_prev)`` is δ a_prevᵀ (a sum over samples)."""
    got = weight_gradient(case.array("delta"), case.array("a_prev"))
    compare(got, case["gradient"], case, "eq-grad-w2", "weight_gradient(delta, a_prev)")


def check_bias_gradient(bias_gradient: Callable[[Array], Any], case: Case) -> None:
    """eq-grad-b2: ``bias_gradient(delta)`` is δ summed over the samples, shape (n, 1)."""
    got = bias_gradient(case.array("delta"))
    compare(got, case["gradient"], case, "eq-grad-b2", "bias_gradient(delta)")


def check_gradient_descent_update(
    update: Callable[[Array, Array, float], Any], case: Case
) -> None:
    """eq-update-w2: ``gradient_descent_update(theta, grad, learning_rate)`` is θ − α ∇."""
    got = update(case.array("theta"), case.array("grad"), case.number("learning_rate"))
    what = "gradient_descent_update(theta, grad, learning_rate)"
    compare(got, case["updated"], case, "eq-update-w2", what)


def check_cross_entropy(cross_entropy: Callable[[Array, Array], Any], case: Case) -> None:
    """eq-cross-entropy: ``cross_entropy(z, y)`` is −Σ [y log σ(z) + (1 − y) log(1 − σ(z))].

    It takes the pre-activation z: a saturated z (|z| = 40 or 800, where σ(z) rounds to 0 or
    1 and a naive log gives inf or nan) must still give the finite derived value.
    """
    got = cross_entropy(case.array("z"), case.array("y"))
    compare(got, case["loss"], case, "eq-cross-entropy", "cross_entropy(z, y)")


def check_output_delta_cross_entropy(
    output_delta_cross_entropy: Callable[[Array, Array], Any], case: Case
) -> None:
    """eq-output-delta-cross-entropy: ``output_delta_cross_entropy(a, y)`` is a − y (no σ′)."""
    got = output_delta_cross_entropy(case.array("a"), case.array("y"))
    label = "eq-output-delta-cross-entropy"
    compare(got, case["delta"], case, label, "output_delta_cross_entropy(a, y)")


# The registry of checks ------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One check and what it needs.

    Attributes
    ----------
    name : str
        The check's name, also the name of its generated test (``test_<name>``).
    title : str
        What is checked, as reports show it (``Network.backward: hidden deltas``).
    label : str
        The equation label the check is about (each failure names its own, more precise one).
    needs : tuple of str
        The implementation names passed to ``function``, in order, before the case.
    cases : str
        The collection of :mod:`selfcheck.cases` the check runs on.
    function : callable
        ``function(*implementations, case)``: returns None or raises :class:`~selfcheck.failure.CheckFailure`.
    """

    name: str
    title: str
    label: str
    needs: tuple[str, ...]
    cases: str
    function: Callable[..., None]

    def run(self, implementation: Mapping[str, Any], case: Case) -> None:
        """Run the check on `case` with the callables of `implementation` named by ``needs``."""
        self.function(*(implementation[name] for name in self.needs), case)


def _function_check(name: str, title: str, label: str, function: Callable[..., None]) -> Check:
    return Check(name, title, label, (name,), name, function)


_NET, _CROSS = ("make_network",), ("make_cross_entropy_network",)

#: Every check, formula functions first, then networks; each group in the order of the maths.
CHECKS: tuple[Check, ...] = (
    _function_check("sigmoid", "sigmoid", "eq-sigmoid", check_sigmoid),
    _function_check(
        "sigmoid_prime", "sigmoid_prime", "eq-sigmoid-derivative", check_sigmoid_prime
    ),
    _function_check(
        "sigmoid_derivative",
        "sigmoid_derivative",
        "eq-sigmoid-derivative-output",
        check_sigmoid_derivative,
    ),
    _function_check("forward_layer", "forward_layer", "eq-forward-hidden", check_forward_layer),
    _function_check("mse", "mse", "eq-loss", check_mse),
    _function_check("output_delta", "output_delta", "eq-output-delta", check_output_delta),
    _function_check("hidden_delta", "hidden_delta", "eq-hidden-delta", check_hidden_delta),
    _function_check("weight_gradient", "weight_gradient", "eq-grad-w2", check_weight_gradient),
    _function_check("bias_gradient", "bias_gradient", "eq-grad-b2", check_bias_gradient),
    _function_check(
        "gradient_descent_update",
        "gradient_descent_update",
        "eq-update-w2",
        check_gradient_descent_update,
    ),
    _function_check("cross_entropy", "cross_entropy", "eq-cross-entropy", check_cross_entropy),
    _function_check(
        "output_delta_cross_entropy",
        "output_delta_cross_entropy",
        "eq-output-delta-cross-entropy",
        check_output_delta_cross_entropy,
    ),
    Check(
        "network_forward",
        "Network.forward",
        "eq-forward-output",
        _NET,
        "networks",
        check_network_forward,
    ),
    Check(
        "network_loss",
        "Network loss (mse of forward)",
        "eq-loss",
        (*_NET, "mse"),
        "networks",
        check_network_loss,
    ),
    Check(
        "network_output_delta",
        "Network.backward: output delta",
        "eq-output-delta",
        _NET,
        "networks",
        check_network_output_delta,
    ),
    Check(
        "network_hidden_deltas",
        "Network.backward: hidden deltas",
        "eq-hidden-delta",
        _NET,
        "networks",
        check_network_hidden_deltas,
    ),
    Check(
        "network_gradients",
        "Network.backward: gradients",
        "eq-grad-w1",
        _NET,
        "networks",
        check_network_gradients,
    ),
    Check("network_step", "Network.step", "eq-update-w1", _NET, "networks", check_network_step),
    Check(
        "network_backward_after_step",
        "Network.backward after a step",
        "eq-forward-hidden",
        _NET,
        "networks",
        check_network_backward_after_step,
    ),
    Check(
        "deep_network_forward",
        "Network, depth 3 and 4: forward",
        "eq-forward-general",
        _NET,
        "deep_networks",
        check_network_forward,
    ),
    Check(
        "deep_network_deltas",
        "Network, depth 3 and 4: deltas",
        "eq-delta-recursion",
        _NET,
        "deep_networks",
        check_network_deltas,
    ),
    Check(
        "deep_network_gradients",
        "Network, depth 3 and 4: gradients",
        "eq-grad-w-general",
        _NET,
        "deep_networks",
        check_network_gradients,
    ),
    Check(
        "deep_network_step",
        "Network, depth 3 and 4: step",
        "eq-grad-w-general",
        _NET,
        "deep_networks",
        check_network_step,
    ),
    Check(
        "cross_entropy_network_forward",
        "Network(cross-entropy).forward",
        "eq-forward-output",
        _CROSS,
        "cross_entropy_networks",
        check_network_forward,
    ),
    Check(
        "cross_entropy_network_loss",
        "Network(cross-entropy) loss",
        "eq-cross-entropy",
        (*_CROSS, "cross_entropy"),
        "cross_entropy_networks",
        check_network_cross_entropy_loss,
    ),
    Check(
        "cross_entropy_network_deltas",
        "Network(cross-entropy).backward: deltas",
        "eq-output-delta-cross-entropy",
        _CROSS,
        "cross_entropy_networks",
        check_network_deltas,
    ),
    Check(
        "cross_entropy_network_gradients",
        "Network(cross-entropy).backward: gradients",
        "eq-grad-w1",
        _CROSS,
        "cross_entropy_networks",
        check_network_gradients,
    ),
    Check(
        "cross_entropy_network_step",
        "Network(cross-entropy).step",
        "eq-update-w1",
        _CROSS,
        "cross_entropy_networks",
        check_network_step,
    ),
    Check(
        "cross_entropy_network_train",
        "Network(cross-entropy).train",
        "eq-cross-entropy",
        _CROSS,
        "cross_entropy_networks",
        check_network_train,
    ),
)

#: The formula functions an implementation may define (DESIGN.md's names).
FUNCTION_NAMES: tuple[str, ...] = tuple(c.name for c in CHECKS if c.needs == (c.name,))

#: The network factories an implementation may define.
NETWORK_FACTORIES: tuple[str, ...] = (*_NET, *_CROSS)


def by_name(name: str) -> Check:
    """Return the check called `name`.

    Raises
    ------
    KeyError
        If there is none; the message lists the names there are.
    """
    for check in CHECKS:
        if check.name == name:
            return check
    msg = f"no check called {name!r}; the checks are: {', '.join(c.name for c in CHECKS)}"
    raise KeyError(msg)
