"""Compare Material's lunr search (jieba-segmented) with Pagefind on a realistic Chinese corpus.

Writes a disclosure site of N items (default 5,000) with a generator of plausible
party-affairs texts, builds it twice through the real MkDocs code path — once with
Material's `search` plugin (`lang: zh`, jieba), once with the Pagefind integration —
then measures, per engine:

* the size of the index on disk (raw and gzip, file count) and the build time;
* what a reader's browser downloads for a first query (headless Chromium over a local
  http.server, every response recorded: bytes on the wire, by file — for Pagefind, every
  response after the query is submitted on the home page that the home page had not
  already loaded);
* result quality: for a fixed list of Chinese queries, how many of the items that
  contain the query words (the ground truth, computed from the generated sources) are
  found (recall), and how many of the first ten results really contain them.

Usage:  .venv/bin/python bench/search_compare.py [--items 5000] [--out build/search-bench]
Prints a Markdown table (copied into docs/search.md) and writes results.json.

        .venv/bin/python bench/search_compare.py --region 20000 [--queries 巡察整改 ...]
generates the region of bench/generate.py instead (its items are in every scope; only the
public build is made), and measures the first search of each query there (no quality
figures: that corpus has no ground truth here).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import random
import shutil
import socketserver
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

EPOCH = "1795000000"  # 2026-11-18: every generated item is dated before it

LEAGUES = [
    "呼和浩特",
    "包头",
    "呼伦贝尔",
    "兴安",
    "通辽",
    "赤峰",
    "锡林郭勒",
    "乌兰察布",
    "鄂尔多斯",
    "巴彦淖尔",
    "乌海",
    "阿拉善",
]
BANNER_NAMES = [
    "正蓝",
    "正镶白",
    "镶黄",
    "太仆寺",
    "多伦",
    "阿巴嘎",
    "苏尼特左",
    "苏尼特右",
    "东乌珠穆沁",
    "西乌珠穆沁",
    "土默特左",
    "托克托",
    "和林格尔",
    "清水河",
    "武川",
    "达尔罕茂明安联合",
    "固阳",
    "莫力达瓦",
    "鄂伦春",
    "陈巴尔虎",
    "新巴尔虎左",
    "新巴尔虎右",
    "科尔沁右翼前",
    "扎赉特",
    "突泉",
    "科尔沁左翼中",
    "开鲁",
    "库伦",
    "奈曼",
    "扎鲁特",
    "阿鲁科尔沁",
    "巴林左",
    "巴林右",
    "林西",
    "克什克腾",
    "翁牛特",
    "喀喇沁",
    "宁城",
    "敖汉",
    "卓资",
    "化德",
    "商都",
    "兴和",
    "凉城",
    "察哈尔右翼前",
    "四子王",
    "达拉特",
    "准格尔",
    "鄂托克前",
    "鄂托克",
    "杭锦",
    "乌审",
    "伊金霍洛",
    "五原",
    "磴口",
    "乌拉特前",
    "乌拉特中",
    "杭锦后",
    "阿拉善左",
    "阿拉善右",
    "额济纳",
]
TOWN_WORDS = [
    "上都",
    "桑根达来",
    "哈毕日嘎",
    "宝绍岱",
    "那日图",
    "扎格斯台",
    "赛音呼都嘎",
    "黑城子",
    "五一",
    "乌兰",
    "宝力根",
    "巴彦",
    "查干",
    "额尔敦",
    "白音",
    "阿拉坦",
    "呼格吉勒",
    "其其格",
    "塔拉",
    "锡林",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文"

# Topics: (catalog entry id, entry title, scope, timing, period, title pattern, sentences).
# Sentences are plausible report prose; {org} {year} {n} {m} {person} {place} are filled in.
TOPICS: list[tuple[str, str, str, str, str | None, str, list[str]]] = [
    (
        "xunshi",
        "巡视巡察整改情况",
        "public",
        "periodic",
        "quarterly",
        "{org}关于{year}年第{q}季度巡视整改进展情况的通报",
        [
            "截至{m}月底，巡视反馈的{n}个问题已完成整改{k}个，其余问题正在按计划推进。",
            "{org}把巡视整改作为重大政治任务，成立整改工作领导小组，由主要负责同志担任组长。",
            "针对巡视指出的基层党组织软弱涣散问题，开展集中整顿，建立台账，逐项销号。",
            "对巡视移交的问题线索，纪检监察机关已全部办结，给予党纪政务处分{k}人。",
            "健全巡视整改日常监督机制，将整改落实情况纳入年度党建工作考核。",
            "欢迎社会各界对巡视整改落实情况进行监督，意见建议可通过信访渠道反映。",
        ],
    ),
    (
        "dangfei",
        "党费收缴、使用和管理情况",
        "party",
        "periodic",
        "yearly",
        "{org}{year}年度党费收缴使用管理情况",
        [
            "{year}年，各党支部按规定标准足额收缴党费，党员按月交纳党费率达到百分之百。",
            "全年党费收缴{n}万元，按规定比例上缴{k}万元，其余留存用于基层党组织活动。",
            "党费使用坚持专款专用，主要用于订阅党报党刊、慰问困难党员和开展党员教育培训。",
            "党费收缴使用管理情况每年在党内通报一次，自觉接受党员监督。",
            "对党费交纳基数核定不准确的情况，已逐人核对并补交到位。",
        ],
    ),
    (
        "fazhan",
        "发展党员工作情况",
        "party",
        "long-term",
        None,
        "{org}关于发展党员对象的公示",
        [
            "经党支部研究，拟将{person}同志列为发展对象，现予以公示，公示期为五个工作日。",
            "{person}，{sex}，{age}岁，{edu}学历，{year}年提出入党申请，{year2}年被确定为入党积极分子。",
            "公示期间，党员和群众可通过来信、来电、来访等方式反映情况，反映问题应实事求是。",
            "发展党员工作严格按照“坚持标准、保证质量、改善结构、慎重发展”的方针进行。",
            "培养考察期间，该同志积极参加组织生活，在乡村振兴和基层治理工作中表现突出。",
        ],
    ),
    (
        "ganbu",
        "干部任免事项",
        "public",
        "immediate",
        None,
        "{org}干部任前公示（{year}年第{k}批）",
        [
            "根据干部选拔任用工作有关规定，经{org}常委会研究，现将拟任职干部予以任前公示。",
            "{person}，{sex}，{age}岁，现任{place}党委副书记，拟任{place}党委书记。",
            "公示期间，如对公示对象有异议，请以书面、电话或来访等形式向组织部门反映。",
            "干部选拔任用坚持好干部标准，突出政治标准，树立重实干重实绩的用人导向。",
            "受理单位将对反映的问题认真调查核实，并为反映人保密。",
        ],
    ),
    (
        "zhutidangri",
        "主题党日活动安排",
        "public",
        "periodic",
        "monthly",
        "{place}党支部{year}年{m}月主题党日活动安排",
        [
            "本月主题党日以“学习贯彻党的创新理论、推动基层治理”为主题，全体党员参加。",
            "活动内容包括集中学习、党员志愿服务、交纳党费和组织生活会。",
            "党员志愿服务队深入{place}开展人居环境整治和政策宣讲活动。",
            "因病或外出不能参加的党员，应向党支部书记请假，并于会后补学。",
            "主题党日活动做到有计划、有记录、有效果，接受党员群众评议。",
        ],
    ),
    (
        "caoyuan",
        "草原生态保护和防火工作",
        "public",
        "immediate",
        None,
        "{org}关于做好{year}年草原防火工作的通知",
        [
            "当前正值春季草原防火关键期，气温回升快，大风天气多，草原火险等级高。",
            "各嘎查党支部要组织党员防火先锋队，落实网格化巡查，严防火种进入草原。",
            "禁止在草原上野外用火，对违规用火行为依法依规严肃处理。",
            "草原生态保护补助奖励政策资金{n}万元已全部发放到户，接受群众监督。",
            "牧民群众发现火情请立即拨打防火电话报告，做到打早、打小、打了。",
            "落实草畜平衡和禁牧休牧制度，推进退化草原修复，筑牢我国北方重要生态安全屏障。",
        ],
    ),
    (
        "lianzheng",
        "党风廉政建设情况",
        "public",
        "periodic",
        "yearly",
        "{org}{year}年度党风廉政建设工作情况",
        [
            "{org}认真履行全面从严治党主体责任，召开党风廉政建设专题会议{k}次。",
            "严格落实中央八项规定及其实施细则精神，查处违反八项规定精神问题{n}起。",
            "深化整治群众身边不正之风和腐败问题，聚焦惠民惠农财政补贴资金开展专项治理。",
            "运用监督执纪“四种形态”处理{n}人次，其中第一种形态占比{pct}%。",
            "开展廉政警示教育，组织党员干部观看警示教育片，旁听庭审。",
        ],
    ),
    (
        "zhenxing",
        "乡村振兴和基层治理",
        "public",
        "long-term",
        None,
        "{place}{year}年乡村振兴重点任务落实情况",
        [
            "{place}立足资源禀赋，发展肉牛肉羊养殖和奶业，带动{n}户农牧民增收。",
            "实施“党支部+合作社+农牧户”模式，村集体经济收入达到{k}万元。",
            "推进嘎查村“四议两公开”工作法，重大事项由村民代表会议决定并公开。",
            "完善网格化管理，{n}名党员联系服务{k}户群众，及时化解矛盾纠纷。",
            "巩固拓展脱贫攻坚成果，防止规模性返贫，落实监测帮扶措施。",
            "建设美丽乡村，完成危房改造和饮水安全工程，改善人居环境。",
        ],
    ),
    (
        "sanhui",
        "“三会一课”和组织生活会",
        "party",
        "periodic",
        "quarterly",
        "{place}党支部{year}年第{q}季度“三会一课”落实情况",
        [
            "本季度召开支部党员大会{k}次、支部委员会{n}次、党小组会{k}次，讲党课{k}次。",
            "组织生活会上，支部班子和党员逐一开展批评和自我批评，查摆问题{n}条。",
            "民主评议党员工作中，评定优秀党员{k}名、合格党员{n}名。",
            "对照检查材料经上级党组织审核后在党内通报，整改措施逐项落实。",
        ],
    ),
    (
        "mulu",
        "党务公开目录",
        "public",
        "long-term",
        None,
        "{org}党务公开目录（{year}年修订）",
        [
            "根据党务公开条例和自治区实施细则，{org}编制党务公开目录，经常委会讨论通过。",
            "目录明确公开事项、公开范围、公开时限、公开方式和责任部门。",
            "党务公开目录报上一级党组织备案，并根据工作需要及时调整。",
            "涉及党员和群众切身利益的事项，应当向社会公开或者在党内公开。",
        ],
    ),
]
FILLER = [
    "{org}将坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神。",
    "各级党组织要提高政治站位，压实工作责任，确保各项任务落到实处。",
    "对工作中发现的问题，要建立问题清单、任务清单、责任清单，限期整改到位。",
    "广大党员干部要发挥先锋模范作用，密切联系群众，切实解决群众急难愁盼问题。",
    "有关工作进展情况将适时予以公开，接受党员和群众监督。",
    "铸牢中华民族共同体意识，促进各民族交往交流交融。",
    "加强意识形态工作，落实网络意识形态工作责任制。",
    "推动高质量发展，在建设国家重要能源和战略资源基地上展现新作为。",
    "做好防沙治沙和黄河流域生态保护工作，打好“三北”工程攻坚战。",
    "严格执行请示报告制度，重大事项及时向上级党组织请示报告。",
]
EDU = ["大学", "大专", "高中", "研究生", "中专"]

# Queries a reader would type; the truth is every item whose title or body contains all words.
QUERIES = [
    "巡视整改",
    "党费收缴",
    "发展对象",
    "草原防火",
    "乡村振兴",
    "八项规定",
    "主题党日",
    "组织生活会",
    "意识形态",
    "网格化",
    "肉牛",
    "党费",
    "集体经济",
    "草原 禁牧",
    "公示期",
    "警示教育",
    "任前公示",
    "三北",
    "人居环境",
    "锡林郭勒",
    # Unspaced queries of several words (issue 11): readers do not type spaces.
    "巡视整改通报",
    "草原禁牧",
    "乡村振兴集体经济",
    "意识形态警示教育",
]


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "某某"


def generate(root: Path, items: int, seed: int = 4) -> dict[str, str]:
    """Write a site with `items` items; returns {url: title + body text} for ground truth."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / "content").mkdir(parents=True)
    (root / "catalogs").mkdir()
    orgs = [{"id": "nmg-dw", "name": "中共内蒙古自治区委员会", "kind": "committee", "level": "region"}]
    for li, league in enumerate(LEAGUES):
        lid = f"l{li:02d}"
        orgs.append(
            {"id": lid, "name": f"中共{league}市委员会", "kind": "committee", "level": "league", "parent": "nmg-dw"}
        )
        for bi, banner in enumerate(BANNER_NAMES[li * 5 : li * 5 + 5]):
            bid = f"{lid}b{bi}"
            orgs.append(
                {"id": bid, "name": f"中共{banner}旗委员会", "kind": "committee", "level": "banner", "parent": lid}
            )
            for ti in range(2):
                town = rng.choice(TOWN_WORDS)
                orgs.append(
                    {
                        "id": f"{bid}t{ti}",
                        "name": f"中共{banner}旗{town}镇委员会",
                        "kind": "grassroots",
                        "level": "township",
                        "sector": "township",
                        "parent": bid,
                    }
                )
    (root / "catalogs" / "organizations.yml").write_text(
        yaml.safe_dump(orgs, allow_unicode=True, sort_keys=False), "utf-8"
    )
    parent = {o["id"]: o.get("parent") for o in orgs}
    # Every entry public: this benchmark measures one build's index, not the audience policy.
    entries = [
        {
            "id": t[0],
            "title": t[1],
            "basis": "第十条（五）",
            "scope": "public",
            "timing": t[3],
            **({"period": t[4]} if t[4] else {}),
            "methods": ["website"],
            "department": "办公室",
        }
        for t in TOPICS
    ]
    for org in orgs:
        catalog = {
            "org": org["id"],
            "adopted_on": "2026-01-10",
            "filed_with": parent[org["id"]] or "党中央",
            "filed_on": "2026-01-15",
            "scope": "public",
            "entries": entries,
        }
        (root / "catalogs" / f"{org['id']}.yml").write_text(
            yaml.safe_dump(catalog, allow_unicode=True, sort_keys=False), "utf-8"
        )
    (root / "content" / "index.md").write_text(
        "---\ntype: page\nscope: public\ntitle: 党务公开\n---\n\n基准测试站点。\n", "utf-8"
    )
    truth: dict[str, str] = {}
    covers_used: set[tuple[str, str, str]] = set()
    for n in range(items):
        org = rng.choice(orgs)
        entry_id, _, _scope, timing, period, title_pattern, sentences = rng.choice(TOPICS)
        year = rng.choice([2024, 2025, 2026])
        month = rng.randint(1, 10 if year == 2026 else 12)
        quarter = (month - 1) // 3 + 1
        place = org["name"].removeprefix("中共").removesuffix("委员会")
        covers = {"quarterly": f"{year}-Q{quarter}", "monthly": f"{year}-{month:02d}", "yearly": f"{year}"}.get(
            period or ""
        )
        if covers and (org["id"], entry_id, covers) in covers_used:
            timing, period, covers, entry_id = "long-term", None, None, "mulu"
        if covers:
            covers_used.add((org["id"], entry_id, covers))

        def fill(
            text: str, org: dict = org, year: int = year, quarter: int = quarter, month: int = month, place: str = place
        ) -> str:
            return text.format(
                org=org["name"],
                year=year,
                year2=year + 1,
                q=quarter,
                m=month,
                n=rng.randint(3, 300),
                k=rng.randint(1, 40),
                pct=rng.randint(50, 90),
                person=_person(rng),
                place=place,
                sex=rng.choice("男女"),
                age=rng.randint(22, 55),
                edu=rng.choice(EDU),
            )

        title = fill(title_pattern)
        paragraphs = []
        for section in range(rng.randint(2, 5)):
            chosen = rng.sample(sentences, k=min(len(sentences), rng.randint(2, 4))) + rng.sample(
                FILLER, k=rng.randint(1, 3)
            )
            rng.shuffle(chosen)
            paragraphs.append(
                f"## {'一二三四五'[section]}、{fill(rng.choice(sentences))[:12]}\n\n" + "".join(fill(s) for s in chosen)
            )
        body = "\n\n".join(paragraphs)
        date = f"{year}-{month:02d}-{rng.randint(10, 28):02d}"
        fields = {
            "title": title,
            "org": org["id"],
            "catalog": entry_id,
            "scope": "public",
            "timing": timing,
            "level": "routine",
            "status": "approved",
            "date": date,
            "approval": {
                "proposed_by": "办公室",
                "reviewed_by": "审核人",
                "reviewed_on": date,
                "secrecy_review": "passed",
                "approved_by": "审批人",
                "approved_on": date,
            },
        }
        if covers:
            fields["covers"] = covers
        rel = f"{org['id']}/{year}/item-{n:05d}.md"
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n", "utf-8"
        )
        truth[rel[:-3] + "/"] = title + "\n" + body
    return truth


