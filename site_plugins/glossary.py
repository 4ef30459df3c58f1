"""Interface labels of the Mongolian pages (界面用语): `glossary/mn.yml`, read once per build.

The Mongolian pages (mn/) say 首页, 发布机构, 搜索 … in Traditional Mongolian where the
glossary has the word, and in Chinese where it does not — marked `lang="zh-CN"`, so a
screen reader switches voice and the reader sees that the word is missing, not wrong.
Every entry records whether a native speaker has reviewed it (`reviewed: true`); the
developers' own words wait with `reviewed: false`, and `unreviewed()` lists them for the
translators.  A word that is not Unicode Traditional Mongolian (no Mongolian letter, or a
private-use code of the legacy Menksoft encoding) stops the build, as it would in content.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .rules.translations import mongolian_text_problem

FOLDER = Path(__file__).resolve().parent / "glossary"
MONGOLIAN = "mn-Mong"  # BCP 47: Mongolian in Mongolian script (the pages' lang)
CHINESE = "zh-CN"


class GlossaryError(ValueError):
    """The glossary file cannot be used (its path and the entry are in the message)."""


@dataclass(frozen=True)
class Label:
    """One label as a page shows it: its text and the language it is written in."""

    text: str
    lang: str  # MONGOLIAN, or CHINESE where the glossary has no Mongolian word yet
    reviewed: bool = False

    @property
    def mongolian(self) -> bool:
        return self.lang == MONGOLIAN


@dataclass(frozen=True)
class Entry:
    zh: str
    mn: str | None
    reviewed: bool


@dataclass(frozen=True)
class Glossary:
    """The Chinese interface labels and their Traditional Mongolian words, by key."""

    entries: dict[str, Entry]

    @classmethod
    def load(cls, path: Path = FOLDER / "mn.yml") -> Glossary:
        try:
            data = yaml.safe_load(path.read_text("utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            raise GlossaryError(f"{path}: cannot be read: {error}") from None
        labels = data.get("labels") if isinstance(data, dict) else None
        if not isinstance(labels, dict):
            raise GlossaryError(f"{path}: 'labels' must be a mapping of keys to {{zh, mn, reviewed}}")
        entries: dict[str, Entry] = {}
        for key, raw in labels.items():
            if not isinstance(raw, dict) or not isinstance(raw.get("zh"), str) or not raw["zh"].strip():
                raise GlossaryError(f"{path}: label '{key}' needs zh: its Chinese text")
            word = raw.get("mn")
            if word is not None and (not isinstance(word, str) or mongolian_text_problem(word) is not None):
                wrong = mongolian_text_problem(word) if isinstance(word, str) else "is not text"
                raise GlossaryError(f"{path}: the Mongolian word of '{key}' {wrong}")
            entries[str(key)] = Entry(raw["zh"].strip(), word.strip() if word else None, raw.get("reviewed") is True)
        return cls(entries)

    def label(self, key: str) -> Label:
        """The label `key` in Mongolian, else in Chinese.  An unknown key is a bug of the caller."""
        entry = self.entries.get(key)
        if entry is None:
            raise KeyError(f"the Mongolian glossary has no label '{key}' — add it to site_plugins/glossary/mn.yml")
        if entry.mn:
            return Label(entry.mn, MONGOLIAN, entry.reviewed)
        return Label(entry.zh, CHINESE, False)

    def __call__(self, key: str) -> Label:
        return self.label(key)

    def unreviewed(self) -> list[str]:
        """The keys whose words still wait for a native speaker (or have none yet)."""
        return sorted(key for key, entry in self.entries.items() if not entry.reviewed or not entry.mn)
