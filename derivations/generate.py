"""Write ``tests/generated/``: the derived results, evaluated, as checks on ``backprop``.

Every generated module evaluates derived SymPy expressions to 50 significant
digits (:mod:`derivations.evaluate`) at fixed sample points and stores the values
as float64 literals next to the inputs. Each module exposes ``check_*`` functions
that take the implementation under test as an argument (a formula function such
as ``output_delta``, or the ``Network`` class) and raise ``AssertionError`` on
disagreement, and ``test_*`` functions that call them with ``backprop``'s own.

Two kinds of expected values are used:

* formula functions (``sigmoid``, ``output_delta``, ``weight_gradient``, ...) are
  compared with the registry's closed forms, which are proved equal to their
  derivations, on inputs of several shapes (square ones included, so that a
  transposed weight matrix or a matrix product where ⊙ belongs cannot pass);
* ``Network.forward``, ``backward`` and ``step`` are compared with the derivatives
  of the composed loss of :mod:`derivations.brute_force`: values that never went
  through the δ rule.

The output is deterministic: sample points come from ``random.Random`` with fixed
integer seeds, everything is emitted in a fixed order, floats are written with
``repr`` (shortest round-trip form), and the code is emitted already in the
layout ``ruff format`` produces.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import mpmath
import sympy as sp

from derivations import (
    REGISTRY,
    brute_force,
    cross_entropy,
    forward,
    gradients,
    hidden_delta,
    loss,
    output_delta,
    sigmoid,
    update,
)
from derivations.evaluate import DIGITS, evaluate, to_float
from derivations.notation import HalfSumOfSquares, SigmaOf, explicit, matrix, sigma

__all__ = ["GeneratedFile", "generate"]

LINE_LENGTH = 99
#: Largest |z| allowed at a sample point: keeps 1 − σ(z) ≥ 0.0025, so float64 stays accurate.
MAX_ABS_Z = 6.0


@dataclass(frozen=True)
class GeneratedFile:
    """One generated test module: its file name in ``tests/generated/`` and its text."""

    name: str
    text: str


# --------------------------------------------------------------------------------------
# Emitting Python source in ruff-format layout
# --------------------------------------------------------------------------------------


def _is_flat(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, float) for v in value)


def _literal(value: Any) -> str:
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, bool | int):
        return repr(value)
    if isinstance(value, str):
        if '"' in value or "\\" in value:
            message = f"unsupported string literal {value!r}"
            raise ValueError(message)
        return f'"{value}"'
    message = f"not a scalar literal: {value!r}"
    raise TypeError(message)


def _emit(prefix: str, value: Any, indent: int, suffix: str) -> list[str]:
    """Lines for ``prefix + value + suffix`` at ``indent``, in ruff-format layout.

    Flat lists of floats stay on one line when they fit; every other container is
    written one item per line with a (magic) trailing comma, which ruff keeps.
    """
    pad = " " * indent
    if isinstance(value, dict):
        lines = [f"{pad}{prefix}{{"]
        for key, item in value.items():
            lines += _emit(f"{_literal(key)}: ", item, indent + 4, ",")
        return [*lines, f"{pad}}}{suffix}"]
    if isinstance(value, list):
        if _is_flat(value):
            flat = f"{pad}{prefix}[{', '.join(_literal(v) for v in value)}]{suffix}"
            if len(flat) <= LINE_LENGTH:
                return [flat]
        lines = [f"{pad}{prefix}["]
        for item in value:
            lines += _emit("", item, indent + 4, ",")
        return [*lines, f"{pad}]{suffix}"]
    return [f"{pad}{prefix}{_literal(value)}{suffix}"]


def _constant(name: str, value: Any) -> str:
    return "\n".join(_emit(f"{name}: Any = ", value, 0, "")) + "\n"


# --------------------------------------------------------------------------------------
# Sample points and evaluation
# --------------------------------------------------------------------------------------


def _uniform(
    rng: random.Random, rows: int, cols: int, low: float, high: float
) -> list[list[float]]:
    return [[round(rng.uniform(low, high), 4) for _ in range(cols)] for _ in range(rows)]


def _bind(symbol: Any, value: Sequence[Sequence[float]]) -> dict[Any, float]:
    """Map each entry of a matrix symbol (or explicit matrix of symbols) to its value."""
    rows, cols = symbol.shape
    return {symbol[r, c]: value[r][c] for r in range(rows) for c in range(cols)}


def _sigma_of(z: Any, a: Sequence[Sequence[float]]) -> dict[Any, float]:
    """Give σ(z[r, c]) the value a[r][c]: evaluate a σ′(z) closed form from the activation a."""
    rows, cols = z.shape
    return {sigma(z[r, c]): a[r][c] for r in range(rows) for c in range(cols)}


def _value(expr: Any, values: dict[Any, float]) -> list[list[float]]:
    matrix_value = explicit(expr) if isinstance(expr, sp.MatrixExpr) else expr
    rows, cols = matrix_value.shape
    return [
        [to_float(evaluate(matrix_value[r, c], values)) for c in range(cols)] for r in range(rows)
    ]


# --------------------------------------------------------------------------------------
# Shared text of every generated module
# --------------------------------------------------------------------------------------

_TOLERANCES = """
# Tolerances. Each expected value is a derived SymPy expression evaluated to 50 significant
# digits with the float64 inputs taken as exact rationals, then rounded once to float64
# (relative error at most 2**-53, about 1.1e-16). What remains is the float64 arithmetic of
# the implementation: a few dozen roundings per entry (products, sums over a few neurons or
# samples, one exp per sigmoid), on well-conditioned inputs (every |z| <= 6, so 1 - sigma(z)
# >= 0.0025 and nothing cancels catastrophically). That keeps its relative error below about
# 1e-14. RTOL = 1e-12 leaves a factor of 100 for any other correct float64 evaluation order,
# and ATOL = 1e-15 only matters for entries that are themselves near 0. A wrong formula
# (sigma' of the wrong argument, a missing factor, W for W.T, @ for *, a wrong axis, a sign, a
# mean for a sum) changes entries by many orders of magnitude more than RTOL; the hand-written
# tests/test_generated_checks_bite.py shows that such variants fail these checks.
RTOL = 1e-12
ATOL = 1e-15


def _check(actual: Any, expected: Any, what: str) -> None:
    actual = np.asarray(actual)
    expected = np.asarray(expected, dtype=np.float64)
    if actual.shape != expected.shape:
        message = f"{what}: shape {actual.shape}, the derivation gives shape {expected.shape}"
        raise AssertionError(message)
    np.testing.assert_allclose(actual, expected, rtol=RTOL, atol=ATOL, err_msg=what)


def _array(nested: Any) -> np.ndarray:
    return np.array(nested, dtype=np.float64)
"""

_NETWORK_HELPER = """

def _network(network_class: Any, case: Any) -> Any:
    weights = [_array(w) for w in case["weights"]]
    biases = [_array(b) for b in case["biases"]]
    return network_class.from_parameters(weights, biases)
