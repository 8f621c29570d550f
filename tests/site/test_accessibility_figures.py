"""Every figure of the built site: alternative text, the copy per theme, distinct colours.

Every image has alternative text that says what it shows (not empty, not a file name, a few
words with the numbers the figure shows); every figure comes in one copy per theme and the
page shows the right one, its text in the theme's colour; the colours that tell its series
apart stay apart for the three common colour-vision deficiencies.

The visits and the themed browser profiles are shared (``accessibility.py``,
``conftest.py``); the browser and the way a page is opened (network cut off) are those
of ``test_browser.py``. Run with ``nox -s site``.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from itertools import combinations
from typing import Any

import numpy as np
import pytest
from bs4 import BeautifulSoup

from derivations.figures import FOREGROUND, THEME_FOREGROUND, check_alt
from tests.site.accessibility import THEMES, _visit
from tests.site.helpers import all_html_pages, require_site
from tests.site.test_browser import (  # noqa: F401 (fixtures, used by name)
    browser,
    chromium_path,
    server,
)

GENERIC_ALT = re.compile(
    r"^\W*(?:[\w./-]*\.(?:png|svg|jpe?g|gif|webp)|png|svg|image|img|figure|plot|graph|chart"
    r"|picture|icon)?\W*$",
    re.IGNORECASE,
)


def alt_problems(soup: BeautifulSoup, where: str) -> list[str]:
    """Every ``<img>`` whose alternative text would tell a screen-reader user nothing.

    A figure (an image in a cell's output, or one written by ``derivations.figures``) must
    pass :func:`derivations.figures.check_alt`: words that say what it shows, with numbers.
    Any other image needs a name that is more than a file name, a generic word or
    punctuation.
    """
    problems = []
    for image in soup.find_all("img"):
        alt = image.get("alt")
        source = str(image.get("src", ""))[:60]
        if not isinstance(alt, str):
            problems.append(f"{where}: <img src={source!r}> has no alt")
            continue
        figure = "themed-figure" in image.get("class", []) or image.find_parent(
            class_="cell_output"
        )
        if figure:
            try:
                check_alt(alt)
            except ValueError as error:
                problems.append(f"{where}: <img src={source!r}>: {error}")
        elif GENERIC_ALT.match(alt):
            problems.append(f"{where}: <img src={source!r}> alt={alt!r} names nothing")
    return problems


def test_every_image_says_what_it_shows() -> None:
    require_site()
    problems = []
    images = 0
    for page in all_html_pages():
        images += len(page.soup.find_all("img"))
        problems += alt_problems(page.soup, page.name)
    assert images > 0, "no image on the site: the figures are gone"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "image",
    [
        '<img src="minus.png" alt="-">',
        '<img src="logo.png" alt="logo.png">',
        '<img src="a.png" alt="png">',
        '<div class="cell_output"><img src="a.png" alt="Loss over the epochs, falling"></div>',
        '<img src="a.svg" alt="">',
        '<img src="a.svg" alt="   ">',
        '<img src="a.svg" alt="../_images/3f2a.svg">',
        '<img src="a.svg" alt="png">',
        '<img src="a.svg" alt="plot">',
        '<img class="themed-figure" src="a.svg" alt="The loss falls over the epochs">',
    ],
)
def test_the_alt_check_catches_a_useless_alt(image: str) -> None:
    assert alt_problems(BeautifulSoup(image, "html.parser"), "planted")


def test_the_alt_check_accepts_a_description() -> None:
    figure = '<img class="themed-figure" alt="Loss falls from 0.736 to 0.0037 over 10,000 epochs">'
    assert alt_problems(BeautifulSoup(figure, "html.parser"), "planted") == []
    icon = '<img src="github.svg" alt="The project on GitHub">'
    assert alt_problems(BeautifulSoup(icon, "html.parser"), "planted") == []


@pytest.mark.parametrize("theme", THEMES)
def test_figures_follow_the_theme(
    themed_contexts: dict[str, Any],
    server: str,  # noqa: F811
    theme: str,
) -> None:
    """Each figure shows its copy for the theme, on the page's own background (no card)."""
    shown_any = False
    for name in sorted(_figure_pages()):
        figures = _visit(themed_contexts, server, name, theme)["figures"]
        for figure in figures:
            assert figure["shown"] == (figure["theme"] == theme), (name, figure)
            if figure["shown"]:
                shown_any = True
                assert figure["background"] in {"rgba(0, 0, 0, 0)", "transparent"}, (name, figure)
    assert shown_any, "no themed figure was found on any page"


@cache
def _figure_pages() -> dict[str, list[dict[str, str]]]:
    """Pages with figures: for each figure, its SVG for each theme (decoded from the page)."""
    found: dict[str, list[dict[str, str]]] = {}
    for page in all_html_pages():
        copies = page.soup.select("img.themed-figure")
        for light, dark in zip(copies[::2], copies[1::2], strict=True):
            svgs = {}
            for theme, image in (("light", light), ("dark", dark)):
                assert f"only-{theme}" in image.get("class", []), (page.name, image.get("class"))
                source = str(image["src"])
                prefix = "data:image/svg+xml;base64,"
                assert source.startswith(prefix), (page.name, source[:40])
                svgs[theme] = base64.b64decode(source.removeprefix(prefix)).decode("utf-8")
            found.setdefault(page.name, []).append(svgs)
    return found


def test_figure_text_takes_the_theme_colour() -> None:
    require_site()
    figures = [svgs for page in _figure_pages().values() for svgs in page]
    assert figures, "no themed figure on the site"
    for svgs in figures:
        for theme, svg in svgs.items():
            assert FOREGROUND.lower() not in svg.lower()
            assert THEME_FOREGROUND[theme] in svg


# Colour-vision deficiency: Machado, Oliveira and Fernandes (2009), "A Physiologically-based
# Model for Simulation of Color Vision Deficiency", IEEE TVCG 15(6), table of severity 1.0
# matrices, applied to linear RGB.
CVD_MATRICES = {
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
         [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
         [-0.011820, 0.042940, 0.968881]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
         [0.004733, 0.691367, 0.303900]]
    ),
}  # fmt: skip
#: Smallest CIE76 colour difference between two series colours, for every vision: 10 is a
#: difference plainly visible side by side (2.3 is just noticeable).
MIN_DELTA_E = 10.0
_COLOUR = re.compile(r"(?:fill|stroke):\s*(#[0-9a-fA-F]{6})")


