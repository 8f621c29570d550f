"""A catalogue of the mistakes people really make when they write backpropagation.

Each :class:`Mistake` is a small, realistic variant of one piece of ``backprop``: a formula
function (installed by replacing the attribute that :class:`backprop.Network` looks up at
call time, e.g. ``backprop.deltas.output_delta``) or a whole-network behaviour (installed as
a :class:`backprop.Network` subclass that overrides one internal method). Every mistake
names the equation label it violates, so a failing check points at the page to read.

Nothing here is part of ``backprop``'s public API. The catalogue exists to show that the
project's checks catch these mistakes (``python -m selfcheck --catalogue``) and to teach
them (the "Common mistakes" page of the site).
"""

from __future__ import annotations

import ast
import contextlib
import difflib
import importlib
import inspect
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

import backprop
from backprop import activations, deltas, gradients, update

__all__ = ["MISTAKES", "Mistake", "TrainingRun", "by_name", "train_xor"]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Mistake:
    """One wrong implementation, how to install it, and what it gets wrong.

    Attributes
    ----------
    name : str
        A stable slug, e.g. ``"output-delta-without-sigma-prime"``.
    title : str
        A short human title.
    explanation : str
        One or two sentences: what the code does and why it is wrong.
    label : str
        The stable equation label the mistake violates (``eq-output-delta``, ...).
    target : str
        What it replaces: a dotted attribute such as ``"backprop.deltas.output_delta"``
        (a formula function), or ``"backprop.Network"`` (a whole-network mistake, given
        as a subclass whose overridden method is :attr:`right` 's counterpart).
    wrong : callable
        The wrong function, or for a whole-network mistake the overriding method.
    right : callable
        The correct ``backprop`` function or :class:`backprop.Network` method it replaces.
    network_class : type or None
        For a whole-network mistake, the :class:`backprop.Network` subclass to use.
    hand_tests : tuple of str
        Hand-written pytest node ids (relative to the repository root) expected to fail
        with the mistake installed, besides the generated checks.
    caught_by : tuple of str
        Checks of :mod:`selfcheck.checks` (by name) that must fail with the mistake
        installed: the function's own check, and the network checks it reaches.
    """

    name: str
    title: str
    explanation: str
    label: str
    target: str
    wrong: Callable[..., Any]
    right: Callable[..., Any]
    network_class: type[backprop.Network] | None = None
    hand_tests: tuple[str, ...] = field(default=())
    caught_by: tuple[str, ...] = field(default=())

    @property
    def attribute(self) -> str:
        """The name of the replaced attribute (``output_delta``, or ``Network``)."""
        return self.target.rsplit(".", 1)[1]

    @property
    def module(self) -> Any:
        """The module whose attribute the mistake replaces."""
        return importlib.import_module(self.target.rsplit(".", 1)[0])

    @property
    def is_network(self) -> bool:
        """Whether this is a whole-network mistake (a :class:`backprop.Network` subclass)."""
        return self.network_class is not None

    @contextlib.contextmanager
    def installed(self) -> Iterator[type[backprop.Network]]:
        """Install the mistake for the duration of a ``with`` block.

        Yields
        ------
        type
            The network class to use inside the block: ``backprop.Network`` (which now
            computes with the wrong formula) or the mistake's subclass, which also replaces
            ``backprop.Network`` in the block.
        """
        if self.network_class is not None:
            with _replaced(backprop, "Network", self.network_class):
                yield self.network_class
        else:
            with _replaced(self.module, self.attribute, self.wrong):
                yield backprop.network.Network

    def source_lines(self) -> tuple[list[str], list[str]]:
        """Return the body lines of the right and of the wrong code (docstrings dropped)."""
        return _body_lines(self.right), _body_lines(self.wrong)

    def changed_lines(self) -> tuple[list[str], list[str]]:
        """Return only the lines that differ: (right lines, wrong lines), in order."""
        right, wrong = self.source_lines()
        removed: list[str] = []
        added: list[str] = []
        matcher = difflib.SequenceMatcher(a=right, b=wrong, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                removed += right[i1:i2]
                added += wrong[j1:j2]
        return removed, added


@contextlib.contextmanager
def _replaced(owner: Any, name: str, value: Any) -> Iterator[None]:
    saved = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, saved)