"""


def _header(title: str, sources: Sequence[str], about: str) -> str:
    source_text = " and ".join(f"derivations/{s}.py" for s in sources)
    return (
        f'"""{title}\n\n'
        f"Generated by `python -m derivations` from {source_text}.\n"
        "Do not edit; regenerate with `nox -s derive`.\n\n"
        f'{about}\n"""\n\n'
        "from typing import Any\n\n"
        "import numpy as np\n\n"
        "import backprop as bp\n"
    )


def _module(
    title: str,
    sources: Sequence[str],
    about: str,
    constants: Sequence[tuple[str, Any]],
    code: str,
    network: bool = False,
    helper: str = "",
) -> str:
    parts = [_header(title, sources, about), _TOLERANCES]
    if network:
        parts.append(_NETWORK_HELPER)
    parts.append(helper)
    parts.append("\n")
    for name, value in constants:
        parts.append("\n" + _constant(name, value))
    parts.append(code)
    return "".join(parts)


# --------------------------------------------------------------------------------------
# Network cases (shared by the network-level checks)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _NetworkCase:
    name: str
    sizes: tuple[int, ...]
    m: int
    x: list[list[float]]
    y: list[list[float]]
    weights: list[list[list[float]]]
    biases: list[list[list[float]]]
    learning_rate: float
    values: dict[Any, float]
    composed: brute_force.ComposedNetwork
    rows: tuple[brute_force.Row, ...]

    def literal(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "x": self.x,
            "y": self.y,
            "weights": self.weights,
            "biases": self.biases,
        }

    def rows_of(self, kind: str, layer: int) -> list[list[Any]]:
        shape = {
            "weight": self.composed.symbols.w[layer].shape,
            "bias": self.composed.symbols.b[layer].shape,
            "delta": self.composed.symbols.z[layer].shape,
        }[kind]
        by_index = {row.index: row for row in self.rows if row.kind == kind and row.layer == layer}
        return [[by_index[(r, c)] for c in range(shape[1])] for r in range(shape[0])]


def _proofs(
    architectures: Sequence[tuple[tuple[int, ...], int]], loss_name: str = "squared_error"
) -> list[brute_force.BruteForce]:
    """Return the brute-force proofs of these (layer sizes, batch size) pairs with this loss."""
    by_key = {(p.layer_sizes, p.m, p.loss): p for p in brute_force.PROOFS.values()}
    return [by_key[(sizes, m, loss_name)] for sizes, m in architectures]


def _network_case(proof: brute_force.BruteForce, seed: int) -> _NetworkCase:
    """Return random parameters and data (from ``seed``) for one brute-force architecture."""
    sizes, m = proof.layer_sizes, proof.m
    rng = random.Random(seed)
    composed = proof.composed()
    net = composed.symbols
    x = _uniform(rng, sizes[0], m, -1.0, 1.0)
    y = _uniform(rng, sizes[-1], m, 0.0, 1.0)
    weights, biases = [], []
    values: dict[Any, float] = {}
    values |= _bind(brute_force.symbol_entries(net.a[0]), x)
    values |= _bind(brute_force.symbol_entries(net.y), y)
    for l in range(1, len(sizes)):
        w = _uniform(rng, sizes[l], sizes[l - 1], -1.0, 1.0)
        b = _uniform(rng, sizes[l], 1, -1.0, 1.0)
        weights.append(w)
        biases.append(b)
        values |= _bind(brute_force.symbol_entries(net.w[l]), w)
        values |= _bind(brute_force.symbol_entries(net.b[l]), b)
    for l in range(1, len(sizes)):
        for entry in composed.z[l]:
            z_value = to_float(evaluate(entry, values))
            if abs(z_value) > MAX_ABS_Z:
                message = f"{proof.label}: |z| = {abs(z_value)} > {MAX_ABS_Z}; pick other points"
                raise ValueError(message)
    return _NetworkCase(
        proof.architecture + f", m={m}",
        sizes,
        m,
        x,
        y,
        weights,
        biases,
        0.5,
        values,
        composed,
        proof.report().rows,
    )


def _network_cases(
    architectures: Sequence[tuple[tuple[int, ...], int]] = brute_force.ARCHITECTURES,
    loss_name: str = "squared_error",
    first_seed: int = 20_261_124,
) -> list[_NetworkCase]:
    """One case per brute-force architecture; square ones first.

    A wrong formula that only breaks shapes on non-square layers (W for W.T, @ for the
    elementwise product) then fails on values in the square case before anything else.
    """
    proofs = _proofs(architectures, loss_name)
    cases = [_network_case(proof, first_seed + n) for n, proof in enumerate(proofs)]
    return sorted(cases, key=lambda case: len(set(case.sizes)) != 1)


def _evaluate_matrix(entries: Any, values: dict[Any, float]) -> list[list[float]]:
    rows, cols = entries.shape
    return [[to_float(evaluate(entries[r, c], values)) for c in range(cols)] for r in range(rows)]


def _evaluate_rows(rows: list[list[Any]], values: dict[Any, float]) -> list[list[float]]:
    return [[to_float(evaluate(row.from_loss, values)) for row in line] for line in rows]


# --------------------------------------------------------------------------------------
# tests/generated/test_sigmoid.py
# --------------------------------------------------------------------------------------

_SIGMOID_CODE = '''

def check_sigmoid(sigmoid: Any) -> None:
    """eq-sigmoid: sigma(z) = 1 / (1 + exp(-z)), entry by entry."""
    actual = sigmoid(_array(SIGMOID_Z))
    _check(actual, SIGMOID_EXPECTED, "eq-sigmoid: sigmoid(z)")


def check_sigmoid_prime(sigmoid_prime: Any) -> None:
    """eq-sigmoid-derivative: sigmoid_prime takes z and returns sigma(z)(1 - sigma(z))."""
    actual = sigmoid_prime(_array(SIGMOID_PRIME_Z))
    _check(actual, SIGMOID_PRIME_EXPECTED, "eq-sigmoid-derivative: sigmoid_prime(z)")


def check_sigmoid_derivative(sigmoid_derivative: Any) -> None:
    """eq-sigmoid-derivative-output: sigmoid_derivative takes a = sigma(z), returns a(1 - a)."""
    actual = sigmoid_derivative(_array(SIGMOID_DERIVATIVE_A))
    what = "eq-sigmoid-derivative-output: sigmoid_derivative(a)"
    _check(actual, SIGMOID_DERIVATIVE_EXPECTED, what)


def test_sigmoid_matches_derivation() -> None:
    check_sigmoid(bp.sigmoid)


def test_sigmoid_prime_matches_derivation() -> None:
    check_sigmoid_prime(bp.sigmoid_prime)


def test_sigmoid_derivative_matches_derivation() -> None:
    check_sigmoid_derivative(bp.sigmoid_derivative)
'''


