"""WCAG 2.1 AA on every page of the built site, light and dark, checked in headless Chromium.

- axe-core (shipped by the ``axe-playwright-python`` package, dependency group ``site``;
  nothing is fetched) runs its WCAG 2.0 and 2.1 level A and AA rules on every page in both
  furo themes, after MathJax has typeset the page; any violation fails, and no rule is
  turned off. A planted page shows that the check catches violations.
- Every image has alternative text that says what it shows (not empty, not a file name, a
  few words with the numbers the figure shows); every figure comes in one copy per theme and
  the page shows the right one; the colours that tell its series apart stay apart for the
  three common colour-vision deficiencies.
- Every typeset formula exposes MathML (MathJax's assistive MathML) or a label to assistive
  technology, and every labelled equation keeps its ``#equation-<label>`` anchor.
- The keyboard reaches every control with a visible focus ring; with
  ``prefers-reduced-motion: reduce`` nothing animates.

The browser, its fixtures and the way a page is opened (network cut off) are those of
``test_browser.py``. Run with ``nox -s site``.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from functools import cache
from itertools import combinations
from typing import Any

import numpy as np
import pytest
from bs4 import BeautifulSoup

from derivations.figures import FOREGROUND, THEME_FOREGROUND, check_alt
from tests.site.helpers import SITE, all_html_pages, require_site
from tests.site.test_browser import (  # noqa: F401 (fixtures, used by name)
    WAIT_FOR_MATH,
    _open,
    browser,
    chromium_path,
    server,
)

THEMES = ("light", "dark")
#: axe-core's tags for the WCAG 2.0 and 2.1 success criteria of levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
READY_TIMEOUT_MS = 30_000

RUN_AXE = """
async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + "  " + n.html.slice(0, 160)),
  }));
}
"""

# What assistive technology gets of each typeset formula, and what a labelled equation keeps.
MATH_EXPOSURE = """
() => {
  const problems = [];
  let formulas = 0;
  for (const container of document.querySelectorAll("mjx-container")) {
    formulas += 1;
    const mathml = container.querySelector("mjx-assistive-mml math");
    const label = (container.getAttribute("aria-label") || "").trim();
    if (!(mathml && mathml.textContent.trim()) && !label) {
      problems.push("formula without MathML or label: " + container.outerHTML.slice(0, 120));
    }
    const svg = container.querySelector("svg");
    if (mathml && svg && svg.getAttribute("aria-hidden") !== "true") {
      problems.push("formula read twice (SVG not aria-hidden): " + mathml.textContent.slice(0, 60));
    }
  }
  const anchors = [];
  for (const element of document.querySelectorAll('[id^="equation-"]')) {
    anchors.push(element.id);
    if (!element.querySelector("mjx-assistive-mml math")) {
      problems.push("#" + element.id + " holds no formula with MathML");
    }
  }
  return {formulas, anchors, problems};
}
"""

# Which figure copies are showing, and on what background.
FIGURES_SHOWN = """
() => [...document.querySelectorAll("img.themed-figure")].map(img => ({
  theme: img.classList.contains("only-dark") ? "dark" : "light",
  shown: img.getClientRects().length > 0 && getComputedStyle(img).visibility !== "hidden",
  background: getComputedStyle(img).backgroundColor,
}))
"""


# -- One visit per page and theme, shared by the tests that read it ---------------------------


def _wait_until_ready(page: Any) -> None:
    state = page.evaluate(WAIT_FOR_MATH)
    assert state in {"typeset", "no math"}, state
    page.wait_for_function(
        "() => document.documentElement.dataset.scrollRegions === 'ready'",
        timeout=READY_TIMEOUT_MS,
    )


def _axe_script() -> str:
    try:
        from axe_playwright_python.base import AXE_SCRIPT
    except ImportError:
        pytest.fail("axe-playwright-python is not installed (dependency group `site`)")
    return AXE_SCRIPT


@pytest.fixture(scope="module")
def themed_contexts(browser: Any) -> Iterator[dict[str, Any]]:  # noqa: F811
    """A browser profile per furo theme: furo reads ``localStorage.theme`` when a page opens."""
    contexts = {}
    for theme in THEMES:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=theme)
        context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
        contexts[theme] = context
    try:
        yield contexts
    finally:
        for context in contexts.values():
            context.close()


_VISITS: dict[tuple[str, str], dict[str, Any]] = {}


def _visit(contexts: dict[str, Any], base: str, name: str, theme: str) -> dict[str, Any]:
    """Open ``name`` in ``theme`` once: axe's violations, math exposure, figures shown."""
    key = (name, theme)
    if key not in _VISITS:
        page, visit = _open(contexts[theme], base + name)
        try:
            _wait_until_ready(page)
            result = {
                "theme": page.evaluate("() => document.body.dataset.theme"),
                "errors": visit.errors + visit.blocked,
                "math": page.evaluate(MATH_EXPOSURE),
                "figures": page.evaluate(FIGURES_SHOWN),
            }
            page.evaluate(_axe_script())
            result["violations"] = page.evaluate(RUN_AXE, WCAG_TAGS)
        finally:
            page.close()
        _VISITS[key] = result
    return _VISITS[key]


