"""Shared fixtures for the hand-written tests."""

import os

import numpy as np
import pytest
from hypothesis import settings

import backprop as bp
from tests.support import XOR_SEED

# In CI the property tests draw the same examples every run, so a red build is reproducible.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def xor_data() -> tuple[np.ndarray, np.ndarray]:
    return bp.xor()


@pytest.fixture
def network() -> bp.Network:
    return bp.Network([2, 2, 1], seed=XOR_SEED)