def _sigmoid_file() -> GeneratedFile:
    x, a = sigmoid.x, sigmoid.a
    z_points = [-30.0, -8.5, -3.25, -1.0, -0.125, 0.0, 0.4, 1.75, 3.0, 8.5, 30.0]
    prime_points = [-30.0, -8.5, -3.25, -1.0, -0.125, 0.0, 0.4, 1.75, 3.0, 4.0]
    a_points = [0.001, 0.05, 0.25, 0.5, 0.618034, 0.9, 0.999]
    definition = REGISTRY["eq-sigmoid"].rhs
    derived_prime = REGISTRY["eq-sigmoid-derivative"].derivation
    output_form = REGISTRY["eq-sigmoid-derivative-output"].rhs
    constants = [
        ("SIGMOID_Z", z_points),
        ("SIGMOID_EXPECTED", [to_float(evaluate(definition, {x: v})) for v in z_points]),
        ("SIGMOID_PRIME_Z", prime_points),
        (
            "SIGMOID_PRIME_EXPECTED",
            [to_float(evaluate(derived_prime, {x: v})) for v in prime_points],
        ),
        ("SIGMOID_DERIVATIVE_A", a_points),
        (
            "SIGMOID_DERIVATIVE_EXPECTED",
            [to_float(evaluate(output_form, {a: v})) for v in a_points],
        ),
    ]
    about = (
        "sigma from its definition (eq-sigmoid), sigma' as SymPy's derivative of that definition\n"
        "(eq-sigmoid-derivative, checked for z <= 4: beyond, 1 - sigma(z) cancels in float64 and\n"
        "sigma(z)(1 - sigma(z)) cannot be checked to RTOL), and a(1 - a) for an activation a\n"
        "(eq-sigmoid-derivative-output)."
    )
    text = _module(
        "Check sigmoid, sigmoid_prime and sigmoid_derivative against the derivations.",
        ["sigmoid"],
        about,
        constants,
        _SIGMOID_CODE,
    )
    return GeneratedFile("test_sigmoid.py", text)


# --------------------------------------------------------------------------------------
# tests/generated/test_forward.py
# --------------------------------------------------------------------------------------

_FORWARD_CODE = '''

def check_forward_layer(forward_layer: Any) -> None:
    """eq-forward-hidden/-output: forward_layer(W, b, a_prev) returns (W a_prev + b, sigma(.))."""
    for case in FORWARD_LAYER_CASES:
        z, a = forward_layer(_array(case["w"]), _array(case["b"]), _array(case["a_prev"]))
        _check(z, case["z"], f"eq-forward: z = W a_prev + b, {case['name']}")
        _check(a, case["a"], f"eq-forward: a = sigma(z), {case['name']}")


def check_network_forward(network_class: Any) -> None:
    """Network.forward returns a(L) and keeps every z(l) and a(l) of the derivation."""
    for case, expected in zip(NETWORK_CASES, NETWORK_FORWARD, strict=True):
        net = _network(network_class, case)
        output = net.forward(_array(case["x"]))
        name = case["name"]
        _check(output, expected["a"][-1], f"eq-forward-output: forward(X), {name}")
        _check(net.activations[0], case["x"], f"a(0) = X, {name}")
        for layer, (z, a) in enumerate(zip(expected["z"], expected["a"], strict=True), 1):
            _check(net.zs[layer - 1], z, f"eq-forward: z({layer}), {name}")
            _check(net.activations[layer], a, f"eq-forward: a({layer}), {name}")


def test_forward_layer_matches_derivation() -> None:
    check_forward_layer(bp.forward_layer)


def test_network_forward_matches_derivation() -> None:
    check_network_forward(bp.Network)
'''


def _forward_file(cases: list[_NetworkCase]) -> GeneratedFile:
    layer_cases = []
    rng = random.Random(20_261_200)
    for n_out, n_in, m in ((2, 2, 3), (1, 2, 3), (4, 3, 2), (3, 3, 3)):
        w_sym, b_sym, a_sym = matrix("W", n_out, n_in), matrix("b", n_out, 1), matrix("A", n_in, m)
        w = _uniform(rng, n_out, n_in, -1.0, 1.0)
        b = _uniform(rng, n_out, 1, -1.0, 1.0)
        a_prev = _uniform(rng, n_in, m, -1.0, 1.0)
        values = _bind(w_sym, w) | _bind(b_sym, b) | _bind(a_sym, a_prev)
        z_expr = forward.pre_activation(w_sym, b_sym, a_sym)
        layer_cases.append(
            {
                "name": f"W {n_out}x{n_in}, batch {m}",
                "w": w,
                "b": b,
                "a_prev": a_prev,
                "z": _value(z_expr, values),
                "a": _value(SigmaOf(z_expr), values),
            }
        )
    network_forward = [
        {
            "z": [
                _evaluate_matrix(case.composed.z[l], case.values)
                for l in range(1, len(case.sizes))
            ],
            "a": [
                _evaluate_matrix(case.composed.a[l], case.values)
                for l in range(1, len(case.sizes))
            ],
        }
        for case in cases
    ]
    constants = [
        ("FORWARD_LAYER_CASES", layer_cases),
        ("NETWORK_CASES", [case.literal() for case in cases]),
        ("NETWORK_FORWARD", network_forward),
    ]
    about = (
        "forward_layer against the closed form sigma(W a_prev + b) of eq-forward-hidden/-output;\n"
        "Network.forward against the network composed neuron by neuron from the definitions."
    )
    text = _module(
        "Check the forward pass against the derivations.",
        ["forward", "brute_force"],
        about,
        constants,
        _FORWARD_CODE,
        network=True,
    )
    return GeneratedFile("test_forward.py", text)


# --------------------------------------------------------------------------------------
# tests/generated/test_loss.py
# --------------------------------------------------------------------------------------

_LOSS_CODE = '''

def check_mse(mse: Any) -> None:
    """eq-loss: mse(a, y) = 1/2 * sum over outputs and samples of (a - y)**2 (a sum)."""
    for case in MSE_CASES:
        actual = mse(_array(case["a"]), _array(case["y"]))
        _check(actual, case["loss"], f"eq-loss: mse(a, y), {case['name']}")


def check_network_loss(network_class: Any, mse: Any) -> None:
    """The loss of the network's output is the loss composed from the definitions."""
    for case, expected in zip(NETWORK_CASES, NETWORK_LOSS, strict=True):
        net = _network(network_class, case)
        actual = mse(net.forward(_array(case["x"])), _array(case["y"]))
        _check(actual, expected, f"eq-loss: L of the network, {case['name']}")


def test_mse_matches_derivation() -> None:
    check_mse(bp.mse)


def test_network_loss_matches_derivation() -> None:
    check_network_loss(bp.Network, bp.mse)
'''


