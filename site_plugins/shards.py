"""One shard of a split build: the items and organization pages of some subtrees (docs/scaling.md).

`--orgs a,b,!c` builds the subtrees of a and b without the subtree of c: an organization
belongs to the shard when the nearest of itself and its superiors that the list names is
named without '!' (so `region,!league,banner` builds the region without the league, but
with the banner inside it).  The audience's publication stays the whole decision of what
may be shown; a shard only leaves more out.

`pack` splits a registry into shards of similar size for `disclose build --jobs N`.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Mapping
from dataclasses import dataclass, field

from .i18n import _
from .model import Document, Registry

# A folder name longer than this (a packed shard can name hundreds of subtrees) is shortened
# to its digest: file systems allow 255 bytes.
_LONGEST_NAME = 100


def shard_name(orgs: str) -> str:
    """Folder suffix of a shard: its org ids, sorted, joined by '+' ('!id' written 'not-id')."""
    name = "+".join(sorted({o.strip().replace("!", "not-") for o in orgs.split(",") if o.strip()}))
    if len(name.encode()) > _LONGEST_NAME:
        return "shard-" + hashlib.sha256(name.encode()).hexdigest()[:16]
    return name


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
        both = sorted({o for o in named if not o.startswith("!")} & {o[1:] for o in named if o.startswith("!")})
        if unknown or both or not any(not o.startswith("!") for o in named):
            what = (
                _("unknown organization {names}").format(names=", ".join(unknown))
                if unknown
                else _("{id} and !{id}").format(id=both[0])
                if both
                else _("no subtree")
            )
            raise ShardError(
                _(
                    "orgs: '{text}' names {what} — list org ids from catalogs/organizations.yml, '!id' to leave a subtree out"
                ).format(text=text, what=what)
            )
        return cls(frozenset(named), registry)

    @property
    def spec(self) -> str:
        """The shard as `--orgs` writes it (sorted)."""
        return ",".join(sorted(self.named))

    @property
    def folder_suffix(self) -> str:
        """`@<ids>`: what the shard's output folder adds to the audience's."""
        return "@" + shard_name(self.spec)

    def has_org(self, org_id: str) -> bool:
        """Whether the shard renders the organization's own pages: the nearest named of it and its superiors decides."""
        memo = self._memo()
        if org_id not in memo:
            if org_id in self.named:
                memo[org_id] = True
            elif "!" + org_id in self.named:
                memo[org_id] = False
            else:
                org = self.registry.organizations.get(org_id)
                parent = org.parent if org is not None else None
                memo[org_id] = bool(parent) and self.has_org(parent or "")
        return memo[org_id]

    def _memo(self) -> dict[str, bool]:
        memo: dict[str, bool] | None = self.__dict__.get("_decided")
        if memo is None:
            memo = {}
            object.__setattr__(self, "_decided", memo)
        return memo

    def has(self, doc: Document) -> bool:
        """Whether the shard renders the document: pages always, items of its subtrees."""
        return not doc.is_item or self.has_org(doc.org or "")


def pack(registry: Registry, weights: Mapping[str, int], shards: int) -> list[str]:
    """The registry split into at most `shards` shards (`--orgs` texts) of similar weight.

    `weights`: what each organization's own pages cost (its items and its pages).  The
    heaviest subtree is split into its own organization and its subordinates' subtrees until
    no piece outweighs a tenth of a shard; the pieces go, heaviest first, to the lightest
    shard (ties by id, so the split is the same every time).  Every organization is in
    exactly one shard.
    """
    children = registry.children()
    total: dict[str, int] = {}

    def weigh(org_id: str) -> int:
        # iteratively: a registry is deep enough to make recursion a risk
        order, stack = [], [org_id]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(children.get(node, []))
        for node in reversed(order):
            total[node] = weights.get(node, 0) + sum(total[c] for c in children.get(node, []))
        return total[org_id]

    roots = registry.roots()
    whole = sum(weigh(r) for r in roots)
    if shards <= 1 or not roots:
        return [",".join(roots)] if roots else []
    least = max(1, whole // (shards * 10))
    # A piece: (weight, id, whole subtree?) — a split organization stays as its own pages alone.
    pieces: list[tuple[int, str, bool]] = []
    heap = [(-total[r], r) for r in roots]
    heapq.heapify(heap)
    while heap:
        weight, org_id = heapq.heappop(heap)
        below = children.get(org_id, [])
        if -weight <= least or not below:
            pieces.append((-weight, org_id, True))
            continue
        pieces.append((weights.get(org_id, 0), org_id, False))
        for child in below:
            heapq.heappush(heap, (-total[child], child))
    bins: list[tuple[int, int, set[str]]] = [(0, number, set()) for number in range(shards)]
    for weight, org_id, _subtree in sorted(pieces, key=lambda p: (-p[0], p[1])):
        load, number, members = heapq.heappop(bins)
        members.add(org_id)
        heapq.heappush(bins, (load + weight, number, members))
    whole_pieces = {org_id for _weight, org_id, subtree in pieces if subtree}
    result = []
    for _load, _number, members in sorted(bins, key=lambda b: b[1]):
        if not members:
            continue
        result.append(_spec(registry, members, whole_pieces))
    return result


def _spec(registry: Registry, members: set[str], whole_pieces: set[str]) -> str:
    """`--orgs` for a shard of pieces: a piece's root is named; a split piece leaves out its subordinates."""
    children = registry.children()
    named: set[str] = set()
    for org_id in members:
        inside_parent = False  # named unless its superior's own pages are in this shard and include it
        parent = registry[org_id].parent
        if parent and parent in members and parent not in whole_pieces:
            inside_parent = True
        if not inside_parent:
            named.add(org_id)
        if org_id not in whole_pieces:
            named |= {"!" + c for c in children.get(org_id, []) if c not in members}
    return ",".join(sorted(named))
