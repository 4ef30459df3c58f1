"""Validation: one function per rule, each naming the article it enforces.

`validate(site)` runs every rule over a loaded site and returns the problems, sorted by
file and line; `validate_publication` judges what one build shows.  Rules judge model
objects only; reading files is `load`'s job.  The rules live by what they judge:
`registry`, `catalogs`, `items` (one item or page on its own), `history` (withdrawals,
change notes, old addresses), `files` (attachments and index numbers), `records` (an item's record: document number,
topic, disclosure mode, a consultation's outcome), `addresses` (where each file is published), `every_build` (what must hold
for every audience at once), `mentions` (what a page's text names), `variants` (pages
shown in some builds in place of another) and `translations` (Mongolian versions).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass

from .. import parallel_parse
from ..audience import Audience, Publication, build_clock, document_visible, leaves_notice, lifecycle
from ..i18n import _
from ..model import Document, Problem, Site
from ..vocab import Lifecycle
from .addresses import RESERVED_PATHS, addresses_are_unique, page_url, reserved_by
from .catalogs import CATALOG_RULES
from .common import at, linked_items
from .every_build import Readers, references_shown_wherever_the_item_is
from .files import (
    ATTACHMENT_TYPES,
    attachments_belong_to_one_document,
    attachments_exist,
    document_ids_unique,
    every_content_file_belongs_to_a_document,
)
from .history import history_problems
from .items import ITEM_RULES, page_scope_lists_its_audience, references_exist
from .mentions import NameTables, addresses, pages_name_only_what_their_readers_see
from .records import RECORD_RULES, consultation_outcome_is_one_of_its_items, index_numbers_name_one_item
from .registry import grassroots_have_a_sector, organization_codes_identify_one_organization, registry_is_one_tree
from .translations import as_documents, translation_problems
from .variants import variants_replace_a_wider_page


@dataclass
class Parts:
    """What `validate` found, apart: the loading problems, what the mentions rule found (the
    only rule that reads an item's or a page's body: `mentions.judged_text`), all the
    other rules' problems, and the names the mentions rule looks for in a text."""

    load: list[Problem] = dataclasses.field(default_factory=list)
    rules: list[Problem] = dataclasses.field(default_factory=list)
    mentions: list[Problem] = dataclasses.field(default_factory=list)
    names: NameTables | None = None


def validate(
    site: Site,
    clock: dt.date | None = None,
    *,
    warnings: bool = False,
    every_build: bool = False,
    parts: Parts | None = None,
    parallel: bool = False,
) -> list[Problem]:
    """Every problem of the site (loading problems included), sorted and without repeats.

    `clock` (default: the build clock) is the first day the sources as they are now can be
    built.  `warnings`: also the warnings, which stop nothing.  `every_build` (check):
    also what `validate_publication` would stop some build on, for every audience at once.
    `parts`, if given, receives the problems (warnings included) as found, in three parts,
    and the names the mentions rule looks for (check_memo.py keeps them apart).
    `parallel`: on a large site, the rules across the whole site (`_across`) run in a forked
    process while this one runs the others (parallel_parse.in_a_second_process).
    """
    clock = clock or build_clock()
    ids = site.by_id()

    def across() -> tuple[list[Problem], list[Problem], NameTables | None]:
        return _across(site, ids, clock, every_build, parts is not None)

    later: Callable[[], tuple[list[Problem], list[Problem], NameTables | None]]
    if parallel and len(site.documents) >= parallel_parse.PARALLEL_FROM and hasattr(os, "fork"):
        later = parallel_parse.in_a_second_process(across)
    else:
        found = across()
        later = lambda: found  # noqa: E731 - the same shape as the forked result
    problems = _one_by_one(site, ids, clock)
    more, mentions, names = later()
    problems += more
    if parts is not None:
        parts.load, parts.rules, parts.mentions, parts.names = list(site.problems), problems[:], mentions, names
    problems += site.problems
    problems += mentions
    if not warnings:
        problems = [p for p in problems if not p.warning]
    return sorted(set(problems))


