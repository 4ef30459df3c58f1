"""Every generated page and fragment is escaped HTML from an autoescaped template.

Names, titles, catalog texts and approval records are written by editors and registry
keepers; whatever they contain must reach the reader as that text — never as markup,
script, a link target, Markdown or YAML.  The model objects are built here directly (not
loaded), so even values the loader would refuse (a `covers` that is not a period, an id
with quotes) are rendered, and the HTML is read back with a real HTML5 parser (selectolax,
the tree a browser builds).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from site_plugins.audience import Audience, Publication
from site_plugins.export import atom_feed, catalogs_json, items_json
from site_plugins.model import (
    Approval,
    Catalog,
    Consultation,
    Document,
    Entry,
    Lines,
    Organization,
    Registry,
)
from site_plugins.render import (
    GeneratedPage,
    View,
    annual_report_page,
    dashboard_pages,
    environment,
    home_page,
    item_panel,
    item_related,
    link,
    org_index,
    org_page,
)
from site_plugins.render.orgs import name_groups, names_json

CLOCK = dt.date(2026, 11, 20)

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    '": " {{ 7*7 }} {% raw %}',
    "&amp;",
    "`code` ``x``",
    "*strong* **b**",
    "_under_ __b__",
    "[x](javascript:alert(1))",
    "# 标题\n---\ntitle: x",
    "'single' {#- c -#}",
]

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href")


# --------------------------------------------------------------------------- the site


@dataclasses.dataclass
class Hostile:
    """A small site in which every text an editor or registry keeper writes is `payload`."""

    payload: str
    view: View
    docs: dict[str, Document]
    names: dict[str, str]
    entry: Entry


def where() -> Lines:
    return Lines("x")


def hostile_site(payload: str, audience: str = "party", hide_names: bool = False) -> Hostile:
    odd_id = 'q"><img src=x onerror=alert(1)>'  # an id with quotes, in URLs and attributes
    names = {
        "r": f"{payload}自治区党委",
        "l": payload,  # the whole name is the payload
        "b": f"第一旗委{payload}",
        odd_id: f"企业{payload}",
    }
    orgs = [
        Organization("r", names["r"], "committee", "region", None, None, where()),
        Organization("l", names["l"], "committee", "league", None, "r", where()),
        Organization("b", names["b"], "committee", "banner", None, "l", where()),
        Organization(odd_id, names[odd_id], "grassroots", "unit", "soe", "r", where()),
    ]
    registry = Registry({o.id: o for o in orgs})
    entry = Entry(
        "pub-q",
        f"{payload}季度事项",
        f"第八条{payload}",
        "public",
        "periodic",
        "quarterly",
        ("website", "bulletin-board"),
        f"办公室{payload}",
        where(),
    )
    odd_entry = Entry(
        'e"><script>alert(1)</script>', payload, payload, "public", "long-term", None, ("website",), payload, where()
    )
    catalog = Catalog("l", dt.date(2026, 1, 10), "r", dt.date(2026, 1, 15), "public", (entry, odd_entry), where())
    approval = Approval(
        proposed_by=f"提出人{payload}",
        reviewed_by=payload,
        reviewed_on=dt.date(2026, 3, 1),
        secrecy_review="passed",
        approved_by=payload,
        approved_on=dt.date(2026, 3, 2),
        decision=f"常委会{payload}",
        approver_role="principal",
        superior_org="r",
        superior_on=dt.date(2026, 3, 3),
        risk_assessment=f"风险{payload}",
    )
    attachment = "附件" + payload.replace("/", "").replace("\n", " ") + ".pdf"

    def item(path: str, **fields: object) -> Document:
        values: dict = dict(
            path=path,
            id=path[:-3],
            type="item",
            title=f"{payload}事项",
            scope="public",
            audience=(),
            status="approved",
            attachments=(),
            body="正文",
            where=where(),
            org="l",
            catalog="pub-q",
            timing="periodic",
            covers=payload,
            level="important",
            approval=approval,
            date=dt.date(2026, 10, 16),
        )
        values.update(fields)
        return Document(**values)

    docs = {
        "a": item(
            "l/2026/a.md",
            id=f"a-{payload}",
            title=f"{payload}甲",
            attachments=(attachment,),
            consultation=Consultation(dt.date(2026, 12, 31), f"信箱{payload}"),
        ),
        "b": item(
            "l/2026/b.md",
            title=f"乙{payload}",
            catalog=None,
            timing="immediate",
            covers=None,
            interprets=f"a-{payload}",
            corrects=f"a-{payload}",
            date=dt.date(2026, 10, 20),
        ),
        "archived": item(
            "l/2025/c.md",
            title=f"丙{payload}",
            timing="immediate",
            covers=None,
            catalog=odd_entry.id,
            date=dt.date(2025, 5, 1),
            expires=dt.date(2026, 6, 30),
        ),
        "draft": item("l/2026/d.md", title=f"丁{payload}", date=dt.date(2026, 12, 1), status="draft"),
        # A file name that reads as a URL scheme; its organization's id has quotes.
        "scheme": item(
            "javascript:alert(1).md",
            id="scheme",
            title=f"戊{payload}",
            org=odd_id,
            catalog=None,
            timing="immediate",
            covers=None,
            approval=dataclasses.replace(approval, superior_org=payload),
        ),
    }
    # The draft is in a preview's publication only (`previewed`).
    pub = Publication(
        audience=Audience(audience),
        clock=CLOCK,
        documents=[d for k, d in docs.items() if k != "draft"],
        archived={docs["archived"].path},
        attachments=set(docs["a"].attachment_paths()),
        catalogs={"l": catalog},
    )
    view = View(pub, registry, hide_names=hide_names, site_name=f"党务公开{payload}")
    return Hostile(payload, view, docs, names, entry)


# --------------------------------------------------------------------------- checks


def parsed(html: str) -> LexborHTMLParser:
    """The HTML as a browser reads it, checked for anything that could run or navigate to script."""
    tree = LexborHTMLParser(html)
    assert tree.css("script") == [], html
    for node in tree.css("*"):
        for name, value in node.attributes.items():
            assert not name.lower().startswith("on"), (node.tag, name, value)
            if name.lower() in URL_ATTRIBUTES and value is not None:
                # Resolved as the browser does, from a page deep in the site.
                resolved = urljoin("https://dwgk.example.gov.cn/l/2026/a/", value)
                assert urlsplit(resolved).scheme == "https", (node.tag, name, value)
    return tree


def texts(tree: LexborHTMLParser, selector: str) -> list[str]:
    return [n.text() for n in tree.css(selector)]


def text(node: LexborNode | None) -> str:
    assert node is not None
    return node.text()


def row(tree: LexborHTMLParser, panel: str, heading: str) -> LexborNode:
    """The value of the panel's fact labelled `heading` (a <dt> and its <dd>)."""
    for fact in tree.css(f"{panel} > div"):
        label = fact.css_first("dt")
        if label is not None and label.text() == heading:
            return fact.css_first("dd")
    raise AssertionError(f"no row {heading}")


