"""Plain data of the disclosure domain: organizations, catalogs, items, problems.

Nothing here knows about MkDocs or files on disk; `load` builds these objects and
`rules` judges them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from .i18n import _, rule_article
from .vocab import (
    ApprovalLevel,
    DisclosureMode,
    Method,
    OrgKind,
    OrgLevel,
    PeriodKind,
    Scope,
    Sector,
    Status,
    Timing,
)

_W = TypeVar("_W", bound=StrEnum)


def _word(vocabulary: type[_W], value: str) -> _W | str:
    """The member of `vocabulary` written `value`; a word outside it (the loader has already
    reported it as a Problem, so the site is never built) stays as written, for messages."""
    return vocabulary._value2member_map_.get(value, value)  # type: ignore[return-value]


def _words(record: object, vocabularies: tuple[tuple[str, type[StrEnum]], ...]) -> None:
    """Turn the named fields of a frozen record from the loader's text into members.

    Run for every document of a 20,000-item region, so it is one dict lookup a field."""
    for name, vocabulary in vocabularies:
        value = record.__dict__[name]
        if type(value) is str:
            object.__setattr__(record, name, vocabulary._value2member_map_.get(value, value))


_ORGANIZATION_WORDS = (("kind", OrgKind), ("level", OrgLevel), ("sector", Sector))
_ENTRY_WORDS = (("scope", Scope), ("timing", Timing), ("period", PeriodKind))
_CATALOG_WORDS = (("scope", Scope),)
_DOCUMENT_WORDS = (
    ("scope", Scope),
    ("status", Status),
    ("timing", Timing),
    ("period", PeriodKind),
    ("level", ApprovalLevel),
    ("disclosure_mode", DisclosureMode),
)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located in a file, with a plain way to fix it.

    A `warning` stops nothing: `check` prints it and exits 0, a build logs it.  It tells
    of something that will happen by itself later (a link that disappears when its
    target expires), not of input that must be fixed.
    """

    path: str
    line: int
    message: str
    hint: str = ""
    rule: str = ""
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        severity = _("warning: ") if self.warning else ""
        article = f" [{rule_article(self.rule)}]" if self.rule else ""
        fix = f" — {self.hint}" if self.hint else ""
        return f"{where}: {severity}{self.message}{article}{fix}"


@dataclass(frozen=True)
class Lines:
    """Where each field of a record stands in its file (1-based; 0 = unknown)."""

    path: str
    start: int = 0
    fields: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def of(self, name: str) -> int:
        return self.fields.get(name, self.start)


@dataclass(frozen=True)
class Organization:
    """A party organization (党组织) of the registry."""

    id: str
    name: str
    kind: OrgKind
    level: OrgLevel
    sector: Sector | None
    parent: str | None
    where: Lines
    code: str | None = None  # 机构代码 (e.g. its 统一社会信用代码), the first part of its index numbers
    name_mn: str | None = None  # the name in Traditional Mongolian script (`name_mn`), if given

    def __post_init__(self) -> None:
        _words(self, _ORGANIZATION_WORDS)

    @property
    def index_code(self) -> str:
        """What its index numbers (索引号) begin with: its `code`, or its registry id without one."""
        return self.code or self.id


@dataclass(frozen=True)
class Registry:
    """The organization registry: one tree of organizations (catalogs/organizations.yml)."""

    organizations: dict[str, Organization]
    # Trees and chains computed once: audience checks, rules and every organization page
    # ask for them, and a region has 1,263 organizations and tens of thousands of items.
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __contains__(self, org_id: object) -> bool:
        return org_id in self.organizations

    def __getitem__(self, org_id: str) -> Organization:
        return self.organizations[org_id]

    def __iter__(self) -> Iterator[Organization]:
        return iter(self.organizations.values())

    def __len__(self) -> int:
        return len(self.organizations)

    def ancestors(self, org_id: str) -> list[str]:
        """Superiors from the direct parent up to the root (stops on a cycle)."""
        return list(self._chain(org_id))

    def _chain(self, org_id: str) -> tuple[str, ...]:
        chains: dict[str, tuple[str, ...]] = self._memo.setdefault("ancestors", {})
        if org_id not in chains:
            chain: list[str] = []
            current = self.organizations.get(org_id)
            while current is not None and current.parent and current.parent not in chain:
                chain.append(current.parent)
                current = self.organizations.get(current.parent)
            chains[org_id] = tuple(chain)
        return chains[org_id]

    def is_within(self, org_id: str, area_id: str) -> bool:
        """True when org_id is area_id or one of its descendants."""
        return org_id == area_id or area_id in self._chain(org_id)

    def children(self) -> dict[str, list[str]]:
        """Direct subordinates of each organization, in registry order (shared: do not modify)."""
        if "children" not in self._memo:
            tree: dict[str, list[str]] = {}
            for org in self.organizations.values():
                if org.parent:
                    tree.setdefault(org.parent, []).append(org.id)
            self._memo["children"] = tree
        children: dict[str, list[str]] = self._memo["children"]
        return children

    def roots(self) -> list[str]:
        if "roots" not in self._memo:  # asked by a rule for every approved item
            self._memo["roots"] = tuple(o.id for o in self.organizations.values() if not o.parent)
        return list(self._memo["roots"])


