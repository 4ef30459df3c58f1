"""The vocabularies of the disclosure domain (SPEC §3–§7): StrEnums and their Chinese labels.

Members are the words written in the YAML and compare equal to them; the order of
definition is the order messages list them in.
"""

from __future__ import annotations

from enum import StrEnum

# A label (the Chinese name shown to readers) is one table per vocabulary keyed by its members.


class OrgKind(StrEnum):
    """What sort of party organization it is (党组织类别, SPEC §3)."""

    COMMITTEE = "committee"
    DISCIPLINE = "discipline"
    WORK_ORGAN = "work-organ"
    DISPATCHED = "dispatched"
    INSTITUTION = "institution"
    PARTY_GROUP = "party-group"
    GRASSROOTS = "grassroots"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


class OrgLevel(StrEnum):
    """Where an organization stands (层级), from the region down: the one level order."""

    REGION = "region"
    LEAGUE = "league"
    BANNER = "banner"
    TOWNSHIP = "township"
    VILLAGE = "village"
    UNIT = "unit"

    @property
    def label(self) -> str:
        return ORG_LEVEL_LABELS[self]


class Sector(StrEnum):
    """The field a grassroots organization serves (领域, Art. 11)."""

    TOWNSHIP = "township"
    VILLAGE = "village"
    SOE = "soe"
    PRIVATE = "private"
    SOCIAL = "social"
    PUBLIC_INSTITUTION = "public-institution"
    AGENCY = "agency"


class Scope(StrEnum):
    """Who may see a thing (公开范围, Art. 15)."""

    PUBLIC = "public"
    PARTY = "party"
    UNIT = "unit"
    SPECIFIC = "specific"

    @property
    def label(self) -> str:
        return SCOPE_LABELS[self]

    @property
    def width(self) -> int:
        """How far it reaches (Art. 15): an item may never be wider than its catalog entry."""
        return _SCOPE_WIDTH[self]


class Timing(StrEnum):
    """When a matter is disclosed (公开时限, Art. 17)."""

    LONG_TERM = "long-term"
    PERIODIC = "periodic"
    IMMEDIATE = "immediate"

    @property
    def label(self) -> str:
        return TIMING_LABELS[self]


class PeriodKind(StrEnum):
    """How often a periodic matter is disclosed (Art. 17); `periods.Period` is one such period."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half-yearly"
    YEARLY = "yearly"

    @property
    def label(self) -> str:
        return PERIOD_LABELS[self]

    @property
    def months(self) -> int:
        return _MONTHS[self]


class ApprovalLevel(StrEnum):
    """Who must approve an item (审批层级, Art. 18–19)."""

    ROUTINE = "routine"
    IMPORTANT = "important"
    SUPERIOR = "superior"

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]


class Status(StrEnum):
    """Where an item's paperwork stands, as its author writes it."""

    DRAFT = "draft"
    APPROVED = "approved"
    WITHDRAWN = "withdrawn"


class DisclosureMode(StrEnum):
    """How an item is disclosed (公开方式 of an information-disclosure record): on the
    organization's own initiative (Art. 18: 主动公开), or given to those who asked for it."""

    PROACTIVE = "proactive"
    ON_REQUEST = "on-request"

    @property
    def label(self) -> str:
        return DISCLOSURE_MODE_LABELS[self]


class Lifecycle(StrEnum):
    """What a document is on one day (`audience.lifecycle`): built, archived, or why not."""

    LIVE = "live"
    EXPIRED = "expired"  # kept as archive in intranet builds
    DRAFT = "draft"
    WITHDRAWN = "withdrawn"
    EMBARGOED = "embargoed"  # approved, dated later (or not dated)