@pytest.fixture(params=PAYLOADS, ids=range(len(PAYLOADS)))
def site(request: pytest.FixtureRequest) -> Hostile:
    return hostile_site(request.param)


# --------------------------------------------------------------------------- pages


def test_an_organization_page_shows_every_name_and_catalog_text_as_written(site: Hostile) -> None:
    p, names = site.payload, site.names
    page = org_page("l", site.view)
    assert page.title == p and page.hide == ()
    tree = parsed(page.html)
    assert text(tree.css_first("h1")) == p
    assert texts(row(tree, ".disclosure-org", "上级组织"), "a") == [names["r"]]
    assert texts(row(tree, ".disclosure-org", "下级组织"), "a") == [names["b"]]
    assert text(row(tree, ".disclosure-org", "公开目录")) == f"2026-01-10 讨论通过；2026-01-15 报{names['r']}备案"
    sections = tree.css("section.disclosure-entry")
    assert [s.attributes["id"] for s in sections] == ["entry-pub-q", 'entry-e"><script>alert(1)</script>']
    quarterly = sections[0]
    assert text(quarterly.css_first("h3")) == f"{p}季度事项"
    assert text(quarterly.css_first(".disclosure-entry-meta")) == (
        f"依据：第八条{p} · 范围：向社会公开 · 时限：定期公开（每季度） · 方式：互联网、公开栏 · 责任部门：办公室{p} · 状态：逾期未公开"
    )  # covers is not a period
    newest = quarterly.css_first(".disclosure-newest")
    assert text(newest.css_first("a")) == f"{p}甲"
    assert text(newest) == f"最新：{p}甲（{p}） 2026-10-16"
    assert text(sections[1].css_first("h3")) == p
    lists = tree.css("h2 + ul")
    assert [text(h) for h in tree.css("h2")] == ["党务公开目录", "存档事项（已到期）", "目录外公开事项"]
    assert texts(lists[0], "a") == [f"丙{p}"] and texts(lists[1], "a") == [f"乙{p}"]


