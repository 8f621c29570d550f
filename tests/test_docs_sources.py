"""The site's sources render every derived equation from the derivations, never by hand.

These tests read the MyST sources under ``docs/`` without building the site:

- every label in ``derivations.REGISTRY`` is defined exactly once on the site, by a
  ``glue:math`` directive (so its LaTeX comes from the SymPy object at build time);
- no ``{math}`` block, ``$$ ... $$ (label)``, ``\\label{...}``, reST ``.. math::`` or
  MyST target carries a registry label (a hand-typed equation posing as the derived one);
- the LaTeX of no derived result, and of none of its chain-rule steps, appears verbatim
  in any page (a derived formula typed by hand, labelled or not);
- the site's public address is written once in the pages and agrees with CITATION.cff.

The last tests plant each kind of violation in a temporary page and check the scanner
reports it, so a scanner that silently matched nothing would fail here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

# A directive in a backtick or colon fence: ```{glue:math} key ... ``` or :::{glue:math} key
_DIRECTIVE = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}[ \t]*(?P<argument>[^\n]*)\n"
    r"(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
_OPTION = re.compile(r"^:(?P<key>[\w-]+):[ \t]*(?P<value>[^\n]*)$", re.MULTILINE)
# Dollar math with a label after the closing $$ (MyST's dmath_allow_labels).
_DOLLAR_LABEL = re.compile(r"\$\$[ \t]*\((?P<label>[^()\s]+)\)")
_LATEX_LABEL = re.compile(r"\\label\{(?P<label>[^}]+)\}")
_RST_MATH = re.compile(
    r"^(?P<indent>[ \t]*)\.\. math::.*?\n(?P<body>(?:(?P=indent)[ \t]+.*\n|[ \t]*\n)*)",
    re.MULTILINE,
)
_MYST_TARGET = re.compile(r"^\((?P<label>[^()\s]+)\)=[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Finding:
    """One place in one source file, with what was found there."""

    path: Path
    what: str

    def __str__(self) -> str:
        try:
            shown = self.path.relative_to(ROOT)
        except ValueError:
            shown = self.path
        return f"{shown}: {self.what}"


def docs_sources(docs: Path = DOCS) -> list[Path]:
    """Every MyST source page of the site, build output excluded."""
    return sorted(
        path
        for path in docs.rglob("*.md")
        if "_build" not in path.relative_to(docs).parts and ".ipynb_checkpoints" not in path.parts
    )


def directives(text: str) -> Iterator[tuple[str, str, dict[str, str]]]:
    """Yield (name, argument, options) for every fenced MyST directive in ``text``."""
    for match in _DIRECTIVE.finditer(text):
        options = {m["key"]: m["value"].strip() for m in _OPTION.finditer(match["body"])}
        yield match["name"], match["argument"].strip(), options


def glued_labels(paths: Iterable[Path]) -> Counter[str]:
    """How many ``glue:math`` directives carry each label, over all ``paths``."""
    counts: Counter[str] = Counter()
    for path in paths:
        for name, _argument, options in directives(path.read_text(encoding="utf-8")):
            if name == "glue:math":
                label = options.get("label", options.get("name"))
                if label:
                    counts[label] += 1
    return counts


def hand_labelled(paths: Iterable[Path], labels: Iterable[str]) -> list[Finding]:
    """Every place where a registry label is attached to something other than glue."""
    wanted = set(labels)
    findings = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for name, _argument, options in directives(text):
            label = options.get("label", options.get("name"))
            if name != "glue:math" and label in wanted:
                findings.append(Finding(path, f"{{{name}}} directive labelled {label!r}"))
        for pattern, kind in (
            (_DOLLAR_LABEL, "$$ ... $$ (label)"),
            (_LATEX_LABEL, "\\label{...}"),
            (_MYST_TARGET, "MyST target (label)="),
        ):
            findings.extend(
                Finding(path, f"{kind} with label {m['label']!r}")
                for m in pattern.finditer(text)
                if m["label"] in wanted
            )
        for match in _RST_MATH.finditer(text):
            for option in _OPTION.finditer(
                "\n".join(line.strip() for line in match["body"].splitlines())
            ):
                if option["key"] in {"label", "name"} and option["value"].strip() in wanted:
                    findings.append(
                        Finding(path, f".. math:: labelled {option['value'].strip()!r}")
                    )
    return findings


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def typed_latex(paths: Iterable[Path], formulas: dict[str, str]) -> list[Finding]:
    """Every page containing one of ``formulas`` (name -> LaTeX), whitespace ignored.

    The LaTeX is also looked for with its backslashes doubled, as it would be typed in a
    non-raw Python string inside a code cell.
    """
    needles = {
        name: {_squeeze(latex), _squeeze(latex).replace("\\", "\\\\")}
        for name, latex in formulas.items()
    }
    findings = []
    for path in paths:
        text = _squeeze(path.read_text(encoding="utf-8"))
        findings.extend(
            Finding(path, f"the LaTeX of {name} typed by hand")
            for name, variants in needles.items()
            if any(variant in text for variant in variants)
        )
    return findings


def derived_latex(registry: Any) -> dict[str, str]:
    """The LaTeX of every result in the registry and of each of its steps."""
    import sympy

    formulas: dict[str, str] = {}
    for label, result in registry.items():
        formulas[label] = result.latex()
        rhs = sympy.latex(result.rhs)
        # A right-hand side alone is distinctive once it is more than a symbol or two.
        if len(_squeeze(rhs)) >= 12:
            formulas[f"{label} (right-hand side)"] = rhs
        for number, step in enumerate(result.steps, start=1):
            formulas[f"{label} step {number}"] = step.latex()
    return formulas


@pytest.fixture(scope="module")
def registry() -> Any:
    pytest.importorskip("sympy")
    from derivations import REGISTRY

    return REGISTRY


def test_docs_sources_exist() -> None:
    assert len(docs_sources()) >= 10, "expected the site's pages under docs/"


def test_every_registry_label_is_glued_exactly_once(registry: Any) -> None:
    counts = glued_labels(docs_sources())
    labels = list(registry)
    missing = [label for label in labels if counts[label] == 0]
    repeated = {label: counts[label] for label in labels if counts[label] > 1}
    assert not missing, f"labels with no glue:math directive on the site: {missing}"
    assert not repeated, f"labels defined more than once on the site: {repeated}"


def test_design_labels_are_in_the_registry(registry: Any) -> None:
    design = ROOT.parent / "shared" / "DESIGN.md"
    if not design.is_file():
        pytest.skip("DESIGN.md is not beside the checkout")
    table = design.read_text(encoding="utf-8").split("## Stable equation labels", 1)[1]
    stable = set(re.findall(r"`(eq-[a-z0-9-]+)`", table))
    assert stable
    assert stable <= set(registry)


def test_no_registry_label_on_a_hand_typed_equation(registry: Any) -> None:
    findings = hand_labelled(docs_sources(), registry)
    assert not findings, "\n".join(map(str, findings))


def test_no_derived_formula_typed_by_hand(registry: Any) -> None:
    findings = typed_latex(docs_sources(), derived_latex(registry))
    assert not findings, "\n".join(map(str, findings))


# -- The scanner finds what it is meant to find -------------------------------------------


def _page(tmp_path: Path, text: str) -> list[Path]:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    return [page]


@pytest.mark.parametrize(
    "source",
    [
        "```{math}\n:label: eq-loss\nL = 1\n```\n",
        ":::{math}\n:label: eq-loss\nL = 1\n:::\n",
        "$$\nL = 1\n$$ (eq-loss)\n",
        "$$\n\\begin{equation}L = 1\\label{eq-loss}\\end{equation}\n$$\n",
        "```{eval-rst}\n.. math::\n   :label: eq-loss\n\n   L = 1\n```\n",
        "(eq-loss)=\n## The loss\n",
    ],
    ids=["math-directive", "colon-fence", "dollar-label", "latex-label", "rst-math", "target"],
)
def test_scanner_catches_a_registry_label_on_a_hand_typed_equation(
    tmp_path: Path, source: str
) -> None:
    assert hand_labelled(_page(tmp_path, source), ["eq-loss"])


def test_scanner_counts_glue_math_labels(tmp_path: Path) -> None:
    pages = _page(
        tmp_path,
        "```{glue:math} eq-loss\n:label: eq-loss\n```\n\n"
        ":::{glue:math} eq-loss\n:label: eq-loss\n:::\n\n"
        "```{glue:math} other\n```\n",
    )
    assert glued_labels(pages) == Counter({"eq-loss": 2})
    assert not hand_labelled(pages, ["eq-loss"])


def test_scanner_catches_a_derived_formula_typed_by_hand(tmp_path: Path, registry: Any) -> None:
    result = registry["eq-output-delta"]
    latex = result.latex()
    typed_in_prose = f"Here it is, by hand:\n\n$$\n{latex}\n$$\n"
    typed_in_code = (
        f'```{{code-cell}} python\nMath("{latex.replace(chr(92), chr(92) * 2)}")\n```\n'
    )
    for source in (typed_in_prose, typed_in_code):
        findings = typed_latex(_page(tmp_path, source), derived_latex(registry))
        assert any("eq-output-delta" in str(finding) for finding in findings)


# -- The docs machinery: settings in conf.py, code once, real inventories ------------------

INTERSPHINX = DOCS / "_intersphinx"
DISPLAY_HELPERS = ("glue_results", "linked", "proof_table", "show_steps", "steps_markdown")


def _refresh_module() -> Any:
    """docs/_intersphinx/refresh.py, imported from its path (docs/ is no package)."""
    import importlib.util
    import sys

    name = "docs_intersphinx_refresh"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, INTERSPHINX / "refresh.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules[name]


def test_conf_py_holds_settings_only() -> None:
    import ast

    tree = ast.parse((DOCS / "conf.py").read_text(encoding="utf-8"))
    code = [
        f"line {node.lineno}: {type(node).__name__} {getattr(node, 'name', '')}".strip()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda)
    ]
    assert not code, f"docs/conf.py defines code (it belongs in docs/_ext/): {code}"


def pasted_helpers(paths: Iterable[Path]) -> list[Finding]:
    """Every page that defines one of derivations.display's helpers instead of importing it."""
    pattern = re.compile(rf"^\s*def (?P<name>{'|'.join(DISPLAY_HELPERS)})\(", re.MULTILINE)
    return [
        Finding(path, f"defines {match['name']}(); import it from derivations.display")
        for path in paths
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]


