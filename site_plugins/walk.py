"""The files of a site: content/ and catalogs/ listed without following links, read as text.

A symbolic link, a device or a pipe among the sources would publish (or hang on) whatever
it points to; each one is left out and reported as a Problem, and a file is never read
through a link put in its place since it was listed.
"""

from __future__ import annotations

import os
from pathlib import Path

from .fields import is_control, quoted
from .i18n import _
from .model import Problem


def read_text(path: str | os.PathLike[str]) -> str:
    """Read UTF-8 text, accepting a byte-order mark and CRLF line endings.

    Never through a symbolic link (OSError): the folders were listed without following
    links (walk_content), and a link put in a file's place since must not be read either.
    """
    with open(os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)), "rb") as stream:
        text = stream.read().decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def catalog_files(catalogs_path: Path, catalogs_dir: str, problems: list[Problem]) -> list[Path]:
    """The catalog files (*.yml, *.yaml but the registry and the topic vocabulary), sorted; a
    symbolic link among them is a Problem."""
    if catalogs_path.is_symlink() or not catalogs_path.is_dir():
        return []  # reported with the registry
    with os.scandir(catalogs_path) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    files = []
    for entry in entries:
        if entry.name in ("organizations.yml", "topics.yml") or Path(entry.name).suffix not in (".yml", ".yaml"):
            continue
        if entry.is_symlink():
            not_a_plain_file(problems, f"{catalogs_dir}/{entry.name}", link=True)
        else:
            files.append(Path(entry.path))
    return files


def walk_content(content_path: Path, problems: list[Problem] | None = None, shown: str = "content") -> list[str]:
    """Relative paths of every plain file under content/, sorted, folder by folder; never follows a link.

    A symbolic link, to a file or a folder, dangling or in a loop, would publish whatever
    it points to (../catalogs, ../.git, a file outside the repository): each one is left
    out and, given `problems`, reported as `shown/<path>`; so is anything else that is
    neither a file nor a folder (reading a FIFO would never end), and any name with control
    characters (a problem prints its path).  The paths come in os.walk's order: a folder's
    files, then each subfolder in turn.

    Names starting with '.' are skipped silently, with everything in a dot-folder, as
    MkDocs leaves them out of a site: a `.hidden/` folder is never published, and an
    editor's lock and swap files (Emacs's `.#item.md` links, Vim's `.item.md.swp`) do
    not stop a check.
    """
    found: list[str] = []
    folders = [""]  # to list, relative to content/; the next one last
    while folders:
        base = folders.pop()
        try:
            with os.scandir(os.path.join(content_path, base)) as listing:
                entries = sorted(
                    (entry for entry in listing if not entry.name.startswith(".")), key=lambda entry: entry.name
                )
        except OSError:
            continue  # the content folder is missing: load_site reports it
        subfolders = []
        for entry in entries:
            rel = f"{base}/{entry.name}" if base else entry.name
            if not entry.name.isprintable() and any(is_control(char, False) for char in entry.name):
                if problems is not None:  # printed as it is, the name would write to the terminal
                    problems.append(
                        Problem(
                            quoted(f"{shown}/{rel}", 1000),
                            0,
                            _("the name has control characters"),
                            _("rename it with visible characters only"),
                        )
                    )
            elif entry.is_symlink():
                not_a_plain_file(problems, f"{shown}/{rel}", link=True)
            elif entry.is_dir(follow_symlinks=False):
                subfolders.append(rel)
            elif entry.is_file(follow_symlinks=False):
                found.append(rel)
            else:
                not_a_plain_file(problems, f"{shown}/{rel}", link=False)
        folders.extend(reversed(subfolders))
    return found


def not_a_plain_file(problems: list[Problem] | None, shown: str, link: bool) -> None:
    if problems is None:
        return
    if link:
        problems.append(
            Problem(
                shown,
                0,
                _("is a symbolic link"),
                _(
                    "content must be real files in the repository; replace the link by the file(s) it points to, or remove it"
                ),
            )
        )
    else:
        problems.append(
            Problem(
                shown,
                0,
                _("is neither a file nor a folder (a device, pipe or socket)"),
                _("content must be real files in the repository; remove it"),
            )
        )
