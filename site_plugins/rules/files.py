"""Rules of the files under content/: attachments, and the index numbers of items.

An attachment is published with the scope of the one item or page that lists it, so a
file nobody lists, or one two documents list, has no scope of its own (fail closed).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..i18n import _
from ..model import Document, Problem, Site
from .common import at

ID_FORM = re.compile(r"^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9_./\u4e00-\u9fff-]*$")


# What an attachment may be: files a browser shows or downloads, never runs (no .html,
# .svg, .xml, .js: on the site's host they would run script, or be a page nobody checked).
ATTACHMENT_TYPES = frozenset(
    {
        "pdf",
        "ofd",
        "doc",
        "docx",
        "wps",
        "odt",
        "rtf",
        "txt",
        "xls",
        "xlsx",
        "et",
        "ods",
        "csv",
        "ppt",
        "pptx",
        "dps",
        "odp",
        "png",
        "jpg",
        "jpeg",
        "gif",
        "webp",
        "bmp",
        "tif",
        "tiff",
        "mp3",
        "m4a",
        "wav",
        "mp4",
        "webm",
        "zip",
        "rar",
        "7z",
    }
)


def attachments_exist(doc: Document, site: Site, files: set[str]) -> Iterator[Problem]:
    """Attachments are files beside the item; they inherit its scope."""
    for name, path in zip(doc.attachments, doc.attachment_paths(), strict=True):
        if "/" in name or "\\" in name or name.startswith("."):
            yield at(
                doc,
                "attachments",
                _("attachment '{name}' is not a file name beside the item").format(name=name),
                _("put the file in the item's folder and list its bare name"),
            )
        elif name.endswith(".md"):
            yield at(
                doc,
                "attachments",
                _("attachment '{name}' is a Markdown file").format(name=name),
                _("attachments are files such as PDF or images; a Markdown file is its own item"),
            )
        elif name.rpartition(".")[2].lower() not in ATTACHMENT_TYPES or "." not in name:
            yield at(
                doc,
                "attachments",
                _(
                    "attachment '{name}' is not a document, table, image, audio or video file — a browser would run a web page, SVG or script as part of the site"
                ).format(name=name),
                _("publish it as PDF (or one of {names}), or put its text in the item").format(
                    names=", ".join(sorted(ATTACHMENT_TYPES))
                ),
            )
        elif path not in files:
            yield at(
                doc,
                "attachments",
                _("attachment '{name}' does not exist beside the item").format(name=name),
                _("add content/{path} or remove it from 'attachments'").format(path=path),
            )


def document_ids_unique(site: Site) -> Iterator[Problem]:
    """The index number (索引号) identifies one item."""
    seen: dict[str, Document] = {}
    for doc in site.documents:
        if not doc.is_item:
            continue
        if not ID_FORM.match(doc.id):
            yield at(
                doc,
                "id",
                _("id '{id}' has characters other than letters, digits, '-', '_', '.', '/'").format(id=doc.id),
                _("use a simple index number such as nmg-dw-2026-001"),
            )
        if doc.id in seen:
            first = seen[doc.id]
            yield at(
                doc,
                "id",
                _("id '{id}' is also the id of {path}").format(id=doc.id, path=first.where.path),
                _("give each item a unique 'id'"),
            )
        else:
            seen[doc.id] = doc


def every_content_file_belongs_to_a_document(site: Site) -> Iterator[Problem]:
    """Fail closed: a file nobody lists has no scope, so it must not be published."""
    listed = {path for doc in site.documents for path in doc.attachment_paths()}
    for rel in site.other_files:
        if rel not in listed:
            yield Problem(
                f"content/{rel}",
                0,
                _("file is not an attachment of any item or page, so it has no scope"),
                _("list it under 'attachments' of the item beside it, or move it out of content/"),
            )


def attachments_belong_to_one_document(site: Site) -> Iterator[Problem]:
    """An attachment takes its scope from the one item or page that lists it (docs/decisions.md)."""
    owner: dict[str, Document] = {}
    for doc in site.documents:  # in the order of their paths (load_site)
        if not doc.attachments:
            continue
        seen: set[str] = set()
        for name, path in zip(doc.attachments, doc.attachment_paths(), strict=True):
            if path in seen:
                yield at(
                    doc, "attachments", _("attachment '{name}' is listed twice").format(name=name), _("list it once")
                )
                continue
            seen.add(path)
            first = owner.setdefault(path, doc)
            if first is not doc:
                yield at(
                    doc,
                    "attachments",
                    _(
                        "attachment '{name}' is also listed by {path}: an attachment belongs to exactly one item or page, whose scope it takes"
                    ).format(name=name, path=first.where.path),
                    _(
                        "list it under one of the two only (the other may link to it if it is at least as widely visible), or give this one its own copy under another name"
                    ),
                    "Art. 15",
                )
