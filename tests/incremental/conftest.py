"""The `inc` fixture: one scratch site built once, to be changed and built again."""

from __future__ import annotations

from pathlib import Path

import pytest
from incremental_helpers import Incremental


@pytest.fixture
def inc(request, scratch_site: Path) -> Incremental:
    """In-process by default; tests marked `both` also run as separate runs (disk cache)."""
    builder = Incremental(scratch_site, getattr(request, "param", "memory"))
    builder.build()
    return builder
