"""Generate a realistic Inner Mongolia disclosure site for benchmarks and scale tests.

The region is shaped like the real one: the autonomous-region committee with its
discipline commission, work organs, a dispatched organ, an institution and a party group;
12 leagues with their 103 real banners; four townships per banner, one or two villages
per township, and enterprise / institution units — 1,263 organizations in all, each with
a disclosure catalog built from the articles of the seed rules (Art. 8–13).  `n_items`
items of realistic Chinese length (≈800–2,000 characters, headings and lists) are spread
over them in every scope, timing and status the model knows, and the whole site passes
`disclose check`.

Everything is drawn from one `random.Random(seed)`, so the same `(n_items, seed)` writes
byte-identical files; builds of it should use `CLOCK_EPOCH` as SOURCE_DATE_EPOCH, because
embargoes, expiries and overdue periods are laid out around `CLOCK`.

    python bench/generate.py /tmp/region --items 5000 --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_plugins.periods import Period

# Period arithmetic is the product's own, so the generated catalogs are due exactly when
# the product says they are.
from site_plugins.vocab import DEFAULT_GRACE_DAYS, PeriodKind

REPO = Path(__file__).resolve().parent.parent

# A catalog entry as written to catalogs/<org>.yml (plus the generator's own `topic`).
EntryData = dict[str, Any]
SEED_TEXT = Path("/work/shared/seed/implementation-rules.zh.txt")

# The build clock the generated dates are laid out around (noon UTC, 20:00 in China).
CLOCK = dt.date(2026, 11, 20)
CLOCK_EPOCH = str(int(dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC).timestamp()))
FIRST_DAY = dt.date(2024, 1, 1)  # non-periodic items are dated from here to CLOCK
SERIES_START = dt.date(2022, 1, 1)  # the oldest period a periodic item reports on
GRACE_DAYS = DEFAULT_GRACE_DAYS

# --------------------------------------------------------------------------- the region

# The 12 leagues and cities with their real banners, counties, cities and districts (103).
LEAGUES: list[tuple[str, str, str, list[str]]] = [
    (
        "hhht",
        "呼和浩特市",
        "市",
        [
            "新城区",
            "回民区",
            "玉泉区",
            "赛罕区",
            "土默特左旗",
            "托克托县",
            "和林格尔县",
            "清水河县",
            "武川县",
        ],
    ),
    (
        "bt",
        "包头市",
        "市",
        [
            "东河区",
            "昆都仑区",
            "青山区",
            "石拐区",
            "白云鄂博矿区",
            "九原区",
            "土默特右旗",
            "固阳县",
            "达尔罕茂明安联合旗",
        ],
    ),
    (
        "hlbe",
        "呼伦贝尔市",
        "市",
        [
            "海拉尔区",
            "扎赉诺尔区",
            "阿荣旗",
            "莫力达瓦达斡尔族自治旗",
            "鄂伦春自治旗",
            "鄂温克族自治旗",
            "陈巴尔虎旗",
            "新巴尔虎左旗",
            "新巴尔虎右旗",
            "满洲里市",
            "牙克石市",
            "扎兰屯市",
            "额尔古纳市",
            "根河市",
        ],
    ),
    (
        "xam",
        "兴安盟",
        "盟",
        ["乌兰浩特市", "阿尔山市", "科尔沁右翼前旗", "科尔沁右翼中旗", "扎赉特旗", "突泉县"],
    ),
    (
        "tl",
        "通辽市",
        "市",
        [
            "科尔沁区",
            "科尔沁左翼中旗",
            "科尔沁左翼后旗",
            "开鲁县",
            "库伦旗",
            "奈曼旗",
            "扎鲁特旗",
            "霍林郭勒市",
        ],
    ),
    (
        "cf",
        "赤峰市",
        "市",
        [
            "红山区",
            "元宝山区",
            "松山区",
            "阿鲁科尔沁旗",
            "巴林左旗",
            "巴林右旗",
            "林西县",
            "克什克腾旗",
            "翁牛特旗",
            "喀喇沁旗",
            "宁城县",
            "敖汉旗",
        ],
    ),
    (
        "xlgl",
        "锡林郭勒盟",
        "盟",
        [
            "二连浩特市",
            "锡林浩特市",
            "阿巴嘎旗",
            "苏尼特左旗",
            "苏尼特右旗",
            "东乌珠穆沁旗",
            "西乌珠穆沁旗",
            "太仆寺旗",
            "镶黄旗",
            "正镶白旗",
            "正蓝旗",
            "多伦县",
        ],
    ),
    (
        "wlcb",
        "乌兰察布市",
        "市",
        [
            "集宁区",
            "丰镇市",
            "卓资县",
            "化德县",
            "商都县",
            "兴和县",
            "凉城县",
            "察哈尔右翼前旗",
            "察哈尔右翼中旗",
            "察哈尔右翼后旗",
            "四子王旗",
        ],
    ),
    (
        "eeds",
        "鄂尔多斯市",
        "市",
        [
            "东胜区",
            "康巴什区",
            "达拉特旗",
            "准格尔旗",
            "鄂托克前旗",
            "鄂托克旗",
            "杭锦旗",
            "乌审旗",
            "伊金霍洛旗",
        ],
    ),
    (
        "byne",
        "巴彦淖尔市",
        "市",
        ["临河区", "五原县", "磴口县", "乌拉特前旗", "乌拉特中旗", "乌拉特后旗", "杭锦后旗"],
    ),
    ("wh", "乌海市", "市", ["海勃湾区", "海南区", "乌达区"]),
    ("als", "阿拉善盟", "盟", ["阿拉善左旗", "阿拉善右旗", "额济纳旗"]),
]

PLACE_HEADS = [
    "巴彦",
    "乌兰",
    "查干",
    "阿拉坦",
    "额尔敦",
    "宝力格",
    "白音",
    "锡林",
    "呼和",
    "赛罕",
    "乌力吉",
    "图门",
    "达来",
    "朝克",
    "哈日",
    "沙日",
    "敖伦",
    "塔林",
    "宝日",
    "那仁",
    "新",
    "东",
    "西",
    "南",
    "北",
    "红旗",
    "团结",
    "胜利",
    "富民",
    "和平",
]
PLACE_TAILS = [
    "塔拉",
    "高勒",
    "诺尔",
    "浩特",
    "温都尔",
    "敖包",
    "宝力格",
    "希勒",
    "乌苏",
    "花",
    "营子",
    "沟",
    "庄",
    "河",
    "湖",
    "滩",
    "山",
    "屯",
]
UNIT_TRADES = {
    "soe": [
        "能源有限责任公司",
        "城市投资建设集团有限公司",
        "水务有限公司",
        "农牧业发展集团有限公司",
        "交通投资有限公司",
    ],
    "private": [
        "乳业有限公司",
        "羊绒制品有限公司",
        "物流有限公司",
        "新能源科技有限公司",
        "肉业食品有限公司",
        "牧业专业合作社",
    ],
    "social": ["个体劳动者协会", "律师协会", "民营企业家商会", "社会工作者协会"],
    "public-institution": ["人民医院", "职业技术学院", "第一中学", "蒙医医院"],
    "agency": ["人民法院机关", "人民检察院机关", "公安局机关", "市场监督管理局机关"],
}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"


@dataclass
class Org:
    id: str
    name: str
    kind: str
    level: str
    parent: str | None
    sector: str | None = None
    area: str = "全区"  # how its own area is called in titles: 全区, 全盟, 全旗, 全镇, 全嘎查, 全公司
    short: str = ""  # short name used in item titles
    folder: str = ""  # content/<folder>/<org id>/
    weight: float = 1.0
    entries: list[EntryData] = field(default_factory=list)


def _place(rng: random.Random, used: set[str]) -> str:
    for _ in range(100):
        name = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)
        if name not in used:
            used.add(name)
            return name
    name = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS) + str(len(used))
    used.add(name)
    return name


def build_registry(rng: random.Random) -> list[Org]:
    """1,263 organizations: region organs (9), region units (5), 12 leagues with their
    discipline commissions, 103 banners, 412 townships, 607 villages and 103 banner units."""
    orgs: list[Org] = [
        Org(
            "nmg-dw",
            "中共内蒙古自治区委员会",
            "committee",
            "region",
            None,
            area="全区",
            short="自治区党委",
            folder="nmg",
            weight=60,
        ),
        Org(
            "nmg-jw",
            "内蒙古自治区纪委监委",
            "discipline",
            "region",
            "nmg-dw",
            area="全区",
            short="自治区纪委监委",
            folder="nmg",
            weight=50,
        ),
        Org(
            "nmg-zzb",
            "内蒙古自治区党委组织部",
            "work-organ",
            "region",
            "nmg-dw",
            short="自治区党委组织部",
            folder="nmg",
            weight=25,
        ),
        Org(
            "nmg-xcb",
            "内蒙古自治区党委宣传部",
            "work-organ",
            "region",
            "nmg-dw",
            short="自治区党委宣传部",
            folder="nmg",
            weight=20,
        ),
        Org(
            "nmg-tzb",
            "内蒙古自治区党委统战部",
            "work-organ",
            "region",
            "nmg-dw",
            short="自治区党委统战部",
            folder="nmg",
            weight=15,
        ),
        Org(
            "nmg-zfw",
            "内蒙古自治区党委政法委员会",
            "work-organ",
            "region",
            "nmg-dw",
            short="自治区党委政法委",
            folder="nmg",
            weight=15,
        ),
        Org(
            "nmg-jggw",
            "内蒙古自治区直属机关工作委员会",
            "dispatched",
            "region",
            "nmg-dw",
            short="自治区直属机关工委",
            folder="nmg",
            weight=15,
        ),
        Org(
            "nmg-dx",
            "中共内蒙古自治区委员会党校",
            "institution",
            "region",
            "nmg-dw",
            short="自治区党委党校",
            folder="nmg",
            weight=10,
        ),
        Org(
            "nmg-zfdz",
            "内蒙古自治区人民政府党组",
            "party-group",
            "region",
            "nmg-dw",
            short="自治区政府党组",
            folder="nmg",
            weight=15,
        ),
    ]
    region_units = [
        ("nmg-dlgs", "中共内蒙古电力（集团）有限责任公司委员会", "soe", "电力集团党委"),
        ("nmg-bgjt", "中共包头钢铁（集团）有限责任公司委员会", "soe", "包钢集团党委"),
        ("nmg-nyjt", "中共内蒙古能源集团有限公司委员会", "soe", "能源集团党委"),
        ("nmg-ndx", "中共内蒙古大学委员会", "public-institution", "内蒙古大学党委"),
        ("nmg-ykd", "中共内蒙古医科大学委员会", "public-institution", "内蒙古医科大学党委"),
    ]
    for org_id, name, sector, short in region_units:
        orgs.append(
            Org(
                org_id,
                name,
                "grassroots",
                "unit",
                "nmg-dw",
                sector,
                area="全单位",
                short=short,
                folder="nmg",
                weight=6,
            )
        )
    used: set[str] = set()
    banner_units: list[str] = (
        ["private"] * 40 + ["soe"] * 25 + ["social"] * 15 + ["public-institution"] * 10 + ["agency"] * 10
    )
    townships: list[Org] = []
    for code, league_name, league_kind, banners in LEAGUES:
        league_word = "盟委" if league_kind == "盟" else "市委"
        area = "全盟" if league_kind == "盟" else "全市"
        orgs.append(
            Org(
                code,
                f"中共{league_name}委员会",
                "committee",
                "league",
                "nmg-dw",
                area=area,
                short=f"{league_name[:-1] if league_kind == '盟' else league_name[:-1]}{league_word}",
                folder=code,
                weight=14,
            )
        )
        orgs.append(
            Org(
                f"{code}-jw",
                f"{league_name}纪委监委",
                "discipline",
                "league",
                code,
                area=area,
                short=f"{league_name}纪委监委",
                folder=code,
                weight=10,
            )
        )
        for index, banner in enumerate(banners, start=1):
            suffix = banner[-1]
            word = {"旗": "旗委", "县": "县委", "区": "区委", "市": "市委"}.get(suffix, "旗委")
            banner_id = f"{code}-{index:02d}"
            orgs.append(
                Org(
                    banner_id,
                    f"中共{banner}委员会",
                    "committee",
                    "banner",
                    code,
                    area={"旗": "全旗", "县": "全县", "区": "全区", "市": "全市"}.get(suffix, "全旗"),
                    short=f"{banner[:-1] if len(banner) > 2 else banner}{word}",
                    folder=code,
                    weight=6,
                )
            )
            for town_index in range(1, 5):
                place = _place(rng, used)
                form = rng.choice(["苏木", "镇", "镇", "乡", "街道"])
                town = Org(
                    f"{banner_id}-{town_index}",
                    f"中共{banner}{place}{form}委员会",
                    "grassroots",
                    "township",
                    banner_id,
                    "township",
                    area={"苏木": "全苏木", "镇": "全镇", "乡": "全乡", "街道": "全街道"}[form],
                    short=f"{place}{form}党委" if form != "街道" else f"{place}街道党工委",
                    folder=code,
                    weight=2,
                )
                orgs.append(town)
                townships.append(town)
            sector = rng.choice(banner_units)
            trade = rng.choice(UNIT_TRADES[sector])
            unit_name = (
                f"中共{banner}{trade}委员会"
                if sector in ("soe", "public-institution", "agency")
                else f"中共{banner}某{trade}支部委员会"
            )
            orgs.append(
                Org(
                    f"{banner_id}-u",
                    unit_name,
                    "grassroots",
                    "unit",
                    banner_id,
                    sector,
                    area="全单位",
                    short=f"{banner}{trade}党组织",
                    folder=code,
                    weight=1.5,
                )
            )
    # 607 villages: every township has one; 195 chosen townships have a second.
    twice = set(rng.sample(range(len(townships)), 1263 - len(orgs) - len(townships)))
    for number, town in enumerate(townships):
        for village_index in range(1, 3 if number in twice else 2):
            place = _place(rng, used)
            form = "社区" if town.short.endswith("街道党工委") else rng.choice(["嘎查", "嘎查", "村"])
            orgs.append(
                Org(
                    f"{town.id}-{village_index}",
                    f"中共{town.name[2:-3]}{place}{form}支部委员会",
                    "grassroots",
                    "village",
                    town.id,
                    "village",
                    area="全" + form[-2:] if form != "村" else "全村",
                    short=f"{place}{form}党支部",
                    folder=town.folder,
                    weight=1,
                )
            )
    return orgs


# --------------------------------------------------------------------------- catalogs


def _entry(
    id: str,
    title: str,
    basis: str,
    scope: str,
    timing: str,
    period: str | None,
    methods: list[str],
    department: str,
    topic: str,
) -> EntryData:
    return {
        "id": id,
        "title": title,
        "basis": basis,
        "scope": scope,
        "timing": timing,
        "period": period,
        "methods": methods,
        "department": department,
        "topic": topic,
    }


def committee_entries(org: Org) -> list[EntryData]:
    """Art. 8 for the region committee; Art. 9: leagues and banners follow Art. 8."""
    a = org.area
    office = {"region": "办公厅", "league": "办公室", "banner": "办公室"}[org.level]
    who = org.short
    return [
        _entry(
            "xuexi-guanche",
            "学习贯彻习近平新时代中国特色社会主义思想和习近平总书记重要讲话、重要指示精神，践行“两个维护”情况",
            "第八条（一）",
            "public",
            "periodic",
            "half-yearly",
            ["website", "newspaper", "new-media"],
            office,
            "理论学习中心组学习情况",
        ),
        _entry(
            "luoshi-juece",
            "贯彻落实党中央决策部署情况",
            "第八条（二）",
            "public",
            "immediate",
            None,
            ["website", "newspaper"],
            office,
            "贯彻落实党中央决策部署情况",
        ),
        _entry(
            "zhongda-juece",
            f"{a}经济社会发展部署安排、重大改革事项、重大民生措施等重大决策和推进落实情况",
            "第八条（三）",
            "public",
            "immediate",
            None,
            ["press-conference", "website", "newspaper"],
            office,
            "重大民生措施推进落实情况",
        ),
        _entry(
            "congyan-zhidang",
            f"{who}履行全面从严治党主体责任情况",
            "第八条（四）",
            "party",
            "periodic",
            "yearly",
            ["document", "briefing", "intranet"],
            office,
            "履行全面从严治党主体责任情况报告",
        ),
        _entry(
            "zhongyao-huiyi",
            "党代表大会、党委全会等党的重要会议、活动情况",
            "第八条（五）",
            "public",
            "immediate",
            None,
            ["communique", "press-conference", "newspaper", "website"],
            office,
            "全体会议公报",
        ),
        _entry(
            "xunshi",
            "巡视巡察进驻、反馈、整改情况",
            "第八条（六）",
            "public",
            "periodic",
            "quarterly",
            ["website", "bulletin-board"],
            "巡视巡察工作领导小组办公室",
            "巡视巡察整改进展情况",
        ),
        _entry(
            "xunshi-fankui",
            "巡视巡察组向被巡视巡察党组织反馈意见情况",
            "第八条（六）",
            "specific",
            "immediate",
            None,
            ["document", "meeting"],
            "巡视巡察工作领导小组办公室",
            "巡察反馈意见",
        ),
        _entry(
            "renshi",
            "重要人事任免、党内表彰情况",
            "第八条（七）",
            "public",
            "immediate",
            None,
            ["website", "newspaper"],
            "组织部",
            "干部任前公示",
        ),
        _entry(
            "fagui",
            "重要党内法规和规范性文件立改废释情况",
            "第八条（八）",
            "public",
            "long-term",
            None,
            ["website", "newspaper", "new-media"],
            office,
            "规范性文件",
        ),
        _entry(
            "zishen-jianshe",
            f"{who}常委会加强自身建设情况",
            "第八条（九）",
            "party",
            "periodic",
            "yearly",
            ["document", "briefing", "intranet"],
            office,
            "常委会加强自身建设情况",
        ),
        _entry(
            "lianxi-qunzhong",
            "党委领导同志直接联系服务群众情况，接待来信来访情况",
            "第八条（十）",
            "public",
            "periodic",
            "quarterly",
            ["website", "new-media"],
            "信访局",
            "领导干部接待来信来访情况",
        ),
        _entry(
            "jiguan-neibu",
            "党委机关内部管理和干部队伍建设事项",
            "第八条（十一）",
            "unit",
            "long-term",
            None,
            ["intranet", "document"],
            office,
            "机关内部管理制度",
        ),
    ]


def discipline_entries(org: Org) -> list[EntryData]:
    """Art. 12: discipline inspection organs."""
    return [
        _entry(
            "xuexi-guanche",
            "学习贯彻习近平新时代中国特色社会主义思想和习近平总书记重要讲话、重要指示精神，践行“两个维护”情况",
            "第十二条（一）",
            "public",
            "periodic",
            "half-yearly",
            ["website", "new-media"],
            "办公厅",
            "理论学习情况",
        ),
        _entry(
            "luoshi-bushu",
            "贯彻落实党中央大政方针和重大决策部署，以及本级党委和上级纪律检查机关工作部署情况",
            "第十二条（二）",
            "public",
            "immediate",
            None,
            ["website", "newspaper"],
            "办公厅",
            "全会工作报告",
        ),
        _entry(
            "jilv-jiaoyu",
            "开展纪律教育、加强纪律建设，维护党章党规党纪情况",
            "第十二条（三）",
            "public",
            "long-term",
            None,
            ["website", "new-media"],
            "宣传部",
            "纪律教育学习材料",
        ),
        _entry(
            "bafang-guiding",
            "查处违反中央八项规定及其实施细则精神和自治区实施办法问题情况",
            "第十二条（四）",
            "public",
            "periodic",
            "monthly",
            ["website", "new-media"],
            "党风政风监督室",
            "查处违反中央八项规定精神问题汇总",
        ),
        _entry(
            "shencha-diaocha",
            "对党员领导干部严重违纪涉嫌违法犯罪进行立案审查、组织审查和给予开除党籍处分情况",
            "第十二条（五）",
            "public",
            "immediate",
            None,
            ["website", "new-media", "press-conference"],
            "案件审理室",
            "审查调查信息",
        ),
        _entry(
            "wenze",
            "对党员领导干部严重失职失责进行问责情况",
            "第十二条（六）",
            "public",
            "immediate",
            None,
            ["website", "newspaper"],
            "党风政风监督室",
            "问责情况通报",
        ),
        _entry(
            "zishen-jianshe",
            "加强纪律检查机关自身建设情况",
            "第十二条（七）",
            "party",
            "periodic",
            "yearly",
            ["document", "briefing", "intranet"],
            "组织部",
            "纪检监察干部队伍建设情况",
        ),
        _entry(
            "anjian-tongbao",
            "典型案件内部通报",
            "第十二条（八）",
            "unit",
            "immediate",
            None,
            ["document", "intranet"],
            "案件监督管理室",
            "典型案件通报",
        ),
        _entry(
            "jiandu-jianyi",
            "向有关党组织提出纪律检查建议情况",
            "第十二条（八）",
            "specific",
            "immediate",
            None,
            ["document"],
            "监督检查室",
            "纪律检查建议书",
        ),
    ]


def organ_entries(org: Org) -> list[EntryData]:
    """Art. 13: work organs, dispatched organs, institutions and party groups."""
    focus = {
        "work-organ": ("开展党的工作", "第十三条第二款", "重点工作推进情况"),
        "institution": ("开展党的工作", "第十三条第二款", "教学科研和党建工作情况"),
        "dispatched": (
            "代表党委领导本地区、本领域、本行业、本系统党的工作",
            "第十三条第三款",
            "机关党建工作推进情况",
        ),
        "party-group": (
            "在本单位发挥领导作用、落实党建工作责任制",
            "第十三条第四款",
            "党建工作责任制落实情况",
        ),
    }[org.kind]
    return [
        _entry(
            "luoshi-bushu",
            "落实党中央和上级组织决策部署情况",
            "第十三条第二款",
            "public",
            "immediate",
            None,
            ["website", "new-media"],
            "办公室",
            "落实上级决策部署情况",
        ),
        _entry(
            "dang-de-gongzuo",
            f"{focus[0]}情况",
            focus[1],
            "public",
            "periodic",
            "half-yearly",
            ["website", "briefing"],
            "办公室",
            focus[2],
        ),
        _entry(
            "zhineng-jigou",
            "党组织职能、机构设置情况",
            "第七条第一款",
            "public",
            "long-term",
            None,
            ["website"],
            "办公室",
            "职能配置和内设机构",
        ),
        _entry(
            "jiguan-dangjian",
            "机关党建和干部教育管理情况",
            "第十三条第一款",
            "party",
            "periodic",
            "yearly",
            ["document", "intranet"],
            "机关党委",
            "机关党建工作总结",
        ),
        _entry(
            "neibu-shiwu",
            "本机关内部事务和管理制度",
            "第十三条第一款",
            "unit",
            "long-term",
            None,
            ["intranet"],
            "办公室",
            "内部管理制度",
        ),
        _entry(
            "zhuanxiang-tongzhi",
            "对有关单位的专项工作通知",
            "第十三条第一款",
            "specific",
            "immediate",
            None,
            ["document"],
            "办公室",
            "专项工作通知",
        ),
    ]


def grassroots_entries(org: Org, rng: random.Random) -> list[EntryData]:
    """Art. 10 for every grassroots organization, Art. 11 by its sector."""
    who = "党委" if org.level == "township" or "支部" not in org.name else "党支部"
    common = [
        _entry(
            "xuexi-jiaoyu",
            "学习贯彻习近平新时代中国特色社会主义思想和习近平总书记重要讲话、重要指示精神，践行“两个维护”情况",
            "第十条（一）",
            "party",
            "periodic",
            "quarterly",
            ["meeting", "document"],
            who,
            "理论学习情况",
        ),
        _entry(
            "luoshi-bushu",
            "贯彻落实党中央和上级组织决策部署情况",
            "第十条（二）",
            "public",
            "immediate",
            None,
            ["bulletin-board", "new-media"],
            who,
            "落实上级部署情况",
        ),
        _entry(
            "gongzuo-mubiao",
            "任期工作目标、阶段性工作部署、重点工作任务及落实情况",
            "第十条（三）",
            "public",
            "periodic",
            "yearly",
            ["bulletin-board", "new-media"],
            who,
            "年度重点工作任务落实情况",
        ),
        _entry(
            "sanhui-yike",
            "执行“三会一课”制度、开展党支部主题党日活动情况",
            "第十条（四）",
            "party",
            "periodic",
            "monthly",
            ["meeting"],
            who,
            "主题党日活动安排",
        ),
        _entry(
            "jiben-qingkuang",
            "党组织基本情况，领导班子成员工作分工、主要职责",
            "第十条（五）",
            "public",
            "long-term",
            None,
            ["bulletin-board", "website"],
            who,
            "党组织基本情况和班子分工",
        ),
        _entry(
            "fazhan-dangyuan",
            "发展党员、民主评议党员和召开组织生活会情况",
            "第十条（五）",
            "party",
            "immediate",
            None,
            ["meeting", "bulletin-board"],
            who,
            "发展党员公示",
        ),
        _entry(
            "dangfei",
            "党费收缴、使用和管理情况",
            "第十条（五）",
            "party",
            "periodic",
            "yearly",
            ["meeting", "document"],
            who,
            "党费收缴使用管理情况",
        ),
        _entry(
            "minzhu-jizhong",
            "贯彻执行民主集中制、党组织议事规则和决策程序制度情况",
            "第十条（六）",
            "party",
            "long-term",
            None,
            ["meeting", "document"],
            who,
            "议事规则和决策程序",
        ),
        _entry(
            "dangfeng-lianzheng",
            "加强党风廉政建设，防止和纠正“四风”现象情况",
            "第十条（七）",
            "party",
            "periodic",
            "half-yearly",
            ["meeting", "document"],
            who,
            "党风廉政建设情况",
        ),
        _entry(
            "zuzhi-chuli",
            "对党员作出组织处理和纪律处分情况",
            "第十条（七）",
            "specific",
            "immediate",
            None,
            ["meeting"],
            who,
            "组织处理决定",
        ),
        _entry(
            "guanai-bangfu",
            "联系服务党员和群众，关爱困难党员、帮扶困难群众情况",
            "第十条（八）",
            "unit",
            "immediate",
            None,
            ["meeting", "document"],
            who,
            "关爱帮扶困难党员群众情况",
        ),
    ]
    sector = {
        "township": [
            _entry(
                "jiceng-zhili",
                "领导本地工作和基层社会治理，支持和保证各类组织充分行使职权情况",
                "第十一条（一）",
                "public",
                "periodic",
                "half-yearly",
                ["bulletin-board", "new-media"],
                who,
                "基层社会治理工作情况",
            )
        ],
        "village": [
            _entry(
                "jiceng-zhili",
                "领导本嘎查村（社区）工作和基层治理，落实“四议两公开”情况",
                "第十一条（一）",
                "public",
                "periodic",
                "quarterly",
                ["bulletin-board"],
                who,
                "“四议两公开”落实情况",
            )
        ],
        "soe": [
            _entry(
                "qianzhi-yanjiu",
                "党委前置研究讨论企业重大经营管理事项情况",
                "第十一条（二）",
                "unit",
                "periodic",
                "quarterly",
                ["meeting", "intranet"],
                who,
                "前置研究讨论重大经营管理事项情况",
            ),
            _entry(
                "zhidaihui",
                "支持职工代表大会开展工作情况",
                "第十一条（二）",
                "unit",
                "immediate",
                None,
                ["meeting", "intranet"],
                "工会",
                "职工代表大会情况",
            ),
        ],
        "private": [
            _entry(
                "qiye-fazhan",
                "引导和监督企业遵守国家法律法规、促进企业健康发展情况",
                "第十一条（三）",
                "public",
                "periodic",
                "half-yearly",
                ["bulletin-board", "new-media"],
                who,
                "促进企业健康发展情况",
            ),
            _entry(
                "quntuan",
                "领导工会、共青团等群团组织情况",
                "第十一条（三）",
                "unit",
                "long-term",
                None,
                ["meeting", "document"],
                who,
                "群团组织工作情况",
            ),
        ],
        "social": [
            _entry(
                "hangye-zilv",
                "推动行业自律与诚信建设，引领参与社会服务和社会治理情况",
                "第十一条（四）",
                "public",
                "periodic",
                "yearly",
                ["website", "new-media"],
                who,
                "行业自律与诚信建设情况",
            )
        ],
        "public-institution": [
            _entry(
                "zhongda-wenti",
                "讨论和决定重大问题、加强思想政治工作情况",
                "第十一条（五）",
                "party",
                "immediate",
                None,
                ["meeting", "document"],
                who,
                "重大问题决策情况",
            )
        ],
        "agency": [
            _entry(
                "jiguan-dangjian",
                "党建工作、对党员进行教育管理监督情况",
                "第十一条（六）",
                "party",
                "periodic",
                "yearly",
                ["meeting", "intranet"],
                who,
                "机关党建工作情况",
            )
        ],
    }[org.sector or "village"]
    keep = 6 if org.level == "village" else 8
    chosen = [common[4], common[3]] + rng.sample([e for i, e in enumerate(common) if i not in (3, 4)], keep - 2)
    entries = sorted(chosen, key=lambda e: common.index(e)) + sector
    if org.sector == "private":
        # A private enterprise's branch publishes its catalog inside the party only.
        entries = [dict(e, scope="party") if e["scope"] == "public" else e for e in entries]
    return entries


def catalog_yaml(org: Org, parent_name: str, rng: random.Random) -> str:
    adopted = dt.date(2023, 12, 1) + dt.timedelta(days=rng.randrange(0, 40))
    filed = adopted + dt.timedelta(days=rng.randrange(3, 15))
    article = list(dict.fromkeys(re.sub(r"（.*|第[一二三四]款", "", e["basis"]) for e in org.entries))
    lines = [
        f"# {org.name}党务公开目录（依据《实施细则》{'、'.join(article)}）",
        f"org: {org.id}",
        f"adopted_on: {adopted}",
        f"filed_with: {org.parent or '党中央'}",
    ]
    # A few organizations have not filed yet: the compliance dashboard should show them.
    if rng.random() > 0.03:
        lines.append(f"filed_on: {filed}")
    lines.append(f"scope: {'party' if org.sector == 'private' else 'public'}")
    lines.append("entries:")
    for e in org.entries:
        lines += [
            f"  - id: {e['id']}",
            f"    title: {e['title']}",
            f"    basis: {e['basis']}",
            f"    scope: {e['scope']}",
            f"    timing: {e['timing']}",
        ]
        if e["period"]:
            lines.append(f"    period: {e['period']}")
        lines += [
            f"    methods: [{', '.join(e['methods'])}]",
            f"    department: {e['department']}",
            "",
        ]
    return "\n".join(lines)


def registry_yaml(orgs: list[Org]) -> str:
    lines = ["# 组织机构名录 — generated by bench/generate.py (one tree under nmg-dw)"]
    for org in orgs:
        lines += [
            f"- id: {org.id}",
            f"  name: {org.name}",
            f"  kind: {org.kind}",
            f"  level: {org.level}",
        ]
        if org.sector:
            lines.append(f"  sector: {org.sector}")
        if org.parent:
            lines.append(f"  parent: {org.parent}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- text


def _seed_clauses() -> list[str]:
    """Enumerated clauses of the seed rules, e.g. '贯彻落实党中央决策部署情况' — realistic list items."""
    text = SEED_TEXT.read_text(encoding="utf-8") if SEED_TEXT.is_file() else ""
    clauses = []
    for line in text.splitlines():
        match = re.match(r"^[(（][一二三四五六七八九十]+[)）](.+?)[；;。]?$", line.strip())
        if match and 8 <= len(match.group(1)) <= 120:
            clauses.append(match.group(1).rstrip("等"))
    return clauses or [
        "贯彻落实党中央决策部署情况",
        "加强党风廉政建设情况",
        "联系服务党员和群众情况",
    ]


SENTENCES = [
    "{org}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大和二十届历次全会精神，全面贯彻落实习近平总书记对内蒙古的重要指示精神。",
    "{org}把铸牢中华民族共同体意识作为各项工作的主线，统筹推进{area}高质量发展和党的建设各项任务。",
    "围绕办好两件大事，{org}聚焦五大任务，细化工作举措，明确责任分工，确保各项部署落地见效。",
    "{year}年以来，{org}共召开专题会议{n}次，研究解决重点难点问题{m}项，形成工作台账并逐项推进。",
    "对照党务公开目录，{org}按照提出、审核、审批、实施、反馈、归档的程序，及时主动公开有关党务。",
    "公开前，有关部门从必要性、准确性、规范性等方面进行审核，并严格履行保密审查程序。",
    "各级党组织主要负责人认真履行党务公开第一责任人责任，领导班子其他成员对分管范围内的党务公开履行领导责任。",
    "{org}坚持一般先党内后党外，分类实施，务求实效，推动党务公开与政务公开、嘎查村务公开衔接联动。",
    "通过公开栏、新媒体和党员大会等多种方式，广泛听取党员和群众意见建议，共收集意见建议{n}条，已办结{m}条。",
    "针对巡视巡察反馈的问题，{org}建立问题清单、任务清单、责任清单，实行销号管理，目前已完成整改{m}项。",
    "坚持严的基调不动摇，持续纠治“四风”特别是形式主义、官僚主义，切实为基层减负。",
    "落实“三会一课”、主题党日、组织生活会和民主评议党员等制度，党内政治生活的政治性、时代性、原则性、战斗性不断增强。",
    "严格按照发展党员工作程序，坚持标准、保证质量、改善结构、慎重发展，{year}年共发展党员{n}名。",
    "党费收缴、使用和管理严格执行有关规定，收缴党费全部足额上缴，使用情况定期向党员通报。",
    "{org}深入开展“我为群众办实事”实践活动，聚焦牧区水电路讯网、教育医疗养老等民生短板，办结民生实事{m}件。",
    "健全领导干部直接联系服务群众制度，班子成员带头深入基层，接待来信来访{n}批次，化解矛盾纠纷{m}件。",
    "关心关爱生活困难党员、老党员和牧区流动党员，走访慰问{n}人次，发放慰问金和物资折合{m}万元。",
    "推动基层党组织标准化规范化建设，{area}嘎查村（社区）党组织阵地建设实现全覆盖。",
    "加强草原生态保护和建设，落实草畜平衡和禁牧休牧制度，守好祖国北疆生态安全屏障。",
    "{org}围绕国家重要能源和战略资源基地、农畜产品生产基地建设，推动重点项目加快实施。",
    "完善党务公开风险评估机制，对可能引发的政治安全风险、社会稳定风险进行研判评估，提前制定防范预案。",
    "建立党务公开政策解读机制，对涉及面广、社会关注度高的重要政策，通过新闻发布、接受访谈等方式解读清楚。",
    "加强党务公开相关信息监测，发现不真实、不完整、不准确的信息，及时加以澄清和引导。",
    "按照档案管理有关规定，对公开的有关资料立卷归档，做到一事一档、全程留痕。",
    "党员和群众对公开内容有疑问的，可通过意见箱、来信来访或电子邮箱反映，{org}将在{n}个工作日内答复。",
    "下一步，{org}将进一步完善党务公开目录，动态调整公开事项，推动党务公开工作制度化、规范化、程序化。",
    "持续深化模范自治区建设，促进各民族交往交流交融，推动{area}各项事业取得新进展。",
    "扎实推进乡村振兴，发展壮大嘎查村集体经济，{year}年{area}集体经济收入{n}万元以上的嘎查村占比明显提高。",
    "认真落实意识形态工作责任制，牢牢掌握意识形态工作领导权、管理权、话语权。",
    "加强干部队伍建设，树立重实干重实绩的用人导向，激励干部担当作为。",
    "对照年初确定的{n}项重点任务，已全面完成{m}项，其余任务正在按计划推进。",
    "坚持把纪律挺在前面，综合运用监督执纪“四种形态”，对苗头性、倾向性问题早发现、早提醒、早纠正。",
    "认真执行民主集中制，凡属“三重一大”事项均经集体研究决定，严格落实议事规则和决策程序。",
    "本期公开内容经{org}审核同意，已履行保密审查程序，现予公开。",
]
HEADINGS = [
    ["一、基本情况", "二、主要做法", "三、取得成效", "四、存在问题", "五、下一步工作"],
    ["一、工作部署", "二、推进落实情况", "三、意见建议收集和办理", "四、下一步打算"],
    ["一、公开事项", "二、主要内容", "三、有关要求", "四、监督方式"],
    ["一、总体情况", "二、具体措施", "三、保障措施"],
]


def body_text(rng: random.Random, org: Org, topic: str, year: int, clauses: list[str]) -> str:
    """A Chinese body of 800–2,000 characters: an opening, sections with paragraphs and lists."""
    target = rng.randrange(800, 2001)

    def sentence() -> str:
        return rng.choice(SENTENCES).format(
            org=org.short, area=org.area, year=year, n=rng.randrange(3, 60), m=rng.randrange(1, 30)
        )

    parts = [f"为进一步做好党务公开工作，现将{org.short}{topic}公开如下。" + sentence() + sentence()]
    length = len(parts[0])
    headings = rng.choice(HEADINGS)
    for number, heading in enumerate(headings):
        if length >= target and number >= 2:
            break
        section = [f"## {heading}"]
        paragraph = "".join(sentence() for _ in range(rng.randrange(2, 5)))
        section.append(paragraph)
        if rng.random() < 0.6:
            ordered = rng.random() < 0.5
            picks = rng.sample(clauses, rng.randrange(3, 6))
            section.append(
                "\n".join(
                    (f"{i}. " if ordered else "- ") + p + ("；" if i < len(picks) else "。")
                    for i, p in enumerate(picks, start=1)
                )
            )
        if rng.random() < 0.5:
            section.append("".join(sentence() for _ in range(rng.randrange(1, 4))))
        text = "\n\n".join(section)
        parts.append(text)
        length += len(text)
    while length < target:
        # A short heading template: the last section gets more paragraphs.
        paragraph = "".join(sentence() for _ in range(rng.randrange(2, 5)))
        parts.append(paragraph)
        length += len(paragraph)
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------- items


def _label_zh(period: str, start: dt.date) -> str:
    if period == "monthly":
        return f"{start.year}年{start.month}月"
    if period == "quarterly":
        return f"{start.year}年第{'一二三四'[(start.month - 1) // 3]}季度"
    if period == "half-yearly":
        return f"{start.year}年{'上' if start.month <= 6 else '下'}半年"
    return f"{start.year}年度"


def latest_due(period: str) -> Period:
    """The newest period that ended at least GRACE_DAYS before CLOCK."""
    return Period.latest_due(PeriodKind(period), CLOCK, GRACE_DAYS)


def _person(rng: random.Random, department: str) -> str:
    return f"{department} {rng.choice(SURNAMES)}某某"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass
class Written:
    id: str
    org: str
    scope: str
    date: dt.date
    public_target: bool  # approved, public, never expires: safe to interpret or correct


def _narrower(scope: str, rng: random.Random) -> str:
    if scope == "public" and rng.random() < 0.08:
        return "party"
    return scope


def generate(root: Path, n_items: int, seed: int = 1) -> None:
    """Write a whole region site (registry, catalogs, `n_items` items, pages, mkdocs.yml, theme/) into root."""
    rng = random.Random(seed)
    root = Path(root)
    for sub in ("content", "catalogs", "theme", "site"):
        if (root / sub).exists():
            shutil.rmtree(root / sub)
    (root / "content").mkdir(parents=True)
    (root / "catalogs").mkdir(parents=True)
    orgs = build_registry(rng)
    by_id = {o.id: o for o in orgs}
    children: dict[str, list[str]] = {}
    for org in orgs:
        if org.parent:
            children.setdefault(org.parent, []).append(org.id)
    for org in orgs:
        if org.kind == "committee":
            org.entries = committee_entries(org)
        elif org.kind == "discipline":
            org.entries = discipline_entries(org)
        elif org.kind == "grassroots":
            org.entries = grassroots_entries(org, rng)
        else:
            org.entries = organ_entries(org)
    (root / "catalogs" / "organizations.yml").write_text(registry_yaml(orgs), encoding="utf-8")
    for org in orgs:
        parent = by_id[org.parent].name if org.parent else "党中央"
        (root / "catalogs" / f"{org.id}.yml").write_text(catalog_yaml(org, parent, rng), encoding="utf-8")

    clauses = _seed_clauses()
    weights = [o.weight for o in orgs]
    picks = rng.choices(orgs, weights=weights, k=n_items)
    series: dict[tuple[str, str], int] = {}  # (org, entry) -> items of a periodic entry so far
    written: list[Written] = []
    used_paths: set[str] = set()
    span = (CLOCK - FIRST_DAY).days
    for number, org in enumerate(picks, start=1):
        outside = rng.random() < 0.04
        entry = None if outside else rng.choice(org.entries)
        fm: list[str] = []
        status = "approved"
        roll = rng.random()
        if roll < 0.03:
            status = "draft"
        elif roll < 0.045:
            status = "withdrawn"
        covers = period = None
        if entry is not None:
            timing = entry["timing"]
            scope = _narrower(entry["scope"], rng)
            topic = entry["topic"]
            if timing == "periodic":
                key = (org.id, entry["id"])
                # A fifth of the series start one period late: overdue entries on the dashboard.
                step = series.get(key, 1 if rng.random() < 0.2 else 0)
                series[key] = step + 1
                # Series reach back to 2022 at most; a busier entry has several items per period.
                latest = latest_due(entry["period"])
                months = latest.kind.months
                available = ((latest.start.year - SERIES_START.year) * 12 + latest.start.month - 1) // months + 1
                reported = latest.shifted(-(step % available))
                start, end, covers = reported.start, reported.end, reported.label
                date = end + dt.timedelta(days=rng.randrange(2, 26))
                title = f"{org.short}{_label_zh(entry['period'], start)}{topic}"
            else:
                date = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
                title = f"{org.short}{topic}（{date.year}年第{rng.randrange(1, 40)}号）"
        else:
            timing = rng.choice(["immediate", "immediate", "long-term", "periodic"])
            scope = rng.choice(["public", "public", "party", "unit"])
            topic = rng.choice(["专项工作情况通报", "重大活动安排", "专题调研成果", "临时性工作部署"])
            date = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
            if timing == "periodic":
                period = "yearly"
                covers = str(date.year - 1)
            title = f"{org.short}{topic}（目录外，{date.year}年）"
        # A few items wait for their date (embargo) — not built yet at CLOCK.
        if status == "approved" and timing != "periodic" and rng.random() < 0.01:
            date = CLOCK + dt.timedelta(days=rng.randrange(1, 40))
        level = "routine"
        roll = rng.random()
        if roll < 0.12:
            level = "important"
        elif roll < 0.16:
            level = "superior"
        reviewed = date - dt.timedelta(days=rng.randrange(3, 12))
        approved = reviewed + dt.timedelta(days=rng.randrange(0, 3))
        department = entry["department"] if entry else "办公室"
        item_id = f"{org.id}-{date.year}-{number:06d}"
        fm.append(f"title: {_q(title)}")
        fm.append(f"id: {item_id}")
        fm.append(f"org: {org.id}")
        if entry is not None:
            fm.append(f"catalog: {entry['id']}")
        fm.append(f"scope: {scope}")
        if scope == "specific":
            pool = children.get(org.id) or ([org.parent] if org.parent else [org.id])
            audience = sorted(rng.sample(pool, min(len(pool), rng.randrange(1, 4))))
            fm.append(f"audience: [{', '.join(audience)}]")
        fm.append(f"timing: {timing}")
        if period:
            fm.append(f"period: {period}")
        if covers:
            fm.append(f"covers: {_q(covers)}")
        fm.append(f"level: {level}")
        fm.append(f"status: {status}")
        fm.append(f"date: {date}")
        expires = None
        if timing == "immediate" and rng.random() < 0.1:
            expires = date + dt.timedelta(days=rng.randrange(30, 400))
            fm.append(f"expires: {expires}")
        if scope == "public" and timing == "immediate" and rng.random() < 0.03:
            fm.append("consultation:")
            fm.append(f"  until: {date + dt.timedelta(days=rng.randrange(10, 40))}")
            fm.append(f"  channel: {_q('电子邮箱 dwgk@' + org.id + '.example.org.cn')}")
        # Interpretations (Art. 25) and corrections (Art. 26) of earlier public items.
        if rng.random() < 0.03:
            targets = [w for w in written[-400:] if w.public_target and w.date <= date]
            if targets:
                target = rng.choice(targets)
                fm.append(f"{'interprets' if rng.random() < 0.7 else 'corrects'}: {target.id}")
        fm.append("approval:")
        fm.append(f"  proposed_by: {_q(_person(rng, department))}")
        fm.append(f"  reviewed_by: {_q(_person(rng, '审核部门'))}")
        fm.append(f"  reviewed_on: {reviewed}")
        fm.append("  secrecy_review: passed")
        fm.append(f"  approved_by: {_q(rng.choice(SURNAMES) + '某某')}")
        fm.append(f"  approved_on: {approved}")
        if level == "important":
            if rng.random() < 0.5:
                fm.append("  approver_role: principal")
            else:
                fm.append(f"  decision: {_q(f'{org.short}{approved.year}年第{rng.randrange(1, 30)}次会议研究决定')}")
        if level == "superior" or entry is None:
            superior = org.parent or "党中央"
            fm.append("  superior:")
            fm.append(f"    org: {superior}")
            fm.append(f"    on: {approved}")
        if scope == "public" and level in ("important", "superior"):
            fm.append(f"  risk_assessment: {_q('已开展政治安全和社会稳定风险评估，风险可控，制定了舆情应对预案。')}")
        folder = f"{org.folder}/{org.id}/{date.year}"
        slug = f"{entry['id'] if entry else 'muluwai'}-{number:06d}"
        rel = f"{folder}/{slug}.md"
        attachments = ""
        if status == "approved" and rng.random() < 0.01:
            name = f"{slug}-fujian.pdf"
            fm.append(f"attachments: [{name}]")
            attachments = name
        assert rel not in used_paths
        used_paths.add(rel)
        body = body_text(rng, org, topic, date.year, clauses)
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\n" + "\n".join(fm) + "\n---\n\n" + body, encoding="utf-8")
        if attachments:
            (path.parent / attachments).write_bytes(_fake_pdf(title))
        written.append(
            Written(
                item_id,
                org.id,
                scope,
                date,
                status == "approved" and scope == "public" and expires is None and date <= CLOCK,
            )
        )
    _pages(root, len(orgs), n_items)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme", root / "theme")


def _fake_pdf(title: str) -> bytes:
    """A tiny valid-looking PDF: attachments are copied, never parsed."""
    return b"%PDF-1.4\n% " + title.encode("utf-8") + b"\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _pages(root: Path, orgs: int, items: int) -> None:
    (root / "content" / "index.md").write_text(
        "---\ntype: page\nscope: public\ntitle: 内蒙古党务公开\n---\n\n"
        f"本站为基准测试生成的示例站点：{orgs} 个党组织、{items} 个公开事项。\n\n"
        "- 按组织查找：进入[组织机构](orgs/index.md)；\n- 按内容查找：使用页面上方的搜索框。\n",
        encoding="utf-8",
    )
    (root / "content" / "about.md").write_text(
        "---\ntype: page\nscope: public\ntitle: 关于本站\n---\n\n"
        "本站依据《内蒙古自治区党委贯彻〈中国共产党党务公开条例（试行）〉实施细则》建设和管理。\n",
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="write a generated region disclosure site")
    parser.add_argument("root", type=Path)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.root, args.items, args.seed)
    print(f"wrote {args.items} items into {args.root} (build with SOURCE_DATE_EPOCH={CLOCK_EPOCH})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
