"""Chinese text as the index words Pagefind is given: one bigram word per Han character.

Why not Pagefind's own Chinese support: it segments pages with jieba when indexing but
queries with the browser's Intl.Segmenter, and the two disagree on exactly the words
readers type (Chromium splits 巡视整改 into 巡视|整|改, so the query finds nothing); and
Pagefind treats Han characters specially even in languages it does not segment.
Instead every Han character becomes one index word that spells it and its successor
(a bigram) in plain letters — 巡视整改 is indexed as the words for 巡视 视整 整改 改 — and
the browser turns a query into the same words (theme/assets/javascripts/search.js): both
sides agree by construction, with no dictionary, for any word, and Pagefind sees only
ASCII.  The index language is Mandarin written `cmn`, which Pagefind neither segments nor
stems.

The encoding is written twice, here and in search.js; tests/data/bigram_cases.json is the
one table of cases both must answer (tests/test_search_bigrams.py).
"""

from __future__ import annotations

import functools
import re

INDEX_LANGUAGE = "cmn"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD_PREFIX = "hz"  # 汉字: marks an encoded word, so a Latin word is never mistaken for one
_HAN_RUN = re.compile(f"([{HAN}]+)")
_ENCODED = re.compile(f"^{WORD_PREFIX}([a-z]{{4}})(?:[a-z]{{4}})?$")
# What search.js reads as a space (JavaScript's \s) and as a word written with spaces
# around it (/^[\w\-.%&;#]+$/: \w is ASCII there).
_SPACE = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")
_LATIN = re.compile(r"[\w\-.%&;#]+", re.ASCII)


@functools.cache  # called for every character of every item: ~4.6 million times at 5,000 items
def letters(char: str) -> str:
    """A Han character as four lowercase letters (its code point in base 26)."""
    number, out = ord(char), ""
    for _ in range(4):
        number, digit = divmod(number, 26)
        out = chr(97 + digit) + out
    return out


def bigrams(text: str) -> str:
    """`巡视整改` → ` hz<巡><视> hz<视><整> hz<整><改> hz<改> `: one index word per character."""
    out: list[str] = []
    for piece in _HAN_RUN.split(text):
        if piece and _HAN_RUN.fullmatch(piece):
            words = (
                WORD_PREFIX + letters(piece[i]) + (letters(piece[i + 1]) if i + 1 < len(piece) else "")
                for i in range(len(piece))
            )
            out.append(" " + " ".join(words) + " ")
        else:
            out.append(piece)
    return "".join(out)


def text_of_bigrams(words: str) -> str:
    """Undo `bigrams`: the words of `巡视整改` → `巡视整改` (for tests and audits that read the index).

    Reads the words as search.js's fromBigrams shows them to a reader: the same spaces
    (JavaScript's `\\s`) and the same words kept apart by a space (`_LATIN`), so an audit
    reads what a reader sees — `Wi-Fi 2026`, not `Wi-Fi2026`.
    """
    out: list[str] = []
    previous_latin = False
    for token in _SPACE.split(words):
        if not token:
            continue
        encoded = _ENCODED.match(token)
        if encoded:
            number = 0
            for letter in encoded.group(1):
                number = number * 26 + ord(letter) - 97
            out.append(chr(number))
            previous_latin = False
        else:
            latin = _LATIN.fullmatch(token) is not None
            out.append((" " if latin and previous_latin else "") + token)
            previous_latin = latin
    return "".join(out)
