"""`disclose diff`: what a change makes visible, changes or hides, per audience.

A reviewer approving a merge request must see exactly what becomes public (or
party-visible) with it.  Each side of the comparison is read from git itself
(`git ls-tree` + `git cat-file --batch` into a temporary folder), never by checking
anything out, so the working tree, the index and HEAD are untouched; the second side
may be the working tree.  Both sides go through the same `load_site`, `validate` and
`audience.publish` as a build, so the diff cannot disagree with what a build publishes.

For every audience — public, party, and unit:<org> for each organization touched by a
changed item — the result lists documents that become visible (added), stop being
visible (removed) and stay visible but change (title, body, attachments by content
hash, scope, dates …), the same for catalog entries, and items that are approved and
would be visible but are embargoed until a later date (scheduled), since those go live
without another review.  A unit build sees all that the party build sees, so a unit
list holds only what goes beyond the party list (unit and specific scopes).  A side
that fails validation has its problems reported; like the preview, its broken files
are left out and the rest is compared.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .audience import Audience, AudienceError, document_visible, lifecycle, publish
from .load import load_site
from .model import SCOPE_LABELS, Catalog, Document, Entry, Problem, Site
from .rules import validate, validate_publication

CONTENT = "content"
CATALOGS = "catalogs"

# Fields of a document compared between sides, in the order they are reported.
DOCUMENT_FIELDS = (
    "title", "scope", "audience", "path", "org", "catalog", "timing", "covers", "level",
    "date", "expires", "archived", "interprets", "corrects", "consultation", "attachments",
    "approval", "body",
)
ENTRY_FIELDS = ("title", "basis", "scope", "timing", "period", "methods", "department")
# Embargoed items go live on their date without another review, so they are shown apart.
SCHEDULED_NOTES = {"added": "scheduled: goes live on its date", "removed": "no longer scheduled",
                   "changed": "scheduled"}
AUDIENCE_LABELS = {"public": "互联网公开站点", "party": "党内（内网）站点"}


# --------------------------------------------------------------------------- reading a side


@dataclass
class Side:
    """One side of the comparison: a loaded site and what the reader needs to know of it."""

    label: str  # the revision as given, or "working tree"
    commit: str | None
    site: Site
    problems: list[Problem]
    hashes: dict[str, str]  # sha256 of every file under content/, by content-relative path
    sound: Site = field(init=False)  # the site without its broken files, as a preview shows it
    sound_paths: set[str] = field(init=False)
    by_id: dict[str, Document] = field(init=False)  # items and pages; looked up once per change

    def __post_init__(self) -> None:
        broken = {p.path for p in self.problems}
        self.sound = Site(self.site.registry, self.site.catalogs,
                          [d for d in self.site.documents if d.where.path not in broken],
                          self.site.other_files, [])
        self.sound_paths = {d.path for d in self.sound.documents}
        self.by_id = {d.id: d for d in self.site.documents}
        self._records: dict[tuple[str, bool], dict[str, Any]] = {}
        self._entries: dict[str, dict[str, Any]] = {}

    def record(self, doc: Document, archived: bool) -> dict[str, Any]:
        """The document's comparable record, made once: every audience shares the same object,
        so an audience's view can be compared with another's by identity."""
        key = (doc.id, archived)
        if key not in self._records:
            self._records[key] = _document_record(doc, self, archived)
        return self._records[key]

    def entry_record(self, catalog: Catalog, entry: Entry) -> dict[str, Any]:
        key = f"{catalog.org}/{entry.id}"
        if key not in self._entries:
            self._entries[key] = _entry_record(catalog, entry)
        return self._entries[key]


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise ValueError("git is not installed; diff reads revisions with git") from error
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ValueError(f"git {args[0]} failed: {detail[-1] if detail else proc.returncode}")
    return proc.stdout


def _resolve(root: Path, rev: str) -> str:
    """The commit id of `rev`, or a plain error: an unknown revision is a usage error."""
    if rev.startswith("-"):
        raise ValueError(f"'{rev}' is not a revision")
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except ValueError:
        raise ValueError(f"unknown revision '{rev}' — use a commit, branch or tag known to git "
                         "(in CI, fetch enough history, e.g. fetch-depth: 0)") from None


def _extract(root: Path, commit: str, target: Path) -> None:
    """Write content/ and catalogs/ of `commit` under `target`, reading git objects only."""
    listing = _git(root, "ls-tree", "-r", "-z", commit, "--", CONTENT, CATALOGS)
    blobs: list[tuple[str, str]] = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, oid = meta.decode().split()
        path = name.decode("utf-8", "surrogateescape")
        # Symlinks and submodules are not files an editor publishes; a build would not follow them either.
        if kind != "blob" or mode == "120000":
            continue
        if path.split("/", 1)[0] not in (CONTENT, CATALOGS) or ".." in path.split("/"):
            continue
        blobs.append((oid, path))
    if not blobs:
        return
    output = _git(root, "cat-file", "--batch", stdin="".join(f"{oid}\n" for oid, _ in blobs).encode())
    offset = 0
    for oid, path in blobs:
        header_end = output.index(b"\n", offset)
        got, kind, size = output[offset:header_end].decode().split()
        if got != oid or kind != "blob":
            raise ValueError(f"git cat-file returned {got} {kind} for {path}")
        start = header_end + 1
        data = output[start:start + int(size)]
        offset = start + int(size) + 1  # each object is followed by a newline
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)


def _read_side(label: str, commit: str | None, folder: Path) -> Side:
    site = load_site(folder, CONTENT, CATALOGS)
    problems = validate(site)
    hashes = {}
    for rel in [d.path for d in site.documents] + site.other_files:
        path = folder / CONTENT / rel
        if path.is_file():
            hashes[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return Side(label, commit, site, problems, hashes)


def load_side(root: Path, rev: str | None) -> Side:
    """Read one side: a revision from git, or the working tree when `rev` is None."""
    if rev is None:
        return _read_side("working tree", None, root)
    commit = _resolve(root, rev)
    with tempfile.TemporaryDirectory(prefix="disclose-diff-") as tmp:
        _extract(root, commit, Path(tmp))
        return _read_side(rev, commit, Path(tmp))


# --------------------------------------------------------------------------- comparing


def _document_record(doc: Document, side: Side, archived: bool) -> dict[str, Any]:
    """Everything a reader of `doc`'s page or feeds could notice, as comparable plain values."""
    folder = doc.path.rpartition("/")[0]
    a = doc.approval
    return {
        "title": doc.title,
        "scope": doc.scope,
        "audience": sorted(doc.audience),
        "path": f"{CONTENT}/{doc.path}",
        "org": doc.org,
        "catalog": doc.catalog,
        "timing": doc.timing,
        "covers": doc.covers,
        "level": doc.level,
        "date": doc.date.isoformat() if doc.date else None,
        "expires": doc.expires.isoformat() if doc.expires else None,
        "archived": archived,
        "interprets": doc.interprets,
        "corrects": doc.corrects,
        "consultation": None if doc.consultation is None else {
            "until": doc.consultation.until.isoformat() if doc.consultation.until else None,
            "channel": doc.consultation.channel,
        },
        "attachments": {
            name: side.hashes.get(f"{folder}/{name}" if folder else name, "missing") for name in doc.attachments
        },
        "approval": None if a is None else {
            key: (value.isoformat() if isinstance(value, dt.date) else value)
            for key, value in vars(a).items() if value not in (None, "")
        },
        "body": hashlib.sha256(doc.body.encode("utf-8")).hexdigest(),
    }


