"""Where a report's "read" link points: the local built site if there is one, else the online one.

A student offline must be able to open the link. So :func:`read_url` looks, in this order,
for a built copy of the site holding the label's page:

1. ``docs/_build/html`` of the checkout this package runs from (where ``nox -s docs``
   builds it);
2. the copy a wheel ships inside this package, ``selfcheck/site/`` (package data, if the
   build put one there);

and links to the page on disk (a ``file://`` URL). Without one, it links to the versioned
online site: ``Documentation`` of ``[project.urls]`` plus ``/en/v<version>/``, both read from
the installed metadata (``importlib.metadata``), or from the checkout's ``pyproject.toml``
when the package is not installed. The page of a label is found in the built HTML
(``id="equation-<label>"``), or in the docs sources for the online site; a label found
nowhere is linked to the site's search page.
"""

from __future__ import annotations

import functools
import importlib.metadata
import re
import tomllib
import urllib.parse
from importlib import resources
from pathlib import Path

__all__ = ["DISTRIBUTION", "built_sites", "label_pages", "online_base", "read_url"]

DISTRIBUTION = "backprop-derived"
ROOT = Path(__file__).resolve().parent.parent
CHECKOUT_SITE = ROOT / "docs" / "_build" / "html"
DOCS_SOURCES = ROOT / "docs"
#: The folder, inside this package, where a wheel may ship the built site.
SHIPPED_SITE = "site"

_ANCHOR = re.compile(rb'id="equation-(eq-[a-z0-9-]+)"')


def built_sites() -> list[Path]:
    """Return the built sites there are, best first: the checkout's, then the shipped copy."""
    found = []
    if (CHECKOUT_SITE / "index.html").is_file():
        found.append(CHECKOUT_SITE)
    shipped = Path(str(resources.files("selfcheck") / SHIPPED_SITE))
    if (shipped / "index.html").is_file():
        found.append(shipped)
    return found


@functools.cache
def _anchors(site: Path) -> dict[str, str]:
    """Map each equation label to the page of `site` that defines it (relative, posix)."""
    pages: dict[str, str] = {}
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        if relative.startswith(("_", "genindex", "search")):
            continue
        for label in _ANCHOR.findall(page.read_bytes()):
            pages.setdefault(label.decode(), relative)
    return pages


def label_pages(sources: Path = DOCS_SOURCES) -> dict[str, str]:
    """Map each equation label to its page (``derivations/output-delta.html``) from the sources."""
    pages: dict[str, str] = {}
    if not sources.is_dir():
        return pages
    for source in sorted(sources.glob("*/*.md")):
        for line in source.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith(":label: eq-"):
                label = line.split(":label:", 1)[1].strip()
                pages.setdefault(
                    label, source.relative_to(sources).with_suffix(".html").as_posix()
                )
    return pages


def _metadata() -> tuple[str, str]:
    """Return (Documentation URL, version): installed metadata, else the checkout's pyproject."""
    try:
        meta = importlib.metadata.metadata(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        pyproject = ROOT / "pyproject.toml"
        if not pyproject.is_file():
            return "", ""
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        return project.get("urls", {}).get("Documentation", ""), project.get("version", "")
    for entry in meta.get_all("Project-URL") or []:
        name, _, url = entry.partition(",")
        if name.strip() == "Documentation":
            return url.strip(), meta["Version"]
    return "", meta["Version"]


def online_base() -> str:
    """Return the versioned online site, ``<Documentation>/en/v<version>/``; "" if unknown."""
    url, version = _metadata()
    if not url or not version:
        return ""
    return f"{url.rstrip('/')}/en/v{version}/"


def read_url(label: str, sites: list[Path] | None = None) -> str:
    """Return the address to read `label` at, opening offline when a built site exists.

    Parameters
    ----------
    label : str
        An equation label (``eq-output-delta``).
    sites : list of Path, optional
        The built sites to look in (default: :func:`built_sites`).

    Returns
    -------
    str
        ``file:///.../derivations/output-delta.html#equation-eq-output-delta`` from the
        first built site that has the label; else the page on the versioned online site;
        else its search page for the label; the bare label when no address is known.
    """
    for site in built_sites() if sites is None else sites:
        page = _anchors(site.resolve()).get(label)
        if page is not None:
            return f"{(site.resolve() / page).as_uri()}#equation-{label}"
    base = online_base()
    if not base:
        return label
    page = label_pages().get(label)
    if page is None:
        return f"{base}search.html?q={urllib.parse.quote(label)}"
    return f"{base}{page}#equation-{label}"
