"""Build the generated cases: inputs, and the expected values SymPy derives for them.

Two kinds of expected values:

* formula functions (``sigmoid``, ``output_delta``, ``weight_gradient``, ...): the
  :attr:`~derivations.result.Result.formula` of the result in :data:`derivations.REGISTRY`,
  evaluated on inputs of several shapes (square ones included, so that a transposed weight
  matrix or a matrix product where ⊙ belongs cannot pass);
* a network's ``forward``, ``backward``, ``step`` and ``train``: the derivatives of the
  composed loss of :mod:`derivations.brute_force`, values that never went through the δ
  rule (:mod:`derivations.network_cases`).

Every value is evaluated to 50 significant digits (:mod:`derivations.evaluate`) and
rounded once to float64. Sample points come from ``random.Random`` with fixed integer
seeds, so the cases are the same on every run. A case is a plain record (``id``, ``name``,
``label``, ``values`` and, where it has its own, ``atol``) that :mod:`selfcheck.cases`
reads back.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import mpmath
import sympy as sp

from derivations import REGISTRY
from derivations.evaluate import DIGITS, evaluate, to_float
from derivations.notation import explicit, matrix, sigma

__all__ = ["bind", "evaluate_with_logs", "function_cases", "matrix_value", "uniform"]

Record = dict[str, Any]
Matrix = list[list[float]]


def uniform(rng: random.Random, rows: int, cols: int, low: float, high: float) -> Matrix:
    """Return a rows × cols matrix of uniform draws in [low, high], rounded to 4 decimals."""
    return [[round(rng.uniform(low, high), 4) for _ in range(cols)] for _ in range(rows)]


def bind(symbol: Any, value: Sequence[Sequence[float]]) -> dict[Any, float]:
    """Map each entry of a matrix symbol (or explicit matrix of symbols) to its value."""
    rows, cols = symbol.shape
    return {symbol[r, c]: value[r][c] for r in range(rows) for c in range(cols)}


def _sigma_of(z: Any, a: Sequence[Sequence[float]]) -> dict[Any, float]:
    """Give σ(z[r, c]) the value a[r][c]: evaluate a σ′(z) closed form from the activation a."""
    rows, cols = z.shape
    return {sigma(z[r, c]): a[r][c] for r in range(rows) for c in range(cols)}


def matrix_value(expr: Any, values: dict[Any, float]) -> Matrix:
    """Return every entry of a (matrix) expression at `values`, to 50 digits, as float64."""
    entries = explicit(expr) if isinstance(expr, sp.MatrixExpr) else expr
    rows, cols = entries.shape
    return [[to_float(evaluate(entries[r, c], values)) for c in range(cols)] for r in range(rows)]


def _scalar_value(expr: Any, values: dict[Any, float]) -> float:
    return to_float(evaluate(sp.sympify(expr).doit(), values))


def _record(label: str, case_id: str, name: str, **values: Any) -> Record:
    return {"id": case_id, "name": name, "label": label, "values": values}


def _formula(label: str) -> Any:
    formula = REGISTRY[label].formula
    if formula is None:
        msg = f"{label} has no formula to evaluate"
        raise ValueError(msg)
    return formula


# Formula functions -----------------------------------------------------------------------------


def _sigmoid_cases() -> dict[str, list[Record]]:
    x = sp.Symbol("x", real=True)
    z_points = [-30.0, -8.5, -3.25, -1.0, -0.125, 0.0, 0.4, 1.75, 3.0, 8.5, 30.0]
    # σ′ is checked for z ≤ 4 only: beyond, 1 − σ(z) cancels in float64 and σ(z)(1 − σ(z))
    # cannot be computed to RTOL by any float64 code.
    prime_points = [-30.0, -8.5, -3.25, -1.0, -0.125, 0.0, 0.4, 1.75, 3.0, 4.0]
    a_points = [0.001, 0.05, 0.25, 0.5, 0.618034, 0.9, 0.999]
    a = sp.Symbol("a", real=True)
    collections = {}
    # The functions take z (sigmoid, sigmoid_prime) or a (sigmoid_derivative); the formulas'
    # parameter is x for the first two.
    for check, label, argument, key, points in (
        ("sigmoid", "eq-sigmoid", x, "z", z_points),
        ("sigmoid_prime", "eq-sigmoid-derivative", x, "z", prime_points),
        ("sigmoid_derivative", "eq-sigmoid-derivative-output", a, "a", a_points),
    ):
        expr = _formula(label)(**{argument.name: argument})
        values = [_scalar_value(expr, {argument: v}) for v in points]
        name = f"{key} from {points[0]} to {points[-1]}"
        record = _record(label, f"{len(points)}-points", name, **{key: points, "expected": values})
        collections[check] = [record]
    return collections


def _forward_layer_cases() -> list[Record]:
    rng = random.Random(20_261_200)
    formula = _formula("eq-forward-hidden")
    records = []
    for n_out, n_in, m in ((2, 2, 3), (1, 2, 3), (4, 3, 2), (3, 3, 3)):
        w_sym, b_sym, a_sym = matrix("W", n_out, n_in), matrix("b", n_out, 1), matrix("A", n_in, m)
        w = uniform(rng, n_out, n_in, -1.0, 1.0)
        b = uniform(rng, n_out, 1, -1.0, 1.0)
        a_prev = uniform(rng, n_in, m, -1.0, 1.0)
        values = bind(w_sym, w) | bind(b_sym, b) | bind(a_sym, a_prev)
        a_expr = formula(w=w_sym, b=b_sym, a_prev=a_sym)
        z_expr = a_expr.args[0]  # eq-forward-hidden: a = σ(z) with z = W a_prev + b
        records.append(
            _record(
                "eq-forward-hidden",
                f"{n_out}x{n_in}-m{m}",
                f"W {n_out}x{n_in}, batch {m}",
                w=w,
                b=b,
                a_prev=a_prev,
                z=matrix_value(z_expr, values),
                a=matrix_value(a_expr, values),
            )
        )
    return records


def _mse_cases() -> list[Record]:
    rng = random.Random(20_261_300)
    formula = _formula("eq-loss")
    records = []
    for n, m in ((1, 4), (2, 3), (3, 2)):
        a_sym, y_sym = matrix("A", n, m), matrix("Y", n, m)
        a, y = uniform(rng, n, m, 0.0, 1.0), uniform(rng, n, m, 0.0, 1.0)
        value = _scalar_value(formula(a=a_sym, y=y_sym), bind(a_sym, a) | bind(y_sym, y))
        records.append(
            _record("eq-loss", f"{n}x{m}", f"{n} outputs, batch {m}", a=a, y=y, loss=value)
        )
    return records


def _output_delta_cases() -> list[Record]:
    rng = random.Random(20_261_400)
    formula = _formula("eq-output-delta")
    records = []
    for n, m in ((3, 3), (2, 2), (1, 4), (2, 3)):
        a_sym, y_sym, z_sym = matrix("A", n, m), matrix("Y", n, m), matrix("Z", n, m)
        a, y = uniform(rng, n, m, 0.05, 0.95), uniform(rng, n, m, 0.0, 1.0)
        values = bind(a_sym, a) | bind(y_sym, y) | _sigma_of(z_sym, a)
        delta = matrix_value(formula(a=a_sym, y=y_sym, z=z_sym), values)
        name = f"{n} outputs, batch {m}"
        records.append(_record("eq-output-delta", f"{n}x{m}", name, a=a, y=y, delta=delta))
    return records


def _hidden_delta_cases() -> list[Record]:
    rng = random.Random(20_261_500)
    formula = _formula("eq-hidden-delta")
    records = []
    for n_next, n, m in ((3, 3, 3), (2, 2, 2), (1, 2, 3), (2, 4, 2)):
        w_sym, d_sym, z_sym = matrix("W", n_next, n), matrix("D", n_next, m), matrix("Z", n, m)
        w = uniform(rng, n_next, n, -1.0, 1.0)
        d = uniform(rng, n_next, m, -0.25, 0.25)
        a = uniform(rng, n, m, 0.05, 0.95)
        values = bind(w_sym, w) | bind(d_sym, d) | _sigma_of(z_sym, a)
        delta = matrix_value(formula(w_next=w_sym, delta_next=d_sym, z=z_sym), values)
        records.append(
            _record(
                "eq-hidden-delta",
                f"{n_next}x{n}-m{m}",
                f"W_next {n_next}x{n}, batch {m}",
                w_next=w,
                delta_next=d,
                a=a,
                delta=delta,
            )
        )
    return records


def _gradient_cases() -> dict[str, list[Record]]:
    rng = random.Random(20_261_600)
    weight, bias = _formula("eq-grad-w2"), _formula("eq-grad-b2")
    weights, biases = [], []
    for n, n_prev, m in ((3, 3, 3), (1, 2, 3), (2, 4, 2), (2, 2, 4)):
        d_sym, a_sym = matrix("D", n, m), matrix("A", n_prev, m)
        d = uniform(rng, n, m, -0.25, 0.25)
        a_prev = uniform(rng, n_prev, m, 0.0, 1.0)
        values = bind(d_sym, d) | bind(a_sym, a_prev)
        gradient = matrix_value(weight(delta=d_sym, a_prev=a_sym), values)
        name = f"delta {n}x{m}, a_prev {n_prev}x{m}"
        weights.append(
            _record(
                "eq-grad-w2", f"{n}x{n_prev}-m{m}", name, delta=d, a_prev=a_prev, gradient=gradient
            )
        )
        gradient = matrix_value(bias(delta=d_sym), values)
        biases.append(
            _record("eq-grad-b2", f"{n}x{m}", f"delta {n}x{m}", delta=d, gradient=gradient)
        )
    return {"weight_gradient": weights, "bias_gradient": biases}


def _update_cases() -> list[Record]:
    rng = random.Random(20_261_700)
    formula, alpha = _formula("eq-update-w2"), sp.Symbol("alpha")
    records = []
    for (rows, cols), rate in (((2, 2), 0.1), ((1, 3), 0.5), ((3, 1), 2.0)):
        t_sym, g_sym = matrix("T", rows, cols), matrix("G", rows, cols)
        theta, grad = uniform(rng, rows, cols, -1.0, 1.0), uniform(rng, rows, cols, -1.0, 1.0)
        values = bind(t_sym, theta) | bind(g_sym, grad) | {alpha: rate}
        updated = matrix_value(formula(theta=t_sym, grad=g_sym, learning_rate=alpha), values)
        records.append(
            _record(
                "eq-update-w2",
                f"{rows}x{cols}-lr{rate}",
                f"{rows}x{cols}, learning rate {rate}",
                theta=theta,
                grad=grad,
                learning_rate=rate,
                updated=updated,
            )
        )
    return records


def evaluate_with_logs(expr: Any, values: dict[Any, Any]) -> Any:
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


def _cross_entropy_cases() -> dict[str, list[Record]]:
    rng = random.Random(20_262_000)
    loss = _formula("eq-cross-entropy")
    moderate = [
        (
            "1x4",
            "1 output, batch 4",
            uniform(rng, 1, 4, -6.0, 6.0),
            uniform(rng, 1, 4, 0.0, 1.0),
        ),
        (
            "2x3",
            "2 outputs, batch 3",
            uniform(rng, 2, 3, -6.0, 6.0),
            uniform(rng, 2, 3, 0.0, 1.0),
        ),
        (
            "3x2-binary",
            "3 outputs, batch 2, targets 0 and 1",
            uniform(rng, 3, 2, -6.0, 6.0),
            [[0.0, 1.0], [1.0, 1.0], [0.0, 0.0]],
        ),
    ]
    saturated_z = [[40.0, -40.0, 800.0, -800.0]]
    saturated = [
        ("saturated-wrong", "saturated on the wrong side", saturated_z, [[0.0, 1.0, 0.0, 1.0]]),
        ("saturated-right", "saturated on the right side", saturated_z, [[1.0, 0.0, 1.0, 0.0]]),
        (
            "saturated-fractional",
            "saturated, fractional targets",
            saturated_z,
            [[0.25, 0.75, 0.5, 0.125]],
        ),
    ]
    losses = []
    for case_id, name, z, y in [*moderate, *saturated]:
        z_sym, y_sym = matrix("Z", len(z), len(z[0])), matrix("Y", len(z), len(z[0]))
        value = evaluate_with_logs(loss(z=z_sym, y=y_sym), bind(z_sym, z) | bind(y_sym, y))
        record = _record("eq-cross-entropy", case_id, name, z=z, y=y, loss=to_float(value))
        # float64 cannot resolve better than a few units in the last place of the largest
        # |z| (each term is formed from z before terms cancel): 16 ulps of max |z|.
        record["atol"] = 16 * 2.0**-52 * max(1.0, *(abs(v) for line in z for v in line))
        losses.append(record)

    rng = random.Random(20_262_100)
    delta = _formula("eq-output-delta-cross-entropy")
    deltas = []
    shapes = [
        (n, m, uniform(rng, n, m, 0.05, 0.95), uniform(rng, n, m, 0.0, 1.0))
        for n, m in ((2, 2), (1, 4), (3, 2))
    ]
    for n, m, a, y in [*shapes, (2, 2, [[1.0, 0.0], [0.999999, 1e-12]], [[0.0, 1.0], [0.0, 1.0]])]:
        a_sym, y_sym = matrix("A", n, m), matrix("Y", n, m)
        value = matrix_value(delta(a=a_sym, y=y_sym), bind(a_sym, a) | bind(y_sym, y))
        saturated_output = a[0][0] == 1.0
        case_id = f"{n}x{m}" + ("-saturated" if saturated_output else "")
        name = f"saturated outputs, {n} x {m}" if saturated_output else f"{n} outputs, batch {m}"
        deltas.append(
            _record("eq-output-delta-cross-entropy", case_id, name, a=a, y=y, delta=value)
        )
    return {"cross_entropy": losses, "output_delta_cross_entropy": deltas}


def function_cases() -> dict[str, dict[str, list[Record]]]:
    """Return the cases of every formula function, by topic and then by check name."""
    return {
        "sigmoid": _sigmoid_cases(),
        "forward": {"forward_layer": _forward_layer_cases()},
        "loss": {"mse": _mse_cases()},
        "output_delta": {"output_delta": _output_delta_cases()},
        "hidden_delta": {"hidden_delta": _hidden_delta_cases()},
        "gradients": _gradient_cases(),
        "update": {"gradient_descent_update": _update_cases()},
        "cross_entropy": _cross_entropy_cases(),
    }
