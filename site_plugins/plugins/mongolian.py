"""The Mongolian pages (mn/) in the engine: their files, their meta-data and their content.

The plugin (disclosure.py) asks one `MongolianPages` per build at its events, and nothing
about the Mongolian pages is decided there.  What is published is the publication's
`translations` (audience.publish: the Mongolian version of a shown document, nothing else),
so a Mongolian page exists in exactly the builds, on exactly the days, that show its
original (render/mongolian.py `sources`: the list the output check is given).  Each is a
generated file whose Markdown is the translation's body: the engine renders it with the
site's Markdown extensions, sanitize.clean cleans it as it cleans the originals, and
verify.py reads the page back.  A build without translations has no mn/ at all.

The theme reads a page's `meta`: `lang` (theme/partials/language.html: <html lang>),
`language_switch` (theme/partials/header.html: the link to the other version), and on the
Mongolian pages `mn_labels`, the theme's own words in Mongolian (the <title>, the skip link,
the header's search box).
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping

from .. import sanitize
from ..engine import EngineConfig, File, InclusionLevel, Page
from ..glossary import CHINESE, MONGOLIAN, Glossary
from ..model import Document, Translation
from ..render import View
from ..render import mongolian as render
from .outputs import escaped
from .search_mongolian import Indexed

# The Chinese search page (plugins/search.py SEARCH_PAGE), whose version is mn/search/.
CHINESE_SEARCH = "search/index.md"


def _url(src_uri: str) -> str:
    """A generated page's site-relative URL (directory URLs): `mn/a/b.md` → `mn/a/b/`, `mn/index.md` → `mn/`."""
    if src_uri == "index.md" or src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    return src_uri[: -len(".md")] + "/"


class MongolianPages:
    """The Mongolian pages of one build (or shard)."""

    def __init__(self, view: View, shown: Callable[[Document], bool], search: bool) -> None:
        self.view = view
        self.shown = shown
        pub = view.pub
        self.pages: dict[str, tuple[Document, Translation]] = render.shown_translations(pub, shown)
        self.search = search
        self.sources = render.sources(pub, shown, search)
        self.glossary = Glossary.load() if self.sources else None
        # The Chinese page of each Mongolian one, and back: the language switch.
        self.to_chinese = {uri: doc.path for uri, (doc, _) in self.pages.items()}
        self.to_mongolian = {doc.path: uri for uri, (doc, _) in self.pages.items()}
        if self.sources:
            self.to_chinese.setdefault(render.HOME, "index.md")
            self.to_mongolian.setdefault("index.md", render.HOME)
            if search:
                self.to_chinese[render.SEARCH] = CHINESE_SEARCH
                self.to_mongolian[CHINESE_SEARCH] = render.SEARCH
        self.items = [doc for doc, _ in self.pages.values() if doc.is_item]

    def __bool__(self) -> bool:
        return bool(self.sources)

    def theme_labels(self) -> dict[str, str]:
        """What the theme says in Mongolian on every Mongolian page (config.extra.disclosure.mn)."""
        if self.glossary is None:
            return {}
        g = self.glossary.label
        keys = ("site_name", "skip", "search", "search_items", "search_results", "search_none", "search_found")
        return {key: str(escaped(g(key).text)) for key in (*keys, "search_failed")}

    def files(self, config: EngineConfig) -> list[File]:
        """The generated files of the Mongolian pages (none without translations)."""
        made = []
        for uri in self.sources:
            found = self.pages.get(uri)
            body = found[1].body if found else self._home_body() if uri == render.HOME else ""
            # The leading blank lines keep the engine's meta-data reader out of the body.
            made.append(File.generated(config, uri, content="\n\n" + body, inclusion=InclusionLevel.NOT_IN_NAV))
        return made

    def _home_body(self) -> str:
        home = self.view.pub.translations.get("index.md")
        return home.body if home is not None else ""

    def owns(self, page: Page) -> bool:
        return bool(page.file.generated_by) and page.file.src_uri in self.to_chinese

    def meta(self, page: Page) -> None:
        """A Mongolian page's meta-data: its title (escaped: Material prints it as it is), its
        language, the Chinese page it switches to."""
        assert self.glossary is not None
        uri = page.file.src_uri
        meta: dict[str, object] = {"lang": MONGOLIAN, "hide": ["navigation", "toc"]}
        found = self.pages.get(uri)
        if found is not None:
            doc, translation = found
            meta["title"] = escaped(translation.title)
            meta["description"] = escaped(translation.description or translation.title)
            if doc.is_item:
                # main.html's ArticleTitle, PubDate and ContentSource (《政府网站发展指引》 page meta-data)
                meta["mn_item"] = True
                meta["org_name"] = escaped(render.org_name(self.view, doc.org)[0])
                if doc.date is not None:
                    meta["date"] = doc.date.isoformat()
        elif uri == render.HOME:
            meta["title"] = meta["description"] = escaped(render.home_title(self.view, self.glossary))
        else:
            meta["title"] = meta["description"] = escaped(self.glossary.label("search_items").text)
        chinese = _url(self.to_chinese[uri])
        meta["language_switch"] = {"url": chinese, "lang": CHINESE, "label": "中文", "title": "中文版"}
        meta["mn_labels"] = self.theme_labels()  # the theme's words on this page (main.html, partials/)
        page.meta = meta

    def content(self, html: str, page: Page) -> str:
        assert self.glossary is not None
        uri = page.file.src_uri
        if uri == render.HOME:
            return render.mongolian_home(self.view, self.glossary, sanitize.clean(html), self.search)
        if uri == render.SEARCH:
            return render.mongolian_search(self.view, self.glossary, bool(self.items))
        doc, translation = self.pages[uri]
        return render.mongolian_page(doc, translation, sanitize.clean(html), self.view, self.glossary)

    def switch(self, src_uri: str, meta: MutableMapping[str, object]) -> None:
        """On a Chinese page that has a Mongolian version, the language switch leads to it."""
        uri = self.to_mongolian.get(src_uri)
        if uri is None or self.glossary is None:
            return
        label = self.glossary.label("mongolian")
        meta["language_switch"] = {"url": _url(uri), "lang": label.lang, "label": label.text, "title": "蒙古文版"}

    def published(self, address_of: Callable[[str], str]) -> dict[str, Indexed]:
        """Each Mongolian item page's date and organization by its page's address (`address_of`
        a source path): the pages the `mn` search index must hold."""
        return {
            address_of(render.source(doc.path)): Indexed(doc.date, render.org_name(self.view, doc.org)[0])
            for doc in self.items
        }
