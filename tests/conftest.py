"""Shared fixtures: scratch sites on tmp_path, the example site built once, and a count
of the lists that Recall compares place by place."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import BUILD_DATE, ROOT, SCRATCH_FILES, run_cli, write_files  # noqa: E402


@pytest.fixture
def passes(monkeypatch) -> list[int]:
    """The lengths of the lists that base/recall.py compared place by place."""
    import karriere.base.recall as recall_module

    seen: list[int] = []
    real = recall_module.changed_places

    def counted(objects, last):
        seen.append(len(objects))
        return real(objects, last)

    monkeypatch.setattr(recall_module, "changed_places", counted)
    return seen


@pytest.fixture
def scratch_site(tmp_path: Path) -> Path:
    """A small but complete site: open, expired and draft vacancies, story, FAQ, legal pages."""
    return write_files(tmp_path / "site", SCRATCH_FILES)


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> Path:
    """The repository's example site, built once under a sub-path."""
    out = tmp_path_factory.mktemp("example") / "public"
    result = run_cli(
        "build",
        "--site",
        str(ROOT),
        "--out",
        str(out),
        "--date",
        BUILD_DATE,
        "--base-url",
        "https://example.org/karriere/",
    )
    assert result.returncode == 0, result.stderr
    return out
