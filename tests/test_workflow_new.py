"""`disclose new`: a scaffolded draft passes `check` as it is, and once completed is built."""

from __future__ import annotations

import json
import re
from pathlib import Path

import frontmatter
import pytest
from sitegen import CLOCK, CLOCK_EPOCH, ENTRIES, SiteWriter, build

from site_plugins.cli import main
from site_plugins.scaffold import new_item


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    # `new` dates the draft with the build clock; tests pin it like a reproducible build.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", CLOCK_EPOCH)


def run(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


def new(site: SiteWriter, capsys: pytest.CaptureFixture[str], org: str, entry: str, *extra: str) -> Path:
    assert run(site.root, "new", "--org", org, "--entry", entry, *extra) == 0
    return Path(capsys.readouterr().out.strip())


def test_new_writes_a_draft_filled_from_the_catalog_entry(site: SiteWriter, capsys: pytest.CaptureFixture[str]) -> None:
    path = new(site, capsys, "region", "pub-q")
    assert path.parent == site.root / "content" / "region" / str(CLOCK.year)
    assert re.fullmatch(r"[a-z0-9-]+\.md", path.name)
    meta = frontmatter.loads(path.read_text(encoding="utf-8")).metadata
    assert meta["org"] == "region"
    assert meta["catalog"] == "pub-q"
    assert meta["scope"] == "public"
    assert meta["timing"] == "periodic"
    assert meta["covers"] == "2026-Q4"  # the clock (2026-11-20) is in the fourth quarter
    assert meta["level"] == "routine"
    assert meta["status"] == "draft"
    assert meta["date"] == CLOCK
    assert meta["title"] == "公开季度事项（2026-Q4）"
    assert set(meta["approval"]) == {
        "proposed_by",
        "reviewed_by",
        "reviewed_on",
        "secrecy_review",
        "approved_by",
        "approved_on",
    }
    assert all(value is None for value in meta["approval"].values())


@pytest.mark.parametrize("entry", [e["id"] for e in ENTRIES])
def test_the_scaffold_of_every_kind_of_entry_passes_check_as_it_is(
    site: SiteWriter, capsys: pytest.CaptureFixture[str], entry: str
) -> None:
    path = new(site, capsys, "banner", entry)
    assert run(site.root, "check") == 0, capsys.readouterr().err
    meta = frontmatter.loads(path.read_text(encoding="utf-8")).metadata
    spec = next(e for e in ENTRIES if e["id"] == entry)
    assert (meta["scope"], meta["timing"]) == (spec["scope"], spec["timing"])
    if spec.get("period") == "monthly":
        assert meta["covers"] == "2026-11"
    if spec["scope"] == "specific":
        assert meta["audience"] == ["banner"]


def test_new_never_overwrites_and_gives_each_draft_its_own_file(
    site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    first = new(site, capsys, "region", "pub-long")
    first.write_text(first.read_text(encoding="utf-8").replace("（正文）", "已经写好的正文。"), encoding="utf-8")
    second = new(site, capsys, "region", "pub-long")
    third = new(site, capsys, "region", "pub-long")
    assert len({first, second, third}) == 3
    assert "已经写好的正文。" in first.read_text(encoding="utf-8")
    assert run(site.root, "check") == 0, capsys.readouterr().err  # ids (from the paths) stay unique


def test_a_given_title_is_written_so_that_yaml_reads_it_back_unchanged(
    site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    title = "关于: #1 号 'ok' 的通知"
    path = new(site, capsys, "region", "pub-now", "--title", title)
    assert frontmatter.loads(path.read_text(encoding="utf-8")).metadata["title"] == title
    assert run(site.root, "check") == 0


def test_an_entry_id_in_chinese_still_gives_an_ascii_file_name(site: SiteWriter) -> None:
    entry = dict(ENTRIES[0], id="主题党日")
    site.catalog("region", entries=[entry])
    path = new_item(site.root, "region", "主题党日", None, CLOCK)
    assert path.name.isascii()
    assert frontmatter.loads(path.read_text(encoding="utf-8")).metadata["catalog"] == "主题党日"


def test_a_completed_new_item_appears_in_the_next_build(site: SiteWriter, capsys: pytest.CaptureFixture[str]) -> None:
    path = new(site, capsys, "region", "pub-long", "--title", "新建的公开事项")
    text = path.read_text(encoding="utf-8").replace("（正文）", "这是新事项的正文。")
    # Complete it the way an editor does: fill the approval lines in place and approve it.
    filled = {
        "proposed_by": "办公室 张某",
        "reviewed_by": "李某",
        "reviewed_on": "2026-11-18",
        "secrecy_review": "passed",
        "approved_by": "王某",
        "approved_on": "2026-11-19",
    }
    for key, value in filled.items():
        text, count = re.subn(rf"^  {key}:.*$", f"  {key}: {value}", text, flags=re.M)
        assert count == 1
    text = re.sub(r"^status: draft.*$", "status: approved", text, flags=re.M)
    path.write_text(text, encoding="utf-8")
    assert run(site.root, "check") == 0, capsys.readouterr().err

    out = build(site.root, "public")
    page = out / path.relative_to(site.root / "content").with_suffix("") / "index.html"
    assert "新建的公开事项" in page.read_text(encoding="utf-8")
    assert "这是新事项的正文。" in page.read_text(encoding="utf-8")
    items = json.loads((out / "data" / "items.json").read_text(encoding="utf-8"))["items"]
    assert "新建的公开事项" in [i["title"] for i in items]


def test_a_draft_made_by_new_is_not_built(site: SiteWriter, capsys: pytest.CaptureFixture[str]) -> None:
    path = new(site, capsys, "region", "pub-long", "--title", "尚未批准的草稿")
    out = build(site.root, "party")
    assert not (out / path.relative_to(site.root / "content").with_suffix("")).exists()
    assert "尚未批准的草稿" not in (out / "data" / "items.json").read_text(encoding="utf-8")


def test_new_for_an_unknown_entry_exits_1_and_names_the_known_entries(
    site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(site.root, "new", "--org", "region", "--entry", "no-such-entry") == 1
    err = capsys.readouterr().err
    assert "no-such-entry" in err
    for entry in ENTRIES:
        assert entry["id"] in err
    assert not list((site.root / "content").glob("region/**/*.md"))  # nothing was written


def test_new_for_an_unknown_organization_exits_1_and_names_the_known_ones(
    site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(site.root, "new", "--org", "nobody", "--entry", "pub-long") == 1
    err = capsys.readouterr().err
    assert "unknown organization 'nobody'" in err
    assert "region" in err and "village" in err


def test_new_for_an_organization_without_a_catalog_says_so(
    site: SiteWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    (site.root / "catalogs" / "soe.yml").unlink()
    assert run(site.root, "new", "--org", "soe", "--entry", "pub-long") == 1
    err = capsys.readouterr().err
    assert "'soe' has no catalog" in err
    assert "catalogs/soe.yml" in err
