"""The Pagefind binary in service mode: start it, ask it one request at a time, stop it.

The binary comes from the pagefind-bin wheel (no download at build time).
"""

from __future__ import annotations

import base64
import io
import json
import re
import subprocess
import tempfile
from pathlib import Path
from typing import IO, Any, cast

from ..i18n import _


class SearchIndexError(RuntimeError):
    """Pagefind failed or indexed something other than this build's items."""


def pagefind_executable() -> Path:
    """The Pagefind binary shipped by the pagefind-bin wheel (no download at build time)."""
    try:
        from pagefind_bin import get_executable
    except ImportError as error:  # pragma: no cover - the dependency is declared in pyproject.toml
        raise SearchIndexError(
            _("search: pagefind needs the package pagefind-bin — pip install -e . (or set search: none)")
        ) from error
    executable: Path = get_executable()
    return executable


def pagefind_version(executable: Path | None = None) -> str:
    """The version the Pagefind binary reports (`pagefind --version`: `pagefind 1.5.2`)."""
    command = [str(executable or pagefind_executable()), "--version"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except OSError as error:
        raise SearchIndexError(
            _("pagefind did not start ({command}): {error}").format(command=command[0], error=error)
        ) from error
    found = re.search(r"\b(\d+\.\d+\.\d+\S*)", done.stdout)
    if done.returncode != 0 or found is None:
        raise SearchIndexError(
            _("cannot tell which pagefind is installed: {command} --version said {strip!r}").format(
                command=command[0], strip=(done.stdout + done.stderr).strip()
            )
        )
    return found.group(1)


def require_version(found: str, wanted: str) -> None:
    """Stop unless the installed Pagefind is `wanted`: the index is read and joined in its format.

    Pagefind's bundle format is not a public interface and has changed between minor
    versions; pagefind_merge and read_fragments read it byte for byte, and search.js calls
    its browser API.  Another version must be checked against them before it is pinned.
    """
    if found != wanted:
        raise SearchIndexError(
            _(
                "pagefind {found} is installed; the merge reads the format of {wanted} — install pagefind-bin=={wanted}"
            ).format(found=found, wanted=wanted)
        )


class PagefindService:
    """The Pagefind binary in service mode (`pagefind --service`), asked one request at a time.

    Why not the CLI: it numbers pages in the order the file system lists them, which we
    cannot choose; here pages are added in our order.  Why not the `pagefind` Python
    package: it is this same protocol (base64 JSON messages, each ended by a comma) behind
    asyncio, and one more dependency.  One request at a time keeps the page order, and so
    the index, the same on every build.
    """

    def __init__(self) -> None:
        self._errors: IO[bytes] = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            [str(pagefind_executable()), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
        )
        self._buffer = b""
        self._next_id = 0

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one request; its response payload, or SearchIndexError with Pagefind's message."""
        self._next_id += 1
        message = json.dumps({"message_id": self._next_id, "payload": payload}, ensure_ascii=False)
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
            self._process.stdin.flush()
        except BrokenPipeError as error:
            raise SearchIndexError(_("pagefind stopped:\n{stderr}").format(stderr=self._stderr())) from error
        while True:
            response = self._read()
            if response.get("message_id") not in (self._next_id, None):
                continue  # an answer to nothing we are waiting for
            result = response.get("payload") or {}
            if result.get("type") == "Error":
                raise SearchIndexError(
                    _("pagefind: {message} ({kind})").format(message=result.get("message"), kind=payload["type"])
                )
            return result

    def _read(self) -> dict[str, Any]:
        stdout = cast(io.BufferedReader, self._process.stdout)  # Popen(stdout=PIPE) without bufsize=0
        # GetFiles answers with the whole bundle in one message (tens of MB): look for the
        # end only in what arrived since the last look.
        parts, end = [self._buffer], self._buffer.find(b",")
        while end < 0:
            chunk = stdout.read1(1 << 20)
            if not chunk:
                raise SearchIndexError(
                    _("pagefind stopped ({poll}):\n{stderr}").format(poll=self._process.poll(), stderr=self._stderr())
                )
            parts.append(chunk)
            end = chunk.find(b",")
            if end >= 0:
                end += sum(len(part) for part in parts[:-1])
        data = b"".join(parts)
        message, self._buffer = data[:end], data[end + 1 :]
        response: dict[str, Any] = json.loads(base64.b64decode(message))
        return response

    def _stderr(self) -> str:
        self._errors.seek(0)
        return self._errors.read().decode("utf-8", errors="replace").strip()

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # the service waits for more input otherwise
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()
        self._errors.close()
