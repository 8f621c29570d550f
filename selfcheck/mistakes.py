"""A catalogue of the mistakes people really make when they write backpropagation.

Each :class:`Mistake` is a small, realistic variant of one piece of ``backprop``: a formula
function (installed by replacing the attribute that :class:`backprop.Network` looks up at
call time, e.g. ``backprop.deltas.output_delta``) or a whole-network behaviour (installed as
a :class:`backprop.Network` subclass that overrides one hook of the backward pass or the
update; the wrong code is in :mod:`selfcheck.wrong`). Every mistake names the equation label
it violates and the checks of :mod:`selfcheck.checks` that catch it (``caught_by``).

This is the project's one catalogue: the bite tests (``tests/test_generated_checks_bite.py``),
the self-check (``--catalogue``, ``--mistake``), the "Common mistakes" page and
``tests/test_mistakes.py`` all read :data:`MISTAKES`.

Nothing here is part of ``backprop``'s public API. The catalogue exists to show that the
project's checks catch these mistakes (``python -m selfcheck --catalogue``) and to teach
them (the "Common mistakes" page of the site).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

import backprop
from backprop import activations, deltas, gradients, update
from selfcheck.training import TrainingRun, train_xor
from selfcheck.wrong import (
    BiasesNeverUpdated,
    GradientOfTheMean,
    HiddenDeltaWithOutputSlope,
    Mistake,
    StaleActivations,
    WeightGradientWithOwnActivation,
    bias_gradient_averaged,
    bias_gradient_not_summed,
    bias_gradient_summed_over_neurons,
    cross_entropy_averaged,
    cross_entropy_delta_flipped,
    cross_entropy_delta_with_sigma_prime,
    cross_entropy_of_sigma_of_the_activation,
    cross_entropy_of_the_activation,
    hidden_delta_matrix_product,
    hidden_delta_untransposed,
    hidden_delta_without_sigma_prime,
    mse_averaged_over_the_batch,
    output_delta_matrix_product,
    output_delta_with_flipped_error,
    output_delta_with_sigma_prime_of_a,
    output_delta_without_sigma_prime,
    sigmoid_derivative_of_a_as_if_z,
    sigmoid_prime_of_z_as_if_a,
    sigmoid_with_flipped_exponent,
    update_with_wrong_sign,
    weight_gradient_averaged,
    weight_gradient_transposed,
)

__all__ = ["MISTAKES", "Mistake", "TrainingRun", "by_name", "train_xor"]

Array = NDArray[np.float64]


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
