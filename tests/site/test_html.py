"""The built HTML: every page reachable, every stable label an anchor, math left to MathJax,
nothing loaded from outside the site, every executed page's notebook downloadable."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.site.helpers import (
    SITE,
    Page,
    all_html_pages,
    crawl,
    is_external,
    local_target,
)
from tests.support import DESIGN_LABELS

# Pages Sphinx writes that nothing needs to link to.
# Pages no link needs to lead to: the indexes, the highlighted source of the `derivations`
# package (reached from the module index), and the root page of the PDF (cite/pdf), which
# only the LaTeX build reads.
UNLINKED_OK = frozenset(
    {
        "_modules/index.html",
        "_modules/derivations.html",
        "py-modindex.html",
        "genindex.html",
        "cite/pdf.html",
    }
)

# Elements (and attributes) that make the browser load something.
LOADING = (
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("image", "href"),
    ("use", "href"),
)

RAW_LATEX = re.compile(
    r"\\(frac|partial|sigma|delta|odot|left|right|mathbf|mathrm|begin|end|sum|cdot|sqrt"
    r"|displaystyle|operatorname|equiv|alpha|theta|nabla|boldsymbol)(?![a-zA-Z])"
)
DOLLAR_MATH = re.compile(r"\$\$|\$[^$\n]*[\\^_{}][^$\n]*\$")


def _text_outside_math_and_code(soup: BeautifulSoup) -> str:
    soup = BeautifulSoup(str(soup), "html.parser")  # a copy we may cut up
    for element in soup.select(
        "script, style, pre, code, textarea, .math, .highlight, .cell_output, mjx-container"
    ):
        element.decompose()
    return soup.get_text(" ")


def _math_latex(element: Tag) -> str:
    """The LaTeX of a rendered display equation, without delimiters, number or displaystyle."""
    copy = BeautifulSoup(str(element), "html.parser")
    for number in copy.select(".eqno"):
        number.decompose()
    latex = copy.get_text().strip()
    latex = latex.removeprefix(r"\[").removesuffix(r"\]").strip()
    # Sphinx wraps display math that contains \\ in a split environment.
    latex = latex.removeprefix(r"\begin{split}").removesuffix(r"\end{split}").strip()
    latex = latex.removeprefix(r"\displaystyle").strip()
    return " ".join(latex.split())


def _registry() -> dict[str, object]:
    try:
        from derivations import REGISTRY
    except ImportError as error:  # pragma: no cover - the message is the point
        pytest.fail(f"cannot import derivations.REGISTRY ({error}); run from the checkout")
    return dict(REGISTRY)


def _equation_anchors() -> dict[str, list[tuple[Page, Tag]]]:
    anchors: dict[str, list[tuple[Page, Tag]]] = {}
    for page in all_html_pages():
        for element in page.soup.find_all(id=re.compile(r"^equation-")):
            label = str(element["id"]).removeprefix("equation-")
            anchors.setdefault(label, []).append((page, element))
    return anchors


def test_every_page_is_reachable_from_the_index(pages: list[Page]) -> None:
    reached = {page.name for page in crawl().reached.values()}
    orphans = [page.name for page in pages if page.name not in reached | UNLINKED_OK]
    assert not orphans, f"pages no link leads to from index.html: {orphans}"
    assert len(reached) >= 7, f"only {len(reached)} pages reachable: {sorted(reached)}"


def test_every_local_link_resolves(site: Path) -> None:
    del site
    broken = list(crawl().broken)
    for page in crawl().reached.values():
        for element in page.soup.find_all("a", href=True):
            target = local_target(page.path, str(element["href"]))
            if target is None or not target[1] or not target[0].exists():
                continue
            file, fragment = target
            if file.suffix == ".html" and not Page(file).soup.find(id=fragment):
                broken.append(f"{page.name}: {element['href']} (no id {fragment!r})")
    assert not broken, "links to missing files or anchors:\n" + "\n".join(sorted(set(broken)))


def test_design_labels_are_in_the_registry() -> None:
    missing = sorted(set(DESIGN_LABELS) - set(_registry()))
    assert not missing, f"DESIGN.md labels missing from derivations.REGISTRY: {missing}"


def test_every_stable_label_is_a_numbered_equation_anchor(site: Path) -> None:
    del site
    anchors = _equation_anchors()
    problems = []
    for label in sorted(set(DESIGN_LABELS) | set(_registry())):
        found = anchors.get(label, [])
        if len(found) != 1:
            where = [page.name for page, _ in found]
            problems.append(f"{label}: {len(found)} anchors id='equation-{label}' {where}")
            continue
        page, element = found[0]
        if "math" not in element.get("class", []) or element.name != "div":
            problems.append(f"{label} on {page.name}: the anchor is not a display equation")
        elif not element.select_one(".eqno"):
            problems.append(f"{label} on {page.name}: the equation has no number")
    assert not problems, "\n".join(problems)


def test_every_labelled_derived_equation_is_the_derivations_latex(site: Path) -> None:
    """The site shows each result exactly as ``Result.latex()`` writes it: glued, not typed."""
    del site
    anchors = _equation_anchors()
    problems = []
    for label, result in _registry().items():
        for page, element in anchors.get(label, []):
            shown = _math_latex(element)
            expected = " ".join(str(result.latex()).split())  # type: ignore[attr-defined]
            if shown != expected:
                problems.append(
                    f"{label} on {page.name}:\n  shown    {shown}\n  derived  {expected}"
                )
            if "pasted-math" not in element.get("class", []):
                problems.append(f"{label} on {page.name}: not pasted by glue:math")
    assert not problems, "\n".join(problems)


def test_no_html_id_is_repeated_on_a_page(pages: list[Page]) -> None:
    repeated = {}
    for page in pages:
        counts = Counter(str(element["id"]) for element in page.soup.find_all(id=True))
        twice = sorted(name for name, count in counts.items() if count > 1)
        if twice:
            repeated[page.name] = twice
    assert not repeated, f"ids used more than once: {repeated}"


def test_no_math_left_unrendered(pages: list[Page]) -> None:
    problems = []
    for page in pages:
        text = _text_outside_math_and_code(page.soup)
        for pattern in (DOLLAR_MATH, RAW_LATEX):
            for match in pattern.finditer(text):
                context = text[max(0, match.start() - 40) : match.end() + 40]
                problems.append(f"{page.name}: {' '.join(context.split())!r}")
        for element in page.soup.select("span.math, div.math"):
            latex = element.get_text()
            delimiters = (r"\(", r"\)") if element.name == "span" else (r"\[", r"\]")
            if delimiters[0] not in latex or delimiters[1] not in latex:
                problems.append(f"{page.name}: math without MathJax delimiters: {latex[:60]!r}")
    assert not problems, "LaTeX MathJax will not see:\n" + "\n".join(problems)


def test_pages_with_math_load_the_vendored_mathjax(pages: list[Page]) -> None:
    vendored = SITE / "_static" / "mathjax" / "tex-svg-full.js"
    assert vendored.is_file(), f"{vendored} is missing"
    problems = []
    for page in pages:
        if not page.soup.select(".math"):
            continue
        sources = [
            str(script["src"])
            for script in page.soup.find_all("script", src=True)
            if "mathjax" in str(script["src"]).lower()
        ]
        targets = [local_target(page.path, src) for src in sources]
        if len(sources) != 1 or targets[0] is None or targets[0][0] != vendored:
            problems.append(f"{page.name}: MathJax from {sources}")
    assert not problems, "\n".join(problems)


def test_nothing_is_loaded_from_another_host(pages: list[Page]) -> None:
    problems = []
    for page in pages:
        for tag, attribute in LOADING:
            for element in page.soup.find_all(tag):
                for key in (attribute, f"xlink:{attribute}"):
                    value = element.get(key)
                    if not isinstance(value, str):
                        continue
                    urls = [part.split()[0] for part in value.split(",") if part.strip()]
                    if attribute != "srcset":
                        urls = [value]
                    problems += [
                        f"{page.name}: <{tag} {key}={url!r}>"
                        for url in urls
                        if is_external(url) and not url.startswith("data:")
                    ]
        for style in page.soup.find_all("style"):
            problems += [f"{page.name}: {url}" for url in _external_css_urls(style.get_text())]
    for css in SITE.glob("_static/**/*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        problems += [f"{css.relative_to(SITE)}: {url}" for url in _external_css_urls(text)]
    assert not problems, "resources from outside the site:\n" + "\n".join(problems)


def _external_css_urls(css: str) -> list[str]:
    urls = re.findall(r"""url\(\s*['"]?([^'")]+)""", css)
    urls += re.findall(r"""@import\s+['"]([^'"]+)""", css)
    return [url for url in urls if is_external(url) and not url.startswith("data:")]


def test_every_executed_page_offers_its_notebook(pages: list[Page]) -> None:
    executed = [page for page in pages if page.soup.select("div.cell")]
    assert executed, "no executed notebook page found on the site"
    problems = []
    for page in executed:
        links = page.soup.select(".nb-download a[download]")
        if len(links) != 1:
            problems.append(f"{page.name}: {len(links)} notebook download links")
            continue
        target = local_target(page.path, str(links[0]["href"]))
        if target is None or not target[0].is_file() or target[0].suffix != ".ipynb":
            problems.append(f"{page.name}: download link {links[0]['href']!r} leads nowhere")
            continue
        notebook = json.loads(target[0].read_text(encoding="utf-8"))
        code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
        if notebook.get("nbformat") != 4 or not code:
            problems.append(f"{page.name}: {target[0].name} is not a notebook with code cells")
        elif not any(cell.get("outputs") for cell in code):
            problems.append(f"{page.name}: {target[0].name} was not executed (no outputs)")
        if not str(links[0]["download"]).endswith(".ipynb"):
            problems.append(f"{page.name}: download name {links[0]['download']!r}")
    assert not problems, "\n".join(problems)


def test_equation_references_work_across_pages(pages: list[Page]) -> None:
    """{eq} links: every one lands on its equation, and pages do refer to other pages' ones."""
    crossing, broken = 0, []
    for page in pages:
        for link in page.soup.select('a[href*="#equation-"]'):
            target = local_target(page.path, str(link["href"]))
            if target is None:
                continue
            file, fragment = target
            found = file.is_file() and Page(file).soup.find(id=fragment)
            if not found or "math" not in found.get("class", []):
                broken.append(f"{page.name}: {link['href']}")
            elif file != page.path:
                crossing += 1
    assert not broken, "equation links that land nowhere:\n" + "\n".join(broken)
    assert crossing, "no page refers to an equation on another page"
