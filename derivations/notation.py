"""Symbols, the sigmoid as a SymPy function, and how results are printed.

Every derivation in this package is built from the objects defined here, so the
docs, the proofs and the generated tests all speak the same notation.

The sigmoid is the undefined-looking function :class:`sigma` whose derivative
SymPy knows as :class:`sigma_prime`: differentiating ``sigma(u)`` gives
``sigma_prime(u)`` times the derivative of ``u`` (the chain rule), and the proof of
``eq-sigmoid-derivative`` shows that ``sigma_prime(x)`` equals ``σ(x)(1 − σ(x))``
for ``σ(x) = 1 / (1 + e⁻ˣ)``. Keeping σ abstract keeps every expression small and
makes the chain-rule factors visible; :func:`reduce_to_zero` replaces each σ′ by
``σ(1 − σ)``, each σ value by a fresh symbol and expands, which decides exactly
whether a difference of two derivations is zero.

Vector statements are SymPy matrix expressions (:class:`~sympy.matrices.expressions.MatrixSymbol` with
concrete shapes) so they print in vector form and expand entry by entry with
``as_explicit()``. Three small matrix-expression classes cover what SymPy lacks:
:class:`SigmaOf` and :class:`SigmaPrimeOf` (σ and σ′ applied entry by entry) and
:class:`Broadcast` (a bias column added to every sample column); :class:`SampleSum`
sums the columns (samples) of a matrix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixExpr
from sympy.printing.latex import LatexPrinter

__all__ = [
    "Broadcast",
    "Half",
    "HalfSumOfSquares",
    "Ordinary",
    "Partial",
    "SampleSum",
    "SigmaOf",
    "SigmaPrimeOf",
    "explicit",
    "latex",
    "matrix",
    "reduce_to_zero",
    "sigma",
    "sigma_prime",
]


class sigma(sp.Function):  # type: ignore[misc]
    r"""The logistic sigmoid σ; its derivative is :class:`sigma_prime`.

    ``sigma(x).rewrite(sympy.exp)`` gives the definition :math:`1/(1 + e^{-x})`.
    """

    nargs = 1

    def fdiff(self, argindex: int = 1) -> Any:  # noqa: ARG002 (σ has one argument)
        """Return σ′ at the argument (the outer factor of the chain rule)."""
        return sigma_prime(self.args[0])

    def _eval_rewrite_as_exp(self, x: Any, **kwargs: Any) -> Any:  # noqa: ARG002
        return 1 / (1 + sp.exp(-x))

    def _latex(self, printer: Any, exp: Any = None) -> str:
        body = rf"\sigma\left({printer._print(self.args[0])}\right)"
        return body if exp is None else rf"{body}^{{{exp}}}"


class sigma_prime(sp.Function):  # type: ignore[misc]
    r"""σ′, the derivative of :class:`sigma`; ``rewrite(sympy.exp)`` differentiates the definition."""

    nargs = 1

    def _eval_rewrite_as_exp(self, x: Any, **kwargs: Any) -> Any:  # noqa: ARG002
        t = sp.Dummy("t")
        return sp.diff(1 / (1 + sp.exp(-t)), t).subs(t, x)

    def _latex(self, printer: Any, exp: Any = None) -> str:
        body = rf"\sigma'\left({printer._print(self.args[0])}\right)"
        return body if exp is None else rf"\left({body}\right)^{{{exp}}}"


class Partial(sp.Expr):  # type: ignore[misc]
    r"""The unevaluated partial derivative :math:`\partial f / \partial x`, for display."""

    def _latex(self, printer: Any) -> str:
        f, x = self.args
        return rf"\frac{{\partial {printer._print(f)}}}{{\partial {printer._print(x)}}}"


class Ordinary(sp.Expr):  # type: ignore[misc]
    r"""The unevaluated ordinary derivative :math:`df/dx` of a function of one variable."""

    def _latex(self, printer: Any) -> str:
        f, x = self.args
        return rf"\frac{{d {printer._print(f)}}}{{d {printer._print(x)}}}"


class _Elementwise(MatrixExpr):  # type: ignore[misc]
    """A scalar function applied to every entry of a matrix expression."""

    _function: Any = None
    _symbol = ""

    def __new__(cls, arg: Any) -> Any:
        return sp.Basic.__new__(cls, arg)

    @property
    def shape(self) -> tuple[Any, Any]:
        """The (rows, columns) of the matrix."""
        return tuple(self.args[0].shape)

    def _entry(self, i: Any, j: Any, **kwargs: Any) -> Any:
        return self._function(self.args[0]._entry(i, j, **kwargs))

    def _latex(self, printer: Any) -> str:
        return rf"{self._symbol}\left({printer._print(self.args[0])}\right)"


class SigmaOf(_Elementwise):
    """σ applied entry by entry: ``SigmaOf(z)[j, i] = σ(z[j, i])``."""

    _function = sigma
    _symbol = r"\sigma"


class SigmaPrimeOf(_Elementwise):
    """σ′ applied entry by entry: ``SigmaPrimeOf(z)[j, i] = σ′(z[j, i])``."""

    _function = sigma_prime
    _symbol = r"\sigma'"


class Broadcast(MatrixExpr):  # type: ignore[misc]
    """A column ``b`` of shape (n, 1) repeated for each of ``m`` samples; prints as ``b``."""

    def __new__(cls, column: Any, m: Any) -> Any:
        """Repeat ``column`` for ``m`` samples."""
        return sp.Basic.__new__(cls, column, sp.Integer(m))

    @property
    def shape(self) -> tuple[Any, Any]:
        """The (rows, columns) of the matrix."""
        return (self.args[0].shape[0], self.args[1])

    def _entry(self, i: Any, j: Any, **kwargs: Any) -> Any:  # noqa: ARG002
        return self.args[0]._entry(i, 0, **kwargs)

    def _latex(self, printer: Any) -> str:
        return str(printer._print(self.args[0]))


class SampleSum(MatrixExpr):  # type: ignore[misc]
    r"""The sum of the columns (samples) of a matrix: shape (n, 1); prints :math:`\sum_i`."""

    def __new__(cls, arg: Any) -> Any:
        """Sum the columns of ``arg``."""
        return sp.Basic.__new__(cls, arg)

    @property
    def shape(self) -> tuple[Any, Any]:
        """The (rows, columns) of the matrix."""
        return (self.args[0].shape[0], sp.Integer(1))

    def _entry(self, i: Any, j: Any, **kwargs: Any) -> Any:  # noqa: ARG002
        arg = self.args[0]
        return sp.Add(*(arg._entry(i, col, **kwargs) for col in range(arg.shape[1])))

    def _latex(self, printer: Any) -> str:
        return rf"\sum_{{i=1}}^{{m}} {printer._print(self.args[0])}_{{:,i}}"


class HalfSumOfSquares(sp.Expr):  # type: ignore[misc]
    r"""Half the sum of the squares of every entry of a matrix expression (a scalar)."""

    def doit(self, **hints: Any) -> Any:  # noqa: ARG002
        """Return the explicit sum ½ Σ over every entry."""
        entries = explicit(self.args[0])
        return sp.Rational(1, 2) * sp.Add(*(entry**2 for entry in entries))

    def _latex(self, printer: Any) -> str:
        # An index sum over the entries (j, i): the matrix itself is never squared.
        body = printer._print(self.args[0])
        return rf"\frac{{1}}{{2}} \sum_{{j}} \sum_{{i}} \left({body}\right)_{{ji}}^{{2}}"


class Half(sp.Expr):  # type: ignore[misc]
    r"""``½ × arg`` printed as :math:`\frac{1}{2}` in front of its argument (SymPy would write ``arg/2``)."""

    def doit(self, **hints: Any) -> Any:
        """Return ``arg / 2``."""
        return sp.Rational(1, 2) * self.args[0].doit(**hints)

    def _latex(self, printer: Any) -> str:
        return rf"\frac{{1}}{{2}} {printer._print(self.args[0])}"


def _is_negative(term: Any) -> bool:
    """Return True when a matrix term carries a negative scalar coefficient (−α δ aᵀ)."""
    if isinstance(term, sp.MatMul):
        scalars = [arg for arg in term.args if not getattr(arg, "is_Matrix", False)]
        return bool(sp.Mul(*scalars).could_extract_minus_sign())
    return bool(term.could_extract_minus_sign())


class _Printer(LatexPrinter):  # type: ignore[misc]
    """SymPy's LaTeX printer with ⊙ for the Hadamard product and names printed verbatim."""

    def _print_HadamardProduct(self, expr: Any) -> str:
        return r" \odot ".join(self.parenthesize(arg, 50) for arg in expr.args)

    def _print_MatAdd(self, expr: Any) -> str:
        # Keep the order in which the terms were written (W a + b, θ − α ∇), not SymPy's.
        parts = [self._print(expr.args[0])]
        for term in expr.args[1:]:
            if _is_negative(term):
                parts.append(f"- {self._print(-term)}")
            else:
                parts.append(f"+ {self._print(term)}")
        return " ".join(parts)

    def _print_Add(self, expr: Any, order: Any = None) -> str:
        # Positive terms first (a − y, not −y + a); otherwise keep the order of the terms.
        terms = sorted(expr.args, key=lambda term: bool(term.could_extract_minus_sign()))
        return str(super()._print_Add(sp.Add(*terms, evaluate=False), order))

    def _print_Indexed(self, expr: Any) -> str:
        indices = "".join(self._print(index) for index in expr.indices)
        return f"{expr.base.label}_{{{indices}}}"

    def _print_MatrixSymbol(self, expr: Any) -> str:
        return str(expr.name)

    def _print_Symbol(self, expr: Any, style: str = "plain") -> str:
        name = str(expr.name)
        if "{" in name or "\\" in name:
            return name
        return str(super()._print_Symbol(expr, style))

    def _print_Transpose(self, expr: Any) -> str:
        arg = expr.arg
        body = self._print(arg)
        if isinstance(arg, sp.MatrixSymbol) and "^" in arg.name:
            body = rf"\left({body}\right)"
        return rf"{body}^{{T}}"


