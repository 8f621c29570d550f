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

Other shapes (Nielsen's ``network.py``, a class with ``W1, b1, W2, b2`` and an in-place
``backward``) are recognised and adapted by :mod:`selfcheck.adapters`, which also finds the
student's convention (gradients of the sum, or of the mean).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from selfcheck import adapters
from selfcheck.checks import FUNCTION_NAMES

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
    # selfcheck.adapters recognises the network's shape (the project's protocol, Nielsen's
    # network.py, W1 b1 W2 b2 with an in-place backward) and its convention (sum or mean).
    adapted = adapters.adapt(module, FUNCTION_NAMES)
    found.update(adapted.functions)
    if adapted.make_network is not None:
        found["make_network"] = adapted.make_network
    if adapted.convention is not None:
        found["conventions"] = adapted.convention
    found["adapted"] = adapted
    if adapted.make_network is None and not adapted.functions:
        names = ", ".join(FUNCTION_NAMES)
        msg = (
            f"{getattr(module, '__file__', module.__name__)} defines none of the names the "
            f"self-check knows: {names}; and {adapted.notes[0]}"
        )
        raise SelfCheckError(msg)
    return found
