"""Input checks shared by the package: each error says what was expected and what was given."""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from backprop.gradients import Gradients
from backprop.losses import LOSSES, Loss

__all__ = [
    "check_batch",
    "check_epochs",
    "check_gradients",
    "check_integer",
    "check_layer_sizes",
    "check_learning_rate",
    "check_loss",
    "check_parameters",
    "check_positive",
    "check_samples",
    "check_targets",
    "describe",
]

Array = NDArray[np.float64]


def describe(value: object) -> str:
    """Return a short description of `value` for error messages."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    return f"{value!r} ({type(value).__name__})"


def check_layer_sizes(layer_sizes: object) -> tuple[int, ...]:
    """Return `layer_sizes` as a tuple of Python ints, or raise.

    Raises
    ------
    TypeError
        If `layer_sizes` is not a sequence of integers.
    ValueError
        If it has fewer than two entries or an entry is not positive.
    """
    if isinstance(layer_sizes, str | bytes) or not isinstance(layer_sizes, Sequence | np.ndarray):
        msg = (
            "layer_sizes must be a sequence of positive integers such as [2, 2, 1], "
            f"got {describe(layer_sizes)}"
        )
        raise TypeError(msg)
    sizes = list(layer_sizes)
    for size in sizes:
        if isinstance(size, bool | np.bool_) or not isinstance(size, numbers.Integral):
            msg = f"layer_sizes must contain integers only, got {describe(size)} in {sizes!r}"
            raise TypeError(msg)
    if len(sizes) < 2:
        msg = (
            "layer_sizes needs at least two entries (inputs and outputs), "
            f"got {len(sizes)}: {sizes!r}"
        )
        raise ValueError(msg)
    if any(size < 1 for size in sizes):
        msg = f"every layer size must be a positive integer, got {[int(s) for s in sizes]!r}"
        raise ValueError(msg)
    return tuple(int(size) for size in sizes)


def check_samples(
    name: str, value: object, rows: int, what: str, layer_sizes: tuple[int, ...]
) -> Array:
    """Return `value` as a finite float64 matrix of shape ``(rows, m)``, or raise.

    Parameters
    ----------
    name : str
        The argument's name in messages, e.g. ``"X"``.
    value : object
        What the caller passed.
    rows : int
        The number of rows the network expects.
    what : str
        What the rows are, e.g. ``"inputs"``.
    layer_sizes : tuple of int
        The network's architecture, quoted in messages.
    """
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        msg = f"{name} must be an array of real numbers, got {describe(value)}"
        raise TypeError(msg) from error
    sizes = list(layer_sizes)
    if array.ndim != 2:
        msg = (
            f"{name} must be a 2-D array of shape ({rows}, n_samples) with samples as columns, "
            f"got an array of shape {array.shape} (layer sizes {sizes})"
        )
        raise ValueError(msg)
    if array.shape[0] != rows:
        msg = (
            f"{name} has {array.shape[0]} rows, but the network expects {rows} {what} "
            f"(layer sizes {sizes}); samples are columns, so {name} should have shape "
            f"({rows}, n_samples)"
        )
        raise ValueError(msg)
    if array.shape[1] == 0:
        msg = f"{name} has no samples (shape {array.shape}); give at least one column"
        raise ValueError(msg)
    if not np.isfinite(array).all():
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        msg = f"{name} must contain finite numbers only, got {bad} NaN or infinite entries"
        raise ValueError(msg)
    return array


def check_positive(name: str, value: object) -> float:
    """Return `value` as a float if it is a finite positive real number (not a bool), or raise.

    Raises
    ------
    TypeError
        If `value` is not a real number, or is a bool.
    ValueError
        If it is NaN, infinite, zero or negative.
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        msg = f"{name} must be a finite positive number, got {describe(value)}"
        raise TypeError(msg)
    number = float(value)
    if not (math.isfinite(number) and number > 0.0):
        msg = f"{name} must be a finite positive number, got {number!r}"
        raise ValueError(msg)
    return number


def check_learning_rate(learning_rate: object) -> float:
    """Return `learning_rate` as a float if it is a finite positive real number, or raise."""
    return check_positive("learning_rate", learning_rate)


def check_integer(name: str, value: object, minimum: int | None = None) -> int:
    """Return `value` as an int if it is an integer (not a bool) of at least `minimum`."""
    wanted = "an integer" if minimum is None else f"an integer of at least {minimum}"
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        msg = f"{name} must be {wanted}, got {describe(value)}"
        raise TypeError(msg)
    number = int(value)
    if minimum is not None and number < minimum:
        msg = f"{name} must be at least {minimum}, got {number}"
        raise ValueError(msg)
    return number


def check_epochs(epochs: object) -> int:
    """Return `epochs` as an int if it is an integer of at least 1, or raise."""
    return check_integer("epochs", epochs, minimum=1)


