"""What a page's text names: only pages and attachments every reader of it sees (Art. 15).

Any way of writing an address — a Markdown link, raw HTML, a full URL, plain text, escaped
or encoded — puts it in front of every reader of the page.  `_Addresses` knows every name
a page or attachment is known by; `pages_name_only_what_their_readers_see` finds them in
each page's title, description, change notes and body (a withdrawal notice's title and
reason) and judges them with `every_build.gap`.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import posixpath
import re
from collections.abc import Iterable, Iterator
from urllib.parse import unquote

from ..audience import leaves_notice, lifecycle
from ..i18n import _
from ..model import Document, Problem, Site
from ..vocab import Lifecycle, Status
from .addresses import page_url
from .every_build import Readers, visibility_gap

# A Markdown backslash escape of ASCII punctuation: `xunshi\-zhenggai` is `xunshi-zhenggai`.
_ESCAPED = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
# A name the ASCII tokens below can find as one token.
_SIMPLE_NAME = re.compile(r"[a-z0-9._-]*[a-z0-9][a-z0-9._-]*\Z")
# Characters right after a non-ASCII name that make it read as an address (x.md, x/, x#…).
_ANCHORS = "/.#?)\"'>"
# What ends a written address: spaces, quotes, brackets, Chinese punctuation.
_RUN_END = re.compile(r"[\s\"'<>()\[\]{}|\\^`,，。、；：？！（）《》“”‘’【】]+")


def _token_table(keep: bytes, marked: bytes) -> bytes:
    """bytes.translate table: ASCII letters (lower-cased), digits and `keep` stay; `marked`
    becomes a tab, everything else a space (both separate tokens)."""
    return bytes(
        (c | 0x20 if 65 <= c <= 90 else c) if (c < 128 and chr(c).isalnum()) or c in keep else 9 if c in marked else 32
        for c in range(256)
    )


# Tokens; a tab where the text has something `_decoded` undoes (& \ %).
_TOKENS = _token_table(b"._-", b"&\\%")
# A dot inside a token: a name may be followed by more (x.md, x.html, x.pdf.md, v1.2.md).
_INNER_DOT = re.compile(rb"\.[a-z0-9_-]")


def _decoded(text: str) -> str:
    """The text as a browser or a reader may take it.

    HTML character references (named, decimal, hexadecimal, with or without `;`), Markdown
    backslash escapes and percent-encoding are undone, again while anything changes (an
    entity may spell a percent sign and the other way round).  It may decode more than a
    browser would; never less.
    """
    for _round in range(3):
        before = text
        if "&" in text:
            text = html.unescape(text)
        if "\\" in text:
            text = _ESCAPED.sub("", text)
        if "%" in text:
            text = unquote(text, errors="replace")
        if text == before:
            break
    return text


# `_Addresses.tables()`: aliases, tokens writing two names, wide names, and their anchors.
NameTables = tuple[
    dict[bytes, str], dict[bytes, set[str]], set[str], dict[str, set[int]], dict[str, set[tuple[int, int]]]
]


# A document holding a name, how ("page" or "attachment"), and why some reader of the
# mentioning page would not see it (`visibility_gap`; None: every reader sees it).
Holder = tuple[Document, str, tuple[str, str] | None]


class _Addresses:
    """Every name a page's address or an attachment is known by, and who holds it.

    A name is the last segment of a page's URL (the file's stem; the folder's name for
    index.md and README.md) or an attachment's file name, compared without case.  Finding
    them in a text does not depend on link syntax: an ASCII name is any equal ASCII token
    (a run of letters, digits, '.', '_', '-', with a final dot or surrounding '_' taken
    off), or any such token's part before one of its dots (x.md, x.pdf.md); a name with other characters
    (Chinese) counts where it is written as an address, followed by one of / . # ? ) " ' >
    — or, for a name with an extension such as 整改通报.pdf, wherever its extension
    follows it.  One pass over each text, a set lookup per token.
    """

    def __init__(self, site: Site, readers: Readers, clock: dt.date) -> None:
        self.holders: dict[str, list[tuple[Document, str]]] = {}
        # Only names held by something not every reader sees on every day need watching:
        # a public page, live now and never expiring, is shown wherever anything is.
        watched: set[str] = set()
        everyone = len(site.registry) + 2  # public, party and a unit build per organization
        holders = self.holders
        for doc in site.documents:
            safe = (
                lifecycle(doc, clock) is Lifecycle.LIVE
                and (not doc.is_item or doc.expires is None)
                and len(readers.of(doc)) == everyone
            )
            folder, _, stem = doc.path[:-3].rpartition("/")
            slug = (folder.rpartition("/")[2] if stem in ("index", "README") else stem).lower()  # as page_url
            if slug:
                holders.setdefault(slug, []).append((doc, "page"))
                if not safe:
                    watched.add(slug)
            if doc.attachments:
                for name in dict.fromkeys(n.lower() for n in doc.attachments if n):
                    holders.setdefault(name, []).append((doc, "attachment"))
                    if not safe:
                        watched.add(name)
        self.aliases: dict[bytes, str] = {}  # token → the name it writes
        self._also: dict[bytes, set[str]] = {}  # the rare token that writes two names ('x.' of x and x.)
        self.wide: set[str] = set()
        aliases, simple = self.aliases, _SIMPLE_NAME.match
        for name in watched:
            if not simple(name):
                self.wide.add(name)
                continue
            bare = name.encode()
            for written in (bare, bare + b"."):
                other = aliases.setdefault(written, name)
                if other != name:
                    self._also.setdefault(written, {other}).add(name)
        self._before: dict[str, set[int]] = {}  # last character of a name → lengths of such names
        self._at_dot: dict[str, set[tuple[int, int]]] = {}  # character before a name's last '.' → (offset, length)
        for name in self.wide:
            self._before.setdefault(name[-1], set()).add(len(name))
            dot = name.rfind(".")
            if dot > 0:
                self._at_dot.setdefault(name[dot - 1], set()).add((dot, len(name)))
        self._folders: dict[str, list[Document]] | None = None
        self.documents = site.documents

    def tables(self) -> NameTables:
        """What `mentioned` looks names up in (no document: check_memo.py keeps it between checks)."""
        return (self.aliases, self._also, self.wide, self._before, self._at_dot)

    @classmethod
    def _finder(cls, tables: NameTables) -> _Addresses:
        index = object.__new__(cls)
        index.aliases, index._also, index.wide, index._before, index._at_dot = tables
        index.holders, index._folders, index.documents = {}, None, []
        return index

    def mentioned(self, text: str) -> set[str]:
        """The names written in a text, decoded first (`_decoded`)."""
        # Every non-ASCII character becomes '?', a separator: ASCII tokens stay apart.
        tokens = text.encode("ascii", "replace").translate(_TOKENS)
        if b"\t" in tokens:  # an entity, escape or percent-encoding somewhere
            text = _decoded(text)
            tokens = text.encode("ascii", "replace").translate(_TOKENS)
        if b"_" in tokens:  # Markdown emphasis around a name: __x__, _x_
            tokens = b" " + tokens + b" "
            for edge in (b" _", b" _", b"_ ", b"_ ", b"\t_", b"_\t"):
                tokens = tokens.replace(edge, b"  ")
        aliases = self.aliases
        split = tokens.split()
        found = aliases.keys() & split
        if _INNER_DOT.search(tokens):  # rare in Chinese text: then every token's parts before a dot
            for token in split:
                dot = token.find(b".", 1)
                while dot > 0:
                    if token[:dot] in aliases:
                        found.add(token[:dot])
                    dot = token.find(b".", dot + 1)
        names = {aliases[token] for token in found}
        if self._also:
            for token in found & self._also.keys():
                names.update(self._also[token])
        if self.wide:
            names.update(self._wide_in(text))
        return names

    def _wide_in(self, text: str) -> set[str]:
        found: set[str] = set()
        for anchor in _ANCHORS:
            i = text.find(anchor, 1)
            while i != -1:
                prev = text[i - 1].lower()
                for length in self._before.get(prev, ()):
                    if i >= length and (name := text[i - length : i].lower()) in self.wide:
                        found.add(name)
                if anchor == ".":
                    for offset, length in self._at_dot.get(prev, ()):
                        if i >= offset and (name := text[i - offset : i - offset + length].lower()) in self.wide:
                            found.add(name)
                i = text.find(anchor, i + 1)
        return found

    def folder_shown(self, name: str, doc: Document, readers: Readers, clock: dt.date) -> bool:
        """Is `name` a folder in the address of something shown wherever `doc` is (so not a secret)?"""
        if self._folders is None:
            self._folders = {}
            for other in self.documents:
                for folder in dict.fromkeys(other.path.lower().split("/")[:-1]):
                    self._folders.setdefault(folder, []).append(other)
        return any(
            other is doc or visibility_gap(doc, other, readers, clock) is None for other in self._folders.get(name, ())
        )

    def judge(
        self, doc: Document, texts: list[tuple[int, str]], names: set[str], readers: Readers, clock: dt.date
    ) -> Iterator[Problem]:
        """Problems of `doc`, whose `texts` (line, text) mention `names`: one per line and hidden holder."""
        judged: list[tuple[str, list[Holder], list[Holder]]] = []
        for name in sorted(names):
            safe: list[Holder] = []
            unsafe: list[Holder] = []
            for target, kind in self.holders[name]:
                gap = None if target is doc else visibility_gap(doc, target, readers, clock)
                if gap is None and kind == "attachment" and target.status == Status.WITHDRAWN:
                    gap = ("unpublished", _("withdrawn: its notice has no attachments"))
                (unsafe if gap else safe).append((target, kind, gap))
            if unsafe:  # most mentions name what every reader sees: no line is read again for them
                judged.append((name, safe, unsafe))
        if not judged:
            return
        wanted = {name for name, _, _ in judged}
        lines: list[tuple[int, str, set[str]]] = []
        for number, raw in texts:
            here = self.mentioned(raw) & wanted
            if here:
                lines.append((number, _decoded(raw), here))
        if not lines:  # a name written across lines (a percent-encoded line break): the body's first line
            lines = [(doc.body_line, _decoded(doc.body), wanted)]
        for name, safe, unsafe in judged:
            # Where the name also belongs to something every reader may see, only an address
            # that designates a hidden holder gives anything away; otherwise every mention does.
            shared = bool(safe) or self.folder_shown(name, doc, readers, clock)
            for number, text, here in lines:
                if name not in here:
                    continue
                meant = self._designated(doc, name, text, safe + unsafe) if shared else unsafe
                for target, kind, gap in unsafe:
                    if gap is not None and any(target is m[0] for m in meant):
                        yield _mention(doc, number, name, target, kind, gap, shared)

    def _designated(self, doc: Document, name: str, text: str, holders: list[Holder]) -> list[Holder]:
        """The holders of `name` that the addresses written in `text` point to."""
        meant: list[Holder] = []
        source_folder = doc.path.lower().rpartition("/")[0]
        page_folder = page_url(doc.path).lower().rstrip("/")
        for run in _RUN_END.split(text.lower()):
            run = run.split("#", 1)[0].split("?", 1)[0]
            absolute = "//" in run or run.startswith("/")
            if "//" in run:
                run = run.split("//", 1)[1].partition("/")[2]  # scheme and host off
            segments = run.split("/")
            at = [i for i, segment in enumerate(segments) if name in self.mentioned(segment + "/")]
            if not at:
                continue
            i = at[-1]
            if any(s not in ("", ".", "index.html", "index.md") for s in segments[i + 1 :]):
                continue  # the name is a folder on the way to something else
            written = [*segments[:i], name]
            exact: list[Holder] = []
            if not absolute:
                places = {posixpath.normpath(posixpath.join(base, *written)) for base in (source_folder, page_folder)}
                exact = [h for h in holders if _location(h, name) in places]
            if exact:
                meant += exact
            elif absolute or len(written) > 1:
                clean = [s for s in written if s not in ("", ".", "..")]
                scores = [(_common_tail(clean, _location(h, name).split("/")), h) for h in holders]
                best = max(score for score, _ in scores)
                meant += [h for score, h in scores if score == best]
            # a bare name that is no sibling of this page: a word, or an address of what all may see
        return meant


def _location(holder: Holder, name: str) -> str:
    """Where a holder of `name` is, as a path under the site's root without case: its page or its attachment."""
    doc, kind = holder[0], holder[1]
    if kind == "page":
        return page_url(doc.path).lower().rstrip("/")
    folder = doc.path.lower().rpartition("/")[0]
    return f"{folder}/{name}" if folder else name


