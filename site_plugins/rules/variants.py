"""Page variants: a page shown in some builds in place of another (`replaces:`).

The intranet's home page says it is the intranet site; the public one says it is the
internet site.  A variant is its own file with its own, narrower scope: the builds that
see it show it at the address of the page it replaces, every other build shows that page
(audience.presented).  So which text a build shows is decided by the one audience
decision, and a variant can never reach a reader its scope does not admit.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..model import Document, Problem, Site
from .common import at


def variants_replace_a_wider_page(site: Site) -> Iterator[Problem]:
    """`replaces:` names a page of the same folder, wider than the variant; one variant per width."""
    documents = {d.path: d for d in site.documents}
    widths: dict[tuple[str, int], Document] = {}
    for doc in sorted((d for d in site.documents if d.replaces), key=lambda d: d.path):
        target = documents.get(doc.replaces or "")
        hint_name = f"'{doc.replaces}'"
        if target is None or target.path == doc.path:
            yield at(
                doc,
                "replaces",
                _("'replaces' names {hint_name}, which is no other page under content/").format(hint_name=hint_name),
                _("write the path of the page this one stands in for, relative to content/, e.g. replaces: about.md"),
            )
            continue
        if target.is_item:
            yield at(
                doc,
                "replaces",
                _("'replaces' names the disclosure item {hint_name}; only a page can have variants").format(
                    hint_name=hint_name
                ),
                _("publish a new item instead (corrects: for a correction, Art. 26)"),
            )
            continue
        if target.replaces:
            yield at(
                doc,
                "replaces",
                _("{hint_name} is itself a variant (of '{replaces}')").format(
                    hint_name=hint_name, replaces=target.replaces
                ),
                _("replace '{replaces}' directly").format(replaces=target.replaces),
            )
            continue
        if target.path.rpartition("/")[0] != doc.path.rpartition("/")[0]:
            yield at(
                doc,
                "replaces",
                _("{hint_name} is in another folder").format(hint_name=hint_name),
                _("put the variant beside the page it replaces (its attachments and links are resolved from there)"),
            )
            continue
        if doc.scope.width >= target.scope.width:
            yield at(
                doc,
                "scope",
                _(
                    "a variant must be for fewer readers than the page it replaces: '{scope}' is not narrower than '{target_scope}' ({path})"
                ).format(scope=doc.scope, target_scope=target.scope, path=target.path),
                _("give the variant a narrower scope (e.g. party for the intranet's text of a public page)"),
                "Art. 15",
            )
            continue
        other = widths.setdefault((target.path, doc.scope.width), doc)
        if other is not doc:
            yield at(
                doc,
                "scope",
                _("{path} already replaces {hint_name} for scope '{scope}'").format(
                    path=other.path, hint_name=hint_name, scope=doc.scope
                ),
                _("keep one variant per scope, or merge the two"),
            )