def _entry_record(catalog: Catalog, entry: Entry) -> dict[str, Any]:
    return {
        "title": entry.title, "basis": entry.basis, "scope": entry.scope, "timing": entry.timing,
        "period": entry.period, "methods": list(entry.methods), "department": entry.department,
        "catalog_scope": catalog.scope,
    }


@dataclass
class View:
    """What one audience sees of one side at the clock: records by document or entry key."""

    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    scheduled: dict[str, dict[str, Any]] = field(default_factory=dict)
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)


def _view(side: Side, audience_text: str, clock: dt.date, site: Site | None = None) -> tuple[View, list[Problem]]:
    site = site or side.sound
    try:
        audience = Audience.parse(audience_text, site.registry)
    except AudienceError:
        return View(), []  # the organization does not exist on this side: it sees nothing
    pub = publish(site, audience, clock)
    view = View()
    for doc in pub.documents:
        view.documents[doc.id] = side.record(doc, doc.path in pub.archived)
    for doc in site.documents:
        # Approved and in scope, but dated after the clock: it goes live on its date by itself.
        if lifecycle(doc, clock) == "embargoed" and document_visible(doc, audience, site.registry):
            view.scheduled[doc.id] = side.record(doc, False)
    for catalog in pub.catalogs.values():
        for entry in catalog.entries:
            view.entries[f"{catalog.org}/{entry.id}"] = side.entry_record(catalog, entry)
    return view, validate_publication(pub, site)


