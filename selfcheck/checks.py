"""The check library: every check of ``tests/generated/`` and of the self-check, written once.

A *check* takes the implementation under test and one generated :class:`~selfcheck.cases.Case`
and returns nothing, or raises :class:`CheckFailure`: which formula (the equation label to
read), which case, what the derivation expects, what the code gave, and the tolerance.
The expected values were computed by ``python -m derivations`` from the :class:`Result`
objects of ``derivations.REGISTRY`` (formula functions) or from the composed loss of
``derivations/brute_force.py`` (``forward``, ``backward``, ``step`` and ``train`` of a
network); the cases are data (:mod:`selfcheck.cases`), so this module needs only NumPy.

What a check receives (:attr:`Check.needs` names it):

* a formula function, called with ``backprop``'s arguments (DESIGN.md's names:
  ``hidden_delta(W_next, delta_next, a)`` and so on; samples are columns);
* ``make_network(weights, biases)``, a factory that returns a network object for the
  squared error L = ½ Σ (a − y)², and ``make_cross_entropy_network(weights, biases)`` for
  the cross-entropy. The object must follow :class:`NetworkLike`: ``forward(X)``,
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
sigmoid), on well-conditioned inputs (every |z| ≤ 6, so 1 − σ(z) ≥ 0.0025 and nothing
cancels catastrophically). That keeps its relative error below about 1e-14. ``RTOL = 1e-12``
leaves a factor of 100 for any other correct float64 evaluation order, and ``ATOL = 1e-15``
only matters for entries that are themselves near 0. A wrong formula (σ′ of the wrong
argument, a missing factor, W for Wᵀ, @ for ⊙, a wrong axis, a sign, a mean for a sum)
changes entries by many orders of magnitude more than RTOL; ``tests/test_generated_checks_bite.py``
shows that every mistake of :mod:`selfcheck.mistakes` fails these checks. The cross-entropy
cases at saturated z carry their own absolute tolerance (16 float64 ulps of their largest
|z|: each term is formed from z before the terms cancel).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from selfcheck.cases import Case, Tolerance

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


class NetworkLike(Protocol):
    """What a network object offers the checks (``backprop.Network`` does; adapters may)."""

    # Read-only properties in the protocol, so that a plain list attribute satisfies them.
    @property
    def weights(self) -> Sequence[Any]:
        """W⁽¹⁾ … W⁽ᴸ⁾, shapes (n_out, n_in)."""

    @property
    def biases(self) -> Sequence[Any]:
        """b⁽¹⁾ … b⁽ᴸ⁾, shapes (n_out, 1)."""

    @property
    def zs(self) -> Sequence[Any]:
        """z⁽¹⁾ … z⁽ᴸ⁾ of the last forward pass."""

    @property
    def activations(self) -> Sequence[Any]:
        """a⁽⁰⁾ = X, a⁽¹⁾ … a⁽ᴸ⁾ of the last forward pass."""

    def forward(self, X: Array) -> Any:
        """Return a⁽ᴸ⁾, keeping ``zs`` and ``activations`` (``activations[0]`` is X)."""

    def backward(self, X: Array, y: Array) -> Any:
        """Return gradients with ``weights``, ``biases`` and ``deltas`` lists, layer 1 first."""

    def step(self, grads: Any, learning_rate: float) -> None:
        """Move every parameter by −learning_rate × its gradient in `grads`."""

    def train(self, X: Array, y: Array, epochs: int, learning_rate: float) -> Any:
        """Train full-batch; return the loss after each epoch."""


#: ``make_network(weights, biases)``: a network with these parameters (lists of arrays).
NetworkFactory = Callable[[list[Array], list[Array]], NetworkLike]


class CheckFailure(AssertionError):
    """A check found the implementation disagreeing with the derivation.

    Attributes
    ----------
    label : str
        The equation label to read (``eq-hidden-delta``).
    case : Case
        The generated case that failed.
    what : str
        The quantity compared (``hidden_delta(W_next, delta_next, a)``, ``dL/dW(1)``).
    expected, got : object
        What the derivation gives and what the code returned.
    tolerance : Tolerance
        The tolerance of the comparison.
    """

    def __init__(
        self, label: str, case: Case, what: str, expected: Any, got: Any, tolerance: Tolerance
    ) -> None:
        self.label, self.case, self.what = label, case, what
        self.expected, self.got, self.tolerance = expected, got, tolerance
        super().__init__(self.message())

    def message(self) -> str:
        """Return the report a student reads: formula, case, expected, got, tolerance."""
        with np.printoptions(precision=17, threshold=50, linewidth=96):
            expected, got = np.asarray(self.expected), np.asarray(self.got)
            return (
                f"{self.label}: {self.what} is wrong for the case {self.case.name} "
                f"({self.case.id})\n"
                f"  expected (derived): {_text(expected)}\n"
                f"  got:                {_text(got)}\n"
                f"  tolerance: rtol={self.tolerance.rtol:g}, atol={self.tolerance.atol:g}; "
                f"read the equation {self.label}"
            )


def _text(value: NDArray[Any]) -> str:
    text = np.array2string(value, separator=", ") if value.ndim else repr(value.item())
    return text.replace("\n", "\n" + " " * 22)


def compare(got: Any, expected: Any, case: Case, label: str, what: str) -> None:
    """Raise :class:`CheckFailure` unless `got` has `expected`'s shape and values.

    Values agree when ``|got − expected| ≤ atol + rtol |expected|`` entry by entry, with the
    case's tolerance (see the module docstring for why).
    """
    tolerance = case.tolerance
    wanted = np.asarray(expected, dtype=np.float64)
    try:
        value = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        raise CheckFailure(label, case, what, wanted, got, tolerance) from None
    if value.shape != wanted.shape or not np.allclose(
        value, wanted, rtol=tolerance.rtol, atol=tolerance.atol, equal_nan=False
    ):
        raise CheckFailure(label, case, what, wanted, value, tolerance)


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


# Networks: labels by layer --------------------------------------------------------------------


def _depth(case: Case) -> int:
    return len(case.arrays("weights"))


def _forward_label(case: Case, layer: int) -> str:
    if _depth(case) != 2:
        return "eq-forward-general"
    return "eq-forward-hidden" if layer == 1 else "eq-forward-output"


def _delta_label(case: Case, layer: int) -> str:
    if layer == _depth(case):
        cross = case["loss_name"] == "cross_entropy"
        return "eq-output-delta-cross-entropy" if cross else "eq-output-delta"
    return "eq-hidden-delta" if _depth(case) == 2 else "eq-delta-recursion"


def _gradient_label(case: Case, layer: int, kind: str) -> str:
    return f"eq-grad-{kind}{layer}" if _depth(case) == 2 else f"eq-grad-{kind}-general"


def _update_label(case: Case, layer: int, kind: str) -> str:
    # θ ← θ − α ∂L/∂θ is one rule for every layer: eq-update-*2 states it for the output layer.
    return f"eq-update-{kind}{2 if layer == _depth(case) else 1}"


def _network(make_network: NetworkFactory, case: Case) -> NetworkLike:
    return make_network(case.arrays("weights"), case.arrays("biases"))


def _backward(make_network: NetworkFactory, case: Case) -> tuple[NetworkLike, Any]:
    net = _network(make_network, case)
    return net, net.backward(case.array("x"), case.array("y"))


# Networks: the checks ----------------------------------------------------------------------------


def check_network_forward(make_network: NetworkFactory, case: Case) -> None:
    """Network.forward returns a⁽ᴸ⁾ and keeps every z⁽ˡ⁾ and a⁽ˡ⁾ of the composed network."""
    net = _network(make_network, case)
    output = net.forward(case.array("x"))
    depth = _depth(case)
    compare(output, case["a"][-1], case, _forward_label(case, depth), "forward(X)")
    compare(net.activations[0], case["x"], case, _forward_label(case, 1), "activations[0] = X")
    for layer in range(1, depth + 1):
        label = _forward_label(case, layer)
        compare(
            net.zs[layer - 1], case["z"][layer - 1], case, label, f"zs[{layer - 1}] = z({layer})"
        )
        what = f"activations[{layer}] = a({layer})"
        compare(net.activations[layer], case["a"][layer - 1], case, label, what)


def check_network_loss(
    make_network: NetworkFactory, mse: Callable[[Array, Array], Any], case: Case
) -> None:
    """eq-loss: ``mse`` of the network's output is the loss composed from the definitions."""
    net = _network(make_network, case)
    got = mse(net.forward(case.array("x")), case.array("y"))
    compare(got, case["loss"], case, "eq-loss", "mse(forward(X), y)")


