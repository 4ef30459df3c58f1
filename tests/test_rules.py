"""Every validation rule, driven through the domain core (no MkDocs): load → validate."""

from __future__ import annotations

import pytest
from sitegen import ENTRIES, ORGS, SiteWriter, dump

from site_plugins.load import load_site
from site_plugins.model import Item, Page
from site_plugins.rules import validate
from site_plugins.vocab import OrgKind, OrgLevel, Scope, Status, Timing


def problems(site: SiteWriter) -> list[str]:
    return [str(p) for p in validate(load_site(site.root))]


def only_problem(site: SiteWriter, path: str, *words: str) -> str:
    found = problems(site)
    assert len(found) == 1, found
    assert found[0].startswith(path + ":"), found
    for word in words:
        assert word in found[0], found
    return found[0]


def line_of(site: SiteWriter, rel: str, text: str) -> int:
    lines = (site.root / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_a_valid_site_has_no_problems(site: SiteWriter) -> None:
    site.item("region/ok.md")
    site.item("region/party.md", entry="party-m")
    site.item("town/unit.md", org="town", entry="unit-long")
    site.item("region/spec.md", entry="spec-now")
    site.item("league/outside.md", org="league", entry=None, timing="immediate")
    assert problems(site) == []


def test_the_loaded_vocabulary_is_typed_items_and_pages_are_distinct(site: SiteWriter) -> None:
    site.item("region/ok.md")
    site.write("content/about.md", "---\ntype: page\nscope: public\ntitle: 关于\n---\n正文\n")
    loaded = load_site(site.root)
    item = next(d for d in loaded.documents if d.path == "region/ok.md")
    page = next(d for d in loaded.documents if d.path == "about.md")
    assert isinstance(item, Item) and item.is_item and isinstance(item.scope, Scope)
    assert isinstance(item.timing, Timing) and isinstance(item.status, Status)
    assert isinstance(page, Page) and not page.is_item and page.date is None
    org = loaded.registry["region"]
    assert isinstance(org.kind, OrgKind) and org.level is OrgLevel.REGION
    assert all(isinstance(e.scope, Scope) for c in loaded.catalogs.values() for e in c.entries)
    assert problems(site) == []


# ---------------------------------------------------------------- registry


def test_unknown_parent_is_named_with_its_line(site: SiteWriter) -> None:
    orgs = [*ORGS, {"id": "lost", "name": "失联", "kind": "committee", "level": "banner", "parent": "nowhere"}]
    site.write("catalogs/organizations.yml", dump(orgs))
    message = only_problem(site, "catalogs/organizations.yml", "nowhere", "Art. 4")
    assert f":{line_of(site, 'catalogs/organizations.yml', 'parent: nowhere')}:" in message


def test_two_roots_are_rejected(site: SiteWriter) -> None:
    orgs = [*ORGS, {"id": "other", "name": "另一个", "kind": "committee", "level": "region"}]
    site.write("catalogs/organizations.yml", dump(orgs))
    only_problem(site, "catalogs/organizations.yml", "exactly one root")


def test_a_parent_cycle_is_rejected(site: SiteWriter) -> None:
    orgs = [dict(o) for o in ORGS]
    orgs[1]["parent"] = "town"  # league under its own township
    site.write("catalogs/organizations.yml", dump(orgs))
    assert any("cycle" in p for p in problems(site))


def test_duplicate_organization_ids_are_rejected(site: SiteWriter) -> None:
    site.write("catalogs/organizations.yml", dump([*ORGS, dict(ORGS[2])]))
    only_problem(site, "catalogs/organizations.yml", "'banner' is used twice")


def test_a_grassroots_org_needs_a_sector(site: SiteWriter) -> None:
    orgs = [dict(o) for o in ORGS]
    del orgs[3]["sector"]
    site.write("catalogs/organizations.yml", dump(orgs))
    only_problem(site, "catalogs/organizations.yml", "no 'sector'", "Art. 11")


def test_a_kind_typo_suggests_the_right_word(site: SiteWriter) -> None:
    orgs = [dict(o) for o in ORGS]
    orgs[1]["kind"] = "comittee"
    site.write("catalogs/organizations.yml", dump(orgs))
    only_problem(site, "catalogs/organizations.yml", "'comittee'", "did you mean 'committee'")


def test_an_organization_id_must_be_a_slug(site: SiteWriter) -> None:
    orgs = [*ORGS, {"id": "Bad Id", "name": "x", "kind": "committee", "level": "banner", "parent": "league"}]
    site.write("catalogs/organizations.yml", dump(orgs))
    only_problem(site, "catalogs/organizations.yml", "slug")


# ---------------------------------------------------------------- catalogs


def test_a_catalog_of_an_unknown_org_is_rejected(site: SiteWriter) -> None:
    site.catalog("ghost")
    only_problem(site, "catalogs/ghost.yml", "unknown organization 'ghost'", "Art. 14")


def test_a_catalog_file_must_match_its_org(site: SiteWriter) -> None:
    site.write("catalogs/league.yml", (site.root / "catalogs/banner.yml").read_text(encoding="utf-8"))
    only_problem(site, "catalogs/league.yml", "org: banner")


def test_a_catalog_is_filed_after_it_is_adopted(site: SiteWriter) -> None:
    site.catalog("league", filed_on="2026-01-01")
    only_problem(site, "catalogs/league.yml", "filed_on 2026-01-01 is before adopted_on", "Art. 14")


def test_a_periodic_entry_needs_a_period(site: SiteWriter) -> None:
    entries = [dict(e) for e in ENTRIES]
    del entries[2]["period"]
    site.catalog("league", entries=entries)
    only_problem(site, "catalogs/league.yml", "periodic entry 'pub-q' has no 'period'", "Art. 17")


def test_entry_ids_are_unique_in_a_catalog(site: SiteWriter) -> None:
    site.catalog("league", entries=[*ENTRIES, dict(ENTRIES[0])])
    only_problem(site, "catalogs/league.yml", "'pub-long' is used twice")


def test_an_unknown_method_is_rejected(site: SiteWriter) -> None:
    entries = [dict(e) for e in ENTRIES]
    entries[0]["methods"] = ["websit"]
    site.catalog("league", entries=entries)
    only_problem(site, "catalogs/league.yml", "unknown method 'websit'", "did you mean 'website'")


def test_an_entry_scope_typo_is_rejected(site: SiteWriter) -> None:
    entries = [dict(e) for e in ENTRIES]
    entries[0]["scope"] = "pubic"
    site.catalog("league", entries=entries)
    only_problem(site, "catalogs/league.yml", "'pubic'", "did you mean 'public'")


# ---------------------------------------------------------------- items


def test_an_unknown_org_is_named_with_its_line(site: SiteWriter) -> None:
    site.item("x/a.md", org="nowhere")
    found = problems(site)
    assert any(
        p.startswith(f"content/x/a.md:{line_of(site, 'content/x/a.md', 'org: nowhere')}:") and "Art. 2" in p
        for p in found
    ), found


def test_an_unknown_catalog_entry_lists_the_known_ones(site: SiteWriter) -> None:
    site.item("region/a.md", catalog="nope")
    only_problem(site, "content/region/a.md", "no entry 'nope'", "pub-long")


@pytest.mark.parametrize("scope", ["pubic", "Public", "everyone", "true"])
def test_a_scope_typo_stops_everything(site: SiteWriter, scope: str) -> None:
    site.item("region/a.md", scope=scope)
    assert any("content/region/a.md:" in p and "scope" in p for p in problems(site))


def test_a_missing_scope_is_an_error(site: SiteWriter) -> None:
    site.item("region/a.md")
    path = site.root / "content/region/a.md"
    path.write_text(path.read_text(encoding="utf-8").replace("scope: public\n", ""), encoding="utf-8")
    only_problem(site, "content/region/a.md", "missing required field 'scope'")


def test_an_item_wider_than_its_entry_is_rejected(site: SiteWriter) -> None:
    site.item("region/a.md", catalog="party-long", scope="public")
    message = only_problem(site, "content/region/a.md", "wider than its catalog entry's scope 'party'", "Art. 15")
    assert f":{line_of(site, 'content/region/a.md', 'scope: public')}:" in message


def test_a_narrower_item_than_its_entry_is_fine(site: SiteWriter) -> None:
    site.item("region/a.md", catalog="pub-long", scope="unit")
    assert problems(site) == []


def test_specific_scope_needs_an_audience(site: SiteWriter) -> None:
    site.item("region/a.md", entry="spec-now", audience=None)
    only_problem(site, "content/region/a.md", "needs an 'audience'", "Art. 15")


def test_specific_audience_must_be_known_orgs(site: SiteWriter) -> None:
    site.item("region/a.md", entry="spec-now", audience=["village", "ghost"])
    only_problem(site, "content/region/a.md", "unknown organization 'ghost'")


def test_timing_must_equal_the_entry(site: SiteWriter) -> None:
    site.item("region/a.md", timing="immediate")
    only_problem(site, "content/region/a.md", "timing 'immediate' differs", "Art. 17")


def test_period_if_given_must_equal_the_entry(site: SiteWriter) -> None:
    site.item("region/a.md", entry="pub-q", period="monthly", covers="2026-07")
    assert any("period 'monthly' differs" in p for p in problems(site))


def test_a_periodic_item_needs_covers(site: SiteWriter) -> None:
    site.item("region/a.md", entry="pub-q", covers=None)
    only_problem(site, "content/region/a.md", "needs 'covers'", "2026-Q3")


@pytest.mark.parametrize("covers", ["2026-13", "2026Q3", "Q3", "2026-H1"])
def test_covers_must_be_in_the_period_form(site: SiteWriter, covers: str) -> None:
    site.item("region/a.md", entry="pub-q", covers=covers)
    only_problem(site, "content/region/a.md", f"covers '{covers}' is not a quarterly period")


def test_a_periodic_item_outside_the_catalog_needs_a_period(site: SiteWriter) -> None:
    site.item("league/a.md", org="league", entry=None, timing="periodic", covers="2026")
    only_problem(site, "content/league/a.md", "outside the catalog needs a 'period'")


def test_an_approved_item_needs_an_approval_record(site: SiteWriter) -> None:
    site.item("region/a.md", approval=None)
    only_problem(site, "content/region/a.md", "needs an 'approval' record", "Art. 18")


def test_a_draft_may_leave_the_approval_incomplete(site: SiteWriter) -> None:
    site.item("region/a.md", status="draft", approval={"proposed_by": "办公室"})
    assert problems(site) == []


@pytest.mark.parametrize(
    "missing", ["proposed_by", "reviewed_by", "reviewed_on", "secrecy_review", "approved_by", "approved_on"]
)
def test_every_approval_step_is_required(site: SiteWriter, missing: str) -> None:
    fields = site.item_fields()
    del fields["approval"][missing]
    site.item("region/a.md", approval=fields["approval"])
    only_problem(site, "content/region/a.md", f"no '{missing}'", "Art. 18")


@pytest.mark.parametrize("verdict", ["pending", "failed", "未通过"])
def test_a_secrecy_review_not_passed_blocks_publication(site: SiteWriter, verdict: str) -> None:
    fields = site.item_fields()
    fields["approval"]["secrecy_review"] = verdict
    site.item("region/a.md", approval=fields["approval"])
    only_problem(site, "content/region/a.md", f"secrecy review is '{verdict}'", "Art. 18(2)")


def test_an_important_item_needs_the_principal_or_a_decision(site: SiteWriter) -> None:
    site.item("region/a.md", level="important", scope="party", catalog="party-long")
    only_problem(site, "content/region/a.md", "principal's approval or a collective decision", "Art. 18(3)")
    fields = site.item_fields(level="important", scope="party", catalog="party-long")
    fields["approval"]["decision"] = "常委会第3次会议"
    site.item("region/a.md", **{k: v for k, v in fields.items()})
    assert problems(site) == []


def test_a_superior_level_item_needs_the_superior_approval(site: SiteWriter) -> None:
    site.item("league/a.md", org="league", level="superior", scope="party", catalog="party-long")
    only_problem(site, "content/league/a.md", "needs the superior organization's approval", "Art. 18(3)")


def test_an_item_outside_the_catalog_needs_the_superior_approval(site: SiteWriter) -> None:
    fields = site.item_fields(org="league", entry=None)
    del fields["approval"]["superior"]
    site.item("league/a.md", entry=None, **fields)
    only_problem(site, "content/league/a.md", "outside the catalog needs the superior", "Art. 19")


def test_the_superior_must_be_an_ancestor(site: SiteWriter) -> None:
    fields = site.item_fields(org="league", entry=None)
    fields["approval"]["superior"] = {"org": "village", "on": "2026-03-02"}
    site.item("league/a.md", entry=None, **fields)
    only_problem(site, "content/league/a.md", "'village' is not a superior of 'league'", "region")


def test_the_root_is_approved_by_the_superior_its_catalog_is_filed_with(site: SiteWriter) -> None:
    site.item("region/a.md", entry=None)  # superior: 党中央, the root catalog's filed_with
    assert problems(site) == []


def test_a_public_important_item_needs_a_risk_assessment(site: SiteWriter) -> None:
    fields = site.item_fields(level="important")
    fields["approval"]["approver_role"] = "principal"
    site.item("region/a.md", **fields)
    only_problem(site, "content/region/a.md", "risk assessment", "Art. 23")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"reviewed_on": "2026-03-03"}, "approved_on 2026-03-02 is before reviewed_on 2026-03-03"),
        ({"approved_on": "2026-03-09"}, "date 2026-03-05 is before approved_on 2026-03-09"),
    ],
)
def test_approval_dates_are_in_order(site: SiteWriter, change: dict, words: str) -> None:
    fields = site.item_fields()
    fields["approval"].update(change)
    site.item("region/a.md", approval=fields["approval"])
    assert any(words in p and "Art. 18" in p for p in problems(site)), problems(site)


