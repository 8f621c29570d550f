"""Hatchling build hook: ship the built site in the wheel, as ``selfcheck/site/``.

The self-check's "read" links open the site on disk when there is one
(``selfcheck/links.py``): in a checkout that is ``docs/_build/html``; after
``pip install`` it is this copy. So a wheel built after ``nox -s docs`` carries the site,
and one built without a site is still a good wheel (its links go to the online site).

A wheel must never carry a stale or a half site. The copy is shipped only when

- ``docs/_build/html/index.html`` exists (Sphinx writes the pages last; a build that
  stopped early leaves no index or an old one, caught by the next two rules),
- every equation label of the docs sources has its anchor in the built HTML (a half site
  lacks some), and
- no docs source and no file of the packages the pages run is newer than the newest file
  of the built site (after an edit, a rebuild rewrites the pages that depend on it; an
  edit not yet built leaves a source newer than every page).

Otherwise the site is left out and the build says why. ``BACKPROP_WHEEL_SITE=require``
turns leaving it out into an error (the nox ``site`` session sets it);
``BACKPROP_WHEEL_SITE=skip`` never ships it. Editable installs never copy it: they run
from the checkout, whose own ``docs/_build/html`` the links find first.

Left out of the copy: ``.doctrees`` (Sphinx's pickled state, more than half the folder)
and ``.buildinfo``; the pages, ``_static``, ``_sources`` (the pages' "view source" links)
and the PDF stay.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SITE = Path("docs") / "_build" / "html"
TARGET = "selfcheck/site"
ENV = "BACKPROP_WHEEL_SITE"
#: Parts of the built folder the links never need.
LEFT_OUT = (".doctrees", ".buildinfo")
#: What the pages are made from: a change to any of these needs a rebuild.
SOURCES = ("docs", "backprop", "derivations", "selfcheck")

_LABEL = re.compile(r"^\s*:label:\s*(eq-[a-z0-9-]+)\s*$", re.MULTILINE)
_ANCHOR = re.compile(rb'id="equation-(eq-[a-z0-9-]+)"')


def _source_files(root: Path) -> list[Path]:
    files = []
    for name in SOURCES:
        for path in (root / name).rglob("*"):
            parts = path.relative_to(root).parts
            if path.is_file() and "_build" not in parts and "__pycache__" not in parts:
                files.append(path)
    return files


def site_problem(root: Path) -> str:
    """Return why the built site under `root` must not be shipped; "" when it may be."""
    site = root / SITE
    if not (site / "index.html").is_file():
        return f"there is no built site ({SITE / 'index.html'} does not exist)"
    pages = [p for p in site.rglob("*") if p.is_file() and not _left_out(p.relative_to(site))]
    labels = {
        label
        for source in (root / "docs").glob("*/*.md")
        for label in _LABEL.findall(source.read_text(encoding="utf-8"))
    }
    anchors = {
        anchor.decode()
        for page in pages
        if page.suffix == ".html"
        for anchor in _ANCHOR.findall(page.read_bytes())
    }
    missing = sorted(labels - anchors)
    if missing:
        return f"the built site is incomplete: no page has {', '.join(missing[:5])}"
    newest_page = max(p.stat().st_mtime for p in pages)
    newer = sorted(
        p.relative_to(root).as_posix()
        for p in _source_files(root)
        if p.stat().st_mtime > newest_page
    )
    if newer:
        return f"the built site is older than {', '.join(newer[:5])}: rebuild it (nox -s docs)"
    return ""


def _left_out(relative: Path) -> bool:
    return relative.parts[0] in LEFT_OUT


class SiteHook(BuildHookInterface):  # type: ignore[type-arg]
    """Put ``docs/_build/html`` into the wheel as ``selfcheck/site`` when it is complete."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Add the site's files to ``force_include``, or say why it is left out."""
        mode = os.environ.get(ENV, "")
        if mode not in ("", "require", "skip"):
            msg = f"{ENV} must be 'require', 'skip' or unset; got {mode!r}"
            raise ValueError(msg)
        if version == "editable" or mode == "skip":
            return
        root = Path(self.root)
        problem = site_problem(root)
        if problem:
            if mode == "require":
                msg = f"{ENV}=require, but the wheel cannot ship the site: {problem}"
                raise RuntimeError(msg)
            self.app.display_warning(f"wheel without the built site: {problem}")
            return
        site = root / SITE
        files = sorted(
            p for p in site.rglob("*") if p.is_file() and not _left_out(p.relative_to(site))
        )
        for path in files:
            build_data["force_include"][str(path)] = (
                f"{TARGET}/{path.relative_to(site).as_posix()}"
            )
        self.app.display_info(f"wheel ships the built site: {len(files)} files as {TARGET}/")
