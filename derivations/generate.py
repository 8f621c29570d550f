"""Write the generated cases and tests: ``selfcheck/data/*.json`` and ``tests/generated/``.

``derivations.cases`` builds the cases (inputs and the values SymPy derives for them);
this module lays them out. The cases become JSON data inside the ``selfcheck`` package, so
that ``python -m selfcheck`` reads them (:mod:`selfcheck.cases`) without SymPy and from an
installed wheel. Each topic also gets a test module in ``tests/generated/`` that holds no
logic: one line per check, ``test_<check> = generated_test("<check>")``, which
``selfcheck.testing.generated_test`` turns into a test parametrised over that check's cases,
one pytest id per case (``test_hidden_delta[eq-hidden-delta-3x3-m3]``), run against
``backprop``. Every line of check logic is in :mod:`selfcheck.checks`.

The output is deterministic: the cases are (fixed seeds, fixed order), JSON writes floats
with ``repr`` (the shortest form that reads back to the same float64) and keys in insertion
order, one case per line; the test modules are a docstring, an import and assignments, a
layout ``ruff format`` leaves as it is (``tests/test_derivations.py`` checks that). No ruff
runs here: the freshness check must not depend on the formatter's version.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from derivations import cases, network_cases

__all__ = ["DATA", "TESTS", "TOPICS", "GeneratedFile", "Topic", "generate"]

#: Where the files go, relative to the repository root.
DATA = "selfcheck/data"
TESTS = "tests/generated"


@dataclass(frozen=True)
class GeneratedFile:
    """One generated file: its path relative to the repository root, and its text."""

    name: str
    text: str


@dataclass(frozen=True)
class Topic:
    """One generated test module: what it checks and where its expected values come from."""

    name: str
    title: str
    sources: tuple[str, ...]
    about: str
    checks: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic(
        "sigmoid",
        "Check sigmoid, sigmoid_prime and sigmoid_derivative against the derivations.",
        ("sigmoid",),
        "The formulas of eq-sigmoid, eq-sigmoid-derivative (checked for z <= 4: beyond,\n"
        "1 - sigma(z) cancels in float64) and eq-sigmoid-derivative-output.",
        ("sigmoid", "sigmoid_prime", "sigmoid_derivative"),
    ),
    Topic(
        "forward",
        "Check the forward pass against the derivations.",
        ("forward", "brute_force"),
        "forward_layer against the formula sigma(W a_prev + b) of eq-forward-hidden;\n"
        "Network.forward against the network composed neuron by neuron from the definitions.",
        ("forward_layer", "network_forward"),
    ),
    Topic(
        "loss",
        "Check the loss against the derivations.",
        ("loss", "brute_force"),
        "mse against the formula of eq-loss; the loss of a network's output against the loss\n"
        "composed from the definitions.",
        ("mse", "network_loss"),
    ),
    Topic(
        "output_delta",
        "Check the output delta against the derivations.",
        ("output_delta", "brute_force"),
        "output_delta(a, y) against the formula of eq-output-delta (square cases included, so a\n"
        "matrix product cannot stand in for the elementwise one); Network.backward's output\n"
        "delta against dL/dz(L) differentiated from the composed loss.",
        ("output_delta", "network_output_delta"),
    ),
    Topic(
        "hidden_delta",
        "Check the hidden deltas against the derivations.",
        ("hidden_delta", "brute_force"),
        "hidden_delta against the formula of eq-hidden-delta (square cases included: W for W.T\n"
        "and @ for * cannot pass); Network.backward's hidden deltas against dL/dz(l)\n"
        "differentiated from the composed loss.",
        ("hidden_delta", "network_hidden_deltas"),
    ),
    Topic(
        "gradients",
        "Check the parameter gradients against the derivations.",
        ("gradients", "brute_force"),
        "weight_gradient and bias_gradient against the formulas of eq-grad-w2 and eq-grad-b2;\n"
        "Network.backward's gradients against sympy.diff of the composed loss.",
        ("weight_gradient", "bias_gradient", "network_gradients"),
    ),
    Topic(
        "update",
        "Check one step of gradient descent against the derivations.",
        ("update", "brute_force"),
        "gradient_descent_update against the formula of eq-update-w2; Network.step after\n"
        "Network.backward against theta - alpha * dL/dtheta of the composed loss; backward after\n"
        "a step against a fresh network's.",
        ("gradient_descent_update", "network_step", "network_backward_after_step"),
    ),
    Topic(
        "deep_networks",
        "Check networks of depth 3 and 4 against the derivations.",
        ("deep", "brute_force"),
        "Network.forward, backward (every delta and gradient) and step against the loss\n"
        "composed from the definitions and differentiated by sympy.diff.",
        (
            "deep_network_forward",
            "deep_network_deltas",
            "deep_network_gradients",
            "deep_network_step",
        ),
    ),
    Topic(
        "cross_entropy",
        "Check the cross-entropy loss and its output delta against the derivations.",
        ("cross_entropy", "brute_force"),
        "cross_entropy(z, y) against the formula of eq-cross-entropy (saturated z included),\n"
        "output_delta_cross_entropy against eq-output-delta-cross-entropy; a cross-entropy\n"
        "network's forward, backward, step and one epoch of train against the composed loss.",
        (
            "cross_entropy",
            "output_delta_cross_entropy",
            "cross_entropy_network_forward",
            "cross_entropy_network_loss",
            "cross_entropy_network_deltas",
            "cross_entropy_network_gradients",
            "cross_entropy_network_step",
            "cross_entropy_network_train",
        ),
    ),
)

_HEADER = "Generated by `python -m derivations` from {sources}.\nDo not edit; regenerate with `nox -s derive`."


def _json(about: str, collections: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    """Lay out one data file: an object of collections, one case per line."""
    lines = ["{", f' "about": {json.dumps(about)},', ' "collections": {']
    names = list(collections)
    for n, name in enumerate(names):
        lines.append(f"  {json.dumps(name)}: [")
        records = collections[name]
        lines += [
            f"   {json.dumps(record)}{',' if i < len(records) - 1 else ''}"
            for i, record in enumerate(records)
        ]
        lines.append("  ]" + ("," if n < len(names) - 1 else ""))
    return "\n".join([*lines, " }", "}"]) + "\n"


def _test_module(topic: Topic) -> str:
    sources = " and ".join(f"derivations/{source}.py" for source in topic.sources)
    header = _HEADER.format(sources=sources)
    data = (
        f"The cases are in {DATA}/ (written by the same run); the checks in selfcheck/checks.py."
    )
    lines = [
        f'"""{topic.title}',
        "",
        header,
        "",
        topic.about,
        data,
        '"""',
        "",
        "from selfcheck.testing import generated_test",
        "",
        *(f"test_{check} = generated_test({json.dumps(check)})" for check in topic.checks),
    ]
    return "\n".join(lines) + "\n"


def generate() -> list[GeneratedFile]:
    """Return every generated file (data, then tests), sorted by path."""
    functions = cases.function_cases()
    about = "Generated by `python -m derivations` (derivations/cases.py); do not edit."
    files = [
        GeneratedFile(f"{DATA}/{topic}.json", _json(about, collections))
        for topic, collections in functions.items()
    ]
    files.append(
        GeneratedFile(f"{DATA}/networks.json", _json(about, network_cases.network_cases()))
    )
    files += [
        GeneratedFile(f"{TESTS}/test_{topic.name}.py", _test_module(topic)) for topic in TOPICS
    ]
    return sorted(files, key=lambda generated: generated.name)
