"""selfcheck.links: "read" links open offline when a built site exists, else the versioned site."""

import email.message
import importlib.metadata
import tomllib
from pathlib import Path

import pytest

from selfcheck import links

ROOT = Path(__file__).resolve().parent.parent


def _site(folder: Path) -> Path:
    (folder / "derivations").mkdir(parents=True)
    (folder / "index.html").write_text("<html></html>", encoding="utf-8")
    page = '<div class="math" id="equation-eq-output-delta">δ</div>'
    (folder / "derivations" / "output-delta.html").write_text(page, encoding="utf-8")
    return folder


def test_a_built_site_gives_a_link_that_opens_from_disk(tmp_path: Path) -> None:
    site = _site(tmp_path / "html")
    url = links.read_url("eq-output-delta", sites=[site])
    expected = (site / "derivations" / "output-delta.html").resolve().as_uri()
    assert url == f"{expected}#equation-eq-output-delta"


def test_the_checkout_build_is_found_first_then_a_shipped_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(links, "CHECKOUT_SITE", tmp_path / "nothing-built")
    assert all(site != tmp_path / "nothing-built" for site in links.built_sites())
    checkout = _site(tmp_path / "checkout")
    monkeypatch.setattr(links, "CHECKOUT_SITE", checkout)
    assert links.built_sites()[0] == checkout
    assert links.read_url("eq-output-delta").startswith(checkout.resolve().as_uri())


def test_without_a_built_site_the_link_goes_to_the_versioned_online_site(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    base = f"{project['urls']['Documentation'].rstrip('/')}/en/v{project['version']}/"
    monkeypatch.setattr(links, "built_sites", list)
    url = links.read_url("eq-output-delta")
    assert url.startswith(base)
    assert url.endswith("/output-delta.html#equation-eq-output-delta")
    assert links.read_url("eq-no-such-label") == f"{base}search.html?q=eq-no-such-label"


def test_the_online_site_comes_from_the_installed_metadata(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    meta = email.message.Message()
    meta["Version"] = "9.8.7"
    meta["Project-URL"] = "Documentation, https://docs.example.org/project/"

    def metadata(name: str) -> email.message.Message:
        assert name == links.DISTRIBUTION
        return meta

    monkeypatch.setattr(importlib.metadata, "metadata", metadata)
    assert links.online_base() == "https://docs.example.org/project/en/v9.8.7/"


def test_an_unknown_site_leaves_the_bare_label(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(links, "built_sites", list)
    monkeypatch.setattr(links, "_metadata", lambda: ("", ""))
    assert links.read_url("eq-output-delta") == "eq-output-delta"


def test_the_self_check_report_uses_these_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from selfcheck.__main__ import main

    site = _site(tmp_path / "html")
    monkeypatch.setattr(links, "built_sites", lambda: [site])
    path = tmp_path / "wrong.py"
    path.write_text("def output_delta(a, y):\n    return a - y\n", encoding="utf-8")
    assert main([str(path)]) == 1
    out = capsys.readouterr().out
    assert f"read:     {links.read_url('eq-output-delta', sites=[site])}" in out
