"""The renderer's view of one build: what the audience may see, and the templates.

A `View` is derived once from a `Publication` and handed to every page function, so
nothing hidden can be rendered.  It also holds what many pages ask for again and again
(items by organization, cross-links, entry states, loaded templates, heading slugs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template

from ..audience import Publication
from ..catalog import EntryStatus, catalog_status
from ..model import Document, Registry
from ..vocab import DEFAULT_GRACE_DAYS, OrgLevel

# Organization levels from the top down: the tree, the index and the dashboard list them so.
LEVEL_ORDER = list(OrgLevel)  # the order the vocabulary is written in (vocab.py)

# The package's own templates; a project overrides one by writing theme/disclosure/<name>.
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def environment(theme_dir: str | Path | None = None) -> Environment:
    """The Jinja environment of generated pages: `theme_dir` first, then the package's templates.

    `theme_dir` is the project's Material override folder (mkdocs.yml `theme.custom_dir`,
    `theme/` in this repository): `theme/disclosure/org.html` replaces the package's
    `disclosure/org.html`.  A folder that does not exist is left out.  Undefined names
    fail instead of printing nothing, so a typo in an override stops the build.
    """
    folders = [str(theme_dir)] if theme_dir is not None and Path(theme_dir).is_dir() else []
    folders.append(str(TEMPLATES))
    env = Environment(
        loader=FileSystemLoader(folders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Read once per environment: a build makes one (View's default), and no page should
        # cost a stat of every template it imports.
        auto_reload=False,
    )
    env.filters["file_size"] = file_size
    return env


def file_size(size: int) -> str:
    """A file's size as a reader reads it (1 KB = 1,024 bytes): 812 字节, 9.6 KB, 356 KB, 2.4 MB."""
    if size < 1024:
        return f"{size} 字节"
    value, unit = size / 1024, "KB"
    for larger in ("MB", "GB"):
        if value < 1024:
            break
        value, unit = value / 1024, larger
    return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build generates (organization, index, print sheet, dashboard, report, home).

    `title` is plain text, not escaped: whoever prints it (a theme, a feed) escapes it for
    its own output.  `html` is the page's finished, escaped content, its <h1> included.
    `hide`: Material's `hide` settings for the page (e.g. navigation, toc).
    """

    title: str
    html: str
    hide: tuple[str, ...] = ()


class CrossLinks(NamedTuple):
    """Items a page may link by id (shown, or withdrawn with a notice), shown items by (field,
    id they interpret, correct, or name as their consultation's outcome: `outcome`), and
    archived ones by org."""

    by_id: dict[str, Document]
    pointing: dict[tuple[str, str], list[Document]]
    archived: dict[str, list[Document]]


@dataclass
class View:
    """Everything a renderer needs for one build, derived once from the publication.

    `templates`: the Jinja environment pages are rendered with (`environment(theme_dir)`
    for a project's overrides); by default the package's own templates.
    `slugs`: heading slugs computed so far, shared by the build's pages (`HeadingIds`).
    """

    pub: Publication
    registry: Registry
    grace_days: int = DEFAULT_GRACE_DAYS
    hide_names: bool = False
    site_name: str = "党务公开"
    templates: Environment = field(default_factory=environment, repr=False)
    # Attachments' sizes in bytes, by content-relative path (the adapter reads them from
    # content/; an attachment missing here is listed without a size).
    sizes: Mapping[str, int] = field(default_factory=dict, repr=False)
    _statuses: dict[str, list[EntryStatus]] = field(default_factory=dict)
    _loaded: dict[str, Template] = field(default_factory=dict, repr=False)
    slugs: dict[str, str] = field(default_factory=dict, repr=False)
    _by_org: dict[str, list[Document]] | None = field(default=None, init=False, repr=False)
    _cross_links: CrossLinks | None = field(default=None, init=False, repr=False)
    _notices_by_org: dict[str, list[Document]] | None = field(default=None, init=False, repr=False)

    @property
    def clock(self) -> dt.date:
        return self.pub.clock

    def template(self, name: str) -> Template:
        """disclosure/<name>, looked up once per view (not once per page: no stat per page)."""
        if name not in self._loaded:
            self._loaded[name] = self.templates.get_template(f"disclosure/{name}")
        return self._loaded[name]

    def render(self, name: str, **data: Any) -> str:
        return self.template(name).render(data)

    def live(self) -> list[Document]:
        return self.pub.live_items()

    def statuses(self, org_id: str) -> list[EntryStatus]:
        if org_id not in self._statuses:
            catalog = self.pub.catalogs.get(org_id)
            self._statuses[org_id] = (
                catalog_status(catalog, self.items_of(org_id), self.clock, self.grace_days) if catalog else []
            )
        return self._statuses[org_id]

    def items_by_org(self) -> dict[str, list[Document]]:
        """Live items by organization id ('' for none), made once."""
        if self._by_org is None:
            by_org: dict[str, list[Document]] = {}
            for doc in self.live():
                by_org.setdefault(doc.org or "", []).append(doc)
            self._by_org = by_org
        return self._by_org

    def items_of(self, org_id: str) -> list[Document]:
        return self.items_by_org().get(org_id, [])

    def notices_of(self, org_id: str) -> list[Document]:
        """The withdrawn items of an organization whose notice this build shows, newest
        withdrawal first (grouped once for every organization page)."""
        if self._notices_by_org is None:
            by_org: dict[str, list[Document]] = {}
            for doc in self.pub.notices:
                by_org.setdefault(doc.org or "", []).append(doc)
            for docs in by_org.values():
                docs.sort(key=lambda d: (d.withdrawn.on if d.withdrawn else None, d.id), reverse=True)
            self._notices_by_org = by_org
        return self._notices_by_org.get(org_id, [])

    def cross_links(self) -> CrossLinks:
        """Built once: asked on every item and organization page, and scanning every item there
        made a build quadratic in the number of items."""
        if self._cross_links is None:
            pointing: dict[tuple[str, str], list[Document]] = {}
            archived: dict[str, list[Document]] = {}
            for doc in self.pub.items():
                for field_name in ("interprets", "corrects"):
                    target = getattr(doc, field_name)
                    if target:
                        pointing.setdefault((field_name, target), []).append(doc)
                if doc.consultation is not None and doc.consultation.outcome:  # 意见采纳情况, Art. 18(5)
                    pointing.setdefault(("outcome", doc.consultation.outcome), []).append(doc)
                if doc.path in self.pub.archived:
                    archived.setdefault(doc.org or "", []).append(doc)
            # Links go to what this build shows at an item's address: its page, or its withdrawal notice.
            self._cross_links = CrossLinks(self.pub.linkable_by_id(), pointing, archived)
        return self._cross_links

    def entry_title(self, doc: Document) -> str | None:
        catalog = self.pub.catalogs.get(doc.org or "")
        entry = catalog.entry(doc.catalog) if catalog and doc.catalog else None
        return entry.title if entry else None

    def topic_name(self, topic_id: str | None) -> str | None:
        """The name of a topic of this build's documents (主题分类), None for none."""
        topic = self.pub.topics.get(topic_id) if topic_id else None
        return topic.name if topic is not None else None

    def org_name(self, org_id: str | None) -> str:
        return self.registry[org_id].name if org_id and org_id in self.registry else (org_id or "")
