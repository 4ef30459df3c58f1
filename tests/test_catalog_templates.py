"""Catalog templates (指导目录, Art. 14): `extends:`, `remove:`, `narrow:` and what they may not do.

Each fixture is a small site (tests/sitegen.py) whose template and catalogs are written as
YAML text here, so that every problem's line can be asserted exactly.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sitegen import SiteWriter, dump

from site_plugins.load import load_site
from site_plugins.model import Problem, Site
from site_plugins.parse_memory import ParseMemory
from site_plugins.rules import validate

GRASSROOTS = """\
# 基层党组织党务公开指导目录（第十条）
template: grassroots
title: 基层党组织党务公开指导目录
issued_by: region
issued_on: 2025-11-01
entries:
  - id: jiben
    title: 党组织基本情况
    basis: 第十条（五）
    scope: public
    timing: long-term
    methods: [bulletin-board, website]
    department: 党支部
    required: true

  - id: sanhui
    title: 执行“三会一课”制度情况
    basis: 第十条（四）
    scope: party
    timing: periodic
    period: quarterly
    methods: [meeting, document]
    department: 党支部

  - id: dangfei
    title: 党费收缴、使用和管理情况
    basis: 第十条（五）
    scope: party
    timing: periodic
    period: yearly
    methods: [meeting, document]
    department: 党支部
"""

VILLAGE_TEMPLATE = """\
template: village
title: 嘎查村党组织党务公开指导目录
issued_by: league
extends: grassroots
narrow:
  - id: sanhui
    period: monthly
entries:
  - id: sixiang
    title: “四议两公开”落实情况
    basis: 第十一条（一）
    scope: public
    timing: periodic
    period: quarterly
    methods: [bulletin-board]
    department: 党支部
"""

VILLAGE_CATALOG = """\
org: village
extends: village
adopted_on: 2026-01-05
filed_with: town
filed_on: 2026-01-09
scope: public
remove: [dangfei]
narrow:
  - id: sixiang
    scope: party
    methods: [bulletin-board]
entries:
  - id: caoyuan
    title: 草原生态保护补助奖励资金发放情况
    basis: 第十一条（一）
    scope: public
    timing: periodic
    period: yearly
    methods: [bulletin-board]
    department: 嘎查党支部