def test_the_organization_index_names_every_organization_as_written(site: Hostile) -> None:
    page = org_index(site.view)
    assert page.title == "组织机构"
    tree = parsed(page.html)
    assert text(tree.css_first("h1")) == "组织机构"
    odd_id = 'q"><img src=x onerror=alert(1)>'
    shown = [name for org, name in site.names.items() if org != odd_id]  # the tree stops at the banners
    assert sorted(texts(tree, ".disclosure-tree li:not(.disclosure-tree__more) > a")) == sorted(shown)
    more = tree.css_first(".disclosure-tree__more a")
    assert text(more) == f"{site.names['r']}的其他下级组织（1）"  # the unit under the region, counted
    # The name search finds it: its file names it as written, with a link that stays a path.
    groups = [(text(o), o.attributes["value"]) for o in tree.css("#disclosure-org-group option")]
    assert groups == [("自治区本级", "names/0.json"), (site.names["l"], "names/1.json")]
    files = {g.file: json.loads(names_json(site.view, g)) for g in name_groups(site.view)}
    region = files["orgs/names/0.json"]
    assert region["group"] == "自治区本级"
    rows = {name: (href, superior) for name, href, superior in region["orgs"]}
    # A relative path from orgs/ (orgs.js sets it as a.href, a property: never parsed as HTML).
    assert rows[site.names[odd_id]] == (odd_id + "/", site.names["r"])
    assert files["orgs/names/1.json"]["group"] == site.names["l"]
    every = [row[0] for data in files.values() for row in data["orgs"]]
    assert sorted(every) == sorted(site.names.values())  # every organization in exactly one file
    # The tree nests as the registry does: region › league › banner.
    top = tree.css_first(".disclosure-tree > li")
    assert text(top.css_first("a")) == site.names["r"]
    assert "open" in top.css_first("details").attributes
    # A plain tree: no link inside a toggle (no interactive element inside another).
    assert tree.css("summary a") == []
    assert [text(a) for a in top.css("details > ul > li > details > ul > li > a")] == [site.names["b"]]
    assert [text(li.css_first("a")) for li in top.css("details > ul > li") if li.css_first("details")] == [
        site.names["l"]
    ]


def test_the_home_page_lists_the_newest_items_and_their_organizations_as_written(site: Hostile) -> None:
    p = site.payload
    page = home_page(site.view)
    assert page.title == f"党务公开{p}"
    tree = parsed(page.html)
    assert text(tree.css_first("h1")) == f"党务公开{p}"
    items = {text(li.css_first("a")): li for li in tree.css("#newest + ul > li")}
    assert set(items) == {f"{p}甲", f"乙{p}", f"戊{p}"}
    assert text(items[f"戊{p}"].css_first(".disclosure-list__org")) == f"企业{p}"
    # A file named like a URL scheme links as a path, not as javascript:.
    assert items[f"戊{p}"].css_first("a").attributes["href"] == "./javascript:alert(1)/"


def test_a_bulletin_board_sheet_shows_titles_and_entries_as_written(site: Hostile) -> None:
    p = site.payload
    tree = parsed(org_page("l", site.view).html)
    sheets = tree.css(".disclosure-print")
    assert len(sheets) == 1  # the organization's page carries its sheet (printed, not shown)
    sheet = sheets[0]
    assert text(sheet.css_first(".disclosure-print__title")) == f"{p}党务公开栏"
    rows = [[text(td) for td in tr.css("td")] for tr in sheet.css("tbody tr")]
    assert rows == [[f"乙{p}", "目录外", "2026-10-20"], [f"{p}甲", f"{p}季度事项", "2026-10-16"]]
    assert text(sheet.css_first(".disclosure-print-url")) == f"网上查阅：{p}（本站“组织机构”栏目）"