def write_config(root: Path, engine: str) -> None:
    """mkdocs.yml of the repository, with the search lines set for one engine."""
    lines = [
        line for line in (REPO / "mkdocs.yml").read_text("utf-8").splitlines() if not line.strip().startswith("search:")
    ]
    out: list[str] = []
    for line in lines:
        out.append(line)
        if line.strip() == "plugins:" and engine == "material":
            out += ["  - search:", "      lang: zh"]
        if line.strip() == "- disclosure:":
            out.append(f"      search: {'none' if engine == 'material' else 'pagefind'}")
    if (root / "theme").exists():
        shutil.rmtree(root / "theme")
    shutil.copytree(REPO / "theme", root / "theme")
    if engine == "material":
        # Material's own header search box, as it was before the Pagefind integration.
        for name in ("header.html", "search.html"):
            (root / "theme" / "partials" / name).unlink(missing_ok=True)
    (root / "mkdocs.yml").write_text("\n".join(out) + "\n", "utf-8")


def pagefind_own_chinese(site: Path) -> float | None:
    """Index the same item pages with Pagefind's own Chinese support (extended binary, jieba).

    Written to site/pagefind-zh/; None when pagefind-bin-extended is not installed.
    """
    import subprocess

    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        return None
    start = time.perf_counter()
    subprocess.run(
        [
            str(get_executable()),
            "--site",
            str(site),
            "--output-subdir",
            "pagefind-zh",
            "--silent",
            "--exclude-selectors",
            ".disclosure-meta, .disclosure-note",
        ],
        check=True,
    )
    return time.perf_counter() - start


