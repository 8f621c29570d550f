"""Show a matplotlib figure on a docs page so that every reader can use it.

A figure cell ends with ``figures.show(fig, alt=...)`` instead of ``plt.show()``. The
figure is drawn once, as SVG, in the pages' neutral grey (:data:`FOREGROUND`, the colour
the figure cells give text, axes, ticks and grid); :func:`show` then writes two copies,
with that grey replaced by a dark grey for the light theme and a light grey for the dark
theme (each above 7:1 against its theme's background), so the text of a figure reads like
the text around it. furo shows the ``only-light`` copy in the light theme and the
``only-dark`` one in the dark theme, including in "auto" mode; anywhere else (a notebook
opened in Jupyter) the dark copy's inline ``display: none`` leaves just the light one.

``alt`` is the figure's text alternative (WCAG 2.1 success criterion 1.1.1): what the
figure shows, with the numbers the same cell computed. It is checked here (not empty, not
a file name, several words, at least one number) and again on the built site by
``tests/site/test_accessibility_figures.py``. The text is also the output's ``text/plain`` form.

matplotlib is a docs dependency, not one of ``derivations``: nothing here imports it at
module level; :func:`show` imports it only to fix the SVG ids and to close the figure.
"""

from __future__ import annotations

import base64
import html
import importlib
import io
import re
from dataclasses import dataclass
from typing import Any, Protocol

__all__ = ["FOREGROUND", "THEME_FOREGROUND", "ThemedFigure", "check_alt", "show"]

#: The grey every figure cell draws its text, axes and grid in (the pages' ``GREY``).
FOREGROUND = "#808080"
#: What :data:`FOREGROUND` becomes in each theme's copy. Against furo's backgrounds
#: (white; #131416) these give contrast ratios of 10.4:1 and 11.0:1.
THEME_FOREGROUND = {"light": "#404040", "dark": "#c8c8c8"}

#: Fewest words an alt text may have: "plot of loss" says nothing a reader can use.
MIN_ALT_WORDS = 5
_FILE_NAME = re.compile(r"\.(png|svg|jpe?g|gif|webp|pdf)\b", re.IGNORECASE)
_GENERIC = frozenset({"plot", "figure", "image", "graph", "chart", "png", "svg", "picture"})


class SupportsSavefig(Protocol):
    """What :func:`show` needs of a figure: matplotlib's ``Figure.savefig``."""

    def savefig(self, fname: Any, **kwargs: Any) -> None:
        """Write the figure to ``fname`` (a file object here)."""


def check_alt(alt: object) -> str:
    """Return ``alt`` stripped if it can serve as a figure's text alternative.

    Parameters
    ----------
    alt : str
        The proposed alternative text.

    Returns
    -------
    str
        ``alt`` without surrounding white space.

    Raises
    ------
    TypeError
        If ``alt`` is not a string.
    ValueError
        If ``alt`` is empty, names an image file, is a generic word such as "plot", has
        fewer than :data:`MIN_ALT_WORDS` words, or contains no digit (the numbers the
        figure shows belong in its description).
    """
    if not isinstance(alt, str):
        msg = f"alt must be a string describing the figure, got {type(alt).__name__}: {alt!r}"
        raise TypeError(msg)
    text = " ".join(alt.split())
    if not text:
        msg = "alt is empty: describe what the figure shows, with its numbers"
        raise ValueError(msg)
    if _FILE_NAME.search(text):
        msg = f"alt names an image file instead of describing the figure: {text!r}"
        raise ValueError(msg)
    words = re.findall(r"[^\W_]+", text)
    if len(words) < MIN_ALT_WORDS or {w.lower() for w in words} <= _GENERIC:
        msg = (
            f"alt has {len(words)} word(s), at least {MIN_ALT_WORDS} expected that say what "
            f"the figure shows: {text!r}"
        )
        raise ValueError(msg)
    if not re.search(r"\d", text):
        msg = f"alt states no number; give the values the figure shows: {text!r}"
        raise ValueError(msg)
    return text


@dataclass(frozen=True)
class ThemedFigure:
    """A figure as two SVG documents, one per theme, with its alternative text.

    Attributes
    ----------
    svg : dict of str to str
        ``{"light": ..., "dark": ...}``, each a complete SVG document.
    alt : str
        The text alternative, checked by :func:`check_alt`.
    """

    svg: dict[str, str]
    alt: str

    def _repr_html_(self) -> str:
        """Return both copies as ``<img>`` elements with data URIs and the same ``alt``."""
        alt = html.escape(self.alt, quote=True)
        images = []
        for theme in ("light", "dark"):
            data = base64.b64encode(self.svg[theme].encode("utf-8")).decode("ascii")
            # Outside furo (Jupyter) only the light copy shows.
            hidden = ' style="display: none"' if theme == "dark" else ""
            images.append(
                f'<img class="themed-figure only-{theme}"{hidden} alt="{alt}" '
                f'src="data:image/svg+xml;base64,{data}">'
            )
        return "\n".join(images)

    def _repr_svg_(self) -> str:
        """Return the light copy: what a builder that cannot show HTML (LaTeX) includes."""
        return self.svg["light"]

    def __repr__(self) -> str:
        """Return the alternative text: the figure's plain-text form."""
        return self.alt


def _theme_copy(svg: str, foreground: str, theme: str) -> str:
    return re.sub(re.escape(foreground), THEME_FOREGROUND[theme], svg, flags=re.IGNORECASE)


def show(figure: SupportsSavefig, alt: str, *, foreground: str = FOREGROUND) -> ThemedFigure:
    """Render ``figure`` for both themes with its text alternative, and close it.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The finished figure. Its text, axes and grid must be drawn in ``foreground``.
    alt : str
        What the figure shows, with the numbers the cell computed (see :func:`check_alt`).
    foreground : str, default :data:`FOREGROUND`
        The colour, as ``#rrggbb``, that becomes each theme's text colour.

    Returns
    -------
    ThemedFigure
        The value to end the cell with: Jupyter and MyST-NB display it as HTML.

    Raises
    ------
    TypeError, ValueError
        If ``alt`` is not a usable description (see :func:`check_alt`), if ``foreground``
        is not ``#rrggbb``, or if the figure does not use ``foreground`` anywhere (it could
        not follow the theme). The figure is left open and unchanged.
    """
    text = check_alt(alt)
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", str(foreground)):
        msg = f"foreground must be a colour written #rrggbb, got {foreground!r}"
        raise ValueError(msg)
    matplotlib = importlib.import_module("matplotlib")
    buffer = io.StringIO()
    # A fixed salt and no date: the same SVG, byte for byte, in every build.
    with matplotlib.rc_context({"svg.hashsalt": "backprop-derived"}):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buffer.getvalue()
    if foreground.lower() not in svg.lower():
        msg = (
            f"the figure draws nothing in {foreground}, so it cannot follow the theme: "
            "draw its text, axes and grid in that colour (the pages' GREY)"
        )
        raise ValueError(msg)
    # Closed, so the inline backend does not show the figure a second time, in one theme.
    importlib.import_module("matplotlib.pyplot").close(figure)
    return ThemedFigure({t: _theme_copy(svg, foreground, t) for t in THEME_FOREGROUND}, text)