def _summary(key: str, record: dict[str, Any]) -> dict[str, Any]:
    keep = ("title", "path", "scope", "org", "date") if "path" in record else ("title", "scope", "timing")
    return {"id": key, **{k: record.get(k) for k in keep}}


Records = dict[str, dict[str, Any]]


def _compare(old: Records, new: Records, fields: Iterable[str], baseline: tuple[Records, Records] | None = None,
             why: Callable[[str, str], str] | None = None, bodies: tuple[Side, Side] | None = None,
             ) -> dict[str, list[dict[str, Any]]]:
    """Added, removed and changed keys between two views of one audience.

    With a `baseline` (the party views), keys whose outcome is the very same as there are
    left out: a unit build sees everything the party build sees, and repeating those
    changes for every organization would bury what only that organization sees.
    """
    keys = old.keys() | new.keys()
    if baseline is not None:
        keys = {k for k in keys if old.get(k) is not baseline[0].get(k) or new.get(k) is not baseline[1].get(k)}
    added, removed, changed = [], [], []
    for key in sorted(keys):
        before, after = old.get(key), new.get(key)
        if before is None and after is not None:
            reason = why(key, "added") if why else None
            added.append(_summary(key, after) | ({"why": reason} if reason else {}))
        elif after is None and before is not None:
            reason = why(key, "removed") if why else None
            removed.append(_summary(key, before) | ({"why": reason} if reason else {}))
        elif before is not None and after is not None and before is not after:
            names = [name for name in fields if before.get(name) != after.get(name)]
            if not names:
                continue
            shown = [n for n in names if n != "body"]
            change: dict[str, Any] = {
                **_summary(key, after),
                "fields": names,
                "before": {n: before.get(n) for n in shown},
                "after": {n: after.get(n) for n in shown},
            }
            if "body" in names and bodies is not None:
                change["body_diff"] = _body_diff(bodies[0].by_id[key].body, bodies[1].by_id[key].body)
            changed.append(change)
    return {"added": added, "removed": removed, "changed": changed}


def _body_diff(old: str, new: str, limit: int = 60) -> list[str]:
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), "before", "after", n=1, lineterm=""))[2:]
    return lines if len(lines) <= limit else [*lines[:limit], f"… {len(lines) - limit} more line(s)"]


def _state(doc: Document, side: Side, audience_text: str, clock: dt.date) -> str:
    """Why a document is not visible to an audience on one side, in a reviewer's words."""
    if doc.path not in side.sound_paths:
        return "file has problems"
    try:
        audience = Audience.parse(audience_text, side.sound.registry)
    except AudienceError:
        return "organization not in the registry"
    if not document_visible(doc, audience, side.sound.registry):
        return f"scope {doc.scope}"
    state = lifecycle(doc, clock)
    if state == "embargoed":
        return f"embargoed until {doc.date}" if doc.status == "approved" and doc.date else "no date"
    if state == "expired":
        return f"expired {doc.expires}"
    return state


def _reasons(before: Side, after: Side, audience_text: str, clock: dt.date) -> Callable[[str, str], str]:
    def why(key: str, kind: str) -> str:
        if kind == "added":  # why was it not visible before?
            doc = before.by_id.get(key)
            return "new file" if doc is None else f"was: {_state(doc, before, audience_text, clock)}"
        doc = after.by_id.get(key)  # removed: why is it not visible now?
        return "file deleted" if doc is None else f"now: {_state(doc, after, audience_text, clock)}"

    return why


