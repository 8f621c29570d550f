"""Tests of the site's own Sphinx extensions that run without a build (docs/_ext)."""

from __future__ import annotations

import pickle
import sqlite3
import sys
from pathlib import Path

import pytest

pytest.importorskip("sphinx")
pytest.importorskip("jupyter_cache")

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

DOCS = Path(__file__).resolve().parents[1] / "docs"
sys.path.insert(0, str(DOCS))

from _ext import doctree_owner, execution_cache

#: Stands in for the BuildEnvironment the shared settings carry: big enough to see.
BIG = 200_000


def _page_with_nested_parse() -> nodes.document:
    """A page built as MyST-Parser's ``{eval-rst}`` builds one (a temporary document)."""
    settings = get_default_settings(Parser)
    settings.env = "x" * BIG  # what Sphinx's env is to the pickle: reachable from settings
    page = new_document("page.md", settings=settings)
    temporary = new_document("page.md", settings=settings)
    section = nodes.section()
    temporary.append(section)
    section += nodes.paragraph("", "", nodes.Text("from the eval-rst block"))
    page.extend(temporary.children)
    # What Sphinx pickles: the page with a copy of its settings that has no env.
    page.settings = page.settings.copy()
    page.settings.env = None
    return page


def test_nested_parse_leaves_nodes_pointing_at_another_document() -> None:
    page = _page_with_nested_parse()
    foreign = doctree_owner.foreign_nodes(page)
    assert foreign, "the fixture no longer reproduces MyST-Parser's eval-rst"
    assert len(pickle.dumps(page)) > BIG


def test_adopt_gives_every_node_its_page() -> None:
    page = _page_with_nested_parse()
    before = len(doctree_owner.foreign_nodes(page))
    changed = doctree_owner.adopt(page)
    assert changed == before
    assert doctree_owner.foreign_nodes(page) == []
    assert len(pickle.dumps(page)) < BIG // 10
    assert page.astext() == "from the eval-rst block"
    assert doctree_owner.adopt(page) == 0


def test_create_database_makes_the_tables_once(tmp_path: Path) -> None:
    folder = tmp_path / "cache" / "abc"
    database = execution_cache.create_database(folder)
    assert database == folder / "global.db"
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert {"nbproject", "nbcache"} <= tables
    execution_cache.create_database(folder)  # a second time: the database is kept
    with sqlite3.connect(database) as connection:
        again = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert again == tables