class Method(StrEnum):
    """A way of disclosing (公开方式, Art. 20)."""

    MEETING = "meeting"
    DOCUMENT = "document"
    BRIEFING = "briefing"
    INTRANET = "intranet"
    COMMUNIQUE = "communique"
    PRESS_CONFERENCE = "press-conference"
    INTERVIEW = "interview"
    NEWSPAPER = "newspaper"
    RADIO = "radio"
    TV = "tv"
    WEBSITE = "website"
    NEW_MEDIA = "new-media"
    BULLETIN_BOARD = "bulletin-board"

    @property
    def label(self) -> str:
        return METHOD_LABELS[self]


_SCOPE_WIDTH = {Scope.SPECIFIC: 0, Scope.UNIT: 1, Scope.PARTY: 2, Scope.PUBLIC: 3}
_MONTHS = {PeriodKind.MONTHLY: 1, PeriodKind.QUARTERLY: 3, PeriodKind.HALF_YEARLY: 6, PeriodKind.YEARLY: 12}

SCOPE_LABELS = {
    Scope.PUBLIC: "向社会公开",
    Scope.PARTY: "党内公开",
    Scope.UNIT: "本单位公开",
    Scope.SPECIFIC: "特定对象公开",
}
TIMING_LABELS = {Timing.LONG_TERM: "长期公开", Timing.PERIODIC: "定期公开", Timing.IMMEDIATE: "随时公开"}
PERIOD_LABELS = {
    PeriodKind.MONTHLY: "每月",
    PeriodKind.QUARTERLY: "每季度",
    PeriodKind.HALF_YEARLY: "每半年",
    PeriodKind.YEARLY: "每年",
}
LEVEL_LABELS = {
    ApprovalLevel.ROUTINE: "一般事项",
    ApprovalLevel.IMPORTANT: "重要事项",
    ApprovalLevel.SUPERIOR: "报上级审批事项",
}
DISCLOSURE_MODE_LABELS = {DisclosureMode.PROACTIVE: "主动公开", DisclosureMode.ON_REQUEST: "依申请公开"}
ORG_LEVEL_LABELS = {
    OrgLevel.REGION: "自治区",
    OrgLevel.LEAGUE: "盟市",
    OrgLevel.BANNER: "旗县市区",
    OrgLevel.TOWNSHIP: "苏木乡镇（街道）",
    OrgLevel.VILLAGE: "嘎查村（社区）",
    OrgLevel.UNIT: "企事业单位",
}
KIND_LABELS = {
    OrgKind.COMMITTEE: "地方党委",
    OrgKind.DISCIPLINE: "纪律检查机关",
    OrgKind.WORK_ORGAN: "党的工作机关",
    OrgKind.DISPATCHED: "党委派出机关",
    OrgKind.INSTITUTION: "党委直属事业单位",
    OrgKind.PARTY_GROUP: "党组",
    OrgKind.GRASSROOTS: "基层党组织",
}
METHOD_LABELS = {
    Method.MEETING: "召开会议",
    Method.DOCUMENT: "制发文件",
    Method.BRIEFING: "编发简报",
    Method.INTRANET: "局域网发布",
    Method.COMMUNIQUE: "发布公报",
    Method.PRESS_CONFERENCE: "新闻发布会",
    Method.INTERVIEW: "接受采访",
    Method.NEWSPAPER: "报刊",
    Method.RADIO: "广播",
    Method.TV: "电视",
    Method.WEBSITE: "互联网",
    Method.NEW_MEDIA: "新媒体",
    Method.BULLETIN_BOARD: "公开栏",
}

# The vocabularies as tuples of their words, for the loader's `Reader.choice` (load.py).
KINDS = tuple(OrgKind)
LEVELS = tuple(OrgLevel)
SECTORS = tuple(Sector)
SCOPES = tuple(Scope)
TIMINGS = tuple(Timing)
PERIODS = tuple(PeriodKind)
APPROVAL_LEVELS = tuple(ApprovalLevel)
STATUSES = tuple(Status)
METHODS = tuple(Method)

# The default of `overdue_grace_days` (plugin) and `--grace` (cli): days after a period
# ends before its disclosure counts as overdue.
DEFAULT_GRACE_DAYS = 30
