"""`disclose diff`'s result as plain text for people: one block per audience, only what changes."""

from __future__ import annotations

import re
from typing import Any

from ..vocab import SCOPE_LABELS, Scope

# Embargoed items go live on their date without another review, so they are shown apart.
SCHEDULED_NOTES = {
    "added": "scheduled: goes live on its date",
    "removed": "no longer scheduled",
    "changed": "scheduled",
}
AUDIENCE_LABELS = {"public": "互联网公开站点", "party": "党内（内网）站点"}


def _audience_title(audience: str) -> str:
    if audience.startswith("unit:"):
        return f"{audience} (本单位/特定对象)"
    return f"{audience} ({AUDIENCE_LABELS.get(audience, audience)})"


def _value(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{64}", value):
        return f"sha256:{value[:12]}"  # an attachment's content hash: enough to tell versions apart
    if isinstance(value, dict):
        return "; ".join(f"{k}={_value(v)}" for k, v in sorted(value.items()))
    if isinstance(value, list):
        return ", ".join(f"({_value(v)})" if isinstance(v, dict) else str(v) for v in value)
    if isinstance(value, str) and value in SCOPE_LABELS:
        return f"{value}（{Scope(value).label}）"
    return str(value)


def format_diff(result: dict[str, Any]) -> str:
    """The result of `diff_revisions` as plain text for people: one block per audience, only what changes."""
    before, after = result["before"], result["after"]

    def side(s: dict[str, Any]) -> str:
        return f"{s['rev']} ({s['commit'][:10]})" if s["commit"] else str(s["rev"])

    out = [f"disclose diff: {side(before)} → {side(after)}, at {result['clock']}"]
    for info in (before, after):
        if info["problems"]:
            out.append(
                f"\n! {side(info)} does not build: {len(info['problems'])} problem(s); "
                "its broken files are left out below"
            )
            out += [f"    {p}" for p in info["problems"]]
    vanished = result.get("addresses", [])
    if vanished:
        out.append(f"\n! {len(vanished)} published address(es) would disappear without a redirect:")
        for gone in vanished:
            seen = f"  ({', '.join(gone['audiences'])})" if gone["audiences"] else ""
            out.append(f"    {gone['address']}  {gone['title']}{seen}")
            out.append(f"      {gone['problem']}")
    numbers = result.get("numbers", [])
    if numbers:
        out.append(f"\n! {len(numbers)} index number(s) (索引号) given again or changed:")
        out += [f"    {problem}" for problem in numbers]
    attention = result.get("attention", [])
    if attention:
        out.append(f"\n? {len(attention)} published item(s) changed without a change note — a reviewer must look:")
        for item in attention:
            out.append(f"    {item['id']}  {item['title']}  ({item['path']}; {', '.join(item['audiences'])})")
        out.append(
            "      readers see the new text with no 更新记录: add changes: [{on: YYYY-MM-DD, note: …}] "
            "unless the edit changes nothing a reader relies on"
        )
    if not result["changes"]:
        out.append("\nNo audience sees any difference.")
        return "\n".join(out)
    previous: tuple[str, list[str]] = ("", [])
    for audience, sections in result["audiences"].items():
        lines: list[str] = []
        for section, heading in (("documents", ""), ("scheduled", ""), ("entries", "catalog entry ")):
            part = sections[section]
            notes = SCHEDULED_NOTES if section == "scheduled" else {}
            for sign, kind in (("+", "added"), ("-", "removed")):
                for item in part[kind]:
                    tags = [t for t in (item.get("why"), notes.get(kind)) if t]
                    tag = f" [{'; '.join(tags)}]" if tags else ""
                    lines.append(f"  {sign} {heading}{item['id']}  {item['title']}{_where(item)}{tag}")
            for item in part["changed"]:
                tag = f" [{notes['changed']}]" if notes else ""
                lines.append(f"  ~ {heading}{item['id']}  {item['title']}: {', '.join(item['fields'])}{tag}")
                for field_name in item["before"]:
                    lines.append(
                        f"      {field_name}: {_value(item['before'][field_name])} → {_value(item['after'][field_name])}"
                    )
                lines += [f"      | {line}" for line in item.get("body_diff", [])]
        out.append(f"\n{_audience_title(audience)}:")
        if audience.startswith("unit:"):
            out += lines or ["  nothing beyond what party sees"]  # unit lists leave out the party changes
        elif lines and lines == previous[1]:
            out.append(f"  the same as for {previous[0]}")  # the intranet repeats the public changes
        else:
            out += lines or ["  no change"]
            previous = (audience, lines)
    return "\n".join(out)


def _where(item: dict[str, Any]) -> str:
    bits = [b for b in (item.get("path"), item.get("scope"), item.get("date")) if b]
    return f"  ({', '.join(bits)})" if bits else ""
