r"""Print the playground's arithmetic as JavaScript from the proved results.

``python -m derivations`` writes ``docs/_static/playground/network.js`` with what
:func:`generate` returns; ``--check`` fails when the committed file differs. The
script is classic (no ES module: browsers refuse those from ``file://``) and
defines the global ``backpropJS`` that ``../shared/DESIGN.md`` fixes:
``forward``, ``backward``, ``step`` and ``train`` on plain nested arrays.

Every formula in it is printed by SymPy's JavaScript code printer
(:class:`sympy.printing.jscode.JavascriptCodePrinter`) from an expression taken
out of a :class:`~derivations.result.Result` of :data:`~derivations.REGISTRY`:
its ``rhs`` or one of its ``steps``. A matrix statement is printed as the
formula of its entry ``(j, i)`` for *symbolic* sizes (:func:`entry` expands the
matrix expression the way :func:`~derivations.notation.explicit` does, with a
``Sum`` over a symbolic range where a product or a sample sum needs one), wrapped
in a loop over the entries. Where a 2-2-1 result and a general result state the
same formula, both are printed and must give the same text, so the JavaScript
cites both labels. What is written here by hand is only the walk that
``backprop.Network`` does (layer after layer forward, the δ recursion backward,
one step per epoch), input checks, and the centred finite differences of "check
my gradients": no formula of the derivations.

Two results are printed in a rearranged form, each rearrangement checked here
by SymPy before anything is written:

* σ (``eq-sigmoid``): JavaScript numbers are float64, and ``1/(1 + e^{-z})``
  overflows ``e^{-z}`` for z below −log(largest float64) ≈ −709.78. Below that
  the script uses the result's second form ``e^{z}/(1 + e^{z})``, in which the
  exponential lies in (0, 1): the same two branches as ``backprop.sigmoid``.
  The proof of ``eq-sigmoid`` shows the two forms are one function, and
  :func:`_sigmoid_branches` checks again that each printed branch is one of them.
* one term of the cross-entropy (``eq-cross-entropy``): the result's
  overflow-free form ``log(1 + e^{z}) − y z`` still overflows ``e^{z}`` in
  float64 for z above 709.78, and loses every digit to cancellation when
  ``y = 1`` and z is large. For z ≥ 0 the script uses
  ``(1 − y) z + log(1 + e^{−z})`` (``log(1 + e^{z}) = z + log(1 + e^{−z})``,
  checked by :func:`_softplus_identity`), and ``log(1 + u)`` becomes
  ``Math.log1p(u)``: the exponential never exceeds 1, and no large terms cancel.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement
from sympy.printing.jscode import JavascriptCodePrinter

from derivations import REGISTRY
from derivations.generate import GeneratedFile
from derivations.notation import (
    Broadcast,
    HalfSumOfSquares,
    SampleSum,
    SigmaOf,
    SigmaPrimeOf,
    sigma,
    sigma_prime,
)
from derivations.result import Result

__all__ = ["FOLDER", "NAME", "entry", "generate", "javascript"]

#: Where ``python -m derivations`` writes the script (relative to the repository root), and
#: its file name; the folder's other files are the hand-written interface.
FOLDER = "docs/_static/playground"
NAME = "network.js"

# The threshold below which e^{-z} overflows float64, a constant of the script.
_THRESHOLD = sp.Symbol("EXP_OVERFLOWS_BELOW", real=True)
_Z, _Y, _A = sp.symbols("z y a", real=True)
_log1p = sp.Function("log1p")
_term = sp.Function("crossEntropyTerm")


# --------------------------------------------------------------------------------------
# Entries of matrix expressions, for symbolic sizes
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Argument:
    """A matrix argument of a printed function: its JavaScript name and symbolic shape."""

    name: str
    rows: str | int
    cols: str | int

    def symbol(self) -> Any:
        """Return the :class:`sympy.MatrixSymbol` the printed formula indexes."""
        return sp.MatrixSymbol(self.name, _dim(self.rows), _dim(self.cols))


def _dim(size: str | int) -> Any:
    return sp.Integer(size) if isinstance(size, int) else sp.Symbol(size, integer=True)


def _indices() -> Iterator[Any]:
    """Fresh summation indices k, k2, k3, ... (distinct within one printed formula)."""
    yield sp.Symbol("k", integer=True)
    for n in itertools.count(2):
        yield sp.Symbol(f"k{n}", integer=True)


def _shape(expr: Any, names: Mapping[str, Argument]) -> tuple[Any, Any]:
    if isinstance(expr, sp.MatrixSymbol):
        rows, cols = names[expr.name].symbol().shape
        return rows, cols
    if isinstance(expr, sp.Transpose):
        rows, cols = _shape(expr.arg, names)
        return cols, rows
    if isinstance(expr, sp.MatMul):
        factors = [arg for arg in expr.args if getattr(arg, "is_Matrix", False)]
        return _shape(factors[0], names)[0], _shape(factors[-1], names)[1]
    if isinstance(expr, SampleSum):
        return _shape(expr.args[0], names)[0], sp.Integer(1)
    if isinstance(expr, sp.MatAdd | sp.HadamardProduct):
        # A broadcast bias takes its number of columns from the terms beside it.
        known = [arg for arg in expr.args if not isinstance(arg, Broadcast)]
        return _shape(known[0], names)
    if isinstance(expr, SigmaOf | SigmaPrimeOf):
        return _shape(expr.args[0], names)
    message = f"no shape for {type(expr).__name__}: {expr}"
    raise TypeError(message)


def entry(
    expr: Any, row: Any, col: Any, names: Mapping[str, Argument], fresh: Iterator[Any]
) -> Any:
    """Return entry ``(row, col)`` of a matrix expression, for the symbolic sizes of ``names``.

    The same expansion as :func:`derivations.notation.explicit`, with symbolic indices:
    a matrix product is a ``Sum`` over its inner index, ⊙ a product of entries, σ and σ′
    apply to the entry, a broadcast column repeats its entry, a sample sum sums a row.

    Parameters
    ----------
    expr : sympy.MatrixExpr
        The matrix expression of a result (``rhs`` or a step).
    row, col : sympy.Symbol
        The entry's indices.
    names : mapping of str to Argument
        For each matrix symbol's name in ``expr``, the argument it becomes.
    fresh : iterator of sympy.Symbol
        Summation indices not used elsewhere in the formula.

    Returns
    -------
    sympy.Expr
        A scalar in matrix elements of the arguments' symbols.
    """
    if isinstance(expr, sp.MatrixSymbol):
        if expr.name not in names:
            message = f"matrix {expr.name!r} has no argument (known: {sorted(names)})"
            raise KeyError(message)
        return names[expr.name].symbol()[row, col]
    if isinstance(expr, sp.Transpose):
        return entry(expr.arg, col, row, names, fresh)
    if isinstance(expr, sp.MatMul):
        scalars = [arg for arg in expr.args if not getattr(arg, "is_Matrix", False)]
        factors = [arg for arg in expr.args if getattr(arg, "is_Matrix", False)]
        value = entry(factors[0], row, col, names, fresh) if len(factors) == 1 else None
        if value is None:
            left, right = sp.MatMul(*factors[:-1]), factors[-1]
            index = next(fresh)
            inner = _shape(right, names)[0]
            product = entry(left, row, index, names, fresh) * entry(
                right, index, col, names, fresh
            )
            value = sp.Sum(product, (index, 0, inner - 1))
        return sp.Mul(*scalars) * value
    if isinstance(expr, sp.MatAdd):
        return sp.Add(*(entry(arg, row, col, names, fresh) for arg in expr.args))
    if isinstance(expr, sp.HadamardProduct):
        return sp.Mul(*(entry(arg, row, col, names, fresh) for arg in expr.args))
    if isinstance(expr, SigmaOf):
        return sigma(entry(expr.args[0], row, col, names, fresh))
    if isinstance(expr, SigmaPrimeOf):
        return sigma_prime(entry(expr.args[0], row, col, names, fresh))
    if isinstance(expr, Broadcast):
        return entry(expr.args[0], row, sp.Integer(0), names, fresh)
    if isinstance(expr, SampleSum):
        index = next(fresh)
        samples = _shape(expr.args[0], names)[1]
        return sp.Sum(entry(expr.args[0], row, index, names, fresh), (index, 0, samples - 1))
    message = f"cannot print {type(expr).__name__}: {expr}"
    raise TypeError(message)


def _half_sum_of_squares(expr: Any, names: Mapping[str, Argument]) -> Any:
    """``HalfSumOfSquares(M)`` for symbolic sizes: ½ Σ over rows and columns of M's entry²."""
    if not isinstance(expr, HalfSumOfSquares):
        message = f"expected ½ Σ (·)² (HalfSumOfSquares), got {type(expr).__name__}: {expr}"
        raise TypeError(message)
    fresh = _indices()
    row, col = next(fresh), next(fresh)
    rows, cols = _shape(expr.args[0], names)
    square = entry(expr.args[0], row, col, names, fresh) ** 2
    return sp.Rational(1, 2) * sp.Sum(sp.Sum(square, (col, 0, cols - 1)), (row, 0, rows - 1))