def build(root: Path) -> float:
    from site_plugins.cli import build_one

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    start = time.perf_counter()
    _, error = build_one(str(root), "public", "mkdocs.yml", quiet=True)
    if error:
        raise SystemExit(f"build failed: {error}")
    return time.perf_counter() - start


def folder_size(paths: list[Path]) -> tuple[int, int, int]:
    raw = packed = count = 0
    for path in paths:
        for file in [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()):
            data = file.read_bytes()
            raw += len(data)
            # Pagefind's files are gzip already; lunr's JSON would be gzip-compressed by the server.
            packed += len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 6))
            count += 1
    return raw, packed, count


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _contains(text: str, query: str) -> bool:
    """The text holds each space-separated part of the query as written (the phrase truth)."""
    return all(word in text for word in query.split())


@functools.cache
def _words(query: str) -> tuple[str, ...]:
    """The words of a query as jieba segments it (the word truth: 巡视整改通报 → 巡视 整改 通报)."""
    import jieba

    jieba.setLogLevel(60)
    return tuple(word for part in query.split() for word in jieba.lcut(part) if word.strip())


def _has_words(text: str, query: str) -> bool:
    return all(word in text for word in _words(query))


def measure_browser(site: Path, engine: str, truth: dict[str, str]) -> dict:
    """First-query download and result quality, in headless Chromium as a reader would search."""
    from playwright.sync_api import sync_playwright

    result: dict = {"queries": {}}
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        transfers: list[str] = []
        page.on("requestfinished", lambda r: transfers.append(r.url))
        # A reader's journey from a cold cache: open the home page, type the first query.
        started = time.perf_counter()
        page.goto(base, wait_until="domcontentloaded")
        if engine == "material":
            page.fill("input.md-search__input", QUERIES[0])
            page.keyboard.press("End")
            page.wait_for_selector(".md-search-result__item", timeout=300000)
            searchy = ("search/", "assets/javascripts/workers/", "assets/javascripts/lunr/")
        elif engine == "pagefind":
            first = first_search(page, base, QUERIES[0])  # from the home page again: its files are cached
            result.update(
                {
                    "first_query_seconds": first["seconds"],
                    "first_query_files": sorted(first["files"]),
                    "first_query_bytes": first["bytes"],
                    "first_query_gzip_bytes": first["gzip_bytes"],
                    "first_query_file_bytes": first["files"],
                }
            )
            # The header box's instant results, from a cold cache too (a browser context of its own).
            cold = browser.new_context().new_page()
            instant = first_search(cold, base, QUERIES[0], instant=True)
            cold.context.close()
            result.update(
                {
                    "instant_seconds": instant["seconds"],
                    "instant_bytes": instant["bytes"],
                    "instant_gzip_bytes": instant["gzip_bytes"],
                    "instant_file_bytes": instant["files"],
                }
            )
        else:  # Pagefind's own Chinese, through its API from a page in <html lang="zh">
            page.wait_for_load_state("networkidle")
            transfers.clear()
            page.evaluate(
                """async (q) => { const pf = await import('/pagefind-zh/pagefind.js');
                                           await pf.search(q); }""",
                QUERIES[0],
            )
            searchy = ("pagefind-zh/",)
        if engine != "pagefind":
            result["first_query_seconds"] = round(time.perf_counter() - started, 2)
            page.wait_for_load_state("networkidle")
            files = sorted({url.replace(base, "").split("?")[0] for url in transfers})
            files = [f for f in files if f.startswith(searchy)]
            result["first_query_files"] = files
            result["first_query_bytes"], result["first_query_gzip_bytes"] = _wire_sizes(site, files)
        else:
            page.goto(base + "search/", wait_until="networkidle")  # where the query helpers live
        for query in QUERIES:
            # The truth: every item that holds all words of the query (jieba's words; for a
            # one-word query that is usually the word itself, or its jieba parts).
            expected = {url for url, text in truth.items() if _has_words(text, query)}
            phrase = {url for url, text in truth.items() if _contains(text, query)}
            pages = _material_query(page, query) if engine == "material" else _pagefind_query(page, query, engine)
            items = [url for url in pages if url in truth]
            # Items that hold the query as written come first: no other item before the last of them.
            last_phrase = max((i for i, url in enumerate(items) if url in phrase), default=-1)
            result["queries"][query] = {
                "truth": len(expected),
                "phrase_truth": len(phrase),
                "phrase_recall": round(len(phrase & set(items)) / len(phrase), 3) if phrase else None,
                "phrase_first": all(url in phrase for url in items[: last_phrase + 1]),
                "found_pages": len(pages),
                "found_items": len(items),
                "recall": round(len(expected & set(items)) / len(expected), 3) if expected else None,
                "wrong_items": len(set(items) - expected),
                "top10_correct": sum(1 for url in pages[:10] if url in expected),
                "top10": min(10, len(pages)),
            }
        browser.close()
    return result