def _common_tail(written: list[str], location: list[str]) -> int:
    n = 0
    while n < len(written) and n < len(location) and written[-1 - n] == location[-1 - n]:
        n += 1
    return n


def _mention(
    doc: Document, line: int, name: str, target: Document, kind: str, gap: tuple[str, str], shared: bool
) -> Problem:
    path = target.where.path
    what = (
        _("the address of {path}").format(path=path)
        if kind == "page"
        else _("an attachment of {path}").format(path=path)
    )
    reason, why = gap
    scope = target.scope or _("no scope")
    if reason == "hidden":
        message = _("mentions '{name}', {what} ({scope}), which not every reader of this page may see").format(
            name=name, what=what, scope=scope
        )
        hint = _("remove it, or link only to items at least as widely visible")
    elif reason == "unpublished":
        message = _("mentions '{name}', {what} ({scope}, {why}), which is not published whenever this page is").format(
            name=name, what=what, scope=scope, why=why
        )
        hint = (
            _("remove it until the target is published, or date this item on or after the target")
            if target.status == Status.APPROVED
            else _("remove it, or link only to published items")
        )
    else:
        message = _("mentions '{name}', {what} ({scope}, {why}), which is not published whenever this page is").format(
            name=name, what=what, scope=scope, why=why
        )
        hint = (
            _("remove it, or give this item expires: {expires} or earlier").format(expires=target.expires)
            if doc.is_item
            else _("remove it: a page stays on the public site for good")
        )
    if shared:
        hint += _("; other files are named '{name}' too — if you meant one of them, rename {path}").format(
            name=name, path=path
        )
    else:
        hint += _(" (if '{name}' is not meant as that address, rename {path})").format(name=name, path=path)
    return Problem(doc.where.path, line, message, hint, "Art. 15")