def check_loss(loss: object) -> Loss:
    """Return the :class:`~backprop.losses.Loss` that `loss` names in :data:`~backprop.losses.LOSSES`, or raise."""
    choices = ", ".join(repr(name) for name in LOSSES)
    if not isinstance(loss, str):
        msg = f"loss must be one of {choices}, got {describe(loss)}"
        raise TypeError(msg)
    if loss not in LOSSES:
        msg = f"loss must be one of {choices}, got {loss!r}"
        raise ValueError(msg)
    return LOSSES[loss]


def check_targets(y: Array, loss: Loss) -> None:
    """Refuse targets outside [0, 1] for a loss defined only there (the cross-entropy)."""
    if loss.targets_in_unit_interval and not ((y >= 0.0) & (y <= 1.0)).all():
        msg = (
            f"{loss.title} needs targets in [0, 1], but y holds values from "
            f"{float(y.min())!r} to {float(y.max())!r}"
        )
        raise ValueError(msg)


def check_batch(
    X: object, y: object, layer_sizes: tuple[int, ...], loss: Loss
) -> tuple[Array, Array]:
    """Return `X` and `y` checked as one batch for a network of `layer_sizes`, or raise."""
    X_checked = check_samples("X", X, layer_sizes[0], "inputs", layer_sizes)
    y_checked = check_samples("y", y, layer_sizes[-1], "outputs", layer_sizes)
    if X_checked.shape[1] != y_checked.shape[1]:
        msg = (
            f"X has {X_checked.shape[1]} samples (columns) but y has "
            f"{y_checked.shape[1]}; give one target column per input column"
        )
        raise ValueError(msg)
    check_targets(y_checked, loss)
    return X_checked, y_checked


def check_parameters(
    weights: Sequence[ArrayLike], biases: Sequence[ArrayLike]
) -> tuple[tuple[int, ...], list[Array], list[Array]]:
    """Return the layer sizes, and `weights` and `biases` as float64 copies, or raise.

    Raises
    ------
    TypeError
        If an entry is not an array of real numbers.
    ValueError
        If the lists are empty or of different lengths, the shapes do not chain (each
        layer's n_in is the previous layer's n_out, each bias is (n_out, 1)), or an entry
        is not finite.
    """
    weight_list, bias_list = list(weights), list(biases)
    if not weight_list or len(weight_list) != len(bias_list):
        msg = (
            "weights and biases must be non-empty lists of the same length (one entry "
            f"per layer), got {len(weight_list)} weights and {len(bias_list)} biases"
        )
        raise ValueError(msg)
    weight_arrays = [_as_parameter(f"weights[{i}]", w) for i, w in enumerate(weight_list)]
    bias_arrays = [_as_parameter(f"biases[{i}]", b) for i, b in enumerate(bias_list)]
    sizes = [weight_arrays[0].shape[1]] if weight_arrays[0].ndim == 2 else [0]
    for i, (w, b) in enumerate(zip(weight_arrays, bias_arrays, strict=True)):
        if w.ndim != 2 or w.shape[1] != sizes[-1] or w.shape[0] < 1:
            msg = (
                f"weights[{i}] must have shape (n_out, {sizes[-1]}) to follow a layer of "
                f"{sizes[-1]} units, got shape {w.shape}"
            )
            raise ValueError(msg)
        if b.shape != (w.shape[0], 1):
            msg = f"biases[{i}] must have shape ({w.shape[0]}, 1), got shape {b.shape}"
            raise ValueError(msg)
        sizes.append(w.shape[0])
    return check_layer_sizes(sizes), weight_arrays, bias_arrays


def _as_parameter(name: str, value: ArrayLike) -> Array:
    try:
        array = np.array(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        msg = f"{name} must be an array of real numbers, got {describe(value)}"
        raise TypeError(msg) from error
    if not np.isfinite(array).all():
        msg = f"{name} holds NaN or infinite entries"
        raise ValueError(msg)
    return array


def check_gradients(
    grads: object, weights: list[Array], biases: list[Array], layer_sizes: tuple[int, ...]
) -> None:
    """Refuse `grads` unless it is a :class:`~backprop.Gradients` of finite arrays shaped like the parameters."""
    if not isinstance(grads, Gradients):
        msg = f"grads must be the Gradients that backward() returns, got {describe(grads)}"
        raise TypeError(msg)
    sizes = list(layer_sizes)
    for name, given, params in (
        ("weights", grads.weights, weights),
        ("biases", grads.biases, biases),
    ):
        if len(given) != len(params):
            msg = (
                f"grads.{name} has {len(given)} entries, but the network has "
                f"{len(params)} layers (layer sizes {sizes})"
            )
            raise ValueError(msg)
        for i, (g, p) in enumerate(zip(given, params, strict=True)):
            shape = np.shape(g)
            if shape != p.shape:
                msg = (
                    f"grads.{name}[{i}] has shape {shape}, but the network's "
                    f"{name}[{i}] has shape {p.shape} (layer sizes {sizes})"
                )
                raise ValueError(msg)
            if not np.isfinite(g).all():
                msg = f"grads.{name}[{i}] holds NaN or infinite entries"
                raise ValueError(msg)