def test_the_superior_approves_before_publication(site: SiteWriter) -> None:
    fields = site.item_fields(org="league", entry=None)
    fields["approval"]["superior"]["on"] = "2026-04-01"
    site.item("league/a.md", entry=None, **fields)
    only_problem(site, "content/league/a.md", "superior approval on 2026-04-01 is after the date")


@pytest.mark.parametrize("value", ["2026-3-5", "05/03/2026", "2026-02-30", "next week"])
def test_a_date_must_be_iso(site: SiteWriter, value: str) -> None:
    site.item("region/a.md", date=value)
    assert any("content/region/a.md:" in p and "not a date" in p for p in problems(site))


def test_an_item_expires_after_its_date(site: SiteWriter) -> None:
    site.item("region/a.md", entry="pub-now", expires="2026-01-01")
    only_problem(site, "content/region/a.md", "expires 2026-01-01 is before the date")


def test_interprets_must_name_an_existing_item(site: SiteWriter) -> None:
    site.item("region/a.md", interprets="region/missing")
    only_problem(site, "content/region/a.md", "unknown item 'region/missing'", "Art. 25")


def test_corrects_may_name_an_item_by_path_or_explicit_id(site: SiteWriter) -> None:
    site.item("region/a.md", id="idx-001")
    site.item("region/b.md")
    site.item("region/c.md", corrects="idx-001")
    site.item("region/d.md", interprets="region/b")
    assert problems(site) == []