def check_network_cross_entropy_loss(
    make_network: NetworkFactory, cross_entropy: Callable[[Array, Array], Any], case: Case
) -> None:
    """eq-cross-entropy: ``cross_entropy`` of the output pre-activation is the composed loss."""
    net = _network(make_network, case)
    net.forward(case.array("x"))
    got = cross_entropy(net.zs[-1], case.array("y"))
    compare(got, case["loss"], case, "eq-cross-entropy", "cross_entropy(zs[-1], y)")


def check_network_output_delta(make_network: NetworkFactory, case: Case) -> None:
    """Network.backward's last delta is ∂L/∂z⁽ᴸ⁾, differentiated from the composed loss."""
    _, grads = _backward(make_network, case)
    depth = _depth(case)
    label = _delta_label(case, depth)
    compare(
        grads.deltas[-1],
        case["deltas"][-1],
        case,
        label,
        f"backward(X, y).deltas[-1] = δ({depth})",
    )


def check_network_hidden_deltas(make_network: NetworkFactory, case: Case) -> None:
    """Network.backward's hidden deltas are ∂L/∂z⁽ˡ⁾, differentiated from the composed loss."""
    _, grads = _backward(make_network, case)
    for layer in range(1, _depth(case)):
        what = f"backward(X, y).deltas[{layer - 1}] = δ({layer})"
        compare(
            grads.deltas[layer - 1],
            case["deltas"][layer - 1],
            case,
            _delta_label(case, layer),
            what,
        )


