"""The tools' language: messages in Chinese (zh_CN) by default, in English on request.

The editors work in Chinese party offices, so every message of the tools — problems and
their hints, CLI output, build and preview log lines — is Chinese unless the environment
asks for English.  Source strings are English (the msgid), marked `_("… {name} …")` and
filled with `.format(name=…)` after translation; the catalog is
`locale/zh_CN/LC_MESSAGES/disclose.po`, compiled by Babel to the `.mo` beside it (committed;
`make messages` extracts and updates both).

Which language: the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set and not
empty decides, as in gettext (later variables are not read); within it (LANGUAGE may list
several, `en:zh`) the first language that is English (`en`, `en_US.UTF-8` …) or Chinese
(`zh`, `zh_CN` …) wins.  Anything else (unset, `C`, `POSIX`, another language) is Chinese.
The entry points (the CLI's main, the plugin's config event) choose once per process with
`use_environment()`; before they do, messages are Chinese.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "disclose"
LOCALE_DIR = Path(__file__).parent / "locale"
CHINESE = "zh_CN"
ENGLISH = "en"
VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


class _State:
    """The one choice of the process: its language and that language's catalog."""

    def __init__(self) -> None:
        self.language = ""
        self.catalog: gettext.NullTranslations = gettext.NullTranslations()

    def current(self) -> gettext.NullTranslations:
        if not self.language:
            use(CHINESE)
        return self.catalog


_STATE = _State()


def language_of(environ: Mapping[str, str]) -> str:
    """`en` or `zh_CN`, as the environment's language variables choose (the module docstring)."""
    for variable in VARIABLES:
        value = environ.get(variable, "")
        if value:
            for name in value.split(":"):
                base = re.split(r"[._@-]", name.strip(), maxsplit=1)[0].lower()
                if base == "en":
                    return ENGLISH
                if base == "zh":
                    return CHINESE
            return CHINESE
    return CHINESE


def catalog_file() -> Path:
    """The compiled Chinese catalog."""
    return LOCALE_DIR / CHINESE / "LC_MESSAGES" / f"{DOMAIN}.mo"


def use(language: str) -> None:
    """Speak `language` (`en` or `zh_CN`) from now on, in this process."""
    if language == ENGLISH:
        _STATE.catalog = gettext.NullTranslations()  # the msgids are English
    else:
        # A missing catalog is a broken installation: fail loudly rather than fall back to English.
        _STATE.catalog = gettext.translation(DOMAIN, LOCALE_DIR, languages=[CHINESE])
    _STATE.language = language


def use_environment(environ: Mapping[str, str] | None = None) -> str:
    """Speak the language the environment chooses (os.environ by default); return it."""
    language = language_of(os.environ if environ is None else environ)
    use(language)
    return language


def language() -> str:
    """The language messages are given in now."""
    _STATE.current()
    return _STATE.language


def _(message: str) -> str:
    """`message` (English, the msgid) in the chosen language."""
    return _STATE.current().gettext(message)


def _n(singular: str, plural: str, count: int) -> str:
    """The form of `singular`/`plural` for `count`, in the chosen language."""
    return _STATE.current().ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for "mark, translate later"
    """Mark `message` for the catalog where it is defined; `_()` translates it where it is used."""
    return message


_ARTICLE = re.compile(r"Art\. (?P<body>.+)")
_NUMERALS = "〇一二三四五六七八九十"


def rule_article(rule: str) -> str:
    """A rule's article in the chosen language: `Art. 18(5)` is 第18条第（五）项 in Chinese."""
    match = _ARTICLE.fullmatch(rule)
    if match is None or language() == ENGLISH:
        return rule
    parts = []
    for part in re.split(r",\s*", match["body"]):
        found = re.fullmatch(r"(\d+)(?:\((\d+)\))?(?:[–-](\d+))?", part)
        if found is None:
            return rule
        number, item, last = found.groups()
        text = f"第{number}条" if last is None else f"第{number}—{last}条"
        if item is not None:
            text += f"第（{_chinese_numeral(int(item))}）项"
        parts.append(text)
    return "、".join(parts)


def _chinese_numeral(number: int) -> str:
    if number <= 10:
        return _NUMERALS[number]
    tens, ones = divmod(number, 10)
    return (_NUMERALS[tens] if tens > 1 else "") + "十" + (_NUMERALS[ones] if ones else "")
