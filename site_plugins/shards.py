"""One shard of a split build: the items and organization pages of some subtrees (docs/scaling.md).

`--orgs a,b,!c` builds the subtrees of a and b without the subtree of c.  The audience's
publication stays the whole decision of what may be shown; a shard only leaves more out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .i18n import _
from .model import Document, Registry


def shard_name(orgs: str) -> str:
    """Folder suffix of a shard: its org ids, sorted, joined by '+' ('!id' written 'not-id')."""
    return "+".join(sorted({o.strip().replace("!", "not-") for o in orgs.split(",") if o.strip()}))


class ShardError(ValueError):
    """`orgs` names an unknown organization, or no subtree to build."""


@dataclass(frozen=True)
class Shard:
    named: frozenset[str]  # org ids, '!id' for a subtree left out
    registry: Registry = field(repr=False, compare=False)

    @classmethod
    def parse(cls, text: str, registry: Registry) -> Shard:
        named = [o.strip() for o in text.split(",") if o.strip()]
        unknown = sorted({o.lstrip("!") for o in named} - set(registry.organizations))
        if unknown or not any(not o.startswith("!") for o in named):
            what = _("unknown organization {names}").format(names=", ".join(unknown)) if unknown else _("no subtree")
            raise ShardError(
                _(
                    "orgs: '{text}' names {what} — list org ids from catalogs/organizations.yml, '!id' to leave a subtree out"
                ).format(text=text, what=what)
            )
        return cls(frozenset(named), registry)

    @property
    def folder_suffix(self) -> str:
        """`@<ids>`: what the shard's output folder adds to the audience's."""
        return "@" + shard_name(",".join(sorted(self.named)))

    def has_org(self, org_id: str) -> bool:
        """Whether the shard renders the organization's own pages."""
        inside = {o: self.registry.is_within(org_id, o.lstrip("!")) for o in self.named}
        return any(i for o, i in inside.items() if not o.startswith("!")) and not any(
            i for o, i in inside.items() if o.startswith("!")
        )

    def has(self, doc: Document) -> bool:
        """Whether the shard renders the document: pages always, items of its subtrees."""
        return not doc.is_item or self.has_org(doc.org or "")
