"""What a build shows of an item's later life: its withdrawal notice, its change notes, and
the redirect pages at its old addresses (Art. 18, 26).

Like every renderer, these receive only what the `View` holds: a notice for a withdrawn item
this build showed (`Publication.notices`), a redirect for an old address of a document it
shows (`Publication.redirects`).
"""

from __future__ import annotations

from ..model import Document, Redirect
from ..vocab import SCOPE_LABELS
from .links import Links, link, org_url
from .rows import Crumb, ItemLink, item_link
from .view import GeneratedPage, View


def withdrawal_notice(doc: Document, view: View) -> GeneratedPage:
    """The page at a withdrawn item's address: what it was, who issued it, when it was
    published and withdrawn and why, and the corrections and interpretations that point to
    it — never its body or attachments."""
    assert doc.withdrawn is not None  # only withdrawn items have a notice (audience.notice_shown)
    to = Links(doc.url)
    crumbs = [Crumb("首页", to("")), Crumb("组织机构", to("orgs/"))]
    if doc.org:
        crumbs.append(Crumb(view.org_name(doc.org), to(org_url(doc.org))))
    crumbs.append(Crumb(doc.title))
    _, pointing, _ = view.cross_links()

    def listed(field: str) -> list[ItemLink]:
        return [item_link(to, d) for d in sorted(pointing.get((field, doc.id), ()), key=lambda d: (d.date, d.id))]

    html = view.render(
        "withdrawn.html",
        crumbs=crumbs,
        title=doc.title,
        id=doc.id,
        org_href=link(doc.url, org_url(doc.org or "")),
        org_name=view.org_name(doc.org),
        date=doc.date,
        withdrawn_on=doc.withdrawn.on,
        reason=doc.withdrawn.reason,
        scope=doc.scope,
        scope_label=SCOPE_LABELS.get(doc.scope, doc.scope),
        corrected_by=listed("corrects"),
        interpreted_by=listed("interprets"),
    )
    return GeneratedPage(f"已撤回：{doc.title}", html)


def item_changes(doc: Document, view: View) -> str:
    """An item's change notes (更新记录), newest first, above its first publication; '' if none."""
    if not doc.changes:
        return ""
    html = view.render("item_changes.html", changes=doc.changes_newest_first(), published=doc.date)
    return "\n\n" + html.strip() + "\n"


def redirect_page(redirect: Redirect, view: View, site_url: str, site_title: str, banner: str) -> str:
    """The HTML file at an old address: a refresh to the document's page, its canonical
    address and a visible link.  `site_title`: the site's name as page titles end in this
    build; `banner`: the intranet marking, '' on the public site."""
    target = redirect.to
    href = link(redirect.address, target.url)
    canonical = f"{site_url.rstrip('/')}/{target.url}" if site_url else href
    return view.render(
        "redirect.html",
        title=target.title,
        site_title=site_title,
        href=href,
        canonical=canonical,
        intranet=view.pub.audience.is_intranet,
        banner=banner,
    )


def redirect_file(redirect: Redirect) -> str:
    """The output file of a redirect: `index.html` in its old address's folder."""
    return f"{redirect.address}index.html"
