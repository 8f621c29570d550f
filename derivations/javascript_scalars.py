r"""The playground's scalar formulas: σ, σ′, the two losses, printed overflow-safe.

:func:`scalar_functions` returns the JavaScript functions ``sigmoid``,
``sigmoidPrime``, ``sigmoidDerivative``, ``squaredError``, ``crossEntropyTerm`` and
``crossEntropy``, each printed by :func:`~derivations.javascript_printer.javascript`
from a :class:`~derivations.result.Result` of :data:`~derivations.REGISTRY`.

Two results are printed in a rearranged form, each rearrangement checked here by
SymPy before anything is written:

* σ (``eq-sigmoid``): JavaScript numbers are float64, and ``1/(1 + e^{-z})``
  overflows ``e^{-z}`` for z below −log(largest float64) ≈ −709.78. Below that
  the script uses the result's second form ``e^{z}/(1 + e^{z})``, in which the
  exponential lies in (0, 1): the same two branches as ``backprop.sigmoid``.
  The proof of ``eq-sigmoid`` shows the two forms are one function, and
  :func:`sigmoid_branches` checks again that each printed branch is one of them.
* one term of the cross-entropy (``eq-cross-entropy``): the result's
  overflow-free form ``log(1 + e^{z}) − y z`` still overflows ``e^{z}`` in
  float64 for z above 709.78, and loses every digit to cancellation when
  ``y = 1`` and z is large. For z ≥ 0 the script uses
  ``(1 − y) z + log(1 + e^{−z})`` (``log(1 + e^{z}) = z + log(1 + e^{−z})``,
  checked by :func:`softplus_identity`), and ``log(1 + u)`` becomes
  ``Math.log1p(u)``: the exponential never exceeds 1, and no large terms cancel.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from derivations import REGISTRY
from derivations.javascript_printer import (
    Argument,
    half_sum_of_squares,
    indices,
    javascript,
    shape_lines,
)
from derivations.notation import sigma

__all__ = ["cross_entropy_term", "scalar_functions", "sigmoid_branches", "softplus_identity"]

# The threshold below which e^{-z} overflows float64, a constant of the script's template.
_THRESHOLD = sp.Symbol("EXP_OVERFLOWS_BELOW", real=True)
_Z, _Y, _A = sp.symbols("z y a", real=True)
_log1p = sp.Function("log1p")
_term = sp.Function("crossEntropyTerm")


def sigmoid_branches() -> tuple[Any, Any]:
    """Return eq-sigmoid's definition and its overflow-free form, as functions of z.

    Raises
    ------
    ArithmeticError
        If either form is not σ(z) = 1/(1 + exp(−z)).
    """
    result = REGISTRY["eq-sigmoid"]
    (x,) = result.lhs.args
    definition = result.rhs.xreplace({x: _Z})
    stable = result.steps[1].rhs.xreplace({x: _Z})
    for form in (definition, stable):
        if sp.cancel(sp.together(form - sigma(_Z).rewrite(sp.exp))) != 0:
            message = f"{form} is not σ(z) = 1/(1 + exp(−z))"
            raise ArithmeticError(message)
    return definition, stable


def softplus_identity() -> tuple[Any, Any]:
    """Return log(1 + e^z) and z + log(1 + e^−z), checked to be one function of z.

    Equal derivatives (cancelled to 0 exactly) and equal values at z = 0, as the proof
    of eq-cross-entropy argues for its own two forms.

    Raises
    ------
    ArithmeticError
        If the two forms differ.
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


def cross_entropy_term() -> Any:
    """Return one term of eq-cross-entropy, in z and y, as printed: two branches by z's sign.

    Raises
    ------
    ValueError
        If eq-cross-entropy's last step no longer contains log(1 + e^z).
    """
    result = REGISTRY["eq-cross-entropy"]
    stable = result.steps[-1].rhs
    z, y = (next(s for s in stable.free_symbols if s.name == name) for name in ("z", "y"))
    stable = stable.xreplace({z: _Z, y: _Y})
    softplus, shifted = softplus_identity()
    if not stable.has(softplus):
        message = f"eq-cross-entropy's last step {stable} does not contain {softplus}"
        raise ValueError(message)
    positive = sp.collect(sp.expand(stable.subs(softplus, shifted)), _Z)
    return sp.Piecewise(
        (_with_log1p(positive), _Z >= 0), (_with_log1p(stable), True), evaluate=False
    )


def scalar_functions() -> list[str]:
    """Return the printed scalar functions, one JavaScript block each, unindented."""
    definition, stable = sigmoid_branches()
    sigmoid = sp.Piecewise((definition, _Z >= _THRESHOLD), (stable, True), evaluate=False)
    prime = REGISTRY["eq-sigmoid-derivative"]
    (x,) = prime.lhs.args
    derivative_output = REGISTRY["eq-sigmoid-derivative-output"]
    (a,) = derivative_output.rhs.free_symbols
    loss = REGISTRY["eq-loss"]
    loss_names = {"a^{(2)}": Argument("a", "n", "m"), "y": Argument("y", "n", "m")}
    fresh = indices()
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
        + "\n".join(shape_lines(tuple(loss_names.values())))
        + f"\n  return {javascript(half_sum_of_squares(loss.rhs, loss_names))};\n}}",
        (
            "// One term of the cross-entropy, eq-cross-entropy's log(1 + e^z) − y z, finite for every\n"
            "// float64 z: (1 − y) z + log(1 + e^(−z)) for z ≥ 0, so that e^(±z) never exceeds 1.\n"
            f"function crossEntropyTerm(z, y) {{\n  return {javascript(cross_entropy_term())};\n}}"
        ),
        "// The cross-entropy L of the output pre-activations z, summed over outputs and samples,\n"
        "// eq-cross-entropy.\n"
        "function crossEntropy(z, y) {\n"
        + "\n".join(shape_lines((Argument("z", "n", "m"), Argument("y", "n", "m"))))
        + f"\n  return {javascript(cross_entropy_sum)};\n}}",
    ]
