r"""Write the playground's script, ``network.js``, from its template and the proved results.

``python -m derivations`` writes ``docs/_static/playground/network.js`` with what
:func:`generate` returns; ``--check`` fails when the committed file differs. The
script is classic (no ES module: browsers refuse those from ``file://``) and
defines the global ``backpropJS`` that ``../shared/DESIGN.md`` fixes:
``forward``, ``backward``, ``step`` and ``train`` on plain nested arrays.

It is made of two parts, kept apart:

* the hand-written JavaScript, in the template ``derivations/javascript_template.js``
  (:data:`TEMPLATE`): the file's header, the loops over entries and sums over a range,
  input checks, the walk that ``backprop.Network`` does (layer after layer forward,
  the δ recursion backward, one step per epoch) and the centred finite differences of
  "check my gradients": no formula of the derivations. It is a real ``.js`` file, so
  ``node --check`` reads it (``tests/test_javascript.py`` does).
* every formula, printed by SymPy's JavaScript code printer
  (:func:`derivations.javascript_printer.javascript`) from an expression taken out of a
  :class:`~derivations.result.Result` of :data:`~derivations.REGISTRY`: the scalar
  functions of :mod:`derivations.javascript_scalars` (σ, σ′ and the losses, printed so
  that nothing overflows float64) and the matrix functions of
  :mod:`derivations.javascript_matrices` (one loop over the entries of a matrix
  statement, printed for symbolic sizes).

:func:`fill` joins them: each marker line ``// @insert NAME`` of the template is
replaced by the printed block ``NAME``, indented as the marker is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from importlib import resources

from derivations.generate import GeneratedFile
from derivations.javascript_matrices import MATRIX_FUNCTIONS, emit_matrix_function
from derivations.javascript_scalars import scalar_functions

__all__ = ["FOLDER", "NAME", "TEMPLATE", "fill", "generate", "read_template", "text"]

#: Where ``python -m derivations`` writes the script (relative to the repository root), and
#: its file name; the folder's other files are the hand-written interface.
FOLDER = "docs/_static/playground"
NAME = "network.js"
#: The hand-written part of the script, a file of the ``derivations`` package.
TEMPLATE = "javascript_template.js"

#: A line of the template that starts with this is a note about the template, left out.
NOTE = "//!"
#: A marker: a whole line, ``// @insert NAME`` after the indentation the block takes.
_MARKER = re.compile(r"(?P<indent> *)// @insert (?P<name>[a-z][a-z-]*)")


def _indent(block: str, indent: str) -> str:
    # Blank lines stay empty, so the output has no trailing spaces.
    return "\n".join(f"{indent}{line}" if line else "" for line in block.splitlines())


def fill(template: str, blocks: Mapping[str, str]) -> str:
    """Return ``template`` with its notes left out and each marker replaced by its block.

    A line that starts with :data:`NOTE` (``//!``) is a note about the template and is
    dropped. A line that is, after its indentation, exactly ``// @insert NAME`` (``NAME``
    in lower case and hyphens) is a marker: it is replaced by ``blocks[NAME]``, every
    non-blank line of which is given the marker's indentation. Every other line is
    copied unchanged.

    Parameters
    ----------
    template : str
        The template's text.
    blocks : mapping of str to str
        The text for each marker, by name, unindented.

    Returns
    -------
    str
        The filled text.

    Raises
    ------
    ValueError
        If a line mentions ``@insert`` without being a marker, if a marker names no block
        or appears twice, or if a block has no marker; nothing is returned then.
    """
    lines = []
    used: list[str] = []
    for number, line in enumerate(template.splitlines(keepends=True), start=1):
        if line.startswith(NOTE):
            continue
        match = _MARKER.fullmatch(line.rstrip("\n"))
        if match is None:
            if "@insert" in line:
                message = (
                    f"template line {number} mentions @insert but is not a marker "
                    f"(expected a whole line `// @insert NAME`): {line.strip()!r}"
                )
                raise ValueError(message)
            lines.append(line)
            continue
        name = match["name"]
        if name not in blocks:
            message = f"template line {number}: no block named {name!r} (given: {sorted(blocks)})"
            raise ValueError(message)
        if name in used:
            message = f"template line {number}: the marker {name!r} appears a second time"
            raise ValueError(message)
        used.append(name)
        lines.append(_indent(blocks[name], match["indent"]) + line[len(line.rstrip("\n")) :])
    unused = sorted(set(blocks) - set(used))
    if unused:
        message = f"the template has no marker for the blocks {unused} (markers: {used})"
        raise ValueError(message)
    return "".join(lines)


def read_template() -> str:
    """Return the text of the template, :data:`TEMPLATE`."""
    return resources.files("derivations").joinpath(TEMPLATE).read_text(encoding="utf-8")


def text() -> str:
    """Return the full text of ``network.js``: the template filled with the printed blocks."""
    blocks = {
        "scalar-functions": "\n\n".join(scalar_functions()),
        "matrix-functions": "\n\n".join(emit_matrix_function(f) for f in MATRIX_FUNCTIONS),
    }
    return fill(read_template(), blocks)


def generate() -> list[GeneratedFile]:
    """Return the playground's generated script, ``network.js``, to write into :data:`FOLDER`."""
    return [GeneratedFile(f"{FOLDER}/{NAME}", text())]
