"""Shared fixtures: a fresh valid site in tmp_path, and the repository root."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitegen import REPO, SiteWriter


@pytest.fixture
def site(tmp_path: Path) -> SiteWriter:
    return SiteWriter(tmp_path / "site-src")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