def test_the_dashboard_shows_names_titles_and_findings_as_written(site: Hostile) -> None:
    p, names = site.payload, site.names
    pages = dashboard_pages(site.view)
    assert pages["compliance/index.md"].title == "党务公开合规监督"
    assert pages["compliance/l/index.md"].title == f"{p} 党务公开合规监督"
    top = parsed(pages["compliance/index.md"].html)
    assert [text(a) for a in top.css(".dashboard-rollups th a")] == [p]  # the league, rolled up
    banner = parsed(pages["compliance/b/index.md"].html)
    assert [text(a) for a in banner.css(".dashboard-trail a")] == ["党务公开合规监督", p]
    rows = {
        text(tr.css_first("th a")): tr
        for page in pages.values()
        for tr in parsed(page.html).css("#compliance-table tbody tr")
    }
    assert set(rows) == set(names.values())
    cells = {td.attributes["data-label"]: td for td in rows[p].css("td")}
    assert [text(cells["层级"]), text(cells["盟市"])] == ["盟市", p]
    # The quarterly entry is overdue (its item covers no period); the other one is empty.
    assert texts(cells["逾期事项"], "li") == [f"{p}季度事项"] and texts(cells["空缺事项"], "li") == [p]
    assert text(cells["逾期事项"].css_first(".dashboard-flag")) == "逾期 1 项"
    assert text(cells["目录外事项"].css_first("li")) == f"乙{p}（{names['r']} 2026-03-03）"
    assert rows[p].attributes["data-league"] == "l"
    odd = rows[names['q"><img src=x onerror=alert(1)>']]
    assert text(cells["公开事项"]) == "2"
    assert text(odd.css_first('td[data-label="目录外事项"] li')) == f"戊{p}（{p} 2026-03-03）"


def test_an_annual_report_shows_entries_and_items_as_written(site: Hostile) -> None:
    p = site.payload
    page = annual_report_page("l", 2026, site.view)
    assert page.title == f"{p} 2026年度党务公开情况"
    tree = parsed(page.html)
    assert text(tree.css_first("h1")) == f"{p} 2026年度党务公开情况"
    tables = tree.css("table")
    assert [[text(td) for td in tr.css("td")] for tr in tables[0].css("tbody tr")] == [
        [f"{p}季度事项", "1"],
        ["（目录外）", "1"],
    ]
    lists = tree.css("h2 + ul")
    assert texts(lists[0], "a") == [f"{p}甲"]
    assert text(lists[0]) == f"{p}甲（{p}） 2026-10-16（截止 2026-12-31）"
    assert texts(lists[2], "a") == [f"{p}甲", f"乙{p}"]


# --------------------------------------------------------------------------- fragments


def test_the_item_panel_shows_every_field_as_written(site: Hostile) -> None:
    p, names = site.payload, site.names
    tree = parsed(item_panel(site.docs["a"], site.view))
    assert texts(row(tree, ".disclosure-meta", "发布机构"), "a") == [p]
    assert text(row(tree, ".disclosure-meta", "目录事项")) == f"{p}季度事项"
    assert text(row(tree, ".disclosure-meta", "索引号")) == f"a-{p}"
    assert text(row(tree, ".disclosure-meta", "公开时限")) == f"定期公开（{p}）"
    assert text(row(tree, ".disclosure-meta", "审批流程")) == (
        f"提出：提出人{p}；审核：{p}（2026-03-01）；保密审查：通过；审批：{p}（2026-03-02）；主要负责人审批"
        f"；集体研究决定：常委会{p}；上级审批：{names['r']}（2026-03-03）；风险评估：风险{p}"
    )
    assert text(row(tree, ".disclosure-meta", "征求意见")) == f"征求意见中，截止 2026-12-31；意见反馈渠道：信箱{p}"


def test_a_public_item_panel_hides_names_and_the_assessment(site: Hostile) -> None:
    public = hostile_site(site.payload, audience="public", hide_names=True)
    tree = parsed(item_panel(public.docs["a"], public.view))
    trail = text(row(tree, ".disclosure-meta", "审批流程"))
    assert "提出：（略）；审核：（略）（2026-03-01）" in trail and trail.endswith("；风险评估：已完成")
    assert f"风险{site.payload}" not in trail


def test_the_draft_and_archive_notes_and_the_related_lists_show_titles_as_written(site: Hostile) -> None:
    p = site.payload
    draft = site.docs["draft"]
    pub = dataclasses.replace(site.view.pub, documents=[*site.view.pub.documents, draft], drafts={draft.path})
    note = parsed(item_panel(draft, View(pub, site.view.registry))).css_first(".disclosure-note--draft")
    assert text(note) == "草稿预览：本事项尚未批准或尚未到发布日期，不会出现在正式站点。"
    assert (
        text(parsed(item_panel(site.docs["archived"], site.view)).css_first(".disclosure-note--archived"))
        == "本事项已于 2026-06-30 到期，现存档备查。"
    )
    related = parsed(item_related(site.docs["a"], site.view))
    attachment = site.docs["a"].attachments[0]
    link_node = related.css_first(".disclosure-attachments a")
    assert text(link_node) == attachment
    # Beside the item's file: one level up from its page, the name percent-safe.
    assert unquote(urljoin("https://h/l/2026/a/", link_node.attributes["href"])) == f"https://h/l/2026/{attachment}"
    assert texts(related, ".disclosure-interprets-by a") == [f"乙{p}"]
    assert texts(related, ".disclosure-corrects-by a") == [f"乙{p}"]
    pointing = parsed(item_related(site.docs["b"], site.view))
    assert text(pointing.css_first(".disclosure-interprets")) == f"本文解读：{p}甲"
    assert text(pointing.css_first(".disclosure-corrects")) == f"本文澄清或更正：{p}甲"
    assert item_related(site.docs["draft"], site.view) == ""


