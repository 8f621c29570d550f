"""A "Cite" box under every labelled equation, the cite page's entries, and the PDF's labels.

All three render from :mod:`citations` (``docs/_ext/citations.py``), the one source of the
BibTeX and plain-text citations:

- HTML: after each ``math_block`` that carries a stable label, a ``<details>`` element
  (keyboard-usable without script) holding the label's BibTeX entry and plain-text
  citation, each a highlighted code block, so sphinx-copybutton gives it a copy button.
- The ``cite-entries`` directive (on the cite page) lists the site's entry and one per
  label, each under its own heading, and links the PDF when the build has one.
- LaTeX: each labelled equation prints its stable label beside its number, because the
  PDF's numbers (per chapter) are not the site's (per page); the label is what to cite.

The BibTeX entries record the day the site was built as the date of access
(``SOURCE_DATE_EPOCH`` when set, for reproducible builds).
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator

from _ext import citations

HERE = Path(__file__).resolve().parent
#: Where the cite page links the PDF from (the site session builds it there first).
PDF_NAME = "backprop-derived.pdf"
CITE_PAGE = "cite/index"


class cite_box(nodes.General, nodes.Element):
    """The "Cite" disclosure under one labelled equation (HTML only)."""


class cite_entries(nodes.General, nodes.Element):
    """Where the cite page's list of entries goes; filled in once every page is read."""


class cite_pdf(nodes.General, nodes.Element):
    """Where the cite page offers the PDF, or says how to build it."""


def _accessed() -> date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.date()


@cache
def _titles() -> dict[str, str]:
    # Imported when a page is written, not when Sphinx starts: deriving the results takes
    # a second, which a build that writes no page should not pay.
    from derivations import REGISTRY  # noqa: PLC0415  (deferred on purpose, see above)

    return {label: result.title for label, result in REGISTRY.items()}


def _project(app: Sphinx) -> citations.Project:
    return citations.read_project(Path(app.confdir).parent / "pyproject.toml")


def label_citation(app: Sphinx, label: str) -> citations.Citation:
    """The citation of ``label``, pointing at the page Sphinx says defines it."""
    docname, _number = app.env.get_domain("math").equations[label]  # type: ignore[attr-defined]
    return citations.label_citation(
        label, _titles()[label], docname, _project(app), app.config.cite_accessed
    )


def _code(text: str, language: str) -> nodes.literal_block:
    block = nodes.literal_block(text, text, language=language)
    block["classes"].append("cite-code")
    return block


def _forms(citation: citations.Citation) -> list[nodes.Node]:
    """The BibTeX entry and the plain-text citation, each labelled, each copyable."""
    bibtex_caption = nodes.paragraph(classes=["cite-caption"])
    bibtex_caption += nodes.Text("BibTeX, key ")
    bibtex_caption += nodes.literal(citation.key, citation.key)
    text_caption = nodes.paragraph("Plain text", "Plain text", classes=["cite-caption"])
    return [
        bibtex_caption,
        _code(citation.bibtex, "bibtex"),
        text_caption,
        _code(citation.text, "text"),
    ]


def _is_labelled(node: nodes.Node) -> bool:
    return isinstance(node, nodes.math_block) and str(node.get("label") or "").startswith("eq-")


class AddCiteBoxes(SphinxPostTransform):
    """Put a cite box after every labelled equation (after furo's wrapper, if any)."""

    formats = ("html",)
    default_priority = 502  # after furo's math wrapper (500) and UniqueWrapperIds (501)

    def run(self, **kwargs: Any) -> None:
        del kwargs
        app = self.app
        how_to = app.builder.get_relative_uri(self.env.docname, CITE_PAGE)
        for math in list(self.document.findall(_is_labelled)):
            label = math["label"]
            citation = label_citation(app, label)
            after = math.parent if "math-wrapper" in math.parent.get("classes", []) else math
            box = cite_box(label=label)
            box += _forms(citation)
            note = nodes.paragraph(classes=["cite-caption"])
            note += nodes.Text("Cite by the label, not the number. ")
            note += nodes.reference("", "How to cite", internal=True, refuri=how_to)
            box += note
            after.parent.insert(after.parent.index(after) + 1, box)


class CiteEntriesDirective(SphinxDirective):
    """``cite-entries``: the site's entry and one per stable label, on the cite page."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        return [cite_entries()]


class CitePdfDirective(SphinxDirective):
    """``cite-pdf``: a link to the PDF when the build has one, else how to get it."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        return [cite_pdf()]


