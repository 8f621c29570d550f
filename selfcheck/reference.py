"""``backprop`` as an implementation the checks run: its formula functions and network factories.

Every name is looked up in its ``backprop`` module when :func:`backprop_implementation` is
called, and the network is built by the class given; so inside
:meth:`selfcheck.mistakes.Mistake.installed` the checks receive the installed mistake.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

import backprop
from backprop import activations, deltas, forward, gradients, losses, update
from selfcheck.checks import FUNCTION_NAMES, NetworkLike

__all__ = ["backprop_implementation"]

_MODULES = (activations, forward, losses, deltas, gradients, update)


def backprop_implementation(network_class: type[backprop.Network] | None = None) -> dict[str, Any]:
    """Return ``backprop``'s functions and factories, keyed by the names the checks need.

    Parameters
    ----------
    network_class : type, optional
        The network class to build (default: ``backprop.network.Network``).

    Returns
    -------
    dict
        Every name of :data:`selfcheck.checks.FUNCTION_NAMES`, ``make_network`` and
        ``make_cross_entropy_network``.
    """
    cls = network_class or backprop.network.Network
    found: dict[str, Any] = {}
    for name in FUNCTION_NAMES:
        found[name] = next(getattr(m, name) for m in _MODULES if hasattr(m, name))

    def make_network(
        weights: list[NDArray[np.float64]], biases: list[NDArray[np.float64]]
    ) -> NetworkLike:
        return cls.from_parameters(weights, biases)

    def make_cross_entropy_network(
        weights: list[NDArray[np.float64]], biases: list[NDArray[np.float64]]
    ) -> NetworkLike:
        return cls.from_parameters(weights, biases, loss="cross_entropy")

    found["make_network"] = make_network
    found["make_cross_entropy_network"] = make_cross_entropy_network
    return found
