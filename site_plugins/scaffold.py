"""`disclose new`: write a new draft disclosure item (党务公开事项) from a catalog entry.

The front matter is filled from the organization's catalog entry (scope, timing and, for
periodic entries, the current period in `covers`), so that the editor starts from a file
that `disclose check` accepts as it is: a draft is only structure-checked, and the
approval record (Art. 18) is left for the editor and the approvers to complete before
`status: approved`.  Optional approval fields are written as YAML comments, so they
document themselves without failing validation.

The new item gets its index number (索引号) as its `id`: the next serial of its organization
and year in mkdocs.yml's `index_pattern` (index_numbers.py), counted over every Markdown
file under content/ — drafts, withdrawn and hidden items, and files that do not parse.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import yaml

from .catalog import period_containing
from .i18n import _
from .index_numbers import IndexPattern
from .load import load_site
from .model import Catalog, Entry, Site
from .settings import DEFAULTS, Settings
from .vocab import SCOPE_LABELS
from .walk import read_text, walk_content

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def new_item(root: Path, org: str, entry: str, title: str | None, today: dt.date, folders: Settings = DEFAULTS) -> Path:
    """Write content/<org>/<year>/<slug>.md for a new draft of `entry`; return its path.

    `folders`: where the content and the catalogs are (the plugin's options in mkdocs.yml).
    Raises ValueError with a plain message when the organization or the entry is unknown;
    an existing file is never overwritten.
    """
    site = load_site(root, folders.content_dir, folders.catalogs_dir)
    catalog = _catalog_of(site, org, folders.catalogs_dir)
    chosen = catalog.entry(entry)
    if chosen is None:
        raise ValueError(
            _(
                "no entry '{entry}' in the catalog of '{org}' ({catalogs_dir}/{org}.yml); its entries are: {entry_list}"
            ).format(entry=entry, org=org, catalogs_dir=folders.catalogs_dir, entry_list=_entry_list(catalog))
        )
    index_number = IndexPattern.parse(folders.index_pattern).next_number(
        site.registry[org].index_code, today.year, _ids_written(root / folders.content_dir, site)
    )
    text = item_text(org, chosen, title, today, index_number)
    folder = root / folders.content_dir / org / str(today.year)
    folder.mkdir(parents=True, exist_ok=True)
    taken_ids = set(site.by_id())
    base = f"{_slug(chosen.id)}-{today:%Y%m%d}"
    for attempt in range(1, 1000):
        name = base if attempt == 1 else f"{base}-{attempt}"
        if f"{org}/{today.year}/{name}" in taken_ids:
            continue  # the default id is the path: another item already claims it explicitly
        path = folder / f"{name}.md"
        try:
            # Mode "x" fails if the file exists, even if another editor wrote it a moment ago.
            with path.open("x", encoding="utf-8") as handle:
                handle.write(text)
        except FileExistsError:
            continue
        return path
    raise ValueError(_("could not find a free file name for '{base}' in {folder}").format(base=base, folder=folder))


# An `id:` line of a file the loader could not read (its number is taken all the same).
_ID_LINE = re.compile(r"^id:[ \t]*['\"]?([^'\"#\s]+)", re.MULTILINE)


def _ids_written(content: Path, site: Site) -> list[str]:
    """Every id under content/: those of the documents read, and every `id:` line of the
    Markdown files that could not be (a broken file's number must not be given again)."""
    ids = [doc.id for doc in site.documents]
    read = {doc.path for doc in site.documents}
    for rel in walk_content(content):
        if rel.endswith(".md") and rel not in read:
            try:
                ids += _ID_LINE.findall(read_text(content / rel))
            except (OSError, UnicodeDecodeError):
                continue
    return ids


def item_text(org: str, entry: Entry, title: str | None, today: dt.date, index_number: str | None = None) -> str:
    """The Markdown text of a new draft item for `entry` of `org`'s catalog, numbered `index_number`."""
    covers = period_containing(entry.period, today).label if entry.timing == "periodic" and entry.period else None
    if title is None:
        title = f"{entry.title}（{covers}）" if covers else entry.title
    lines = [
        "---",
        f"title: {_scalar(title)}",
        *(
            [f"id: {_scalar(index_number)}  # 索引号, given by disclose new: keep it, never reuse it"]
            if index_number
            else []
        ),
        f"org: {org}",
        f"catalog: {_scalar(entry.id)}",
        f"scope: {entry.scope}  # {SCOPE_LABELS.get(entry.scope, entry.scope)}; never wider than the catalog entry (Art. 15)",
    ]
    if entry.scope == "specific":
        # Art. 15(4): a specific item names who may see it; the issuing organization is a
        # safe start that the editor widens to the intended organizations.
        lines.append(f"audience: [{org}]  # ids of the organizations that may see it")
    lines.append(f"timing: {entry.timing}")
    if covers:
        lines.append(f"covers: {_scalar(covers)}  # the {entry.period} period this item reports on")
    lines += [
        "level: routine  # routine 一般事项 | important 重要事项 | superior 报上级审批 (Art. 18(3))",
        "status: draft  # set to approved once the approval record below is complete",
        f"date: {today.isoformat()}  # publication date; on or after approval.approved_on",
        "# doc_number: 内党办发〔2026〕12号  # 发文字号 of the document disclosed, if it has one",
        "# written_on: YYYY-MM-DD  # 成文日期: the day it was signed, on or before date",
        "# topic: <id>  # 主题分类: an id of catalogs/topics.yml",
        "approval:  # Art. 18: 提出 → 审核 (with 保密审查) → 审批",
        "  proposed_by:  # 提出: department and person proposing the disclosure",
        "  reviewed_by:  # 审核",
        "  reviewed_on:  # YYYY-MM-DD",
        "  secrecy_review:  # 保密审查: passed (anything else blocks publication)",
        "  approved_by:  # 审批",
        "  approved_on:  # YYYY-MM-DD, on or after reviewed_on",
        "  # approver_role: principal  # important items: approved by the principal (主要负责人), or",
        "  # decision: <meeting record>  # important items: a collective decision (集体研究决定)",
        "  # superior: {org: <superior org id>, on: YYYY-MM-DD}  # level superior (报上级审批)",
        "  # risk_assessment: <assessment and plan>  # public important/superior items (Art. 23)",
        "---",
        "",
        "<!-- 在此撰写公开内容。附件放在本文件旁，并列在 attachments: [文件名] 中。 -->",
        "",
        "（正文）",
        "",
    ]
    return "\n".join(lines)


def _catalog_of(site: Site, org: str, catalogs_dir: str) -> Catalog:
    if org not in site.registry:
        known = ", ".join(sorted(o.id for o in site.registry)) or "none"
        raise ValueError(
            _("unknown organization '{org}'; organizations in {catalogs_dir}/organizations.yml: {known}").format(
                org=org, catalogs_dir=catalogs_dir, known=known
            )
        )
    catalog = site.catalogs.get(org)
    if catalog is not None:
        return catalog
    rel = f"{catalogs_dir}/{org}.yml"
    broken = [str(p) for p in site.problems if p.path == rel]
    if broken:
        raise ValueError(
            _("the catalog of '{org}' cannot be read, so it has no entries yet:\n{problems}").format(
                org=org, problems="\n".join(broken)
            )
        )
    with_catalogs = ", ".join(sorted(site.catalogs)) or "none"
    raise ValueError(
        _(
            "'{org}' has no catalog ({rel}), so it has no entries to write an item for; add its catalog first (Art. 14). Organizations with a catalog: {with_catalogs}"
        ).format(org=org, rel=rel, with_catalogs=with_catalogs)
    )


def _entry_list(catalog: Catalog) -> str:
    if not catalog.entries:
        return _("none (the catalog lists no entries)")
    return ", ".join(f"{e.id} ({e.title})" for e in catalog.entries)


def _slug(entry_id: str) -> str:
    """An ASCII file-name part for an entry id that may be written in Chinese."""
    ascii_text = unicodedata.normalize("NFKD", entry_id).encode("ascii", "ignore").decode().lower()
    return _NOT_SLUG.sub("-", ascii_text).strip("-") or "item"


def _scalar(value: str) -> str:
    """One YAML scalar on one line, quoted when plain text would be read differently."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000)
    return text.removesuffix("\n").removesuffix("\n...").strip()
