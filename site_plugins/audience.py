"""Who may see what (Art. 15): the one place where a scope meets an audience.

Every output — pages, attachments, navigation, search, sitemap, feeds, catalog pages,
JSON exports — is derived from the `Publication` made here, and `may_see` is the only
function that compares a scope with an audience.  Anything it does not recognise is
hidden (fail closed).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from .i18n import _
from .model import Catalog, Document, Entry, Redirect, Registry, Site, Topic, Translation, page_address
from .vocab import Lifecycle, Scope, Status

CHINA_TIME = dt.timezone(dt.timedelta(hours=8))


class AudienceError(ValueError):
    """An audience that does not exist: the build must not start."""


@dataclass(frozen=True)
class Audience:
    """The readers one build is made for: `public`, `party` or `unit:<org-id>`."""

    kind: str
    org: str | None = None

    @classmethod
    def parse(cls, text: str | None, registry: Registry) -> Audience:
        value = (text or "public").strip()
        if value in ("public", "party"):
            return cls(value)
        if value.startswith("unit:"):
            org = value[len("unit:") :]
            if org in registry:
                return cls("unit", org)
            raise AudienceError(
                _(
                    "unknown audience '{value}': no organization '{org}' in the registry — use unit:<org-id> with an id from catalogs/organizations.yml"
                ).format(value=value, org=org)
            )
        raise AudienceError(_("unknown audience '{value}' — use public, party or unit:<org-id>").format(value=value))

    @property
    def is_intranet(self) -> bool:
        return self.kind != "public"

    @property
    def slug(self) -> str:
        """Folder name under site/: public, party or unit-<org-id>."""
        return f"unit-{self.org}" if self.kind == "unit" else self.kind

    def __str__(self) -> str:
        return f"unit:{self.org}" if self.kind == "unit" else self.kind


def may_see(
    audience: Audience, scope: Scope | str, org: str | None, listed: tuple[str, ...], registry: Registry
) -> bool:
    """May this audience see something of this scope issued by `org` (Art. 15)?

    public   → everyone;  party → every intranet build;
    unit     → unit:X where X is the issuing organization or under it;
    specific → unit:X where X is listed.
    """
    if scope == Scope.PUBLIC:
        return audience.kind in ("public", "party", "unit")
    if audience.kind == "public":
        return False
    if scope == Scope.PARTY:
        return audience.kind in ("party", "unit")
    if audience.kind != "unit" or audience.org is None:
        return False
    if scope == Scope.UNIT:
        return org is not None and org in registry and registry.is_within(audience.org, org)
    if scope == Scope.SPECIFIC:
        return audience.org in listed
    return False


def every_audience(registry: Registry) -> list[Audience]:
    """Every build a site can have: public, party, and unit:<org> for each organization."""
    return [Audience("public"), Audience("party"), *(Audience("unit", org.id) for org in registry)]


def readers(scope: Scope | str, org: str | None, listed: tuple[str, ...], registry: Registry) -> frozenset[Audience]:
    """The audiences of `every_audience` that `may_see` something of this scope.

    For rules that must hold in every build at once (a page may name only what each of its
    readers sees).  `may_see` decides every audience; this only spares asking all 1,263
    unit builds of a region each time: a `unit` scope is asked of the issuing
    organization's subtree, a `specific` scope of the listed organizations, and `public`
    and `party`, which reach the same builds whoever issued them, are asked once per site.
    tests/test_attack_check.py compares it with `may_see` asked of every audience.
    """
    memo: dict[tuple[object, ...], frozenset[Audience]] = registry._memo.setdefault("readers", {})
    key: tuple[object, ...] = (scope,) if scope in (Scope.PUBLIC, Scope.PARTY) else (scope, org, listed)
    found = memo.get(key)
    if found is not None:
        return found
    candidates: list[Audience]
    if scope in (Scope.PUBLIC, Scope.PARTY):
        candidates = every_audience(registry)
    elif scope == Scope.UNIT and org is not None and org in registry:
        below: dict[str, None] = {org: None}
        stack = [org]
        children = registry.children()
        while stack:  # the subtree of org (a cycle in the registry is reported elsewhere)
            for child in children.get(stack.pop(), ()):
                if child not in below:
                    below[child] = None
                    stack.append(child)
        candidates = [Audience("unit", o) for o in below]
    elif scope == Scope.SPECIFIC:
        candidates = [Audience("unit", o) for o in dict.fromkeys(listed) if o in registry]
    else:
        candidates = []
    found = memo[key] = frozenset(a for a in candidates if may_see(a, scope, org, listed, registry))
    return found


def build_clock(environ: dict[str, str] | None = None) -> dt.date:
    """Today in China time, or the day of SOURCE_DATE_EPOCH when set (reproducible builds)."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            moment = dt.datetime.fromtimestamp(int(epoch), tz=CHINA_TIME)
        except (ValueError, OverflowError, OSError):
            raise ValueError(
                _(
                    "SOURCE_DATE_EPOCH is '{epoch}', which is not a time — give seconds since 1970-01-01 UTC (e.g. $(git log -1 --format=%ct)), or unset it"
                ).format(epoch=epoch)
            ) from None
    else:
        moment = dt.datetime.now(tz=CHINA_TIME)
    return moment.date()