def _loss_file(cases: list[_NetworkCase]) -> GeneratedFile:
    rng = random.Random(20_261_300)
    mse_cases = []
    for n, m in ((1, 4), (2, 3), (3, 2)):
        a_sym, y_sym = matrix("A", n, m), matrix("Y", n, m)
        a = _uniform(rng, n, m, 0.0, 1.0)
        y = _uniform(rng, n, m, 0.0, 1.0)
        value = evaluate(
            HalfSumOfSquares(loss.error(a_sym, y_sym)).doit(), _bind(a_sym, a) | _bind(y_sym, y)
        )
        mse_cases.append(
            {"name": f"{n} outputs, batch {m}", "a": a, "y": y, "loss": to_float(value)}
        )
    constants = [
        ("MSE_CASES", mse_cases),
        ("NETWORK_CASES", [case.literal() for case in cases]),
        ("NETWORK_LOSS", [to_float(evaluate(case.composed.loss, case.values)) for case in cases]),
    ]
    text = _module(
        "Check the loss against the derivations.",
        ["loss", "brute_force"],
        "mse against the closed form of eq-loss; the loss of a network's output against the loss\n"
        "composed from the definitions.",
        constants,
        _LOSS_CODE,
        network=True,
    )
    return GeneratedFile("test_loss.py", text)


# --------------------------------------------------------------------------------------
# tests/generated/test_output_delta.py and test_hidden_delta.py
# --------------------------------------------------------------------------------------

_OUTPUT_DELTA_CODE = '''

def check_output_delta(output_delta: Any) -> None:
    """eq-output-delta: output_delta(a, y) = (a - y) * a(1 - a), elementwise."""
    for case in OUTPUT_DELTA_CASES:
        actual = output_delta(_array(case["a"]), _array(case["y"]))
        _check(actual, case["delta"], f"eq-output-delta: output_delta(a, y), {case['name']}")


def check_network_output_delta(network_class: Any) -> None:
    """Network.backward's last delta is dL/dz(L), differentiated from the composed loss."""
    for case, expected in zip(NETWORK_CASES, NETWORK_OUTPUT_DELTA, strict=True):
        net = _network(network_class, case)
        grads = net.backward(_array(case["x"]), _array(case["y"]))
        what = f"eq-output-delta: Network.backward deltas[-1], {case['name']}"
        _check(grads.deltas[-1], expected, what)


def test_output_delta_matches_derivation() -> None:
    check_output_delta(bp.output_delta)


def test_network_output_delta_matches_derivation() -> None:
    check_network_output_delta(bp.Network)
'''

_HIDDEN_DELTA_CODE = '''

def check_hidden_delta(hidden_delta: Any) -> None:
    """eq-hidden-delta: hidden_delta(W_next, delta_next, a) = (W_next.T @ delta_next) * a(1 - a)."""
    for case in HIDDEN_DELTA_CASES:
        w_next, delta_next = _array(case["w_next"]), _array(case["delta_next"])
        actual = hidden_delta(w_next, delta_next, _array(case["a"]))
        _check(actual, case["delta"], f"eq-hidden-delta: hidden_delta, {case['name']}")


def check_network_hidden_deltas(network_class: Any) -> None:
    """Network.backward's hidden deltas are dL/dz(l), differentiated from the composed loss."""
    for case, expected in zip(NETWORK_CASES, NETWORK_HIDDEN_DELTAS, strict=True):
        net = _network(network_class, case)
        grads = net.backward(_array(case["x"]), _array(case["y"]))
        for layer, delta in enumerate(expected, 1):
            what = f"eq-hidden-delta: Network.backward delta({layer}), {case['name']}"
            _check(grads.deltas[layer - 1], delta, what)


def test_hidden_delta_matches_derivation() -> None:
    check_hidden_delta(bp.hidden_delta)


def test_network_hidden_deltas_match_derivation() -> None:
    check_network_hidden_deltas(bp.Network)
'''


def _output_delta_file(cases: list[_NetworkCase]) -> GeneratedFile:
    rng = random.Random(20_261_400)
    function_cases = []
    for n, m in ((3, 3), (2, 2), (1, 4), (2, 3)):
        a_sym, y_sym, z_sym = matrix("A", n, m), matrix("Y", n, m), matrix("Z", n, m)
        a = _uniform(rng, n, m, 0.05, 0.95)
        y = _uniform(rng, n, m, 0.0, 1.0)
        values = _bind(a_sym, a) | _bind(y_sym, y) | _sigma_of(z_sym, a)
        delta = _value(output_delta.closed_form(a_sym, y_sym, z_sym), values)
        function_cases.append({"name": f"{n} outputs, batch {m}", "a": a, "y": y, "delta": delta})
    network_deltas = [
        _evaluate_rows(case.rows_of("delta", len(case.sizes) - 1), case.values) for case in cases
    ]
    constants = [
        ("OUTPUT_DELTA_CASES", function_cases),
        ("NETWORK_CASES", [case.literal() for case in cases]),
        ("NETWORK_OUTPUT_DELTA", network_deltas),
    ]
    text = _module(
        "Check the output delta against the derivations.",
        ["output_delta", "brute_force"],
        "output_delta(a, y) against the closed form (a - y) * sigma'(z) of eq-output-delta with\n"
        "sigma'(z) = a(1 - a) (eq-sigmoid-derivative-output), square cases included so that a\n"
        "matrix product cannot stand in for the elementwise one; Network.backward's output delta\n"
        "against dL/dz(L) differentiated from the composed loss (derivations/brute_force.py).",
        constants,
        _OUTPUT_DELTA_CODE,
        network=True,
    )
    return GeneratedFile("test_output_delta.py", text)


def _hidden_delta_file(cases: list[_NetworkCase]) -> GeneratedFile:
    rng = random.Random(20_261_500)
    function_cases = []
    for n_next, n, m in ((3, 3, 3), (2, 2, 2), (1, 2, 3), (2, 4, 2)):
        w_sym, d_sym = matrix("W", n_next, n), matrix("D", n_next, m)
        z_sym = matrix("Z", n, m)
        w = _uniform(rng, n_next, n, -1.0, 1.0)
        d = _uniform(rng, n_next, m, -0.25, 0.25)
        a = _uniform(rng, n, m, 0.05, 0.95)
        values = _bind(w_sym, w) | _bind(d_sym, d) | _sigma_of(z_sym, a)
        delta = _value(hidden_delta.closed_form(w_sym, d_sym, z_sym), values)
        function_cases.append(
            {
                "name": f"W_next {n_next}x{n}, batch {m}",
                "w_next": w,
                "delta_next": d,
                "a": a,
                "delta": delta,
            }
        )
    network_deltas = [
        [
            _evaluate_rows(case.rows_of("delta", l), case.values)
            for l in range(1, len(case.sizes) - 1)
        ]
        for case in cases
    ]
    constants = [
        ("HIDDEN_DELTA_CASES", function_cases),
        ("NETWORK_CASES", [case.literal() for case in cases]),
        ("NETWORK_HIDDEN_DELTAS", network_deltas),
    ]
    text = _module(
        "Check the hidden deltas against the derivations.",
        ["hidden_delta", "brute_force"],
        "hidden_delta(W_next, delta_next, a) against the closed form (W_next.T delta_next) *\n"
        "sigma'(z) of eq-hidden-delta with sigma'(z) = a(1 - a), square cases included (W.T for W\n"
        "and @ for * cannot pass); Network.backward's hidden deltas against dL/dz(l)\n"
        "differentiated from the composed loss, for networks with one and two hidden layers.",
        constants,
        _HIDDEN_DELTA_CODE,
        network=True,
    )
    return GeneratedFile("test_hidden_delta.py", text)