NARROW_SCOPES = ("unit", "specific")


def _narrowed(before: Side, after: Side) -> tuple[Site, Site]:
    """Each side cut down to what a unit build may see differently from the party build.

    A unit build sees exactly what the party build sees plus items and catalog entries of
    scope unit or specific, so only those (on either side, with the items they link to,
    for the link checks) need to be selected again for every organization — with a
    thousand organizations touched, selecting the whole site for each would take minutes.
    """
    ids = {d.id for side in (before, after) for d in side.site.documents if d.scope in NARROW_SCOPES}
    entries = {(c.org, e.id) for side in (before, after) for c in side.site.catalogs.values() for e in c.entries
               if c.scope in NARROW_SCOPES or e.scope in NARROW_SCOPES}

    def cut(side: Side) -> Site:
        site = side.sound
        linked = {t for d in site.documents if d.id in ids for t in (d.interprets, d.corrects) if t}
        catalogs = {org: replace(c, entries=tuple(e for e in c.entries if (org, e.id) in entries))
                    for org, c in site.catalogs.items()}
        return Site(site.registry, {org: c for org, c in catalogs.items() if c.entries},
                    [d for d in site.documents if d.id in ids or d.id in linked], site.other_files, [])

    return cut(before), cut(after)


def _touched_orgs(before: Side, after: Side) -> set[str]:
    """Organizations whose own unit build a changed item or catalog entry may reach."""

    def records(side: Side) -> dict[str, str]:
        # Status is compared too: a draft becoming approved is a change even if nothing else is.
        return {d.id: json.dumps([d.status, side.record(d, False)], sort_keys=True) for d in side.site.documents}

    old, new = records(before), records(after)
    orgs: set[str] = set()
    for key in old.keys() | new.keys():
        if old.get(key) == new.get(key):
            continue
        for doc in (before.by_id.get(key), after.by_id.get(key)):
            if doc is not None:
                orgs.update([doc.org] if doc.org else [])
                orgs.update(doc.audience)  # a specific item is seen in the listed organizations' builds

    def entries(catalog: Catalog | None) -> list[dict[str, Any]] | None:
        return None if catalog is None else [_entry_record(catalog, e) | {"id": e.id} for e in catalog.entries]

    for org_id in before.site.catalogs.keys() | after.site.catalogs.keys():
        if entries(before.site.catalogs.get(org_id)) != entries(after.site.catalogs.get(org_id)):
            orgs.add(org_id)
    known = set(before.site.registry.organizations) | set(after.site.registry.organizations)
    return orgs & known


def diff_revisions(root: Path, rev1: str, rev2: str | None, clock: dt.date) -> dict:
    """Compare what each audience sees at `clock` in rev1 and in rev2 (None: the working tree).

    Raises ValueError for an unknown revision or a folder outside git; problems of the
    sites themselves are part of the result.
    """
    root = Path(root)
    _git(root, "rev-parse", "--git-dir")  # a plain error when root is not in a git repository
    before = load_side(root, rev1)
    after = load_side(root, rev2)
    audiences = ["public", "party"] + [f"unit:{org}" for org in sorted(_touched_orgs(before, after))]
    result_audiences: dict[str, Any] = {}
    extra: dict[str, list[Problem]] = {"before": [], "after": []}
    party: tuple[View, View] | None = None
    narrow = _narrowed(before, after) if len(audiences) > 2 else None
    for audience_text in audiences:
        unit = audience_text.startswith("unit:")
        old, old_problems = _view(before, audience_text, clock, narrow[0] if unit and narrow else None)
        new, new_problems = _view(after, audience_text, clock, narrow[1] if unit and narrow else None)
        extra["before"] += old_problems
        extra["after"] += new_problems
        if audience_text == "party":
            party = (old, new)
        base = party if unit else None

        def baseline(part: str) -> tuple[Records, Records] | None:
            return (getattr(base[0], part), getattr(base[1], part)) if base else None  # noqa: B023

        why = _reasons(before, after, audience_text, clock)
        result_audiences[audience_text] = {
            "documents": _compare(old.documents, new.documents, DOCUMENT_FIELDS, baseline("documents"),
                                  why, (before, after)),
            "scheduled": _compare(old.scheduled, new.scheduled, DOCUMENT_FIELDS, baseline("scheduled"),
                                  None, (before, after)),
            "entries": _compare(old.entries, new.entries, ENTRY_FIELDS + ("catalog_scope",), baseline("entries")),
        }

    def side_info(side: Side, more: list[Problem]) -> dict[str, Any]:
        problems = sorted(set(side.problems) | set(more))
        return {"rev": side.label, "commit": side.commit, "ok": not problems,
                "problems": [str(p) for p in problems]}

    changes = sum(len(section[kind]) for a in result_audiences.values() for section in a.values()
                  for kind in ("added", "removed", "changed"))
    return {
        "clock": clock.isoformat(),
        "before": side_info(before, extra["before"]),
        "after": side_info(after, extra["after"]),
        "audiences": result_audiences,
        "changes": changes,
    }