# --------------------------------------------------------------------------------------
# The printer
# --------------------------------------------------------------------------------------


class _Printer(JavascriptCodePrinter):  # type: ignore[misc]
    """SymPy's JavaScript printer, with nested arrays, sums over a range and σ by name."""

    def __init__(self) -> None:
        super().__init__(
            {
                "user_functions": {
                    "sigma": "sigmoid",
                    "sigma_prime": "sigmoidPrime",
                    "log1p": "Math.log1p",
                    "crossEntropyTerm": "crossEntropyTerm",
                },
                "strict": True,
            }
        )

    def _print_MatrixElement(self, expr: Any) -> str:
        # A matrix is an array of rows (DESIGN.md), so M[r, c] is M[r][c].
        return f"{expr.parent.name}[{self._print(expr.i)}][{self._print(expr.j)}]"

    def _print_Sum(self, expr: Any) -> str:
        # SymPy lists the innermost limit first: wrap the summand from the inside out.
        body = str(self._print(expr.function))
        for index, low, high in expr.limits:
            body = f"sumOver({self._print(low)}, {self._print(high)}, ({index}) => {body})"
        return body

    def _print_Piecewise(self, expr: Any) -> str:
        # One line, (c) ? (a) : (b), instead of the printer's multi-line layout.
        *branches, (otherwise, condition) = expr.args
        if condition != sp.true:
            message = f"the last branch of {expr} must be unconditional"
            raise ValueError(message)
        text = f"({self._print(otherwise)})"
        for value, test in reversed(branches):
            text = f"(({self._print(test)}) ? ({self._print(value)}) : {text})"
        return text