def test_ids_are_unique(site: SiteWriter) -> None:
    site.item("region/a.md", id="same")
    site.item("region/b.md", id="same")
    only_problem(site, "content/region/b.md", "'same' is also the id of content/region/a.md")


def test_a_missing_attachment_is_named(site: SiteWriter) -> None:
    site.item("region/a.md", attachments=["gone.pdf"])
    only_problem(site, "content/region/a.md", "attachment 'gone.pdf' does not exist")


def test_a_file_no_item_lists_is_not_published(site: SiteWriter) -> None:
    site.item("region/a.md")
    site.write("content/region/stray.pdf", b"%PDF-1.4")
    only_problem(site, "content/region/stray.pdf", "not an attachment of any item")


def test_an_unknown_field_suggests_the_right_one(site: SiteWriter) -> None:
    site.item("region/a.md", scop="public")
    only_problem(site, "content/region/a.md", "unknown field 'scop'", "did you mean 'scope'")


def test_every_error_of_a_run_is_reported_not_just_the_first(site: SiteWriter) -> None:
    site.item("region/a.md", scope="pubic")
    site.item("region/b.md", org="ghost")
    site.item("region/c.md", date="tomorrow")
    paths = {p.split(":")[0] for p in problems(site)}
    assert {"content/region/a.md", "content/region/b.md", "content/region/c.md"} <= paths


