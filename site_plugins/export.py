"""Machine-readable outputs of a publication: JSON open data and Atom feeds.

Like `render`, these only receive what the audience may see.  Output is deterministic
(sorted keys and lists, dates from the build clock) so builds are reproducible.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from .model import Document
from .record import document_record, open_data_item
from .render import View, org_url
from .render.mongolian import PREFIX as MONGOLIAN_PREFIX

ATOM = "http://www.w3.org/2005/Atom"
# Written as it always was: ElementTree's own declaration would name the locale's encoding.
_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
# Characters XML 1.0 does not allow at all (C0 controls but tab, newline and return; lone
# surrogates; U+FFFE/U+FFFF): one in a title would make the whole feed unreadable, and
# ElementTree writes them as they are.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(value: object) -> str:
    """A text or attribute value without the characters XML cannot hold."""
    return _NOT_XML.sub("", str(value))


def _absolute(site_url: str, path: str) -> str:
    return (site_url.rstrip("/") + "/" + path) if site_url else "/" + path


def items_json(view: View, site_url: str) -> str:
    """data/items.json: metadata of every visible item (SPEC §8), and of every withdrawn item
    whose notice the build shows (with its `withdrawn` record)."""
    shown = view.pub.linkable_by_id()  # an interpreted item that left this build (expired) is not named
    notices = {d.path for d in view.pub.notices}
    translated = view.pub.translations  # a notice has no Mongolian version: only shown documents do
    items = [
        open_data_item(
            document_record(doc, archived=doc.path in view.pub.archived, notice=doc.path in notices),
            entry_shown=view.entry_title(doc) is not None,
            shown=shown,
            url=_absolute(site_url, doc.url),
            topic_name=view.topic_name(doc.topic),
            title_mn=translated[doc.path].title if doc.path in translated and doc.path not in notices else None,
        )
        for doc in sorted([*view.pub.items(), *view.pub.notices], key=lambda d: d.id)
    ]
    return _rows_document({"audience": str(view.pub.audience), "generated": view.clock.isoformat()}, "items", items)


def catalogs_json(view: View, site_url: str) -> str:
    """data/catalogs.json: the visible catalog entries of every organization."""
    catalogs = []
    for org_id in sorted(view.pub.catalogs):
        catalog = view.pub.catalogs[org_id]
        statuses = {s.entry.id: s for s in view.statuses(org_id)}
        catalogs.append(
            {
                "org": org_id,
                "name": view.org_name(org_id),
                "name_mn": view.registry[org_id].name_mn if org_id in view.registry else None,
                "adopted_on": catalog.adopted_on.isoformat() if catalog.adopted_on else None,
                "filed_with": catalog.filed_with,
                "filed_on": catalog.filed_on.isoformat() if catalog.filed_on else None,
                "url": _absolute(site_url, org_url(org_id)),
                "entries": [
                    {
                        "id": e.id,
                        "title": e.title,
                        "title_mn": e.title_mn,
                        "basis": e.basis,
                        "scope": e.scope,
                        "timing": e.timing,
                        "period": e.period,
                        "methods": list(e.methods),
                        "department": e.department,
                        "state": statuses[e.id].state,
                        "items": [d.id for d in statuses[e.id].items],
                    }
                    for e in catalog.entries
                ],
            }
        )
    return _rows_document(
        {"audience": str(view.pub.audience), "generated": view.clock.isoformat()}, "catalogs", catalogs
    )


def _rows_document(head: dict[str, object], key: str, rows: Sequence[object]) -> str:
    """A JSON object of `head` and the list `rows` under `key`, keys sorted, one row per line.

    Python's JSON encoder is its C one only without `indent`: indenting 80,000 catalogs took
    20 s of a build.  One compact row per line keeps the file readable line by line (and
    diffs between builds short) at the C encoder's speed.
    """

    def value(data: object) -> str:
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    members = {name: value(data) for name, data in head.items()}
    members[key] = "[\n" + ",\n".join(value(row) for row in rows) + "\n]" if rows else "[]"
    return "{\n" + ",\n".join(f"{value(name)}: {members[name]}" for name in sorted(members)) + "\n}\n"


def _element(parent: ET.Element, name: str, text: object = None, **attributes: object) -> ET.Element:
    """A child element; its text and attribute values cleaned by `_xml`."""
    child = ET.SubElement(parent, name, {key: _xml(value) for key, value in attributes.items()})
    if text is not None:
        child.text = _xml(text)
    return child


def _entry_updated(doc: Document) -> dt.date | None:
    """When a feed entry last changed: its withdrawal, its newest change note, or its publication."""
    if doc.withdrawn is not None and doc.withdrawn.on is not None:
        return doc.withdrawn.on
    return doc.updated or doc.date


def atom_feed(view: View, site_url: str, feed_path: str, title: str, org_id: str | None = None, size: int = 50) -> str:
    """An Atom feed of the newest visible live items, site-wide or of one organization: the
    most recently published, changed (更新) or withdrawn (撤回) first.

    An item with a Mongolian version links its page too (rel alternate, hreflang mn-Mong), with
    the Mongolian title as the link's title.
    A changed item is an entry updated on its newest change, with the note as its summary;
    a withdrawn item whose notice this build shows is an entry updated on its withdrawal,
    marked `withdrawn` (category) and 已撤回 (title), the reason as its summary — so a
    reader who had it learns that it is gone, and why.  Built as an ElementTree, so every
    text and attribute value is escaped by the serializer and no value can end an element
    or an attribute.
    """
    docs = view.live() if org_id is None else view.items_of(org_id)  # per org: no scan of every item
    notices = view.pub.notices if org_id is None else view.notices_of(org_id)
    docs = sorted([*docs, *notices], key=lambda d: (_entry_updated(d) or view.clock, d.id), reverse=True)[:size]
    translated = view.pub.translations
    updated = max((day for d in docs if (day := _entry_updated(d))), default=view.clock)

    def stamp(day: dt.date | None) -> str:
        return f"{day or view.clock}T00:00:00+08:00"

    home = _absolute(site_url, org_url(org_id) if org_id else "")
    # The namespace as the root's plain xmlns attribute and unqualified names below it:
    # ElementTree's default_namespace refuses unqualified attributes (href, rel, term).
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "zh-CN"})
    _element(feed, "title", title)
    _element(feed, "link", href=home)
    _element(feed, "link", rel="self", href=_absolute(site_url, feed_path))
    _element(feed, "id", home)
    _element(feed, "updated", stamp(updated))
    for d in docs:
        url = _absolute(site_url, d.url)
        entry = _element(feed, "entry")
        withdrawal = d.withdrawn
        _element(entry, "title", f"【已撤回】{d.title}" if withdrawal else d.title)
        _element(entry, "link", href=url)
        if d.path in translated and withdrawal is None:
            # Its Mongolian version: the page and its title (蒙古文版, render/mongolian.py).
            _element(
                entry,
                "link",
                rel="alternate",
                hreflang="mn-Mong",
                href=_absolute(site_url, MONGOLIAN_PREFIX + d.url),
                title=translated[d.path].title,
            )
        _element(entry, "id", url)
        _element(entry, "published", stamp(d.date))
        _element(entry, "updated", stamp(_entry_updated(d)))
        _element(_element(entry, "author"), "name", view.org_name(d.org))
        _element(entry, "category", term=d.scope)
        if withdrawal is not None:
            _element(entry, "category", term="withdrawn", label="已撤回")
            _element(entry, "summary", f"本事项已于 {withdrawal.on} 撤回。撤回原因：{withdrawal.reason}")
        elif d.changes:
            newest = d.changes_newest_first()[0]
            _element(entry, "summary", f"{newest.on} 更新：{newest.note}")
    # ElementTree writes an empty element `<link … />`; feeds were always written `<link …/>`,
    # and no text or attribute value can hold " />" (the serializer escapes every ">").
    return _DECLARATION + ET.tostring(feed, encoding="unicode").replace(" />", "/>") + "\n"