def javascript(expr: Any) -> str:
    """Return the JavaScript of a scalar SymPy expression, as this module prints it."""
    return str(_Printer().doprint(expr))


# --------------------------------------------------------------------------------------
# What is printed, from which results
# --------------------------------------------------------------------------------------


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
    value = entry(expr, j, i, names, _indices())
    if source.symbols:
        value = value.xreplace(
            {sp.Symbol(old): sp.Symbol(new, real=True) for old, new in source.symbols.items()}
        )
    if function.activation_of:
        value = _from_activation(value, function.activation_of)
    rows, cols = _shape(expr, names)
    return f"tabulate({javascript(rows)}, {javascript(cols)}, (j, i) => {javascript(value)})"


def _shape_lines(arguments: tuple[Argument, ...]) -> list[str]:
    """Read each symbolic size from the first argument that has it; check the others."""
    known: set[str] = set()
    lines = []
    for argument in arguments:
        sizes = []
        for axis, size in enumerate((argument.rows, argument.cols)):
            if isinstance(size, str) and size not in known:
                known.add(size)
                reader = f"{argument.name}.length" if axis == 0 else f"{argument.name}[0].length"
                lines.append(f"  const {size} = {reader};")
            sizes.append(str(size))
        lines.append(f'  checkShape("{argument.name}", {argument.name}, {", ".join(sizes)});')
    return lines


def _emit_matrix_function(function: MatrixFunction) -> str:
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
            *_shape_lines(function.arguments),
            f"  return {texts.pop()};",
            "}",
        ]
    )


