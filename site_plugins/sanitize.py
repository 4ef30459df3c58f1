"""The HTML an item's or page's own text may contain: an allow-list, applied with nh3.

Editors write Markdown, and Markdown lets raw HTML through.  Whatever the body of a
document renders to passes through `clean` before it reaches a page: only the tags and
attributes a disclosure document needs survive (text structure, tables, images, links,
`<br>`); scripts, styles, event handlers, frames, forms and comments do not.  nh3 binds
Ammonia (Rust), an HTML5-parsing sanitizer: it parses as a browser does, so markup a
regular expression would misread (unquoted or upper-case attributes, entities in
names) is judged by what it is.  docs/decisions.md lists the allowed set.

Only the editors' text is cleaned; the metadata panel, lists and generated pages are
rendered from autoescaped templates (render.py).  No MkDocs import.
"""

from __future__ import annotations

import nh3

# Text structure, tables, images, links and the few inline elements documents use.
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    }
)

# Per tag; "*" applies to every allowed tag.  No style, no on*, no data-* (a data-pagefind-*
# attribute could steer the search index), no srcset (one image, one address to check).
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type", "reversed"},
    "time": {"datetime"},
    "details": {"open"},
    "q": set(),
    "blockquote": set(),
}

# Schemes an absolute link may use; relative links are kept (the output check resolves them).
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})

# Removed with everything inside them, not merely unwrapped.
DROPPED_WITH_CONTENT: frozenset[str] = frozenset(
    {
        "script",
        "style",
        "template",
        "iframe",
        "object",
        "embed",
        "noscript",
        "svg",
        "math",
        "form",
        "textarea",
        "select",
        "button",
        "title",
    }
)


def clean(html: str) -> str:
    """The editor-written `html` with only the allowed tags and attributes, no comments."""
    if not html:
        return html
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel=None,
    )