# --------------------------------------------------------------------------- exports


def test_feeds_and_open_data_carry_every_text_exactly(site: Hostile) -> None:
    p = site.payload
    feed = atom_feed(site.view, 'https://h/"x/', "orgs/l/feed.xml", f"{p} · 站点", org_id="l")
    root = ET.fromstring(feed.encode())  # raises on anything that is not XML
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.findtext(f"{atom}title") == f"{p} · 站点"
    assert [e.findtext(f"{atom}title") for e in root.findall(f"{atom}entry")] == [f"乙{p}", f"{p}甲"]
    assert {e.findtext(f"{atom}author/{atom}name") for e in root.findall(f"{atom}entry")} == {p}
    assert root.find(f"{atom}link").get("href") == 'https://h/"x/orgs/l/'
    items = {i["id"]: i for i in json.loads(items_json(site.view, "https://h/"))["items"]}
    assert items[f"a-{p}"]["title"] == f"{p}甲" and items[f"a-{p}"]["period"] == p
    catalogs = json.loads(catalogs_json(site.view, "https://h/"))["catalogs"]
    assert catalogs[0]["name"] == p and catalogs[0]["entries"][0]["basis"] == f"第八条{p}"


FEED_ATTACKS = [
    '"]]><x a="1">&amp;</x><![CDATA[',
    "</title></entry><entry><title>伪造</title>",
    "'\"' &lt; <!-- x --> <?pi ?> &#x3c;",
    # What the serializer's empty elements are rewritten from (export.atom_feed): " />".
    'a /> b <link href="x" /> c',
    # Odd Unicode that XML 1.0 holds: line and paragraph separators, NEL, bidi overrides,
    # a byte order mark, a combining mark, a non-BMP ideograph and an emoji, full-width marks.
    "\u2028\u2029\x85\u202e\u2066\ufeff a\u0301 \U00020000\U0001f600 ＜＞＂＆",
]


@pytest.mark.parametrize("payload", FEED_ATTACKS, ids=range(len(FEED_ATTACKS)))
def test_a_feed_reads_back_every_hostile_text_exactly_with_an_xml_parser(payload: str) -> None:
    site = hostile_site(payload)
    site_url = f'https://h/{payload}"/'
    feed = atom_feed(site.view, site_url, "orgs/l/feed.xml", f"{payload}站点", org_id="l")
    root = ET.fromstring(feed.encode("utf-8"))  # expat: raises on anything that is not well-formed XML
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.tag == f"{atom}feed" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"
    assert root.findtext(f"{atom}title") == f"{payload}站点"
    assert [link.get("href") for link in root.findall(f"{atom}link")] == [
        f"{site_url}orgs/l/",
        f"{site_url}orgs/l/feed.xml",
    ]
    entries = root.findall(f"{atom}entry")
    assert [e.findtext(f"{atom}title") for e in entries] == [f"乙{payload}", f"{payload}甲"]
    assert [e.findtext(f"{atom}author/{atom}name") for e in entries] == [payload, payload]
    assert [e.find(f"{atom}link").get("href") for e in entries] == [e.findtext(f"{atom}id") for e in entries]
    assert entries[1].findtext(f"{atom}id") == f"{site_url}l/2026/a/"
    assert [e.find(f"{atom}category").get("term") for e in entries] == ["public", "public"]
    assert len(list(root.iter())) == 6 + 9 * len(entries)  # no element came from a text


def test_a_feed_drops_characters_xml_cannot_hold() -> None:
    site = hostile_site("\x00\x0b\x1f标题\ufffe")
    root = ET.fromstring(atom_feed(site.view, "https://h/", "feed.xml", "站\x07点").encode())
    assert root.findtext("{http://www.w3.org/2005/Atom}title") == "站点"


