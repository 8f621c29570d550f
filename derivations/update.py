r"""One step of gradient descent (``eq-update-w2``, ``eq-update-w1``, ``eq-update-b2``, ``eq-update-b1``).

Gradient descent moves every parameter :math:`\theta` a small step against its
gradient, :math:`\theta \leftarrow \theta - \alpha\, \partial L/\partial \theta`, with
learning rate :math:`\alpha > 0`. The minus sign is the point: the gradient
points uphill, so to first order the step changes the loss by
:math:`-\alpha \lVert \partial L/\partial\theta \rVert^2 \le 0`. Substituting the
gradients (``eq-grad-*``) gives the update of each parameter in terms of the
deltas, which is what one call of ``Network.step`` does.

The proof applies the definition to the loss composed from the parameters
(``sympy.diff``) and compares it, entry by entry, with the closed form in terms
of the deltas.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from derivations.gradients import bias_gradient, delta_values, weight_gradient
from derivations.network import NetworkSymbols, entries, gradient, loss, neuron_layer, symbols
from derivations.notation import explicit, matrix
from derivations.result import Formula, Result, Step

__all__ = ["step", "update_b1", "update_b2", "update_w1", "update_w2"]


def step(theta: Any, grad: Any, alpha: Any) -> Any:
    """Return the matrix expression ``θ − α ∇`` (terms kept in this order for display)."""
    return sp.MatAdd(theta, -alpha * grad, evaluate=False)


def _update(net: NetworkSymbols, layer: int, of_bias: bool) -> Result:
    w, b, a_prev, delta, alpha = (
        net.w[layer],
        net.b[layer],
        net.a[layer - 1],
        net.delta[layer],
        net.alpha,
    )
    param = b if of_bias else w
    name = param.name
    grad = bias_gradient(delta) if of_bias else weight_gradient(delta, a_prev)
    rhs = step(param, grad, alpha)
    lhs = matrix(rf"{name}_{{\mathrm{{new}}}}", *param.shape)
    grad_symbol = matrix(rf"\frac{{\partial L}}{{\partial {name}}}", *param.shape)

    a_prev_e = entries(a_prev)
    z_e, a = neuron_layer(entries(w), entries(b), a_prev_e)
    for l in range(layer + 1, len(net.sizes)):
        _, a = neuron_layer(entries(net.w[l]), entries(net.b[l]), a)
    param_e = entries(param)
    derivation = param_e - alpha * gradient(loss(a, entries(net.y)), param_e)
    label = f"eq-update-{'b' if of_bias else 'w'}{layer}"
    grad_label = f"eq-grad-{'b' if of_bias else 'w'}{layer}"
    return Result(
        label=label,
        title=f"Gradient-descent update of {'b' if of_bias else 'W'}({layer})",
        statement=f"{'b' if of_bias else 'W'}({layer}) ← {'b' if of_bias else 'W'}({layer}) − α ∂L/∂{'b' if of_bias else 'W'}({layer}), a step against the gradient.",
        lhs=lhs,
        rhs=rhs,
        steps=(
            Step(
                "Definition of one step of gradient descent with learning rate α.",
                lhs,
                step(param, grad_symbol, alpha),
            ),
            Step(f"The gradient, {grad_label}.", grad_symbol, grad),
            Step("Substituted.", lhs, rhs),
        ),
        derivation=derivation,
        closed_form=explicit(rhs, {delta: delta_values(net, layer, z_e)}),
        formula=Formula(("theta", "grad", "learning_rate"), step, scalars=("learning_rate",)),
    )


def update_w2(net: NetworkSymbols | None = None) -> Result:
    """Return ``eq-update-w2``: W⁽²⁾ ← W⁽²⁾ − α δ⁽²⁾ (a⁽¹⁾)ᵀ."""
    return _update(net or symbols(), 2, of_bias=False)


def update_w1(net: NetworkSymbols | None = None) -> Result:
    """Return ``eq-update-w1``: W⁽¹⁾ ← W⁽¹⁾ − α δ⁽¹⁾ Xᵀ."""
    return _update(net or symbols(), 1, of_bias=False)


def update_b2(net: NetworkSymbols | None = None) -> Result:
    """Return ``eq-update-b2``: b⁽²⁾ ← b⁽²⁾ − α Σ_i δ⁽²⁾_{:,i}."""
    return _update(net or symbols(), 2, of_bias=True)


def update_b1(net: NetworkSymbols | None = None) -> Result:
    """Return ``eq-update-b1``: b⁽¹⁾ ← b⁽¹⁾ − α Σ_i δ⁽¹⁾_{:,i}."""
    return _update(net or symbols(), 1, of_bias=True)