def _sigmoid_branches() -> tuple[Any, Any]:
    """Return eq-sigmoid's definition and its overflow-free form, as functions of z."""
    result = REGISTRY["eq-sigmoid"]
    (x,) = result.lhs.args
    definition = result.rhs.xreplace({x: _Z})
    stable = result.steps[1].rhs.xreplace({x: _Z})
    for form in (definition, stable):
        if sp.cancel(sp.together(form - sigma(_Z).rewrite(sp.exp))) != 0:
            message = f"{form} is not σ(z) = 1/(1 + exp(−z))"
            raise ArithmeticError(message)
    return definition, stable


def _softplus_identity() -> tuple[Any, Any]:
    """Return log(1 + e^z) and z + log(1 + e^−z), checked to be one function of z.

    Equal derivatives (cancelled to 0 exactly) and equal values at z = 0, as the proof
    of eq-cross-entropy argues for its own two forms.
    """
    softplus = sp.log(1 + sp.exp(_Z))
    shifted = _Z + sp.log(1 + sp.exp(-_Z))
    slope = sp.cancel(sp.together(sp.diff(softplus - shifted, _Z)))
    at_zero = sp.simplify((softplus - shifted).subs(_Z, 0))
    if slope != 0 or at_zero != 0:
        message = f"log(1 + e^z) ≠ z + log(1 + e^(−z)): slope {slope}, at 0 {at_zero}"
        raise ArithmeticError(message)
    return softplus, shifted


def _with_log1p(expr: Any) -> Any:
    """Write log(1 + u) as log1p(u), which keeps the digits of a small u."""
    u = sp.Wild("u")
    # SymPy passes the match by keyword (u=...), so this cannot be _log1p itself.
    return expr.replace(sp.log(1 + u), lambda u: _log1p(u))  # noqa: PLW0108


def _cross_entropy_term() -> Any:
    """Return one term of eq-cross-entropy, in z and y, as printed: two branches by z's sign."""
    result = REGISTRY["eq-cross-entropy"]
    stable = result.steps[-1].rhs
    z, y = (next(s for s in stable.free_symbols if s.name == name) for name in ("z", "y"))
    stable = stable.xreplace({z: _Z, y: _Y})
    softplus, shifted = _softplus_identity()
    if not stable.has(softplus):
        message = f"eq-cross-entropy's last step {stable} does not contain {softplus}"
        raise ValueError(message)
    positive = sp.collect(sp.expand(stable.subs(softplus, shifted)), _Z)
    return sp.Piecewise(
        (_with_log1p(positive), _Z >= 0), (_with_log1p(stable), True), evaluate=False
    )


def _scalar_functions() -> list[str]:
    definition, stable = _sigmoid_branches()
    sigmoid = sp.Piecewise((definition, _Z >= _THRESHOLD), (stable, True), evaluate=False)
    prime = REGISTRY["eq-sigmoid-derivative"]
    (x,) = prime.lhs.args
    derivative_output = REGISTRY["eq-sigmoid-derivative-output"]
    (a,) = derivative_output.rhs.free_symbols
    loss = REGISTRY["eq-loss"]
    loss_names = {"a^{(2)}": Argument("a", "n", "m"), "y": Argument("y", "n", "m")}
    fresh = _indices()
    row, col = next(fresh), next(fresh)
    y_matrix, z_matrix = sp.MatrixSymbol("y", 1, 1), sp.MatrixSymbol("z", 1, 1)
    cross_entropy_sum = sp.Sum(
        _term(z_matrix[row, col], y_matrix[row, col]),
        (col, 0, sp.Symbol("m", integer=True) - 1),
        (row, 0, sp.Symbol("n", integer=True) - 1),
    )
    return [
        (
            "// σ(z), eq-sigmoid: the definition 1/(1 + e^(−z)) where e^(−z) is finite, the form\n"
            "// e^z/(1 + e^z) below (there e^z < 1, so nothing overflows), as backprop.sigmoid.\n"
            f"function sigmoid(z) {{\n  return {javascript(sigmoid)};\n}}"
        ),
        (
            f"// σ′(z) from the input z, eq-sigmoid-derivative.\n"
            f"function sigmoidPrime(z) {{\n  return {javascript(prime.rhs.xreplace({x: _Z}))};\n}}"
        ),
        (
            f"// σ′ from the output a = σ(z), eq-sigmoid-derivative-output.\n"
            f"function sigmoidDerivative(a) {{\n  return {javascript(derivative_output.rhs.xreplace({a: _A}))};\n}}"
        ),
        "// L = ½ Σ (a − y)², summed over outputs and samples, eq-loss.\n"
        "function squaredError(a, y) {\n"
        + "\n".join(_shape_lines(tuple(loss_names.values())))
        + f"\n  return {javascript(_half_sum_of_squares(loss.rhs, loss_names))};\n}}",
        (
            "// One term of the cross-entropy, eq-cross-entropy's log(1 + e^z) − y z, finite for every\n"
            "// float64 z: (1 − y) z + log(1 + e^(−z)) for z ≥ 0, so that e^(±z) never exceeds 1.\n"
            f"function crossEntropyTerm(z, y) {{\n  return {javascript(_cross_entropy_term())};\n}}"
        ),
        "// The cross-entropy L of the output pre-activations z, summed over outputs and samples,\n"
        "// eq-cross-entropy.\n"
        "function crossEntropy(z, y) {\n"
        + "\n".join(_shape_lines((Argument("z", "n", "m"), Argument("y", "n", "m"))))
        + f"\n  return {javascript(cross_entropy_sum)};\n}}",
    ]