# --------------------------------------------------------------------------- shape


def test_generated_pages_are_plain_values_with_html_and_no_front_matter() -> None:
    site = hostile_site('": " x')
    pages = [
        org_page("l", site.view),
        org_index(site.view),
        home_page(site.view),
        *dashboard_pages(site.view).values(),
        annual_report_page("l", 2026, site.view),
    ]
    for page in pages:
        assert isinstance(page, GeneratedPage)
        assert not page.html.lstrip().startswith("---") and "<h1" in page.html
    assert org_page("l", site.view) == pages[0] and hash(pages[0]) == hash(org_page("l", site.view))
    with pytest.raises(dataclasses.FrozenInstanceError):
        pages[0].title = "x"  # type: ignore[misc]


@pytest.mark.parametrize("name", ["中共某某委员会", "ABC Party Committee", "某党委 2026"])
def test_heading_ids_are_the_ones_mkdocs_gave_the_markdown_headings(name: str) -> None:
    site = hostile_site("x")
    registry = Registry(
        {**site.view.registry.organizations, "l": dataclasses.replace(site.view.registry["l"], name=name)}
    )
    view = View(site.view.pub, registry)
    tree = parsed(org_page("l", view).html)
    headings = tree.css("h1, h2")
    source = "\n\n".join(("#" if h.tag == "h1" else "##") + " " + h.text() for h in headings)
    expected = LexborHTMLParser(markdown.markdown(source, extensions=["toc"])).css("h1, h2")
    assert [h.attributes["id"] for h in headings] == [h.attributes["id"] for h in expected]


def test_a_project_template_in_theme_disclosure_overrides_the_package_one(tmp_path: Path) -> None:
    (tmp_path / "disclosure").mkdir()
    (tmp_path / "disclosure/org.html").write_text('<h1 class="mine">{{ org.name }}</h1>\n', encoding="utf-8")
    site = hostile_site("<b>x</b>")
    view = View(site.view.pub, site.view.registry, templates=environment(tmp_path))
    page = org_page("l", view)
    assert page.html == '<h1 class="mine">&lt;b&gt;x&lt;/b&gt;</h1>\n'  # overrides are autoescaped too
    assert (
        "disclosure-org"
        in org_page("l", View(site.view.pub, site.view.registry, templates=environment(tmp_path / "missing"))).html
    )


def test_links_never_read_as_a_url_scheme() -> None:
    assert link("", "javascript:alert(1)/") == "./javascript:alert(1)/"
    assert link("orgs/", "orgs/javascript:x/") == "./javascript:x/"
    assert link("orgs/a/", "b/c/") == "../../b/c/"


# --------------------------------------------------------------------------- a whole build


def test_a_built_site_shows_hostile_names_and_titles_as_text_in_header_heading_and_title(tmp_path: Path) -> None:
    """The security review's finding, end to end: Material prints page titles as given."""
    from sitegen import ORGS, SiteWriter, build

    payload = '<img src=x onerror=alert(1)>"><script>alert(1)</script>": " {{7*7}} *a*_b_ `c` [x](javascript:)&amp;'
    assert len(payload) <= 100  # the loader's limit for a name
    orgs = [dict(o, name=payload) if o["id"] == "league" else o for o in ORGS]
    site = SiteWriter(tmp_path / "src", orgs=orgs)
    site.item("league/2026/a.md", org="league", title=f"事项{payload}", date="2026-03-05")
    out = build(site.root, "party")
    pages = {
        "orgs/league/index.html": payload,
        "compliance/league/2026/index.html": f"{payload} 2026年度党务公开情况",
        "league/2026/a/index.html": f"事项{payload}",
    }
    for path in [*pages, "orgs/index.html", "compliance/index.html"]:
        tree = LexborHTMLParser((out / path).read_text("utf-8"))
        for node in tree.css("*"):
            assert not [a for a in node.attributes if a.lower().startswith("on")], (path, node.tag, node.attributes)
            href = node.attributes.get("href") or ""
            assert not href.strip().lower().startswith("javascript:"), (path, href)
        assert not [s for s in tree.css("script") if "alert" in s.text()], path
    for path, title in pages.items():
        tree = LexborHTMLParser((out / path).read_text("utf-8"))
        assert text(tree.css_first("title")).startswith(title + " - "), path
        assert text(tree.css_first("article h1")) == (f"{payload}党务公开栏" if "print" in path else title), path
        assert text(tree.css_first(".md-header__topic:last-child .md-ellipsis")).strip() == title, path
