"""A document's record: its metadata as plain, comparable, JSON-ready values, listed once.

The open data (`data/items.json`, `export.items_json`) and `disclose diff` both describe a
document by what a reader can notice of it on its page, in listings and feeds.  Both start
from `document_record`, so a field added to the record is compared by the diff at once
(`RECORD_FIELDS`), and the open data takes its fields from here under the names its
published schema gives them (`schemas/items.schema.json`).  Dates are ISO text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Container
from typing import TypedDict

from .model import Approval, Document


class ConsultationRecord(TypedDict):
    until: str | None
    channel: str
    outcome: str | None  # the id of the item reporting what became of the opinions (意见采纳情况)


class ChangeRecord(TypedDict):
    on: str | None
    note: str


class WithdrawalRecord(TypedDict):
    on: str | None
    reason: str


class DocumentRecord(TypedDict):
    """What a reader can notice of a document but its body (the diff adds the body's hash)."""

    id: str
    title: str
    scope: str
    audience: list[str]
    path: str  # content-relative
    org: str | None
    catalog: str | None
    timing: str | None
    covers: str | None
    level: str | None
    doc_number: str | None  # 发文字号
    written_on: str | None  # 成文日期
    topic: str | None  # 主题分类 (its id)
    disclosure_mode: str | None  # 公开方式 (items: proactive or on-request)
    date: str | None
    expires: str | None
    archived: bool
    interprets: str | None
    corrects: str | None
    consultation: ConsultationRecord | None
    attachments: list[str]  # file names as written
    approval: dict[str, object] | None  # the steps recorded (empty ones left out)
    changes: list[ChangeRecord]  # the public change notes, newest first
    withdrawn: WithdrawalRecord | None  # set where the build shows the item's withdrawal notice
    moved_from: list[str]  # earlier source paths, each an address that leads to it


# The record's fields in their order: the order `disclose diff` reports changes in.
RECORD_FIELDS: tuple[str, ...] = tuple(DocumentRecord.__annotations__)


class OpenDataItem(TypedDict):
    """An item of data/items.json (schemas/items.schema.json)."""

    id: str
    title: str
    org: str | None
    entry: str | None
    scope: str
    timing: str | None
    period: str | None
    level: str | None
    doc_number: str | None
    written_on: str | None
    topic: str | None
    topic_name: str | None
    disclosure_mode: str | None
    date: str | None
    expires: str | None
    archived: bool
    interprets: str | None
    corrects: str | None
    consultation_until: str | None
    consultation_outcome: str | None
    updated: str | None
    changes: list[ChangeRecord]
    withdrawn: WithdrawalRecord | None
    url: str
    title_mn: str | None  # the title of its Mongolian version (蒙古文版), where this build shows one


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _approval(approval: Approval) -> dict[str, object]:
    return {
        f.name: (value.isoformat() if isinstance(value, dt.date) else value)
        for f in dataclasses.fields(approval)
        if (value := getattr(approval, f.name)) not in (None, "")
    }


def document_record(doc: Document, *, archived: bool, notice: bool = False) -> DocumentRecord:
    """`doc`'s record; `archived`: whether the build at hand keeps it as an expired archive item;
    `notice`: whether it shows the item's withdrawal notice (the withdrawal is named only then)."""
    c = doc.consultation
    w = doc.withdrawn if notice else None
    return {
        "id": doc.id,
        "title": doc.title,
        "scope": doc.scope,
        "audience": sorted(doc.audience),
        "path": doc.path,
        "org": doc.org,
        "catalog": doc.catalog,
        "timing": doc.timing,
        "covers": doc.covers,
        "level": doc.level,
        "doc_number": doc.doc_number,
        "written_on": _day(doc.written_on),
        "topic": doc.topic,
        "disclosure_mode": doc.disclosure_mode,
        "date": _day(doc.date),
        "expires": _day(doc.expires),
        "archived": archived,
        "interprets": doc.interprets,
        "corrects": doc.corrects,
        "consultation": None if c is None else {"until": _day(c.until), "channel": c.channel, "outcome": c.outcome},
        "attachments": list(doc.attachments),
        "approval": None if doc.approval is None else _approval(doc.approval),
        "changes": [{"on": _day(change.on), "note": change.note} for change in doc.changes_newest_first()],
        "withdrawn": None if w is None else {"on": _day(w.on), "reason": w.reason},
        "moved_from": list(doc.moved_from),
    }


def open_data_item(
    record: DocumentRecord,
    *,
    entry_shown: bool,
    shown: Container[str],
    url: str,
    topic_name: str | None = None,
    title_mn: str | None = None,
) -> OpenDataItem:
    """The record as data/items.json lists it, for one build.

    `entry_shown`: its catalog entry is visible in this build (else no entry is named);
    `shown`: ids of the items this build publishes — an interpreted or corrected item, or a
    consultation's outcome, that is not among them (hidden, expired) is not named; `url`: its
    page's absolute address; `topic_name`: the name of its topic (主题分类); `title_mn`: the
    title of the Mongolian version this build shows with it, if any.
    """
    consultation = record["consultation"]
    return {
        "id": record["id"],
        "title": record["title"],
        "org": record["org"],
        "entry": record["catalog"] if entry_shown else None,
        "scope": record["scope"],
        "timing": record["timing"],
        "period": record["covers"],
        "level": record["level"],
        "doc_number": record["doc_number"],
        "written_on": record["written_on"],
        "topic": record["topic"],
        "topic_name": topic_name if record["topic"] else None,
        "disclosure_mode": record["disclosure_mode"],
        "date": record["date"],
        "expires": record["expires"],
        "archived": record["archived"],
        "interprets": record["interprets"] if record["interprets"] in shown else None,
        "corrects": record["corrects"] if record["corrects"] in shown else None,
        "consultation_until": consultation["until"] if consultation else None,
        "consultation_outcome": (
            consultation["outcome"] if consultation and consultation["outcome"] in shown else None
        ),
        "updated": max((c["on"] for c in record["changes"] if c["on"]), default=None),
        "changes": record["changes"],
        "withdrawn": record["withdrawn"],
        "url": url,
        "title_mn": title_mn,
    }
