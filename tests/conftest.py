from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.golden import FIXTURE

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private, writable copy of the fixture timeline."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target