# --------------------------------------------------------------------------------------
# tests/generated/test_gradients.py and test_update.py
# --------------------------------------------------------------------------------------

_GRADIENTS_CODE = '''

def check_weight_gradient(weight_gradient: Any) -> None:
    """eq-grad-w1/w2: weight_gradient(delta, a_prev) = delta @ a_prev.T (a sum over samples)."""
    for case in WEIGHT_GRADIENT_CASES:
        actual = weight_gradient(_array(case["delta"]), _array(case["a_prev"]))
        _check(actual, case["gradient"], f"eq-grad-w: weight_gradient, {case['name']}")


def check_bias_gradient(bias_gradient: Any) -> None:
    """eq-grad-b1/b2: bias_gradient(delta) = delta summed over the samples, shape (n, 1)."""
    for case in BIAS_GRADIENT_CASES:
        actual = bias_gradient(_array(case["delta"]))
        _check(actual, case["gradient"], f"eq-grad-b: bias_gradient, {case['name']}")


def check_network_gradients(network_class: Any) -> None:
    """Network.backward's gradients are those of the loss composed from the definitions."""
    for case, expected in zip(NETWORK_CASES, NETWORK_GRADIENTS, strict=True):
        net = _network(network_class, case)
        grads = net.backward(_array(case["x"]), _array(case["y"]))
        name = case["name"]
        for layer, (w, b) in enumerate(zip(expected["w"], expected["b"], strict=True), 1):
            what = f"dL/dW({layer}) from Network.backward, {name}"
            _check(grads.weights[layer - 1], w, f"eq-grad-w{layer} (general: {what})")
            what = f"dL/db({layer}) from Network.backward, {name}"
            _check(grads.biases[layer - 1], b, f"eq-grad-b{layer} (general: {what})")


def test_weight_gradient_matches_derivation() -> None:
    check_weight_gradient(bp.weight_gradient)


def test_bias_gradient_matches_derivation() -> None:
    check_bias_gradient(bp.bias_gradient)


def test_network_gradients_match_derivation() -> None:
    check_network_gradients(bp.Network)
'''

_UPDATE_CODE = '''

def check_gradient_descent_update(gradient_descent_update: Any) -> None:
    """eq-update-*: gradient_descent_update(theta, grad, lr) = theta - lr * grad."""
    for case in UPDATE_CASES:
        theta, grad = _array(case["theta"]), _array(case["grad"])
        actual = gradient_descent_update(theta, grad, case["learning_rate"])
        _check(actual, case["updated"], f"eq-update: gradient_descent_update, {case['name']}")


def check_network_step(network_class: Any) -> None:
    """One Network.step with Network.backward's gradients moves every parameter as derived."""
    for case, expected in zip(NETWORK_CASES, NETWORK_STEP, strict=True):
        net = _network(network_class, case)
        grads = net.backward(_array(case["x"]), _array(case["y"]))
        net.step(grads, learning_rate=expected["learning_rate"])
        name = case["name"]
        for layer, (w, b) in enumerate(zip(expected["w"], expected["b"], strict=True), 1):
            _check(net.weights[layer - 1], w, f"eq-update-w (layer {layer}), {name}")
            _check(net.biases[layer - 1], b, f"eq-update-b (layer {layer}), {name}")


def test_gradient_descent_update_matches_derivation() -> None:
    check_gradient_descent_update(bp.gradient_descent_update)


def test_network_step_matches_derivation() -> None:
    check_network_step(bp.Network)
'''


def _gradients_file(cases: list[_NetworkCase]) -> GeneratedFile:
    rng = random.Random(20_261_600)
    weight_cases, bias_cases = [], []
    for n, n_prev, m in ((3, 3, 3), (1, 2, 3), (2, 4, 2), (2, 2, 4)):
        d_sym, a_sym = matrix("D", n, m), matrix("A", n_prev, m)
        d = _uniform(rng, n, m, -0.25, 0.25)
        a_prev = _uniform(rng, n_prev, m, 0.0, 1.0)
        values = _bind(d_sym, d) | _bind(a_sym, a_prev)
        name = f"delta {n}x{m}, a_prev {n_prev}x{m}"
        weight = _value(gradients.weight_gradient(d_sym, a_sym), values)
        weight_cases.append({"name": name, "delta": d, "a_prev": a_prev, "gradient": weight})
        bias = _value(gradients.bias_gradient(d_sym), values)
        bias_cases.append({"name": f"delta {n}x{m}", "delta": d, "gradient": bias})
    network_gradients = [
        {
            "w": [
                _evaluate_rows(case.rows_of("weight", l), case.values)
                for l in range(1, len(case.sizes))
            ],
            "b": [
                _evaluate_rows(case.rows_of("bias", l), case.values)
                for l in range(1, len(case.sizes))
            ],
        }
        for case in cases
    ]
    constants = [
        ("WEIGHT_GRADIENT_CASES", weight_cases),
        ("BIAS_GRADIENT_CASES", bias_cases),
        ("NETWORK_CASES", [case.literal() for case in cases]),
        ("NETWORK_GRADIENTS", network_gradients),
    ]
    text = _module(
        "Check the parameter gradients against the derivations.",
        ["gradients", "brute_force"],
        "weight_gradient and bias_gradient against the closed forms of eq-grad-w1/w2 and\n"
        "eq-grad-b1/b2; Network.backward's gradients against sympy.diff of the loss composed from\n"
        "the definitions, with respect to every weight and bias (derivations/brute_force.py).",
        constants,
        _GRADIENTS_CODE,
        network=True,
    )
    return GeneratedFile("test_gradients.py", text)