# Pagefind's index files are gzip-compressed already: a server sends them as they are.
PRECOMPRESSED = (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter", ".pagefind")


def first_search(page, base: str, query: str, instant: bool = False) -> dict:
    """A reader's first search from a cold cache: open the home page, search `query` in the header box.

    Every response after the query is submitted is counted, except what the home page had
    loaded already (Material's styles and scripts: in the browser's cache by then) — the
    search page, search.js, Pagefind's files, and whatever else the search would fetch.
    "bytes" is the size of each body as http.server sends it; "gzip_bytes" what a server
    compressing text would send (gzip -6; Pagefind's index files count as they are).
    """
    responses: list = []
    page.goto(base, wait_until="networkidle")
    page.on("response", lambda response: responses.append(response))
    cached = {
        url.replace(base, "")
        for url in page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
    } | {""}
    started = time.perf_counter()
    page.fill("form.disclosure-search input[name=q]", query)
    # instant: the header box's own results as the reader types (no Enter, no search page).
    message = ".disclosure-search__count" if instant else ".pagefind-ui__message"
    shown = ".disclosure-search__item" if instant else ".pagefind-ui__result"
    if not instant:
        page.keyboard.press("Enter")
    # Done when the list says how many it found (or that there are none) and shows them.
    page.wait_for_function(f"() => /找到/.test(document.querySelector('{message}')?.textContent)", timeout=300000)
    if not page.text_content(message).startswith("未找到"):
        page.wait_for_selector(shown, timeout=300000)
    seconds = round(time.perf_counter() - started, 2)
    page.wait_for_load_state("networkidle")
    files: dict[str, tuple[int, int]] = {}
    for response in responses:
        name = response.url.replace(base, "")
        if name in cached or response.status != 200:
            continue
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - a body the browser no longer holds is not counted
            continue
        path = name.split("?")[0]
        packed = len(body) if path.endswith(PRECOMPRESSED) else len(gzip.compress(body, 6))
        files[path] = (len(body), packed)
    results = page.eval_on_selector_all(shown, "r => r.length")
    return {
        "seconds": seconds,
        "files": files,
        "results_shown": results,
        "message": page.text_content(message),
        "bytes": sum(raw for raw, _ in files.values()),
        "gzip_bytes": sum(packed for _, packed in files.values()),
    }


def _wire_sizes(site: Path, files: list[str]) -> tuple[int, int]:
    """Bytes of these files as http.server sends them, and as a gzip-enabled server would."""
    raw = packed = 0
    for name in files:
        path = site / name
        if path.is_dir() or name.endswith("/") or name == "":
            path = path / "index.html"
        data = path.read_bytes()
        raw += len(data)
        packed += len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 6))
    return raw, packed