def _body_lines(function: Callable[..., Any]) -> list[str]:
    """Return the statements of `function`'s body, dedented, without its docstring."""
    source = textwrap.dedent(inspect.getsource(function))
    node = ast.parse(source).body[0]
    if not isinstance(node, ast.FunctionDef):
        msg = f"expected a function, got {type(node).__name__} for {function!r}"
        raise TypeError(msg)
    body = node.body
    if (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        body = body[1:]
    lines = source.splitlines()
    start = body[0].lineno - 1
    return textwrap.dedent("\n".join(lines[start : node.end_lineno])).splitlines()


# The wrong formula functions --------------------------------------------------------------


def sigmoid_derivative_of_a_as_if_z(a: Array) -> Array:
    """σ′ computed as σ(a)(1 − σ(a)): the activation a treated as if it were z."""
    s = activations.sigmoid(a)
    return s * (1.0 - s)


def sigmoid_prime_of_z_as_if_a(z: Array) -> Array:
    """σ′ computed as z(1 − z): the input z treated as if it were the activation a."""
    z = np.asarray(z, dtype=np.float64)
    return z * (1.0 - z)


def output_delta_without_sigma_prime(a: Array, y: Array) -> Array:
    """Return the output error alone: the σ′ factor of the chain rule is dropped."""
    return a - y


def output_delta_with_sigma_prime_of_a(a: Array, y: Array) -> Array:
    """σ′ applied to the activation as if it were z: σ′(a) instead of a(1 − a)."""
    return (a - y) * activations.sigmoid_prime(a)


def output_delta_with_flipped_error(a: Array, y: Array) -> Array:
    """Write the error as y − a: every gradient points uphill."""
    return (y - a) * activations.sigmoid_derivative(a)


def hidden_delta_untransposed(weights_next: Array, delta_next: Array, a: Array) -> Array:
    """W instead of Wᵀ: on a square layer the shapes still fit, the values do not."""
    return (weights_next @ delta_next) * activations.sigmoid_derivative(a)


def hidden_delta_matrix_product(weights_next: Array, delta_next: Array, a: Array) -> Array:
    """Apply σ′ with a matrix product where the elementwise product ⊙ belongs."""
    return (weights_next.T @ delta_next) @ activations.sigmoid_derivative(a)


def bias_gradient_not_summed(delta: Array) -> Array:
    """δ returned as it is: one bias gradient per sample instead of their sum."""
    return delta


def bias_gradient_summed_over_neurons(delta: Array) -> Array:
    """δ summed over axis 0 (the neurons) instead of axis 1 (the samples)."""
    summed: Array = delta.sum(axis=0, keepdims=True)
    return summed


def update_with_wrong_sign(parameter: Array, gradient: Array, learning_rate: float) -> Array:
    """θ + α ∂L/∂θ: gradient ascent, the loss grows."""
    return parameter + learning_rate * gradient


def mse_averaged_over_the_batch(a: Any, y: Any) -> float:
    """Divide the loss by the batch size while the gradients are of the sum."""
    error = np.asarray(a, dtype=np.float64) - np.asarray(y, dtype=np.float64)
    m: int = error.shape[-1]
    return 0.5 * float(np.vdot(error, error)) / m


def sigmoid_with_flipped_exponent(z: Array) -> Array:
    """1 / (1 + eᶻ): the sign of the exponent lost, which is σ(−z)."""
    return 1.0 / (1.0 + np.exp(z))


def output_delta_matrix_product(a: Array, y: Array) -> Array:
    """σ′ applied with a matrix product where the elementwise product ⊙ belongs."""
    return (a - y) @ activations.sigmoid_derivative(a)


def hidden_delta_without_sigma_prime(weights_next: Array, delta_next: Array, a: Array) -> Array:
    """Send the delta back through Wᵀ, without the σ′ factor of its own layer."""
    del a
    return weights_next.T @ delta_next


def weight_gradient_averaged(delta: Array, a_prev: Array) -> Array:
    """δ a_prevᵀ divided by the batch size: the gradient of the mean, not of the sum."""
    averaged: Array = delta @ a_prev.T / delta.shape[1]
    return averaged


def weight_gradient_transposed(delta: Array, a_prev: Array) -> Array:
    """a_prev δᵀ: the transpose of the gradient, shape (n_in, n_out)."""
    return a_prev @ delta.T


def bias_gradient_averaged(delta: Array) -> Array:
    """δ averaged over the samples instead of summed."""
    averaged: Array = delta.mean(axis=1, keepdims=True)
    return averaged


def cross_entropy_of_the_activation(z: Array, y: Array) -> float:
    """−Σ [y log a + (1 − y) log(1 − a)] computed from a = σ(z): log(0) once σ saturates."""
    a = activations.sigmoid(z)
    return float(-np.sum(y * np.log(a) + (1.0 - y) * np.log(1.0 - a)))


# Bound now: once the mistake below is installed, backprop.losses.cross_entropy is the mistake.
_RIGHT_CROSS_ENTROPY = backprop.losses.cross_entropy


def cross_entropy_averaged(z: Array, y: Array) -> float:
    """Divide the cross-entropy by the batch size while the gradients are of the sum."""
    m: int = np.shape(z)[1]
    return float(_RIGHT_CROSS_ENTROPY(z, y)) / m


def cross_entropy_of_sigma_of_the_activation(z: Array, y: Array) -> float:
    """Apply σ once too often: the loss of σ(σ(z)), as when a is passed where z belongs."""
    return cross_entropy_of_the_activation(activations.sigmoid(z), y)


def cross_entropy_delta_with_sigma_prime(a: Array, y: Array) -> Array:
    """Use the squared error's delta (a − y) ⊙ a(1 − a) with the cross-entropy."""
    return (a - y) * activations.sigmoid_derivative(a)


def cross_entropy_delta_flipped(a: Array, y: Array) -> Array:
    """Y − a instead of a − y: every gradient of the cross-entropy has the wrong sign."""
    return y - a


# The wrong networks: each overrides one hook of backprop.Network ---------------------------
# Network._gradients(X, y) runs self._forward(X), then self._backpropagate(y), which calls
# self._weight_gradient(layer, delta) and self._delta_before(layer, delta) at each layer;
# step() calls self._stepped. At index ``layer``: delta is δ⁽ˡᵃʸᵉʳ⁺¹⁾, activations[layer] is
# a⁽ˡᵃʸᵉʳ⁾ (activations[0] is X) and weights[layer] is W⁽ˡᵃʸᵉʳ⁺¹⁾.


class HiddenDeltaWithOutputSlope(backprop.Network):
    """δ⁽ˡ⁾ multiplied by σ′ of the layer after it, not of its own layer."""

    def _delta_before(self, layer: int, delta: Array) -> Array:
        """δ⁽ˡ⁾ from δ⁽ˡ⁺¹⁾ with σ′ taken from a⁽ˡ⁺¹⁾ instead of a⁽ˡ⁾."""
        return deltas.hidden_delta(self.weights[layer], delta, self.activations[layer + 1])


class WeightGradientWithOwnActivation(backprop.Network):
    """∂L/∂W⁽ˡ⁾ built from the layer's own activation a⁽ˡ⁾ instead of a⁽ˡ⁻¹⁾."""

    def _weight_gradient(self, layer: int, delta: Array) -> Array:
        """δ⁽ˡ⁺¹⁾ paired with a⁽ˡ⁺¹⁾, the activation that leaves the layer."""
        return gradients.weight_gradient(delta, self.activations[layer + 1])


class GradientOfTheMean(backprop.Network):
    """Gradients divided by the batch size while the loss recorded is the sum."""

    def _gradients(self, X: Array, y: Array) -> tuple[list[Array], list[Array], list[Array]]:
        """Return the right gradients divided by the m samples of the batch."""
        weight_grads, bias_grads, layer_deltas = super()._gradients(X, y)
        m = X.shape[1]
        return [g / m for g in weight_grads], [g / m for g in bias_grads], layer_deltas


class BiasesNeverUpdated(backprop.Network):
    """The update loop moves the weights and forgets the biases."""

    def _stepped(
        self,
        weight_grads: list[Array],
        bias_grads: list[Array],  # noqa: ARG002 -- ignoring them is the mistake
        rate: float,
    ) -> tuple[list[Array], list[Array]]:
        """Step the weights only; the biases stay where they started."""
        descend = update.gradient_descent_update
        weights = [descend(W, g, rate) for W, g in zip(self.weights, weight_grads, strict=True)]
        biases = list(self.biases)
        return weights, biases


class StaleActivations(backprop.Network):
    """backward reuses the activations of an earlier forward pass."""

    def _gradients(self, X: Array, y: Array) -> tuple[list[Array], list[Array], list[Array]]:
        """Backward pass that runs forward only if it has never run."""
        if not self.activations:
            self._forward(X)
        return self._backpropagate(y)


# The catalogue ----------------------------------------------------------------------------

_NETWORK = backprop.network.Network
_TRAIN_RECORDS_THE_LOSS = (
    "tests/test_network.py::"
    "test_train_records_the_loss_after_every_epoch_the_same_loss_that_is_differentiated"
)
_FRESH_FORWARD = (
    "tests/test_network.py::test_backward_runs_a_fresh_forward_pass_so_activations_are_never_stale"
)

MISTAKES: tuple[Mistake, ...] = (
    Mistake(
        "sigmoid-derivative-of-a-as-if-z",
        "σ′ from a, computed as if a were z",
        "sigmoid_derivative receives the activation a but applies σ to it again: "
        "σ(a)(1 − σ(a)) instead of a(1 − a). The numbers look plausible (about 0.2) "
        "and are wrong everywhere.",
        "eq-sigmoid-derivative-output",
        "backprop.activations.sigmoid_derivative",
        sigmoid_derivative_of_a_as_if_z,
        activations.sigmoid_derivative,
        caught_by=("sigmoid_derivative", "network_output_delta", "network_hidden_deltas"),
    ),
    Mistake(
        "sigmoid-prime-of-z-as-if-a",
        "σ′ from z, computed as if z were a",
        "sigmoid_prime receives the weighted input z but uses the shortcut meant for the "
        "activation: z(1 − z), negative for any z > 1.",
        "eq-sigmoid-derivative",
        "backprop.activations.sigmoid_prime",
        sigmoid_prime_of_z_as_if_a,
        activations.sigmoid_prime,
        caught_by=("sigmoid_prime",),
    ),
    Mistake(
        "output-delta-without-sigma-prime",
        "Output delta without σ′",
        "The output delta is the error a − y alone: the factor σ′(z⁽ᴸ⁾) of the chain rule "
        "is missing (that is the cross-entropy's delta, not the squared error's).",
        "eq-output-delta",
        "backprop.deltas.output_delta",
        output_delta_without_sigma_prime,
        deltas.output_delta,
        caught_by=("output_delta", "network_output_delta"),
    ),
    Mistake(
        "output-delta-sigma-prime-of-a",
        "Output delta with σ′ applied to a",
        "The output delta calls the z-spelling sigmoid_prime on the activation a, so σ is "
        "applied twice.",
        "eq-output-delta",
        "backprop.deltas.output_delta",
        output_delta_with_sigma_prime_of_a,
        deltas.output_delta,
        caught_by=("output_delta", "network_output_delta"),
    ),
    Mistake(
        "output-delta-flipped-error",
        "Error written y − a",
        "The output error is y − a instead of a − y: every gradient has the wrong sign, so "
        "gradient descent climbs the loss.",
        "eq-output-delta",
        "backprop.deltas.output_delta",
        output_delta_with_flipped_error,
        deltas.output_delta,
        caught_by=("output_delta", "network_gradients"),
    ),
    Mistake(
        "hidden-delta-with-output-slope",
        "Hidden delta with the next layer's σ′",
        "The hidden delta multiplies by σ′ of the layer after it (the output layer) instead "
        "of its own; broadcasting a (1, m) slope over the hidden units hides the mistake.",
        "eq-hidden-delta",
        "backprop.Network",
        HiddenDeltaWithOutputSlope._delta_before,
        _NETWORK._delta_before,
        HiddenDeltaWithOutputSlope,
        caught_by=("network_hidden_deltas", "deep_network_deltas"),
    ),
    Mistake(
        "hidden-delta-untransposed",
        "W instead of Wᵀ",
        "The next layer's delta is carried back through W⁽ˡ⁺¹⁾ instead of its transpose. "
        "On a square layer (2-2-2) the shapes fit and only the values are wrong.",
        "eq-hidden-delta",
        "backprop.deltas.hidden_delta",
        hidden_delta_untransposed,
        deltas.hidden_delta,
        caught_by=(
            "hidden_delta",
            "network_hidden_deltas",
            "deep_network_deltas",
            "deep_network_gradients",
        ),
    ),
    Mistake(
        "hidden-delta-matrix-product",
        "Matrix product where ⊙ belongs",
        "σ′ is applied with a matrix product @ instead of the elementwise product ⊙; it "
        "runs whenever the layer width equals the batch size.",
        "eq-hidden-delta",
        "backprop.deltas.hidden_delta",
        hidden_delta_matrix_product,
        deltas.hidden_delta,
        caught_by=("hidden_delta", "network_gradients"),
    ),
    Mistake(
        "weight-gradient-own-activation",
        "Weight gradient with the layer's own activation",
        "∂L/∂W⁽ˡ⁾ is built as δ⁽ˡ⁾ (a⁽ˡ⁾)ᵀ instead of δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ: the activation that "
        "leaves the layer instead of the one that enters it.",
        "eq-grad-w1",
        "backprop.Network",
        WeightGradientWithOwnActivation._weight_gradient,
        _NETWORK._weight_gradient,
        WeightGradientWithOwnActivation,
        caught_by=("network_gradients", "deep_network_gradients"),
    ),
    Mistake(
        "bias-gradient-not-summed",
        "Bias gradient not summed over the samples",
        "The bias gradient is δ itself, one column per sample, instead of its sum over the "
        "batch; NumPy broadcasting then quietly turns b into a matrix.",
        "eq-grad-b2",
        "backprop.gradients.bias_gradient",
        bias_gradient_not_summed,
        gradients.bias_gradient,
        caught_by=("bias_gradient", "network_gradients"),
    ),
    Mistake(
        "bias-gradient-wrong-axis",
        "Bias gradient summed over the wrong axis",
        "δ is summed over axis 0 (the neurons) instead of axis 1 (the samples): with one "
        "output neuron nothing looks wrong at the output layer.",
        "eq-grad-b2",
        "backprop.gradients.bias_gradient",
        bias_gradient_summed_over_neurons,
        gradients.bias_gradient,
        caught_by=("bias_gradient", "network_gradients"),
    ),
    Mistake(
        "update-wrong-sign",
        "Update with the wrong sign",
        "θ ← θ + α ∂L/∂θ: a step up the gradient, so the loss grows every epoch.",
        "eq-update-w2",
        "backprop.update.gradient_descent_update",
        update_with_wrong_sign,
        update.gradient_descent_update,
        caught_by=("gradient_descent_update", "network_step"),
    ),
    Mistake(
        "loss-averaged-gradient-summed",
        "Loss averaged, gradient summed",
        "The loss is reported as a mean over the batch while the gradients are of the sum: "
        "the curve you watch is m times smaller than the function you descend.",
        "eq-loss",
        "backprop.losses.mse",
        mse_averaged_over_the_batch,
        backprop.losses.mse,
        hand_tests=(_TRAIN_RECORDS_THE_LOSS,),
        caught_by=("mse", "network_loss"),
    ),
    Mistake(
        "gradient-averaged-loss-summed",
        "Gradient averaged, loss summed",
        "The gradients are divided by the batch size m while the loss (and the derivation) "
        "is the sum: every step is m times too short.",
        "eq-grad-w2",
        "backprop.Network",
        GradientOfTheMean._gradients,
        _NETWORK._gradients,
        GradientOfTheMean,
        caught_by=("network_gradients", "network_step"),
    ),
    Mistake(
        "biases-never-updated",
        "Biases never updated",
        "The update loop steps the weights and forgets the biases, which stay at their "
        "random initial values.",
        "eq-update-b2",
        "backprop.Network",
        BiasesNeverUpdated._stepped,
        _NETWORK._stepped,
        BiasesNeverUpdated,
        hand_tests=(
            "tests/test_network.py::test_step_moves_every_parameter_against_its_gradient",
        ),
        caught_by=("network_step",),
    ),
    Mistake(
        "stale-activations",
        "Stale activations",
        "backward reuses the activations of an earlier forward pass instead of running a "
        "fresh one, so after the first step its gradients belong to the old weights.",
        "eq-forward-hidden",
        "backprop.Network",
        StaleActivations._gradients,
        _NETWORK._gradients,
        StaleActivations,
        hand_tests=(_FRESH_FORWARD,),
        caught_by=("network_backward_after_step",),
    ),
    Mistake(
        "sigmoid-flipped-exponent",
        "σ with the sign of the exponent lost",
        "sigmoid computes 1 / (1 + eᶻ), which is σ(−z): every activation is mirrored.",
        "eq-sigmoid",
        "backprop.activations.sigmoid",
        sigmoid_with_flipped_exponent,
        activations.sigmoid,
        caught_by=("sigmoid", "network_forward"),
    ),
    Mistake(
        "output-delta-matrix-product",
        "Output delta with a matrix product",
        "The error and σ′ are multiplied with @ instead of ⊙; it only runs when the number "
        "of outputs equals the batch size.",
        "eq-output-delta",
        "backprop.deltas.output_delta",
        output_delta_matrix_product,
        deltas.output_delta,
        caught_by=("output_delta", "network_gradients"),
    ),
    Mistake(
        "hidden-delta-without-sigma-prime",
        "Hidden delta without σ′",
        "The delta is carried back through Wᵀ but never multiplied by σ′ of its own layer.",
        "eq-hidden-delta",
        "backprop.deltas.hidden_delta",
        hidden_delta_without_sigma_prime,
        deltas.hidden_delta,
        caught_by=("hidden_delta", "deep_network_deltas", "deep_network_gradients"),
    ),
    Mistake(
        "weight-gradient-averaged",
        "Weight gradient averaged over the batch",
        "δ aᵀ is divided by the batch size m, while the loss is a sum over the samples.",
        "eq-grad-w2",
        "backprop.gradients.weight_gradient",
        weight_gradient_averaged,
        gradients.weight_gradient,
        caught_by=("weight_gradient", "network_gradients", "deep_network_gradients"),
    ),
    Mistake(
        "weight-gradient-transposed",
        "Weight gradient transposed",
        "a_prev δᵀ instead of δ a_prevᵀ: the shape of Wᵀ, which fits W only on square layers.",
        "eq-grad-w2",
        "backprop.gradients.weight_gradient",
        weight_gradient_transposed,
        gradients.weight_gradient,
        caught_by=("weight_gradient",),
    ),
    Mistake(
        "bias-gradient-averaged",
        "Bias gradient averaged over the batch",
        "δ is averaged over the samples instead of summed, so the biases learn m times slower "
        "than the weights.",
        "eq-grad-b2",
        "backprop.gradients.bias_gradient",
        bias_gradient_averaged,
        gradients.bias_gradient,
        caught_by=("bias_gradient", "network_gradients"),
    ),
    Mistake(
        "cross-entropy-of-the-activation",
        "Cross-entropy from log a",
        "The cross-entropy is computed from a = σ(z) with log a and log(1 − a): once σ "
        "saturates in float64 that is log 0, infinite or NaN, where the loss is finite.",
        "eq-cross-entropy",
        "backprop.losses.cross_entropy",
        cross_entropy_of_the_activation,
        backprop.losses.cross_entropy,
        caught_by=("cross_entropy",),
    ),
    Mistake(
        "cross-entropy-averaged",
        "Cross-entropy averaged, gradient summed",
        "The cross-entropy is reported as a mean over the batch while the gradients are of "
        "the sum.",
        "eq-cross-entropy",
        "backprop.losses.cross_entropy",
        cross_entropy_averaged,
        backprop.losses.cross_entropy,
        caught_by=("cross_entropy", "cross_entropy_network_loss", "cross_entropy_network_train"),
    ),
    Mistake(
        "cross-entropy-of-sigma-of-a",
        "Cross-entropy given a where z belongs",
        "The cross-entropy takes the pre-activation z; applying σ to an activation once more "
        "gives the loss of σ(σ(z)).",
        "eq-cross-entropy",
        "backprop.losses.cross_entropy",
        cross_entropy_of_sigma_of_the_activation,
        backprop.losses.cross_entropy,
        caught_by=("cross_entropy",),
    ),
    Mistake(
        "cross-entropy-delta-with-sigma-prime",
        "Cross-entropy delta with σ′",
        "The squared error's output delta (a − y) ⊙ a(1 − a) is used with the cross-entropy, "
        "whose σ′ cancels: its delta is a − y.",
        "eq-output-delta-cross-entropy",
        "backprop.deltas.output_delta_cross_entropy",
        cross_entropy_delta_with_sigma_prime,
        deltas.output_delta_cross_entropy,
        caught_by=(
            "output_delta_cross_entropy",
            "cross_entropy_network_deltas",
            "cross_entropy_network_step",
        ),
    ),
    Mistake(
        "cross-entropy-delta-flipped",
        "Cross-entropy delta written y − a",
        "The cross-entropy's output delta is written y − a: gradient descent climbs the loss.",
        "eq-output-delta-cross-entropy",
        "backprop.deltas.output_delta_cross_entropy",
        cross_entropy_delta_flipped,
        deltas.output_delta_cross_entropy,
        caught_by=("output_delta_cross_entropy", "cross_entropy_network_gradients"),
    ),
)


def by_name(name: str) -> Mistake:
    """Return the catalogue's mistake called `name`.

    Raises
    ------
    KeyError
        If there is no such mistake; the message lists the names there are.
    """
    for mistake in MISTAKES:
        if mistake.name == name:
            return mistake
    names = ", ".join(m.name for m in MISTAKES)
    msg = f"no mistake called {name!r}; the catalogue has: {names}"
    raise KeyError(msg)


# Training on XOR --------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingRun:
    """The loss history of one training run, or the error that stopped it.

    Attributes
    ----------
    history : ndarray of shape (n_epochs_completed,)
        The recorded loss after each epoch (empty if training failed at once).
    outputs : ndarray or None
        The network's outputs on the four XOR inputs after training, if it finished.
    error : str or None
        ``"ValueError: ..."`` if training raised, else None.
    """

    history: Array
    outputs: Array | None
    error: str | None


def train_xor(
    mistake: Mistake | None, epochs: int = 2_000, learning_rate: float = 0.5, seed: int = 3
) -> TrainingRun:
    """Train ``Network([2, 2, 1], seed=seed)`` on XOR with `mistake` installed (None: right).

    Parameters
    ----------
    mistake : Mistake or None
        The mistake to install, or None for the correct code.
    epochs : int, optional
        Full-batch epochs.
    learning_rate : float, optional
        α.
    seed : int, optional
        The network's seed (3 is the documented seed that learns XOR).

    Returns
    -------
    TrainingRun
    """
    X, y = backprop.xor()
    context = contextlib.nullcontext(_NETWORK) if mistake is None else mistake.installed()
    with context as network_class:
        net = network_class([2, 2, 1], seed=seed)
        try:
            history = net.train(X, y, epochs=epochs, learning_rate=learning_rate)
        except (ValueError, FloatingPointError) as error:
            first_line = str(error).splitlines()[0]
            return TrainingRun(np.empty(0), None, f"{type(error).__name__}: {first_line}")
        return TrainingRun(history, net.forward(X), None)
