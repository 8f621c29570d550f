"""backprop: backpropagation for sigmoid networks, written to read like its derivation.

Every function that computes a quantity of the derivation names, in its docstring, the
stable equation label it implements (``eq-output-delta`` and friends); the tests that the
SymPy derivations generate check each one against the proved formula.
"""

from importlib.metadata import version as _version

from backprop.activations import sigmoid, sigmoid_derivative, sigmoid_prime
from backprop.datasets import xor
from backprop.deltas import hidden_delta, output_delta, output_delta_cross_entropy
from backprop.ensemble import Ensemble
from backprop.forward import forward_layer
from backprop.gradient_check import finite_difference_gradients
from backprop.gradients import Gradients, bias_gradient, weight_gradient
from backprop.losses import cross_entropy, mse, squared_error
from backprop.network import Network
from backprop.update import gradient_descent_update

__all__ = [
    "Ensemble",
    "Gradients",
    "Network",
    "bias_gradient",
    "cross_entropy",
    "finite_difference_gradients",
    "forward_layer",
    "gradient_descent_update",
    "hidden_delta",
    "mse",
    "output_delta",
    "output_delta_cross_entropy",
    "sigmoid",
    "sigmoid_derivative",
    "sigmoid_prime",
    "squared_error",
    "weight_gradient",
    "xor",
]

#: The version, as pyproject.toml (the one place it is written) gave it to the install.
__version__ = _version("backprop-derived")
