"""`disclose serve`: the live preview shows drafts, lists problems, and keeps serving the rest.

The real command runs in its own process on a free localhost port; the test polls until
it answers and always stops it at the end.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sitegen import CLOCK_EPOCH, REPO, SiteWriter

STARTUP_SECONDS = 60
REBUILD_SECONDS = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - localhost only
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


class Preview:
    """A running `disclose serve` and its log."""

    def __init__(self, process: subprocess.Popen[bytes], base: str, log: Path):
        self.process, self.base, self.log = process, base, log

    def get(self, path: str) -> tuple[int, str]:
        return fetch(self.base + path)

    def wait_for(self, path: str, test: Callable[[int, str], bool], seconds: float) -> str:
        """Poll `path` until `test(status, body)` holds; fail with the server log otherwise."""
        deadline = time.monotonic() + seconds
        last = "(no answer)"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"disclose serve exited with {self.process.returncode}:\n{self.log.read_text()}")
            try:
                status, body = self.get(path)
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as error:
                last = str(error)
            else:
                if test(status, body):
                    return body
                last = f"HTTP {status}"
            time.sleep(0.3)
        pytest.fail(f"{path}: the preview did not get there in {seconds}s (last: {last}):\n{self.log.read_text()}")


@pytest.fixture
def preview(site: SiteWriter, tmp_path: Path) -> Iterator[tuple[SiteWriter, Preview]]:
    site.item("region/approved.md", title="已批准的事项", body="批准的正文。")
    site.item("region/draft.md", title="草稿中的事项", body="草稿的正文。", status="draft", approval=None)
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "SOURCE_DATE_EPOCH": CLOCK_EPOCH}
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "site_plugins.cli",
                "--root",
                str(site.root),
                "serve",
                "--audience",
                "party",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            stdout=sink,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            env=env,
            start_new_session=True,
        )
    server = Preview(process, f"http://127.0.0.1:{port}/", log)
    try:
        server.wait_for("region/approved/", lambda status, _: status == 200, STARTUP_SECONDS)
        yield site, server
    finally:
        # Its own session: stop the server and anything it started, and only that.
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def test_the_preview_shows_a_draft_marked_as_a_draft(preview: tuple[SiteWriter, Preview]) -> None:
    _, server = preview
    status, page = server.get("region/draft/")
    assert status == 200
    assert "草稿中的事项" in page and "草稿的正文。" in page
    assert "disclosure-note--draft" in page and "草稿预览" in page
    status, page = server.get("region/approved/")
    assert status == 200
    assert "disclosure-note--draft" not in page
    assert "disclosure-problems" not in page  # a sound site lists no problems


def test_a_broken_file_is_listed_on_the_page_and_the_rest_is_still_served(preview: tuple[SiteWriter, Preview]) -> None:
    site, server = preview
    # A value with markup in it: the problem list must show it as text, not as HTML.
    site.write(
        "content/region/broken.md", "---\ntitle: 坏文件\norg: region\nscope: <b>everyone</b>\n---\n\n坏文件的正文。\n"
    )
    page = server.wait_for("region/approved/", lambda _, body: "content/region/broken.md" in body, REBUILD_SECONDS)
    assert "disclosure-problems" in page
    assert "content/region/broken.md:4: &#39;scope&#39; is &#39;&lt;b&gt;everyone&lt;/b&gt;&#39;" in page
    assert "<b>everyone</b>" not in page
    assert "批准的正文。" in page
    status, draft = server.get("region/draft/")
    assert status == 200 and "草稿预览" in draft
    status, broken = server.get("region/broken/")
    assert status == 404 and "坏文件的正文。" not in broken  # a broken file is never shown

    # Fixing the file clears the list and shows the page: the editor's loop.
    site.item("region/broken.md", title="修好的文件", body="修好的正文。")
    server.wait_for("region/broken/", lambda status, body: status == 200 and "修好的正文。" in body, REBUILD_SECONDS)
    assert "disclosure-problems" not in server.get("region/approved/")[1]


def test_a_catalog_edit_refreshes_the_preview(preview: tuple[SiteWriter, Preview]) -> None:
    site, server = preview
    path = site.root / "catalogs" / "region.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("adopted_on: '2026-01-10'", "adopted_on: 2026-1-5"), encoding="utf-8"
    )
    page = server.wait_for("region/approved/", lambda _, body: "catalogs/region.yml" in body, REBUILD_SECONDS)
    assert "not a date" in page


def test_the_preview_server_learns_of_saves_from_the_system_not_by_polling(tmp_path: Path) -> None:
    """`disclose serve` swaps MkDocs' polling watcher for watchdog's system one (inotify here)."""
    from mkdocs.commands import serve as mkdocs_serve

    from site_plugins.engine import _system_file_watcher

    original = mkdocs_serve.LiveReloadServer
    try:
        _system_file_watcher(mkdocs_serve)
        server = mkdocs_serve.LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
        assert type(server.observer).__name__ == "InotifyObserver"
        server.server_close()
    finally:
        mkdocs_serve.LiveReloadServer = original