def _material_query(page, query: str) -> list[str]:
    """Ask Material's own search worker (the one its UI uses) for every page that matches."""
    data = page.evaluate(
        """async (q) => {
        if (!window.__bench) {
            const cfg = JSON.parse(document.getElementById('__config').textContent);
            const worker = new Worker(new URL(cfg.search, location.href));
            const index = await (await fetch(new URL(cfg.base + '/search/search_index.json', location.href))).json();
            window.__bench = {worker, pending: null};
            worker.onmessage = (e) => { if (window.__bench.pending) window.__bench.pending(e.data); };
            await new Promise((ok) => { window.__bench.pending = (m) => { if (m.type === 1) ok(); };
                                         worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}}); });
        }
        const result = await new Promise((ok) => { window.__bench.pending = (m) => { if (m.type === 3) ok(m.data); };
                                                   window.__bench.worker.postMessage({type: 2, data: q}); });
        const pages = result.items.map(group => (Array.isArray(group) ? group[0] : group).location.split('#')[0]);
        return {pages};
    }""",
        query,
    )
    return [_normal(u) for u in data["pages"]]


def _pagefind_query(page, query: str, engine: str) -> list[str]:
    """Every page Pagefind finds; ours gets the query as its search page would send it."""
    data = page.evaluate(
        """async ([q, engine]) => {
        // Ours as the search page lists it, from the whole index (search.js's find: the
        // exact phrase's results, then the items that hold every word of the query).
        const results = engine === 'pagefind' ? await window.disclosureSearch.find(q)
                                              : (await (await import('/pagefind-zh/pagefind.js')).search(q)).results;
        const all = await Promise.all(results.map(x => x.data()));
        return {pages: all.map(d => d.url)};
    }""",
        [query, engine],
    )
    return [_normal(u) for u in data["pages"]]


