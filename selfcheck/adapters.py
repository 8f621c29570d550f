"""Recognise the shape of a student's network and adapt it to the protocol the checks use.

The checks call ``make_network(weights, biases)`` with the site's conventions (samples are
columns, W⁽ˡ⁾ of shape (n_out, n_in), b⁽ˡ⁾ of shape (n_out, 1), L = ½ Σ (a − y)², gradients
of that sum) and use the object it returns through ``forward(X)``, ``backward(X, y)``
(gradients with ``weights``, ``biases`` and ``deltas`` lists), ``step(grads,
learning_rate)`` and the lists ``weights``, ``biases``, ``zs`` and ``activations``.
Students write other shapes; :func:`adapt` recognises these, in this order, each in a module
of its own:

``make_network``, ``Network.from_parameters``, ``Network(sizes)`` with ``backward(X, y)``
    The project's own protocol (``selfcheck/student.py`` documents it):
    :mod:`selfcheck.protocol_adapter`.
Nielsen's ``network.py``
    ``Network(sizes)`` with ``weights`` and ``biases`` lists, ``feedforward(a)``,
    ``backprop(x, y)`` for one sample and ``update_mini_batch(batch, eta)``:
    :mod:`selfcheck.nielsen_adapter`.
A class with attributes ``W1 b1 W2 b2`` and an in-place ``backward(X, y, learning_rate)``
    The gradients are read from the move of the parameters on a copy
    (:mod:`selfcheck.gradient_recovery`): :mod:`selfcheck.in_place_adapter`.

Each adapter also finds the student's convention (:mod:`selfcheck.conventions`): gradients of
the sum L (the site's) or of the mean C = L/m, and with or without the ½ of eq-loss. A
consistent convention is checked after scaling back to the site's (× m, ÷ 2), an inconsistent
pair fails :func:`check_conventions`, defined here (the reports name it by this module).

The names the adapters were once all defined in this module under (``ALPHA``,
``Convention``, ``Gradients``, ``recover_gradients`` ...) are still importable from here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np

# The names below were all defined here before the adapters were split by concept; they stay
# importable from selfcheck.adapters for the code and pages that import them from here.
from selfcheck.adapted_network import Array, Factory, Gradients, NotRecognisedError
from selfcheck.cases import Case
from selfcheck.conventions import Convention, Rescaled, find_convention, scaled_mse
from selfcheck.failure import CheckFailure
from selfcheck.gradient_recovery import ALPHA, recover_gradients, recovery_error_bound
from selfcheck.in_place_adapter import in_place_factory
from selfcheck.nielsen_adapter import nielsen_factory
from selfcheck.protocol_adapter import ProtocolNetwork, protocol_factory

# tests/test_adapters.py reads backward's return through this name.
from selfcheck.protocol_adapter import gradients_of as _gradients_of  # noqa: F401

__all__ = [
    "ALPHA",
    "LOOKED_FOR",
    "Adapted",
    "Convention",
    "Gradients",
    "NotRecognisedError",
    "adapt",
    "check_conventions",
    "recover_gradients",
    "recovery_error_bound",
]

#: What :func:`adapt` looks for, in the order it tries, as the report says when none is there.
LOOKED_FOR = (
    "make_network(weights, biases)",
    "a class Network with from_parameters(weights, biases)",
    "a class Network(sizes) with weights, biases, forward(X), backward(X, y), step(grads, lr)",
    "Nielsen's Network(sizes) with feedforward(a), backprop(x, y), update_mini_batch(batch, eta)",
    "a class with attributes W1 b1 W2 b2, forward(X) and backward(X, y, learning_rate)",
)

#: How to add the three-line adapter when nothing is recognised.
ADAPTER_RECIPE = """\
def make_network(weights, biases):          # lists: W(l) of shape (n_out, n_in), b(l) (n_out, 1)
    net = YourNetwork(...)                  # build yours, then put these parameters in it
    net.weights, net.biases = weights, biases
    return net                              # with forward(X), backward(X, y), step(grads, lr)"""


