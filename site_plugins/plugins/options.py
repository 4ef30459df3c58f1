"""The disclosure plugin's options in mkdocs.yml, typed and validated by the engine's Config.

`disclose` sets `audience` and `orgs` (build) or `preview` (serve) on them through
`engine.load_config`, validated by this same class; the defaults the core needs too are
written once, in settings.DEFAULTS.
"""

from __future__ import annotations

from .. import engine
from ..engine import Config
from ..engine import config_options as c
from ..i18n import N_, _
from ..index_numbers import IndexPattern, PatternError
from ..settings import DEFAULTS
from . import search as pagefind_search
from . import sitemaps


class _AtLeast(c.Type[int]):
    """A whole number no smaller than `minimum` (nor larger than `maximum`); the message says what it is for."""

    def __init__(self, minimum: int, meaning: str, default: int, maximum: int | None = None) -> None:
        super().__init__(int, default=default)
        self.minimum, self.meaning, self.maximum = minimum, meaning, maximum

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < self.minimum:
            raise engine.ValidationError(
                _("is {value!r} — give {meaning}, at least {minimum} (default {default})").format(
                    value=value, meaning=_(self.meaning), minimum=self.minimum, default=self.default
                )
            )
        if self.maximum is not None and number > self.maximum:
            raise engine.ValidationError(
                _("is {value!r} — give {meaning}, at most {maximum} (default {default})").format(
                    value=value, meaning=_(self.meaning), maximum=self.maximum, default=self.default
                )
            )
        return number


class _IndexPattern(c.Type[str]):
    """An `index_pattern` that numbers items (index_numbers.IndexPattern), or the reason it cannot."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        try:
            IndexPattern.parse(text)
        except PatternError as error:
            raise engine.ValidationError(str(error)) from None
        return text


class DisclosureConfig(Config):
    """The plugin's options in mkdocs.yml; `disclose` sets audience, orgs and preview on them."""

    # public, party or unit:<org-id>; plain `mkdocs build` reads DISCLOSE_AUDIENCE through
    # mkdocs.yml's `audience: !ENV [DISCLOSE_AUDIENCE, public]`.
    audience = c.Type(str, default="public")
    # The sources: never MkDocs' docs_dir (see on_config), so no engine finds them alone.
    content_dir = c.Type(str, default=DEFAULTS.content_dir)
    catalogs_dir = c.Type(str, default=DEFAULTS.catalogs_dir)
    overdue_grace_days = _AtLeast(
        0, N_("the days after a due date before an entry is overdue"), DEFAULTS.overdue_grace_days
    )
    hide_names_in_public = c.Type(bool, default=True)
    # How `disclose new` numbers a new item (索引号): {code}, {year} and {serial[:digits]}.
    index_pattern = _IndexPattern(DEFAULTS.index_pattern)
    intranet_banner = c.Type(str, default="党内资料 注意保密")
    intranet_site_url = c.Optional(c.Type(str))
    preview = c.Type(bool, default=False)
    feed_size = _AtLeast(1, N_("the number of newest items a feed lists"), 50)
    # Full-text search: Pagefind over this build's output (docs/search.md), or none.
    search = c.Choice(("pagefind", "none"), default="pagefind")
    # Item pages per Pagefind run: peak memory follows this, not the site (search.BATCH_PAGES).
    search_batch_pages = _AtLeast(1, N_("the number of item pages per Pagefind run"), pagefind_search.BATCH_PAGES)
    # The newest items a reader's first query searches (search.RECENT_PAGES); 0: always all items.
    search_recent_pages = _AtLeast(
        0, N_("how many of the newest items a first query searches, or 0 for all of them"), pagefind_search.RECENT_PAGES
    )
    # URLs per sitemap file; more pages make sitemap.xml an index of such files (plugins/sitemaps.py).
    sitemap_urls = _AtLeast(
        1,
        N_("the most URLs one sitemap file lists (the protocol's limit)"),
        sitemaps.SITEMAP_URLS,
        sitemaps.SITEMAP_URLS,
    )
    # Remember what each page was made from, and copy the unchanged ones from the last build
    # (plugins/incremental.py); `disclose build` sets it (`--full` renders every page).
    incremental = c.Type(bool, default=False)
    # One shard of a split build: only these subtrees' items and organization pages (docs/scaling.md).
    orgs = c.Optional(c.Type(str))