def _normal(href: str) -> str:
    path = href.split("#")[0].split("?")[0]
    path = path.split("://", 1)[-1]
    path = path[path.find("/") :] if "://" in href else path
    while path.startswith(("./", "../", "/")):
        path = path[1:] if path.startswith("/") else path.split("/", 1)[1]
    return path if path.endswith("/") else path + "/"


def region_first_searches(out: Path, items: int, queries: list[str]) -> dict:
    """bench/generate.py's region of `items` items, public build: the first search of each query.

    Each query is a new browser (a cold cache), as a reader's first search would be.
    """
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "bench"))
    from generate import CLOCK_EPOCH
    from generate import generate as generate_region

    from site_plugins.cli import build_one

    root = out / "region"
    generate_region(root, items)
    os.environ["SOURCE_DATE_EPOCH"] = CLOCK_EPOCH
    started = time.perf_counter()
    _, error = build_one(str(root), "public", "mkdocs.yml", quiet=True)
    if error:
        raise SystemExit(f"build failed: {error}")
    site = root / "site" / "public"
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    result: dict = {
        "items": items,
        "indexed_items": sum(lang["page_count"] for lang in entry["languages"].values()),
        "build_seconds": round(time.perf_counter() - started, 1),
        "queries": {},
    }
    with serve(site) as base, sync_playwright() as pw:
        for query in queries:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            result["queries"][query] = first_search(browser.new_page(), base, query)
            result.setdefault("instant", {})[query] = first_search(browser.new_page(), base, query, instant=True)
            browser.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--out", default=str(REPO / "build" / "search-bench"))
    parser.add_argument("--engines", default="material,pagefind,pagefind-zh")
    parser.add_argument(
        "--region",
        type=int,
        metavar="N",
        help="measure first searches on bench/generate.py's region of N items instead",
    )
    # Words of that corpus, short and long, rare and frequent (党务公开目录: five frequent bigrams).
    parser.add_argument(
        "--queries",
        nargs="+",
        default=[
            "巡察整改",
            "意识形态",
            "党费",
            "草原",
            "三会一课",
            "党风廉政建设",
            "发展党员",
            "基层党组织",
            "全面从严治党",
            "党务公开目录",
        ],
    )
    args = parser.parse_args()
    out = Path(args.out)
    if args.region:
        region = region_first_searches(out, args.region, args.queries)
        (out / "region-results.json").write_text(json.dumps(region, ensure_ascii=False, indent=1), "utf-8")
        print(f"{region['items']:,} items, {region['indexed_items']:,} public; first search, KB (1 KB = 1,000 bytes):")
        for query, first in region["queries"].items():
            print(
                f"  {query}: {first['bytes'] / 1e3:,.0f} raw, {first['gzip_bytes'] / 1e3:,.0f} gzip, "
                f"{len(first['files'])} files, {first['seconds']} s — {first['message']}"
            )
        return 0
    results: dict = {"items": args.items}
    source = out / "source"
    truth = generate(source, args.items)
    for engine in args.engines.split(","):
        if engine == "pagefind-zh":
            site = out / "site-pagefind"
            seconds = pagefind_own_chinese(site)
            if seconds is None:
                print("pagefind-zh skipped: pip install pagefind-bin-extended", flush=True)
                continue
            index = [site / "pagefind-zh"]
        else:
            write_config(source, engine)
            seconds = build(source)
            site = out / f"site-{engine}"
            if site.exists():
                shutil.rmtree(site)
            shutil.move(str(source / "site" / "public"), str(site))
            index = [site / "search" / "search_index.json"] if engine == "material" else [site / "pagefind"]
        raw, packed, count = folder_size([p for p in index if p.exists()])
        entry = {
            "build_seconds": round(seconds, 1),
            "index_bytes": raw,
            "index_gzip_bytes": packed,
            "index_files": count,
        }
        if engine == "pagefind-zh":
            entry["build_seconds"] = f"+{round(seconds, 1)} (index only)"
        entry.update(measure_browser(site, engine, truth))
        results[engine] = entry
        print(json.dumps({engine: {k: v for k, v in entry.items() if k != "queries"}}, ensure_ascii=False), flush=True)
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    print(table(results))
    return 0