def lifecycle(doc: Document, clock: dt.date) -> Lifecycle:
    """`live`, `expired` (archive), or why it is not built: `draft`, `withdrawn`, `embargoed`.

    A status the loader could not read (reported as a Problem) counts as a draft.
    """
    if doc.status != Status.APPROVED:
        return Lifecycle.WITHDRAWN if doc.status == Status.WITHDRAWN else Lifecycle.DRAFT
    if doc.is_item:
        if doc.date is None or doc.date > clock:
            return Lifecycle.EMBARGOED
        if doc.expires is not None and doc.expires < clock:
            return Lifecycle.EXPIRED
    return Lifecycle.LIVE


def leaves_notice(doc: Document) -> bool:
    """Whether a withdrawn item leaves a withdrawal notice (撤回说明) at its address.

    Only an item that had been published: its approval record complete (Art. 18: proposed,
    reviewed with the secrecy review passed, approved) and its approval and publication
    date no later than the day it was withdrawn.  A draft, or an item withdrawn before its
    date came, was never shown anywhere, so it leaves nothing.
    """
    withdrawal, approval = doc.withdrawn, doc.approval
    if not doc.is_item or doc.status != Status.WITHDRAWN or withdrawal is None or withdrawal.on is None:
        return False
    if approval is None or approval.secrecy_review != "passed" or doc.date is None:
        return False
    steps = (approval.proposed_by, approval.reviewed_by, approval.reviewed_on, approval.approved_by)
    if any(step in (None, "") for step in steps) or approval.approved_on is None:
        return False
    return approval.approved_on <= withdrawal.on and doc.date <= withdrawal.on


def notice_shown(doc: Document, audience: Audience, registry: Registry) -> bool:
    """Whether `audience`'s build shows the withdrawal notice of `doc`: exactly the builds that
    showed the item on the day it was withdrawn — those that may see it, and of them the
    public one only if the item had not expired by then (intranet builds kept it as archive)."""
    if not leaves_notice(doc) or not document_visible(doc, audience, registry):
        return False
    assert doc.withdrawn is not None and doc.withdrawn.on is not None  # leaves_notice
    return audience.is_intranet or doc.expires is None or doc.expires >= doc.withdrawn.on


@dataclass
class Publication:
    """What one build contains: the documents, attachments and catalog entries an audience sees."""

    audience: Audience
    clock: dt.date
    documents: list[Document]  # every built page: live items, archived items, pages
    archived: set[str]  # paths of expired items kept as archive (intranet builds only)
    attachments: set[str]  # content-relative paths of attachments to copy
    catalogs: dict[str, Catalog]  # visible catalogs with only their visible entries
    drafts: set[str] = field(default_factory=set)  # paths shown only in preview
    # Withdrawn items whose notice this build shows at their address (`notice_shown`): not
    # in `documents`, since nothing but the notice of them is published.
    notices: list[Document] = field(default_factory=list)
    # The old addresses (`moved_from`) of what this build shows, each leading to it.
    redirects: list[Redirect] = field(default_factory=list)
    # The Mongolian version of a shown document, by the document's path (`translated`):
    # only the texts this build shows, so a translation is never seen without its original.
    translations: dict[str, Translation] = field(default_factory=dict)
    # The topics (主题分类) of the documents it shows, by id: a topic only hidden items are filed
    # under is not named (catalogs/topics.yml as a whole is no page of any build).
    topics: dict[str, Topic] = field(default_factory=dict, kw_only=True)

    def items(self) -> list[Document]:
        return [d for d in self.documents if d.is_item]

    def live_items(self) -> list[Document]:
        return [d for d in self.documents if d.is_item and d.path not in self.archived]

    def paths(self) -> set[str]:
        return {d.path for d in self.documents}

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents if d.is_item}

    def linkable_by_id(self) -> dict[str, Document]:
        """Items a page of this build may link to by id: the items it shows and the withdrawn
        items whose notice stands at their address."""
        return {**{d.id: d for d in self.notices}, **self.by_id()}

    def addresses(self) -> set[str]:
        """Every page address of this build that stands for a document: its pages, its
        withdrawal notices and its redirects."""
        return {d.url for d in self.documents} | {d.url for d in self.notices} | {r.address for r in self.redirects}