def _update_file(cases: list[_NetworkCase]) -> GeneratedFile:
    rng = random.Random(20_261_700)
    alpha = sp.Symbol("alpha")
    update_cases = []
    for (rows, cols), learning_rate in (((2, 2), 0.1), ((1, 3), 0.5), ((3, 1), 2.0)):
        t_sym, g_sym = matrix("T", rows, cols), matrix("G", rows, cols)
        theta = _uniform(rng, rows, cols, -1.0, 1.0)
        grad = _uniform(rng, rows, cols, -1.0, 1.0)
        values = _bind(t_sym, theta) | _bind(g_sym, grad) | {alpha: learning_rate}
        updated = _value(update.step(t_sym, g_sym, alpha), values)
        update_cases.append(
            {
                "name": f"{rows}x{cols}, learning rate {learning_rate}",
                "theta": theta,
                "grad": grad,
                "learning_rate": learning_rate,
                "updated": updated,
            }
        )
    network_step = []
    for case in cases:
        values = case.values | {alpha: case.learning_rate}
        expected: dict[str, Any] = {"learning_rate": case.learning_rate, "w": [], "b": []}
        for l in range(1, len(case.sizes)):
            for kind, key, symbol in (
                ("weight", "w", case.composed.symbols.w[l]),
                ("bias", "b", case.composed.symbols.b[l]),
            ):
                theta = brute_force.symbol_entries(symbol)
                derived = case.rows_of(kind, l)
                expected[key].append(
                    [
                        [
                            to_float(evaluate(theta[r, c] - alpha * row.from_loss, values))
                            for c, row in enumerate(line)
                        ]
                        for r, line in enumerate(derived)
                    ]
                )
        network_step.append(expected)
    constants = [
        ("UPDATE_CASES", update_cases),
        ("NETWORK_CASES", [case.literal() for case in cases]),
        ("NETWORK_STEP", network_step),
    ]
    text = _module(
        "Check one step of gradient descent against the derivations.",
        ["update", "brute_force"],
        "gradient_descent_update against the closed form theta - alpha * grad of eq-update-*;\n"
        "Network.step after Network.backward against theta - alpha * dL/dtheta with dL/dtheta\n"
        "differentiated from the composed loss.",
        constants,
        _UPDATE_CODE,
        network=True,
    )
    return GeneratedFile("test_update.py", text)


# --------------------------------------------------------------------------------------
# Network-level expected values shared by test_cross_entropy.py and test_deep_networks.py
# --------------------------------------------------------------------------------------


def _forward_values(case: _NetworkCase) -> dict[str, Any]:
    layers = range(1, len(case.sizes))
    return {
        "z": [_evaluate_matrix(case.composed.z[l], case.values) for l in layers],
        "a": [_evaluate_matrix(case.composed.a[l], case.values) for l in layers],
    }


def _backward_values(case: _NetworkCase) -> dict[str, Any]:
    layers = range(1, len(case.sizes))
    return {
        "deltas": [_evaluate_rows(case.rows_of("delta", l), case.values) for l in layers],
        "w": [_evaluate_rows(case.rows_of("weight", l), case.values) for l in layers],
        "b": [_evaluate_rows(case.rows_of("bias", l), case.values) for l in layers],
    }


def _stepped_parameters(case: _NetworkCase) -> dict[Any, Any]:
    """θ − α ∂L/∂θ for every parameter symbol, as exact ``mpf`` (∂L/∂θ from the composed loss)."""
    stepped: dict[Any, Any] = {}
    for row in case.rows:
        if row.kind == "delta":
            continue
        net = case.composed.symbols
        matrix_symbol = net.w[row.layer] if row.kind == "weight" else net.b[row.layer]
        symbol = brute_force.symbol_entries(matrix_symbol)[row.index]
        with mpmath.workdps(DIGITS + 10):
            stepped[symbol] = mpmath.mpf(case.values[symbol]) - mpmath.mpf(
                case.learning_rate
            ) * evaluate(row.from_loss, case.values)
    return stepped


def _step_values(case: _NetworkCase) -> dict[str, Any]:
    stepped = _stepped_parameters(case)
    net = case.composed.symbols
    expected: dict[str, Any] = {"learning_rate": case.learning_rate, "w": [], "b": []}
    for l in range(1, len(case.sizes)):
        for key, symbol in (("w", net.w[l]), ("b", net.b[l])):
            entries = brute_force.symbol_entries(symbol)
            expected[key].append(
                [
                    [to_float(stepped[entries[r, c]]) for c in range(entries.shape[1])]
                    for r in range(entries.shape[0])
                ]
            )
    return expected


# --------------------------------------------------------------------------------------
# tests/generated/test_cross_entropy.py
# --------------------------------------------------------------------------------------

_CROSS_ENTROPY_HELPER = """

def _network(network_class: Any, case: Any) -> Any:
    weights = [_array(w) for w in case["weights"]]
    biases = [_array(b) for b in case["biases"]]
    net = network_class.from_parameters(weights, biases, loss="cross_entropy")
    if net.loss != "cross_entropy":
        message = f"from_parameters(..., loss='cross_entropy') gave loss {net.loss!r}"
        raise AssertionError(message)
    return net
"""

