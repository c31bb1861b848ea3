"""Shared test helpers: brute force and the location of the shared sample data."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from prodoffice.optimizer.instance import TalentInstance, order_cost

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
TALENT_DIR = SHARED / "data" / "talent"

needs_shared = pytest.mark.skipif(not TALENT_DIR.is_dir(), reason="../shared data is absent")


def brute_force(inst: TalentInstance) -> int:
    """Optimal cost by trying every order (small instances only)."""
    return min(order_cost(inst, p) for p in itertools.permutations(range(inst.n_scenes)))
