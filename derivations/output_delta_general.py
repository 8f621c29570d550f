r"""The output delta for any loss (``eq-output-delta-general``): δ⁽ᴰ⁾ = ∇ₐL ⊙ σ′(z⁽ᴰ⁾).

Here :math:`D` is the number of layers (the last layer), :math:`L` the loss and
:math:`\nabla_{a} L` the matrix of the partial derivatives
:math:`\partial L/\partial a^{(D)}_{ji}`, one per output neuron :math:`j` and sample
:math:`i`. The only assumption is that the loss depends on the last layer's weighted
inputs :math:`z^{(D)}` through its activations :math:`a^{(D)} = \sigma(z^{(D)})` alone.
Then :math:`z^{(D)}_{ji}` changes exactly one activation, :math:`a^{(D)}_{ji}`, and the
chain rule has one path:

.. math::

   \delta^{(D)}_{ji} = \frac{\partial L}{\partial a^{(D)}_{ji}}\,\sigma'(z^{(D)}_{ji}).

This is the first of Nielsen's four equations (his BP1, written there with the cost
:math:`C`). The proof takes the loss to be an *unspecified* SymPy function of all the
output activations of a batch (so it is not even assumed to be a sum of one term per
entry), composes it with σ, differentiates with ``sympy.diff`` with respect to every
:math:`z^{(D)}_{ji}`, and reduces the difference with the closed form to exactly zero.

Two instances are proved next to it (:data:`INSTANCES`): putting the gradient of the
squared error ``eq-loss`` in place of :math:`\nabla_{a} L` gives ``eq-output-delta``,
and putting the gradient of the cross-entropy ``eq-cross-entropy`` gives
``eq-output-delta-cross-entropy``, where the σ′ cancels.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Mapping
from typing import Any

import sympy as sp

from derivations import cross_entropy, output_delta
from derivations.network import NetworkSymbols, entries, gradient, loss, symbols
from derivations.notation import (
    Partial,
    SigmaPrimeOf,
    explicit,
    matrix,
    reduce_to_zero,
    sigma,
)
from derivations.result import Formula, Proof, Result, Step, is_zero

__all__ = [
    "INSTANCES",
    "closed_form",
    "grad_a_symbol",
    "instance_steps",
    "output_delta_general",
    "prove_instance",
]

j, i = sp.symbols("j i", integer=True)

#: The name of the loss as an unspecified function of every output activation.
_LOSS_FUNCTION = sp.Function("L")


def grad_a_symbol(net: NetworkSymbols) -> Any:
    r"""Return the matrix symbol :math:`\nabla_{a^{(D)}} L` (the shape of the output layer)."""
    out = len(net.sizes) - 1
    return matrix(rf"\nabla_{{a^{{({out})}}}} L", net.sizes[out], net.m)


def closed_form(grad_a: Any, z: Any) -> Any:
    """Return the matrix expression ``∇ₐL ⊙ σ′(z)``."""
    return sp.HadamardProduct(grad_a, SigmaPrimeOf(z))


def _at_outputs(expr: Any, a: Any, z: Any) -> Any:
    """Substitute ``a = σ(z)`` entry by entry in ``expr`` (explicit matrices ``a`` and ``z``)."""
    # subs, not xreplace: a derivative with respect to a_ji must become a Subs object.
    values = {a[r, c]: sigma(z[r, c]) for r in range(a.rows) for c in range(a.cols)}
    return expr.subs(values, simultaneous=True)


def output_delta_general(net: NetworkSymbols | None = None) -> Result:
    """Return ``eq-output-delta-general``: δ⁽ᴰ⁾ = ∇ₐL ⊙ σ′(z⁽ᴰ⁾) for any loss of a⁽ᴰ⁾."""
    net = net or symbols()
    out = len(net.sizes) - 1
    z_l, a_l, d_l = net.z[out], net.a[out], net.delta[out]
    z_i, a_i, d_i = (sp.IndexedBase(s.name) for s in (z_l, a_l, d_l))
    big_l = sp.Symbol("L")
    grad_a = grad_a_symbol(net)
    rhs = closed_form(grad_a, z_l)

    a_e, z_e = entries(a_l), entries(z_l)
    # The loss is any function of all the output activations of the batch.
    unspecified = _LOSS_FUNCTION(*a_e)
    derivation = gradient(_at_outputs(unspecified, a_e, z_e), z_e)
    grad_values = _at_outputs(gradient(unspecified, a_e), a_e, z_e)
    da_dz = sp.diff(sigma(z_i[j, i]), z_i[j, i])
    return Result(
        label="eq-output-delta-general",
        title="The output delta for any loss",
        statement=(
            "δ(D) = ∂L/∂z(D) = ∇ₐL ⊙ σ′(z(D)) for any loss L that depends on z(D) only "
            "through a(D) = σ(z(D)); D is the last layer."
        ),
        lhs=d_l,
        rhs=rhs,
        steps=(
            Step(
                "Definition of the delta of the last layer.", d_i[j, i], Partial(big_l, z_i[j, i])
            ),
            Step(
                "Chain rule: z(D)_ji changes one activation only, a(D)_ji = σ(z(D)_ji), "
                "and L depends on z only through the activations.",
                Partial(big_l, z_i[j, i]),
                Partial(big_l, a_i[j, i]) * Partial(a_i[j, i], z_i[j, i]),
            ),
            Step(
                "The second factor: differentiate a = σ(z); the first is entry (j, i) "
                "of the gradient of L with respect to a.",
                Partial(a_i[j, i], z_i[j, i]),
                da_dz,
            ),
            Step(
                "The product, one entry per output j and sample i.",
                d_i[j, i],
                sp.Mul(Partial(big_l, a_i[j, i]), da_dz, evaluate=False),
            ),
            Step("All entries at once: an elementwise product.", d_l, rhs),
        ),
        derivation=derivation,
        closed_form=explicit(rhs, {grad_a: grad_values, a_l: z_e.applyfunc(sigma)}),
        # backprop has no function of its own for this label (its two instances do), so the
        # parameters are the mathematical ones: the gradient of L with respect to a, and z.
        formula=Formula(("grad_a", "z"), closed_form),
        instance=(
            "the 2-2-1 network, batch of m = 3 samples, L an unspecified function of all "
            "three output activations"
        ),
    )


def _squared_error_gradient(a: Any, y: Any) -> Any:
    """Return ∇ₐL of the squared error ``eq-loss``, differentiated entry by entry."""
    return gradient(loss(a, y), a)


def _cross_entropy_gradient(a: Any, y: Any) -> Any:
    """Return ∇ₐL of the cross-entropy ``eq-cross-entropy``, differentiated entry by entry."""
    return gradient(cross_entropy.cross_entropy_loss(a, y), a)


#: For each instance: the label of the result it reproduces and how ∇ₐL of its loss is
#: computed from explicit matrices ``a`` and ``y``.
_GRADIENTS: Mapping[str, Callable[[Any, Any], Any]] = {
    "eq-output-delta": _squared_error_gradient,
    "eq-output-delta-cross-entropy": _cross_entropy_gradient,
}


def _instance_closed_form(label: str, net: NetworkSymbols) -> Any:
    out = len(net.sizes) - 1
    if label == "eq-output-delta":
        return output_delta.closed_form(net.a[out], net.y, net.z[out])
    return cross_entropy.closed_form(net.a[out], net.y)


def prove_instance(
    label: str,
    net: NetworkSymbols | None = None,
    grad_of_loss: Callable[[Any, Any], Any] | None = None,
) -> Proof:
    """Prove that ``eq-output-delta-general`` with one loss's ∇ₐL is the result ``label``.

    Parameters
    ----------
    label : {"eq-output-delta", "eq-output-delta-cross-entropy"}
        The result the general formula must reproduce.
    net : NetworkSymbols, optional
        The instance; the 2-2-1 network with three samples by default.
    grad_of_loss : callable, optional
        ``(a, y) -> ∇ₐL`` on explicit matrices; by default ``sympy.diff`` of the loss that
        ``label`` is about. A test passes a wrong one to see the proof fail.

    Returns
    -------
    Proof
        Labelled ``"<label> from eq-output-delta-general"``.

    Raises
    ------
    KeyError
        When ``label`` is not one of the two instances.
    """
    if label not in _GRADIENTS:
        message = f"no instance of eq-output-delta-general for {label!r}; expected one of "
        raise KeyError(message + ", ".join(_GRADIENTS))
    net = net or symbols()
    start = time.perf_counter()
    out = len(net.sizes) - 1
    a_l, z_l, y = net.a[out], net.z[out], net.y
    a_e, z_e, y_e = entries(a_l), entries(z_l), entries(y)
    grad = (grad_of_loss or _GRADIENTS[label])(a_e, y_e)
    general = explicit(
        closed_form(grad_a_symbol(net), z_l),
        {grad_a_symbol(net): _at_outputs(grad, a_e, z_e)},
    )
    specific = explicit(_instance_closed_form(label, net), {a_l: z_e.applyfunc(sigma)})
    difference = reduce_to_zero(sp.ImmutableMatrix(general - specific).applyfunc(sp.cancel))
    proof_label = f"{label} from eq-output-delta-general"
    return Proof(proof_label, is_zero(difference), difference, time.perf_counter() - start)


def instance_steps(label: str) -> tuple[Step, ...]:
    """Return the steps that specialise ``eq-output-delta-general`` to the result ``label``.

    One entry ``(j, i)`` is shown: ∂L/∂a of the loss by ``sympy.diff``, multiplied by σ′
    written as a(1 − a) (``eq-sigmoid-derivative-output``).
    """
    if label not in _GRADIENTS:
        message = f"no instance of eq-output-delta-general for {label!r}; expected one of "
        raise KeyError(message + ", ".join(_GRADIENTS))
    a_ji, y_ji = sp.IndexedBase("a")[j, i], sp.IndexedBase("y")[j, i]
    big_l = sp.Symbol("L")
    if label == "eq-output-delta":
        term = sp.Rational(1, 2) * (a_ji - y_ji) ** 2
        name = "the squared error ½(a − y)² (eq-loss)"
    else:
        term = cross_entropy.term(a_ji, y_ji)
        name = "the cross-entropy −[y log a + (1 − y) log(1 − a)] (eq-cross-entropy)"
    de_da = sp.diff(term, a_ji)
    slope = sp.Mul(a_ji, 1 - a_ji, evaluate=False)
    delta = sp.IndexedBase(r"\delta")[j, i]
    steps = (
        Step(
            f"The one term of {name} that contains a_ji, differentiated.",
            Partial(big_l, a_ji),
            de_da,
        ),
        Step(
            "Times σ′(z) = a(1 − a) (eq-sigmoid-derivative-output), as the general formula says.",
            delta,
            sp.Mul(de_da, slope, evaluate=False),
        ),
    )
    if label == "eq-output-delta":
        return steps  # (a − y) a(1 − a) is already (a − y) ⊙ σ′(z), entry (j, i).
    return (*steps, Step("a(1 − a) cancels: the error alone.", delta, sp.cancel(de_da * slope)))


#: The instances proved next to ``eq-output-delta-general``: the label each reproduces,
#: mapped to the function that proves it.
INSTANCES: Mapping[str, Callable[[], Proof]] = {
    label: functools.partial(prove_instance, label) for label in _GRADIENTS
}
