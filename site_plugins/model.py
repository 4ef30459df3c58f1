"""Plain data of the disclosure domain: organizations, catalogs, items, problems.

Nothing here knows about MkDocs or files on disk; `load` builds these objects and
`rules` judges them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# Vocabularies of SPEC §3–§7.  Ordered tuples so messages list them predictably.
KINDS = ("committee", "discipline", "work-organ", "dispatched", "institution", "party-group", "grassroots")
LEVELS = ("region", "league", "banner", "township", "village", "unit")
SECTORS = ("township", "village", "soe", "private", "social", "public-institution", "agency")
SCOPES = ("public", "party", "unit", "specific")
TIMINGS = ("long-term", "periodic", "immediate")
PERIODS = ("monthly", "quarterly", "half-yearly", "yearly")
APPROVAL_LEVELS = ("routine", "important", "superior")
STATUSES = ("draft", "approved", "withdrawn")
METHODS = (
    "meeting", "document", "briefing", "intranet", "communique", "press-conference",
    "interview", "newspaper", "radio", "tv", "website", "new-media", "bulletin-board",
)

# Width of a scope (Art. 15): an item may never be wider than its catalog entry.
SCOPE_WIDTH = {"specific": 0, "unit": 1, "party": 2, "public": 3}

SCOPE_LABELS = {"public": "向社会公开", "party": "党内公开", "unit": "本单位公开", "specific": "特定对象公开"}
TIMING_LABELS = {"long-term": "长期公开", "periodic": "定期公开", "immediate": "随时公开"}
PERIOD_LABELS = {"monthly": "每月", "quarterly": "每季度", "half-yearly": "每半年", "yearly": "每年"}
LEVEL_LABELS = {"routine": "一般事项", "important": "重要事项", "superior": "报上级审批事项"}
ORG_LEVEL_LABELS = {
    "region": "自治区", "league": "盟市", "banner": "旗县市区",
    "township": "苏木乡镇（街道）", "village": "嘎查村（社区）", "unit": "企事业单位",
}
KIND_LABELS = {
    "committee": "地方党委", "discipline": "纪律检查机关", "work-organ": "党的工作机关",
    "dispatched": "党委派出机关", "institution": "党委直属事业单位", "party-group": "党组",
    "grassroots": "基层党组织",
}
METHOD_LABELS = {
    "meeting": "召开会议", "document": "制发文件", "briefing": "编发简报", "intranet": "局域网发布",
    "communique": "发布公报", "press-conference": "新闻发布会", "interview": "接受采访",
    "newspaper": "报刊", "radio": "广播", "tv": "电视", "website": "互联网",
    "new-media": "新媒体", "bulletin-board": "公开栏",
}


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
        severity = "warning: " if self.warning else ""
        article = f" [{self.rule}]" if self.rule else ""
        fix = f" — {self.hint}" if self.hint else ""
        return f"{where}: {severity}{self.message}{article}{fix}"


class InputError(Exception):
    """Raised where input cannot be used at all; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


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
    kind: str
    level: str
    sector: str | None
    parent: str | None
    where: Lines


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
        chains = self._memo.setdefault("ancestors", {})
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
        return self._memo["children"]

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
    scope: str
    timing: str
    period: str | None
    methods: tuple[str, ...]
    department: str
    where: Lines


@dataclass(frozen=True)
class Catalog:
    """An organization's disclosure catalog (党务公开目录, Art. 14)."""

    org: str
    adopted_on: dt.date | None
    filed_with: str | None
    filed_on: dt.date | None
    scope: str
    entries: tuple[Entry, ...]
    where: Lines

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


@dataclass(frozen=True)
class Document:
    """A Markdown file under content/: a disclosure item (党务公开事项) or a plain page.

    `path` is relative to content/ with forward slashes; `id` is the stable index
    number (索引号), by default the path without `.md`.
    """

    path: str
    id: str
    type: str  # "item" or "page"
    title: str
    scope: str
    audience: tuple[str, ...]
    status: str
    attachments: tuple[str, ...]
    body: str
    where: Lines
    org: str | None = None
    catalog: str | None = None
    timing: str | None = None
    period: str | None = None
    covers: str | None = None
    level: str | None = None
    approval: Approval | None = None
    date: dt.date | None = None
    expires: dt.date | None = None
    interprets: str | None = None
    corrects: str | None = None
    consultation: Consultation | None = None
    body_line: int = 0  # line of the file where the body starts
    description: str | None = None  # the page's summary (Material: meta description)
    hide: tuple[str, ...] = ()  # pages only: parts of Material's layout to hide (navigation, toc, footer)

    @property
    def is_item(self) -> bool:
        return self.type == "item"

    @property
    def url(self) -> str:
        """Site-relative URL of the built page (MkDocs directory URLs)."""
        stem = self.path[:-3]
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def attachment_paths(self) -> list[str]:
        folder = self.path.rpartition("/")[0]
        return [f"{folder}/{name}" if folder else name for name in self.attachments]


@dataclass
class Site:
    """Everything read from one site's sources, with the problems found while reading."""

    registry: Registry
    catalogs: dict[str, Catalog]
    documents: list[Document]
    other_files: list[str]  # non-Markdown files under content/, relative paths
    problems: list[Problem] = field(default_factory=list)

    def items(self) -> list[Document]:
        return [d for d in self.documents if d.is_item]

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents if d.is_item}