def _linear(hex_colour: str) -> np.ndarray:
    srgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb: np.ndarray) -> np.ndarray:
    """CIE L*a*b* (D65) of a linear sRGB colour."""
    to_xyz = np.array(
        [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
    )
    xyz = to_xyz @ np.clip(linear_rgb, 0, 1) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(first: str, second: str, vision: str | None = None) -> float:
    """CIE76 difference of two ``#rrggbb`` colours, as seen with ``vision`` (None: typical)."""
    matrix = np.eye(3) if vision is None else CVD_MATRICES[vision]
    return float(np.linalg.norm(_lab(matrix @ _linear(first)) - _lab(matrix @ _linear(second))))


def series_colours(svg: str) -> set[str]:
    """The colours a figure draws with, less its theme grey, black and white."""
    neutral = {*(c.lower() for c in THEME_FOREGROUND.values()), "#000000", "#ffffff"}
    return {c.lower() for c in _COLOUR.findall(svg)} - neutral


def test_delta_e_tells_colours_apart() -> None:
    """The measure bites: red and green merge for a deuteranope, blue and orange do not."""
    assert delta_e("#ff0000", "#00ff00") > 80
    assert delta_e("#d62728", "#2ca02c", "deuteranopia") < MIN_DELTA_E
    assert delta_e("#1f77b4", "#e8710a", "deuteranopia") > MIN_DELTA_E


def test_series_colours_stay_apart_with_colour_vision_deficiencies() -> None:
    require_site()
    problems = []
    pairs = 0
    for name, figures in sorted(_figure_pages().items()):
        for number, svgs in enumerate(figures, start=1):
            colours = sorted(series_colours(svgs["light"]))
            for first, second in combinations(colours, 2):
                pairs += 1
                for vision in (None, *CVD_MATRICES):
                    difference = delta_e(first, second, vision)
                    if difference < MIN_DELTA_E:
                        problems.append(
                            f"{name} figure {number}: {first} and {second} differ by "
                            f"ΔE {difference:.1f} with {vision or 'typical vision'}"
                        )
    assert pairs > 0, "no figure with two series colours was found"
    assert not problems, "\n".join(problems)
