"""`disclose diff` keeps published addresses and edits honest (issue 14), with real git.

An address a reader had must still answer in the newer revision — with its page, its
withdrawal notice or a redirect (`moved_from`) — or the diff reports it as a problem and
exits 1, at the file and line to fix.  A body edit of a published item without a new
change note is listed for the reviewer (exit 0).  Each case is the change an editor might
make by mistake, or an attacker on purpose.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from sitegen import CLOCK, SiteWriter
from test_history_rules import line_of
from test_workflow_diff import commit_all, disclose, git

from site_plugins.diff import diff_revisions, format_diff

WITHDRAWN = {"on": "2026-11-10", "reason": "情况已变化"}


@pytest.fixture
def repo(site: SiteWriter) -> SiteWriter:
    """A site in git with a public item, a party item, a public item with a stable id and a redirect."""
    site.item("region/2026/gonggao.md", title="公告", body="原文。\n")
    site.item("region/2026/dangnei.md", title="党内通知", entry="party-long")
    site.item("region/2026/wending.md", title="有索引号的事项", id="region-2026-001")
    site.item("region/2026/banjia.md", title="搬过家的事项", moved_from=["region/2025/jiu"])
    git(site.root, "init", "-q")
    commit_all(site.root, "first")
    return site


def run(repo: SiteWriter) -> tuple[subprocess.CompletedProcess[str], dict]:
    done = disclose(repo.root, "diff", "HEAD", "--json")
    return done, json.loads(done.stdout)


def problems(result: dict) -> dict[str, str]:
    return {finding["address"]: finding["problem"] for finding in result["addresses"]}


def test_deleting_a_published_item_breaks_its_address_and_fails_the_diff(repo: SiteWriter) -> None:
    (repo.root / "content/region/2026/gonggao.md").unlink()
    done, result = run(repo)
    assert done.returncode == 1
    (finding,) = result["addresses"]
    assert finding["address"] == "/region/2026/gonggao/" and finding["audiences"] == ["public", "party"]
    assert finding["problem"].startswith("content/region/2026/gonggao.md: this file is deleted, and the address")
    assert "status: withdrawn and withdrawn: {on, reason}" in finding["problem"]
    text = disclose(repo.root, "diff", "HEAD").stdout
    assert "! 1 published address(es) would disappear without a redirect:" in text
    assert "/region/2026/gonggao/  公告  (public, party)" in text


def test_withdrawing_instead_keeps_the_address_as_a_notice(repo: SiteWriter) -> None:
    repo.item("region/2026/gonggao.md", title="公告", body="原文。\n", status="withdrawn", withdrawn=WITHDRAWN)
    done, result = run(repo)
    assert done.returncode == 0, done.stdout
    assert result["addresses"] == []
    (change,) = result["audiences"]["public"]["documents"]["changed"]
    assert change["fields"] == ["withdrawn", "body"] and change["after"]["withdrawn"] == WITHDRAWN
    assert "(no longer shown: the address shows the withdrawal notice)" in format_diff(result)


def test_a_published_item_withdrawn_as_if_it_never_was_is_reported_at_its_withdrawal_day(repo: SiteWriter) -> None:
    backdated = {"on": "2026-03-01", "reason": "假装从未发布"}
    repo.item("region/2026/gonggao.md", title="公告", body="原文。\n", status="withdrawn", withdrawn=backdated)
    done, result = run(repo)
    assert done.returncode == 1
    (problem,) = problems(result).values()
    rel = "content/region/2026/gonggao.md"
    line = next(i for i, t in enumerate((repo.root / rel).read_text("utf-8").splitlines(), 1) if "'on'" in t)
    assert problem.startswith(f"{rel}:{line}: this item is published at /region/2026/gonggao/ (the older revision")
    assert "its withdrawal would leave no notice there [Art. 26]" in problem


def test_moving_a_file_without_moved_from_is_reported_at_the_new_file(repo: SiteWriter) -> None:
    git(repo.root, "mv", "content/region/2026/gonggao.md", "content/region/2026/gonggao-xin.md")
    done, result = run(repo)
    assert done.returncode == 1
    (problem,) = problems(result).values()
    assert problem.startswith("content/region/2026/gonggao-xin.md:2: content/region/2026/gonggao.md moved here")
    assert problem.endswith("add moved_from: [region/2026/gonggao] — a published address never breaks")


def test_moving_an_item_with_a_stable_id_is_recognised_by_its_id(repo: SiteWriter) -> None:
    git(repo.root, "mv", "content/region/2026/wending.md", "content/region/wending-shixiang.md")
    repo.item("region/wending-shixiang.md", title="改了标题的事项", id="region-2026-001")
    (problem,) = problems(run(repo)[1]).values()
    assert problem.startswith("content/region/wending-shixiang.md:2: content/region/2026/wending.md moved here")


def test_moving_a_file_with_moved_from_keeps_every_address(repo: SiteWriter) -> None:
    git(repo.root, "mv", "content/region/2026/gonggao.md", "content/region/2026/gonggao-xin.md")
    repo.item("region/2026/gonggao-xin.md", title="公告", body="原文。\n", moved_from=["region/2026/gonggao"])
    done, result = run(repo)
    # Its address redirects, but its index number (without `id:`, the path) would change.
    assert done.returncode == 1, done.stdout
    assert result["addresses"] == [] and result["attention"] == []
    (gone,) = result["audiences"]["public"]["documents"]["removed"]
    assert gone["why"] == "moved to content/region/2026/gonggao-xin.md: its address redirects there"
    (number,) = result["numbers"]
    line = line_of(repo, "content/region/2026/gonggao-xin.md", "moved_from")
    assert number.startswith(
        f"content/region/2026/gonggao-xin.md:{line}: the index number of this published item changes from "
        "region/2026/gonggao to region/2026/gonggao-xin"
    )
    assert "keep id: region/2026/gonggao" in number
    # Keeping the number: the same item, at a new path, with every address.
    repo.item(
        "region/2026/gonggao-xin.md",
        title="公告",
        body="原文。\n",
        moved_from=["region/2026/gonggao"],
        id="region/2026/gonggao",
    )
    done, result = run(repo)
    assert done.returncode == 0, done.stdout
    assert result["addresses"] == [] and result["numbers"] == []
    (moved,) = result["audiences"]["public"]["documents"]["changed"]
    assert moved["id"] == "region/2026/gonggao" and moved["fields"] == ["path", "moved_from"]


def test_dropping_an_old_address_from_moved_from_breaks_it(repo: SiteWriter) -> None:
    repo.item("region/2026/banjia.md", title="搬过家的事项")
    done, result = run(repo)
    assert done.returncode == 1
    assert problems(result)["/region/2025/jiu/"].startswith(
        "content/region/2026/banjia.md:2: the old address /region/2025/jiu/ led to this page, and no longer does"
    )


def test_narrowing_an_items_scope_is_a_visibility_change_not_a_broken_address(repo: SiteWriter) -> None:
    repo.item("region/2026/gonggao.md", title="公告", body="原文。\n", entry="party-long")
    done, result = run(repo)
    assert done.returncode == 0 and result["addresses"] == []
    assert [r["why"] for r in result["audiences"]["public"]["documents"]["removed"]] == ["now: scope party"]


def test_a_public_item_may_not_take_over_a_party_items_former_address(repo: SiteWriter) -> None:
    """The party item is gone; its address would reappear in public as a redirect to the public item."""
    (repo.root / "content/region/2026/dangnei.md").unlink()
    repo.item("region/2026/gonggao.md", title="公告", body="原文。\n", moved_from=["region/2026/dangnei"])
    done, result = run(repo)
    assert done.returncode == 1
    found = problems(result)["/region/2026/dangnei/"]
    assert (
        "moved_from lists region/2026/dangnei, in HEAD the address of content/region/2026/dangnei.md (party)" in found
    )
    assert "readers who could not see it (public)" in found and found.startswith("content/region/2026/gonggao.md:")


def test_a_body_edit_without_a_change_note_is_for_the_reviewer_to_look_at(repo: SiteWriter) -> None:
    repo.item("region/2026/gonggao.md", title="公告", body="改过的原文。\n")
    done, result = run(repo)
    assert done.returncode == 0
    (attention,) = result["attention"]
    assert (attention["id"], attention["audiences"]) == ("region/2026/gonggao", ["public", "party"])
    text = disclose(repo.root, "diff", "HEAD").stdout
    assert "? 1 published item(s) changed without a change note — a reviewer must look:" in text
    assert "region/2026/gonggao  公告  (content/region/2026/gonggao.md; public, party)" in text


def test_a_body_edit_with_a_new_change_note_needs_no_extra_look(repo: SiteWriter) -> None:
    note = [{"on": "2026-11-18", "note": "更正一处文字"}]
    repo.item("region/2026/gonggao.md", title="公告", body="改过的原文。\n", changes=note)
    result = diff_revisions(repo.root, "HEAD", None, CLOCK)
    assert result["attention"] == []
    (change,) = result["audiences"]["public"]["documents"]["changed"]
    assert change["fields"] == ["changes", "body"]
    assert change["after"]["changes"] == note


def test_an_unpublished_items_edit_needs_no_change_note(repo: SiteWriter) -> None:
    repo.item("region/2026/weilai.md", title="未来事项", date="2026-12-10", body="初稿。\n")
    commit_all(repo.root, "scheduled")
    repo.item("region/2026/weilai.md", title="未来事项", date="2026-12-10", body="改稿。\n")
    assert diff_revisions(repo.root, "HEAD", None, CLOCK)["attention"] == []


def test_deleting_a_withdrawn_items_file_breaks_its_notices_address(repo: SiteWriter) -> None:
    repo.item("region/2026/gonggao.md", title="公告", body="原文。\n", status="withdrawn", withdrawn=WITHDRAWN)
    commit_all(repo.root, "withdraw")
    (repo.root / "content/region/2026/gonggao.md").unlink()
    (problem,) = problems(run(repo)[1]).values()
    assert "the address /region/2026/gonggao/ of its withdrawal notice would disappear" in problem


def test_check_since_a_revision_fails_on_a_broken_address_and_passes_on_a_kept_one(repo: SiteWriter) -> None:
    assert disclose(repo.root, "check", "--since", "HEAD").returncode == 0  # nothing changed
    git(repo.root, "mv", "content/region/2026/gonggao.md", "content/region/2026/gonggao-xin.md")
    plain = disclose(repo.root, "check")
    assert plain.returncode == 0, plain.stderr  # the working tree on its own is sound
    done = disclose(repo.root, "check", "--since", "HEAD")
    assert done.returncode == 1 and done.stdout == ""
    assert "content/region/2026/gonggao-xin.md:2: content/region/2026/gonggao.md moved here" in done.stderr
    assert "1 published address(es) or index number(s) of HEAD broken — disclose diff HEAD" in done.stderr
    repo.item(
        "region/2026/gonggao-xin.md",
        title="公告",
        body="原文。\n",
        moved_from=["region/2026/gonggao"],
        id="region/2026/gonggao",
    )
    kept = disclose(repo.root, "check", "--since", "HEAD")
    assert kept.returncode == 0, kept.stderr
    assert kept.stdout.startswith("ok: ")
    wrong = disclose(repo.root, "check", "--since", "no-such-revision")
    assert wrong.returncode == 1 and "error:" in wrong.stderr
