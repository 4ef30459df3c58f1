"""The Mongolian pages of a build (蒙古文版, under mn/): a document's Mongolian version, the
Mongolian home page and the Mongolian search page, in Traditional Mongolian script.

What is shown comes from the `View` — the publication's documents and its `translations`,
which hold a Mongolian version only where its original is shown (audience.publish) — and
the interface labels from the glossary (glossary.py).  Only the words are the
translation's: organization, dates, scope, consultation and attachments are the
original's, as its Chinese page shows them.  A name or label without a Mongolian form is
shown in Chinese and marked `lang="zh-CN"`.

The page's addresses: a document at `x/y/` has its Mongolian version at `mn/x/y/`
(`source`, the engine's source path `mn/x/y.md`), the Mongolian home page is `mn/` and its
search page `mn/search/`.  The layout — vertical columns from left to right, the region
scrolling sideways — is the theme's (theme/assets/stylesheets/mongolian.css,
docs/decisions.md "Mongolian pages").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from markupsafe import Markup

from ..audience import Publication
from ..glossary import CHINESE, Glossary, Label
from ..model import Document, Translation
from ..vocab import Scope
from .links import Links, file_link, org_url
from .rows import Crumb
from .view import View

PREFIX = "mn/"
HOME = "mn/index.md"
SEARCH = "mn/search/index.md"
HOME_URL = "mn/"
SEARCH_URL = "mn/search/"
# The newest Mongolian versions on the Mongolian home page (a page that does not grow with the site).
HOME_NEWEST = 20


def source(doc_path: str) -> str:
    """The engine's source path of a document's Mongolian page: `mn/` and the original's path."""
    return PREFIX + doc_path


def address(doc: Document) -> str:
    """The Mongolian page's site-relative URL: `mn/` and the original's address."""
    return PREFIX + doc.url


def shown_translations(pub: Publication, shown: Callable[[Document], bool]) -> dict[str, tuple[Document, Translation]]:
    """The Mongolian pages a build (or shard) writes, by source path: each document it shows
    that has a Mongolian version, with that version.  The home page's version is the
    Mongolian home page itself (`HOME`)."""
    return {
        source(doc.path): (doc, pub.translations[doc.path])
        for doc in pub.documents
        if doc.path in pub.translations and shown(doc)
    }


def sources(pub: Publication, shown: Callable[[Document], bool], search: bool) -> list[str]:
    """Every Mongolian page of a build by source path: the documents' versions, the home page
    and (with search) the search page — none at all for a build without translations."""
    if not pub.translations:
        return []
    pages = sorted(shown_translations(pub, shown))
    if HOME not in pages:
        pages.append(HOME)
    if search:
        pages.append(SEARCH)
    return pages


class Row(NamedTuple):
    """One line of a Mongolian page's record: its label and value (the value's language if it is not Mongolian)."""

    label: Label
    value: str
    lang: str | None = None
    href: str | None = None
    time: bool = False  # the value is a date (<time datetime>)


class Listed(NamedTuple):
    title: str
    href: str
    date: str
    org: str
    org_lang: str | None


def org_name(view: View, org_id: str | None) -> tuple[str, str | None]:
    """An organization's name on a Mongolian page: its `name_mn`, else its Chinese name and that language."""
    org = view.registry[org_id] if org_id and org_id in view.registry else None
    if org is not None and org.name_mn:
        return org.name_mn, None
    return view.org_name(org_id), CHINESE


def _scope_label(glossary: Glossary, scope: Scope) -> Label:
    return glossary.label(f"scope.{scope.value}")


def _row(label: Label, value: str, lang: str | None = None, href: str | None = None, time: bool = False) -> Row:
    return Row(label, value, lang, href, time)