# --------------------------------------------------------------------------- text


def _audience_title(audience: str) -> str:
    if audience.startswith("unit:"):
        return f"{audience} (本单位/特定对象)"
    return f"{audience} ({AUDIENCE_LABELS.get(audience, audience)})"


def _value(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{64}", value):
        return f"sha256:{value[:12]}"  # an attachment's content hash: enough to tell versions apart
    if isinstance(value, dict):
        return "; ".join(f"{k}={_value(v)}" for k, v in sorted(value.items()))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, str) and value in SCOPE_LABELS:
        return f"{value}（{SCOPE_LABELS[value]}）"
    return str(value)


def format_diff(result: dict) -> str:
    """The result as plain text for people: one block per audience, only what changes."""
    before, after = result["before"], result["after"]
    def side(s: dict) -> str:
        return f"{s['rev']} ({s['commit'][:10]})" if s["commit"] else s["rev"]

    out = [f"disclose diff: {side(before)} → {side(after)}, at {result['clock']}"]
    for info in (before, after):
        if info["problems"]:
            out.append(f"\n! {side(info)} does not build: {len(info['problems'])} problem(s); "
                       "its broken files are left out below")
            out += [f"    {p}" for p in info["problems"]]
    if not result["changes"]:
        out.append("\nNo audience sees any difference.")
        return "\n".join(out)
    previous: tuple[str, list[str]] = ("", [])
    for audience, sections in result["audiences"].items():
        lines: list[str] = []
        for section, heading in (("documents", ""), ("scheduled", ""), ("entries", "catalog entry ")):
            part = sections[section]
            notes = SCHEDULED_NOTES if section == "scheduled" else {}
            for sign, kind in (("+", "added"), ("-", "removed")):
                for item in part[kind]:
                    tags = [t for t in (item.get("why"), notes.get(kind)) if t]
                    tag = f" [{'; '.join(tags)}]" if tags else ""
                    lines.append(f"  {sign} {heading}{item['id']}  {item['title']}{_where(item)}{tag}")
            for item in part["changed"]:
                tag = f" [{notes['changed']}]" if notes else ""
                lines.append(f"  ~ {heading}{item['id']}  {item['title']}: {', '.join(item['fields'])}{tag}")
                for field_name in item["before"]:
                    lines.append(f"      {field_name}: {_value(item['before'][field_name])} → {_value(item['after'][field_name])}")
                lines += [f"      | {line}" for line in item.get("body_diff", [])]
        out.append(f"\n{_audience_title(audience)}:")
        if audience.startswith("unit:"):
            out += lines or ["  nothing beyond what party sees"]  # unit lists leave out the party changes
        elif lines and lines == previous[1]:
            out.append(f"  the same as for {previous[0]}")  # the intranet repeats the public changes
        else:
            out += lines or ["  no change"]
            previous = (audience, lines)
    return "\n".join(out)


def _where(item: dict[str, Any]) -> str:
    bits = [b for b in (item.get("path"), item.get("scope"), item.get("date")) if b]
    return f"  ({', '.join(bits)})" if bits else ""
