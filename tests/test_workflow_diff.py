"""`disclose diff`: what each audience gains, loses or sees change between two revisions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitegen import CLOCK, CLOCK_EPOCH, REPO, SiteWriter

from site_plugins.diff import DOCUMENT_FIELDS, diff_revisions, format_diff
from site_plugins.record import RECORD_FIELDS

GIT_ENV = {
    "GIT_AUTHOR_NAME": "编辑",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "编辑",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def disclose(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real CLI in its own process, at the fixed test clock."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": CLOCK_EPOCH}
    return subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "--root", str(root), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )


def ids(section: dict) -> dict[str, list[str]]:
    return {kind: [entry["id"] for entry in section[kind]] for kind in ("added", "removed", "changed")}


@pytest.fixture
def repo(site: SiteWriter) -> SiteWriter:
    """A site in git: a party item on a public entry, two public items, party and unit items."""
    site.item("region/widen.md", title="将向社会公开的事项", entry="pub-long", scope="party")
    site.item("region/withdraw.md", title="将撤回的事项", entry="pub-now")
    site.item("region/party.md", title="党内事项", entry="party-long")
    site.item("region/unit.md", title="本单位事项", entry="unit-long")
    site.item("banner/steady.md", title="不变的事项", org="banner", entry="pub-long")
    git(site.root, "init", "-q")
    commit_all(site.root, "first")
    return site


def change_three(site: SiteWriter) -> None:
    site.item("region/widen.md", title="将向社会公开的事项", entry="pub-long", scope="public")
    withdrawn = {"on": "2026-11-10", "reason": "情况已变化"}
    site.item("region/withdraw.md", title="将撤回的事项", entry="pub-now", status="withdrawn", withdrawn=withdrawn)
    site.item("league/added.md", title="新增的事项", org="league", entry="pub-long", date="2026-11-01")


def test_diff_of_the_last_commit_lists_exactly_the_three_changes_under_the_right_audiences(repo: SiteWriter) -> None:
    change_three(repo)
    commit_all(repo.root, "widen one, withdraw one, add one")
    done = disclose(repo.root, "diff", "HEAD~1", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    audiences = result["audiences"]
    # unit builds of every organization a changed item belongs to; nothing else
    assert sorted(audiences) == ["party", "public", "unit:league", "unit:region"]
    public = ids(audiences["public"]["documents"])
    # A withdrawn item stays at its address as a notice: a change its readers see, not a removal.
    assert public == {"added": ["league/added", "region/widen"], "removed": [], "changed": ["region/withdraw"]}
    (withdrawal,) = audiences["public"]["documents"]["changed"]
    assert withdrawal["fields"] == ["withdrawn", "body"]
    assert withdrawal["after"]["withdrawn"] == {"on": "2026-11-10", "reason": "情况已变化"}
    party = ids(audiences["party"]["documents"])
    assert party == {"added": ["league/added"], "removed": [], "changed": ["region/widen", "region/withdraw"]}
    widened = audiences["party"]["documents"]["changed"][0]
    assert widened["fields"] == ["scope"]
    assert (widened["before"], widened["after"]) == ({"scope": "party"}, {"scope": "public"})
    # A unit build sees all the party changes too; its list holds only what goes beyond them.
    nothing = {"added": [], "removed": [], "changed": []}
    for unit in ("unit:region", "unit:league"):
        assert all(ids(section) == nothing for section in audiences[unit].values())
    everything = {
        i for a in audiences.values() for s in a.values() for kind in s.values() for i in (e["id"] for e in kind)
    }
    assert everything == {"league/added", "region/widen", "region/withdraw"}
    assert result["changes"] == 3 + 3
    assert result["before"]["ok"] and result["after"]["ok"]
    assert result["clock"] == CLOCK.isoformat()
    reasons = {
        e["id"]: e["why"]
        for e in audiences["public"]["documents"]["added"] + audiences["public"]["documents"]["removed"]
    }
    assert reasons == {"league/added": "new file", "region/widen": "was: scope party"}
    assert result["addresses"] == [] and result["attention"] == []


def test_unit_and_specific_items_are_listed_under_the_organizations_that_see_them(repo: SiteWriter) -> None:
    repo.item("region/unit.md", title="本单位事项（修订）", entry="unit-long")
    repo.item("region/specific.md", title="特定对象事项", entry="spec-now", audience=["village"])
    result = diff_revisions(repo.root, "HEAD", None, CLOCK)
    audiences = result["audiences"]
    assert sorted(audiences) == ["party", "public", "unit:region", "unit:village"]
    for wide in ("public", "party"):
        assert all(ids(section) == {"added": [], "removed": [], "changed": []} for section in audiences[wide].values())
    (retitled,) = audiences["unit:region"]["documents"]["changed"]
    assert (retitled["id"], retitled["after"]) == ("region/unit", {"title": "本单位事项（修订）"})
    assert ids(audiences["unit:region"]["documents"])["added"] == []  # not listed, so region does not see it
    # village is under region, so it sees region's unit item change as well as the item for it
    assert ids(audiences["unit:village"]["documents"]) == {
        "added": ["region/specific"],
        "removed": [],
        "changed": ["region/unit"],
    }
    text = format_diff(result)
    assert "+ region/specific  特定对象事项" in text.split("unit:village")[1]


def test_the_plain_text_names_each_change_under_its_audience(repo: SiteWriter) -> None:
    change_three(repo)
    commit_all(repo.root, "three changes")
    done = disclose(repo.root, "diff", "HEAD~1", "HEAD")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    public_block = text.split("\npublic ")[1].split("\nparty ")[0]
    assert "+ region/widen" in public_block and "+ league/added" in public_block
    assert "~ region/withdraw  将撤回的事项: withdrawn, body" in public_block
    party_block = text.split("\nparty ")[1].split("\nunit:")[0]
    assert "~ region/widen" in party_block and "scope: party（党内公开） → public（向社会公开）" in party_block
    assert "steady" not in text and "党内事项" not in text


def test_without_a_second_revision_the_working_tree_is_compared_and_left_untouched(repo: SiteWriter) -> None:
    change_three(repo)
    head, status = git(repo.root, "rev-parse", "HEAD"), git(repo.root, "status", "--porcelain")
    stamps = {p: p.stat().st_mtime_ns for p in repo.root.rglob("*") if ".git" not in p.parts}
    result = diff_revisions(repo.root, "HEAD", None, CLOCK)
    assert result["after"] == {"rev": "working tree", "commit": None, "ok": True, "problems": []}
    assert ids(result["audiences"]["public"]["documents"])["added"] == ["league/added", "region/widen"]
    assert git(repo.root, "rev-parse", "HEAD") == head
    assert git(repo.root, "status", "--porcelain") == status
    assert {p: p.stat().st_mtime_ns for p in repo.root.rglob("*") if ".git" not in p.parts} == stamps


def test_a_site_in_a_subfolder_of_the_repository_is_read_from_that_subfolder(tmp_path: Path) -> None:
    site = SiteWriter(tmp_path / "sites" / "nmg")
    site.item("region/a.md", title="甲")
    git(tmp_path, "init", "-q")
    commit_all(tmp_path, "first")
    site.item("region/a.md", title="乙")
    commit_all(tmp_path, "retitle")
    result = diff_revisions(site.root, "HEAD~1", "HEAD", CLOCK)
    (changed,) = result["audiences"]["public"]["documents"]["changed"]
    assert (changed["id"], changed["fields"], changed["after"]) == ("region/a", ["title"], {"title": "乙"})


def test_body_and_attachment_changes_are_reported_with_the_attachment_compared_by_content(repo: SiteWriter) -> None:
    repo.write("content/region/report.pdf", b"%PDF-1 first")
    repo.item("region/doc.md", title="带附件的事项", attachments=["report.pdf"])
    commit_all(repo.root, "attachment")
    repo.write("content/region/report.pdf", b"%PDF-1 second")
    repo.item("region/doc.md", body="改过的正文。", title="带附件的事项", attachments=["report.pdf"])
    result = diff_revisions(repo.root, "HEAD", None, CLOCK)
    (changed,) = result["audiences"]["public"]["documents"]["changed"]
    assert changed["fields"] == ["attachments", "body"]
    assert changed["before"]["attachments"]["report.pdf"] != changed["after"]["attachments"]["report.pdf"]
    assert "+改过的正文。" in changed["body_diff"]
    assert "sha256:" in format_diff(result)


def test_an_item_dated_after_the_clock_is_reported_as_scheduled_not_as_visible(repo: SiteWriter) -> None:
    repo.item("region/later.md", title="定时发布的事项", date="2026-12-01")
    result = diff_revisions(repo.root, "HEAD", None, CLOCK)
    public = result["audiences"]["public"]
    assert ids(public["documents"]) == {"added": [], "removed": [], "changed": []}
    assert ids(public["scheduled"])["added"] == ["region/later"]
    assert "+ region/later  定时发布的事项" in format_diff(result)
    assert "[scheduled: goes live on its date]" in format_diff(result)


def test_a_catalog_entry_made_public_is_reported(repo: SiteWriter) -> None:
    from sitegen import ENTRIES

    repo.catalog("region", entries=[dict(e, scope="public") if e["id"] == "party-long" else e for e in ENTRIES])
    result = diff_revisions(repo.root, "HEAD", None, CLOCK)
    assert ids(result["audiences"]["public"]["entries"])["added"] == ["region/party-long"]
    assert ids(result["audiences"]["party"]["entries"])["changed"] == ["region/party-long"]


def test_a_side_that_fails_validation_is_reported_not_crashed_on(repo: SiteWriter) -> None:
    change_three(repo)
    repo.write("content/region/broken.md", "---\ntitle: 坏文件\nscope: everyone\n---\n")
    done = disclose(repo.root, "diff", "HEAD", "--json")
    assert done.returncode == 1  # the newer side would not build: CI must not pass it
    result = json.loads(done.stdout)
    assert not result["after"]["ok"]
    assert any("content/region/broken.md:3" in p and "'everyone'" in p for p in result["after"]["problems"])
    assert result["before"] == {
        "rev": "HEAD",
        "commit": git(repo.root, "rev-parse", "HEAD").strip(),
        "ok": True,
        "problems": [],
    }
    # the sound changes are still shown
    assert ids(result["audiences"]["public"]["documents"])["added"] == ["league/added", "region/widen"]
    text = disclose(repo.root, "diff", "HEAD").stdout
    assert "does not build" in text and "broken.md" in text


def test_json_output_is_stable_from_run_to_run(repo: SiteWriter) -> None:
    change_three(repo)
    first, second = disclose(repo.root, "diff", "HEAD", "--json"), disclose(repo.root, "diff", "HEAD", "--json")
    assert first.stdout == second.stdout
    assert json.dumps(json.loads(first.stdout), ensure_ascii=False, indent=1, sort_keys=True) + "\n" == first.stdout


def test_no_change_says_so(repo: SiteWriter) -> None:
    done = disclose(repo.root, "diff", "HEAD")
    assert done.returncode == 0
    assert "No audience sees any difference." in done.stdout


def test_an_unknown_revision_is_a_plain_error(repo: SiteWriter) -> None:
    done = disclose(repo.root, "diff", "no-such-branch")
    assert done.returncode == 2
    assert "unknown revision 'no-such-branch'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_folder_outside_git_is_a_plain_error(site: SiteWriter) -> None:
    with pytest.raises(ValueError, match="git"):
        diff_revisions(site.root, "HEAD", None, CLOCK)


def test_a_diff_compares_every_field_of_a_documents_record_and_its_body() -> None:
    assert set(DOCUMENT_FIELDS) == (set(RECORD_FIELDS) - {"id"}) | {"body"}  # the id is the key compared under
