"""Shared fixtures for the hand-written tests."""

import numpy as np
import pytest

import backprop as bp
from tests.support import XOR_SEED


@pytest.fixture
def xor_data() -> tuple[np.ndarray, np.ndarray]:
    return bp.xor()


@pytest.fixture
def network() -> bp.Network:
    return bp.Network([2, 2, 1], seed=XOR_SEED)
