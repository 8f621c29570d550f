"""The playground's matrix formulas: which results print which JavaScript functions, and how.

Each :class:`MatrixFunction` of :data:`MATRIX_FUNCTIONS` is a JavaScript function that
computes a matrix entry by entry (``tabulate(rows, cols, (j, i) => ...)``), printed
from one or more sources (:class:`Source`): a result of :data:`~derivations.REGISTRY`, the part
of it that is printed (its ``rhs`` or a step), and the JavaScript names of its matrices.
Where a 2-2-1 result and a general result state the same formula, both are printed and
:func:`emit_matrix_function` refuses them unless they give the same text, so the
function cites every label it was printed from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from derivations import REGISTRY
from derivations.javascript_printer import Argument, entry, indices, javascript, shape, shape_lines
from derivations.notation import sigma_prime
from derivations.result import Result

__all__ = ["MATRIX_FUNCTIONS", "MatrixFunction", "Source", "emit_matrix_function"]


@dataclass(frozen=True)
class Source:
    """Where a printed formula comes from: a result, the part of it, and its matrix names."""

    label: str
    part: Callable[[Result], Any]
    names: Mapping[str, str]
    symbols: Mapping[str, str] | None = None


@dataclass(frozen=True)
class MatrixFunction:
    """A JavaScript function computing a matrix, entry by entry, from its arguments."""

    name: str
    summary: str
    arguments: tuple[Argument, ...]
    sources: tuple[Source, ...]
    #: σ′ of a pre-activation replaced by eq-sigmoid-derivative-output of its activation.
    activation_of: Mapping[str, str] | None = None


def _rhs(result: Result) -> Any:
    return result.rhs


def _sigma_argument(result: Result) -> Any:
    return result.rhs.args[0]


def _step(index: int) -> Callable[[Result], Any]:
    def part(result: Result) -> Any:
        return result.steps[index].rhs

    return part


_GRAD = r"\frac{\partial L}{\partial %s}"

MATRIX_FUNCTIONS = (
    MatrixFunction(
        "preActivation",
        "z = W a_prev + b, the bias added to every sample column",
        (Argument("W", "nOut", "nIn"), Argument("b", "nOut", 1), Argument("aPrev", "nIn", "m")),
        (
            Source(
                "eq-forward-general",
                _sigma_argument,
                {"W^{(l)}": "W", "b^{(l)}": "b", "a^{(l-1)}": "aPrev"},
            ),
            Source(
                "eq-forward-hidden",
                _sigma_argument,
                {"W^{(1)}": "W", "b^{(1)}": "b", "X": "aPrev"},
            ),
            Source(
                "eq-forward-output",
                _sigma_argument,
                {"W^{(2)}": "W", "b^{(2)}": "b", "a^{(1)}": "aPrev"},
            ),
        ),
    ),
    MatrixFunction(
        "activation",
        "a = σ(z), entry by entry",
        (Argument("z", "n", "m"),),
        (
            Source("eq-forward-general", _step(3), {"z^{(l)}": "z"}),
            Source("eq-forward-hidden", _step(3), {"z^{(1)}": "z"}),
            Source("eq-forward-output", _step(3), {"z^{(2)}": "z"}),
        ),
    ),
    MatrixFunction(
        "outputDelta",
        "δ of the output layer for the squared error, σ′ from the activation a",
        (Argument("a", "n", "m"), Argument("y", "n", "m")),
        (Source("eq-output-delta", _rhs, {"a^{(2)}": "a", "y": "y", "z^{(2)}": "z"}),),
        activation_of={"z": "a"},
    ),
    MatrixFunction(
        "outputDeltaCrossEntropy",
        "δ of the output layer for the cross-entropy",
        (Argument("a", "n", "m"), Argument("y", "n", "m")),
        (Source("eq-output-delta-cross-entropy", _rhs, {"a^{(2)}": "a", "y": "y"}),),
    ),
    MatrixFunction(
        "hiddenDelta",
        "δ of a hidden layer from the δ of the layer after it, σ′ from the activation a",
        (
            Argument("Wnext", "nNext", "n"),
            Argument("deltaNext", "nNext", "m"),
            Argument("a", "n", "m"),
        ),
        (
            Source(
                "eq-delta-recursion",
                _rhs,
                {"W^{(l+1)}": "Wnext", r"\delta^{(l+1)}": "deltaNext", "z^{(l)}": "z"},
            ),
            Source(
                "eq-hidden-delta",
                _rhs,
                {"W^{(2)}": "Wnext", r"\delta^{(2)}": "deltaNext", "z^{(1)}": "z"},
            ),
        ),
        activation_of={"z": "a"},
    ),
    MatrixFunction(
        "weightGradient",
        "∂L/∂W = δ (a_prev)ᵀ, summed over the samples",
        (Argument("delta", "nOut", "m"), Argument("aPrev", "nIn", "m")),
        (
            Source("eq-grad-w-general", _rhs, {r"\delta^{(l)}": "delta", "a^{(l-1)}": "aPrev"}),
            Source("eq-grad-w2", _rhs, {r"\delta^{(2)}": "delta", "a^{(1)}": "aPrev"}),
            Source("eq-grad-w1", _rhs, {r"\delta^{(1)}": "delta", "X": "aPrev"}),
        ),
    ),
    MatrixFunction(
        "biasGradient",
        "∂L/∂b = the sum of δ over the samples",
        (Argument("delta", "nOut", "m"),),
        (
            Source("eq-grad-b-general", _rhs, {r"\delta^{(l)}": "delta"}),
            Source("eq-grad-b2", _rhs, {r"\delta^{(2)}": "delta"}),
            Source("eq-grad-b1", _rhs, {r"\delta^{(1)}": "delta"}),
        ),
    ),
    MatrixFunction(
        "gradientDescentUpdate",
        "θ − α ∂L/∂θ, one step against the gradient",
        (
            Argument("theta", "rows", "cols"),
            Argument("grad", "rows", "cols"),
        ),
        tuple(
            Source(
                f"eq-update-{p}{layer}",
                _step(0),
                {f"{P}^{{({layer})}}": "theta", _GRAD % f"{P}^{{({layer})}}": "grad"},
                {r"\alpha": "learningRate"},
            )
            for p, P in (("w", "W"), ("b", "b"))
            for layer in (2, 1)
        ),
    ),
)


def _from_activation(expr: Any, activation_of: Mapping[str, str]) -> Any:
    """Replace σ′(z[r][c]) by eq-sigmoid-derivative-output's a(1 − a) at a[r][c].

    The forward pass keeps a = σ(z); σ′(z) = a(1 − a) is ``eq-sigmoid-derivative-output``,
    so the printed δ needs a, as ``backprop.deltas`` does, and never recomputes σ.
    """
    result = REGISTRY["eq-sigmoid-derivative-output"]
    (a,) = (s for s in result.rhs.free_symbols if s.name == "a")

    def replace(argument: Any) -> Any:
        if not isinstance(argument, MatrixElement) or argument.parent.name not in activation_of:
            message = f"σ′ of {argument}: expected an entry of {sorted(activation_of)}"
            raise ValueError(message)
        parent = argument.parent
        output = sp.MatrixSymbol(activation_of[parent.name], *parent.shape)
        return result.rhs.xreplace({a: output[argument.i, argument.j]})

    return expr.replace(sigma_prime, replace)


def _matrix_formula(function: MatrixFunction, source: Source) -> str:
    """Print one source of ``function`` as ``tabulate(rows, cols, (j, i) => entry)``."""
    result = REGISTRY[source.label]
    arguments = {arg.name: arg for arg in function.arguments}
    names = {}
    for original, js_name in source.names.items():
        if js_name in arguments:
            names[original] = arguments[js_name]
        else:  # a pre-activation that only σ′ reads; it takes its activation's shape
            twin = arguments[(function.activation_of or {})[js_name]]
            names[original] = Argument(js_name, twin.rows, twin.cols)
    expr = source.part(result)
    j, i = sp.symbols("j i", integer=True)
    value = entry(expr, j, i, names, indices())
    if source.symbols:
        value = value.xreplace(
            {sp.Symbol(old): sp.Symbol(new, real=True) for old, new in source.symbols.items()}
        )
    if function.activation_of:
        value = _from_activation(value, function.activation_of)
    rows, cols = shape(expr, names)
    return f"tabulate({javascript(rows)}, {javascript(cols)}, (j, i) => {javascript(value)})"


def emit_matrix_function(function: MatrixFunction) -> str:
    """Return the JavaScript block of one matrix function, unindented.

    Raises
    ------
    ValueError
        If the function's sources print different formulas (then they do not state the
        same result, and the function could cite neither honestly).
    """
    printed = {source.label: _matrix_formula(function, source) for source in function.sources}
    texts = set(printed.values())
    if len(texts) != 1:
        detail = "\n".join(f"  {label}: {text}" for label, text in printed.items())
        message = f"{function.name}: the results print differently:\n{detail}"
        raise ValueError(message)
    labels = ", ".join(printed)
    args = [arg.name for arg in function.arguments]
    if any("learningRate" in (s.symbols or {}).values() for s in function.sources):
        args.append("learningRate")
    return "\n".join(
        [
            f"// {function.name}: {function.summary}.",
            f"// Printed from {labels}.",
            f"function {function.name}({', '.join(args)}) {{",
            *shape_lines(function.arguments),
            f"  return {texts.pop()};",
            "}",
        ]
    )
