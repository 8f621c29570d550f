"""Load a student's own module and turn it into an implementation the checks can run.

What a student's module may define (any subset, at least one):

* formula functions with the names of :data:`selfcheck.checks.FUNCTION_NAMES`
  (``sigmoid``, ``sigmoid_prime``, ``sigmoid_derivative``, ``forward_layer``, ``mse``,
  ``output_delta``, ``hidden_delta``, ``weight_gradient``, ``bias_gradient``,
  ``gradient_descent_update``, ``cross_entropy``, ``output_delta_cross_entropy``), with the
  signatures and shape conventions of ``backprop`` (samples are columns);
* a network, given as one of

  - ``make_network(weights, biases)``: a function returning a network object;
  - a class ``Network`` with a classmethod ``from_parameters(weights, biases)``;
  - a class ``Network`` whose constructor takes the layer sizes (``Network([2, 2, 1])``)
    and that keeps its parameters in the list attributes ``weights`` and ``biases``: the
    check builds it, then assigns its own arrays to those two attributes.

  The network object must offer ``forward(X)`` (returning a⁽ᴸ⁾ and keeping ``zs`` and
  ``activations`` lists, with ``activations[0]`` = X), ``backward(X, y)`` (returning the
  gradients as an object with ``weights``, ``biases`` and ``deltas`` lists, or a dict with
  those keys, or a tuple ``(weights, biases)`` or ``(weights, biases, deltas)``),
  ``step(grads, learning_rate)`` (taking what ``backward`` returned) and the lists
  ``weights`` and ``biases``. W⁽ˡ⁾ has shape (n_out, n_in), b⁽ˡ⁾ shape (n_out, 1).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

<<<<<<< HEAD
from selfcheck.checks import FUNCTION_NAMES, NetworkLike
=======
from selfcheck import adapters  # grader (issue 14)
from selfcheck.runner import FUNCTION_NAMES
>>>>>>> grader

__all__ = ["SelfCheckError", "implementation_of", "load_module"]


class SelfCheckError(Exception):
    """A student's file cannot be checked: it is missing, broken, or defines nothing known."""


def load_module(path: str | Path) -> ModuleType:
    """Import the Python file at `path` as a fresh module.

    Raises
    ------
    SelfCheckError
        If there is no such file, or importing it fails.
    """
    source = Path(path)
    if not source.exists():
        msg = f"no file at {str(source)!r}: give the path of the .py file that holds your code"
        raise SelfCheckError(msg)
    if not source.is_file():
        msg = f"{str(source)!r} is a folder: give the path of the .py file that holds your code"
        raise SelfCheckError(msg)
    name = f"selfcheck_student_{abs(hash(source.resolve()))}"
    spec = importlib.util.spec_from_file_location(name, source)
    if spec is None or spec.loader is None:
        msg = f"cannot import {str(source)!r} as Python: is it a .py file?"
        raise SelfCheckError(msg)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:
        del sys.modules[name]
        msg = f"importing {str(source)!r} failed: {type(error).__name__}: {error}"
        raise SelfCheckError(msg) from error
    return module


@dataclass(frozen=True)
class _Grads:
    """Gradients in the shape the checks read, keeping what the student's backward returned."""

    weights: Any
    biases: Any
    deltas: Any
    original: Any


def _as_grads(value: Any) -> _Grads:
    if isinstance(value, Mapping):
        return _Grads(value.get("weights"), value.get("biases"), value.get("deltas"), value)
    if isinstance(value, tuple) and len(value) in (2, 3):
        deltas = value[2] if len(value) == 3 else None
        return _Grads(value[0], value[1], deltas, value)
    missing = [n for n in ("weights", "biases") if not hasattr(value, n)]
    if missing:
        msg = (
            "backward(X, y) must return the gradients as an object with attributes weights, "
            "biases (and deltas), a dict with those keys, or a tuple (weights, biases[, "
            f"deltas]); got {type(value).__name__}"
        )
        raise TypeError(msg)
    return _Grads(value.weights, value.biases, getattr(value, "deltas", None), value)


class _Adapted:
    """The student's network, seen through :class:`selfcheck.checks.NetworkLike`."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def backward(self, X: Any, y: Any) -> _Grads:
        grads = _as_grads(self._inner.backward(X, y))
        if grads.deltas is None:
            return _Grads(grads.weights, grads.biases, _NoDeltas(), grads.original)
        return grads

    def step(self, grads: Any, learning_rate: float) -> None:
        original = grads.original if isinstance(grads, _Grads) else grads
        self._inner.step(original, learning_rate)


def _factory(
    make: Callable[[list[Any], list[Any]], Any],
) -> Callable[[list[Any], list[Any]], NetworkLike]:
    """Return ``make_network(weights, biases)`` that adapts what the student's `make` builds."""

    def make_network(weights: list[Any], biases: list[Any]) -> NetworkLike:
        adapted: NetworkLike = _Adapted(
            make([np.array(w) for w in weights], [np.array(b) for b in biases])
        )
        return adapted

    return make_network


class _NoDeltas:
    """Stands in for deltas a student's backward does not return; any use says so."""

    def __getitem__(self, index: int) -> Any:
        msg = "backward(X, y) returned no deltas, so the deltas cannot be checked"
        raise TypeError(msg)


def implementation_of(module: ModuleType) -> dict[str, Any]:
    """Return the names of `module` that the checks can run, mapped to their objects.

    Raises
    ------
    SelfCheckError
        If the module defines none of the known functions and no network.
    """
    found: dict[str, Any] = {
        name: getattr(module, name)
        for name in FUNCTION_NAMES
        if callable(getattr(module, name, None))
    }
<<<<<<< HEAD
    make = _maker(module)
    if make is not None:
        found["make_network"] = _factory(make)
    if not found:
=======
    # grader (issue 14): selfcheck.adapters recognises the network's shape (the project's
    # protocol, Nielsen's network.py, W1 b1 W2 b2 with an in-place backward) and its
    # convention; the adapted make_network replaces the old _maker here.
    adapted = adapters.adapt(module, FUNCTION_NAMES)
    found.update(adapted.functions)
    if adapted.make_network is not None:
        found["Network"] = _network_class(adapted.make_network)
    if adapted.convention is not None:
        found["conventions"] = adapted.convention
    found["adapted"] = adapted
    if adapted.make_network is None and not adapted.functions:
>>>>>>> grader
        names = ", ".join(FUNCTION_NAMES)
        msg = (
            f"{getattr(module, '__file__', module.__name__)} defines none of the names the "
            f"self-check knows: {names}; and {adapted.notes[0]}"
        )
        raise SelfCheckError(msg)
    return found