@dataclass(frozen=True)
class Entry:
    """A catalog entry (党务公开目录条目): one kind of matter the organization discloses."""

    id: str
    title: str
    basis: str
    scope: Scope
    timing: Timing
    period: PeriodKind | None
    methods: tuple[Method, ...]
    department: str
    where: Lines
    title_mn: str | None = None  # the title in Traditional Mongolian script (`title_mn`), if given

    def __post_init__(self) -> None:
        _words(self, _ENTRY_WORDS)
        if any(type(method) is str for method in self.methods):
            object.__setattr__(self, "methods", tuple(_word(Method, m) for m in self.methods))


@dataclass(frozen=True)
class Catalog:
    """An organization's disclosure catalog (党务公开目录, Art. 14)."""

    org: str
    adopted_on: dt.date | None
    filed_with: str | None
    filed_on: dt.date | None
    scope: Scope
    entries: tuple[Entry, ...]
    where: Lines

    def __post_init__(self) -> None:
        _words(self, _CATALOG_WORDS)

    def entry(self, entry_id: str | None) -> Entry | None:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        return None


@dataclass(frozen=True)
class Approval:
    """The approval record of Art. 18: proposed, reviewed (with secrecy review), approved."""

    proposed_by: str | None = None
    reviewed_by: str | None = None
    reviewed_on: dt.date | None = None
    secrecy_review: str | None = None
    approved_by: str | None = None
    approved_on: dt.date | None = None
    decision: str | None = None
    approver_role: str | None = None
    superior_org: str | None = None
    superior_on: dt.date | None = None
    risk_assessment: str | None = None


@dataclass(frozen=True)
class Consultation:
    """A call for opinions (征求意见, Art. 22)."""

    until: dt.date | None
    channel: str
    # The id of the item that reports what became of the opinions (意见采纳情况, Art. 18(5)).
    outcome: str | None = None


@dataclass(frozen=True)
class Topic:
    """A subject an item is filed under (主题分类): one entry of catalogs/topics.yml."""

    id: str
    name: str
    where: Lines


@dataclass(frozen=True)
class Withdrawal:
    """A withdrawal (撤回, Art. 18, 26): the day an item was taken down and why.

    An item that had been published leaves a notice at its address with these words
    (`audience.leaves_notice`); one withdrawn before it was published leaves nothing.
    """

    on: dt.date | None
    reason: str


@dataclass(frozen=True)
class Change:
    """One public change note of a published item (更新记录): when it changed, and what."""

    on: dt.date | None
    note: str


@dataclass(frozen=True)
class Redirect:
    """An old address of a document (`moved_from`) that a build answers with a redirect.

    `address` is the old page's site-relative URL (`nmg-dw/2025/old-name/`); `to` is the
    document now shown, whose page (or withdrawal notice) the redirect leads to.
    """

    address: str
    to: Document