def _report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [f"    {node}" for node in violation["nodes"][:5]]
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize("theme", THEMES)
def test_axe_finds_no_wcag_violation(
    themed_contexts: dict[str, Any],
    server: str,  # noqa: F811
    site_page: str,
    theme: str,
) -> None:
    result = _visit(themed_contexts, server, site_page, theme)
    assert result["theme"] == theme, f"furo did not switch to the {theme} theme"
    assert not result["errors"], f"{site_page} ({theme}): {result['errors']}"
    assert not result["violations"], f"{site_page} ({theme}):\n" + _report(result["violations"])


def test_axe_check_fails_on_planted_violations(
    themed_contexts: dict[str, Any],
    server: str,  # noqa: F811
) -> None:
    """A copy of a page with an image without alt and a heading role without a level: axe
    reports both, so the check bites. (A bare sideways-scrolling box was planted too at
    first, but axe 4.12 in Chromium 156 does not report one: it is keyboard-reachable
    there; the site's own code blocks are made focusable and named by accessibility.js.)"""
    require_site()
    source = SITE / "index.html"
    html = source.read_text(encoding="utf-8")
    planted = '<img src="_static/missing.png"><p role="heading">A caption</p>'
    html = html.replace('<article role="main"', planted + '<article role="main"', 1)
    target = SITE / "_selftest-accessibility.html"
    target.write_text(html, encoding="utf-8")
    try:
        result = _visit(themed_contexts, server, target.name, "light")
    finally:
        target.unlink()
        _VISITS.pop((target.name, "light"), None)
    found = {violation["id"] for violation in result["violations"]}
    assert {"image-alt", "aria-required-attr"} <= found, found


# -- Equations ---------------------------------------------------------------------------------


def _static_equation_anchors(name: str) -> list[str]:
    soup = BeautifulSoup((SITE / name).read_text(encoding="utf-8"), "html.parser")
    return [str(tag["id"]) for tag in soup.find_all(id=re.compile(r"^equation-"))]


def test_every_formula_reaches_a_screen_reader(
    themed_contexts: dict[str, Any],
    server: str,  # noqa: F811
    site_page: str,
) -> None:
    math = _visit(themed_contexts, server, site_page, "light")["math"]
    assert not math["problems"], f"{site_page}:\n" + "\n".join(math["problems"])
    assert math["anchors"] == _static_equation_anchors(site_page), (
        f"{site_page}: the equation anchors after typesetting differ from the built HTML's"
    )


