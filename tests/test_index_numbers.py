"""Index numbers (索引号, issue 14 point 4): the pattern, `disclose new` numbering an item, and
`disclose diff` refusing a number given twice.

A number is never reused: `new` counts every file of the organization and year — drafts,
withdrawn and hidden items, files that do not even parse — and numbers written with other
zeros or case; `diff` finds a number the older revision gave another item.
"""

from __future__ import annotations

import re
from pathlib import Path

import frontmatter
import pytest
from sitegen import CLOCK, CLOCK_EPOCH, ORGS, SiteWriter, dump
from test_workflow_diff import commit_all, git

from site_plugins.cli import main
from site_plugins.diff import diff_revisions, format_diff
from site_plugins.index_numbers import DEFAULT_PATTERN, IndexPattern, PatternError, same_number
from site_plugins.load import load_site
from site_plugins.rules import validate
from site_plugins.settings import SettingsError, read


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", CLOCK_EPOCH)  # `new` numbers by the year of the clock: 2026


def new(site: SiteWriter, capsys: pytest.CaptureFixture[str], org: str = "region", entry: str = "pub-long") -> str:
    """`disclose new` through the CLI; the new item's id as written in its file."""
    assert main(["--root", str(site.root), "new", "--org", org, "--entry", entry]) == 0, capsys.readouterr()
    path = Path(capsys.readouterr().out.strip())
    return str(frontmatter.loads(path.read_text("utf-8")).metadata["id"])


def with_codes(site: SiteWriter, **codes: str) -> None:
    orgs = [{**o, **({"code": codes[o["id"]]} if o["id"] in codes else {})} for o in ORGS]
    site.write("catalogs/organizations.yml", dump(orgs))


def set_pattern(site: SiteWriter, pattern: str) -> None:
    text = (site.root / "mkdocs.yml").read_text("utf-8")
    text = re.sub(r'index_pattern: "[^"]*"', f"index_pattern: {pattern}", text)
    assert f"index_pattern: {pattern}" in text
    (site.root / "mkdocs.yml").write_text(text, encoding="utf-8")


# ------------------------------------------------------------------ the pattern


def test_the_default_pattern_is_code_year_and_a_five_digit_serial() -> None:
    assert IndexPattern.parse(DEFAULT_PATTERN).format("11150000MB0000001F", 2026, 12) == "11150000MB0000001F/2026-00012"
    assert IndexPattern.parse("{year}-{code}-{serial}").format("nmg-dw", 2026, 7) == "2026-nmg-dw-7"


@pytest.mark.parametrize(
    ("pattern", "says"),
    [
        ("{code}/{year}", "must hold {serial} exactly once"),
        ("{code}/{serial}", "must hold {year} exactly once"),
        ("{year}-{serial}", "must hold {code} exactly once"),
        ("{code}/{year}-{serial}-{serial}", "must hold {serial} exactly once"),
        ("{code}/{yr}-{serial}", "'{yr}' is not a placeholder"),
        ("{code}/{year:4}-{serial}", "'{year:4}' is not a placeholder"),
        ("{code}/{year}-{serial:0}", "give the serial's digits as 1 to 9"),
        ("{code}/{year}-{serial:x}", "give the serial's digits as 1 to 9"),
        ("{code} {year}-{serial}", "has ' ' between its placeholders"),
        ("{code}/{year}#{serial}", "has '#' between its placeholders"),
        ("{code/{year}-{serial}", "must hold {code} exactly once"),
        ("/{code}/{year}-{serial}", "starts with '/'"),
    ],
)
def test_a_pattern_that_cannot_number_items_says_how_to_write_one(pattern: str, says: str) -> None:
    with pytest.raises(PatternError) as caught:
        IndexPattern.parse(pattern)
    assert says in str(caught.value)


def test_the_next_number_follows_the_highest_of_that_code_and_year_only() -> None:
    pattern = IndexPattern.parse(DEFAULT_PATTERN)
    taken = [
        "R/2026-00003",
        "r/2026-7",  # the same organization, written in lower case without zeros
        "R/2025-00099",  # last year's
        "XR/2026-00050",  # another organization whose code ends in R
        "R/2026-00010-b",  # not a number of this pattern
        "region/2026/some-path",  # an old id
    ]
    assert pattern.next_number("R", 2026, taken) == "R/2026-00008"
    assert pattern.next_number("R", 2027, taken) == "R/2027-00001"


def test_numbers_that_differ_only_in_zeros_or_case_have_one_normal_form() -> None:
    assert same_number("NMGDW/2026-00012") == same_number("nmgdw/2026-12")
    assert same_number("NMGDW/2026-00012") != same_number("NMGDW/2026-00120")


# ------------------------------------------------------------------ disclose new


