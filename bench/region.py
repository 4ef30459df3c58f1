"""The organization tree of a generated Inner Mongolia region, of any size up to the real one.

The real region (issue 12): the autonomous-region committee and its organs; 12 leagues and
cities; 103 banners, counties, county-level cities and districts (their real names below);
1,025 townships, sumu and streets; ≈ 13,900 gacha, villages and communities — about 15,000
territorial party organizations — and the branches of agencies, institutions, state-owned
and private enterprises and social organizations under them: ≈ 80,000 in all.

`build_region(n, rng)` keeps the skeleton (region organs, every league's and banner's
committee and discipline commission) and scales every other level in proportion to the
real counts (`REAL`), with at least one township per banner and one village per township
where `n` allows; above 80,000 the extra organizations are unit branches.  The same
`(n, rng state)` gives the same tree.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

# The 12 leagues and cities: (id, name, 盟 or 市, their real banners, counties, cities and districts — 103).
LEAGUES: list[tuple[str, str, str, list[str]]] = [
    (
        "hhht",
        "呼和浩特市",
        "市",
        ["新城区", "回民区", "玉泉区", "赛罕区", "土默特左旗", "托克托县", "和林格尔县", "清水河县", "武川县"],
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
    ("xam", "兴安盟", "盟", ["乌兰浩特市", "阿尔山市", "科尔沁右翼前旗", "科尔沁右翼中旗", "扎赉特旗", "突泉县"]),
    (
        "tl",
        "通辽市",
        "市",
        ["科尔沁区", "科尔沁左翼中旗", "科尔沁左翼后旗", "开鲁县", "库伦旗", "奈曼旗", "扎鲁特旗", "霍林郭勒市"],
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
        ["东胜区", "康巴什区", "达拉特旗", "准格尔旗", "鄂托克前旗", "鄂托克旗", "杭锦旗", "乌审旗", "伊金霍洛旗"],
    ),
    ("byne", "巴彦淖尔市", "市", ["临河区", "五原县", "磴口县", "乌拉特前旗", "乌拉特中旗", "乌拉特后旗", "杭锦后旗"]),
    ("wh", "乌海市", "市", ["海勃湾区", "海南区", "乌达区"]),
    ("als", "阿拉善盟", "盟", ["阿拉善左旗", "阿拉善右旗", "额济纳旗"]),
]
assert len(LEAGUES) == 12 and sum(len(banners) for *_, banners in LEAGUES) == 103

# The real counts at 80,000 organizations, by role (the skeleton is counted separately).
REAL_TOTAL = 80_000
REAL = {
    "league-organ": 24,  # each league's organization department and its organs' working committee
    "banner-organ": 206,  # the same in each banner
    "region-unit": 40,  # region enterprises, universities and hospitals with their own committee
    "township": 1_025,  # 苏木乡镇和街道 (2022)
    "village": 13_860,  # 嘎查村和社区: with the 12 + 103 + 1,025 above, 15,000 territorial organizations
}
# Where the branches of agencies, institutions, enterprises and social organizations stand.
UNIT_PARENTS = {
    "region-organs": 0.03,  # branches of region agencies under the region organs' working committee
    "region-unit": 0.05,  # branches of region enterprises and universities
    "league-organ": 0.07,  # league agencies, under the league's working committee
    "banner-organ": 0.25,  # banner agencies, schools and hospitals, under the banner's working committee
    "township": 0.60,  # enterprises, social organizations, schools and clinics of a township or street
}
SMALLEST = 400

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
REGION_UNITS = [
    ("nmg-dlgs", "中共内蒙古电力（集团）有限责任公司委员会", "soe", "电力集团党委"),
    ("nmg-bgjt", "中共包头钢铁（集团）有限责任公司委员会", "soe", "包钢集团党委"),
    ("nmg-nyjt", "中共内蒙古能源集团有限公司委员会", "soe", "能源集团党委"),
    ("nmg-ndx", "中共内蒙古大学委员会", "public-institution", "内蒙古大学党委"),
    ("nmg-ykd", "中共内蒙古医科大学委员会", "public-institution", "内蒙古医科大学党委"),
    ("nmg-jtjt", "中共内蒙古交通投资（集团）有限责任公司委员会", "soe", "交投集团党委"),
    ("nmg-swjt", "中共内蒙古水务投资集团有限公司委员会", "soe", "水务集团党委"),
    ("nmg-gsgl", "中共内蒙古高速公路集团有限责任公司委员会", "soe", "高速公路集团党委"),
    ("nmg-sgjt", "中共内蒙古森林工业集团有限责任公司委员会", "soe", "森工集团党委"),
    ("nmg-dkjt", "中共内蒙古地质矿产集团有限公司委员会", "soe", "地矿集团党委"),
    ("nmg-gdw", "中共内蒙古广播电视网络集团有限公司委员会", "soe", "广电网络集团党委"),
    ("nmg-cbjt", "中共内蒙古出版集团有限公司委员会", "soe", "出版集团党委"),
    ("nmg-nmyjt", "中共内蒙古农牧业产业化投资集团有限公司委员会", "soe", "农牧业投资集团党委"),
    ("nmg-wlt", "中共内蒙古文化旅游投资集团有限公司委员会", "soe", "文旅投资集团党委"),
    ("nmg-zbyy", "中共内蒙古国有资本运营有限公司委员会", "soe", "国有资本运营公司党委"),
    ("nmg-gyd", "中共内蒙古工业大学委员会", "public-institution", "内蒙古工业大学党委"),
    ("nmg-nyd", "中共内蒙古农业大学委员会", "public-institution", "内蒙古农业大学党委"),
    ("nmg-sfd", "中共内蒙古师范大学委员会", "public-institution", "内蒙古师范大学党委"),
    ("nmg-kjd", "中共内蒙古科技大学委员会", "public-institution", "内蒙古科技大学党委"),
    ("nmg-cjd", "中共内蒙古财经大学委员会", "public-institution", "内蒙古财经大学党委"),
    ("nmg-mzd", "中共内蒙古民族大学委员会", "public-institution", "内蒙古民族大学党委"),
    ("nmg-ysxy", "中共内蒙古艺术学院委员会", "public-institution", "内蒙古艺术学院党委"),
    ("nmg-hmzxy", "中共呼和浩特民族学院委员会", "public-institution", "呼和浩特民族学院党委"),
    ("nmg-cfxy", "中共赤峰学院委员会", "public-institution", "赤峰学院党委"),
    ("nmg-jnsy", "中共集宁师范学院委员会", "public-institution", "集宁师范学院党委"),
    ("nmg-htxy", "中共河套学院委员会", "public-institution", "河套学院党委"),
    ("nmg-hlbexy", "中共呼伦贝尔学院委员会", "public-institution", "呼伦贝尔学院党委"),
    ("nmg-bsxy", "中共包头师范学院委员会", "public-institution", "包头师范学院党委"),
    ("nmg-rmyy", "中共内蒙古自治区人民医院委员会", "public-institution", "自治区人民医院党委"),
    ("nmg-ykdfy", "中共内蒙古医科大学附属医院委员会", "public-institution", "医科大学附属医院党委"),
    ("nmg-mengyy", "中共内蒙古自治区国际蒙医医院委员会", "public-institution", "国际蒙医医院党委"),
    ("nmg-fybj", "中共内蒙古自治区妇幼保健院委员会", "public-institution", "自治区妇幼保健院党委"),
    ("nmg-zlyy", "中共内蒙古自治区肿瘤医院委员会", "public-institution", "自治区肿瘤医院党委"),
    ("nmg-kjzx", "中共内蒙古自治区科学技术研究院委员会", "public-institution", "自治区科研院党委"),
    ("nmg-shkxy", "中共内蒙古自治区社会科学院委员会", "public-institution", "自治区社科院党委"),
    ("nmg-nmkxy", "中共内蒙古自治区农牧业科学院委员会", "public-institution", "自治区农牧业科学院党委"),
    ("nmg-tsg", "中共内蒙古图书馆委员会", "public-institution", "内蒙古图书馆党委"),
    ("nmg-bwy", "中共内蒙古博物院委员会", "public-institution", "内蒙古博物院党委"),
    ("nmg-gbdst", "中共内蒙古广播电视台委员会", "public-institution", "内蒙古广播电视台党委"),
    ("nmg-rbs", "中共内蒙古日报社委员会", "public-institution", "内蒙古日报社党委"),
]
assert len(REGION_UNITS) == REAL["region-unit"]
AGENCIES = [
    "发展和改革委员会",
    "教育局",
    "科学技术局",
    "工业和信息化局",
    "公安局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农牧局",
    "商务局",
    "文化旅游体育局",
    "卫生健康委员会",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "林业和草原局",
    "能源局",
    "信访局",
    "人民法院",
    "人民检察院",
    "融媒体中心",
]
INSTITUTIONS = [
    "第一中学",
    "第二中学",
    "实验小学",
    "蒙古族学校",
    "人民医院",
    "蒙医医院",
    "疾病预防控制中心",
    "职业中学",
]
TOWN_UNITS = {  # sector: (share among a township's branches, names)
    "private": (
        0.55,
        [
            "乳业有限公司",
            "羊绒制品有限公司",
            "物流有限公司",
            "新能源科技有限公司",
            "肉业食品有限公司",
            "牧业专业合作社",
        ],
    ),
    "social": (0.15, ["个体劳动者协会", "民营企业家商会", "社会工作服务中心", "养老服务中心"]),
    "public-institution": (0.20, ["中心学校", "卫生院", "中心幼儿园", "综合文化站"]),
    "soe": (0.10, ["供电所", "邮政所", "信用社", "粮库"]),
}
ENTERPRISE_BRANCHES = ["供电公司", "分公司", "项目部", "运营中心", "检修中心", "营销中心", "机关"]
FACULTIES = ["机关", "文学院", "经济管理学院", "计算机学院", "医学院", "附属中学", "后勤集团", "离退休"]
NUMBERS = "一二三四五六七八九十"


@dataclass
class Org:
    """One organization as written to the registry, with what the generator needs for its catalog and items."""

    id: str
    name: str
    kind: str
    level: str
    parent: str | None
    sector: str | None = None
    area: str = "全区"  # how its own area is called in titles: 全区, 全盟, 全旗, 全镇, 全嘎查, 全公司
    short: str = ""  # short name used in item titles
    folder: str = ""  # content/<folder>/<org id>/
    weight: float = 1.0  # how much it publishes, relative to a village branch
    league: str = ""  # the league it belongs to ("" for the region's own)
    role: str = ""  # committee, discipline, organ, township, village, unit …
    entries: list[dict[str, Any]] = field(default_factory=list)  # its catalog, expanded (catalogs.py)


def shape(n: int) -> dict[str, int]:
    """How many organizations of each role a region of `n` organizations has (see the module docstring)."""
    skeleton = 9 + 12 * 2 + 103 * 2
    if n < SMALLEST:
        raise ValueError(f"a region needs at least {SMALLEST} organizations (the skeleton alone is {skeleton})")
    rest = n - skeleton
    scale = min(1.0, rest / (REAL_TOTAL - skeleton))
    counts = {role: round(real * scale) for role, real in REAL.items()}
    counts["region-unit"] = max(counts["region-unit"], 5)
    if rest >= 8 * 103:  # every banner has a township, every township a village
        counts["township"] = max(counts["township"], 103)
        counts["village"] = max(counts["village"], counts["township"])
    counts["unit"] = rest - sum(counts.values())
    return counts


def _place(rng: random.Random, used: set[str]) -> str:
    for _ in range(30):
        name = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)
        if name not in used:
            used.add(name)
            return name
    return rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)  # a big region repeats place names, as life does


def _spread(total: int, weights: list[float], rng: random.Random, least: int = 0) -> list[int]:
    """`total` split over len(weights) slots in proportion to the weights, at least `least` each where possible."""
    slots = len(weights)
    if slots == 0:
        return []
    floor = least if total >= least * slots else 0
    counts = [floor] * slots
    left = total - floor * slots
    for slot in rng.choices(range(slots), weights=weights, k=left):
        counts[slot] += 1
    return counts


def _even(total: int, slots: int) -> list[int]:
    """`total` split as evenly as possible over `slots`, the first slots taking one more."""
    return [total // slots + (1 if slot < total % slots else 0) for slot in range(slots)]


REGION_ORGANS = [
    ("nmg-dw", "中共内蒙古自治区委员会", "committee", None, "自治区党委", 400),
    ("nmg-jw", "内蒙古自治区纪委监委", "discipline", "nmg-dw", "自治区纪委监委", 300),
    ("nmg-zzb", "内蒙古自治区党委组织部", "work-organ", "nmg-dw", "自治区党委组织部", 120),
    ("nmg-xcb", "内蒙古自治区党委宣传部", "work-organ", "nmg-dw", "自治区党委宣传部", 120),
    ("nmg-tzb", "内蒙古自治区党委统战部", "work-organ", "nmg-dw", "自治区党委统战部", 100),
    ("nmg-zfw", "内蒙古自治区党委政法委员会", "work-organ", "nmg-dw", "自治区党委政法委", 100),
    ("nmg-jggw", "内蒙古自治区直属机关工作委员会", "dispatched", "nmg-dw", "自治区直属机关工委", 80),
    ("nmg-dx", "中共内蒙古自治区委员会党校", "institution", "nmg-dw", "自治区党委党校", 60),
    ("nmg-zfdz", "内蒙古自治区人民政府党组", "party-group", "nmg-dw", "自治区政府党组", 100),
]
# How much each role publishes, relative to a village branch (1): the region and leagues far more.
WEIGHTS = {
    "league-committee": 150,
    "league-discipline": 100,
    "league-organ": 40,
    "banner-committee": 50,
    "banner-discipline": 30,
    "banner-organ": 12,
    "township": 8,
    "village": 1,
    "region-unit": 6,
    "unit": 0.4,
}


def build_region(n: int, rng: random.Random) -> list[Org]:
    """The organizations of a region of `n`, parents before children."""
    counts = shape(n)
    orgs = [
        Org(i, name, kind, "region", parent, short=short, folder="nmg", weight=w, role=kind)
        for i, name, kind, parent, short, w in REGION_ORGANS
    ]
    region_units = [
        Org(
            i,
            name,
            "grassroots",
            "unit",
            "nmg-dw",
            sector,
            area="全单位",
            short=short,
            folder="nmg",
            weight=WEIGHTS["region-unit"],
            role="region-unit",
        )
        for i, name, sector, short in REGION_UNITS[: counts["region-unit"]]
    ]
    orgs += region_units
    used: set[str] = set()
    banners: list[tuple[Org, str]] = []  # (banner committee, its name)
    league_organs: list[Org] = []
    organ_slots = _even(counts["league-organ"], 12)
    for (code, league_name, league_kind, banner_names), organs in zip(LEAGUES, organ_slots, strict=True):
        area = "全盟" if league_kind == "盟" else "全市"
        committee_word = "盟委" if league_kind == "盟" else "市委"
        base = league_name[:-1]
        common = dict(level="league", area=area, folder=code, league=code)
        orgs.append(
            Org(
                code,
                f"中共{league_name}委员会",
                "committee",
                parent="nmg-dw",
                short=f"{base}{committee_word}",
                weight=WEIGHTS["league-committee"],
                role="committee",
                **common,  # type: ignore[arg-type]
            )
        )
        orgs.append(
            Org(
                f"{code}-jw",
                f"{league_name}纪委监委",
                "discipline",
                parent=code,
                short=f"{league_name}纪委监委",
                weight=WEIGHTS["league-discipline"],
                role="discipline",
                **common,  # type: ignore[arg-type]
            )
        )
        for number, (suffix, name, kind, short) in enumerate(
            [
                ("gw", f"{league_name}直属机关工作委员会", "dispatched", f"{league_name}直属机关工委"),
                ("zzb", f"中共{league_name}委员会组织部", "work-organ", f"{base}{committee_word}组织部"),
            ][:organs]
        ):
            organ = Org(
                f"{code}-{suffix}",
                name,
                kind,
                parent=code,
                short=short,
                weight=WEIGHTS["league-organ"],
                role="organ",
                **common,  # type: ignore[arg-type]
            )
            orgs.append(organ)
            if number == 0:
                league_organs.append(organ)
        for index, banner in enumerate(banner_names, start=1):
            suffix = banner[-1]
            word = {"旗": "旗委", "县": "县委", "区": "区委", "市": "市委"}.get(suffix, "旗委")
            banner_id = f"{code}-{index:02d}"
            short_name = banner[:-1] if len(banner) > 2 else banner
            banner_area = {"旗": "全旗", "县": "全县", "区": "全区", "市": "全市"}.get(suffix, "全旗")
            committee = Org(
                banner_id,
                f"中共{banner}委员会",
                "committee",
                "banner",
                code,
                area=banner_area,
                short=f"{short_name}{word}",
                folder=code,
                weight=WEIGHTS["banner-committee"],
                league=code,
                role="committee",
            )
            orgs.append(committee)
            orgs.append(
                Org(
                    f"{banner_id}-jw",
                    f"{banner}纪委监委",
                    "discipline",
                    "banner",
                    banner_id,
                    area=banner_area,
                    short=f"{banner}纪委监委",
                    folder=code,
                    weight=WEIGHTS["banner-discipline"],
                    league=code,
                    role="discipline",
                )
            )
            banners.append((committee, banner))
    # Banner organs: the organs' working committee first (it holds the agency branches), then the organization department.
    banner_organs: dict[str, Org] = {}
    for (committee, banner), organs in zip(banners, _even(counts["banner-organ"], 103), strict=True):
        word = committee.short[-2:]
        for number, (suffix, name, kind, short) in enumerate(
            [
                ("gw", f"中共{banner}直属机关工作委员会", "dispatched", f"{banner}直属机关工委"),
                ("zzb", f"中共{banner}委员会组织部", "work-organ", f"{committee.short[:-2]}{word}组织部"),
            ][:organs]
        ):
            organ = Org(
                f"{committee.id}-{suffix}",
                name,
                kind,
                "banner",
                committee.id,
                area=committee.area,
                short=short,
                folder=committee.folder,
                weight=WEIGHTS["banner-organ"],
                league=committee.league,
                role="organ",
            )
            orgs.append(organ)
            if number == 0:
                banner_organs[committee.id] = organ
    townships = _townships(counts["township"], banners, used, rng)
    orgs += townships
    orgs += _villages(counts["village"], townships, used, rng)
    jggw = next(org for org in orgs if org.id == "nmg-jggw")
    orgs += _units(counts["unit"], [jggw], region_units, league_organs, banners, banner_organs, townships, used, rng)
    assert len(orgs) == n, (len(orgs), n)
    return orgs


def _townships(total: int, banners: list[tuple[Org, str]], used: set[str], rng: random.Random) -> list[Org]:
    """Townships, sumu and streets: more in a large banner, streets in a city district."""
    weights = [{"旗": 1.2, "县": 1.1, "市": 0.9, "区": 0.7}.get(name[-1], 1.0) for _, name in banners]
    townships: list[Org] = []
    for (committee, banner), count in zip(banners, _spread(total, weights, rng, least=1), strict=True):
        streets = {"区": 0.85, "市": 0.4}.get(banner[-1], 0.08)
        for number in range(1, count + 1):
            place = _place(rng, used)
            if rng.random() < streets:
                form = "街道"
            else:
                form = rng.choice(["苏木", "镇", "镇"] if banner[-1] == "旗" else ["镇", "镇", "乡"])
            area = {"苏木": "全苏木", "镇": "全镇", "乡": "全乡", "街道": "全街道"}[form]
            townships.append(
                Org(
                    f"{committee.id}-{number}",
                    f"中共{banner}{place}{form}{'工作委员会' if form == '街道' else '委员会'}",
                    "grassroots",
                    "township",
                    committee.id,
                    "township",
                    area=area,
                    short=f"{place}街道党工委" if form == "街道" else f"{place}{form}党委",
                    folder=committee.folder,
                    weight=WEIGHTS["township"],
                    league=committee.league,
                    role="township",
                )
            )
    return townships


def _villages(total: int, townships: list[Org], used: set[str], rng: random.Random) -> list[Org]:
    """Gacha and villages under townships and sumu, communities under streets."""
    villages: list[Org] = []
    for town, count in zip(townships, _spread(total, [1.0] * len(townships), rng, least=1), strict=True):
        street = town.short.endswith("街道党工委")
        town_name = town.name[2:].removesuffix("工作委员会").removesuffix("委员会")
        for number in range(1, count + 1):
            place = _place(rng, used)
            form = (
                "社区"
                if street
                else rng.choice(["嘎查", "嘎查", "村"] if "苏木" in town.name else ["村", "村", "嘎查"])
            )
            villages.append(
                Org(
                    f"{town.id}-{number}",
                    f"中共{town_name}{place}{form}支部委员会",
                    "grassroots",
                    "village",
                    town.id,
                    "village",
                    area="全村" if form == "村" else f"全{form}",
                    short=f"{place}{form}党支部",
                    folder=town.folder,
                    weight=WEIGHTS["village"],
                    league=town.league,
                    role="village",
                )
            )
    return villages


def _units(
    total: int,
    region_organs: list[Org],
    region_units: list[Org],
    league_organs: list[Org],
    banners: list[tuple[Org, str]],
    banner_organs: dict[str, Org],
    townships: list[Org],
    used: set[str],
    rng: random.Random,
) -> list[Org]:
    """The branches of agencies, institutions, enterprises and social organizations (level unit)."""
    # Agencies stand under a working committee where there is one, else under the banner committee.
    banner_parents = [banner_organs.get(committee.id, committee) for committee, _ in banners]
    pools: list[tuple[float, list[Org]]] = [
        (UNIT_PARENTS["region-organs"], region_organs),
        (UNIT_PARENTS["region-unit"], region_units),
        (UNIT_PARENTS["league-organ"], league_organs),
        (UNIT_PARENTS["banner-organ"], banner_parents),
        (UNIT_PARENTS["township"], townships),
    ]
    parents: list[Org] = []
    weights: list[float] = []
    for share, pool in pools:
        for parent in pool:
            parents.append(parent)
            weights.append(share / len(pool))
    per_parent = _spread(total, weights, rng)
    units: list[Org] = []
    for parent, count in zip(parents, per_parent, strict=True):
        for number in range(1, count + 1):
            units.append(_unit(parent, number, used, rng))
    return units


def _ordinal(number: int) -> str:
    """一 … 九百九十九, as a branch is numbered (第十二支部)."""
    if number < 1 or number > 999:
        return str(number)
    hundreds, rest = divmod(number, 100)
    tens, ones = divmod(rest, 10)
    words = f"{NUMBERS[hundreds - 1]}百" if hundreds else ""
    if tens:
        words += ("" if tens == 1 and not hundreds else NUMBERS[tens - 1]) + "十"
    elif hundreds and ones:
        words += "零"
    return words + (NUMBERS[ones - 1] if ones else "")


def _unit(parent: Org, number: int, used: set[str], rng: random.Random) -> Org:
    """One branch under `parent`, named as such branches are."""
    where = parent.name.removeprefix("中共").removesuffix("委员会").removesuffix("直属机关工作")
    where = where.removesuffix("工作").removesuffix("党")
    if parent.role == "region-unit":
        sector = parent.sector or "soe"
        sub = rng.choice(ENTERPRISE_BRANCHES if sector == "soe" else FACULTIES)
        name = f"中共{where}{sub}第{_ordinal(number)}支部委员会"
        short = f"{parent.short.removesuffix('党委')}{sub}党支部"
    elif parent.kind in ("dispatched", "committee"):
        where = parent.name.removeprefix("中共").split("直属机关")[0].removesuffix("委员会")
        if rng.random() < 0.75:
            sector, agency = "agency", AGENCIES[(number - 1) % len(AGENCIES)]
            rank = (number - 1) // len(AGENCIES) + 1
            name = f"中共{where}{agency}机关{'' if rank == 1 else '第' + _ordinal(rank)}支部委员会"
        else:
            sector, agency = "public-institution", rng.choice(INSTITUTIONS)
            name = f"中共{where}{agency}支部委员会"
        short = f"{where}{agency}党支部"
    else:  # a township's or street's enterprises, social organizations, schools and clinics
        shares = [share for share, _ in TOWN_UNITS.values()]
        sector = rng.choices(list(TOWN_UNITS), weights=shares)[0]
        trade = rng.choice(TOWN_UNITS[sector][1])
        place = _place(rng, used) if sector in ("private", "social") else where.split("旗")[-1].split("县")[-1]
        name = f"中共{place}{trade}支部委员会"
        short = f"{place}{trade}党支部"
    return Org(
        f"{parent.id}-u{number}",
        name,
        "grassroots",
        "unit",
        parent.id,
        sector,
        area="全单位",
        short=short,
        folder=parent.folder,
        weight=WEIGHTS["unit"],
        league=parent.league,
        role="unit",
    )
