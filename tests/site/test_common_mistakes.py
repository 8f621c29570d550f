"""The Common mistakes page's catalogue table: one row a mistake, two links a row, no overflow.

The rows are compared with ``selfcheck.mistakes.MISTAKES``, the catalogue the page was built
from. In headless Chromium (as in test_browser.py) the table must fit its container, and
the page must not scroll sideways, at a desktop and at a phone width, in both themes;
screenshots of each go to ``docs/_build/screenshots/`` for people to look at.
"""

from __future__ import annotations

from typing import Any

import pytest

from selfcheck.mistakes import MISTAKES
from tests.site import test_browser
from tests.site.helpers import SCREENSHOTS, SITE, local_target, require_site

# test_browser.py's fixtures (Chromium, the local server), used here by name.
chromium_path = test_browser.chromium_path
server = test_browser.server
browser = test_browser.browser

PAGE = "explanation/common-mistakes.html"
TABLE = "table.mistakes-catalogue"

# Where the table sticks out: its own width against its container's, its right edge
# against the article's, and the page's width against the window's.
OVERFLOW = """
() => {
  const table = document.querySelector('table.mistakes-catalogue');
  if (!table) return ['no table.mistakes-catalogue'];
  const problems = [];
  const box = table.parentElement;
  if (table.scrollWidth > box.clientWidth + 1) {
    problems.push(`table ${table.scrollWidth}px wide in a ${box.clientWidth}px container`);
  }
  const article = table.closest('article') || document.body;
  const right = table.getBoundingClientRect().right;
  const limit = article.getBoundingClientRect().right;
  if (right > limit + 1) problems.push(`table ends at ${right}px, the article at ${limit}px`);
  for (const cell of table.querySelectorAll('td, th')) {
    if (cell.scrollWidth > cell.clientWidth + 1) {
      problems.push(`cell overflows: ${cell.textContent.slice(0, 40)}`);
    }
  }
  const page = document.documentElement;
  if (page.scrollWidth > window.innerWidth) {
    problems.push(`page ${page.scrollWidth}px wide in a ${window.innerWidth}px window`);
  }
  return problems;
}
"""


@pytest.fixture(scope="module")
def table() -> Any:
    require_site()
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((SITE / PAGE).read_text(encoding="utf-8"), "html.parser")
    found = soup.select_one(TABLE)
    assert found is not None, f"{PAGE} has no {TABLE}"
    return found


def test_the_table_has_one_row_per_mistake_of_the_catalogue(table: Any) -> None:
    names = [row.select_one("a.mistake-section").get_text() for row in table.select("tbody tr")]
    assert names == [mistake.name for mistake in MISTAKES]


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.name for m in MISTAKES])
def test_each_row_links_to_its_section_and_to_its_labels_equation(
    table: Any, mistake: Any
) -> None:
    (row,) = [
        r
        for r in table.select("tbody tr")
        if r.select_one("a.mistake-section").get_text() == mistake.name
    ]
    links = {kind: row.select_one(f"a.mistake-{kind}") for kind in ("section", "equation")}
    for kind, link in links.items():
        assert link is not None, f"the row of {mistake.name} has no {kind} link"
    assert links["equation"].get_text() == mistake.label
    page = SITE / PAGE
    for kind, fragment in [("section", f"mistake-{mistake.name}"),
                           ("equation", f"equation-{mistake.label}")]:  # fmt: skip
        target = local_target(page, links[kind]["href"])
        assert target is not None, f"{kind} link {links[kind]['href']} leaves the site"
        file, anchor = target
        assert anchor == fragment
        assert file.is_file(), f"{kind} link {links[kind]['href']}: no such page"
        assert f'id="{fragment}"' in file.read_text(encoding="utf-8"), (
            f"{kind} link {links[kind]['href']}: {file.name} has no id {fragment}"
        )


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("device", "width"), [("desktop", 1280), ("phone", 390)])
def test_the_table_fits_the_page(
    browser: Any, server: str, device: str, width: int, theme: str
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    page, visit = test_browser._open(context, server + PAGE)
    try:
        assert page.evaluate("() => document.body.dataset.theme") == theme
        assert page.evaluate(test_browser.SETTLED) in {"typeset", "no math"}
        problems = page.evaluate(OVERFLOW)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(TABLE).screenshot(
            path=str(SCREENSHOTS / f"common-mistakes-{device}-{theme}.png")
        )
    finally:
        context.close()
    assert not problems, f"{PAGE} at {width} px, {theme}:\n" + "\n".join(problems)
    assert not visit.errors + visit.blocked, visit