def publication_problems(site: SiteWriter, audience: str) -> list[str]:
    from sitegen import CLOCK

    from site_plugins.prepare import prepare

    return [str(p) for p in prepare(site.root, audience, CLOCK).problems]


def test_a_public_page_may_not_link_to_a_hidden_item_or_attachment(site: SiteWriter) -> None:
    site.item("region/secret-plan.md", entry="party-long", attachments=["secret.pdf"])
    site.write("content/region/secret.pdf", b"%PDF-1.4")
    site.item("region/a.md", body="正文\n\n见[内部方案](secret-plan.md)。\n\n![图](./secret.pdf)\n")
    link_line = line_of(site, "content/region/a.md", "secret-plan.md")
    image_line = line_of(site, "content/region/a.md", "secret.pdf")
    expected = [
        f"content/region/a.md:{link_line}: mentions 'secret-plan', the address of content/region/secret-plan.md (party), "
        "which not every reader of this page may see [Art. 15] — remove it, or link only to items at least as widely visible",
        f"content/region/a.md:{image_line}: mentions 'secret.pdf', an attachment of content/region/secret-plan.md (party), "
        "which not every reader of this page may see [Art. 15]",
    ]
    # Audience-independent: check reports it, and it stops every build, not only the public one.
    for found in (problems(site), publication_problems(site, "public"), publication_problems(site, "party")):
        assert len(found) == 2 and all(p.startswith(e) for p, e in zip(found, expected, strict=True)), found