def judged_text(doc: Document) -> str | None:
    """All the text of `doc` its readers see with its body, judged as one; None when the
    body is never judged (a withdrawal notice shows only the title and reason; a draft or
    an undated item is not published)."""
    if leaves_notice(doc) or doc.status != Status.APPROVED or (doc.is_item and doc.date is None):
        return None
    description = getattr(doc, "description", None) or ""  # shown in the page's head
    notes = "\n".join(change.note for change in doc.changes)  # the page's 更新记录
    return f"{doc.title}\n{description}\n{notes}\n{doc.body}"


def addresses(site: Site, readers: Readers, clock: dt.date) -> _Addresses:
    """The index of names `pages_name_only_what_their_readers_see` judges texts with."""
    return _Addresses(site, readers, clock)


def finder(tables: NameTables) -> _Addresses:
    """An index that only finds names (`mentioned`), from the `tables()` of one built on a site."""
    return _Addresses._finder(tables)


def pages_name_only_what_their_readers_see(
    site: Site, readers: Readers, clock: dt.date, also: Iterable[Document] = (), index: _Addresses | None = None
) -> Iterator[Problem]:
    """Art. 15: a page must not carry the address of anything some reader of it may not see.

    Any way of writing a page's address or an attachment's name — a Markdown link of any
    form, raw HTML, a full URL, plain text, escaped or encoded, in the body, the title or
    the description — puts it in front of every reader of the page; it must name only what
    every audience that sees the page sees too, on every day the page is shown (`every_build.visibility_gap`).
    `also`: more texts to judge as documents — a Mongolian version with its original's facts
    (rules/translations.as_documents).
    """
    if index is None:
        index = _Addresses(site, readers, clock)
    if not index.aliases and not index.wide:
        return
    for doc in itertools.chain(site.documents, also):
        if leaves_notice(doc):  # its notice shows the title and the reason, never the body
            assert doc.withdrawn is not None
            reason = doc.withdrawn.reason
            names = index.mentioned(f"{doc.title}\n{reason}")
            if names and readers.of(doc):
                texts = [(doc.where.of("title"), doc.title), (doc.where.of("withdrawn.reason"), reason)]
                yield from index.judge(doc, texts, names, readers, clock)
            continue
        text = judged_text(doc)
        if text is None:
            continue
        description = getattr(doc, "description", None) or ""
        names = index.mentioned(text)
        if names and readers.of(doc):
            texts = [(doc.where.of("title"), doc.title)]
            if description:
                texts.append((doc.where.of("description"), description))
            texts += [(doc.where.of(f"changes.{n}.note"), change.note) for n, change in enumerate(doc.changes)]
            texts += [(doc.body_line + n, line) for n, line in enumerate(doc.body.split("\n"))]
            yield from index.judge(doc, texts, names, readers, clock)
