"""The schemas of the organization registry and of an item's or page's front matter
(a catalog's is catalog_schema.py).

Each reads one parsed YAML mapping into the model through `fields.Reader`, collecting
every problem with its line; a value it cannot read is left as None for `rules` to judge.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .fields import ORG_ID, Reader, quoted
from .i18n import _
from .model import (
    Approval,
    Change,
    Consultation,
    Document,
    Item,
    Organization,
    Page,
    Problem,
    Registry,
    Withdrawal,
)
from .vocab import (
    DISCLOSURE_MODE_LABELS,
    ApprovalLevel,
    DisclosureMode,
    OrgKind,
    OrgLevel,
    PeriodKind,
    Scope,
    Sector,
    Status,
    Timing,
)
from .walk import read_text
from .yamlpos import LineMap, parse_yaml

# A required word the loader could not read: its problem is reported, so such a site is never
# built; the record keeps the empty word (typed as the field wants) so that the other rules
# still judge the rest of the file.
UNREAD: Any = ""


# --------------------------------------------------------------------------- registry


def load_registry(path: Path, rel: str, problems: list[Problem]) -> Registry:
    organizations: dict[str, Organization] = {}
    if not path.is_file():
        problems.append(
            Problem(
                rel,
                0,
                _("the organization registry is missing"),
                _("create catalogs/organizations.yml with a list of organizations"),
            )
        )
        return Registry(organizations)
    try:
        data = parse_yaml(read_text(path), rel, problems)
    except UnicodeDecodeError:
        problems.append(Problem(rel, 0, _("file is not UTF-8 text"), _("save the file as UTF-8")))
        return Registry(organizations)
    except OSError as error:
        problems.append(
            Problem(
                rel,
                0,
                _("cannot be read: {strerror}").format(strerror=error.strerror),
                _("check the file and run again"),
            )
        )
        return Registry(organizations)
    if data is None:
        if not any(p.path == rel for p in problems):
            problems.append(Problem(rel, 1, _("the registry is empty"), _("list the organizations")))
        return Registry(organizations)
    if isinstance(data, LineMap) and isinstance(data.get("organizations"), list):
        data = data["organizations"]
    if not isinstance(data, list):
        problems.append(
            Problem(
                rel, 1, _("the registry must be a list of organizations"), _("start each organization with '- id: …'")
            )
        )
        return Registry(organizations)
    known = {"id", "name", "name_mn", "kind", "level", "sector", "parent", "code"}

    for raw in data:
        if not isinstance(raw, LineMap):
            problems.append(
                Problem(
                    rel,
                    1,
                    _("an organization must be a mapping of fields"),
                    _("write '- id: …' then name, kind, level, parent"),
                )
            )
            continue
        r = Reader(rel, raw, problems)
        r.check_duplicates()
        r.check_known(known, _("an organization"))
        org_id = r.text("id", required=True)
        if org_id is None:
            continue
        if not ORG_ID.match(org_id):
            r.problem(
                "id",
                _("organization id '{org_id}' is not a lowercase ASCII slug").format(org_id=org_id),
                _("use lowercase letters, digits and '-' only, e.g. nmg-dw"),
            )
            continue
        if org_id in organizations:
            r.problem(
                "id",
                _("organization id '{org_id}' is used twice").format(org_id=org_id),
                _("the first is at line {start}; give each a unique id").format(
                    start=organizations[org_id].where.start
                ),
            )
            continue
        organizations[org_id] = Organization(
            id=org_id,
            name=r.text("name", required=True) or org_id,
            kind=r.choice("kind", OrgKind, required=True) or UNREAD,
            level=r.choice("level", OrgLevel, required=True) or UNREAD,
            sector=r.choice("sector", Sector),
            parent=r.text("parent"),
            where=r.lines(),
            code=r.text("code"),  # 机构代码: checked by rules/registry.py
            name_mn=r.text("name_mn"),  # Traditional Mongolian script (rules/translations.py)
        )
    return Registry(organizations)


# --------------------------------------------------------------------------- documents

ITEM_FIELDS = {
    "title",
    "org",
    "catalog",
    "scope",
    "audience",
    "timing",
    "period",
    "covers",
    "level",
    "approval",
    "status",
    "date",
    "expires",
    "interprets",
    "corrects",
    "consultation",
    "attachments",
    "id",
    "type",
    "description",
    "withdrawn",
    "changes",
    "moved_from",
    "doc_number",
    "written_on",
    "topic",
    "disclosure_mode",
}
PAGE_FIELDS = {
    "type",
    "title",
    "scope",
    "audience",
    "attachments",
    "status",
    "description",
    "hide",
    "org",
    "replaces",
    "moved_from",
}
PAGE_HIDE = ("navigation", "toc", "footer")  # what Material's `hide` knows
APPROVAL_FIELDS = {
    "proposed_by",
    "reviewed_by",
    "reviewed_on",
    "secrecy_review",
    "approved_by",
    "approved_on",
    "decision",
    "approver_role",
    "superior",
    "risk_assessment",
}


def parse_document(
    page_path: str, rel: str, fm_text: str, body: str, line_offset: int, body_line: int, problems: list[Problem]
) -> Document | None:
    """The item or page a Markdown file describes, once load_document has split it."""

    before = len(problems)
    data = parse_yaml(fm_text, rel, problems, line_offset=line_offset)
    if not isinstance(data, LineMap):
        if len(problems) == before:
            problems.append(
                Problem(rel, 1, _("front matter must be a mapping of fields"), _("write one 'field: value' per line"))
            )
        return None
    r = Reader(rel, data, problems, line_offset=line_offset)
    r.check_duplicates()
    doc_type = data.get("type", "item")
    if doc_type not in ("item", "page"):
        r.problem(
            "type",
            _("'type' is '{quoted}', which is not 'item' or 'page'").format(quoted=quoted(doc_type)),
            _("leave 'type' out for a disclosure item, or write 'type: page'"),
        )
        return None
    stem = page_path[:-3]
    title = r.text("title", required=True) or ""
    scope = r.choice("scope", Scope, required=True) or UNREAD
    audience = r.id_list("audience")
    attachments = r.id_list("attachments")
    description = r.text("description")
    if doc_type == "page":
        r.check_known(PAGE_FIELDS, _("a page"))
        return Page(
            path=page_path,
            id=stem,
            title=title,
            scope=scope,
            audience=audience,
            status=r.choice("status", Status) or (Status.APPROVED if "status" not in data else UNREAD),
            attachments=attachments,
            body=body,
            where=r.lines(),
            body_line=body_line,
            org=r.text("org"),
            description=description,
            hide=r.choices("hide", PAGE_HIDE),
            replaces=r.text("replaces"),
            moved_from=_moved_from(r),
        )
    r.check_known(ITEM_FIELDS, _("a disclosure item"))
    approval = None
    ar = r.mapping("approval")
    if ar is not None:
        ar.check_known(APPROVAL_FIELDS, _("the approval record"))
        superior_org = superior_on = None
        sr = ar.mapping("superior")
        if sr is not None:
            sr.check_known({"org", "on"}, _("the superior approval"))
            superior_org = sr.text("org", required=True, what=_(" in approval.superior"))
            superior_on = sr.date("on", required=True)
        approval = Approval(
            proposed_by=ar.text("proposed_by"),
            reviewed_by=ar.text("reviewed_by"),
            reviewed_on=ar.date("reviewed_on"),
            secrecy_review=ar.text("secrecy_review"),
            approved_by=ar.text("approved_by"),
            approved_on=ar.date("approved_on"),
            decision=ar.text("decision"),
            approver_role=ar.text("approver_role"),
            superior_org=superior_org,
            superior_on=superior_on,
            risk_assessment=ar.text("risk_assessment"),
        )
        for key, line in ar.lines().fields.items():
            r.data.lines.setdefault(f"approval.{key}", line - line_offset)
    consultation = None
    cr = r.mapping("consultation")
    if cr is not None:
        cr.check_known({"until", "channel", "outcome"}, _("the consultation"))
        _not_empty(
            cr,
            "outcome",
            _("<id of the item that reports what became of the opinions>"),
            _(" in the consultation"),
        )
        consultation = Consultation(
            until=cr.date("until", required=True),
            channel=cr.text("channel", required=True) or "",
            outcome=cr.text("outcome"),
        )
        for key, line in cr.lines().fields.items():
            r.data.lines.setdefault(f"consultation.{key}", line - line_offset)
    withdrawal = None
    wr = r.mapping("withdrawn")
    if wr is not None:
        wr.check_known({"on", "reason"}, _("the withdrawal record"))
        withdrawal = Withdrawal(on=wr.date("on", required=True), reason=wr.text("reason", required=True) or "")
        for key, line in wr.lines().fields.items():
            r.data.lines.setdefault(f"withdrawn.{key}", line - line_offset)
    changes = _changes(r)  # before `where` is read: it records each note's lines
    for key, example in (
        ("doc_number", "内党办发〔2026〕12号"),
        ("written_on", "YYYY-MM-DD"),
        ("topic", _("<topic id>")),
    ):
        _not_empty(r, key, example)
    item_id = r.text("id") or stem
    return Item(
        path=page_path,
        id=item_id,
        title=title,
        scope=scope,
        audience=audience,
        status=r.choice("status", Status, required=True) or UNREAD,
        attachments=attachments,
        body=body,
        where=r.lines(),
        body_line=body_line,
        org=r.text("org", required=True),
        catalog=r.text("catalog"),
        timing=r.choice("timing", Timing, required=True),
        period=r.choice("period", PeriodKind),
        covers=_covers(r),
        level=r.choice("level", ApprovalLevel, required=True),
        approval=approval,
        date=r.date("date", required=True),
        expires=r.date("expires"),
        interprets=r.text("interprets"),
        corrects=r.text("corrects"),
        consultation=consultation,
        description=description,
        moved_from=_moved_from(r),
        withdrawn=withdrawal,
        changes=changes,
        doc_number=r.text("doc_number"),
        written_on=r.date("written_on"),
        topic=r.text("topic"),
        disclosure_mode=_disclosure_mode(r),
    )


def _not_empty(r: Reader, key: str, example: str, where: str = "") -> None:
    """An optional field written with nothing after it is a problem, not a field left out: the
    editor meant to say something (`key:` alone reads as no value)."""
    if key in r.data and r.data[key] is None:
        r.problem(
            key,
            _("'{key}' is empty{where}").format(key=key, where=where),
            _("write {key}: {example}, or remove the line").format(key=key, example=example),
        )


def _disclosure_mode(r: Reader) -> DisclosureMode | None:
    """公开方式: proactive (主动公开) when not written; a Chinese label is told its word.

    An empty `disclosure_mode:` is a problem, not the default: whoever wrote the key may have
    meant on-request, the narrower of the two (fail closed)."""
    value = r.data.get("disclosure_mode")
    if value is None:
        if "disclosure_mode" not in r.data:
            return DisclosureMode.PROACTIVE
        r.problem(
            "disclosure_mode",
            _("'disclosure_mode' is empty"),
            _(
                "write disclosure_mode: proactive (主动公开) or on-request (依申请公开), or remove the line for proactive"
            ),
        )
        return None
    by_label = {label: mode for mode, label in DISCLOSURE_MODE_LABELS.items()}
    if isinstance(value, str) and value.strip() in by_label:
        mode = by_label[value.strip()]
        r.problem(
            "disclosure_mode",
            _("'disclosure_mode' is '{quoted}', the label of '{mode}'").format(quoted=quoted(value), mode=mode),
            _("write disclosure_mode: {mode} ({strip})").format(mode=mode, strip=value.strip()),
        )
        return None
    return r.choice("disclosure_mode", DisclosureMode)


def _changes(r: Reader) -> tuple[Change, ...]:
    """`changes: [{on, note}, …]`, each entry's lines kept as `changes.<n>.on` / `.note`."""
    value = r.data.get("changes")
    if value is None:
        return ()
    if not isinstance(value, list):
        r.problem(
            "changes",
            _("'changes' must be a list of change notes"),
            _("write '- on: YYYY-MM-DD' and 'note: …' per change"),
        )
        return ()
    changes: list[Change] = []
    for number, raw in enumerate(value):
        if not isinstance(raw, LineMap):
            r.problem(
                "changes",
                _("a change note must be a mapping of 'on' and 'note'"),
                _("write '- {on: YYYY-MM-DD, note: …}'"),
            )
            continue
        c = Reader(r.path, raw, r.problems, r.line_offset)
        c.check_duplicates()
        c.check_known({"on", "note"}, _("a change note"))
        changes.append(Change(on=c.date("on", required=True), note=c.text("note", required=True) or ""))
        r.data.lines.setdefault(f"changes.{number}", raw.line)
        for key, line in raw.lines.items():
            r.data.lines.setdefault(f"changes.{number}.{key}", line)
    return tuple(changes)