def test_links_to_visible_items_and_other_sites_are_fine(site: SiteWriter) -> None:
    site.item("region/b.md")
    site.item("region/a.md", body='[乙](b.md) [外部](https://www.12371.cn/) <a href="b.md#x">乙</a>\n')
    assert publication_problems(site, "public") == []


def test_a_page_names_only_what_every_reader_of_it_may_see(site: SiteWriter) -> None:
    site.item("town/plan.md", org="town", entry="unit-long")
    site.item("village/own.md", org="village", entry="unit-long", body="依据[镇的方案](../town/plan.md)。\n")
    assert problems(site) == []  # every reader of a village unit item is within the town
    site.item("town/own.md", org="town", entry="unit-long", body="见[村的事项](../village/own.md)。\n")
    only_problem(site, "content/town/own.md", "mentions 'own'", "content/village/own.md (unit)")


def test_an_attachment_belongs_to_one_document(site: SiteWriter) -> None:
    site.item("region/a.md", attachments=["shared.pdf"])
    site.item("region/b.md", entry="party-long", attachments=["shared.pdf"])
    site.write("content/region/shared.pdf", b"%PDF-1.4")
    only_problem(site, "content/region/b.md", "attachment 'shared.pdf' is also listed by content/region/a.md")


def test_two_files_at_one_address_are_rejected(site: SiteWriter) -> None:
    site.item("region/x.md")
    site.item("region/x/index.md")
    only_problem(site, "content/region/x/index.md", "the same address as content/region/x.md")


def test_a_file_at_an_address_the_site_generates_is_rejected(site: SiteWriter) -> None:
    site.write("content/orgs.md", "---\ntype: page\nscope: public\ntitle: 组织\n---\n正文\n")
    only_problem(site, "content/orgs.md", "an address the site generates", "(orgs/)")


