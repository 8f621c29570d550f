"""Build the network cases: parameters, data, and every value of the composed loss.

For each architecture of :mod:`derivations.brute_force` (squared error, deep, cross-entropy)
the parameters and data are drawn from a fixed seed, and every expected value comes from the
network composed from the definitions: its forward values, its loss, and ``sympy.diff`` of
that loss with respect to every weighted input and parameter (the brute force's rows), never
from the δ rule. A step θ − α ∂L/∂θ and, for the cross-entropy, the loss after it are
evaluated from the same derivatives. Every value is exact to 50 digits, rounded once to
float64.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import mpmath

from derivations import brute_force
from derivations.cases import Matrix, Record, bind, evaluate_with_logs, matrix_value, uniform
from derivations.composed_loss import symbol_entries
from derivations.evaluate import DIGITS, evaluate, to_float

__all__ = ["MAX_ABS_Z", "network_cases"]

#: Largest |z| allowed at a sample point: keeps 1 − σ(z) ≥ 0.0025, so float64 stays accurate.
MAX_ABS_Z = 6.0


def _network_values(proof: brute_force.BruteForce, seed: int) -> Record:
    """Random parameters and data (from ``seed``) and every derived value, for one network."""
    sizes, m = proof.layer_sizes, proof.m
    rng = random.Random(seed)
    composed = proof.composed()
    net = composed.symbols
    x = uniform(rng, sizes[0], m, -1.0, 1.0)
    y = uniform(rng, sizes[-1], m, 0.0, 1.0)
    values: dict[Any, Any] = bind(symbol_entries(net.a[0]), x)
    values |= bind(symbol_entries(net.y), y)
    weights, biases = [], []
    layers = range(1, len(sizes))
    for l in layers:
        w, b = (
            uniform(rng, sizes[l], sizes[l - 1], -1.0, 1.0),
            uniform(rng, sizes[l], 1, -1.0, 1.0),
        )
        weights.append(w)
        biases.append(b)
        values |= bind(symbol_entries(net.w[l]), w) | bind(symbol_entries(net.b[l]), b)
    z = [matrix_value(composed.z[l], values) for l in layers]
    if max(abs(v) for layer in z for line in layer for v in line) > MAX_ABS_Z:
        msg = f"{proof.label}: some |z| > {MAX_ABS_Z}; pick other points"
        raise ValueError(msg)
    rows = proof.report().rows
    learning_rate = 0.5

    def from_loss(kind: str, layer: int, shape: tuple[int, int]) -> Matrix:
        found = {row.index: row for row in rows if row.kind == kind and row.layer == layer}
        return [
            [to_float(evaluate(found[(r, c)].from_loss, values)) for c in range(shape[1])]
            for r in range(shape[0])
        ]

    stepped: dict[Any, Any] = {}
    with mpmath.workdps(DIGITS + 10):
        for row in rows:
            if row.kind != "delta":
                symbol = symbol_entries(
                    net.w[row.layer] if row.kind == "weight" else net.b[row.layer]
                )[row.index]
                stepped[symbol] = mpmath.mpf(values[symbol]) - mpmath.mpf(
                    learning_rate
                ) * evaluate(row.from_loss, values)

    def stepped_matrix(symbol: Any) -> Matrix:
        entries = symbol_entries(symbol)
        return [
            [to_float(stepped[entries[r, c]]) for c in range(entries.shape[1])]
            for r in range(entries.shape[0])
        ]

    cross = proof.loss == "cross_entropy"
    loss_value = evaluate_with_logs if cross else evaluate
    record = {
        "loss_name": proof.loss,
        "sizes": list(sizes),
        "x": x,
        "y": y,
        "weights": weights,
        "biases": biases,
        "learning_rate": learning_rate,
        "z": z,
        "a": [matrix_value(composed.a[l], values) for l in layers],
        "loss": to_float(loss_value(composed.loss, values)),
        "deltas": [from_loss("delta", l, (sizes[l], m)) for l in layers],
        "weight_gradients": [from_loss("weight", l, (sizes[l], sizes[l - 1])) for l in layers],
        "bias_gradients": [from_loss("bias", l, (sizes[l], 1)) for l in layers],
        "stepped_weights": [stepped_matrix(net.w[l]) for l in layers],
        "stepped_biases": [stepped_matrix(net.b[l]) for l in layers],
    }
    if cross:
        record["loss_after_step"] = to_float(evaluate_with_logs(composed.loss, values | stepped))
    case_id = "-".join(str(n) for n in sizes) + f"-m{m}"
    return {
        "id": case_id,
        "name": proof.architecture + f", m={m}",
        "label": proof.label,
        "values": record,
    }


def _networks(
    architectures: Sequence[tuple[tuple[int, ...], int]], loss_name: str, first_seed: int
) -> list[Record]:
    """One case per brute-force architecture; square ones first.

    A wrong formula that only breaks shapes on non-square layers (W for Wᵀ, @ for ⊙) then
    fails on values in the square case before anything else.
    """
    by_key = {(p.layer_sizes, p.m, p.loss): p for p in brute_force.PROOFS.values()}
    proofs = [by_key[(sizes, m, loss_name)] for sizes, m in architectures]
    records = [_network_values(proof, first_seed + n) for n, proof in enumerate(proofs)]
    return sorted(records, key=lambda record: len(set(record["values"]["sizes"])) != 1)


def network_cases() -> dict[str, list[Record]]:
    """Return the network cases: squared error (depth 2 and 3), deep, cross-entropy."""
    return {
        "networks": _networks(brute_force.ARCHITECTURES, "squared_error", 20_261_124),
        "deep_networks": _networks(brute_force.DEEP_ARCHITECTURES, "squared_error", 20_261_800),
        "cross_entropy_networks": _networks(
            brute_force.CROSS_ENTROPY_ARCHITECTURES, "cross_entropy", 20_261_900
        ),
    }