_HEADER = """\
// network.js: the arithmetic of the playground, printed from the proved derivations.
//
// Generated by `python -m derivations` (derivations/javascript.py) with SymPy's JavaScript
// code printer, from the Result objects of derivations.REGISTRY. Do not edit: change
// derivations/ and regenerate with `nox -s derive`; `python -m derivations --check` fails
// when this file differs from what the derivations print.
//
// A classic script (browsers refuse ES modules from file://). It defines the global
// backpropJS: forward, backward, step and train on plain nested arrays (a matrix is an array
// of rows, samples are columns), as ../shared/DESIGN.md fixes them. Every formula below the
// line "Printed by SymPy" is SymPy's output; the rest is the walk backprop.Network does
// (forward layer by layer, the delta recursion backward, one step per epoch), input checks
// and the centred finite differences of "check my gradients".
//
// Overflow. JavaScript numbers are float64. 1/(1 + e^(-z)) overflows e^(-z) for z below
// -log(Number.MAX_VALUE) = -709.78...; there sigmoid uses eq-sigmoid's other form
// e^z/(1 + e^z), whose exponential lies in (0, 1). The proof of eq-sigmoid shows both forms
// are the same function; backprop.sigmoid uses the same two branches. The cross-entropy is
// computed from z, never from log a: for z >= 0 a term is (1 - y) z + log1p(e^(-z)), for
// z < 0 it is log1p(e^z) - y z (the same function, checked by SymPy while printing), so no
// exponential exceeds 1 and no large terms cancel.
"""

_HELPERS = """\
"use strict";

(function (global) {
  // Loops over entries and sums over a range: no formula of the derivations lives here.
  function tabulate(rows, cols, entryAt) {
    const out = new Array(rows);
    for (let j = 0; j < rows; j++) {
      const row = new Array(cols);
      for (let i = 0; i < cols; i++) row[i] = entryAt(j, i);
      out[j] = row;
    }
    return out;
  }

  function sumOver(low, high, termAt) {
    let total = 0;
    for (let k = low; k <= high; k++) total += termAt(k);
    return total;
  }

  function checkShape(name, matrix, rows, cols) {
    if (!Array.isArray(matrix) || matrix.length !== rows) {
      throw new RangeError(`${name} must be an array of ${rows} rows, got ${describe(matrix)}`);
    }
    for (const row of matrix) {
      if (!Array.isArray(row) || row.length !== cols) {
        throw new RangeError(`${name} must have ${cols} columns in every row, got ${describe(row)}`);
      }
    }
  }

  function describe(value) {
    if (Array.isArray(value)) return `an array of length ${value.length}`;
    return value === null ? "null" : typeof value;
  }

  const EXP_OVERFLOWS_BELOW = -Math.log(Number.MAX_VALUE);
"""

