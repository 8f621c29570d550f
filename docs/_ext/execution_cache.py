"""Re-execute the pages when the Python code they import changes, not only their cells.

Upstream gap: jupyter-cache, which MyST-NB's ``nb_execution_mode = "cache"`` uses, keys a
page on its code cells only, so a page whose cells are unchanged keeps the outputs of the
old ``backprop``, ``derivations`` or ``selfcheck`` after that code changes. MyST-NB has no
setting that ties a page to the files it depends on:
https://github.com/executablebooks/MyST-NB/issues/299 (open).

What this does: at ``config-inited`` it hashes the project's Python sources and points
``nb_execution_cache_path`` at a folder named after that hash, beside the output folder
(``docs/_build/.jupyter_cache/<hash>`` for ``docs/_build/html``), so two output folders
never share a cache. New code, new folder: every page runs again; a prose-only edit
keeps the hash and the cache. The changed setting also makes Sphinx re-read every page,
which is what a changed API needs. Folders of other hashes left unused for ten minutes
are removed (younger ones may belong to a build still running).

At ``builder-inited``, still in the main process, it also creates the cache's database.
jupyter-cache creates it on first use, after checking that the file is missing
(``jupyter_cache.cache.db.create_db``); under ``sphinx-build -j`` the first use is in the
read workers, and two of them starting on a fresh cache both found it missing and one
failed with ``table nbproject already exists``. Created before the workers start, it is
there for all of them.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path
from typing import Any

from jupyter_cache import get_cache
from sphinx.application import Sphinx
from sphinx.config import Config

ROOT = Path(__file__).resolve().parents[2]

#: The code the pages import, and the data it reads: the generated cases the self-check
#: runs (``selfcheck/data/*.json``) and the playground's generated script.
SOURCES = ("backprop", "derivations", "selfcheck", "tests/generated", "docs/_static/playground")
#: The kinds of file whose change re-runs the pages.
PATTERNS = ("*.py", "*.json", "*.js")

#: Seconds a cache of another hash must have been unused before it is removed.
STALE_AFTER = 600


def code_fingerprint(root: Path = ROOT, sources: tuple[str, ...] = SOURCES) -> str:
    """Return a short hash of every file of :data:`PATTERNS` under ``sources`` (paths, bytes)."""
    digest = hashlib.sha256()
    for package in sources:
        found = {path for pattern in PATTERNS for path in (root / package).rglob(pattern)}
        for path in sorted(found):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _remove_stale(cache_root: Path, keep: str) -> None:
    if not cache_root.is_dir():
        return
    for folder in cache_root.iterdir():
        database = folder / "global.db"
        idle = time.time() - (database.stat().st_mtime if database.exists() else 0)
        if folder.name != keep and idle > STALE_AFTER:
            shutil.rmtree(folder, ignore_errors=True)


def _use_cache_of_this_code(app: Sphinx, config: Config) -> None:
    key = code_fingerprint()
    cache_root = Path(app.outdir).parent / ".jupyter_cache"
    _remove_stale(cache_root, keep=key)
    config.nb_execution_cache_path = str(cache_root / key)


def create_database(path: str | Path) -> Path:
    """Create the jupyter-cache database of the cache folder ``path`` if it is missing.

    Parameters
    ----------
    path : str or Path
        The cache folder (``nb_execution_cache_path``); created if missing.

    Returns
    -------
    Path
        The database file, which exists on return.
    """
    cache = get_cache(path)
    # Reading the engine creates the folder, the tables and the version file, once.
    cache.db.dispose()
    return Path(path) / "global.db"


def _create_database_before_reading(app: Sphinx) -> None:
    if app.config.nb_execution_mode == "cache":
        create_database(app.config.nb_execution_cache_path)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the handlers; the first must run before MyST-NB reads the cache path."""
    app.connect("config-inited", _use_cache_of_this_code)
    app.connect("builder-inited", _create_database_before_reading)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