def table(results: dict) -> str:
    engines = [e for e in ("material", "pagefind", "pagefind-zh") if e in results]
    rows = ["| | " + " | ".join(engines) + " |", "|---|" + "---|" * len(engines)]

    def row(label: str, fn) -> None:
        rows.append(f"| {label} | " + " | ".join(fn(results[e]) for e in engines) + " |")

    row("build time (s)", lambda r: str(r["build_seconds"]))
    row("index on disk", lambda r: f"{r['index_bytes'] / 1e6:.1f} MB in {r['index_files']} files")
    row("index, gzip", lambda r: f"{r['index_gzip_bytes'] / 1e6:.1f} MB")
    row(
        "first query: search files downloaded",
        lambda r: f"{r['first_query_bytes'] / 1e3:,.0f} KB in {len(r['first_query_files'])} files",
    )
    row("the same with gzip transfer", lambda r: f"{r['first_query_gzip_bytes'] / 1e3:,.0f} KB")
    row("first query: seconds to results", lambda r: str(r["first_query_seconds"]))
    for query in QUERIES:
        row(
            f"「{query}」 ({results[engines[0]]['queries'][query]['truth']} items contain it)",
            lambda r, q=query: (
                "recall {recall:.0%}, {wrong_items} wrong items, {found_pages} pages, top-10 {top10_correct}/{top10}"
                ", phrase ({phrase_truth}) recall {phrase_recall}, first: {phrase_first}".format(**r["queries"][q])
            ),
        )
    for engine in engines:
        qs = results[engine]["queries"].values()
        results[engine]["mean_recall"] = sum(q["recall"] for q in qs) / len(qs)
        results[engine]["mean_top10"] = sum(q["top10_correct"] for q in qs) / max(1, sum(q["top10"] for q in qs))
    row("mean recall", lambda r: f"{r['mean_recall']:.0%}")
    row("precision of the first 10 results", lambda r: f"{r['mean_top10']:.0%}")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
