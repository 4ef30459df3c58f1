"""`disclose diff`'s result as plain text for people: one block per audience, only what changes."""

from __future__ import annotations

import re
from typing import Any

from ..i18n import N_, _
from ..vocab import SCOPE_LABELS, Scope

# Embargoed items go live on their date without another review, so they are shown apart.
SCHEDULED_NOTES = {
    "added": N_("scheduled: goes live on its date"),
    "removed": N_("no longer scheduled"),
    "changed": N_("scheduled"),
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
        rev = _("working tree") if s["rev"] == "working tree" else s["rev"]  # diff/sides.py's name for it
        return f"{rev} ({s['commit'][:10]})" if s["commit"] else str(rev)

    out = [
        _("disclose diff: {before} → {after}, at {clock}").format(
            before=side(before), after=side(after), clock=result["clock"]
        )
    ]
    for info in (before, after):
        if info["problems"]:
            out.append(
                _("\n! {side} does not build: {count} problem(s); its broken files are left out below").format(
                    side=side(info), count=len(info["problems"])
                )
            )
            out += [f"    {p}" for p in info["problems"]]
    vanished = result.get("addresses", [])
    if vanished:
        out.append(
            _("\n! {count} published address(es) would disappear without a redirect:").format(count=len(vanished))
        )
        for gone in vanished:
            seen = f"  ({', '.join(gone['audiences'])})" if gone["audiences"] else ""
            out.append(f"    {gone['address']}  {gone['title']}{seen}")
            out.append(f"      {gone['problem']}")
    numbers = result.get("numbers", [])
    if numbers:
        out.append(_("\n! {count} index number(s) (索引号) given again or changed:").format(count=len(numbers)))
        out += [f"    {problem}" for problem in numbers]
    attention = result.get("attention", [])
    if attention:
        out.append(
            _("\n? {count} published item(s) changed without a change note — a reviewer must look:").format(
                count=len(attention)
            )
        )
        for item in attention:
            out.append(f"    {item['id']}  {item['title']}  ({item['path']}; {', '.join(item['audiences'])})")
        out.append(
            _(
                "      readers see the new text with no 更新记录: add changes: [{on: YYYY-MM-DD, note: …}] unless the edit changes nothing a reader relies on"
            )
        )
    if not result["changes"]:
        out.append(_("\nNo audience sees any difference."))
        return "\n".join(out)
    previous: tuple[str, list[str]] = ("", [])
    for audience, sections in result["audiences"].items():
        lines: list[str] = []
        for section, heading in (("documents", ""), ("scheduled", ""), ("entries", _("catalog entry "))):
            part = sections[section]
            notes = {kind: _(note) for kind, note in SCHEDULED_NOTES.items()} if section == "scheduled" else {}
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
            out += lines or [_("  nothing beyond what party sees")]  # unit lists leave out the party changes
        elif lines and lines == previous[1]:
            out.append(
                _("  the same as for {previous}").format(previous=previous[0])
            )  # the intranet repeats the public changes
        else:
            out += lines or [_("  no change")]
            previous = (audience, lines)
    return "\n".join(out)


def _where(item: dict[str, Any]) -> str:
    bits = [b for b in (item.get("path"), item.get("scope"), item.get("date")) if b]
    return f"  ({', '.join(bits)})" if bits else ""
