"""An item page's fragments (its metadata panel and related links) and the home page's newest items."""

from __future__ import annotations

from ..model import Document
from ..vocab import SCOPE_LABELS
from .links import HeadingIds, Links, file_link, link, org_url
from .rows import ApprovalTrail, ConsultationState, FileLink, ItemLink, item_link
from .view import GeneratedPage, View


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
    if doc.consultation is not None:
        c = doc.consultation
        consultation = ConsultationState(bool(c.until and view.clock <= c.until), c.until, c.channel)
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
            expires=doc.expires,
            approval=approval,
            consultation=consultation,
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
            FileLink(file_link(here, path), name)
            for name, path in zip(doc.attachments, doc.attachment_paths(), strict=True)
        ],
        interprets=item_link(to, interprets) if interprets else None,
        corrects=item_link(to, corrects) if corrects else None,
        interpreted_by=listed(pointing["interprets"]),
        corrected_by=listed(pointing["corrects"]),
    )
    # Blank lines around it: it may still follow an item's Markdown body.
    return "\n\n" + html.strip() + "\n" if html.strip() else ""


def home_page(view: View) -> GeneratedPage:
    """The home page of a site without its own index.md: the newest items."""
    to = Links("")
    newest = sorted(view.live(), key=lambda d: (d.date, d.id), reverse=True)[:20]
    html = view.render(
        "home.html",
        ids=HeadingIds(view.slugs),
        site_name=view.site_name,
        orgs_href=to("orgs/"),
        newest=[ItemLink(to(d.url), d.title, d.covers, d.date, org_name=view.org_name(d.org)) for d in newest],
    )
    return GeneratedPage(view.site_name, html)
