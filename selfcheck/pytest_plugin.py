"""A pytest plugin that installs a catalogue mistake for a whole test session.

``SELFCHECK_MISTAKE=update-wrong-sign python -m pytest -p selfcheck.pytest_plugin tests/...``
runs the hand-written tests against ``backprop`` with that mistake in it.
"""

from __future__ import annotations

import contextlib
import os

import pytest

from selfcheck.mistakes import by_name

_STACK = contextlib.ExitStack()


def pytest_configure(config: pytest.Config) -> None:
    """Install the mistake named by ``$SELFCHECK_MISTAKE``, if any."""
    del config
    name = os.environ.get("SELFCHECK_MISTAKE")
    if name:
        _STACK.enter_context(by_name(name).installed())


def pytest_unconfigure(config: pytest.Config) -> None:
    """Undo the installation."""
    del config
    _STACK.close()