def _pdf_paragraph(app: Sphinx, docname: str) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    if app.builder.format == "html" and Path(app.config.cite_pdf or "").is_file():
        root = app.builder.get_relative_uri(docname, app.config.root_doc)
        uri = root.rpartition("/")[0] + "/" + PDF_NAME if "/" in root else PDF_NAME
        paragraph += nodes.reference("", f"Download the PDF ({PDF_NAME})", refuri=uri)
        paragraph += nodes.Text(
            ": the tutorial and the derivations, each labelled equation with its label "
            "beside its number."
        )
    else:
        paragraph += nodes.Text(
            "This copy of the site was built without the PDF. To build it, with TeX Live "
            "installed (the session installs it on Debian, as root), run "
        )
        paragraph += nodes.literal("python3 -m nox -s pdf", "python3 -m nox -s pdf")
        paragraph += nodes.Text(
            "; it writes docs/_build/latex/backprop-derived.pdf, which the next "
        )
        paragraph += nodes.literal("nox -s docs", "nox -s docs")
        paragraph += nodes.Text(" build offers here.")
    return paragraph


class FillCiteEntries(SphinxPostTransform):
    """Replace the ``cite-entries`` placeholder once every label's page is known."""

    default_priority = 502

    def run(self, **kwargs: Any) -> None:
        del kwargs
        app = self.app
        for placeholder in list(self.document.findall(cite_entries)):
            content: list[nodes.Node] = []
            site = citations.site_citation(_project(app), app.config.cite_accessed)
            content += [nodes.rubric("The site as a whole", "The site as a whole")]
            content += _forms(site)
            equations = app.env.get_domain("math").equations  # type: ignore[attr-defined]
            for label in (label for label in _titles() if label in equations):
                docname = equations[label][0]
                heading = nodes.rubric(ids=[f"cite-{label}"])
                heading += nodes.literal(label, label)
                heading += nodes.Text(": ")
                uri = app.builder.get_relative_uri(self.env.docname, docname)
                heading += nodes.reference(
                    "", _titles()[label], internal=True, refuri=f"{uri}#equation-{label}"
                )
                content += [heading, *_forms(label_citation(app, label))]
            placeholder.replace_self(content)
        for placeholder in list(self.document.findall(cite_pdf)):
            placeholder.replace_self(_pdf_paragraph(app, self.env.docname))


def visit_cite_box_html(self: HTML5Translator, node: cite_box) -> None:
    label = self.encode(node["label"])
    self.body.append(
        f'<details class="cite-box" data-label="{label}">'
        f'<summary>Cite <code class="docutils literal">{label}</code></summary>'
        '<div class="cite-box-body">'
    )


def depart_cite_box_html(self: HTML5Translator, node: cite_box) -> None:
    del node
    self.body.append("</div></details>\n")


def skip(self: Any, node: nodes.Node) -> None:
    del self, node
    raise nodes.SkipNode


_original_latex_math_block = LaTeXTranslator.visit_math_block


def visit_math_block_latex(self: LaTeXTranslator, node: nodes.math_block) -> None:
    """Typeset a labelled equation with its stable label set just before its number.

    The label is text inside the equation, after the glued LaTeX, so the equation keeps
    LaTeX's own number, anchor and ``\\label``: references still print "(3.2)" and link.
    """
    if not _is_labelled(node) or node.get("nowrap"):
        _original_latex_math_block(self, node)
        return
    target = f"equation:{node['docname']}:{node['label']}"
    self.body.append(
        f"\n\\begin{{equation}}\\label{{{target}}}"
        f"\\begin{{split}}{node.astext()}\\end{{split}}"
        f"\\BPDstablelabel{{{node['label']}}}"
        "\\end{equation}\n"
    )
    raise nodes.SkipNode


#: LaTeX preamble for the PDF: how the stable label is set beside the equation.
LATEX_PREAMBLE = r"""
% The stable label, in small type, between the equation and its number.
\newcommand\BPDstablelabel[1]{\qquad\text{\small\ttfamily #1}}
"""


def _copy_pdf(app: Sphinx, exception: Exception | None) -> None:
    """Offer the PDF from the site when ``nox -s pdf`` (or the site session) built one."""
    pdf = app.config.cite_pdf
    if exception is None and app.builder.format == "html" and pdf and Path(pdf).is_file():
        shutil.copyfile(pdf, Path(app.outdir) / PDF_NAME)


def _latex_preamble(app: Sphinx, config: Any) -> None:
    del app
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + LATEX_PREAMBLE
    config.latex_elements = elements


def _static(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(HERE / "static"))
        app.add_css_file("cite-box.css")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("cite_accessed", _accessed(), "html", types=(date,))
    app.add_config_value("cite_pdf", "", "env", types=(str,))
    app.add_node(
        cite_box,
        html=(visit_cite_box_html, depart_cite_box_html),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_node(cite_entries)
    app.add_node(cite_pdf)
    app.add_directive("cite-pdf", CitePdfDirective)
    app.add_node(nodes.math_block, override=True, latex=(visit_math_block_latex, None))
    app.add_directive("cite-entries", CiteEntriesDirective)
    app.add_post_transform(AddCiteBoxes)
    app.add_post_transform(FillCiteEntries)
    app.connect("config-inited", _latex_preamble)
    app.connect("builder-inited", _static)
    app.connect("build-finished", _copy_pdf)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