"""


@pytest.fixture
def site(tmp_path: Path) -> SiteWriter:
    writer = SiteWriter(tmp_path)
    writer.write("catalogs/templates/grassroots.yml", GRASSROOTS)
    writer.write("catalogs/templates/village.yml", VILLAGE_TEMPLATE)
    writer.write("catalogs/village.yml", VILLAGE_CATALOG)
    return writer


def problems_of(site: SiteWriter) -> list[Problem]:
    return validate(load_site(site.root))


def located(problems: list[Problem]) -> list[tuple[str, int]]:
    return [(p.path, p.line) for p in problems]


def one_problem(site: SiteWriter) -> Problem:
    problems = problems_of(site)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


# --------------------------------------------------------------------------- expansion


def test_a_catalog_that_extends_a_chain_of_templates_has_their_entries_removed_narrowed_and_its_own_added(
    site: SiteWriter,
) -> None:
    loaded = load_site(site.root)
    assert validate(loaded) == []
    catalog = loaded.catalogs["village"]
    assert [e.id for e in catalog.entries] == ["jiben", "sanhui", "sixiang", "caoyuan"]  # dangfei removed
    jiben, sanhui, sixiang, caoyuan = catalog.entries
    assert (jiben.scope, jiben.methods, jiben.where.path) == (
        "public",
        ("bulletin-board", "website"),
        "catalogs/templates/grassroots.yml",
    )
    assert (sanhui.period, sanhui.where.path) == ("monthly", "catalogs/templates/village.yml")  # the league's narrowing
    assert (sixiang.scope, sixiang.period, sixiang.where.path) == ("party", "quarterly", "catalogs/village.yml")
    assert (caoyuan.title, caoyuan.department) == ("草原生态保护补助奖励资金发放情况", "嘎查党支部")
    # Adoption and filing are the catalog's own.
    assert (str(catalog.adopted_on), catalog.filed_with, str(catalog.filed_on)) == ("2026-01-05", "town", "2026-01-09")


def test_items_are_judged_against_the_expanded_catalog(site: SiteWriter) -> None:
    site.item("village/a.md", org="village", entry="pub-long")  # the sitegen entry is not in this catalog
    site.write(
        "content/village/b.md",
        "---\n"
        + dump(
            {
                **site.item_fields(org="village", entry="pub-long"),
                "catalog": "sixiang",
                "scope": "public",  # the template's scope, which this catalog narrowed to party
                "timing": "periodic",
                "covers": "2026-Q3",
            }
        )
        + "---\n\n正文。\n",
    )
    site.write(
        "content/village/c.md",
        "---\n"
        + dump(
            {
                **site.item_fields(org="village", entry="pub-long"),
                "catalog": "jiben",
                "title": "嘎查党支部基本情况",
            }
        )
        + "---\n\n正文。\n",
    )
    messages = [(p.path, p.message) for p in problems_of(site)]
    assert len(messages) == 2, messages
    assert messages[0][0] == "content/village/a.md" and "pub-long" in messages[0][1]
    assert messages[1][0] == "content/village/b.md" and "wider" in messages[1][1]


def test_a_template_is_expanded_once_and_its_entries_are_shared_by_every_catalog_that_extends_it(
    site: SiteWriter,
) -> None:
    site.write(
        "catalogs/town.yml",
        VILLAGE_CATALOG.replace("org: village", "org: town").replace("filed_with: town", "filed_with: banner"),
    )
    loaded = load_site(site.root)
    assert validate(loaded) == []
    village, town = loaded.catalogs["village"], loaded.catalogs["town"]
    assert village.entries[0] is town.entries[0]  # jiben: one object from the template, not a copy per catalog


def test_a_changed_template_changes_the_catalogs_even_when_their_own_files_are_remembered(site: SiteWriter) -> None:
    memory = ParseMemory()
    first = load_site(site.root, memory=memory)
    assert first.catalogs["village"].entry("jiben").department == "党支部"  # type: ignore[union-attr]
    site.write(
        "catalogs/templates/grassroots.yml",
        GRASSROOTS.replace("department: 党支部\n    required", "department: 支部委员会\n    required"),
    )
    second = load_site(site.root, memory=memory)
    assert second.catalogs["village"].entry("jiben").department == "支部委员会"  # type: ignore[union-attr]


def test_a_template_may_forbid_a_wider_published_catalog(site: SiteWriter) -> None:
    site.write(
        "catalogs/templates/village.yml",
        VILLAGE_TEMPLATE.replace("issued_by: league\n", "issued_by: league\nscope: party\n"),
    )
    problem = one_problem(site)
    assert (problem.path, problem.line) == ("catalogs/village.yml", 6)
    assert "wider than template 'village' allows (party)" in problem.message


# --------------------------------------------------------------------------- what a catalog may not do


def test_extending_a_template_that_does_not_exist_names_the_line_and_the_closest_template(site: SiteWriter) -> None:
    site.write("catalogs/village.yml", VILLAGE_CATALOG.replace("extends: village", "extends: vilage"))
    problems = problems_of(site)
    first = problems[0]
    assert (first.path, first.line) == ("catalogs/village.yml", 2)
    assert "no template catalogs/templates/vilage.yml" in first.message and "did you mean 'village'" in first.hint


def test_extending_an_organizations_own_catalog_is_refused(site: SiteWriter) -> None:
    site.write("catalogs/village.yml", VILLAGE_CATALOG.replace("extends: village", "extends: town"))
    first = problems_of(site)[0]
    assert (first.path, first.line) == ("catalogs/village.yml", 2)
    assert "an organization's own catalog, not a template" in first.message


def test_templates_that_extend_each_other_in_a_cycle_are_refused_at_the_extends_that_closes_it(
    site: SiteWriter,
) -> None:
    site.write(
        "catalogs/templates/grassroots.yml",
        GRASSROOTS.replace("issued_on: 2025-11-01\n", "issued_on: 2025-11-01\nextends: village\n"),
    )
    problems = problems_of(site)
    cycles = [p for p in problems if "cycle" in p.message]
    assert len(cycles) == 1, "\n".join(map(str, problems))
    assert (cycles[0].path, cycles[0].line) in {
        ("catalogs/templates/grassroots.yml", 6),
        ("catalogs/templates/village.yml", 4),
    }


def test_removing_an_entry_the_template_does_not_have_is_refused_at_remove(site: SiteWriter) -> None:
    site.write("catalogs/village.yml", VILLAGE_CATALOG.replace("remove: [dangfei]", "remove: [dangfie]"))
    problem = one_problem(site)
    assert (problem.path, problem.line) == ("catalogs/village.yml", 7)
    assert "'dangfie', which template 'village' has no entry of" in problem.message
    assert "did you mean 'dangfei'" in problem.hint


def test_removing_a_required_entry_is_refused(site: SiteWriter) -> None:
    site.write("catalogs/village.yml", VILLAGE_CATALOG.replace("remove: [dangfei]", "remove: [dangfei, jiben]"))
    problem = one_problem(site)
    assert (problem.path, problem.line) == ("catalogs/village.yml", 7)
    assert "requires" in problem.message and "jiben" in problem.message


def test_a_narrowing_that_widens_the_scope_is_refused_at_its_scope_line_and_not_applied(site: SiteWriter) -> None:
    text = VILLAGE_CATALOG.replace(
        "remove: [dangfei]\nnarrow:\n", "remove: [dangfei]\nnarrow:\n  - id: sanhui\n    scope: public\n"
    )
    site.write("catalogs/village.yml", text)
    problem = one_problem(site)
    assert (problem.path, problem.line, problem.rule) == ("catalogs/village.yml", 10, "Art. 15")
    assert "scope public, wider than template 'village' allows (party)" in problem.message
    assert load_site(site.root).catalogs["village"].entry("sanhui").scope == "party"  # type: ignore[union-attr]


def test_a_narrowing_to_a_longer_period_is_refused(site: SiteWriter) -> None:
    text = VILLAGE_CATALOG.replace("    scope: party\n    methods", "    period: yearly\n    methods")
    site.write("catalogs/village.yml", text)
    problem = one_problem(site)
    assert (problem.path, problem.line, problem.rule) == ("catalogs/village.yml", 10, "Art. 17")
    assert "less often" in problem.message


def test_a_narrowing_may_only_leave_methods_out(site: SiteWriter) -> None:
    site.write(
        "catalogs/village.yml",
        VILLAGE_CATALOG.replace("methods: [bulletin-board]\nentries", "methods: [website]\nentries"),
    )
    problem = one_problem(site)
    assert (problem.path, problem.line, problem.rule) == ("catalogs/village.yml", 11, "Art. 20")


def test_a_narrowing_cannot_change_the_timing_or_title(site: SiteWriter) -> None:
    site.write("catalogs/village.yml", VILLAGE_CATALOG.replace("    scope: party\n", "    timing: immediate\n"))
    problem = one_problem(site)
    assert (problem.path, problem.line) == ("catalogs/village.yml", 10)
    assert "'timing' cannot be narrowed" in problem.message


def test_a_narrowing_of_an_entry_the_template_does_not_have_is_refused_at_its_id(site: SiteWriter) -> None:
    site.write(
        "catalogs/village.yml", VILLAGE_CATALOG.replace("  - id: sixiang\n    scope", "  - id: sixaing\n    scope")
    )
    problem = one_problem(site)
    assert (problem.path, problem.line) == ("catalogs/village.yml", 9)
    assert "did you mean 'sixiang'" in problem.hint


def test_an_entry_of_its_own_cannot_reuse_a_template_entrys_id(site: SiteWriter) -> None:
    site.write("catalogs/village.yml", VILLAGE_CATALOG.replace("  - id: caoyuan", "  - id: dangfei"))
    problem = one_problem(site)
    assert (problem.path, problem.line) == ("catalogs/village.yml", 13)
    assert "already in template 'village' (catalogs/templates/grassroots.yml:" in problem.message


def test_remove_and_narrow_need_extends(site: SiteWriter) -> None:
    site.write("catalogs/village.yml", VILLAGE_CATALOG.replace("extends: village\n", ""))
    assert located(problems_of(site)) == [("catalogs/village.yml", 6), ("catalogs/village.yml", 7)]


def test_a_template_names_its_file_and_a_known_issuer(site: SiteWriter) -> None:
    site.write("catalogs/templates/grassroots.yml", GRASSROOTS.replace("issued_by: region", "issued_by: nobody"))
    problem = one_problem(site)
    assert (problem.path, problem.line) == ("catalogs/templates/grassroots.yml", 4)
    site.write("catalogs/templates/grassroots.yml", GRASSROOTS.replace("template: grassroots", "template: jiceng"))
    assert ("catalogs/templates/grassroots.yml", 2) in located(problems_of(site))


def test_a_template_put_among_the_catalogs_is_told_where_it_belongs(site: SiteWriter) -> None:
    site.write("catalogs/grassroots.yml", GRASSROOTS)
    problem = [p for p in problems_of(site) if p.path == "catalogs/grassroots.yml"][0]
    assert problem.line == 2 and "catalogs/templates/grassroots.yml" in problem.hint


def test_a_catalogs_own_entry_cannot_be_required(site: SiteWriter) -> None:
    site.write("catalogs/village.yml", VILLAGE_CATALOG + "    required: true\n")
    problem = one_problem(site)
    assert (problem.path, problem.line) == ("catalogs/village.yml", 21)


def test_a_linked_templates_folder_is_refused(site: SiteWriter, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (site.root / "catalogs" / "templates").rename(elsewhere)
    os.symlink(elsewhere, site.root / "catalogs" / "templates")
    loaded: Site = load_site(site.root)
    assert any(p.path == "catalogs/templates" for p in loaded.problems)