@dataclass(frozen=True)
class Adapted:
    """What :func:`adapt` found in a student's module.

    Attributes
    ----------
    shape : str
        How the network is checked, for the report's first line (``checked as: ...``).
    make_network : callable or None
        ``make_network(weights, biases)`` in the site's conventions; None when no network
        was recognised (``notes`` then say what was looked for).
    functions : dict
        Formula functions found (DESIGN.md's names), the loss scaled to the site's
        convention if need be.
    notes : tuple of str
        The convention found, the samples' layout, what the adapter computes itself.
    depths : tuple of int or None
        The network depths the shape can build (None: any).
    convention : Convention or None
        None when there is no network.
    """

    shape: str
    make_network: Factory | None
    functions: dict[str, Callable[..., Any]]
    notes: tuple[str, ...]
    depths: tuple[int, ...] | None
    convention: Convention | None

    def header(self) -> str:
        """Return the report's first lines: the shape found and the notes."""
        return "\n".join([f"checked as: {self.shape}", *(f"  note: {n}" for n in self.notes)])


def check_conventions(convention: Convention, case: Case) -> None:
    """eq-loss: the student's loss and gradients are of one quantity (L, or L over a count).

    A check of :mod:`selfcheck.checks`' kind: `case` is the generated case it is reported
    against (the convention itself was found on the adapter's own probes).

    Raises
    ------
    CheckFailure
        Naming the two conventions found, when they disagree.
    """
    if not convention.consistent:
        label = "eq-loss"
        raise CheckFailure(
            label,
            case,
            "the convention of backward (and mse): L, 2L, or either over a count",
            "one convention for the loss and its gradients",
            convention.why(),
            case.tolerance,
        )


def _not_recognised() -> str:
    looked = "".join(f"\n  - {name}" for name in LOOKED_FOR)
    return (
        f"no network recognised; looked for:{looked}\n"
        "add a make_network adapter to your file (three lines) and run the self-check again:\n"
        + ADAPTER_RECIPE
    )


def adapt(module: ModuleType, function_names: Sequence[str] = ()) -> Adapted:
    """Recognise the shape of `module`'s network and adapt it to the checks' protocol.

    Parameters
    ----------
    module : module
        The student's module, imported.
    function_names : sequence of str
        The formula functions the checks know (``selfcheck.checks.FUNCTION_NAMES``).

    Returns
    -------
    Adapted
        Never None: when no network is recognised, ``make_network`` is None and the notes
        say which names were looked for and how to write ``make_network``.
    """
    functions: dict[str, Callable[..., Any]] = {
        name: getattr(module, name)
        for name in function_names
        if callable(getattr(module, name, None))
    }
    found: tuple[str, Factory] | None = None
    notes: list[str] = []
    depths: tuple[int, ...] | None = None
    nielsen = nielsen_factory(module)
    protocol = protocol_factory(module)
    if protocol is not None:
        shape, inner = protocol

        def protocol_make(weights: list[Array], biases: list[Array]) -> Any:
            return ProtocolNetwork(
                inner([np.array(w) for w in weights], [np.array(b) for b in biases])
            )

        found = (shape, protocol_make)
    elif nielsen is not None:
        found = nielsen
        notes.append(
            "deltas: each sample's nabla_b (δ = ∂L/∂b for one sample), side by side; "
            "z: W a + b formed from your feedforward's activations (feedforward keeps none)"
        )
    else:
        in_place = in_place_factory(module)
        if in_place is not None:
            found = in_place[:2]
            notes.extend(in_place[2])
            depths = (2,)
    if found is None:
        return Adapted("formula functions only", None, functions, (_not_recognised(),), None, None)
    shape, make = found
    convention = find_convention(make, functions.get("mse"))
    notes.extend(convention.notes())
    if any(convention.gradient_means) or convention.gradient_scale != 1:
        base, means, scale = make, convention.gradient_means, convention.gradient_scale

        def make(weights: list[Array], biases: list[Array]) -> Any:
            return Rescaled(base(weights, biases), means, scale)

    if (any(convention.loss_means) or convention.loss_scale != 1) and "mse" in functions:
        functions["mse"] = scaled_mse(
            functions["mse"], convention.loss_means, convention.loss_scale
        )
    return Adapted(shape, make, functions, tuple(notes), depths, convention)