def record_rows(doc: Document, view: View, glossary: Glossary, to: Links) -> list[Row]:
    """An item's record on its Mongolian page: what a reader needs to place it (the whole
    record, with the approval trail, is on the Chinese page it links to)."""
    g = glossary.label
    name, name_lang = org_name(view, doc.org)
    rows = [
        _row(g("index_number"), doc.id, "zxx"),  # a code, in no language
        _row(g("organization"), name, name_lang, to(org_url(doc.org or ""))),
    ]
    if doc.date is not None:
        rows.append(_row(g("date"), doc.date.isoformat(), time=True))
    if doc.updated is not None:
        rows.append(_row(g("updated"), doc.updated.isoformat(), time=True))
    catalog = view.pub.catalogs.get(doc.org or "")
    entry = catalog.entry(doc.catalog) if catalog is not None and doc.catalog else None
    if entry is not None:
        rows.append(_row(g("entry"), entry.title_mn or entry.title, None if entry.title_mn else CHINESE))
    elif not doc.catalog:
        outside = g("outside_catalog")
        rows.append(_row(g("entry"), outside.text, None if outside.mongolian else outside.lang))
    scope = _scope_label(glossary, doc.scope)
    rows.append(_row(g("scope"), scope.text, None if scope.mongolian else scope.lang))
    consultation = doc.consultation
    if consultation is not None and consultation.until is not None:
        state = g("consultation_open" if view.clock <= consultation.until else "consultation_closed")
        rows.append(_row(g("consultation"), state.text, None if state.mongolian else state.lang))
        rows.append(_row(g("until"), consultation.until.isoformat(), time=True))
        rows.append(_row(g("channel"), consultation.channel, CHINESE))
    return rows


def mongolian_page(doc: Document, translation: Translation, body: str, view: View, glossary: Glossary) -> str:
    """The content of `doc`'s Mongolian page: breadcrumbs, title, the item's record (the
    original's facts), the translated body (`body`: the engine's HTML, cleaned), the
    original's attachments and a link to the Chinese page."""
    here = address(doc)
    to = Links(here)
    g = glossary.label
    attachments = (
        [(file_link(here, path), name) for name, path in zip(doc.attachments, doc.attachment_paths(), strict=True)]
        if doc.is_item
        else []
    )
    return view.render(
        "mn_page.html",
        label=g,
        crumbs=[Crumb(g("home").text, to(HOME_URL)), Crumb(translation.title)],
        title=translation.title,
        item=doc.is_item,
        rows=record_rows(doc, view, glossary, to) if doc.is_item else [],
        archived=doc.path in view.pub.archived,
        draft=doc.path in view.pub.drafts,
        body=Markup(body),  # noqa: S704 - the engine's HTML, cleaned by sanitize.clean
        attachments=attachments,
        original=to(doc.url),
    )


def newest(view: View) -> list[Document]:
    """The live items with a Mongolian version, newest first (the Mongolian home page's list)."""
    translated = view.pub.translations
    items = [d for d in view.live() if d.path in translated and d.path not in view.pub.drafts]
    items.sort(key=lambda d: (d.date, d.id), reverse=True)
    return items[:HOME_NEWEST]


def home_title(view: View, glossary: Glossary) -> str:
    home = view.pub.translations.get("index.md")
    return home.title if home is not None else glossary.label("site_name").text


def mongolian_home(view: View, glossary: Glossary, body: str = "", search: bool = True) -> str:
    """The content of mn/: the home page's Mongolian version (if any) and the newest Mongolian items."""
    to = Links(HOME_URL)
    translated = view.pub.translations
    listed = []
    for doc in newest(view):
        name, lang = org_name(view, doc.org)
        listed.append(
            Listed(translated[doc.path].title, to(address(doc)), doc.date.isoformat() if doc.date else "", name, lang)
        )
    return view.render(
        "mn_home.html",
        label=glossary.label,
        title=home_title(view, glossary),
        body=Markup(body),  # noqa: S704 - the engine's HTML, cleaned by sanitize.clean
        listed=listed,
        search=to(SEARCH_URL) if search else None,
        original=to(""),
    )


def mongolian_search(view: View, glossary: Glossary, has_items: bool) -> str:
    """The content of mn/search/: a search box over the Mongolian item pages (Pagefind's
    `mn` index, plugins/search_mongolian.py).  The elements and class names are those of
    the Chinese search page, which search.js drives; `data-language="mn"` selects the
    Mongolian index and plain words (no Chinese bigrams), the `data-text-*` its messages."""
    to = Links(SEARCH_URL)
    return view.render(
        "mn_search.html",
        label=glossary.label,
        title=glossary.label("search_items").text,
        crumbs=[Crumb(glossary.label("home").text, to(HOME_URL)), Crumb(glossary.label("search").text)],
        has_items=has_items,
        bundle=to("pagefind/"),
        script=file_link(SEARCH_URL, "assets/javascripts/search.js"),
        original=to("search/"),
    )
