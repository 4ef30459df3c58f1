"""The disclosure catalogs of a generated region: guidance templates and each organization's catalog.

Art. 14 has superiors guide their subordinates' catalogs; the region does so with templates
(`catalogs/templates/<id>.yml`, see site_plugins/guidance.py):

* `dangwei` (issued by the region committee): what a league's or banner's committee
  discloses (Art. 9, after Art. 8); `jijian` (the region's discipline commission): its
  league and banner commissions (Art. 12); `jiguan`: work organs and working committees
  (Art. 13);
* `jiceng` (the organization department): what every grassroots organization discloses
  (Art. 10), and one template per sector built on it (Art. 11): `xiangzhen`, `gacha-cun`,
  `guoqi`, `feigong` (published inside the party only), `shehui`, `shiye`, `jiguan-zhibu`;
* each league guides its own gacha and villages: `<league>-gacha-cun` extends `gacha-cun`.

The region's own organs keep catalogs of their own; every other organization's catalog is
a few lines: `extends:`, its adoption and filing, sometimes an entry removed or narrowed,
or one of its own.  `Catalogs.expanded` mirrors the product's expansion, so that the
generated items are filed under entries the product will find.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field
from typing import Any

from region import LEAGUES, Org

# A catalog entry as written to a catalog or template (plus the generator's own `topic`).
EntryData = dict[str, Any]
PASTORAL = {"xlgl", "hlbe", "als", "xam", "tl", "cf", "eeds", "byne", "wlcb"}


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


def committee_entries(a: str = "本地区", who: str = "党委", office: str = "办公室") -> list[EntryData]:
    """Art. 8 for the region committee (its own catalog); Art. 9: leagues and banners follow Art. 8 (template)."""
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


def discipline_entries() -> list[EntryData]:
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


def organ_entries(kind: str) -> list[EntryData]:
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
    }[kind]
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


def grassroots_entries(who: str = "党组织") -> list[EntryData]:
    """Art. 10: what every grassroots organization discloses (the `jiceng` template)."""
    return [
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


def sector_entries(sector: str, who: str = "党组织") -> list[EntryData]:
    """Art. 11 by the sector a grassroots organization serves (its sector's template)."""
    return {
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
    }[sector]


# --------------------------------------------------------------------------- templates


@dataclass
class TemplateData:
    """A guidance template as written to catalogs/templates/<id>.yml."""

    id: str
    title: str
    issued_by: str
    comment: str
    entries: list[EntryData] = field(default_factory=list)
    required: set[str] = field(default_factory=set)
    extends: str | None = None
    scope: str | None = None
    remove: list[str] = field(default_factory=list)
    narrow: list[dict[str, Any]] = field(default_factory=list)


SECTOR_TEMPLATES = {
    "township": ("xiangzhen", "苏木乡镇和街道党组织党务公开指导目录", "第十一条（一）"),
    "village": ("gacha-cun", "嘎查村和社区党组织党务公开指导目录", "第十一条（一）"),
    "soe": ("guoqi", "国有企业党组织党务公开指导目录", "第十一条（二）"),
    "private": ("feigong", "非公有制经济组织党组织党务公开指导目录", "第十一条（三）"),
    "social": ("shehui", "社会组织党组织党务公开指导目录", "第十一条（四）"),
    "public-institution": ("shiye", "事业单位党组织党务公开指导目录", "第十一条（五）"),
    "agency": ("jiguan-zhibu", "机关党组织党务公开指导目录", "第十一条（六）"),
}
LEAGUE_VILLAGE_ENTRY = {
    True: (
        "caoyuan-shengtai",
        "草原生态保护补助奖励政策落实和资金发放情况",
        "第十一条（一）",
        "public",
        "periodic",
        "yearly",
        ["bulletin-board", "new-media"],
        "党组织",
        "草原生态保护补助奖励资金发放情况",
    ),
    False: (
        "jiti-jingji",
        "嘎查村集体经济发展和收益分配情况",
        "第十一条（一）",
        "public",
        "periodic",
        "half-yearly",
        ["bulletin-board", "new-media"],
        "党组织",
        "集体经济收益分配情况",
    ),
}


def templates() -> list[TemplateData]:
    """Every template the region issues, in the order they build on each other."""
    made = [
        TemplateData(
            "dangwei",
            "盟市和旗县市区党委党务公开指导目录",
            "nmg-dw",
            "依据《实施细则》第九条，参照第八条",
            committee_entries(),
            required={"zhongda-juece", "zhongyao-huiyi", "xunshi"},
        ),
        TemplateData(
            "jijian",
            "盟市和旗县市区纪检监察机关党务公开指导目录",
            "nmg-jw",
            "依据《实施细则》第十二条",
            discipline_entries(),
            required={"bafang-guiding", "shencha-diaocha"},
        ),
        TemplateData(
            "jiguan",
            "党的工作机关和派出机关党务公开指导目录",
            "nmg-dw",
            "依据《实施细则》第十三条",
            organ_entries("work-organ"),
            required={"zhineng-jigou"},
        ),
        TemplateData(
            "jiceng",
            "基层党组织党务公开指导目录",
            "nmg-zzb",
            "依据《实施细则》第十条",
            grassroots_entries(),
            required={"jiben-qingkuang", "sanhui-yike"},
        ),
    ]
    for sector, (template_id, title, basis) in SECTOR_TEMPLATES.items():
        made.append(
            TemplateData(
                template_id,
                title,
                "nmg-zzb",
                f"依据《实施细则》第十条、{basis}",
                sector_entries(sector),
                extends="jiceng",
                # A private enterprise's branch publishes its catalog inside the party only, and
                # its Art. 10 matters inside the party too.
                scope="party" if sector == "private" else None,
                narrow=[
                    {"id": e["id"], "scope": "party"}
                    for e in grassroots_entries()
                    if sector == "private" and e["scope"] == "public"
                ],
                remove=["guanai-bangfu"] if sector in ("soe", "private", "agency") else [],
            )
        )
    for code, league_name, _, _ in LEAGUES:
        entry = LEAGUE_VILLAGE_ENTRY[code in PASTORAL]
        made.append(
            TemplateData(
                f"{code}-gacha-cun",
                f"{league_name}嘎查村和社区党组织党务公开指导目录",
                code,
                f"{league_name}对本地嘎查村和社区党组织目录编制的指导，依据《实施细则》第十四条第二款",
                [_entry(*entry)],
                extends="gacha-cun",
            )
        )
    return made


def _narrowed(entry: EntryData, change: dict[str, Any]) -> EntryData:
    return dict(entry, **{k: v for k, v in change.items() if k != "id"})


class Catalogs:
    """The templates, and each organization's catalog made from one (or written in full)."""

    def __init__(self) -> None:
        self.templates = {t.id: t for t in templates()}
        self._expanded: dict[str, tuple[list[EntryData], set[str]]] = {}

    def expanded(self, template_id: str) -> tuple[list[EntryData], set[str]]:
        """A template's entries with its chain applied, and the ids a catalog may not remove."""
        if template_id not in self._expanded:
            t = self.templates[template_id]
            entries, required = ([], set()) if t.extends is None else self.expanded(t.extends)
            entries, required = _apply(entries, required, t.remove, t.narrow, t.entries)
            self._expanded[template_id] = (entries, required | t.required)
        return self._expanded[template_id]

    def template_of(self, org: Org) -> str | None:
        """The template an organization's catalog extends; None for the region's own organs."""
        if org.level == "region" and org.role != "region-unit":
            return None
        if org.kind == "committee":
            return "dangwei"
        if org.kind == "discipline":
            return "jijian"
        if org.kind != "grassroots":
            return "jiguan"
        if org.sector == "village" and org.league:
            return f"{org.league}-gacha-cun"
        return SECTOR_TEMPLATES[org.sector or "village"][0]

    def choose(self, org: Org, rng: random.Random) -> dict[str, Any]:
        """How `org`'s catalog is made: its template, and what it removes, narrows and adds."""
        template = self.template_of(org)
        if template is None:
            org.entries = own_entries(org)
            return {"template": None, "remove": [], "narrow": [], "entries": org.entries}
        entries, required = self.expanded(template)
        optional = [e["id"] for e in entries if e["id"] not in required]
        remove = rng.sample(optional, rng.choice([1, 1, 2])) if optional and rng.random() < 0.3 else []
        narrow = []
        public = [e["id"] for e in entries if e["scope"] == "public" and e["id"] not in remove]
        if public and rng.random() < 0.1:
            narrow.append({"id": rng.choice(public), "scope": "party"})
        own = []
        if org.role == "village" and rng.random() < 0.1:
            own.append(
                _entry(
                    "huimin-zhengce",
                    "惠农惠牧政策落实和补贴资金发放情况",
                    "第十一条（一）",
                    "public",
                    "periodic",
                    "yearly",
                    ["bulletin-board"],
                    "党支部",
                    "惠农惠牧补贴资金发放情况",
                )
            )
        org.entries, _ = _apply(entries, required, remove, narrow, own)
        return {"template": template, "remove": remove, "narrow": narrow, "entries": own}


def _apply(
    entries: list[EntryData],
    required: set[str],
    remove: list[str],
    narrow: list[dict[str, Any]],
    own: list[EntryData],
) -> tuple[list[EntryData], set[str]]:
    """What the product's guidance.Expander does, for a generated (always valid) catalog."""
    assert not set(remove) & required
    changes = {n["id"]: n for n in narrow}
    kept = [_narrowed(e, changes[e["id"]]) if e["id"] in changes else e for e in entries if e["id"] not in remove]
    return kept + own, required - set(remove)


def own_entries(org: Org) -> list[EntryData]:
    """The region's own organs: catalogs written in full (nobody above them in the region guides them)."""
    if org.kind == "committee":
        return committee_entries("全区", org.short, "办公厅")
    if org.kind == "discipline":
        return discipline_entries()
    return organ_entries(org.kind)


# --------------------------------------------------------------------------- YAML


def _entry_lines(e: EntryData, required: bool = False) -> list[str]:
    lines = [
        f"  - id: {e['id']}",
        f"    title: {e['title']}",
        f"    basis: {e['basis']}",
        f"    scope: {e['scope']}",
        f"    timing: {e['timing']}",
    ]
    if e["period"]:
        lines.append(f"    period: {e['period']}")
    lines += [f"    methods: [{', '.join(e['methods'])}]", f"    department: {e['department']}"]
    if required:
        lines.append("    required: true")
    return lines + [""]


def _changes(remove: list[str], narrow: list[dict[str, Any]]) -> list[str]:
    lines = [f"remove: [{', '.join(remove)}]"] if remove else []
    if narrow:
        lines.append("narrow:")
        for change in narrow:
            lines.append(f"  - id: {change['id']}")
            lines += [f"    {key}: {value}" for key, value in change.items() if key != "id"]
    return lines


def template_yaml(t: TemplateData) -> str:
    lines = [f"# {t.title}（{t.comment}）", f"template: {t.id}", f"title: {t.title}", f"issued_by: {t.issued_by}"]
    lines.append("issued_on: 2023-11-15")
    if t.scope:
        lines.append(f"scope: {t.scope}")
    if t.extends:
        lines.append(f"extends: {t.extends}")
    lines += _changes(t.remove, t.narrow)
    if t.entries:
        lines.append("entries:")
        for e in t.entries:
            lines += _entry_lines(e, e["id"] in t.required)
    return "\n".join(lines).rstrip("\n") + "\n"


def catalog_yaml(org: Org, made: dict[str, Any], scope: str, rng: random.Random) -> str:
    """`org`'s catalog: a few lines when it extends a template, every entry when it does not."""
    adopted = dt.date(2023, 12, 1) + dt.timedelta(days=rng.randrange(0, 40))
    filed = adopted + dt.timedelta(days=rng.randrange(3, 15))
    article = list(dict.fromkeys(re.sub(r"（.*|第[一二三四]款", "", e["basis"]) for e in org.entries))
    lines = [f"# {org.name}党务公开目录（依据《实施细则》{'、'.join(article)}）", f"org: {org.id}"]
    if made["template"]:
        lines.append(f"extends: {made['template']}")
    lines += [f"adopted_on: {adopted}", f"filed_with: {org.parent or '党中央'}"]
    # A few organizations have not filed yet: the compliance dashboard should show them.
    if rng.random() > 0.03:
        lines.append(f"filed_on: {filed}")
    lines.append(f"scope: {scope}")
    lines += _changes(made["remove"], made["narrow"])
    if made["entries"]:
        lines.append("entries:")
        for e in made["entries"]:
            lines += _entry_lines(e)
    return "\n".join(lines).rstrip("\n") + "\n"