_CROSS_ENTROPY_CODE = '''

def check_cross_entropy(cross_entropy: Any) -> None:
    """eq-cross-entropy: cross_entropy(z, y) = -sum[y log sigma(z) + (1 - y) log(1 - sigma(z))].

    It takes the pre-activation z; saturated z (|z| = 40 and 800, where sigma(z) rounds to 0 or
    1 and a naive log gives inf or nan) must still give the finite derived value.
    """
    for case in CROSS_ENTROPY_CASES:
        actual = cross_entropy(_array(case["z"]), _array(case["y"]))
        what = f"eq-cross-entropy: cross_entropy(z, y), {case['name']}"
        if np.ndim(actual) != 0 or not np.isfinite(actual):
            message = f"{what}: {actual!r}, expected the finite scalar {case['loss']!r}"
            raise AssertionError(message)
        np.testing.assert_allclose(
            actual, case["loss"], rtol=RTOL, atol=case["atol"], err_msg=what
        )


def check_output_delta_cross_entropy(output_delta_cross_entropy: Any) -> None:
    """eq-output-delta-cross-entropy: output_delta_cross_entropy(a, y) = a - y (no sigma')."""
    for case in OUTPUT_DELTA_CASES:
        actual = output_delta_cross_entropy(_array(case["a"]), _array(case["y"]))
        what = f"eq-output-delta-cross-entropy: output_delta_cross_entropy(a, y), {case['name']}"
        _check(actual, case["delta"], what)


def check_network_forward(network_class: Any) -> None:
    """Network(loss="cross_entropy").forward keeps every z(l) and a(l) of the derivation."""
    for case, expected in zip(NETWORK_CASES, NETWORK_FORWARD, strict=True):
        net = _network(network_class, case)
        output = net.forward(_array(case["x"]))
        name = case["name"]
        _check(output, expected["a"][-1], f"eq-forward-output: forward(X), {name}")
        for layer, (z, a) in enumerate(zip(expected["z"], expected["a"], strict=True), 1):
            _check(net.zs[layer - 1], z, f"eq-forward-general: z({layer}), {name}")
            _check(net.activations[layer], a, f"eq-forward-general: a({layer}), {name}")


def check_network_loss(network_class: Any, cross_entropy: Any) -> None:
    """cross_entropy of the network's output pre-activation is the composed loss."""
    for case, expected in zip(NETWORK_CASES, NETWORK_LOSS, strict=True):
        net = _network(network_class, case)
        net.forward(_array(case["x"]))
        actual = cross_entropy(net.zs[-1], _array(case["y"]))
        _check(actual, expected, f"eq-cross-entropy: L of the network, {case['name']}")


def check_network_backward(network_class: Any) -> None:
    """Network(loss="cross_entropy").backward: every delta and gradient of the composed loss."""
    for case, expected in zip(NETWORK_CASES, NETWORK_BACKWARD, strict=True):
        net = _network(network_class, case)
        grads = net.backward(_array(case["x"]), _array(case["y"]))
        name = case["name"]
        depth = len(expected["deltas"])
        for layer in range(1, depth + 1):
            rule = "eq-output-delta-cross-entropy" if layer == depth else "eq-delta-recursion"
            what = f"{rule}: Network.backward delta({layer}), {name}"
            _check(grads.deltas[layer - 1], expected["deltas"][layer - 1], what)
            what = f"eq-grad-w-general: dL/dW({layer}) from Network.backward, {name}"
            _check(grads.weights[layer - 1], expected["w"][layer - 1], what)
            what = f"eq-grad-b-general: dL/db({layer}) from Network.backward, {name}"
            _check(grads.biases[layer - 1], expected["b"][layer - 1], what)


def check_network_step(network_class: Any) -> None:
    """One Network.step after backward moves every parameter by -alpha dL/dtheta."""
    for case, expected in zip(NETWORK_CASES, NETWORK_STEP, strict=True):
        net = _network(network_class, case)
        grads = net.backward(_array(case["x"]), _array(case["y"]))
        net.step(grads, learning_rate=expected["learning_rate"])
        name = case["name"]
        for layer, (w, b) in enumerate(zip(expected["w"], expected["b"], strict=True), 1):
            _check(net.weights[layer - 1], w, f"eq-update-w (layer {layer}), {name}")
            _check(net.biases[layer - 1], b, f"eq-update-b (layer {layer}), {name}")


def check_network_train(network_class: Any) -> None:
    """One epoch of Network.train steps and records the cross-entropy at the new parameters."""
    for case, expected in zip(NETWORK_CASES, NETWORK_TRAIN_ONE_EPOCH, strict=True):
        net = _network(network_class, case)
        history = net.train(
            _array(case["x"]), _array(case["y"]), epochs=1, learning_rate=expected["learning_rate"]
        )
        what = f"eq-cross-entropy: train history after one epoch, {case['name']}"
        _check(history, [expected["loss"]], what)


def test_cross_entropy_matches_derivation() -> None:
    check_cross_entropy(bp.cross_entropy)


def test_output_delta_cross_entropy_matches_derivation() -> None:
    check_output_delta_cross_entropy(bp.output_delta_cross_entropy)


def test_network_forward_with_cross_entropy_matches_derivation() -> None:
    check_network_forward(bp.Network)


def test_network_cross_entropy_loss_matches_derivation() -> None:
    check_network_loss(bp.Network, bp.cross_entropy)


def test_network_backward_with_cross_entropy_matches_derivation() -> None:
    check_network_backward(bp.Network)


def test_network_step_with_cross_entropy_matches_derivation() -> None:
    check_network_step(bp.Network)


def test_network_train_with_cross_entropy_matches_derivation() -> None:
    check_network_train(bp.Network)
'''


def _evaluate_with_logs(expr: Any, values: dict[Any, float]) -> Any:
    """Evaluate ``expr`` (which may contain ``log``) to :data:`DIGITS` digits.

    Each ``log(u)`` is given its value as an override: ``log1p`` of the rest when ``u`` is
    ``1 + (rest)`` (accurate when the rest is tiny, as ``exp(-40)`` is), ``log(u)`` otherwise.
    """
    logs: dict[Any, Any] = {}
    with mpmath.workdps(DIGITS + 10):
        for atom in sorted(sp.sympify(expr).atoms(sp.log), key=sp.default_sort_key):
            argument = atom.args[0]
            if argument.is_Add and sp.S.One in argument.args:
                logs[atom] = mpmath.log1p(evaluate(argument - 1, values))
            else:
                logs[atom] = mpmath.log(evaluate(argument, values))
    return evaluate(expr, {**values, **logs})


def _cross_entropy_file(cases: list[_NetworkCase]) -> GeneratedFile:
    rng = random.Random(20_262_000)
    function_cases = []
    moderate = [
        ("1 output, batch 4", _uniform(rng, 1, 4, -6.0, 6.0), _uniform(rng, 1, 4, 0.0, 1.0)),
        ("2 outputs, batch 3", _uniform(rng, 2, 3, -6.0, 6.0), _uniform(rng, 2, 3, 0.0, 1.0)),
        (
            "3 outputs, batch 2, targets 0 and 1",
            _uniform(rng, 3, 2, -6.0, 6.0),
            [[0.0, 1.0], [1.0, 1.0], [0.0, 0.0]],
        ),
    ]
    saturated_z = [[40.0, -40.0, 800.0, -800.0]]
    saturated = [
        ("saturated on the wrong side", saturated_z, [[0.0, 1.0, 0.0, 1.0]]),
        ("saturated on the right side", saturated_z, [[1.0, 0.0, 1.0, 0.0]]),
        ("saturated, fractional targets", saturated_z, [[0.25, 0.75, 0.5, 0.125]]),
    ]
    for name, z, y in [*moderate, *saturated]:
        rows, cols = len(z), len(z[0])
        z_sym, y_sym = matrix("Z", rows, cols), matrix("Y", rows, cols)
        z_e, y_e = explicit(z_sym), explicit(y_sym)
        stable = sp.Add(
            *(
                cross_entropy.stable_term(z_e[r, c], y_e[r, c])
                for r in range(rows)
                for c in range(cols)
            )
        )
        value = _evaluate_with_logs(stable, _bind(z_sym, z) | _bind(y_sym, y))
        # float64 cannot resolve better than a few units in the last place of the largest
        # |z| (each term is formed from z before terms cancel): 16 ulps of max |z|.
        atol = 16 * 2.0**-52 * max(1.0, *(abs(v) for line in z for v in line))
        function_cases.append(
            {"name": name, "z": z, "y": y, "loss": to_float(value), "atol": atol}
        )

    rng = random.Random(20_262_100)
    delta_cases = []
    shapes = ((2, 2), (1, 4), (3, 2))
    for n, m in shapes:
        a_sym, y_sym = matrix("A", n, m), matrix("Y", n, m)
        a = _uniform(rng, n, m, 0.05, 0.95)
        y = _uniform(rng, n, m, 0.0, 1.0)
        delta = _value(cross_entropy.closed_form(a_sym, y_sym), _bind(a_sym, a) | _bind(y_sym, y))
        delta_cases.append({"name": f"{n} outputs, batch {m}", "a": a, "y": y, "delta": delta})
    a_sym, y_sym = matrix("A", 2, 2), matrix("Y", 2, 2)
    a, y = [[1.0, 0.0], [0.999999, 1e-12]], [[0.0, 1.0], [0.0, 1.0]]
    delta = _value(cross_entropy.closed_form(a_sym, y_sym), _bind(a_sym, a) | _bind(y_sym, y))
    delta_cases.append({"name": "saturated outputs, 2 x 2", "a": a, "y": y, "delta": delta})

    train = []
    for case in cases:
        stepped = case.values | _stepped_parameters(case)
        loss_after = _evaluate_with_logs(case.composed.loss, stepped)
        train.append({"learning_rate": case.learning_rate, "loss": to_float(loss_after)})
    constants = [
        ("CROSS_ENTROPY_CASES", function_cases),
        ("OUTPUT_DELTA_CASES", delta_cases),
        ("NETWORK_CASES", [case.literal() for case in cases]),
        ("NETWORK_FORWARD", [_forward_values(case) for case in cases]),
        (
            "NETWORK_LOSS",
            [to_float(_evaluate_with_logs(case.composed.loss, case.values)) for case in cases],
        ),
        ("NETWORK_BACKWARD", [_backward_values(case) for case in cases]),
        ("NETWORK_STEP", [_step_values(case) for case in cases]),
        ("NETWORK_TRAIN_ONE_EPOCH", train),
    ]
    text = _module(
        "Check the cross-entropy loss and its output delta against the derivations.",
        ["cross_entropy", "brute_force"],
        "cross_entropy(z, y) against the form log(1 + exp(z)) - y z that eq-cross-entropy proves\n"
        "equal to the definition (saturated z included; each case has its own absolute\n"
        "tolerance, 16 float64 ulps of its largest |z|); output_delta_cross_entropy(a, y) against\n"
        "a - y (eq-output-delta-cross-entropy); Network(loss='cross_entropy') forward, backward,\n"
        "step and one epoch of train against sympy.diff of the composed cross-entropy loss\n"
        "(derivations/brute_force.py).",
        constants,
        _CROSS_ENTROPY_CODE,
        helper=_CROSS_ENTROPY_HELPER,
    )
    return GeneratedFile("test_cross_entropy.py", text)


