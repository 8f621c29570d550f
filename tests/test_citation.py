"""The citations: one source, versioned addresses, and files that validate offline.

The entries themselves are compiled by ``tests/test_citation_latex.py``; here they are
checked as text, and ``CITATION.cff`` and ``.readthedocs.yaml`` against the schemas that
check-jsonschema vendors (its licences sit beside them in the installed package).
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS))

from _ext import citations

ACCESSED = date(2026, 12, 1)


def _pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _vendored_schema(name: str) -> Any:
    vendor = resources.files("check_jsonschema.builtin_schemas.vendor")
    return json.loads(vendor.joinpath(f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def registry() -> Any:
    from derivations import REGISTRY

    return REGISTRY


@pytest.fixture(scope="module")
def project() -> citations.Project:
    return citations.read_project(ROOT / "pyproject.toml")


@pytest.fixture(scope="module")
def every_citation(project: citations.Project, registry: Any) -> list[citations.Citation]:
    pages = citations.label_pages(DOCS)
    return [citations.site_citation(project, ACCESSED)] + [
        citations.label_citation(label, result.title, pages[label], project, ACCESSED)
        for label, result in registry.items()
    ]


def test_the_base_address_is_the_versioned_copy_of_the_documentation_url() -> None:
    meta = _pyproject()["project"]
    project = citations.read_project(ROOT / "pyproject.toml")
    root = meta["urls"]["Documentation"].rstrip("/")
    assert project.base_url == f"{root}/en/v{meta['version']}/"
    assert "/latest/" not in project.base_url


@pytest.mark.parametrize(
    ("documentation", "base"),
    [
        ("https://x.readthedocs.io", "https://x.readthedocs.io/en/v1.2/"),
        ("https://x.readthedocs.io/", "https://x.readthedocs.io/en/v1.2/"),
        ("https://x.readthedocs.io/en/latest/", "https://x.readthedocs.io/en/v1.2/"),
        ("https://x.readthedocs.io/en/stable", "https://x.readthedocs.io/en/v1.2/"),
    ],
)
def test_base_url_replaces_an_unversioned_suffix(documentation: str, base: str) -> None:
    assert citations.Project("1.2", documentation).base_url == base


def test_citation_cff_carries_the_version_and_the_versioned_url(
    project: citations.Project,
) -> None:
    cff = _yaml(ROOT / "CITATION.cff")
    assert cff["version"] == project.version
    assert cff["url"] == project.base_url


def test_citation_cff_validates_against_the_cff_1_2_0_schema() -> None:
    cff = _yaml(ROOT / "CITATION.cff")
    schema = _vendored_schema("citation-file-format")
    assert cff["cff-version"] == "1.2.0"
    jsonschema.validate(cff, schema, format_checker=jsonschema.FormatChecker())


def test_the_cff_schema_check_bites() -> None:
    cff = _yaml(ROOT / "CITATION.cff")
    del cff["authors"]
    with pytest.raises(jsonschema.ValidationError, match="authors"):
        jsonschema.validate(cff, _vendored_schema("citation-file-format"))


def test_readthedocs_config_validates_against_its_schema() -> None:
    config = _yaml(ROOT / ".readthedocs.yaml")
    jsonschema.validate(config, _vendored_schema("readthedocs"))
    assert config["formats"] == ["pdf"], "the PDF is offered in Read the Docs' downloads"


def test_the_readthedocs_schema_check_bites() -> None:
    config = _yaml(ROOT / ".readthedocs.yaml")
    config["build"]["jobs"]["build"]["latex"] = ["make"]  # no such format
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(config, _vendored_schema("readthedocs"))


def test_readthedocs_builds_the_pdf_the_site_offers() -> None:
    jobs = _yaml(ROOT / ".readthedocs.yaml")["build"]["jobs"]["build"]
    html = " ".join(jobs["html"])
    assert html.index("-b latex") < html.index("-b html"), "the PDF must exist before the HTML"
    assert any("backprop-derived.pdf" in command for command in jobs["pdf"])


def test_no_page_or_module_writes_the_site_address_itself() -> None:
    """The address is written once, in pyproject.toml: no docs source repeats it."""
    address = _pyproject()["project"]["urls"]["Documentation"].split("//", 1)[1].rstrip("/")
    sources = [*DOCS.glob("[!_]*/*.md"), DOCS / "index.md", *DOCS.glob("_ext/**/*.py")]
    found = [str(path) for path in sources if address in path.read_text(encoding="utf-8")]
    assert not found, f"{address} written in {found}: read it from pyproject.toml"


def test_every_entry_is_ascii_with_a_stable_key_version_and_date(
    every_citation: list[citations.Citation], project: citations.Project, registry: Any
) -> None:
    keys = [citation.key for citation in every_citation]
    assert keys == ["backprop-derived", *(f"backprop-derived:{label}" for label in registry)]
    for citation in every_citation:
        assert citation.bibtex.isascii(), citation.bibtex
        assert citation.bibtex.startswith(f"@misc{{{citation.key},\n")
        assert f"version      = {{{project.version}}}," in citation.bibtex
        assert "urldate      = {2026-12-01}," in citation.bibtex
        assert f"url          = {{{citation.url}}}," in citation.bibtex
        assert citation.url.startswith(project.base_url)
        assert citation.url in citation.text


def test_each_label_points_at_its_anchor(
    every_citation: list[citations.Citation], registry: Any
) -> None:
    pages = citations.label_pages(DOCS)
    for citation, label in zip(every_citation[1:], registry, strict=True):
        assert citation.url.endswith(f"/{pages[label]}.html#equation-{label}")
        # biblatex stores howpublished in a macro, where a bare # stops the run.
        assert f"\\#equation-{label}" in citation.bibtex


def test_every_label_has_a_page(registry: Any) -> None:
    assert set(citations.label_pages(DOCS)) == set(registry)


def test_a_title_that_is_not_ascii_is_refused_with_the_character() -> None:
    with pytest.raises(ValueError, match=r"'δ' \(U\+03B4\) at position 0"):
        citations.tex_text("δ(1)")


def test_tex_specials_in_a_title_are_escaped() -> None:
    assert citations.tex_text("50% of a_b & #1") == r"50\% of a\_b \& \#1"


@pytest.mark.parametrize("label", ["hidden-delta", "eq-", "eq-Hidden", "eq-a--b", "eq-a b"])
def test_a_label_that_is_not_stable_is_refused(label: str, project: citations.Project) -> None:
    with pytest.raises(ValueError, match="expected a stable label"):
        citations.label_citation(label, "T", "p", project, ACCESSED)


def test_read_project_says_what_is_missing(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nversion = "1"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"\[project.urls\] Documentation, found None"):
        citations.read_project(pyproject)
    pyproject.write_text('[project.urls]\nDocumentation = "https://x"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"\[project\] version, found None"):
        citations.read_project(pyproject)


def test_plain_text_citation_names_version_label_and_date(
    every_citation: list[citations.Citation],
) -> None:
    hidden = next(c for c in every_citation if c.key.endswith(":eq-hidden-delta"))
    assert re.fullmatch(
        r"The backprop-derived authors \(2026\)\. backprop-derived: The hidden delta "
        r"\(eq-hidden-delta\)\. Version \S+\. https://\S+#equation-eq-hidden-delta "
        r"\(accessed 2026-12-01\)\.",
        hidden.text,
    ), hidden.text