_NOT_IN_A_PATH = frozenset("\\:?#%*<>|\"'")


def old_source(written: str) -> str | None:
    """The content-relative source path (`a/b/old.md`) that `moved_from` names, or None if it
    is no such path.  Accepted as the old file (`a/b/old.md`), its id (`a/b/old`) or its
    address (`a/b/old/`, `/a/b/old/`)."""
    path = written.strip().removeprefix("/").removesuffix("/").removesuffix(".md")
    parts = path.split("/")
    if not path or any(not part or part.startswith(".") or part != part.strip() for part in parts):
        return None
    if any(char in _NOT_IN_A_PATH or char.isspace() or not char.isprintable() for char in path):
        return None
    return path + ".md"


def _moved_from(r: Reader) -> tuple[str, ...]:
    """The earlier source paths of a document (`moved_from`), each read by `old_source`."""
    paths: list[str] = []
    for written in r.id_list("moved_from"):
        if written.removeprefix("/").startswith("content/"):
            r.problem(
                "moved_from",
                _("moved_from lists '{quoted}', a path that starts with content/").format(quoted=quoted(written)),
                _("write the path under content/: '{quoted}'").format(
                    quoted=quoted(written.removeprefix("/")[len("content/") :])
                ),
            )
            continue
        path = old_source(written)
        if path is None:
            r.problem(
                "moved_from",
                _("moved_from lists '{quoted}', which is not a path of a file under content/").format(
                    quoted=quoted(written)
                ),
                _("write the old file's path under content/, e.g. nmg-dw/2025/old-name (with or without .md)"),
            )
            continue
        paths.append(path)
    return tuple(dict.fromkeys(paths))


def _covers(r: Reader) -> str | None:
    """The period an item covers, as text: `covers: 2025` (a year YAML reads as a number) is taken as '2025'."""
    value = r.data.get("covers")
    if type(value) is int and 1000 <= value <= 9999:
        return str(value)
    return r.text("covers")
