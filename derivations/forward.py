r"""The forward pass, layer by layer (``eq-forward-hidden``, ``eq-forward-output``).

Samples are columns. Neuron :math:`j` of layer :math:`l` computes, for sample
:math:`i`, the weighted sum :math:`z^{(l)}_{ji} = \sum_k W^{(l)}_{jk} a^{(l-1)}_{ki} + b^{(l)}_j`
and the activation :math:`a^{(l)}_{ji} = \sigma(z^{(l)}_{ji})`, with
:math:`a^{(0)} = X`. In matrix form :math:`z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}`, where
the bias column is added to every sample column, and :math:`a^{(l)} = \sigma(z^{(l)})`
entry by entry.

These are definitions, so the proof is about the matrix form: expanding
:math:`\sigma(W^{(l)} a^{(l-1)} + b^{(l)})` entry by entry gives exactly the neuron-by-neuron
definition, which pins down the conventions (``W`` of shape ``(n_out, n_in)``,
samples as columns) that every later result relies on.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from derivations.network import NetworkSymbols, entries, neuron_layer, symbols
from derivations.notation import Broadcast, SigmaOf, explicit, sigma
from derivations.result import Formula, Result, Step

__all__ = ["forward_hidden", "forward_output", "pre_activation"]

j, k, i = sp.symbols("j k i", integer=True)


def pre_activation(w: Any, b: Any, a_prev: Any) -> Any:
    """Return the matrix expression ``W a_prev + b`` (the bias added to every column)."""
    return sp.MatAdd(w * a_prev, Broadcast(b, a_prev.shape[1]), evaluate=False)


def _forward(net: NetworkSymbols, layer: int, label: str, title: str, statement: str) -> Result:
    w, b, a_prev = net.w[layer], net.b[layer], net.a[layer - 1]
    z_l, a_l = net.z[layer], net.a[layer]
    n_prev = sp.Symbol(f"n_{{{layer - 1}}}")
    w_i, b_i = sp.IndexedBase(w.name), sp.IndexedBase(b.name)
    a_prev_i = sp.IndexedBase("x" if layer == 1 else a_prev.name)
    z_i, a_i = sp.IndexedBase(z_l.name), sp.IndexedBase(a_l.name)
    neuron = sp.Add(sp.Sum(w_i[j, k] * a_prev_i[k, i], (k, 1, n_prev)), b_i[j], evaluate=False)
    rhs = SigmaOf(pre_activation(w, b, a_prev))
    _, definition = neuron_layer(entries(w), entries(b), entries(a_prev))
    return Result(
        label=label,
        title=title,
        statement=statement,
        lhs=a_l,
        rhs=rhs,
        steps=(
            Step(
                "Neuron j, sample i: the weighted sum of its inputs plus its bias.",
                z_i[j, i],
                neuron,
            ),
            Step("Its activation.", a_i[j, i], sigma(z_i[j, i])),
            Step(
                "All neurons and samples at once (b added to every column).",
                z_l,
                pre_activation(w, b, a_prev),
            ),
            Step("σ applied entry by entry.", a_l, SigmaOf(z_l)),
        ),
        derivation=definition,
        closed_form=explicit(rhs),
        formula=Formula(("w", "b", "a_prev"), lambda *wba: SigmaOf(pre_activation(*wba))),
    )


def forward_hidden(net: NetworkSymbols | None = None) -> Result:
    """Return ``eq-forward-hidden``: a⁽¹⁾ = σ(W⁽¹⁾X + b⁽¹⁾)."""
    return _forward(
        net or symbols(),
        1,
        "eq-forward-hidden",
        "Forward pass: the hidden layer",
        "z(1) = W(1) X + b(1) and a(1) = σ(z(1)), samples as columns.",
    )


def forward_output(net: NetworkSymbols | None = None) -> Result:
    """Return ``eq-forward-output``: a⁽²⁾ = σ(W⁽²⁾a⁽¹⁾ + b⁽²⁾)."""
    return _forward(
        net or symbols(),
        2,
        "eq-forward-output",
        "Forward pass: the output layer",
        "z(2) = W(2) a(1) + b(2) and a(2) = σ(z(2)), samples as columns.",
    )
