"""SymPy derivations and proofs of every formula the ``backprop`` package uses.

Each module derives one result from the definitions (the forward pass and the
loss) with ``sympy.diff`` and the chain rule, keeps the chain-rule steps, and
proves the closed form equal to the derivation exactly. :data:`REGISTRY` maps each
stable equation label (DESIGN.md) to its :class:`~derivations.result.Result`; the
docs render those objects and :mod:`derivations.generate` turns them into the
tests in ``tests/generated/``. :mod:`derivations.brute_force` checks the whole
δ recursion on complete networks of several shapes.

Run ``python -m derivations`` to prove everything and rewrite ``tests/generated/``,
or ``python -m derivations --check`` to only check.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from derivations import (
    cross_entropy,
    deep,
    forward,
    gradients,
    hidden_delta,
    loss,
    output_delta,
    sigmoid,
    update,
)
from derivations.result import Proof, Result, Step

__all__ = ["REGISTRY", "Proof", "Result", "Step"]


def _build() -> Mapping[str, Result]:
    results = (
        sigmoid.sigmoid(),
        sigmoid.sigmoid_derivative(),
        sigmoid.sigmoid_derivative_output(),
        forward.forward_hidden(),
        forward.forward_output(),
        loss.loss_result(),
        output_delta.output_delta(),
        hidden_delta.hidden_delta(),
        gradients.grad_w2(),
        gradients.grad_b2(),
        gradients.grad_w1(),
        gradients.grad_b1(),
        update.update_w2(),
        update.update_w1(),
        update.update_b2(),
        update.update_b1(),
        cross_entropy.cross_entropy(),
        cross_entropy.output_delta_cross_entropy(),
        deep.forward_general(),
        deep.delta_recursion(),
        deep.grad_w_general(),
        deep.grad_b_general(),
    )
    return MappingProxyType({result.label: result for result in results})


#: Every derived result, keyed by its stable label: DESIGN.md's table in its order, then the
#: cross-entropy results and the general (any number of layers) results.
REGISTRY: Mapping[str, Result] = _build()