# --------------------------------------------------------------------------------------
# tests/generated/test_deep_networks.py
# --------------------------------------------------------------------------------------

_DEEP_CODE = '''

def check_network_forward(network_class: Any) -> None:
    """eq-forward-general: Network.forward keeps every z(l) and a(l), for depth 3 and 4."""
    for case, expected in zip(NETWORK_CASES, NETWORK_FORWARD, strict=True):
        net = _network(network_class, case)
        output = net.forward(_array(case["x"]))
        name = case["name"]
        _check(output, expected["a"][-1], f"eq-forward-general: forward(X), {name}")
        for layer, (z, a) in enumerate(zip(expected["z"], expected["a"], strict=True), 1):
            _check(net.zs[layer - 1], z, f"eq-forward-general: z({layer}), {name}")
            _check(net.activations[layer], a, f"eq-forward-general: a({layer}), {name}")


def check_network_deltas(network_class: Any) -> None:
    """eq-delta-recursion: every delta of Network.backward is dL/dz(l) of the composed loss."""
    for case, expected in zip(NETWORK_CASES, NETWORK_BACKWARD, strict=True):
        net = _network(network_class, case)
        grads = net.backward(_array(case["x"]), _array(case["y"]))
        depth = len(expected["deltas"])
        for layer, delta in enumerate(expected["deltas"], 1):
            rule = "eq-output-delta" if layer == depth else "eq-delta-recursion"
            what = f"{rule}: Network.backward delta({layer}) of {depth}, {case['name']}"
            _check(grads.deltas[layer - 1], delta, what)


def check_network_gradients(network_class: Any) -> None:
    """eq-grad-w-general, eq-grad-b-general: Network.backward's gradients, every layer."""
    for case, expected in zip(NETWORK_CASES, NETWORK_BACKWARD, strict=True):
        net = _network(network_class, case)
        grads = net.backward(_array(case["x"]), _array(case["y"]))
        name = case["name"]
        for layer, (w, b) in enumerate(zip(expected["w"], expected["b"], strict=True), 1):
            what = f"eq-grad-w-general: dL/dW({layer}) from Network.backward, {name}"
            _check(grads.weights[layer - 1], w, what)
            what = f"eq-grad-b-general: dL/db({layer}) from Network.backward, {name}"
            _check(grads.biases[layer - 1], b, what)


def check_network_step(network_class: Any) -> None:
    """One Network.step after backward moves every parameter by -alpha dL/dtheta."""
    for case, expected in zip(NETWORK_CASES, NETWORK_STEP, strict=True):
        net = _network(network_class, case)
        grads = net.backward(_array(case["x"]), _array(case["y"]))
        net.step(grads, learning_rate=expected["learning_rate"])
        name = case["name"]
        for layer, (w, b) in enumerate(zip(expected["w"], expected["b"], strict=True), 1):
            _check(net.weights[layer - 1], w, f"eq-update-w (layer {layer}), {name}")
            _check(net.biases[layer - 1], b, f"eq-update-b (layer {layer}), {name}")


def test_deep_network_forward_matches_derivation() -> None:
    check_network_forward(bp.Network)


def test_deep_network_deltas_match_derivation() -> None:
    check_network_deltas(bp.Network)


def test_deep_network_gradients_match_derivation() -> None:
    check_network_gradients(bp.Network)


def test_deep_network_step_matches_derivation() -> None:
    check_network_step(bp.Network)
'''


def _deep_file(cases: list[_NetworkCase]) -> GeneratedFile:
    constants = [
        ("NETWORK_CASES", [case.literal() for case in cases]),
        ("NETWORK_FORWARD", [_forward_values(case) for case in cases]),
        ("NETWORK_BACKWARD", [_backward_values(case) for case in cases]),
        ("NETWORK_STEP", [_step_values(case) for case in cases]),
    ]
    architectures = ", ".join(case.name for case in cases)
    text = _module(
        "Check networks of depth 3 and 4 against the derivations.",
        ["deep", "brute_force"],
        f"Network.forward, backward (every delta and gradient) and step for {architectures}\n"
        "against the loss composed from the definitions and differentiated by sympy.diff with\n"
        "respect to every weighted input and parameter (derivations/brute_force.py).",
        constants,
        _DEEP_CODE,
        network=True,
    )
    return GeneratedFile("test_deep_networks.py", text)


# --------------------------------------------------------------------------------------
# Everything
# --------------------------------------------------------------------------------------

_FILE_BUILDERS: tuple[Callable[[list[_NetworkCase]], GeneratedFile], ...] = (
    _forward_file,
    _loss_file,
    _output_delta_file,
    _hidden_delta_file,
    _gradients_file,
    _update_file,
)


def generate() -> list[GeneratedFile]:
    """Return every generated test module, sorted by name."""
    cases = _network_cases()
    files = [_sigmoid_file(), *(build(cases) for build in _FILE_BUILDERS)]
    deep_cases = _network_cases(brute_force.DEEP_ARCHITECTURES, first_seed=20_261_800)
    files.append(_deep_file(deep_cases))
    cross_entropy_cases = _network_cases(
        brute_force.CROSS_ENTROPY_ARCHITECTURES, "cross_entropy", first_seed=20_261_900
    )
    files.append(_cross_entropy_file(cross_entropy_cases))
    return sorted(files, key=lambda generated: generated.name)
