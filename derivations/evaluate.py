"""Evaluate derived SymPy expressions to 50 significant digits with mpmath.

The generated tests need each derived expression's value at fixed sample points.
The sample points are float64 numbers taken as *exact* rationals (an ``mpf`` built
from a float is exact), so the only error left in a comparison is the float64
arithmetic of the implementation under test. :func:`evaluate` walks the expression
tree (sharing common subexpressions, which matter for the nested σ of a composed
loss) at 60 digits of working precision, and :func:`to_float` rounds the result
once, to the nearest float64.

σ is evaluated from its definition ``1 / (1 + exp(−x))`` (``eq-sigmoid``) and σ′ as
``σ(x)(1 − σ(x))`` (``eq-sigmoid-derivative``, proved). A mapping entry for
``sigma(u)`` overrides the value of σ at ``u``: that is how a closed form stated
with σ′(z) is evaluated for an implementation that receives ``a = σ(z)``
(``eq-sigmoid-derivative-output``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import mpmath
import sympy as sp

from derivations.notation import sigma, sigma_prime

__all__ = ["DIGITS", "evaluate", "to_float"]

#: Significant digits the expected values are computed to (10 more are kept as guard digits).
DIGITS = 50


def evaluate(expr: Any, values: Mapping[Any, float]) -> Any:
    """Return ``expr`` at ``values`` as an ``mpmath.mpf`` with at least :data:`DIGITS` digits.

    Parameters
    ----------
    expr : sympy.Expr
        A scalar expression in symbols (or matrix elements), σ, σ′, exp and rationals.
    values : mapping
        The value of every free symbol, as float (taken exactly); entries for
        ``sigma(u)`` override σ at ``u``.

    Returns
    -------
    mpmath.mpf
        The value.
    """
    with mpmath.workdps(DIGITS + 10):
        exact = {key: mpmath.mpf(value) for key, value in values.items()}
        return _evaluate(sp.sympify(expr), exact, {})


def _evaluate(expr: Any, values: dict[Any, Any], memo: dict[Any, Any]) -> Any:
    if expr in values:
        return values[expr]
    if expr in memo:
        return memo[expr]
    if expr.is_Rational:
        result = mpmath.mpf(int(expr.p)) / int(expr.q)
    elif expr.is_Add:
        result = mpmath.fsum(_evaluate(arg, values, memo) for arg in expr.args)
    elif expr.is_Mul:
        result = mpmath.fprod(_evaluate(arg, values, memo) for arg in expr.args)
    elif expr.is_Pow:
        base = _evaluate(expr.base, values, memo)
        exponent = expr.exp
        result = (
            base ** int(exponent)
            if exponent.is_Integer
            else base ** _evaluate(exponent, values, memo)
        )
    elif isinstance(expr, sp.exp):
        result = mpmath.exp(_evaluate(expr.args[0], values, memo))
    elif isinstance(expr, sigma):
        result = 1 / (1 + mpmath.exp(-_evaluate(expr.args[0], values, memo)))
    elif isinstance(expr, sigma_prime):
        s = _evaluate(sigma(expr.args[0]), values, memo)
        result = s * (1 - s)
    else:
        message = f"cannot evaluate {expr!r} (type {type(expr).__name__}): no value given"
        raise ValueError(message)
    memo[expr] = result
    return result


def to_float(value: Any) -> float:
    """Round an ``mpf`` to the nearest float64."""
    return float(mpmath.libmp.to_float(value._mpf_, rnd=mpmath.libmp.round_nearest))
