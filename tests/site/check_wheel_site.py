"""Follow a failing report's read links into the site an installed wheel ships.

Run by ``nox -s site`` with the Python of a fresh venv that has only the wheel installed,
from outside the checkout and with ``-I``, so nothing of the checkout is on ``sys.path``::

    python -I tests/site/check_wheel_site.py SUBMISSION.py

Each read link of the report must be a ``file://`` URL into the installed
``selfcheck/site/``, and its page must exist and carry the link's anchor. Exits non-zero,
saying which link failed, otherwise.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import selfcheck


def broken_links(submission: str) -> tuple[Path, list[str], list[str]]:
    """Return the installed package folder, the report's read links and what is wrong."""
    package = Path(selfcheck.__file__).resolve().parent
    problems = []
    if "site-packages" not in package.parts:
        problems.append(f"selfcheck imported from {package}, not from the installed wheel")
    done = subprocess.run(
        [sys.executable, "-I", "-m", "selfcheck", "--json", submission],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 1:
        problems.append(
            f"expected a failing report (exit 1), got {done.returncode}: {done.stderr}"
        )
        return package, [], problems
    reads = [check["read"] for check in json.loads(done.stdout)["checks"] if check["read"]]
    if not reads:
        problems.append(f"the report has no read link: {done.stdout}")
    for url in reads:
        parsed = urllib.parse.urlparse(url)
        page = Path(urllib.request.url2pathname(parsed.path))
        anchor = f'id="{parsed.fragment}"'
        if parsed.scheme != "file":
            problems.append(f"read link {url} is not a file:// URL")
        elif not page.is_relative_to(package / "site"):
            problems.append(f"read link {url} is not in {package / 'site'}")
        elif not page.is_file():
            problems.append(f"read link {url}: {page} does not exist")
        elif anchor not in page.read_text(encoding="utf-8"):
            problems.append(f"read link {url}: {page} has no {anchor}")
    return package, reads, problems


def main(argv: list[str]) -> int:
    """Check the links of the report on ``argv[0]``; print the outcome, return the exit code."""
    if len(argv) != 1:
        print("usage: python -I check_wheel_site.py SUBMISSION.py", file=sys.stderr)
        return 2
    package, reads, problems = broken_links(argv[0])
    for problem in problems:
        print(f"wheel site: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"wheel site: {len(reads)} read links open pages of {package / 'site'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