def test_some_pages_have_formulas_with_mathml(
    themed_contexts: dict[str, Any],
    server: str,  # noqa: F811
) -> None:
    """The per-page check passes vacuously on a page without math: make sure math is seen."""
    page = "derivations/output-delta.html"
    math = _visit(themed_contexts, server, page, "light")["math"]
    assert math["formulas"] > 5, math
    assert any(anchor == "equation-eq-output-delta" for anchor in math["anchors"]), math


# -- Figures -----------------------------------------------------------------------------------


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


# -- Keyboard and motion -----------------------------------------------------------------------

KEYBOARD_PAGES = ("index.html", "tutorial/train-xor.html", "cite/index.html")

# Every visible control, tagged so that the Tab walk can say which it reached. The hidden
# cells are opened first, so the controls inside them (copy buttons) are walked too.
CONTROLS = """
() => {
  for (const details of document.querySelectorAll("details")) details.open = true;
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const controls = [];
  for (const element of document.querySelectorAll(selector)) {
    if (element.disabled || element.tabIndex < 0) continue;
    // Rendered and not visibility: hidden (a transparent control, such as a copy button
    // that shows on hover, still counts: it can take focus).
    if (!element.checkVisibility({visibilityProperty: true})) continue;
    if (element.closest("[inert], [aria-hidden='true']")) continue;
    element.dataset.a11yControl = String(controls.length);
    controls.push(element.outerHTML.slice(0, 120));
  }
  return controls;
}
"""

FOCUSED = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== "none";
  return {id: element.dataset.a11yControl ?? null, ring,
          html: element.outerHTML.slice(0, 120)};
}
"""


@pytest.mark.parametrize("name", KEYBOARD_PAGES)
def test_keyboard_reaches_every_control_with_a_visible_ring(
    themed_contexts: dict[str, Any],
    server: str,  # noqa: F811
    name: str,
) -> None:
    if not (SITE / name).is_file():
        pytest.fail(f"{name} was not built")
    page, visit = _open(themed_contexts["light"], server + name)
    try:
        _wait_until_ready(page)
        controls = page.evaluate(CONTROLS)
        reached: set[str] = set()
        no_ring = []
        for _ in range(len(controls) + 20):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            if focused is None:
                continue
            if focused["id"] is not None:
                reached.add(focused["id"])
            if not focused["ring"]:
                no_ring.append(focused["html"])
    finally:
        page.close()
    missed = [html for index, html in enumerate(controls) if str(index) not in reached]
    assert controls, f"{name}: no control found"
    assert not missed, f"{name}: the keyboard never reaches:\n" + "\n".join(missed)
    assert not no_ring, f"{name}: focused without a visible ring:\n" + "\n".join(no_ring)
    assert not visit.errors, visit.errors


# Every element whose transitions or animations last longer than a millisecond.
MOVING = """
() => {
  const seconds = value => Math.max(...value.split(",").map(part =>
    part.trim().endsWith("ms") ? parseFloat(part) / 1000 : parseFloat(part)));
  const moving = [];
  for (const element of document.querySelectorAll("*")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(element, pseudo);
      const longest = Math.max(seconds(style.transitionDuration), seconds(style.animationDuration));
      if (longest > 0.001) moving.push(element.tagName + "." + element.className + (pseudo || ""));
    }
  }
  return moving;
}
"""


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_nothing_moves_when_the_reader_asks_for_less_motion(
    browser: Any,  # noqa: F811
    server: str,  # noqa: F811
    motion: str,
) -> None:
    """With ``reduce`` no transition or animation lasts; without it some do (the check bites)."""
    context = browser.new_context(reduced_motion=motion)
    try:
        page, _ = _open(context, server + "tutorial/train-xor.html")
        _wait_until_ready(page)
        moving = page.evaluate(MOVING)
    finally:
        context.close()
    if motion == "reduce":
        assert not moving, moving[:20]
    else:
        assert moving, "nothing on the page has a transition: the reduced-motion check is void"