def check_network_deltas(make_network: NetworkFactory, case: Case) -> None:
    """Every delta of Network.backward is ∂L/∂z⁽ˡ⁾, differentiated from the composed loss."""
    _, grads = _backward(make_network, case)
    for layer in range(1, _depth(case) + 1):
        what = f"backward(X, y).deltas[{layer - 1}] = δ({layer})"
        compare(
            grads.deltas[layer - 1],
            case["deltas"][layer - 1],
            case,
            _delta_label(case, layer),
            what,
        )


def check_network_gradients(make_network: NetworkFactory, case: Case) -> None:
    """Network.backward's gradients are those of the loss composed from the definitions."""
    _, grads = _backward(make_network, case)
    for layer in range(1, _depth(case) + 1):
        label = _gradient_label(case, layer, "w")
        what = f"backward(X, y).weights[{layer - 1}] = dL/dW({layer})"
        compare(grads.weights[layer - 1], case["weight_gradients"][layer - 1], case, label, what)
        label = _gradient_label(case, layer, "b")
        what = f"backward(X, y).biases[{layer - 1}] = dL/db({layer})"
        compare(grads.biases[layer - 1], case["bias_gradients"][layer - 1], case, label, what)


def check_network_step(make_network: NetworkFactory, case: Case) -> None:
    """One step after backward moves every parameter by −α ∂L/∂θ (∂L/∂θ of the composed loss)."""
    net, grads = _backward(make_network, case)
    net.step(grads, learning_rate=case.number("learning_rate"))
    for layer in range(1, _depth(case) + 1):
        label, what = _update_label(case, layer, "w"), f"weights[{layer - 1}] after step"
        compare(net.weights[layer - 1], case["stepped_weights"][layer - 1], case, label, what)
        label, what = _update_label(case, layer, "b"), f"biases[{layer - 1}] after step"
        compare(net.biases[layer - 1], case["stepped_biases"][layer - 1], case, label, what)


def check_network_backward_after_step(make_network: NetworkFactory, case: Case) -> None:
    """Backward after a step (and after a forward pass on another batch) uses the new weights.

    The gradients of a network that has stepped and then run forward on one sample must be
    those of a fresh network built from its stepped parameters: gradients computed from
    activations left over by an earlier forward pass fail.
    """
    X, y = case.array("x"), case.array("y")
    net, grads = _backward(make_network, case)
    net.step(grads, learning_rate=case.number("learning_rate"))
    net.forward(X[:, :1])  # leave the activations of another batch behind
    got = net.backward(X, y)
    weights = [np.array(w, dtype=np.float64) for w in net.weights]
    biases = [np.array(b, dtype=np.float64) for b in net.biases]
    fresh = make_network(weights, biases).backward(X, y)
    for layer in range(1, _depth(case) + 1):
        label = "eq-forward-hidden"  # backward must start with a forward pass of its own
        what = f"dL/dW({layer}) of backward after a step"
        compare(got.weights[layer - 1], fresh.weights[layer - 1], case, label, what)
        what = f"dL/db({layer}) of backward after a step"
        compare(got.biases[layer - 1], fresh.biases[layer - 1], case, label, what)


def check_network_train(make_network: NetworkFactory, case: Case) -> None:
    """One epoch of train steps, then records the loss at the new parameters."""
    net = _network(make_network, case)
    rate = case.number("learning_rate")
    history = net.train(case.array("x"), case.array("y"), epochs=1, learning_rate=rate)
    label = "eq-cross-entropy" if case["loss_name"] == "cross_entropy" else "eq-loss"
    compare(history, [case["loss_after_step"]], case, label, "train(X, y, epochs=1) history")


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
        The implementation names passed to :attr:`function`, in order, before the case.
    cases : str
        The collection of :mod:`selfcheck.cases` the check runs on.
    function : callable
        ``function(*implementations, case)``: returns None or raises :class:`CheckFailure`.
    """

    name: str
    title: str
    label: str
    needs: tuple[str, ...]
    cases: str
    function: Callable[..., None]

    def run(self, implementation: Mapping[str, Any], case: Case) -> None:
        """Run the check on `case` with the callables of `implementation` named by :attr:`needs`."""
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
