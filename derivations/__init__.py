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

from collections.abc import Callable, Iterator, Mapping

from derivations import (
    cross_entropy,
    deep,
    forward,
    gradients,
    hidden_delta,
    loss,
    output_delta,
    output_delta_general,
    sigmoid,
    update,
)
from derivations.result import Proof, Result, Step

__all__ = ["REGISTRY", "Proof", "Result", "Step"]


class _Registry(Mapping[str, Result]):
    """A read-only mapping from label to result that derives each result when first asked.

    Deriving all of them takes about a second; a docs page that shows two results
    should not pay for twenty.
    """

    def __init__(self, builders: Mapping[str, Callable[[], Result]]) -> None:
        self._builders = dict(builders)
        self._results: dict[str, Result] = {}

    def __getitem__(self, label: str) -> Result:
        if label not in self._results:
            result = self._builders[label]()
            if result.label != label:
                msg = f"the builder registered for {label!r} returned {result.label!r}"
                raise RuntimeError(msg)
            self._results[label] = result
        return self._results[label]

    def __iter__(self) -> Iterator[str]:
        return iter(self._builders)

    def __len__(self) -> int:
        return len(self._builders)

    def __repr__(self) -> str:
        return f"REGISTRY({list(self._builders)})"


#: Every derived result, keyed by its stable label: DESIGN.md's table in its order, then the
#: cross-entropy results, the general (any number of layers) results and the output delta
#: for any loss.
REGISTRY: Mapping[str, Result] = _Registry(
    {
        "eq-sigmoid": sigmoid.sigmoid,
        "eq-sigmoid-derivative": sigmoid.sigmoid_derivative,
        "eq-sigmoid-derivative-output": sigmoid.sigmoid_derivative_output,
        "eq-forward-hidden": forward.forward_hidden,
        "eq-forward-output": forward.forward_output,
        "eq-loss": loss.loss_result,
        "eq-output-delta": output_delta.output_delta,
        "eq-hidden-delta": hidden_delta.hidden_delta,
        "eq-grad-w2": gradients.grad_w2,
        "eq-grad-b2": gradients.grad_b2,
        "eq-grad-w1": gradients.grad_w1,
        "eq-grad-b1": gradients.grad_b1,
        "eq-update-w2": update.update_w2,
        "eq-update-w1": update.update_w1,
        "eq-update-b2": update.update_b2,
        "eq-update-b1": update.update_b1,
        "eq-cross-entropy": cross_entropy.cross_entropy,
        "eq-output-delta-cross-entropy": cross_entropy.output_delta_cross_entropy,
        "eq-forward-general": deep.forward_general,
        "eq-delta-recursion": deep.delta_recursion,
        "eq-grad-w-general": deep.grad_w_general,
        "eq-grad-b-general": deep.grad_b_general,
        "eq-output-delta-general": output_delta_general.output_delta_general,
    }
)
