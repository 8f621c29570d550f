"""Entries of matrix expressions for symbolic sizes, and SymPy's JavaScript printer for them.

The playground's script (:mod:`derivations.javascript`) prints a matrix statement as
the formula of its entry ``(j, i)``, for *symbolic* sizes, inside a loop over the
entries. :func:`entry` expands a matrix expression of :mod:`derivations.notation` into
that scalar formula, the way :func:`~derivations.notation.explicit` does for numbers,
with a ``Sum`` over a symbolic range where a product or a sample sum needs one.
:func:`javascript` prints it with :class:`sympy.printing.jscode.JavascriptCodePrinter`,
told that a matrix is an array of rows and that a ``Sum`` is the script's ``sumOver``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp
from sympy.printing.jscode import JavascriptCodePrinter

from derivations.notation import (
    Broadcast,
    HalfSumOfSquares,
    SampleSum,
    SigmaOf,
    SigmaPrimeOf,
    sigma,
    sigma_prime,
)

__all__ = [
    "Argument",
    "entry",
    "half_sum_of_squares",
    "indices",
    "javascript",
    "shape",
    "shape_lines",
]


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


def indices() -> Iterator[Any]:
    """Yield fresh summation indices k, k2, k3, ... (distinct within one printed formula)."""
    yield sp.Symbol("k", integer=True)
    for n in itertools.count(2):
        yield sp.Symbol(f"k{n}", integer=True)


def shape(expr: Any, names: Mapping[str, Argument]) -> tuple[Any, Any]:
    """Return the symbolic ``(rows, cols)`` of a matrix expression whose symbols are ``names``."""
    if isinstance(expr, sp.MatrixSymbol):
        rows, cols = names[expr.name].symbol().shape
        return rows, cols
    if isinstance(expr, sp.Transpose):
        rows, cols = shape(expr.arg, names)
        return cols, rows
    if isinstance(expr, sp.MatMul):
        factors = [arg for arg in expr.args if getattr(arg, "is_Matrix", False)]
        return shape(factors[0], names)[0], shape(factors[-1], names)[1]
    if isinstance(expr, SampleSum):
        return shape(expr.args[0], names)[0], sp.Integer(1)
    if isinstance(expr, sp.MatAdd | sp.HadamardProduct):
        # A broadcast bias takes its number of columns from the terms beside it.
        known = [arg for arg in expr.args if not isinstance(arg, Broadcast)]
        return shape(known[0], names)
    if isinstance(expr, SigmaOf | SigmaPrimeOf):
        return shape(expr.args[0], names)
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
        Summation indices not used elsewhere in the formula (see :func:`indices`).

    Returns
    -------
    sympy.Expr
        A scalar in matrix elements of the arguments' symbols.

    Raises
    ------
    KeyError
        If a matrix symbol of ``expr`` has no entry in ``names``.
    TypeError
        If ``expr`` holds a matrix operation this expansion does not know.
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
            inner = shape(right, names)[0]
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
        samples = shape(expr.args[0], names)[1]
        return sp.Sum(entry(expr.args[0], row, index, names, fresh), (index, 0, samples - 1))
    message = f"cannot print {type(expr).__name__}: {expr}"
    raise TypeError(message)


def half_sum_of_squares(expr: Any, names: Mapping[str, Argument]) -> Any:
    """``HalfSumOfSquares(M)`` for symbolic sizes: ½ Σ over rows and columns of M's entry².

    Raises
    ------
    TypeError
        If ``expr`` is not a :class:`~derivations.notation.HalfSumOfSquares`.
    """
    if not isinstance(expr, HalfSumOfSquares):
        message = f"expected ½ Σ (·)² (HalfSumOfSquares), got {type(expr).__name__}: {expr}"
        raise TypeError(message)
    fresh = indices()
    row, col = next(fresh), next(fresh)
    rows, cols = shape(expr.args[0], names)
    square = entry(expr.args[0], row, col, names, fresh) ** 2
    return sp.Rational(1, 2) * sp.Sum(sp.Sum(square, (col, 0, cols - 1)), (row, 0, rows - 1))


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
    """Return the JavaScript of a scalar SymPy expression, as the playground's script prints it."""
    return str(_Printer().doprint(expr))


def shape_lines(arguments: tuple[Argument, ...]) -> list[str]:
    """Return a printed function's first lines: read each size from its arguments, check them.

    Each symbolic size is read from the first argument that has it (``rows`` from its
    length, ``cols`` from its first row's); every argument is then checked against its
    shape with the script's ``checkShape``.
    """
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