def test_interpreting_an_expiring_item_is_only_a_warning(site: SiteWriter) -> None:
    from sitegen import CLOCK

    site.item("region/notice.md", entry="pub-now", expires="2026-12-31")
    site.item("region/guide.md", interprets="region/notice")
    assert problems(site) == []  # warnings are not problems
    found = [str(p) for p in validate(load_site(site.root), CLOCK, warnings=True)]
    assert len(found) == 1 and ": warning: interprets content/region/notice.md which expires on 2026-12-31" in found[0]


def test_a_unit_page_names_its_organization(site: SiteWriter) -> None:
    site.write("content/notes.md", "---\ntype: page\ntitle: 内部说明\nscope: unit\n---\n正文\n")
    only_problem(site, "content/notes.md", "needs 'org'", "Art. 15")
    site.write("content/notes.md", "---\ntype: page\ntitle: 内部说明\nscope: unit\norg: town\n---\n正文\n")
    assert problems(site) == []
    from sitegen import CLOCK

    from site_plugins.prepare import prepare

    assert "notes.md" in prepare(site.root, "unit:village", CLOCK).publication.paths()
    assert "notes.md" not in prepare(site.root, "party", CLOCK).publication.paths()


def test_an_empty_approval_field_is_reported_at_its_own_line_as_empty(site: SiteWriter) -> None:
    """Finding (issue 14): empty approval fields were all reported at the `approval:` line,
    saying "has no 'approved_by'" although the key was there."""
    path = site.item("region/a.md", org="region")
    text = path.read_text("utf-8")
    lines = text.splitlines()
    at_line = next(i for i, line in enumerate(lines, 1) if line.strip().startswith("approved_by:"))
    lines[at_line - 1] = "  approved_by:"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    found = [p for p in problems(site) if "approved_by" in p]
    assert found == [
        f"content/region/a.md:{at_line}: approval.approved_by is empty [Art. 18] — fill in approval.approved_by "
        "(Art. 18 proposal, review, approval)"
    ], found
    lines = [line for line in lines if not line.strip().startswith("approved_by:")]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    missing = [p for p in problems(site) if "approved_by" in p]
    assert len(missing) == 1 and "the approval record has no 'approved_by'" in missing[0], missing


def test_rules_run_in_two_processes_find_exactly_what_one_process_finds(site: SiteWriter, monkeypatch) -> None:  # noqa: ANN001
    """`check` and builds judge a large site's cross-site rules in a forked process
    (rules._across): the same problems, warnings and mention tables as in one process."""
    import os

    from sitegen import CLOCK

    from site_plugins import parallel_parse
    from site_plugins.rules import Parts

    site.item("region/neibu-yanpan.md", title="内部研判报告", level="important", scope="party", catalog="party-long")
    site.item("region/guide.md", interprets="region/neibu-yanpan")  # a public item naming a party one
    site.item("region/same-a.md", id="one")
    site.item("region/same-b.md", id="one")  # one id twice
    site.item("region/notice.md", expires="2026-12-31")
    site.item("region/reader.md", interprets="region/notice")  # a warning
    site.write("content/about.md", "---\ntype: page\nscope: public\ntitle: 说明\n---\n\n见 region/neibu-yanpan 。\n")
    site.write("content/region/bad.md", "---\ntitle: 错\nscope: publik\n---\n\n正文\n")
    loaded = load_site(site.root)
    one, two = Parts(), Parts()
    alone = validate(loaded, CLOCK, warnings=True, every_build=True, parts=one)
    forks = []
    real = parallel_parse.in_a_second_process
    monkeypatch.setattr(parallel_parse, "in_a_second_process", lambda work: forks.append(1) or real(work))
    monkeypatch.setattr(parallel_parse, "PARALLEL_FROM", 2)
    both = validate(loaded, CLOCK, warnings=True, every_build=True, parts=two, parallel=True)
    assert forks == [1]
    assert both == alone and len(alone) >= 5
    assert any(p.warning for p in alone) and any("content/about.md" in str(p) for p in two.mentions)
    assert sorted(two.rules) == sorted(one.rules) and two.mentions == one.mentions and two.load == one.load
    assert two.names == one.names
    # The work did run elsewhere; where that process fails, it is done again here.
    assert real(os.getpid)() != os.getpid()
    assert real(lambda: lambda: "unpicklable")()() == "unpicklable"
