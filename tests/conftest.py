"""Shared fixtures: a fresh valid site in tmp_path, the repository root, and Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sitegen import REPO, SiteWriter

from site_plugins import i18n


@pytest.fixture(scope="session", autouse=True)
def _parse_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN202
    """`disclose check` keeps a parse cache (site_plugins/parse_cache.py): not in the tester's home."""
    folder = tmp_path_factory.mktemp("disclose-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DISCLOSE_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session", autouse=True)
def _tools_in_english() -> Iterator[None]:
    """The suite asserts the tools' English messages: the tools speak Chinese by default
    (site_plugins/i18n.py), so the session and every subprocess it starts (LANGUAGE, read
    first) speak English.  tests/test_i18n.py runs them in Chinese."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LANGUAGE", "en")
        i18n.use(i18n.ENGLISH)
        yield


@pytest.fixture
def site(tmp_path: Path) -> SiteWriter:
    return SiteWriter(tmp_path / "site-src")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """Debian's Chromium (never a downloaded browser), one per test module."""
    from playwright import sync_api as playwright_api
    from test_browser import CHROMIUM, CHROMIUM_ARGS

    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