def test_new_numbers_the_first_item_of_an_organization_by_its_id_without_a_code(
    site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(site, capsys) == "region/2026-00001"
    assert new(site, capsys) == "region/2026-00002"
    assert new(site, capsys, org="league") == "league/2026-00001"
    assert [str(p) for p in validate(load_site(site.root), CLOCK)] == []  # the drafts pass check as they are


def test_new_numbers_by_the_registry_code(site: SiteWriter, capsys: pytest.CaptureFixture[str]) -> None:
    with_codes(site, region="11150000MB0000001F")
    first = new(site, capsys)
    assert first == "11150000MB0000001F/2026-00001"
    text = next((site.root / "content/region/2026").glob("*.md")).read_text("utf-8")
    assert "id: 11150000MB0000001F/2026-00001  # 索引号, given by disclose new" in text


def test_new_never_reuses_a_number_held_by_a_draft_a_withdrawn_hidden_or_broken_file(
    site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    site.item("region/2026/a.md", id="region/2026-00004", status="draft")
    site.item("region/2026/b.md", id="region/2026-00006", entry="party-long", status="withdrawn", approval=None)
    site.item("region/2026/c.md", id="region/2026-9", entry="unit-long")  # written without zeros
    # A file that does not parse at all (a tab in its YAML): its number is taken all the same.
    site.write("content/region/2026/broken.md", "---\nid: region/2026-00011\ntitle:\t坏\n---\n正文\n")
    assert load_site(site.root).problems  # it really is broken
    assert new(site, capsys) == "region/2026-00012"


def test_new_skips_a_number_that_only_differs_in_case_from_a_taken_id(
    site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    set_pattern(site, '"{code}-{year}-{serial:2}"')
    with_codes(site, region="R")
    site.item("region/2026/x.md", id="r-2026-01-old")  # not this pattern's number: no serial counted
    site.item("region/2026/y.md", id="R-2026-1")
    assert new(site, capsys) == "R-2026-02"


def test_new_follows_the_pattern_of_mkdocs_yml_and_quotes_a_number_yaml_would_misread(
    site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    set_pattern(site, '"{code}{year}{serial:3}"')
    with_codes(site, region="115")
    number = new(site, capsys)
    assert number == "1152026001"  # read back as text, not as the number 1152026001
    assert new(site, capsys) == "1152026002"


def test_a_pattern_that_cannot_number_stops_new_check_and_the_build(
    site: SiteWriter, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    set_pattern(site, '"{code}/{serial}"')
    with pytest.raises(SettingsError, match="index_pattern"):
        read(site.root)
    assert main(["--root", str(site.root), "new", "--org", "region", "--entry", "pub-long"]) == 1
    assert main(["--root", str(site.root), "check"]) == 1
    assert "disclosure index_pattern: index_pattern '{code}/{serial}' must hold {year}" in capsys.readouterr().err
    from site_plugins import engine

    with pytest.raises(Exception, match="configuration error"):
        engine.load_config(str(site.root / "mkdocs.yml"), {"audience": "public"})
    assert "option 'index_pattern': index_pattern '{code}/{serial}' must hold {year}" in caplog.text


# ------------------------------------------------------------------ disclose diff


@pytest.fixture
def numbered(site: SiteWriter) -> SiteWriter:
    site.item("region/2026/first.md", title="第一件", id="R/2026-00001")
    site.item("region/2026/draft.md", title="草稿", id="R/2026-00002", status="draft")
    git(site.root, "init", "-q")
    commit_all(site.root, "first")
    return site


def test_a_number_given_to_another_item_after_its_holder_was_deleted_is_refused_by_diff(numbered: SiteWriter) -> None:
    (numbered.root / "content/region/2026/draft.md").unlink()  # a draft, never published
    numbered.item("region/2026/other.md", title="另一件", id="R/2026-00002")
    result = diff_revisions(numbered.root, "HEAD", None, CLOCK)
    (problem,) = result["numbers"]
    assert problem.startswith("content/region/2026/other.md:")
    assert (
        "index number R/2026-00002 was, in HEAD, the number of content/region/2026/draft.md (草稿), deleted since"
        in problem
    )
    assert "index number(s) (索引号) given again or changed" in format_diff(result)
    assert main(["--root", str(numbered.root), "diff", "HEAD"]) == 1


def test_a_number_taken_from_an_item_that_still_exists_is_refused(numbered: SiteWriter) -> None:
    numbered.item("region/2026/draft.md", title="草稿", id="R/2026-00003", status="draft")
    numbered.item("region/2026/other.md", title="另一件", id="R/2026-00002")
    (problem,) = diff_revisions(numbered.root, "HEAD", None, CLOCK)["numbers"]
    assert "the number of content/region/2026/draft.md (草稿), now numbered R/2026-00003" in problem


def test_a_published_item_keeps_its_number(numbered: SiteWriter) -> None:
    numbered.item("region/2026/first.md", title="第一件", id="R/2026-00009")
    (problem,) = diff_revisions(numbered.root, "HEAD", None, CLOCK)["numbers"]
    assert "the index number of this published item changes from R/2026-00001 to R/2026-00009" in problem
    assert "keep id: R/2026-00001" in problem


def test_a_draft_may_be_renumbered_and_a_file_moved_keeps_its_number(numbered: SiteWriter) -> None:
    numbered.item("region/2026/draft.md", title="草稿", id="R/2026-00005", status="draft")
    (numbered.root / "content/region/2026/first.md").unlink()
    numbered.item("region/2026/moved.md", title="第一件", id="R/2026-00001", moved_from=["region/2026/first"])
    result = diff_revisions(numbered.root, "HEAD", None, CLOCK)
    assert result["numbers"] == [] and result["addresses"] == []