_WALK = r"""
  // ---- The walk of backprop.Network: written by hand, formulas above only ----------------
  const LOSSES = Object.freeze(["squared_error", "cross_entropy"]);

  function checkLoss(loss) {
    if (!LOSSES.includes(loss)) {
      throw new RangeError(`loss must be one of ${LOSSES.join(", ")}, got ${String(loss)}`);
    }
    return loss;
  }

  function checkFinite(name, matrix) {
    for (const row of matrix) {
      for (const value of row) {
        if (typeof value !== "number" || !Number.isFinite(value)) {
          throw new RangeError(`${name} holds ${String(value)}; every entry must be a finite number`);
        }
      }
    }
  }

  function checkParams(params) {
    if (!params || !Array.isArray(params.weights) || !Array.isArray(params.biases) ||
        params.weights.length === 0 || params.weights.length !== params.biases.length) {
      throw new RangeError("params must be {weights: [W1, ...], biases: [b1, ...]}, one entry per layer");
    }
    params.weights.forEach((W, l) => {
      const rows = Array.isArray(W) ? W.length : 0;
      const cols = rows && Array.isArray(W[0]) ? W[0].length : 0;
      checkShape(`weights[${l}]`, W, rows, cols);
      checkShape(`biases[${l}]`, params.biases[l], rows, 1);
      checkFinite(`weights[${l}]`, W);
      checkFinite(`biases[${l}]`, params.biases[l]);
    });
  }

  function checkLearningRate(rate) {
    if (typeof rate !== "number" || !Number.isFinite(rate) || !(rate > 0)) {
      throw new RangeError(`the learning rate must be a finite positive number, got ${String(rate)}`);
    }
    return rate;
  }

  // As Network.activations and Network.zs: activations[0] is X, zs[l] is z of layer l + 1.
  function forwardUnchecked(params, X) {
    const activations = [X];
    const zs = [];
    params.weights.forEach((W, l) => {
      const z = preActivation(W, params.biases[l], activations[l]);
      zs.push(z);
      activations.push(activation(z));
    });
    return { activations, zs };
  }

  function forward(params, X) {
    checkParams(params);
    checkFinite("X", X);
    return forwardUnchecked(params, X);
  }

  function lossFrom(pass, y, loss) {
    const last = pass.zs.length - 1;
    return loss === "cross_entropy"
      ? crossEntropy(pass.zs[last], y)
      : squaredError(pass.activations[last + 1], y);
  }

  // The delta recursion from the output back to layer 1 (Network._backpropagate).
  function backpropagate(params, pass, y, loss) {
    const layers = params.weights.length;
    const a = pass.activations;
    let delta = loss === "cross_entropy"
      ? outputDeltaCrossEntropy(a[layers], y)
      : outputDelta(a[layers], y);
    const weights = new Array(layers);
    const biases = new Array(layers);
    const deltas = new Array(layers);
    for (let l = layers - 1; l >= 0; l--) {
      deltas[l] = delta;
      weights[l] = weightGradient(delta, a[l]);
      biases[l] = biasGradient(delta);
      if (l > 0) delta = hiddenDelta(params.weights[l], delta, a[l]);
    }
    return { weights, biases, deltas };
  }

  function backward(params, X, y, loss = "squared_error") {
    checkLoss(loss);
    checkFinite("y", y);
    return backpropagate(params, forward(params, X), y, loss);
  }

  function lossOf(params, X, y, loss = "squared_error") {
    checkLoss(loss);
    return lossFrom(forward(params, X), y, loss);
  }

  function stepped(params, grads, rate) {
    return {
      weights: params.weights.map((W, l) => gradientDescentUpdate(W, grads.weights[l], rate)),
      biases: params.biases.map((b, l) => gradientDescentUpdate(b, grads.biases[l], rate)),
    };
  }

  function allFinite(params) {
    return [...params.weights, ...params.biases].every(
      (M) => M.every((row) => row.every((value) => Number.isFinite(value))));
  }

  // One gradient-descent step; returns new parameters and leaves params untouched.
  function step(params, grads, learningRate) {
    const rate = checkLearningRate(learningRate);
    checkParams(params);
    const next = stepped(params, grads, rate);
    if (!allFinite(next)) {
      throw new RangeError(`a step with learning rate ${rate} would make some weights infinite; ` +
        "nothing was changed. Use a smaller learning rate.");
    }
    return next;
  }

  class DivergenceError extends Error {
    constructor(what, rate) {
      super(`training diverged: ${what} (learning rate ${rate}). The weights were left as they ` +
        "were before train() was called; use a smaller learning rate.");
      this.name = "DivergenceError";
    }
  }

  // Full-batch gradient descent, as Network.train: history[e] is L after epoch e + 1. On
  // success params.weights and params.biases are replaced by the trained ones (as train()
  // updates a Network); on divergence they are left as they were and a DivergenceError is
  // thrown.
  function train(params, X, y, options = {}) {
    const { epochs, learningRate, loss = "squared_error" } = options;
    checkParams(params);
    checkFinite("X", X);
    checkFinite("y", y);
    checkLoss(loss);
    if (!Number.isInteger(epochs) || epochs < 1) {
      throw new RangeError(`epochs must be a whole number of at least 1, got ${String(epochs)}`);
    }
    const rate = checkLearningRate(learningRate);
    const history = new Array(epochs);
    let current = { weights: params.weights, biases: params.biases };
    const checked = (value, epoch) => {
      if (!Number.isFinite(value)) {
        throw new DivergenceError(`the loss became ${value} after epoch ${epoch}`, rate);
      }
      return value;
    };
    for (let epoch = 0; epoch < epochs; epoch++) {
      const pass = forwardUnchecked(current, X);
      const grads = backpropagate(current, pass, y, loss);
      if (epoch) history[epoch - 1] = checked(lossFrom(pass, y, loss), epoch);
      current = stepped(current, grads, rate);
    }
    history[epochs - 1] = checked(lossFrom(forwardUnchecked(current, X), y, loss), epochs);
    if (!allFinite(current)) {
      throw new DivergenceError(`a weight became infinite within ${epochs} epochs`, rate);
    }
    params.weights = current.weights;
    params.biases = current.biases;
    return history;
  }

  // "Check my gradients": centred finite differences (L(θ + h) − L(θ − h)) / 2h of every
  // parameter, a numerical estimate to compare backward() with, not a derived formula.
  function finiteDifferenceGradients(params, X, y, loss = "squared_error", h = 1e-5) {
    checkParams(params);
    checkLoss(loss);
    const shifted = (kind, l, r, c, by) => {
      const copy = {
        weights: params.weights.map((W) => W.map((row) => row.slice())),
        biases: params.biases.map((b) => b.map((row) => row.slice())),
      };
      copy[kind][l][r][c] += by;
      return lossFrom(forwardUnchecked(copy, X), y, loss);
    };
    const estimate = (kind) => params[kind].map((M, l) => M.map((row, r) => row.map(
      (_, c) => (shifted(kind, l, r, c, h) - shifted(kind, l, r, c, -h)) / (2 * h))));
    return { weights: estimate("weights"), biases: estimate("biases") };
  }

  // |a − b| / max(|a|, |b|), 0 when both are 0: how far two gradients disagree.
  function relativeError(a, b) {
    const scale = Math.max(Math.abs(a), Math.abs(b));
    return scale === 0 ? 0 : Math.abs(a - b) / scale;
  }

  global.backpropJS = Object.freeze({
    forward,
    backward,
    step,
    train,
    lossOf,
    finiteDifferenceGradients,
    relativeError,
    DivergenceError,
    LOSSES,
    formulas: Object.freeze({
      sigmoid, sigmoidPrime, sigmoidDerivative, squaredError, crossEntropyTerm, crossEntropy,
      preActivation, activation, outputDelta, outputDeltaCrossEntropy, hiddenDelta,
      weightGradient, biasGradient, gradientDescentUpdate,
    }),
  });
})(globalThis);
"""


def _indent(block: str) -> str:
    return "\n".join(f"  {line}" if line else "" for line in block.splitlines())


def text() -> str:
    """Return the full text of ``network.js``."""
    printed = _scalar_functions() + [_emit_matrix_function(f) for f in MATRIX_FUNCTIONS]
    body = "\n\n".join(_indent(block) for block in printed)
    return (
        _HEADER
        + "\n"
        + _HELPERS
        + "\n  // ---- Printed by SymPy from derivations.REGISTRY ---------------------------------\n"
        + body
        + "\n"
        + _WALK
    )


def generate() -> list[GeneratedFile]:
    """Return the playground's generated script, ``network.js``, to write into :data:`FOLDER`."""
    return [GeneratedFile(f"{FOLDER}/{NAME}", text())]