def _one_by_one(site: Site, ids: dict[str, Document], clock: dt.date) -> list[Problem]:
    """The registry's, each catalog's and each document's own rules, the files', index numbers and history."""
    problems: list[Problem] = []
    problems += registry_is_one_tree(site.registry)
    problems += grassroots_have_a_sector(site.registry)
    problems += organization_codes_identify_one_organization(site.registry)
    for catalog in site.catalogs.values():
        for catalog_rule in CATALOG_RULES:
            problems += catalog_rule(catalog, site.registry)
    files = set(site.other_files)
    for doc in site.documents:
        if doc.is_item:
            for rule in ITEM_RULES:
                problems += rule(doc, site)
            for record_rule in RECORD_RULES:
                problems += record_rule(doc, site)
            problems += references_exist(doc, site, ids)
            problems += consultation_outcome_is_one_of_its_items(doc, site, ids)
        else:
            problems += page_scope_lists_its_audience(doc, site)
        problems += attachments_exist(doc, site, files)
    problems += document_ids_unique(site)
    problems += every_content_file_belongs_to_a_document(site)
    problems += attachments_belong_to_one_document(site)
    problems += variants_replace_a_wider_page(site)
    problems += translation_problems(site)
    problems += index_numbers_name_one_item(site)
    problems += history_problems(site, clock)
    return problems


def _across(
    site: Site, ids: dict[str, Document], clock: dt.date, every_build: bool, tables: bool
) -> tuple[list[Problem], list[Problem], NameTables | None]:
    """The rules that judge items against the whole site by who sees what: the other rules'
    problems, the mentions rule's, and (`tables`) the names that rule looks for."""
    readers = Readers(site.registry)
    problems: list[Problem] = []
    for doc in site.documents:
        if doc.is_item:
            problems += references_shown_wherever_the_item_is(doc, site, ids, readers, clock, every_build)
    problems += addresses_are_unique(site)
    index = addresses(site, readers, clock)
    mentions = list(pages_name_only_what_their_readers_see(site, readers, clock, as_documents(site), index))
    return problems, mentions, index.tables() if tables else None


def validate_publication(pub: Publication, site: Site) -> list[Problem]:
    """Audience-dependent rules (Art. 25, 26, 18(5)): a shown link must not point at a hidden item.

    A target missing only because it has expired (the public build drops it) is no error:
    the page then has no link to it, and `validate` has warned of that day in advance.  A
    withdrawn target is linked where its notice stands (`Publication.linkable_by_id`);
    where it had expired before it was withdrawn (the public build), as an expired one.
    What a page's text names is judged for every audience at once by `validate`
    (pages_name_only_what_their_readers_see).
    """
    problems: list[Problem] = []
    shown = pub.linkable_by_id()
    everything = site.by_id()
    for doc in pub.items():
        for field, target, rule in linked_items(doc):
            if target in everything and target not in shown:
                hidden = everything[target]
                visible = document_visible(hidden, pub.audience, site.registry)
                if visible and (lifecycle(hidden, pub.clock) is Lifecycle.EXPIRED or leaves_notice(hidden)):
                    continue
                why = _("is not visible to this audience") if not visible else _("is not published yet")
                problems.append(
                    at(
                        doc,
                        field,
                        _("'{field}' points to '{target}', which {why} ({audience})").format(
                            field=field, target=target, why=why, audience=pub.audience
                        ),
                        _("give this item a scope no wider than '{scope}', or publish the target first").format(
                            scope=hidden.scope
                        ),
                        rule,
                    )
                )
    return sorted(problems)


__all__ = [
    "ATTACHMENT_TYPES",
    "CATALOG_RULES",
    "ITEM_RULES",
    "Parts",
    "RESERVED_PATHS",
    "Audience",
    "page_url",
    "reserved_by",
    "validate",
    "validate_publication",
]
