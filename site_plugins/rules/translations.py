"""Mongolian versions (`x.mn.md`, translations.py): the words of a document in another script.

A translation is published exactly where its original is (audience.publish), so what is
judged here is what it may say: it needs an original, its text is Unicode Traditional
Mongolian (not the Menksoft private-use encoding of older local sites, which no standard
font, browser or search engine reads), it links only to web addresses (the page lists the
original's attachments itself), and — like every page — it names nothing that some reader
of its original may not see (mentions.py, asked with the original's scope and dates).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..i18n import N_, _
from ..model import Document, Problem, Site, Translation

# Traditional Mongolian script: the Mongolian block and the Mongolian Supplement.
MONGOLIAN_LETTER = re.compile("[\u1820-\u18aa\U00011660-\U0001167f]")
# The private-use areas: Menksoft's (and other vendors') legacy Mongolian encodings live here.
PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
PUA_HINT = N_(
    "this is a private-use code (the Menksoft or another vendor's legacy encoding), which no standard font or search engine reads — convert the text to Unicode Traditional Mongolian (U+1800–U+18AF) with the vendor's converter and paste it again"
)

# Where a Mongolian version's body writes an address: a Markdown link or image, a reference
# definition, or an HTML attribute that holds one.
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.M)
_ATTRIBUTE = re.compile(r"\b(?:href|src|srcset|data|action|poster|cite|background)\s*=\s*[\"']?([^\"'\s>]*)", re.I)
_WEB = re.compile(r"(?:https?:|mailto:|tel:|#)", re.I)


def private_use(text: str) -> str | None:
    """The first private-use character of `text`, or None."""
    found = PRIVATE_USE.search(text)
    return found.group(0) if found else None


def mongolian_text_problem(text: str) -> str | None:
    """What is wrong with a text meant to be in Traditional Mongolian script, or None."""
    bad = private_use(text)
    if bad is not None:
        return _("holds U+{code:04X}, a private-use character, not Unicode Mongolian").format(code=ord(bad))
    if not MONGOLIAN_LETTER.search(text):
        return _("has no letter of Traditional Mongolian script (U+1820–U+18AA)")
    return None


def translations_have_an_original(site: Site) -> Iterator[Problem]:
    """A Mongolian version is published only with its original: one without is an error."""
    if not site.translations:
        return
    paths = {doc.path for doc in site.documents}
    for translation in site.translations:
        if translation.original not in paths:
            yield Problem(
                translation.where.path,
                1,
                _("this Mongolian version has no original: {original_file} is not a readable item or page").format(
                    original_file=translation.original_file
                ),
                _(
                    "write the Chinese original {original_file} (or fix its problems); a Mongolian version takes its scope, dates and approval from it and is published only with it"
                ).format(original_file=translation.original_file),
                "Art. 15",
            )


def translations_are_unicode_mongolian(site: Site) -> Iterator[Problem]:
    """Title and description in Traditional Mongolian script, and no private-use code anywhere."""
    for translation in site.translations:
        where = translation.where
        for field, text in (("title", translation.title), ("description", translation.description or "")):
            if not text:
                continue
            wrong = mongolian_text_problem(text)
            if wrong is not None:
                hint = (
                    _(PUA_HINT) if private_use(text) else _("write the title in Traditional Mongolian script (Unicode)")
                )
                yield Problem(
                    where.path,
                    where.of(field),
                    _("the Mongolian {field} {wrong}").format(field=field, wrong=wrong),
                    hint,
                )
        for number, line in enumerate(translation.body.split("\n")):
            bad = private_use(line)
            if bad is not None:
                yield Problem(
                    where.path,
                    translation.body_line + number,
                    _("the body holds U+{code:04X}, a private-use character, not Unicode Mongolian").format(
                        code=ord(bad)
                    ),
                    _(PUA_HINT),
                )


def translations_link_only_to_the_web(site: Site) -> Iterator[Problem]:
    """A Mongolian version's links lead to web addresses or within the page, never to a file
    of the site: its page lists the original's attachments and links to the original itself,
    and a relative address would be read from mn/, where no attachment is."""
    for translation in site.translations:
        body = translation.body
        if "](" not in body and "=" not in body and "]:" not in body:
            continue
        for pattern in (_MARKDOWN_LINK, _REFERENCE, _ATTRIBUTE):
            for found in pattern.finditer(body):
                address = found.group(1)
                if _WEB.match(address):
                    continue
                line = translation.body_line + body.count("\n", 0, found.start(1))
                yield Problem(
                    translation.where.path,
                    line,
                    _("the Mongolian version links to '{address}', an address of this site").format(
                        address=address or _("(nothing)")
                    ),
                    _(
                        "link only to web addresses (https://…) or within the page: the Mongolian page lists the original's attachments and links to the Chinese page itself"
                    ),
                )


def as_documents(site: Site) -> list[Document]:
    """Each Mongolian version as a document with its original's facts and its own words and
    lines: what a rule about a page's text (mentions.py) judges."""
    if not site.translations:
        return []
    originals = {doc.path: doc for doc in site.documents}
    # A withdrawn original's notice has no Mongolian version: nothing of the translation is shown.
    return [
        _translated(originals[t.original], t)
        for t in site.translations
        if t.original in originals and originals[t.original].withdrawn is None
    ]


def _translated(original: Document, translation: Translation) -> Document:
    return replace(
        original,
        title=translation.title,
        body=translation.body,
        description=translation.description,
        where=translation.where,
        body_line=translation.body_line,
        changes=(),
    )


def mongolian_names_are_unicode(site: Site) -> Iterator[Problem]:
    """`name_mn` of an organization and `title_mn` of a catalog entry: Traditional Mongolian in Unicode."""
    for org in site.registry:
        if org.name_mn:
            wrong = mongolian_text_problem(org.name_mn)
            if wrong is not None:
                hint = _(PUA_HINT) if private_use(org.name_mn) else _("write the name in Traditional Mongolian script")
                yield Problem(
                    org.where.path,
                    org.where.of("name_mn"),
                    _("name_mn of '{id}' {wrong}").format(id=org.id, wrong=wrong),
                    hint,
                )
    seen: set[int] = set()
    for catalog in site.catalogs.values():
        for entry in catalog.entries:
            # A template's entry is shared by every catalog made from it: judged once, at its line.
            if not entry.title_mn or id(entry) in seen:
                continue
            seen.add(id(entry))
            wrong = mongolian_text_problem(entry.title_mn)
            if wrong is not None:
                hint = (
                    _(PUA_HINT) if private_use(entry.title_mn) else _("write the title in Traditional Mongolian script")
                )
                yield Problem(
                    entry.where.path,
                    entry.where.of("title_mn"),
                    _("title_mn of entry '{id}' {wrong}").format(id=entry.id, wrong=wrong),
                    hint,
                )


def translation_problems(site: Site) -> list[Problem]:
    """Every problem of the site's Mongolian texts (no work on the documents when there are none)."""
    names = list(mongolian_names_are_unicode(site))
    if not site.translations:
        return names
    return [
        *names,
        *translations_have_an_original(site),
        *translations_are_unicode_mongolian(site),
        *translations_link_only_to_the_web(site),
    ]