def latex(expr: Any) -> str:
    """Return the LaTeX of a SymPy object in this project's notation (⊙ for Hadamard)."""
    return str(_Printer({"mul_symbol": None, "order": "none"}).doprint(expr))


def matrix(name: str, rows: int, cols: int) -> Any:
    """Return a :class:`~sympy.matrices.expressions.MatrixSymbol` whose LaTeX is ``name``."""
    return sp.MatrixSymbol(name, rows, cols)


def explicit(expr: Any, values: Mapping[Any, Any] | None = None) -> Any:
    """Expand a matrix expression into an explicit matrix, entry by entry.

    Matrix products become sums over the shared index, Hadamard products entrywise
    products, :class:`SigmaOf` and :class:`SigmaPrimeOf` σ and σ′ of each entry,
    :class:`Broadcast` a repeated column and :class:`SampleSum` a sum of columns.

    Parameters
    ----------
    expr : sympy.MatrixExpr
        The expression, with concrete shapes.
    values : mapping of MatrixSymbol to sympy.Matrix, optional
        Explicit entries (symbols, numbers or expressions) for some of its matrix
        symbols; the others become their matrix elements ``M[i, j]``.

    Returns
    -------
    sympy.ImmutableMatrix
        The explicit matrix.
    """
    return sp.ImmutableMatrix(_explicit(expr, values or {}))


