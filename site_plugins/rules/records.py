"""Rules of an item's record (文件信息): index number, document number, date written, topic,
disclosure mode, and the outcome a consultation names.

A government information-disclosure record (索引号, 发文字号, 成文日期, 主题分类, 公开方式) is
what a records officer files an item by, so each part must be what it says: a document
number in the shape GB/T 9704 gives it, a signing day no later than publication, a topic
of the site's vocabulary, one item per index number.  Who may read a consultation's outcome
is judged with the other links between items (rules/every_build.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..fields import closest, quoted
from ..i18n import _
from ..index_numbers import same_number
from ..model import Document, Problem, Site
from ..vocab import DisclosureMode, Scope
from .common import at

# 发文字号 (GB/T 9704-2012 7.2.3): 发文机关代字, the year in 六角括号 〔〕, the serial without
# leading zeros, 号 — 内党办发〔2026〕12号.  Read loosely: any words before the year.
DOC_NUMBER = re.compile(r"^(?P<agency>[^\s〔〕]*[\u4e00-\u9fff][^\s〔〕]*)〔(?P<year>\d{4})〕(?P<serial>[1-9]\d*)号$")
# Brackets editors write for 〔〕: ASCII, full-width and the other CJK ones.
_WRONG_BRACKETS = re.compile(r"[\[［【（(﹝〖\{｛](\d{4}|[０-９]{4})[\]］】）)﹞〗\}｝]")
_FULL_WIDTH_DIGIT = re.compile(r"[０-９]")


def doc_number_problem(number: str) -> str | None:
    """What is wrong with a 发文字号 as written, as a hint, or None if it has the shape of one."""
    example = "内党办发〔2026〕12号"
    if DOC_NUMBER.match(number):
        return None
    if any(char.isspace() for char in number):
        return _("write it without spaces, e.g. {example}").format(example=example)
    if _FULL_WIDTH_DIGIT.search(number):
        return _("write its digits as 0–9, not full-width ０–９, e.g. {example}").format(example=example)
    if _WRONG_BRACKETS.search(number):
        return _("put the year in 六角括号 〔〕 (GB/T 9704), not [ ] or （ ）, e.g. {example}").format(example=example)
    if "〔" not in number or "〕" not in number:
        return _("write 发文机关代字〔year〕serial号, e.g. {example}").format(example=example)
    after = number.partition("〕")[2]
    if after.startswith("第"):
        return _("leave out 第 before the serial, e.g. {example}").format(example=example)
    if after[:1] == "0":
        return _("write the serial without leading zeros (不编虚位: 12号, not 012号), e.g. {example}").format(
            example=example
        )
    if not after.endswith("号"):
        return _("end it with 号 after the serial, e.g. {example}").format(example=example)
    if not re.match(r"^\d{4}〕", number.partition("〔")[2]):
        return _("write the year with four digits in 〔〕, e.g. {example}").format(example=example)
    return _("write 发文机关代字 (in Chinese), 〔year〕 and serial号, e.g. {example}").format(example=example)


def doc_number_has_its_shape(doc: Document, site: Site) -> Iterator[Problem]:
    """发文字号: 发文机关代字〔年份〕序号号 — and the document was numbered no later than it was published."""
    if not doc.doc_number:
        return
    hint = doc_number_problem(doc.doc_number)
    if hint is not None:
        yield at(
            doc,
            "doc_number",
            _("doc_number '{quoted}' is not a 发文字号").format(quoted=quoted(doc.doc_number)),
            hint,
            "GB/T 9704",
        )
        return
    match = DOC_NUMBER.match(doc.doc_number)
    assert match is not None
    year = int(match.group("year"))
    if doc.date is not None and year > doc.date.year:
        yield at(
            doc,
            "doc_number",
            _("doc_number {doc_number} is of {year}, after the item's date {date}").format(
                doc_number=doc.doc_number, year=year, date=doc.date
            ),
            _("a document is numbered before it is published: check the year in 〔〕 and the date"),
        )
    elif doc.written_on is not None and year < doc.written_on.year:
        yield at(
            doc,
            "doc_number",
            _("doc_number {doc_number} is of {year}, before the document was written ({written_on})").format(
                doc_number=doc.doc_number, year=year, written_on=doc.written_on
            ),
            _("a document is numbered when it is issued, after it is signed: check the year in 〔〕 and written_on"),
        )


def written_before_published(doc: Document, site: Site) -> Iterator[Problem]:
    """成文日期: the document was signed on or before the day it is published."""
    if doc.written_on is not None and doc.date is not None and doc.written_on > doc.date:
        yield at(
            doc,
            "written_on",
            _("written_on {written_on} is after the item's date {date}").format(
                written_on=doc.written_on, date=doc.date
            ),
            _("written_on is the day the document was signed (成文日期), on or before its publication date"),
        )


def topic_is_in_the_vocabulary(doc: Document, site: Site) -> Iterator[Problem]:
    """主题分类: a topic named by its id in catalogs/topics.yml."""
    if not doc.topic or doc.topic in site.topics:
        return
    if not site.topics:
        yield at(
            doc,
            "topic",
            _("topic '{quoted}', but the site has no topic vocabulary").format(quoted=quoted(doc.topic)),
            _("list the topics in catalogs/topics.yml (- id: …, name: …), or remove 'topic'"),
        )
        return
    by_name = {topic.name: topic for topic in site.topics.values()}
    if doc.topic in by_name:
        hint = _("write topic: {id} (the id of {topic})").format(id=by_name[doc.topic].id, topic=doc.topic)
    elif (near := closest(doc.topic, set(site.topics))) is not None:
        hint = _("did you mean '{near}' ({name})?").format(near=near, name=site.topics[near].name)
    else:
        shown = ", ".join(f"{t.id} ({t.name})" for t in list(site.topics.values())[:12])
        hint = _("use an id of catalogs/topics.yml: {shown}").format(shown=shown)
    yield at(doc, "topic", _("unknown topic '{quoted}'").format(quoted=quoted(doc.topic)), hint)


def on_request_items_are_not_published_to_everyone(doc: Document, site: Site) -> Iterator[Problem]:
    """依申请公开: an item disclosed on request is given to those who asked, never to the public, and
    is no catalog entry — Art. 18 has every catalog matter disclosed on the organization's own
    initiative (主动公开), so a request is a matter outside the catalog (Art. 19).

    Fail closed: the scope is what keeps it out of the public build, and a build refuses to
    start while this rule finds a problem, so an on-request item never reaches the internet.
    """
    if doc.disclosure_mode != DisclosureMode.ON_REQUEST:
        return
    if doc.scope == Scope.PUBLIC:
        yield at(
            doc,
            "disclosure_mode",
            _(
                "an item disclosed on request (依申请公开) cannot have scope 'public': it is given to those who asked, not published to everyone"
            ),
            _(
                "give it the scope of its requesters (party, unit, or specific with audience: [their org ids]), or write disclosure_mode: proactive to publish it"
            ),
            "Art. 15",
        )
    if doc.catalog:
        yield at(
            doc,
            "disclosure_mode",
            _("an item of catalog entry '{catalog}' is disclosed proactively (主动公开), not on request").format(
                catalog=doc.catalog
            ),
            _(
                "remove disclosure_mode (every catalog matter is 主动公开, Art. 18), or remove 'catalog' and record the superior's approval of a matter outside the catalog (Art. 19)"
            ),
            "Art. 18",
        )


def consultation_outcome_is_one_of_its_items(doc: Document, site: Site, ids: dict[str, Document]) -> Iterator[Problem]:
    """Art. 18(5), 22: a consultation's outcome (意见采纳情况) is an item of the organization that
    consulted, published once the opinions are in.  Whether every reader of the consultation
    may read it is `every_build.references_shown_wherever_the_item_is`."""
    c = doc.consultation
    if c is None or not c.outcome:
        return
    target = ids.get(c.outcome)
    if target is doc:
        yield at(
            doc,
            "consultation.outcome",
            _("the consultation names itself as its outcome"),
            _("name the item that reports what became of the opinions (意见采纳情况)"),
            "Art. 18(5)",
        )
    elif target is None:
        near = closest(c.outcome, set(ids))
        yield at(
            doc,
            "consultation.outcome",
            _("consultation.outcome names unknown item '{quoted}'").format(quoted=quoted(c.outcome)),
            _("did you mean '{near}'?").format(near=near)
            if near
            else _("use the outcome item's id (its path without .md, or its 'id')"),
            "Art. 18(5)",
        )
    elif target.org != doc.org:
        yield at(
            doc,
            "consultation.outcome",
            _("consultation.outcome names {path}, an item of '{org}', not of '{doc_org}'").format(
                path=target.where.path, org=target.org, doc_org=doc.org
            ),
            _("the organization that asked for opinions reports what became of them: name an item of its own"),
            "Art. 18(5)",
        )
    elif c.until is not None and target.date is not None and target.date < c.until:
        yield at(
            doc,
            "consultation.outcome",
            _("consultation.outcome names {path}, dated {date}, before the consultation closes on {until}").format(
                path=target.where.path, date=target.date, until=c.until
            ),
            _("the outcome is reported once the opinions are in: date it on or after consultation.until"),
            "Art. 18(5)",
        )


def index_numbers_name_one_item(site: Site) -> Iterator[Problem]:
    """索引号: two items whose numbers differ only in case or in zeros before a number
    (`NMGDW/2026-00012`, `nmgdw/2026-12`) are one number to a reader; the second is refused.
    Numbers that are exactly the same are rules/files.py `document_ids_unique`."""
    seen: dict[str, Document] = {}
    for doc in site.documents:
        if not doc.is_item:
            continue
        first = seen.setdefault(same_number(doc.id), doc)
        if first is doc or first.id == doc.id:
            continue
        if first.id == first.path[:-3] and doc.id == doc.path[:-3]:
            continue  # ids that are their paths: two paths differing in case are addresses_are_unique's
        yield at(
            doc,
            "id",
            _("index number '{id}' is the index number '{first_id}' of {path}, written otherwise").format(
                id=doc.id, first_id=first.id, path=first.where.path
            ),
            _("give each item its own number: `disclose new` numbers a new item; an index number is never reused"),
            "索引号",
        )


RECORD_RULES = (
    doc_number_has_its_shape,
    written_before_published,
    topic_is_in_the_vocabulary,
    on_request_items_are_not_published_to_everyone,
)
