"""Write small, valid disclosure sites into a folder, for tests to break or build.

`SiteWriter` starts from a tiny registry (region → league → banner → township → village,
plus a unit) with one catalog per organization whose entries cover every scope and
timing; `item(...)` writes a valid approved item, keyword arguments override fields.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent

ORGS = [
    {"id": "region", "name": "测试自治区党委", "kind": "committee", "level": "region"},
    {"id": "league", "name": "测试盟委", "kind": "committee", "level": "league", "parent": "region"},
    {"id": "banner", "name": "测试旗委", "kind": "committee", "level": "banner", "parent": "league"},
    {
        "id": "town",
        "name": "测试镇党委",
        "kind": "grassroots",
        "level": "township",
        "sector": "township",
        "parent": "banner",
    },
    {
        "id": "village",
        "name": "测试嘎查党支部",
        "kind": "grassroots",
        "level": "village",
        "sector": "village",
        "parent": "town",
    },
    {"id": "soe", "name": "测试国企党委", "kind": "grassroots", "level": "unit", "sector": "soe", "parent": "region"},
]

ENTRIES = [
    {
        "id": "pub-long",
        "title": "公开长期事项",
        "basis": "第八条（九）",
        "scope": "public",
        "timing": "long-term",
        "methods": ["website"],
        "department": "办公室",
    },
    {
        "id": "pub-now",
        "title": "公开随时事项",
        "basis": "第八条（三）",
        "scope": "public",
        "timing": "immediate",
        "methods": ["website"],
        "department": "办公室",
    },
    {
        "id": "pub-q",
        "title": "公开季度事项",
        "basis": "第八条（六）",
        "scope": "public",
        "timing": "periodic",
        "period": "quarterly",
        "methods": ["website"],
        "department": "办公室",
    },
    {
        "id": "party-long",
        "title": "党内长期事项",
        "basis": "第十条（五）",
        "scope": "party",
        "timing": "long-term",
        "methods": ["meeting"],
        "department": "组织部",
    },
    {
        "id": "party-m",
        "title": "党内月度事项",
        "basis": "第十条（四）",
        "scope": "party",
        "timing": "periodic",
        "period": "monthly",
        "methods": ["document"],
        "department": "组织部",
    },
    {
        "id": "unit-long",
        "title": "本单位长期事项",
        "basis": "第十条（六）",
        "scope": "unit",
        "timing": "long-term",
        "methods": ["intranet"],
        "department": "办公室",
    },
    {
        "id": "spec-now",
        "title": "特定对象事项",
        "basis": "第十条（七）",
        "scope": "specific",
        "timing": "immediate",
        "methods": ["document"],
        "department": "纪委",
    },
]

APPROVAL = {
    "proposed_by": "办公室",
    "reviewed_by": "审核人",
    "reviewed_on": "2026-03-01",
    "secrecy_review": "passed",
    "approved_by": "审批人",
    "approved_on": "2026-03-02",
}

CLOCK = dt.date(2026, 11, 20)
# The site engine's own command (`python -m mkdocs` or `python -m properdocs`): tests that
# run "plain mkdocs build" run whichever engine this environment builds with.
ENGINE_COMMAND = [sys.executable, "-m", __import__("site_plugins.engine", fromlist=["NAME"]).NAME]
CLOCK_EPOCH = str(int(dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC).timestamp()))


class _Dumper(yaml.SafeDumper):
    """Writes a value shared by two places out in full each time: the loader refuses aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


