"""Page content for a publication: item panels, organization pages, index, dashboard, reports.

Pure functions from the domain model to HTML.  They only ever receive a `View` of a
`Publication` — what the audience may see — so nothing hidden can be rendered here.

Markup lives in Jinja templates with autoescape (`templates/disclosure/*.html`, each
overridable by a file of the same name in the project's `theme/disclosure/`, the way
Material partials are overridden).  Python computes the data — texts, labels, dates,
numbers and links — and never writes HTML, Markdown or YAML itself: every value reaches
the page escaped, whatever an editor typed into a title or a registry name.  A generated
page is a `GeneratedPage` (plain title, finished HTML), never a Markdown file with front
matter.

The modules, by job: `view` (the build's `View`, the templates, `GeneratedPage`), `links`
(relative links, heading ids), `rows` (what the templates receive), `items` (an item
page's fragments, the home page), `history` (withdrawal notices, change notes, redirect
pages), `orgs` (organization pages, sheets, the tree),
`compliance` (dashboard, annual reports) and `mongolian` (the Mongolian pages under mn/).  No MkDocs import: another site engine could
call the same functions.
"""

from __future__ import annotations

from .compliance import annual_report_page, compliance_rows, dashboard_pages, report_years
from .history import item_changes, redirect_file, redirect_page, withdrawal_notice
from .items import home_page, home_sections, item_heading, item_panel, item_related
from .links import HeadingIds, Links, file_link, link, org_url
from .orgs import STATE_LABELS, org_index, org_page
from .view import LEVEL_ORDER, TEMPLATES, CrossLinks, GeneratedPage, View, environment

__all__ = [
    "LEVEL_ORDER",
    "STATE_LABELS",
    "TEMPLATES",
    "CrossLinks",
    "GeneratedPage",
    "HeadingIds",
    "Links",
    "View",
    "annual_report_page",
    "compliance_rows",
    "dashboard_pages",
    "environment",
    "file_link",
    "home_page",
    "home_sections",
    "item_changes",
    "item_heading",
    "item_panel",
    "item_related",
    "link",
    "org_index",
    "org_page",
    "org_url",
    "redirect_file",
    "redirect_page",
    "report_years",
    "withdrawal_notice",
]
