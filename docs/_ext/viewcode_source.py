"""Give ``sphinx.ext.viewcode`` our own modules' source by path, without importing them.

Upstream gap: to learn a module's file, viewcode asks
``ModuleAnalyzer.get_module_source``, which imports the module, on every build, even when
nothing changed and nothing else imports it; importing ``derivations`` builds its
registry with SymPy, about a second of work to learn a file name. Sphinx has no setting to
give viewcode source folders instead: https://github.com/sphinx-doc/sphinx/issues/4035
(closed; the proposed ``viewcode_source_dirs`` of
https://github.com/sphinx-doc/sphinx/pull/4237 was never merged). Its documented way
out is the ``viewcode-find-source`` event, which this module handles.

What this does: for a module of the packages in :data:`PACKAGES` it reads the file under
the repository root and returns its source and tags (where each class and function
starts and ends, parsed by Sphinx's own ``ModuleAnalyzer``); for any other module it
returns None, and viewcode falls back to importing, as usual.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer

ROOT = Path(__file__).resolve().parents[2]

#: Top-level packages of this repository whose source pages viewcode writes.
PACKAGES = frozenset({"backprop", "derivations", "selfcheck"})


def module_file(modname: str, root: Path = ROOT) -> Path | None:
    """Return the source file of ``modname`` in the repository, or None if it is not ours."""
    parts = modname.split(".")
    if parts[0] not in PACKAGES:
        return None
    base = root.joinpath(*parts)
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _find_source(app: Sphinx, modname: str) -> tuple[str, dict[str, tuple[str, int, int]]] | None:
    del app
    path = module_file(modname)
    if path is None:
        return None
    source = path.read_text(encoding="utf-8")
    analyzer = ModuleAnalyzer.for_string(source, modname, str(path))
    return source, analyzer.find_tags()


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the handler of ``viewcode-find-source`` (an event viewcode defines)."""
    app.setup_extension("sphinx.ext.viewcode")
    app.connect("viewcode-find-source", _find_source)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
