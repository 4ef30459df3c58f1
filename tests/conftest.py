"""Shared fixtures: a fresh valid site in tmp_path, and the repository root."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitegen import REPO, SiteWriter


@pytest.fixture(scope="session", autouse=True)
def _parse_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN202
    """`disclose check` keeps a parse cache (site_plugins/parse_cache.py): not in the tester's home."""
    folder = tmp_path_factory.mktemp("disclose-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DISCLOSE_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture
def site(tmp_path: Path) -> SiteWriter:
    return SiteWriter(tmp_path / "site-src")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
