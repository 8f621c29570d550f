"""The citations of the site and of each stable label, written in one place.

The cite page, the "Cite" box under every labelled equation and the coursework LaTeX test
(``tests/test_citation_latex.py``) all render their BibTeX and plain-text citations with
:func:`site_citation` and :func:`label_citation`, so what a student copies from under an
equation is exactly what was compiled under pdflatex, xelatex, BibTeX and biber.

Why the entries look the way they do:

- Every field is ASCII or LaTeX that base LaTeX knows. pdflatex rejects raw Unicode such as
  δ or ⊙ unless the student's preamble sets it up, and the classic styles print ``note``
  and ``title``; a title that is not ASCII is refused here, with the offending character.
- The classic styles (plain, unsrt, alpha) ignore ``url``, ``urldate`` and ``version``, so
  the address goes in ``howpublished`` (as ``\\url``, which hyperref or url provide) and the
  version and the date of access go in ``note``. biblatex prints both kinds; the duplicate
  is the price of one entry that compiles everywhere.
- In ``howpublished`` the ``#`` of the anchor is written ``\\#``: biblatex stores fields in
  macros, where a bare ``#`` is a parameter and stops the run. ``url`` is verbatim, so it
  keeps the bare ``#``.
- The addresses point at the versioned copy of the site (``/en/v<version>/``), so a
  citation says next year what it said when it was written.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

#: The key of the whole site; each label's key is ``backprop-derived:<label>``.
SITE_KEY = "backprop-derived"
SITE_TITLE = "backprop-derived: Backpropagation, derived and proved"
AUTHOR = "The backprop-derived authors"

_LABEL = re.compile(r"eq-[a-z0-9]+(?:-[a-z0-9]+)*")
# The characters (La)TeX gives a meaning in text: escaped, so a title prints as written.
_TEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}


@dataclass(frozen=True)
class Project:
    """What a citation needs to know about the project: read from ``pyproject.toml``.

    Attributes
    ----------
    version : str
        ``[project] version``.
    documentation : str
        ``[project.urls] Documentation``, the site's address without a version.
    """

    version: str
    documentation: str

    @property
    def base_url(self) -> str:
        """The address of this version's copy of the site, ending in ``/``.

        Read the Docs serves a tag ``v0.1.0`` at ``/en/v0.1.0/``; a ``/en/latest``
        or ``/en/stable`` suffix on the documentation address is replaced by it.
        """
        root = re.sub(r"/en/(?:latest|stable)$", "", self.documentation.rstrip("/"))
        return f"{root}/en/v{self.version}/"


def read_project(pyproject: Path) -> Project:
    """Read the version and the documentation address, the one place they are written.

    Parameters
    ----------
    pyproject : Path
        The project's ``pyproject.toml``.

    Returns
    -------
    Project

    Raises
    ------
    ValueError
        When either value is missing, with the table and key that were expected.
    """
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    project = data.get("project", {})
    version = project.get("version")
    documentation = project.get("urls", {}).get("Documentation")
    if not isinstance(version, str) or not version:
        msg = f"{pyproject}: expected a string [project] version, found {version!r}"
        raise ValueError(msg)
    if not isinstance(documentation, str) or not documentation.startswith("https://"):
        msg = (
            f"{pyproject}: expected an https address in [project.urls] Documentation, "
            f"found {documentation!r}"
        )
        raise ValueError(msg)
    return Project(version=version, documentation=documentation)


@dataclass(frozen=True)
class Citation:
    """One citable thing, in the two forms the site offers.

    Attributes
    ----------
    key : str
        The BibTeX key: ``backprop-derived`` or ``backprop-derived:<label>``.
    url : str
        The versioned address (with ``#equation-<label>`` for a label).
    bibtex : str
        The BibTeX entry, ASCII only.
    text : str
        The plain-text citation, for documents written without LaTeX.
    """

    key: str
    url: str
    bibtex: str
    text: str


def tex_text(text: str) -> str:
    """Escape ASCII text for a BibTeX field that LaTeX typesets.

    Parameters
    ----------
    text : str
        ASCII text, such as a result's title.

    Returns
    -------
    str
        The text with LaTeX's special characters escaped.

    Raises
    ------
    ValueError
        When the text holds a character that is not ASCII: pdflatex stops on it unless the
        document sets it up, so the title must be written in ASCII (or LaTeX) instead.
    """
    for position, char in enumerate(text):
        if not char.isascii():
            msg = (
                f"expected ASCII in a citation field, found {char!r} (U+{ord(char):04X}) at "
                f"position {position} of {text!r}: pdflatex rejects it without a preamble "
                "that sets it up"
            )
            raise ValueError(msg)
    return "".join(_TEX_SPECIALS.get(char, char) for char in text)


def _entry(key: str, fields: list[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in fields)
    lines = [f"  {name.ljust(width)} = {{{value}}}," for name, value in fields]
    return f"@misc{{{key},\n" + "\n".join(lines) + "\n}"


def _citation(key: str, title: str, url: str, project: Project, accessed: date) -> Citation:
    # Braces around the title keep the classic styles from lower-casing "W(2)" or "L".
    fields = [
        ("author", f"{{{AUTHOR}}}"),
        ("title", f"{{{tex_text(title)}}}"),
        ("year", str(accessed.year)),
        ("version", project.version),
        ("howpublished", "\\url{" + url.replace("#", "\\#") + "}"),
        ("url", url),
        ("urldate", accessed.isoformat()),
        ("note", f"Version {project.version}, accessed {accessed.isoformat()}"),
    ]
    text = (
        f"{AUTHOR} ({accessed.year}). {title}. Version {project.version}. {url} "
        f"(accessed {accessed.isoformat()})."
    )
    return Citation(key=key, url=url, bibtex=_entry(key, fields), text=text)


def site_citation(project: Project, accessed: date) -> Citation:
    """The citation of the whole site.

    Parameters
    ----------
    project : Project
        The version and address, from :func:`read_project`.
    accessed : date
        The date of access the entry records (the site writes the day it was built).

    Returns
    -------
    Citation
    """
    return _citation(SITE_KEY, SITE_TITLE, project.base_url, project, accessed)


def label_citation(
    label: str, title: str, docname: str, project: Project, accessed: date
) -> Citation:
    """The citation of one stable label, pointing at its permanent anchor.

    Parameters
    ----------
    label : str
        A stable equation label, such as ``eq-hidden-delta``.
    title : str
        The result's title (``Result.title``), ASCII.
    docname : str
        The page that defines the label, such as ``derivations/hidden-delta``.
    project : Project
        The version and address, from :func:`read_project`.
    accessed : date
        The date of access the entry records.

    Returns
    -------
    Citation
        Keyed ``backprop-derived:<label>``, with the URL
        ``<versioned base><docname>.html#equation-<label>``.

    Raises
    ------
    ValueError
        When the label is not of the stable form ``eq-<words>`` or the title is not ASCII.
    """
    if not _LABEL.fullmatch(label):
        msg = f"expected a stable label such as 'eq-hidden-delta', got {label!r}"
        raise ValueError(msg)
    url = f"{project.base_url}{docname}.html#equation-{label}"
    full_title = f"{SITE_KEY}: {title} ({label})"
    return _citation(f"{SITE_KEY}:{label}", full_title, url, project, accessed)


_LABEL_LINE = re.compile(r"^\s*:label:\s*(?P<label>eq-[a-z0-9-]+)\s*$", re.MULTILINE)


def label_pages(docs: Path) -> dict[str, str]:
    """Map each label to the page whose ``glue:math`` directive carries it, from the sources.

    The Sphinx extension asks Sphinx itself (the math domain); this is for code that runs
    without a build, such as the coursework test.

    Parameters
    ----------
    docs : Path
        The Sphinx source folder.

    Returns
    -------
    dict of str to str
        Label to docname (``derivations/hidden-delta``), sorted by label.
    """
    pages = {}
    for source in sorted(docs.glob("[!_]*/*.md")):
        docname = source.relative_to(docs).with_suffix("").as_posix()
        for match in _LABEL_LINE.finditer(source.read_text(encoding="utf-8")):
            pages[match["label"]] = docname
    return dict(sorted(pages.items()))
