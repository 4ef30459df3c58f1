"""Archive packages (归档, Art. 18(6)): a year's disclosures as published, in a BagIt bag.

A bag (RFC 8493, written and checked by the Library of Congress `bagit` package) holds,
for one organization's subtree, one year and one audience:

* `data/content/` — each item's source file as committed (its front matter carries the
  approval record, Art. 18) and its attachments, byte for byte;
* `data/catalogs/` — the registry, and the catalogs in force as the audience's build
  publishes them (`catalogs.json`: only the entries that audience may see);
* `data/site/` — each item's page as the audience's build publishes it (an item that has
  expired since has no page any more: its source stands for it; a withdrawn one's page is
  its withdrawal notice);
* `data/items.json` — one record per item (record.py), with where each file of it lies;
* sha256 manifests of every file, and `bag-info.txt` naming the organization, the year,
  the audience and the commit the sources came from.

The payload is what that audience may see and nothing else: the items are chosen by the
one audience decision (audience.document_visible).  Records officers: docs/archiving.md.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import bagit  # type: ignore[import-untyped]

from .audience import Audience, document_visible, lifecycle, notice_shown
from .i18n import _
from .model import Document, Site
from .record import document_record
from .topics import TOPICS_FILE
from .vocab import Lifecycle

BAG_CHECKSUMS = ["sha256"]


class ArchiveError(ValueError):
    """The bag cannot be written: the message says why and what to do."""


@dataclass(frozen=True)
class Archived:
    bag: Path
    items: int
    files: int


def items_of_year(site: Site, audience: Audience, org: str, year: int, clock: dt.date) -> list[Document]:
    """Items of `org`'s subtree dated in `year` that `audience` was shown: live, expired since,
    or withdrawn since with a notice in its build (the record keeps what was published and
    the withdrawal: its source has both, its page is the notice)."""
    return sorted(
        (
            d
            for d in site.items()
            if d.date is not None
            and d.date.year == year
            and d.org is not None
            and site.registry.is_within(d.org, org)
            and document_visible(d, audience, site.registry)
            and (
                lifecycle(d, clock) in (Lifecycle.LIVE, Lifecycle.EXPIRED)
                or (notice_shown(d, audience, site.registry) and d.date <= clock)
            )
        ),
        key=lambda d: (d.date or dt.date.min, d.path),
    )


def write_bag(
    target: Path,
    site: Site,
    sources: Path,
    *,
    content_dir: str,
    catalogs_dir: str,
    audience: Audience,
    org: str,
    year: int,
    clock: dt.date,
    built: Path | None,
    commit: str,
) -> Archived:
    """Write the bag of `org`'s `year` for `audience` into `target` (a new folder).

    `sources`: the folder holding content_dir and catalogs_dir; `built`: the audience's
    built site, whose item pages go into the bag.
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ArchiveError(
            _("{target}: exists and is not empty — a bag is never written over; choose another --out").format(
                target=target
            )
        )
    items = items_of_year(site, audience, org, year, clock)
    if not items:
        raise ArchiveError(
            _("no item of {org} dated {year} was published to {audience} — check --year, --org and --audience").format(
                org=org, year=year, audience=audience
            )
        )
    target.mkdir(parents=True, exist_ok=True)
    files = 0

    def copy(source: Path, rel: str) -> str:
        nonlocal files
        destination = target / rel
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        files += 1
        return f"data/{rel}"

    records = []
    for doc in items:
        record: dict[str, object] = dict(
            document_record(
                doc,
                archived=lifecycle(doc, clock) is Lifecycle.EXPIRED,
                notice=notice_shown(doc, audience, site.registry),
            )
        )
        record["source"] = copy(sources / content_dir / doc.path, f"content/{doc.path}")
        record["attachment_files"] = [copy(sources / content_dir / p, f"content/{p}") for p in doc.attachment_paths()]
        page = built / doc.url / "index.html" if built is not None else None
        record["page"] = copy(page, f"site/{doc.url}index.html") if page is not None and page.is_file() else None
        records.append(record)
    # The registry as written (every build names every organization); the catalogs as this
    # audience's build publishes them — a catalog file also holds the entries it may not see.
    copy(sources / catalogs_dir / "organizations.yml", "catalogs/organizations.yml")
    if (sources / catalogs_dir / TOPICS_FILE).is_file():  # the topic vocabulary the records' `topic` names
        copy(sources / catalogs_dir / TOPICS_FILE, f"catalogs/{TOPICS_FILE}")
    if built is not None and (built / "data" / "catalogs.json").is_file():
        copy(built / "data" / "catalogs.json", "catalogs/catalogs.json")
    (target / "items.json").write_text(
        json.dumps(
            {"organization": org, "year": year, "audience": str(audience), "items": records},
            ensure_ascii=False,
            indent=1,
            sort_keys=True,
        )
        + "\n",
        encoding="utf-8",
    )
    files += 1
    name = site.registry[org].name
    bagit.make_bag(
        str(target),
        {
            "Source-Organization": name,
            "External-Identifier": f"{org}/{year}/{audience}",
            "External-Description": f"{name}{year}年党务公开事项归档（{audience}）：{len(items)} 项",
            "Bagging-Date": clock.isoformat(),
            "Disclosure-Organization": org,
            "Disclosure-Year": str(year),
            "Disclosure-Audience": str(audience),
            "Source-Commit": commit,
        },
        checksums=BAG_CHECKSUMS,
    )
    return Archived(target, len(items), files)


def verify(bag: Path) -> list[str]:
    """What is wrong with the bag at `bag` (missing, altered or extra files); [] when it is whole."""
    try:
        bagit.Bag(str(bag)).validate()
    except bagit.BagValidationError as error:
        details = [str(d) for d in getattr(error, "details", [])]
        return details or [str(error)]
    except bagit.BagError as error:
        return [str(error)]
    return []
