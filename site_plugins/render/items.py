"""An item page's fragments (breadcrumbs and title, metadata panel, related links) and the home
page's listings (newest items, open consultations, interpretations)."""

from __future__ import annotations

from ..model import Document
from ..vocab import SCOPE_LABELS, DisclosureMode
from .columns import CONSULTATIONS, INTERPRETATIONS, column_items, listing_row, page_url
from .links import HeadingIds, Links, file_link, link, org_url
from .rows import ApprovalTrail, ConsultationState, Crumb, FileLink, ItemLink, item_link
from .view import GeneratedPage, View

# How many items each of the home page's listings shows.
HOME_NEWEST = 12
HOME_SHORT = 6

# An attachment's type as a reader names it, by its file name's extension (rules/files.py
# ATTACHMENT_TYPES says which may be attached at all).
_KINDS = {
    "pdf": "PDF 文档",
    "ofd": "OFD 版式文档",
    "doc": "Word 文档",
    "docx": "Word 文档",
    "wps": "WPS 文档",
    "odt": "ODF 文档",
    "rtf": "RTF 文档",
    "txt": "文本文件",
    "xls": "Excel 表格",
    "xlsx": "Excel 表格",
    "et": "WPS 表格",
    "ods": "ODF 表格",
    "csv": "CSV 表格",
    "ppt": "PowerPoint 演示文稿",
    "pptx": "PowerPoint 演示文稿",
    "dps": "WPS 演示文稿",
    "odp": "ODF 演示文稿",
}
# Images a browser shows in the page itself (never SVG: the rules refuse it, it can run script).
_IMAGES = frozenset({"png", "jpg", "jpeg", "gif", "webp"})


def _kind(name: str) -> tuple[str, bool]:
    """The type label of an attachment and whether it is an image shown inline."""
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension in _IMAGES:
        return f"{extension.upper()} 图片", True
    return _KINDS.get(extension, f"{extension.upper()} 文件" if extension else "文件"), False


def _attachment(here: str, name: str, path: str, view: View) -> FileLink:
    kind, image = _kind(name)
    return FileLink(file_link(here, path), name, kind, view.sizes.get(path), image)


def item_heading(doc: Document, view: View) -> str:
    """An item page's breadcrumbs (首页 › 组织机构 › 〈organization〉 › 〈item〉) and its <h1>, as HTML."""
    to = Links(doc.url)
    crumbs = [Crumb("首页", to("")), Crumb("组织机构", to("orgs/"))]
    if doc.org:
        crumbs.append(Crumb(view.org_name(doc.org), to(org_url(doc.org))))
    crumbs.append(Crumb(doc.title))
    return view.render("item_heading.html", crumbs=crumbs, title=doc.title)


def _person(view: View, name: str | None) -> str:
    if not name:
        return "—"
    return "（略）" if view.hide_names else name


def item_panel(doc: Document, view: View) -> str:
    """The metadata panel on top of an item page (SPEC §8), as HTML."""
    entry = view.entry_title(doc)
    approval = None
    a = doc.approval
    if a is not None:
        approval = ApprovalTrail(
            proposed_by=_person(view, a.proposed_by),
            reviewed_by=_person(view, a.reviewed_by),
            reviewed_on=a.reviewed_on or "—",
            secrecy_passed=a.secrecy_review == "passed",
            approved_by=_person(view, a.approved_by),
            approved_on=a.approved_on or "—",
            principal=a.approver_role == "principal",
            decision=a.decision,
            superior_org=view.org_name(a.superior_org) if a.superior_org else None,
            superior_on=a.superior_on,
            # Public builds say that an assessment was made, not what it found.
            risk_assessment=None if view.hide_names else a.risk_assessment,
            risk_assessed=bool(a.risk_assessment),
        )
    consultation = None
    by_id, pointed_at, _ = view.cross_links()
    to = Links(doc.url)
    if doc.consultation is not None:
        c = doc.consultation
        # 意见采纳情况 (Art. 18(5)): linked only where this build shows the outcome (its page or its
        # withdrawal notice); rules stop a build whose consultation names an outcome it hides.
        outcome = by_id.get(c.outcome) if c.outcome else None
        consultation = ConsultationState(
            bool(c.until and view.clock <= c.until),
            c.until,
            c.channel,
            item_link(to, outcome) if outcome is not None else None,
        )
    # The consultations of this build whose opinions this item reports on (原征求意见).
    outcome_of = [
        item_link(to, d) for d in sorted(pointed_at.get(("outcome", doc.id), ()), key=lambda d: (d.date, d.id))
    ]
    return (
        view.render(
            "item_panel.html",
            archived=doc.path in view.pub.archived,
            draft=doc.path in view.pub.drafts,
            org_href=link(doc.url, org_url(doc.org or "")),
            org_name=view.org_name(doc.org),
            entry_title=entry if entry else ("目录外事项（经上级审核同意）" if not doc.catalog else "—"),
            id=doc.id,
            scope=doc.scope,
            scope_label=SCOPE_LABELS.get(doc.scope, doc.scope),
            timing_label=doc.timing.label if doc.timing else "",
            covers=doc.covers,
            level_label=doc.level.label if doc.level else "",
            date=doc.date,
            updated=doc.updated,
            expires=doc.expires,
            approval=approval,
            consultation=consultation,
            outcome_of=outcome_of,
            doc_number=doc.doc_number,
            written_on=doc.written_on,
            topic_name=view.topic_name(doc.topic),
            mode=doc.disclosure_mode or DisclosureMode.PROACTIVE,
        )
        + "\n"
    )