def document_visible(doc: Document, audience: Audience, registry: Registry) -> bool:
    return may_see(audience, doc.scope, doc.org, doc.audience, registry)


def entry_visible(catalog: Catalog, entry: Entry, audience: Audience, registry: Registry) -> bool:
    """A catalog entry is seen where both the catalog and the entry may be seen.

    A `specific` entry has no list of its own, so it is named only in the issuing
    organization's own unit build.
    """
    if not may_see(audience, catalog.scope, catalog.org, (), registry):
        return False
    listed = (catalog.org,) if entry.scope == Scope.SPECIFIC else ()
    return may_see(audience, entry.scope, catalog.org, listed, registry)


def presented(documents: list[Document], archived: set[str], drafts: set[str]) -> list[Document]:
    """The audience's documents with each page variant shown at the address of the page it
    `replaces` (the intranet's own home page, say), in place of that page.

    Only variants the audience sees are here, so a variant is never shown wider than its own
    scope; where several are seen, the narrowest stands (rules.variants forbids a tie).  The
    variant keeps its file and lines (`where`), for every message; `archived` and `drafts`
    follow it to its new address.
    """
    from dataclasses import replace

    chosen: dict[str, Document] = {}
    for doc in documents:
        target = doc.replaces
        if target and (target not in chosen or doc.scope.width < chosen[target].scope.width):
            chosen[target] = doc
    if not chosen:
        return documents
    standing_in = {variant.path for variant in chosen.values()}
    seen = {doc.path for doc in documents}
    shown: list[Document] = []
    for doc in documents:
        if doc.path in chosen:
            variant = chosen[doc.path]
            shown.append(replace(variant, path=doc.path, id=doc.id, replaces=None))
        elif doc.path not in standing_in and not doc.replaces:
            shown.append(doc)
    for target, variant in chosen.items():
        if target not in seen:  # the page itself is not seen: the variant alone
            shown.append(replace(variant, path=target, id=target[:-3], replaces=None))
        for marks in (archived, drafts):
            if variant.path in marks:
                marks.discard(variant.path)
                marks.add(target)
    return shown


def translated(documents: list[Document], translations: list[Translation]) -> dict[str, Translation]:
    """The Mongolian versions of exactly the shown `documents`, by the path each is shown at.

    A translation belongs to the file whose text it translates (its `original_file`, a
    document's `where.path`): where a variant stands in for a page, the variant's own
    translation is shown, never the replaced page's.  Nothing is asked of the translation
    itself — it has no scope, dates or status of its own — so it is shown in exactly the
    builds, on exactly the days, and as draft or archive exactly when its original is.
    """
    if not translations:
        return {}
    by_file = {t.original_file: t for t in translations}
    return {doc.path: by_file[doc.where.path] for doc in documents if doc.where.path in by_file}


def publish(site: Site, audience: Audience, clock: dt.date, preview_drafts: bool = False) -> Publication:
    """Select what `audience` sees at `clock`.  Call only on a site without problems."""
    from dataclasses import replace

    registry = site.registry
    documents: list[Document] = []
    archived: set[str] = set()
    drafts: set[str] = set()
    notices: list[Document] = []
    for doc in site.documents:
        if not document_visible(doc, audience, registry):
            continue
        state = lifecycle(doc, clock)
        if state is Lifecycle.LIVE:
            documents.append(doc)
        elif state is Lifecycle.EXPIRED and audience.is_intranet:
            documents.append(doc)
            archived.add(doc.path)
        elif state is Lifecycle.WITHDRAWN and notice_shown(doc, audience, registry):
            notices.append(doc)
        elif preview_drafts and state in (Lifecycle.DRAFT, Lifecycle.EMBARGOED):
            documents.append(doc)
            drafts.add(doc.path)
    # The old addresses of what is shown (a page's, before a variant takes its place).
    redirects = [
        Redirect(page_address(old), doc)
        for doc in (*documents, *notices)
        if doc.path not in drafts
        for old in doc.moved_from
    ]
    documents = presented(documents, archived, drafts)
    attachments = {path for doc in documents for path in doc.attachment_paths()}
    catalogs: dict[str, Catalog] = {}
    for org_id, catalog in site.catalogs.items():
        if not may_see(audience, catalog.scope, catalog.org, (), registry):
            continue
        entries = tuple(e for e in catalog.entries if entry_visible(catalog, e, audience, registry))
        catalogs[org_id] = replace(catalog, entries=entries)
    translations = translated(documents, site.translations)
    topics = {d.topic: site.topics[d.topic] for d in (*documents, *notices) if d.topic and d.topic in site.topics}
    return Publication(
        audience,
        clock,
        documents,
        archived,
        attachments,
        catalogs,
        drafts,
        notices,
        redirects,
        translations,
        topics=dict(sorted(topics.items())),
    )