def _explicit(expr: Any, values: Mapping[Any, Any]) -> Any:
    if isinstance(expr, sp.MatrixSymbol):
        if expr in values:
            return sp.ImmutableMatrix(values[expr])
        return sp.ImmutableMatrix(expr.as_explicit())
    if isinstance(expr, sp.MatrixBase):
        return expr
    if isinstance(expr, sp.Transpose):
        return _explicit(expr.arg, values).T
    if isinstance(expr, sp.MatMul):
        scalar = sp.Mul(*(arg for arg in expr.args if not getattr(arg, "is_Matrix", False)))
        factors = [_explicit(arg, values) for arg in expr.args if getattr(arg, "is_Matrix", False)]
        product = factors[0]
        for factor in factors[1:]:
            product = product * factor
        return product.applyfunc(lambda entry: scalar * entry)
    if isinstance(expr, sp.MatAdd):
        total = None
        for arg in expr.args:
            term = _explicit(arg, values)
            total = term if total is None else total + term
        return total
    if isinstance(expr, sp.HadamardProduct):
        product = None
        for arg in expr.args:
            factor = _explicit(arg, values)
            product = factor if product is None else product.multiply_elementwise(factor)
        return product
    if isinstance(expr, _Elementwise):
        return _explicit(expr.args[0], values).applyfunc(expr._function)
    if isinstance(expr, Broadcast):
        column = _explicit(expr.args[0], values)
        return sp.ImmutableMatrix(column.shape[0], int(expr.args[1]), lambda i, _j: column[i, 0])
    if isinstance(expr, SampleSum):
        arg = _explicit(expr.args[0], values)
        return sp.ImmutableMatrix(
            arg.shape[0], 1, lambda i, _j: sp.Add(*(arg[i, j] for j in range(arg.shape[1])))
        )
    message = f"cannot expand {type(expr).__name__}: {expr}"
    raise TypeError(message)


def _sigma_atoms_to_symbols(expr: Any) -> Any:
    """Replace σ′(u) by σ(u)(1 − σ(u)), then every σ(u) by a fresh symbol."""
    expr = expr.replace(sigma_prime, lambda u: sigma(u) * (1 - sigma(u)))
    atoms = sorted(expr.atoms(sigma), key=sp.default_sort_key)
    return expr.xreplace({atom: sp.Dummy(f"s{k}") for k, atom in enumerate(atoms)})


def reduce_to_zero(expr: Any) -> Any:
    """Reduce a scalar or matrix difference exactly; the result is 0 (or zeros) iff it vanishes.

    σ′ is replaced by σ(1 − σ) (``eq-sigmoid-derivative``), every σ value by an
    independent symbol, and the result is expanded: a polynomial that expands to 0
    vanishes for every value of those symbols, in particular for σ's. Expressions
    that still contain ``exp`` (the sigmoid's own proofs) are put over a common
    denominator and cancelled instead.
    """
    if isinstance(expr, sp.MatrixBase):
        return sp.ImmutableMatrix(expr.shape[0], expr.shape[1], [reduce_to_zero(e) for e in expr])
    reduced = sp.expand(_sigma_atoms_to_symbols(sp.sympify(expr)))
    if reduced.has(sp.exp):
        reduced = sp.cancel(sp.together(reduced))
    return reduced
