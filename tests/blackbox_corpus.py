"""Black-box corpus for the leak test (tests/test_blackbox_leaks.py).

Written from /work/shared/SPEC.md (§3 registry, §4 catalogs, §5 items, §6 scopes and
audiences, §8 outputs) and README.md only — not from the implementation. It generates,
deterministically from a seed, a whole site (registry, one catalog per organization,
hundreds of items and pages with attachments) in which every item, page and catalog
entry carries a unique canary token, and it computes — with its own reading of the SPEC —
which canaries each audience must see and which it must never see.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

CHINA = dt.timezone(dt.timedelta(hours=8))

# --------------------------------------------------------------------------- registry
# (id, name, kind, level, sector, parent)
ORGS = [
    ("qy-dw", "中共青原自治区委员会", "committee", "region", None, None),
    ("qy-jw", "青原自治区纪委监委", "discipline", "region", None, "qy-dw"),
    ("qy-zzb", "青原自治区党委组织部", "work-organ", "region", None, "qy-dw"),
    ("qy-jyt-dz", "青原自治区教育厅党组", "party-group", "region", None, "qy-dw"),
    ("qy-dx", "中共青原自治区委员会党校", "institution", "region", None, "qy-dw"),
    ("qy-jggw", "青原自治区直属机关工作委员会", "dispatched", "region", None, "qy-dw"),
    ("qy-fgw-jgdw", "青原自治区发展和改革委员会机关党委", "grassroots", "unit", "agency", "qy-jggw"),
    ("qy-ny-dw", "中共青原能源集团有限公司委员会", "grassroots", "unit", "soe", "qy-dw"),
    ("qy-ny-fgs", "中共青原能源集团北部分公司委员会", "grassroots", "unit", "soe", "qy-ny-dw"),
    ("hs-mw", "中共黑山盟委员会", "committee", "league", None, "qy-dw"),
    ("hs-jw", "黑山盟纪委监委", "discipline", "league", None, "hs-mw"),
    ("bs-sw", "中共白水市委员会", "committee", "league", None, "qy-dw"),
    ("hs-aq-qw", "中共安乔旗委员会", "committee", "banner", None, "hs-mw"),
    ("hs-ml-qw", "中共木林旗委员会", "committee", "banner", None, "hs-mw"),
    ("hs-kfq-gw", "中共黑山经济技术开发区工作委员会", "dispatched", "banner", None, "hs-mw"),
    ("bs-dq-qw", "中共白水市东区委员会", "committee", "banner", None, "bs-sw"),
    ("aq-zzb", "中共安乔旗委组织部", "work-organ", "banner", None, "hs-aq-qw"),
    ("aq-sm1", "中共安乔旗巴音苏木委员会", "grassroots", "township", "township", "hs-aq-qw"),
    ("aq-xz2", "中共安乔旗红泉镇委员会", "grassroots", "township", "township", "hs-aq-qw"),
    ("aq-jd", "中共安乔旗新城街道工作委员会", "grassroots", "township", "township", "hs-aq-qw"),
    ("ml-sm1", "中共木林旗哈达苏木委员会", "grassroots", "township", "township", "hs-ml-qw"),
    ("dq-jd", "中共白水市东区站前街道工作委员会", "grassroots", "township", "township", "bs-dq-qw"),
    ("aq-sm1-gc1", "中共巴音苏木额尔敦嘎查支部委员会", "grassroots", "village", "village", "aq-sm1"),
    ("aq-sm1-gc2", "中共巴音苏木乌兰嘎查支部委员会", "grassroots", "village", "village", "aq-sm1"),
    ("aq-xz2-c1", "中共红泉镇东沟村支部委员会", "grassroots", "village", "village", "aq-xz2"),
    ("aq-jd-sq1", "中共新城街道阳光社区委员会", "grassroots", "village", "village", "aq-jd"),
    ("ml-sm1-gc1", "中共哈达苏木宝力格嘎查支部委员会", "grassroots", "village", "village", "ml-sm1"),
    ("dq-jd-sq1", "中共站前街道铁西社区支部委员会", "grassroots", "village", "village", "dq-jd"),
    ("aq-ry-dzb", "中共安乔旗某乳业有限公司支部委员会", "grassroots", "unit", "private", "hs-aq-qw"),
    ("aq-xh-dzb", "中共安乔旗牧业协会支部委员会", "grassroots", "unit", "social", "hs-aq-qw"),
    ("dq-yy-dw", "中共白水市东区人民医院委员会", "grassroots", "unit", "public-institution", "bs-dq-qw"),
]
ROOT = "qy-dw"
PARENT = {o[0]: o[5] for o in ORGS}
ORG_IDS = [o[0] for o in ORGS]
# the unit builds the test makes: a village, an enterprise unit, a banner
UNIT_BUILDS = ["aq-sm1-gc1", "qy-ny-fgs", "hs-aq-qw"]
# catalogs published only inside the party (SPEC §4 `scope`)
PARTY_CATALOGS = {"qy-jw", "qy-ny-fgs", "hs-ml-qw", "aq-sm1-gc1", "aq-ry-dzb", "dq-jd", "aq-xz2"}


def ancestors(org: str) -> list[str]:
    out = []
    p = PARENT[org]
    while p:
        out.append(p)
        p = PARENT[p]
    return out


def in_subtree(x: str, top: str) -> bool:
    """x is `top` or a descendant of it."""
    return x == top or top in ancestors(x)


# --------------------------------------------------------------------------- dates
def period_of(day: dt.date, period: str) -> str:
    if period == "monthly":
        return f"{day.year}-{day.month:02d}"
    if period == "quarterly":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if period == "half-yearly":
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    return f"{day.year}"


def step_back(day: dt.date, period: str, n: int) -> dt.date:
    months = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}[period] * n
    m = day.year * 12 + day.month - 1 - months
    return dt.date(m // 12, m % 12 + 1, 1)


def d(x: dt.date) -> str:
    return x.isoformat()


# --------------------------------------------------------------------------- model
@dataclass
class Thing:
    """An item or a page, with what decides who may see it."""

    canary: str
    kind: str  # "item" | "page"
    org: str | None
    scope: str
    audience: list[str] = field(default_factory=list)
    status: str = "approved"
    date: dt.date | None = None
    expires: dt.date | None = None
    path: str = ""
    ident: str = ""
    timing: str = ""
    attachments: list[str] = field(default_factory=list)

    def published(self, today: dt.date) -> bool:
        if self.kind == "page":
            return True
        return self.status == "approved" and self.date <= today

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today


@dataclass
class EntryInfo:
    canary: str
    org: str
    entry_id: str
    scope: str
    catalog_scope: str


@dataclass
class Corpus:
    root: Path
    today: dt.date
    epoch: int
    things: list[Thing]
    entries: list[EntryInfo]

    def canaries(self) -> list[str]:
        return [t.canary for t in self.things] + [e.canary for e in self.entries]


def scope_allows(scope: str, audience_list: list[str], org: str | None, build: str) -> bool:
    """SPEC §6: may build `build` ('public', 'party', 'unit:X') see this scope?"""
    if scope == "public":
        return True
    if build == "public":
        return False
    if scope == "party":
        return True
    if build == "party":
        return False
    x = build.split(":", 1)[1]
    if scope == "unit":
        return org is not None and in_subtree(x, org)
    if scope == "specific":
        return x in audience_list
    raise ValueError(scope)


def expectations(corpus: Corpus, build: str) -> tuple[dict[str, str], dict[str, str]]:
    """(must_see, must_hide): canary -> reason, for one build."""
    today = corpus.today
    see: dict[str, str] = {}
    hide: dict[str, str] = {}
    for t in corpus.things:
        label = f"{t.kind} {t.path} (scope={t.scope}, status={t.status}, date={t.date}, expires={t.expires})"
        if not t.published(today):
            hide[t.canary] = f"unpublished {label}"
            continue
        if not scope_allows(t.scope, t.audience, t.org, build):
            hide[t.canary] = f"out of scope {label}"
            continue
        if t.expired(today):
            if build == "public":
                hide[t.canary] = f"expired {label}"
            # intranet builds keep expired items as archive: no assertion either way
            continue
        see[t.canary] = f"visible {label}"
    for e in corpus.entries:
        label = f"catalog entry {e.org}/{e.entry_id} (entry scope={e.scope}, catalog scope={e.catalog_scope})"
        if build == "public" and e.catalog_scope != "public":
            if e.scope != "public":
                hide[e.canary] = f"party catalog, non-public {label}"
            # a public entry of a party-only catalog: its title may label public items,
            # the SPEC does not say whether that is allowed — no assertion
            continue
        if e.scope == "specific":
            if build in ("public", "party"):
                hide[e.canary] = f"out of scope {label}"
            continue  # which unit builds see a specific entry: not specified
        if scope_allows(e.scope, [], e.org, build):
            see[e.canary] = f"visible {label}"
        else:
            hide[e.canary] = f"out of scope {label}"
    return see, hide


# --------------------------------------------------------------------------- text
FILLER = [
    "坚持以人民为中心的发展思想，认真落实党务公开各项制度要求。",
    "各级党组织要提高政治站位，切实把党务公开工作抓紧抓实抓好。",
    "进一步健全完善工作机制，确保公开内容真实准确、及时规范。",
    "广泛听取党员和群众意见建议，主动接受党员和群众监督。",
    "紧密结合草原牧区实际，推动基层治理体系和治理能力现代化。",
    "严格落实保密审查制度，做到应公开尽公开、不应公开的坚决不公开。",
]
TOPICS = [
    "巡视整改进展情况",
    "组织生活会召开情况",
    "党费收缴使用管理情况",
    "发展党员公示",
    "重大决策部署落实情况",
    "干部任免情况",
    "党风廉政建设情况",
    "主题党日活动安排",
    "基层治理工作情况",
    "民生实事推进情况",
    "党内表彰情况",
    "学习教育开展情况",
    "问责情况通报",
    "制度建设情况",
    "联系服务群众情况",
    "集体经济发展情况",
]
ENTRY_TITLES = {
    "public": ["重大决策部署和推进落实情况", "党组织基本情况和机构设置", "领导基层治理情况", "民生实事办理情况"],
    "party": ["组织生活制度执行情况", "党内学习教育开展情况", "党费收缴使用和管理情况", "党内表彰情况"],
    "unit": ["本单位干部选拔任用情况", "发展党员各环节情况", "本单位党风廉政建设情况"],
    "specific": ["对特定党组织反馈意见情况", "对特定党员处理处分情况"],
}
PERIODS = ["monthly", "quarterly", "half-yearly", "yearly"]
METHODS = [
    "meeting",
    "document",
    "briefing",
    "intranet",
    "communique",
    "press-conference",
    "interview",
    "newspaper",
    "radio",
    "tv",
    "website",
    "new-media",
    "bulletin-board",
]
CN_DIRS = ["通知公告", "工作动态", "目录事项", "二〇二六年", "党建工作"]
CN_NAMES = ["情况通报", "工作安排", "公示名单", "实施方案", "工作总结", "整改报告"]


def body(rng: random.Random, c: str, attach: list[str]) -> str:
    f = lambda: rng.choice(FILLER)  # noqa: E731
    parts = [
        f"{f()}本事项编号为{c}，{f()}",
        "",
        f"## 一、基本情况 {c}",
        "",
        f"{f()}{f()}",
        "",
        f"1. 第一项工作：{c} 有关安排；",
        f"2. 第二项工作：{f()}",
        f"3. 第三项工作：{f()}",
        "",
        "## 二、具体内容",
        "",
        "| 序号 | 事项 | 编号 |",
        "|---|---|---|",
        f"| 1 | {rng.choice(TOPICS)} | {c} |",
        f"| 2 | {rng.choice(TOPICS)} | 无 |",
        "",
        f"- 要点：{f()}",
        f"- 标识：{c}",
        "",
        "### 三、其他事项",
        "",
        f"{f()}特此公开（{c}）。",
    ]
    if attach:
        parts += ["", "附件："] + [f"- [{a}]({a})" for a in attach]
    return "\n".join(parts) + "\n"


# minimal files with the canary inside -------------------------------------------
def pdf_bytes(text: str) -> bytes:
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def png_bytes(text: str) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"tEXt", b"Comment\x00" + text.encode())
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )


# --------------------------------------------------------------------------- writer
def q(s: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def write_md(path: Path, fm_lines: list[str], text: str, rng: random.Random, stats: dict) -> None:
    doc = "---\n" + "\n".join(fm_lines) + "\n---\n\n" + text
    path.parent.mkdir(parents=True, exist_ok=True)
    r = rng.random()
    if r < 0.12:
        doc = doc.replace("\n", "\r\n")
        stats["crlf"] += 1
    elif r < 0.24:
        doc = "\ufeff" + doc
        stats["bom"] += 1
    path.write_bytes(doc.encode("utf-8"))


class Gen:
    def __init__(self, root: Path, seed: int, today: dt.date, epoch: int):
        self.root = root
        self.rng = random.Random(seed)
        self.today = today
        self.epoch = epoch
        self.used_canaries: set[str] = set()
        self.used_paths: set[str] = set()
        self.used_covers: set[tuple] = set()
        self.things: list[Thing] = []
        self.entries: list[EntryInfo] = []
        self.catalogs: dict[str, list[dict]] = {}
        self.stats = {
            "crlf": 0,
            "bom": 0,
            "chinese_names": 0,
            "attachments": 0,
            "consultations": 0,
            "outside_catalog": 0,
            "links": 0,
            "explicit_ids": 0,
        }

    def canary(self) -> str:
        while True:
            c = "zb" + "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(10)) + "canary"
            if c not in self.used_canaries:
                self.used_canaries.add(c)
                return c

    # ---------------------------------------------------------------- registry, catalogs
    def write_registry(self) -> None:
        lines = ["# 组织机构名录（黑盒测试语料）"]
        for oid, name, kind, level, sector, parent in ORGS:
            lines += ["", f"- id: {oid}", f"  name: {name}", f"  kind: {kind}", f"  level: {level}"]
            if sector:
                lines.append(f"  sector: {sector}")
            if parent:
                lines.append(f"  parent: {parent}")
        (self.root / "catalogs").mkdir(parents=True, exist_ok=True)
        (self.root / "catalogs" / "organizations.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def write_catalogs(self) -> None:
        rng = self.rng
        combos = [
            ("public", "long-term"),
            ("public", "periodic"),
            ("public", "immediate"),
            ("party", "periodic"),
            ("party", "long-term"),
            ("party", "immediate"),
            ("unit", "long-term"),
            ("unit", "periodic"),
            ("unit", "immediate"),
            ("specific", "immediate"),
            ("specific", "periodic"),
        ]
        for oid in ORG_IDS:
            cat_scope = "party" if oid in PARTY_CATALOGS else "public"
            chosen = combos[:3] + [c for c in combos[3:] if rng.random() < 0.75]
            if not any(s == "unit" for s, _ in chosen):
                chosen.append(("unit", "long-term"))
            if not any(s == "specific" for s, _ in chosen):
                chosen.append(("specific", "immediate"))
            entries = []
            lines = [
                f"# {dict((o[0], o[1]) for o in ORGS)[oid]}党务公开目录",
                f"org: {oid}",
                "adopted_on: 2025-01-10",
                f"filed_with: {PARENT[oid] or '党中央'}",
                "filed_on: '2025-01-20'",
                f"scope: {cat_scope}",
                "entries:",
            ]
            for i, (scope, timing) in enumerate(chosen, 1):
                eid = f"e{i:02d}-{scope}-{timing}"
                c = self.canary()
                title = f"{rng.choice(ENTRY_TITLES[scope])}（{c}）"
                e = {"id": eid, "scope": scope, "timing": timing}
                lines += [
                    f"  - id: {eid}",
                    f"    title: {q(title)}",
                    f"    basis: 第十条（{i}）",
                    f"    scope: {scope}",
                    f"    timing: {timing}",
                ]
                if timing == "periodic":
                    e["period"] = rng.choice(PERIODS)
                    lines.append(f"    period: {e['period']}")
                meth = rng.sample(METHODS, rng.randint(1, 3))
                lines += [f"    methods: [{', '.join(meth)}]", "    department: 办公室", ""]
                entries.append(e)
                self.entries.append(EntryInfo(c, oid, eid, scope, cat_scope))
            self.catalogs[oid] = entries
            (self.root / "catalogs" / f"{oid}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # ---------------------------------------------------------------- items
    def item_path(self, org: str, c: str) -> str:
        rng = self.rng
        while True:
            r = rng.random()
            if r < 0.06:
                folder: list[str] = []  # top level of content/
            elif r < 0.12:
                folder = ["gongxiang", rng.choice(["tongzhi", "gonggao"])]  # shared folder
            else:
                folder = [org] + rng.sample(["2025", "2026", "zhuanti", "q3", "mulu", "xiangmu"], rng.randint(0, 3))
                if rng.random() < 0.15:
                    folder.append(rng.choice(CN_DIRS))
            if rng.random() < 0.15:
                name = rng.choice(CN_NAMES) + str(rng.randint(1, 999))
                self.stats["chinese_names"] += 1
            elif rng.random() < 0.3:
                name = f"shixiang-{c}"  # the canary in the file name itself
            else:
                name = f"item-{rng.randint(1000, 99999)}"
            p = "/".join(folder + [name + ".md"])
            if p not in self.used_paths and name not in ("index", "orgs", "data", "search", "compliance"):
                self.used_paths.add(p)
                return p

    def pick_scope(self, entry_scope: str, org: str) -> tuple[str, list[str]]:
        """An item scope not wider than the entry's (public ⊃ party ⊃ unit ⊃ specific)."""
        rng = self.rng
        order = ["public", "party", "unit", "specific"]
        choices = order[order.index(entry_scope) :]
        scope = entry_scope if rng.random() < 0.75 else rng.choice(choices)
        aud: list[str] = []
        if scope == "specific":
            if entry_scope == "unit":
                pool = [x for x in ORG_IDS if in_subtree(x, org)]
            else:
                pool = ORG_IDS
            aud = rng.sample(pool, min(len(pool), rng.randint(1, 3)))
            targets = [x for x in UNIT_BUILDS if x in pool]
            if targets and rng.random() < 0.5 and not set(aud) & set(UNIT_BUILDS):
                aud.append(rng.choice(targets))
        return scope, aud

    def make_item(self, org: str, *, force: dict | None = None) -> None:
        rng = self.rng
        force = force or {}
        c = self.canary()
        entries = self.catalogs[org]
        outside = org != ROOT and rng.random() < 0.12 and "entry" not in force
        entry = None
        if not outside:
            entry = force.get("entry") or rng.choice(entries)
        if outside:
            self.stats["outside_catalog"] += 1
            scope = force.get("scope") or rng.choice(["public", "party", "unit", "specific"])
            aud = rng.sample(ORG_IDS, rng.randint(1, 3)) if scope == "specific" else []
            timing = force.get("timing") or rng.choice(["long-term", "periodic", "immediate"])
            period = rng.choice(PERIODS) if timing == "periodic" else None
        else:
            if "scope" in force:
                scope, aud = force["scope"], force.get("audience", [])
            else:
                scope, aud = self.pick_scope(entry["scope"], org)
            timing = entry["timing"]
            period = entry.get("period")

        # status and dates
        status = force.get("status") or rng.choices(["approved", "draft", "withdrawn"], [80, 10, 10])[0]
        if "date" in force:
            date = force["date"]
        elif rng.random() < 0.08:
            date = self.today + dt.timedelta(days=rng.randint(1, 120))  # embargo
        else:
            date = dt.date(2025, 3, 1) + dt.timedelta(days=rng.randint(0, (self.today - dt.date(2025, 3, 1)).days))
        expires = force.get("expires")
        if expires is None and timing == "immediate" and "expires" not in force and rng.random() < 0.25:
            if rng.random() < 0.5 and (self.today - date).days > 3:
                expires = date + dt.timedelta(days=rng.randint(1, (self.today - date).days - 1))  # past
            else:
                expires = max(date, self.today) + dt.timedelta(days=rng.randint(5, 200))
        level = force.get("level") or rng.choices(["routine", "important", "superior"], [55, 30, 15])[0]
        if org == ROOT and level == "superior":
            level = "important"  # the root has no ancestor in the registry to approve it

        path = force.get("path") or self.item_path(org, c)
        ident = ""
        if rng.random() < 0.3 or any("\u4e00" <= ch <= "\u9fff" for ch in path):
            ident = f"bb-{org}-{c}" if rng.random() < 0.5 else f"bb-{org}-{len(self.things):04d}"
            self.stats["explicit_ids"] += 1
        t = Thing(c, "item", org, scope, aud, status, date, expires, path, ident or path[:-3], timing)

        # attachments
        if rng.random() < 0.2:
            for _ in range(rng.randint(1, 2)):
                ext = rng.choice(["pdf", "png", "txt"])
                stem = rng.choice([f"fujian-{c}", f"附件-{c}", f"{c}-shuoming"])
                name = f"{stem}-{len(t.attachments)}.{ext}"
                t.attachments.append(name)
            self.stats["attachments"] += len(t.attachments)

        fm = [f"title: {q(rng.choice(TOPICS) + '的公告 ' + c)}"]
        if ident:
            fm.append(f"id: {ident}")
        fm.append(f"org: {org}")
        if entry:
            fm.append(f"catalog: {entry['id']}")
        fm.append(f"scope: {scope}")
        if scope == "specific":
            fm.append(f"audience: [{', '.join(aud)}]")
        fm.append(f"timing: {timing}")
        if timing == "periodic":
            if outside or rng.random() < 0.3:
                fm.append(f"period: {period}")
            cov = self.pick_covers(org, entry["id"] if entry else f"out-{c}", period, date)
            fm.append(f"covers: {q(cov) if rng.random() < 0.5 else cov}")
        fm.append(f"level: {level}")
        fm.append(f"status: {status}")
        fm.append(f"date: {q(d(date)) if rng.random() < 0.3 else d(date)}")
        if expires:
            fm.append(f"expires: {d(expires)}")
        if rng.random() < 0.07 or force.get("consultation"):
            until = date + dt.timedelta(days=rng.randint(10, 60))
            fm.append(f"consultation: {{until: {d(until)}, channel: {q('电子邮箱 yijian@example.org.cn，注明' + c)}}}")
            self.stats["consultations"] += 1
        if t.attachments:
            fm.append(f"attachments: [{', '.join(t.attachments)}]")
        fm += self.approval(org, level, scope, status, date, outside)
        t._fm = fm  # type: ignore[attr-defined]
        self.things.append(t)

    def pick_covers(self, org, key, period, date) -> str:
        for n in range(0, 40):
            cov = period_of(step_back(date, period, n), period)
            if (org, key, cov) not in self.used_covers:
                self.used_covers.add((org, key, cov))
                return cov
        raise RuntimeError("no free period")

    def approval(self, org, level, scope, status, date, outside) -> list[str]:
        rng = self.rng
        if status == "withdrawn":
            # Withdrawn before it was approved: never shown, so it leaves nothing.  (An approved
            # item withdrawn leaves a notice at its address: tests/test_history_*.py.)
            return []
        if status == "draft" and rng.random() < 0.5:
            return [] if rng.random() < 0.5 else ["approval:", "  proposed_by: 办公室 某某某"]
        approved_on = date - dt.timedelta(days=rng.randint(0, 6))
        reviewed_on = approved_on - dt.timedelta(days=rng.randint(0, 6))
        lines = [
            "approval:",
            "  proposed_by: 办公室 张某某",
            "  reviewed_by: 党建办 王某某",
            f"  reviewed_on: {d(reviewed_on)}",
            "  secrecy_review: passed",
            "  approved_by: 李某某",
            f"  approved_on: {d(approved_on)}",
        ]
        if status == "draft":
            return lines[:4]  # incomplete: a draft may leave it so
        if level == "important":
            lines.append(
                "  approver_role: principal"
                if rng.random() < 0.5
                else f"  decision: {q('党委会2026年第' + str(rng.randint(1, 40)) + '次会议')}"
            )
        if level == "superior" or outside:
            sup = rng.choice(ancestors(org))
            on = d(reviewed_on + (approved_on - reviewed_on) / 2)
            form = rng.randrange(3)  # SPEC writes `on` bare; YAML 1.1 reads a bare on as true
            if form == 0:
                lines += ["  superior:", f"    org: {sup}", f'    "on": {on}']
            elif form == 1:
                lines += ["  superior:", f"    org: {sup}", f"    on: {on}"]
            else:
                lines.append(f"  superior: {{org: {sup}, on: {on}}}")
        if scope == "public" and level in ("important", "superior"):
            lines.append("  risk_assessment: 已开展风险评估，风险可控。")
        return lines

    # ---------------------------------------------------------------- links
    def add_links(self) -> None:
        rng = self.rng
        today = self.today
        ok = [t for t in self.things if t.status == "approved" and t.date <= today and t.expires is None]
        groups: dict[tuple, list[Thing]] = {}
        for t in ok:
            key = (t.scope, tuple(sorted(t.audience)), t.org if t.scope != "public" else "")
            groups.setdefault(key, []).append(t)
        for members in groups.values():
            rng.shuffle(members)
            for a, b in zip(members[0::2], members[1::2], strict=False):
                if rng.random() < 0.35:
                    kind = rng.choice(["interprets", "corrects"])
                    a._fm.insert(3, f"{kind}: {b.ident}")  # type: ignore[attr-defined]
                    self.stats["links"] += 1

    # ---------------------------------------------------------------- pages
    def make_pages(self) -> None:
        rng = self.rng
        specs = [
            ("public", None, []),
            ("public", None, []),
            ("public", None, []),
            ("party", None, []),
            ("party", None, []),
            ("party", None, []),
            ("unit", "hs-aq-qw", []),
            ("unit", "aq-sm1-gc1", []),
            ("unit", "qy-ny-fgs", []),
            ("specific", None, ["aq-sm1-gc1", "dq-yy-dw"]),
            ("specific", None, ["qy-jw"]),
            ("specific", None, ["hs-aq-qw"]),
        ]
        folders = ["", "guanyu", "shuoming/neibu", "帮助"]
        for i, (scope, org, aud) in enumerate(specs):
            c = self.canary()
            path = "/".join(p for p in [folders[i % len(folders)], f"page-{i}-{c}.md"] if p)
            fm = ["type: page", f"title: {q('说明页面 ' + c)}", f"scope: {scope}"]
            if aud:
                fm.append(f"audience: [{', '.join(aud)}]")
            if org:
                fm.append(f"org: {org}")  # a unit page names the organization whose area sees it
            self.things.append(Thing(c, "page", org, scope, aud, path=path))
            write_md(self.root / "content" / path, fm, body(rng, c, []), rng, self.stats)

    # ---------------------------------------------------------------- all
    def run(self, per_org: int) -> Corpus:
        rng = self.rng
        self.write_registry()
        self.write_catalogs()
        for org in ORG_IDS:
            for _ in range(per_org + rng.randint(-2, 2)):
                self.make_item(org)
        # boundary items at the build clock (China date `today`)
        e_pub = {
            o: next(e for e in self.catalogs[o] if e["scope"] == "public" and e["timing"] == "immediate")
            for o in ("hs-mw", "aq-sm1-gc1", "qy-dw")
        }
        for org, date, expires, status in [
            ("hs-mw", self.today, None, "approved"),  # today: published
            ("aq-sm1-gc1", self.today + dt.timedelta(days=1), None, "approved"),  # tomorrow: embargo
            (
                "qy-dw",
                self.today - dt.timedelta(days=20),
                self.today - dt.timedelta(days=1),
                "approved",
            ),  # expired yesterday
            ("hs-mw", self.today - dt.timedelta(days=20), self.today, "approved"),  # expires today: live
        ]:
            self.make_item(
                org,
                force={
                    "entry": e_pub[org],
                    "scope": "public",
                    "date": date,
                    "expires": expires,
                    "status": status,
                    "level": "routine",
                },
            )
        self.add_links()
        for t in self.things:
            if t.kind != "item":
                continue
            for a in t.attachments:
                p = self.root / "content" / Path(t.path).parent / a
                p.parent.mkdir(parents=True, exist_ok=True)
                txt = f"附件 {t.canary} attachment"
                if a.endswith(".pdf"):
                    p.write_bytes(pdf_bytes(t.canary))
                elif a.endswith(".png"):
                    p.write_bytes(png_bytes(t.canary))
                else:
                    p.write_text(txt + "\n", encoding="utf-8")
            write_md(
                self.root / "content" / t.path,
                t._fm,
                body(rng, t.canary, t.attachments),  # type: ignore[attr-defined]
                rng,
                self.stats,
            )
        self.make_pages()
        return Corpus(self.root, self.today, self.epoch, self.things, self.entries)


def generate(root: Path, seed: int, epoch: int, per_org: int = 11, project: Path | None = None) -> Corpus:
    """Write a whole site into `root`; the build clock is the China date of `epoch`."""
    today = dt.datetime.fromtimestamp(epoch, CHINA).date()
    root.mkdir(parents=True, exist_ok=True)
    if project is not None:
        shutil.copy(project / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(project / "theme", root / "theme")
    g = Gen(root, seed, today, epoch)
    corpus = g.run(per_org)
    corpus.stats = g.stats  # type: ignore[attr-defined]
    return corpus