class SiteWriter:
    """A disclosure site in a temporary folder."""

    def __init__(self, root: Path, orgs: list[dict] | None = None, entries: list[dict] | None = None):
        self.root = root
        self.orgs = orgs or ORGS
        (root / "content").mkdir(parents=True, exist_ok=True)
        (root / "catalogs").mkdir(parents=True, exist_ok=True)
        self.write("catalogs/organizations.yml", dump(self.orgs))
        for org in self.orgs:
            self.catalog(org["id"], entries=entries or ENTRIES)
        self.write("content/index.md", "---\ntype: page\nscope: public\ntitle: 首页\n---\n\n欢迎。\n")
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(REPO / "theme", root / "theme", dirs_exist_ok=True)

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def catalog(self, org: str, entries: list[dict] | None = None, **fields: Any) -> Path:
        parent = next((o.get("parent") for o in self.orgs if o["id"] == org), None)
        data = {
            "org": org,
            "adopted_on": "2026-01-10",
            "filed_with": parent or "党中央",
            "filed_on": "2026-01-15",
            "scope": "public",
            "entries": entries if entries is not None else ENTRIES,
        }
        data.update(fields)
        return self.write(f"catalogs/{org}.yml", dump(data))

    def item_fields(self, org: str = "region", entry: str | None = "pub-long", **overrides: Any) -> dict:
        spec = next((e for e in ENTRIES if e["id"] == entry), ENTRIES[0])
        fields: dict[str, Any] = {
            "title": "测试事项",
            "org": org,
            "catalog": entry,
            "scope": spec["scope"],
            "timing": spec["timing"],
            "level": "routine",
            "status": "approved",
            "date": "2026-03-05",
            "approval": dict(APPROVAL),
        }
        if spec["timing"] == "periodic":
            fields["covers"] = {"quarterly": "2026-Q3", "monthly": "2026-10"}[spec["period"]]
        if spec["scope"] == "specific":
            fields["audience"] = ["village"]
        if entry is None:
            fields.pop("catalog")
            fields["approval"]["superior"] = {"org": "region" if org != "region" else "党中央", "on": "2026-03-02"}
        fields.update(overrides)
        return {k: v for k, v in fields.items() if v is not None}

    def item(self, rel: str, body: str = "正文。", **overrides: Any) -> Path:
        fields = self.item_fields(**overrides)
        return self.write(f"content/{rel}", "---\n" + dump(fields) + "---\n\n" + body + "\n")


def copy_sample(target: Path) -> Path:
    """The repository's sample site (content, catalogs, theme, mkdocs.yml) copied into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("content", "catalogs", "theme"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


def build(root: Path, audience: str = "public", epoch: str = CLOCK_EPOCH) -> Path:
    """Build one audience with the real CLI code path; returns site/<slug>."""
    from site_plugins.cli import build_one

    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        name, error = build_one(str(root), audience, "mkdocs.yml", quiet=True)
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    if error:
        raise AssertionError(f"build {audience} failed: {error}")
    slug = name.replace(":", "-")
    return root / "site" / slug


def output_text(site_dir: Path) -> dict[str, str]:
    """Every file of a build as text (gzip members decompressed, binary decoded loosely)."""
    import gzip
    import json

    from site_plugins.plugins.search import FRAGMENT_SIGNATURE, text_of_bigrams

    texts: dict[str, str] = {}
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # sitemap.xml.gz, and any other compressed index
            data = gzip.decompress(data)
        if path.suffix == ".pf_fragment" and data.startswith(FRAGMENT_SIGNATURE):
            # A search result record: its content is stored as encoded bigram words, so add
            # the plain text back, or a scan for a hidden item's words would miss the index.
            record = json.loads(data[len(FRAGMENT_SIGNATURE) :])
            data = (json.dumps(record, ensure_ascii=False) + "\n" + text_of_bigrams(record.get("content", ""))).encode()
        texts[path.relative_to(site_dir).as_posix()] = data.decode("utf-8", errors="replace")
    return texts


def published_of(site_dir: Path) -> dict[str, dt.date]:
    """Each item's date by its page URL (`region/2026/a/`), as the plugin passes them to the
    search index: read from the build's own data/items.json."""
    import json
    from urllib.parse import urlsplit

    items = json.loads((site_dir / "data" / "items.json").read_text("utf-8"))["items"]
    return {urlsplit(item["url"]).path.lstrip("/"): dt.date.fromisoformat(item["date"]) for item in items}
