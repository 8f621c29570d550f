"""The fused NumPy kernels that train every member of an :class:`~backprop.Ensemble` at once.

Each kernel is named after the equations it fuses and applies them to all members in a few
in-place NumPy calls; :mod:`backprop.ensemble` holds the API and the input checks.

Layout: every array carries the member index as its **last** axis. A layer's weights and
biases sit side by side, [W⁽ˡ⁾ | b⁽ˡ⁾], in one array of shape (n_out, n_in + 1, n_members);
activations, deltas and scratch arrays have shape (n_units, n_samples, n_members).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from backprop.losses import CROSS_ENTROPY, SQUARED_ERROR, Loss

__all__ = [
    "LossKernels",
    "Workspace",
    "cross_entropy_output_delta",
    "cross_entropy_values",
    "delta_recursion_gradients_and_update",
    "forward_general",
    "squared_error_output_delta",
    "squared_error_values",
]

Array = NDArray[np.float64]


class Workspace:
    """The inputs in the forms the kernels use, preallocated work arrays, the loss's kernels.

    Allocated once per call, so that a training epoch allocates nothing; the loss's kernels
    are chosen here, once.
    """

    def __init__(self, sizes: tuple[int, ...], X: Array, n_members: int, loss: Loss) -> None:
        n_samples = X.shape[1]
        # [X; 1], so that one product with [W⁽¹⁾ | b⁽¹⁾] adds the bias, and one product with
        # δ⁽¹⁾ sums it over the samples as well: ∂L/∂[W⁽¹⁾ | b⁽¹⁾] = δ⁽¹⁾ [X; 1]ᵀ.
        self.inputs_and_ones = np.vstack([X, np.ones((1, n_samples))])
        # −[X; 1]ᵀ: the product with [W⁽¹⁾ | b⁽¹⁾] is −z⁽¹⁾, which the sigmoid needs.
        self.negated_inputs_and_ones_t = -self.inputs_and_ones.T
        self.loss_kernels = kernels = _LOSS_KERNELS[loss]
        shapes = [(units, n_samples, n_members) for units in sizes[1:]]
        # The forward pass leaves −z⁽ᴸ⁾ here for a loss that reads z⁽ᴸ⁾ (the cross-entropy)
        # after the in-place sigmoid has overwritten it; for the others it skips the copy.
        self.keeps_output_z = kernels.reads_z
        self.negated_output_z = np.empty(shapes[-1])
        self.activations = [np.empty(shape) for shape in shapes]
        self.deltas = [np.empty(shape) for shape in shapes]
        self.scratch = [np.empty(shape) for shape in shapes]
        # −b⁽ˡ⁾ for the layers after the first (whose bias rides in the matrix product).
        self.negated_biases = [np.empty((units, 1, n_members)) for units in sizes[2:]]
        # ∂L/∂[W⁽ˡ⁾ | b⁽ˡ⁾], laid out as the parameters are.
        self.gradients = [
            np.empty((n_out, n_in + 1, n_members)) for n_in, n_out in itertools.pairwise(sizes)
        ]


def forward_general(parameters: list[Array], work: Workspace) -> None:
    """a⁽ˡ⁾ = σ(W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾) for every layer and member (:eq:`eq-forward-general`).

    Each layer computes −z⁽ˡ⁾ (exactly the negation of z⁽ˡ⁾: only signs change), so that
    σ(z) = 1 / (1 + exp(−z)) (:eq:`eq-sigmoid`) costs three passes over the array, in place.
    exp(−z) overflows to inf below z ≈ −709, which gives σ = 0, the limit.
    """
    for layer, params in enumerate(parameters):
        negated_z = work.activations[layer]
        if layer == 0:
            # −z[j, s, i] = Σ_k (−[X; 1])[k, s] [W | b][j, k, i]: the inputs are shared by all
            # members, so this is one matrix product.
            np.matmul(work.negated_inputs_and_ones_t, params, out=negated_z)
        else:
            # First W a⁽ˡ⁻¹⁾ without the bias: Σ_k W[j, k, i] a_prev[k, s, i], member by member
            np.einsum(
                "jki,ksi->jsi", params[:, :-1, :], work.activations[layer - 1], out=negated_z
            )
            negated_bias = np.negative(params[:, -1:, :], out=work.negated_biases[layer - 1])
            np.subtract(negated_bias, negated_z, out=negated_z)  # −b − Wa = −(Wa + b)
        if layer == len(parameters) - 1 and work.keeps_output_z:
            np.copyto(work.negated_output_z, negated_z)
        np.exp(negated_z, out=negated_z)
        negated_z += 1.0
        np.reciprocal(negated_z, out=negated_z)  # now a⁽ˡ⁾


def squared_error_output_delta(y: Array, work: Workspace) -> None:
    """δ⁽ᴸ⁾ = (a⁽ᴸ⁾ − y) ⊙ a⁽ᴸ⁾(1 − a⁽ᴸ⁾) for every member (:eq:`eq-output-delta`)."""
    a, delta, sigma_prime = work.activations[-1], work.deltas[-1], work.scratch[-1]
    np.subtract(a, y[:, :, None], out=delta)
    np.subtract(1.0, a, out=sigma_prime)
    sigma_prime *= a
    delta *= sigma_prime


def cross_entropy_output_delta(y: Array, work: Workspace) -> None:
    """δ⁽ᴸ⁾ = a⁽ᴸ⁾ − y for every member (:eq:`eq-output-delta-cross-entropy`)."""
    np.subtract(work.activations[-1], y[:, :, None], out=work.deltas[-1])


def delta_recursion_gradients_and_update(
    parameters: list[Array], rate: float | Array, work: Workspace
) -> None:
    """Walk δ back from δ⁽ᴸ⁾ and take one gradient-descent step, for every member at once.

    Fuses, layer by layer from the output: the gradients :eq:`eq-grad-w-general` and
    :eq:`eq-grad-b-general`, the recursion :eq:`eq-delta-recursion` (computed before W⁽ˡ⁾
    moves) and the update θ ← θ − α ∂L/∂θ (:eq:`eq-update-w2` and its kin). Expects δ⁽ᴸ⁾ in
    ``work.deltas[-1]``, from the loss's output-delta kernel.
    """
    activations, deltas, scratch = work.activations, work.deltas, work.scratch
    for layer in range(len(parameters) - 1, -1, -1):
        delta, gradient = deltas[layer], work.gradients[layer]
        # ∂L/∂W⁽ˡ⁾ = δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ and ∂L/∂b⁽ˡ⁾ = Σ_samples δ⁽ˡ⁾   (eq-grad-w*, eq-grad-b*)
        if layer == 0:
            np.matmul(work.inputs_and_ones, delta, out=gradient)
        else:
            np.einsum("jsi,ksi->jki", delta, activations[layer - 1], out=gradient[:, :-1, :])
            np.sum(delta, axis=1, out=gradient[:, -1, :])
            # δ⁽ˡ⁻¹⁾ = (W⁽ˡ⁾)ᵀ δ⁽ˡ⁾ ⊙ a⁽ˡ⁻¹⁾(1 − a⁽ˡ⁻¹⁾)   (eq-hidden-delta), before W⁽ˡ⁾ moves
            params, back, product = parameters[layer], deltas[layer - 1], scratch[layer - 1]
            np.multiply(params[0, :-1, None, :], delta[None, 0], out=back)
            for j in range(1, params.shape[0]):
                np.multiply(params[j, :-1, None, :], delta[None, j], out=product)
                back += product
            a_prev = activations[layer - 1]
            np.subtract(1.0, a_prev, out=product)
            product *= a_prev
            back *= product
        # θ ← θ − α ∂L/∂θ for W⁽ˡ⁾ and b⁽ˡ⁾ at once   (eq-update-*)
        gradient *= rate
        parameters[layer] -= gradient


def squared_error_values(y: Array, work: Workspace) -> Array:
    """Return every member's L = ½ Σ (a⁽ᴸ⁾ − y)² for the last forward pass (:eq:`eq-loss`)."""
    error = np.subtract(work.activations[-1], y[:, :, None], out=work.scratch[-1])
    np.square(error, out=error)
    return 0.5 * error.sum(axis=(0, 1))  # type: ignore[no-any-return]


def cross_entropy_values(y: Array, work: Workspace) -> Array:
    """Return every member's cross-entropy for the last forward pass (:eq:`eq-cross-entropy`).

    y·softplus(−z) + (1 − y)·softplus(z), as :func:`backprop.losses.cross_entropy` computes
    it, from the −z⁽ᴸ⁾ that :func:`forward_general` kept.
    """
    target = y[:, :, None]
    negated_z = work.negated_output_z
    terms = target * np.logaddexp(0.0, negated_z) + (1.0 - target) * np.logaddexp(0.0, -negated_z)
    return terms.sum(axis=(0, 1))  # type: ignore[no-any-return]


@dataclass(frozen=True)
class LossKernels:
    """The two kernels that differ between losses: δ⁽ᴸ⁾, and every member's L."""

    output_delta: Callable[[Array, Workspace], None]
    values: Callable[[Array, Workspace], Array]
    reads_z: bool  # whether `values` needs −z⁽ᴸ⁾ kept by the forward pass


_LOSS_KERNELS = {
    SQUARED_ERROR: LossKernels(squared_error_output_delta, squared_error_values, reads_z=False),
    CROSS_ENTROPY: LossKernels(cross_entropy_output_delta, cross_entropy_values, reads_z=True),
}