def item_related(doc: Document, view: View) -> str:
    """Attachments, the item this one explains or corrects, and those pointing to it, as HTML
    ('' when there are none)."""
    here = doc.url
    by_id, pointed_at, _ = view.cross_links()
    targets = {name: by_id.get(getattr(doc, name) or "") for name in ("interprets", "corrects")}
    pointing = {name: pointed_at.get((name, doc.id)) for name in ("interprets", "corrects")}
    if not doc.attachments and not any(targets.values()) and not any(pointing.values()):
        return ""  # most items: no template to render

    to = Links(here)

    def listed(docs: list[Document] | None) -> list[ItemLink]:
        return [item_link(to, d) for d in sorted(docs or (), key=lambda d: (d.date, d.id))]

    interprets, corrects = targets["interprets"], targets["corrects"]
    html = view.render(
        "item_related.html",
        attachments=[
            _attachment(here, name, path, view)
            for name, path in zip(doc.attachments, doc.attachment_paths(), strict=True)
        ],
        interprets=item_link(to, interprets) if interprets else None,
        corrects=item_link(to, corrects) if corrects else None,
        interpreted_by=listed(pointing["interprets"]),
        corrected_by=listed(pointing["corrects"]),
    )
    # Blank lines around it: it may still follow an item's Markdown body.
    return "\n\n" + html.strip() + "\n" if html.strip() else ""


def _home_data(view: View) -> dict[str, object]:
    """The home page's listings: the newest items, open consultations and interpretations (政策解读)."""
    to = Links("")
    live = sorted(view.live(), key=lambda d: (d.date, d.id), reverse=True)

    consulting = [
        d for d in live if d.consultation is not None and d.consultation.until and view.clock <= d.consultation.until
    ]
    return {
        "clock": view.clock,  # a consultation listed after its closing day says 已截止
        "orgs_href": to("orgs/"),
        "consultations_href": to(page_url(CONSULTATIONS, 1)),
        "interpretations_href": to(page_url(INTERPRETATIONS, 1)),
        "newest": [listing_row(to, d, view) for d in live[:HOME_NEWEST]],
        "consultations": [listing_row(to, d, view) for d in consulting[:HOME_SHORT]],
        # The 政策解读 column's first items: it lists them newest first too.
        "interpretations": [listing_row(to, d, view) for d in column_items(view, INTERPRETATIONS)[:HOME_SHORT]],
    }


def home_sections(view: View) -> str:
    """The home page's listings as HTML, for a site whose own index.md is its home page
    (shown above the page's text; the page's title is its <h1>)."""
    return view.render("home.html", ids=HeadingIds(view.slugs), site_name=None, **_home_data(view))


def home_page(view: View) -> GeneratedPage:
    """The home page of a site without its own index.md: its name and the listings."""
    html = view.render("home.html", ids=HeadingIds(view.slugs), site_name=view.site_name, **_home_data(view))
    return GeneratedPage(view.site_name, html, hide=("navigation", "toc"))