@dataclass(frozen=True)
class Document:
    """A Markdown file under content/: an `Item` (党务公开事项) or a `Page`.

    `path` is relative to content/ with forward slashes; `id` is the stable index
    number (索引号), by default the path without `.md`.  The loader makes an `Item` or a
    `Page`; a bare Document (tests) is either, as `type` says.  It still declares an item's
    facts so that code looping over both may read them (None on a page).
    """

    path: str
    id: str
    type: str  # "item" or "page"
    title: str
    scope: Scope
    audience: tuple[str, ...]
    status: Status
    attachments: tuple[str, ...]
    body: str
    where: Lines
    org: str | None = None
    catalog: str | None = None
    timing: Timing | None = None
    period: PeriodKind | None = None
    covers: str | None = None
    level: ApprovalLevel | None = None
    approval: Approval | None = None
    date: dt.date | None = None
    expires: dt.date | None = None
    interprets: str | None = None
    corrects: str | None = None
    consultation: Consultation | None = None
    body_line: int = 0  # line of the file where the body starts
    description: str | None = None  # the page's summary (Material: meta description)
    hide: tuple[str, ...] = ()  # pages only: parts of Material's layout to hide (navigation, toc, footer)
    replaces: str | None = None  # pages only: the page this one stands in for where it is visible
    # Earlier source paths of this page (content-relative, `.md`): each old address gets a redirect.
    moved_from: tuple[str, ...] = ()
    withdrawn: Withdrawal | None = None  # items only: the withdrawal record (status: withdrawn)
    changes: tuple[Change, ...] = ()  # items only: public change notes, as written
    # Items only: the record of the document disclosed (文件信息).
    doc_number: str | None = None  # 发文字号, e.g. 内党办发〔2026〕12号
    written_on: dt.date | None = None  # 成文日期: the day the document was signed
    topic: str | None = None  # 主题分类: an id of catalogs/topics.yml
    disclosure_mode: DisclosureMode | None = None  # 公开方式; an Item's default is proactive

    @property
    def updated(self) -> dt.date | None:
        """The newest change note's day (更新日期), None for an item never changed."""
        days = [change.on for change in self.changes if change.on is not None]
        return max(days) if days else None

    def changes_newest_first(self) -> list[Change]:
        return sorted(self.changes, key=lambda change: change.on or dt.date.min, reverse=True)

    def __post_init__(self) -> None:
        _words(self, _DOCUMENT_WORDS)

    @property
    def is_item(self) -> bool:
        return self.type == "item"

    @property
    def url(self) -> str:
        """Site-relative URL of the built page (MkDocs directory URLs)."""
        return page_address(self.path)

    def attachment_paths(self) -> list[str]:
        folder = self.path.rpartition("/")[0]
        return [f"{folder}/{name}" if folder else name for name in self.attachments]


def page_address(path: str) -> str:
    """Site-relative URL (MkDocs directory URLs) of the page built from content/<path>."""
    stem = path[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


# The facts only an item has: a page leaves every one of them unset.
_ITEM_ONLY = (
    "catalog",
    "timing",
    "period",
    "covers",
    "level",
    "approval",
    "date",
    "expires",
    "interprets",
    "corrects",
    "consultation",
    "withdrawn",
    "doc_number",
    "written_on",
    "topic",
    "disclosure_mode",
)


@dataclass(frozen=True)
class Item(Document):
    """A disclosure item (党务公开事项): issued by an organization under a catalog entry, approved
    (Art. 18), dated, perhaps periodic, expiring, interpreting or correcting another item."""

    type: str = field(default="item", kw_only=True)
    disclosure_mode: DisclosureMode | None = DisclosureMode.PROACTIVE  # 主动公开 unless it says otherwise

    def __post_init__(self) -> None:
        if self.type != "item":
            raise ValueError(f"an Item has type 'item', not '{self.type}'")
        super().__post_init__()


@dataclass(frozen=True)
class Page(Document):
    """A plain page (type: page): a scope and a body, shown while it is approved, never dated.

    It has none of an item's facts (`_ITEM_ONLY` stay None) and may hide parts of the layout.
    """

    type: str = field(default="page", kw_only=True)

    def __post_init__(self) -> None:
        if self.type != "page":
            raise ValueError(f"a Page has type 'page', not '{self.type}'")
        given = [name for name in _ITEM_ONLY if getattr(self, name) is not None]
        given += ["changes"] if self.changes else []
        if given:
            raise ValueError(f"a page has no {', '.join(given)}")
        super().__post_init__()


@dataclass(frozen=True)
class Translation:
    """A document's Mongolian version (蒙古文版): `<name>.mn.md` beside its original `<name>.md`.

    It holds only words — the title, the description and the body in Traditional Mongolian
    script; scope, audience, dates, approval and organization are the original's
    (`original`, its content-relative path), so a translation is never shown wider, longer
    or elsewhere than its original (audience.publish).
    """

    path: str  # content-relative path of the .mn.md file
    original: str  # content-relative path of the document it translates
    title: str
    body: str
    where: Lines
    body_line: int = 0
    description: str | None = None

    @property
    def original_file(self) -> str:
        """The original's file as problems name it (its `where.path`: content/<name>.md)."""
        return self.where.path.removesuffix(".mn.md") + ".md"


@dataclass
class Site:
    """Everything read from one site's sources, with the problems found while reading."""

    registry: Registry
    catalogs: dict[str, Catalog]
    documents: list[Document]
    other_files: list[str]  # non-Markdown files under content/, relative paths
    problems: list[Problem] = field(default_factory=list)
    topics: dict[str, Topic] = field(default_factory=dict, kw_only=True)  # 主题分类 (catalogs/topics.yml), by id
    translations: list[Translation] = field(default_factory=list)  # the Mongolian versions (.mn.md)

    def items(self) -> list[Document]:
        return [d for d in self.documents if d.is_item]

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents if d.is_item}