def test_no_page_pastes_the_display_helpers() -> None:
    findings = pasted_helpers(docs_sources())
    assert not findings, "\n".join(map(str, findings))


def test_scanner_catches_a_pasted_display_helper(tmp_path: Path) -> None:
    source = "```{code-cell} python\ndef show_steps(result):\n    pass\n```\n"
    assert pasted_helpers(_page(tmp_path, source))


def test_intersphinx_inventories_are_the_recorded_real_ones() -> None:
    import hashlib
    import json

    refresh = _refresh_module()
    recorded = json.loads((INTERSPHINX / "sources.json").read_text(encoding="utf-8"))
    assert sorted(recorded) == sorted(refresh.PROJECTS)
    conf = (DOCS / "conf.py").read_text(encoding="utf-8")
    for key, project in refresh.PROJECTS.items():
        data = (INTERSPHINX / project.file).read_bytes()
        inventory = refresh.parse(data, project.file)
        entry = recorded[key]
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], f"{project.file} changed"
        assert (inventory.project, inventory.version) == (entry["project"], entry["version"])
        assert inventory.entries == entry["entries"] > 1000, f"{project.file} is not complete"
        assert (
            f'"{key}": ("{project.base_url}", str(DOCS / "_intersphinx" / "{project.file}"))'
            in conf
        )


def test_inventory_check_rejects_what_sphinx_does_not_write() -> None:
    refresh = _refresh_module()
    header = b"# Sphinx inventory version 2\n# Project: X\n# Version: 1\n"
    with pytest.raises(ValueError, match="header"):
        refresh.parse(b"<html>not found</html>", "page")
    with pytest.raises(ValueError, match="does not decompress"):
        refresh.parse(header + b"# The remainder of this file is compressed using zlib.\nxx", "t")
    import zlib

    body = zlib.compress(b"sigmoid py:function 1 a.html#$ -\n")
    good = header + b"# The remainder of this file is compressed using zlib.\n" + body
    assert refresh.parse(good, "t").entries == 1
