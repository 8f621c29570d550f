"""Write the small intersphinx inventories in this folder (no network needed, or used).

The site is built where there is no network, so intersphinx cannot download NumPy's,
SymPy's or Python's ``objects.inv``. Instead, this script writes an inventory of its own for
each project, listing only the objects the site refers to, each with its real URL on that
project's documentation. ``conf.py`` maps them::

    intersphinx_mapping = {"numpy": ("https://numpy.org/doc/stable/", "_intersphinx/numpy-objects.inv"), ...}

so links on the built site go to the real pages. To link a new object, add a line below and
run ``python docs/_intersphinx/make_inventories.py``; commit the ``*.inv`` files. The output is
deterministic (same input, same bytes).
"""

from __future__ import annotations

import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (name, domain:role, relative URI on the project's site). "$" in a URI stands for the name.
NUMPY_GENERATED = "reference/generated/$.html#$"
NUMPY: dict[str, object] = {
    "project": "NumPy",
    "version": "stable",
    "objects": [
        ("numpy.ndarray", "py:class", NUMPY_GENERATED),
        ("numpy.dtype", "py:class", NUMPY_GENERATED),
        ("numpy.float64", "py:class", "reference/arrays.scalars.html#$"),
        ("numpy.floating", "py:class", "reference/arrays.scalars.html#$"),
        ("numpy.random.default_rng", "py:function", "reference/random/generator.html#$"),
        ("numpy.random.Generator", "py:class", "reference/random/generator.html#$"),
        (
            "numpy.random.Generator.standard_normal",
            "py:method",
            "reference/random/generated/$.html#$",
        ),
        ("numpy.typing.ArrayLike", "py:data", "reference/typing.html#$"),
        ("numpy.typing.NDArray", "py:data", "reference/typing.html#$"),
        ("numpy.exp", "py:data", NUMPY_GENERATED),
        ("numpy.exp", "py:function", NUMPY_GENERATED),
        ("numpy.logaddexp", "py:data", NUMPY_GENERATED),
        ("numpy.logaddexp", "py:function", NUMPY_GENERATED),
        ("numpy.log", "py:data", NUMPY_GENERATED),
        ("numpy.log", "py:function", NUMPY_GENERATED),
        ("numpy.log1p", "py:data", NUMPY_GENERATED),
        ("numpy.log1p", "py:function", NUMPY_GENERATED),
        ("numpy.expm1", "py:data", NUMPY_GENERATED),
        ("numpy.expm1", "py:function", NUMPY_GENERATED),
        ("numpy.abs", "py:data", NUMPY_GENERATED),
        ("numpy.abs", "py:function", NUMPY_GENERATED),
        ("numpy.maximum", "py:data", NUMPY_GENERATED),
        ("numpy.maximum", "py:function", NUMPY_GENERATED),
        ("numpy.isfinite", "py:data", NUMPY_GENERATED),
        ("numpy.isfinite", "py:function", NUMPY_GENERATED),
        ("numpy.clip", "py:function", NUMPY_GENERATED),
        ("numpy.where", "py:function", NUMPY_GENERATED),
        ("numpy.array", "py:function", NUMPY_GENERATED),
        ("numpy.ones", "py:function", NUMPY_GENERATED),
        ("numpy.full", "py:function", NUMPY_GENERATED),
        ("numpy.linspace", "py:function", NUMPY_GENERATED),
        ("numpy.meshgrid", "py:function", NUMPY_GENERATED),
        ("numpy.stack", "py:function", NUMPY_GENERATED),
        ("numpy.einsum", "py:function", NUMPY_GENERATED),
        ("numpy.matmul", "py:data", NUMPY_GENERATED),
        ("numpy.matmul", "py:function", NUMPY_GENERATED),
        ("numpy.sum", "py:function", NUMPY_GENERATED),
        ("numpy.mean", "py:function", NUMPY_GENERATED),
        ("numpy.outer", "py:function", NUMPY_GENERATED),
        ("numpy.asarray", "py:function", NUMPY_GENERATED),
        ("numpy.zeros", "py:function", NUMPY_GENERATED),
        ("numpy.allclose", "py:function", NUMPY_GENERATED),
        ("numpy.isclose", "py:function", NUMPY_GENERATED),
        ("numpy.array_equal", "py:function", NUMPY_GENERATED),
        ("numpy.savez", "py:function", NUMPY_GENERATED),
        ("numpy.load", "py:function", NUMPY_GENERATED),
        ("numpy.errstate", "py:class", NUMPY_GENERATED),
        ("numpy.testing.assert_allclose", "py:function", NUMPY_GENERATED),
        ("numpy.lib.npyio.NpzFile", "py:class", NUMPY_GENERATED),
    ],
}

SYMPY_CORE = "modules/core.html#$"
SYMPY: dict[str, object] = {
    "project": "SymPy",
    "version": "latest",
    "objects": [
        ("sympy.core.expr.Expr", "py:class", SYMPY_CORE),
        ("sympy.core.basic.Basic", "py:class", SYMPY_CORE),
        ("sympy.core.symbol.Symbol", "py:class", SYMPY_CORE),
        ("sympy.core.symbol.symbols", "py:function", SYMPY_CORE),
        ("sympy.core.function.Function", "py:class", SYMPY_CORE),
        ("sympy.core.function.Derivative", "py:class", SYMPY_CORE),
        ("sympy.core.function.diff", "py:function", SYMPY_CORE),
        ("sympy.core.function.expand", "py:function", SYMPY_CORE),
        ("sympy.core.function.Subs", "py:class", SYMPY_CORE),
        ("sympy.core.basic.Basic.subs", "py:method", SYMPY_CORE),
        ("sympy.core.basic.Basic.xreplace", "py:method", SYMPY_CORE),
        ("sympy.core.sympify.sympify", "py:function", SYMPY_CORE),
        ("sympy.core.add.Add", "py:class", SYMPY_CORE),
        ("sympy.core.mul.Mul", "py:class", SYMPY_CORE),
        ("sympy.core.power.Pow", "py:class", SYMPY_CORE),
        ("sympy.core.numbers.Float", "py:class", SYMPY_CORE),
        (
            "sympy.core.relational.Eq",
            "py:class",
            "modules/core.html#sympy.core.relational.Equality",
        ),
        (
            "sympy.functions.elementary.exponential.log",
            "py:class",
            "modules/functions/elementary.html#$",
        ),
        (
            "sympy.matrices.expressions.HadamardProduct",
            "py:class",
            "modules/matrices/expressions.html#$",
        ),
        (
            "sympy.matrices.expressions.Transpose",
            "py:class",
            "modules/matrices/expressions.html#$",
        ),
        ("sympy.matrices.expressions.MatMul", "py:class", "modules/matrices/expressions.html#$"),
        ("sympy.core.relational.Equality", "py:class", SYMPY_CORE),
        ("sympy.core.numbers.Rational", "py:class", SYMPY_CORE),
        ("sympy.core.numbers.Integer", "py:class", SYMPY_CORE),
        ("sympy.simplify.simplify.simplify", "py:function", "modules/simplify/simplify.html#$"),
        ("sympy.printing.latex.latex", "py:function", "modules/printing.html#$"),
        (
            "sympy.functions.elementary.exponential.exp",
            "py:class",
            "modules/functions/elementary.html#$",
        ),
        ("sympy.matrices.dense.Matrix", "py:class", "modules/matrices/dense.html#$"),
        (
            "sympy.matrices.dense.MutableDenseMatrix",
            "py:class",
            "modules/matrices/dense.html#$",
        ),
        (
            "sympy.matrices.expressions.MatrixSymbol",
            "py:class",
            "modules/matrices/expressions.html#$",
        ),
        ("sympy.utilities.lambdify.lambdify", "py:function", "modules/utilities/lambdify.html#$"),
        # The names people write, pointing at the same pages as the full paths.
        ("sympy.Expr", "py:class", "modules/core.html#sympy.core.expr.Expr"),
        ("sympy.Basic", "py:class", "modules/core.html#sympy.core.basic.Basic"),
        ("sympy.Symbol", "py:class", "modules/core.html#sympy.core.symbol.Symbol"),
        ("sympy.symbols", "py:function", "modules/core.html#sympy.core.symbol.symbols"),
        ("sympy.Function", "py:class", "modules/core.html#sympy.core.function.Function"),
        ("sympy.Derivative", "py:class", "modules/core.html#sympy.core.function.Derivative"),
        ("sympy.diff", "py:function", "modules/core.html#sympy.core.function.diff"),
        ("sympy.expand", "py:function", "modules/core.html#sympy.core.function.expand"),
        ("sympy.sympify", "py:function", "modules/core.html#sympy.core.sympify.sympify"),
        ("sympy.Subs", "py:class", "modules/core.html#sympy.core.function.Subs"),
        ("sympy.Rational", "py:class", "modules/core.html#sympy.core.numbers.Rational"),
        ("sympy.Integer", "py:class", "modules/core.html#sympy.core.numbers.Integer"),
        (
            "sympy.log",
            "py:class",
            "modules/functions/elementary.html#sympy.functions.elementary.exponential.log",
        ),
        (
            "sympy.HadamardProduct",
            "py:class",
            "modules/matrices/expressions.html#sympy.matrices.expressions.HadamardProduct",
        ),
        ("sympy.Eq", "py:class", "modules/core.html#sympy.core.relational.Equality"),
        (
            "sympy.simplify",
            "py:function",
            "modules/simplify/simplify.html#sympy.simplify.simplify.simplify",
        ),
        ("sympy.latex", "py:function", "modules/printing.html#sympy.printing.latex.latex"),
        (
            "sympy.exp",
            "py:class",
            "modules/functions/elementary.html#sympy.functions.elementary.exponential.exp",
        ),
        ("sympy.Matrix", "py:class", "modules/matrices/dense.html#sympy.matrices.dense.Matrix"),
        (
            "sympy.MatrixSymbol",
            "py:class",
            "modules/matrices/expressions.html#sympy.matrices.expressions.MatrixSymbol",
        ),
        (
            "sympy.lambdify",
            "py:function",
            "modules/utilities/lambdify.html#sympy.utilities.lambdify.lambdify",
        ),
    ],
}

PY_FUNCTIONS = "library/functions.html#$"
PY_STDTYPES = "library/stdtypes.html#$"
PYTHON: dict[str, object] = {
    "project": "Python",
    "version": "3",
    "objects": [
        ("int", "py:class", PY_FUNCTIONS),
        ("float", "py:class", PY_FUNCTIONS),
        ("bool", "py:class", PY_FUNCTIONS),
        ("object", "py:class", PY_FUNCTIONS),
        ("str", "py:class", PY_STDTYPES),
        ("tuple", "py:class", PY_STDTYPES),
        ("list", "py:class", PY_STDTYPES),
        ("dict", "py:class", PY_STDTYPES),
        ("None", "py:data", "library/constants.html#$"),
        ("True", "py:data", "library/constants.html#$"),
        ("False", "py:data", "library/constants.html#$"),
        ("ValueError", "py:exception", "library/exceptions.html#$"),
        ("TypeError", "py:exception", "library/exceptions.html#$"),
        ("KeyError", "py:exception", "library/exceptions.html#$"),
        ("AssertionError", "py:exception", "library/exceptions.html#$"),
        ("pathlib.Path", "py:class", "library/pathlib.html#$"),
        ("inspect.getsource", "py:function", "library/inspect.html#$"),
        ("inspect.signature", "py:function", "library/inspect.html#$"),
        ("inspect.getmodule", "py:function", "library/inspect.html#$"),
        ("importlib.import_module", "py:function", "library/importlib.html#$"),
        ("functools.partial", "py:function", "library/functools.html#$"),
        ("json.dumps", "py:function", "library/json.html#$"),
        ("json.loads", "py:function", "library/json.html#$"),
        ("time.perf_counter", "py:function", "library/time.html#$"),
        ("subprocess.run", "py:function", "library/subprocess.html#$"),
        ("sys.path", "py:data", "library/sys.html#$"),
        ("os.environ", "py:data", "library/os.html#$"),
        ("math.isclose", "py:function", "library/math.html#$"),
        ("NotImplementedError", "py:exception", "library/exceptions.html#$"),
        ("IndexError", "py:exception", "library/exceptions.html#$"),
        ("RuntimeError", "py:exception", "library/exceptions.html#$"),
        ("FloatingPointError", "py:exception", "library/exceptions.html#$"),
        ("OverflowError", "py:exception", "library/exceptions.html#$"),
        ("FileNotFoundError", "py:exception", "library/exceptions.html#$"),
        ("os.PathLike", "py:class", "library/os.html#$"),
        ("collections.abc.Mapping", "py:class", "library/collections.abc.html#$"),
        ("collections.abc.Sequence", "py:class", "library/collections.abc.html#$"),
        ("collections.abc.Iterator", "py:class", "library/collections.abc.html#$"),
        ("dataclasses.dataclass", "py:function", "library/dataclasses.html#$"),
        ("typing.Any", "py:data", "library/typing.html#$"),
        ("fractions.Fraction", "py:class", "library/fractions.html#$"),
        ("decimal.Decimal", "py:class", "library/decimal.html#$"),
    ],
}

INVENTORIES = {"numpy": NUMPY, "sympy": SYMPY, "python": PYTHON}


def inventory_bytes(spec: dict[str, object]) -> bytes:
    """Return the bytes of a version-2 Sphinx inventory (``objects.inv``) for ``spec``."""
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {spec['project']}\n"
        f"# Version: {spec['version']}\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    objects = spec["objects"]
    assert isinstance(objects, list)
    # Sphinx only expands a *trailing* "$", so write every URI out in full.
    lines = [
        f"{name} {role} 1 {uri.replace('$', name)} -\n" for name, role, uri in sorted(objects)
    ]
    return header.encode() + zlib.compress("".join(lines).encode(), 9)


def main() -> None:
    for key, spec in INVENTORIES.items():
        path = HERE / f"{key}-objects.inv"
        path.write_bytes(inventory_bytes(spec))
        print(f"wrote {path.name}: {len(spec['objects'])} objects")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
