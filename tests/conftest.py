from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from tests.golden import FIXTURE

if TYPE_CHECKING:
    from timeline.extract import Gazetteer

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private, writable copy of the fixture timeline."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The gazetteer of the real ``data/`` (series, places, countries) that extraction sentences are read with."""
    from timeline.extract import Gazetteer  # noqa: PLC0415 - only the extraction tests need it
    from timeline.normalise import normalise  # noqa: PLC0415

    return Gazetteer(normalise(REPO / "data"))


# Shared CI machines are slow and noisy: no per-example deadline; in CI, a fixed example order.
settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")
