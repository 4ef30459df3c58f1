"""Machine-readable outputs of a publication: JSON open data and Atom feeds.

Like `render`, these only receive what the audience may see.  Output is deterministic
(sorted keys and lists, dates from the build clock) so builds are reproducible.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from xml.sax.saxutils import escape

from .render import View, org_url

# Characters XML 1.0 does not allow at all (C0 controls but tab, newline and return; lone
# surrogates; U+FFFE/U+FFFF): one in a title would make the whole feed unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# In an attribute value: the quote that delimits it, and whitespace a parser would normalize.
_ATTRIBUTE = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _text(value: object) -> str:
    """XML character data: &, < and > escaped, characters XML cannot hold dropped."""
    return escape(_NOT_XML.sub("", str(value)))


def _attribute(value: object) -> str:
    """A double-quoted XML attribute value: also the quote and whitespace escaped."""
    return escape(_NOT_XML.sub("", str(value)), _ATTRIBUTE)


def _absolute(site_url: str, path: str) -> str:
    return (site_url.rstrip("/") + "/" + path) if site_url else "/" + path


def items_json(view: View, site_url: str) -> str:
    """data/items.json: metadata of every visible item (SPEC §8)."""
    items = []
    shown = view.pub.by_id()  # an interpreted item that left this build (expired) is not named
    for doc in sorted(view.pub.items(), key=lambda d: d.id):
        items.append({
            "id": doc.id,
            "title": doc.title,
            "org": doc.org,
            "entry": doc.catalog if view.entry_title(doc) else None,
            "scope": doc.scope,
            "timing": doc.timing,
            "period": doc.covers,
            "level": doc.level,
            "date": doc.date.isoformat() if doc.date else None,
            "expires": doc.expires.isoformat() if doc.expires else None,
            "archived": doc.path in view.pub.archived,
            "interprets": doc.interprets if doc.interprets in shown else None,
            "corrects": doc.corrects if doc.corrects in shown else None,
            "consultation_until": doc.consultation.until.isoformat() if doc.consultation and doc.consultation.until else None,
            "url": _absolute(site_url, doc.url),
        })
    payload = {"audience": str(view.pub.audience), "generated": view.clock.isoformat(), "items": items}
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def catalogs_json(view: View, site_url: str) -> str:
    """data/catalogs.json: the visible catalog entries of every organization."""
    catalogs = []
    for org_id in sorted(view.pub.catalogs):
        catalog = view.pub.catalogs[org_id]
        statuses = {s.entry.id: s for s in view.statuses(org_id)}
        catalogs.append({
            "org": org_id,
            "name": view.org_name(org_id),
            "adopted_on": catalog.adopted_on.isoformat() if catalog.adopted_on else None,
            "filed_with": catalog.filed_with,
            "filed_on": catalog.filed_on.isoformat() if catalog.filed_on else None,
            "url": _absolute(site_url, org_url(org_id)),
            "entries": [
                {
                    "id": e.id, "title": e.title, "basis": e.basis, "scope": e.scope, "timing": e.timing,
                    "period": e.period, "methods": list(e.methods), "department": e.department,
                    "state": statuses[e.id].state,
                    "items": [d.id for d in statuses[e.id].items],
                }
                for e in catalog.entries
            ],
        })
    payload = {"audience": str(view.pub.audience), "generated": view.clock.isoformat(), "catalogs": catalogs}
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def atom_feed(view: View, site_url: str, feed_path: str, title: str, org_id: str | None = None, size: int = 50) -> str:
    """An Atom feed of the newest visible live items, site-wide or of one organization.

    Written as text for speed (a region has a feed per organization); every text goes
    through `_text` and every attribute through `_attribute`, and nothing else is interpolated
    but the dates the build computes.
    """
    docs = view.live() if org_id is None else view.items_of(org_id)  # per org: no scan of every item
    docs = sorted(docs, key=lambda d: (d.date, d.id), reverse=True)[:size]
    updated = max((d.date for d in docs if d.date), default=view.clock)

    def stamp(day: dt.date | None) -> str:
        return f"{day or view.clock}T00:00:00+08:00"

    entries = []
    for d in docs:
        url = _absolute(site_url, d.url)
        entries.append(
            f"<entry><title>{_text(d.title)}</title><link href=\"{_attribute(url)}\"/><id>{_text(url)}</id>"
            f"<updated>{stamp(d.date)}</updated><author><name>{_text(view.org_name(d.org))}</name></author>"
            f"<category term=\"{_attribute(d.scope)}\"/></entry>"
        )
    home = _absolute(site_url, org_url(org_id) if org_id else "")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">'
        f"<title>{_text(title)}</title><link href=\"{_attribute(home)}\"/>"
        f"<link rel=\"self\" href=\"{_attribute(_absolute(site_url, feed_path))}\"/><id>{_text(home)}</id>"
        f"<updated>{stamp(updated)}</updated>{''.join(entries)}</feed>\n"
    )
