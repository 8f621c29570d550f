"""Every page of the built site in headless Chromium, with the network cut off.

Each page is served from a local HTTP server on 127.0.0.1 (and opened from disk, as a student
would, over file://). Any request to another host is blocked *and fails the test*; so does a
MathJax error, a JavaScript error or a console error, or a local file that is missing.
Screenshots of the tutorial and a derivation page, light and dark, go to
``docs/_build/screenshots/``.

The browser is Debian's Chromium driven by Playwright (never ``playwright install``): set
``CHROMIUM`` to its path or have ``chromium`` on PATH. Without one these tests skip, except
in CI (``CI`` set) or under ``nox -s site`` (``SITE_REQUIRE_BROWSER=1``), where they fail.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.site.helpers import SCREENSHOTS, SITE, require_site

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TYPESET_TIMEOUT_MS = 30_000
# Pages photographed for people to look at: (screenshot name, candidate pages, first found).
SCREENSHOT_PAGES = {
    "tutorial": ("tutorial/train-xor.html", "tutorial/index.html"),
    "derivation": ("derivations/output-delta.html", "derivations/index.html"),
}

# Resolves once MathJax has typeset the page (pages without math: at once).
WAIT_FOR_MATH = """
async () => {
  if (!document.querySelector('.math')) return 'no math';
  const start = Date.now();
  while (!(window.MathJax && MathJax.startup && MathJax.startup.promise)) {
    if (Date.now() - start > 20000) return 'MathJax never started';
    await new Promise(r => setTimeout(r, 50));
  }
  await MathJax.startup.promise;
  return 'typeset';
}
"""

# The page has finished loading what it shows: MathJax has typeset (when the page has math),
# the fonts are in and every eagerly loaded image has loaded or failed. A condition on the page
# itself, used instead of Playwright's "networkidle" (500 ms without traffic), which the
# Playwright documentation discourages and which timed out once under a loaded CI machine.
SETTLED = (
    """
async () => {
  const math = await ("""
    + WAIT_FOR_MATH.strip()
    + """)();
  await document.fonts.ready;
  const pending = [...document.images].filter(img => !img.complete && img.loading !== 'lazy');
  await Promise.all(pending.map(img => new Promise(done => {
    img.addEventListener('load', done, {once: true});
    img.addEventListener('error', done, {once: true});
  })));
  return math;
}
"""
)

# Problems MathJax left on the page after typesetting.
MATH_PROBLEMS = """
() => {
  const problems = [];
  for (const e of document.querySelectorAll('mjx-merror, [data-mjx-error], [data-mml-node="merror"]')) {
    problems.push('MathJax error: ' + (e.getAttribute('data-mjx-error') || e.textContent));
  }
  if (document.body.innerText.includes('Math input error')) problems.push('Math input error');
  for (const e of document.querySelectorAll('span.math, div.math')) {
    if (!e.querySelector('mjx-container svg')) {
      problems.push('not typeset: ' + e.textContent.trim().slice(0, 80));
    }
  }
  return problems;
}
"""


def _browser_required() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("SITE_REQUIRE_BROWSER"))


def _unavailable(reason: str) -> None:
    if _browser_required():
        pytest.fail(f"{reason} (the browser test must run in CI and in `nox -s site`)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium_path() -> str:
    path = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not path or not Path(path).exists():
        _unavailable("no Chromium: install Debian's `chromium` or set CHROMIUM")
    assert path is not None
    return path


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """Serve the built site on an ephemeral port of 127.0.0.1; yield its base URL."""
    require_site()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            del format, args

    handler = functools.partial(Quiet, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (dependency group `site`)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    """What happened while a page was open."""

    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _open(context: Any, url: str) -> tuple[Any, Visit]:
    """Open ``url`` in a new tab of ``context``, blocking every request that leaves the site."""
    visit = Visit()
    local_netloc = urlsplit(url).netloc

    def guard(route: Any) -> None:
        request_url = route.request.url
        parts = urlsplit(request_url)
        if parts.scheme in {"data", "blob", "file"} or (
            parts.scheme in {"http", "https"} and parts.netloc == local_netloc and local_netloc
        ):
            route.continue_()
        else:
            visit.blocked.append(request_url)
            route.abort("blockedbyclient")

    page = context.new_page()
    page.route("**/*", guard)
    page.on("pageerror", lambda error: visit.errors.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            visit.errors.append(f"console {message.type}: {message.text}")
            if message.type in {"error", "assert"}
            else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            visit.errors.append(f"HTTP {response.status}: {response.url}")
            if response.status >= 400
            else None
        ),
    )
    page.on(
        "requestfailed",
        lambda request: (
            visit.errors.append(f"request failed: {request.url} ({request.failure})")
            if request.url not in visit.blocked
            else None
        ),
    )
    page.goto(url, wait_until="load")
    return page, visit


def _check_page(context: Any, url: str) -> list[str]:
    page, visit = _open(context, url)
    try:
        state = page.evaluate(WAIT_FOR_MATH)
        problems = [] if state in {"typeset", "no math"} else [state]
        problems += page.evaluate(MATH_PROBLEMS)
    finally:
        page.close()
    problems += visit.errors
    problems += [f"request to another host: {blocked}" for blocked in visit.blocked]
    return problems


def test_page_in_chromium_over_http(context: Any, server: str, site_page: str) -> None:
    problems = _check_page(context, server + site_page)
    assert not problems, f"{site_page}:\n" + "\n".join(problems)


def test_page_in_chromium_from_disk(context: Any, site_page: str) -> None:
    require_site()
    problems = _check_page(context, (SITE / site_page).as_uri())
    assert not problems, f"{site_page}:\n" + "\n".join(problems)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("subject", sorted(SCREENSHOT_PAGES))
def test_screenshot(browser: Any, server: str, subject: str, theme: str) -> None:
    candidates = [name for name in SCREENSHOT_PAGES[subject] if (SITE / name).is_file()]
    assert candidates, f"none of {SCREENSHOT_PAGES[subject]} was built"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    page, visit = _open(context, server + candidates[0])
    try:
        assert page.evaluate(SETTLED) in {"typeset", "no math"}
        assert page.evaluate("() => document.body.dataset.theme") == theme
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{subject}-{theme}.png"), full_page=True)
    finally:
        context.close()
    assert not visit.errors + visit.blocked, visit


def test_the_checks_catch_external_requests_and_math_errors(context: Any) -> None:
    """Plant an external image and an undefined TeX macro in a copy of a page: both caught."""
    require_site()
    with_math = next(
        path for path in sorted(SITE.rglob("*.html")) if 'class="math' in path.read_text()
    )
    html = with_math.read_text(encoding="utf-8")
    html = html.replace("<body", '<img src="https://example.invalid/pixel.png"><body', 1)
    html = re.sub(r"\\\[", lambda _: r"\[\undefinedmacro ", html, count=1)
    planted = with_math.with_name(f"_selftest-{with_math.name}")
    planted.write_text(html, encoding="utf-8")
    try:
        problems = _check_page(context, planted.as_uri())
    finally:
        planted.unlink()
    assert any("example.invalid" in problem for problem in problems), problems
    assert any("undefinedmacro" in problem for problem in problems), problems
