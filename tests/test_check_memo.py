"""`disclose check` answers from its memo when only bodies changed (site_plugins/check_memo.py).

Every check runs in a fresh process, as an editor's or the pre-commit hook's does.  The
memo's answer must be the whole check's, to the byte: each test edits the sources, runs
`check` with the memo and `check --no-cache`, and compares.  `answered` says whether the
memo answered (a whole check writes the memo again; an answer does not).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sitegen import CLOCK_EPOCH, REPO, SiteWriter

from site_plugins import check_memo, i18n, parse_cache

HIDDEN = "content/region/2026/xunshi-zhenggai.md"
PUBLIC = "content/region/2026/gongkai.md"
MENTION = "见[整改](xunshi-zhenggai.md)。"


def check(root: Path, cache: Path, *extra: str, epoch: str = CLOCK_EPOCH) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from site_plugins.cli import main; sys.exit(main(sys.argv[1:]))"]
        + ["--root", str(root), "check", *extra],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "DISCLOSE_CACHE_DIR": str(cache), "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": epoch},
    )
    return result.returncode, result.stdout + result.stderr


def memo_file(root: Path, cache: Path) -> Path:
    os.environ["DISCLOSE_CACHE_DIR"] = str(cache)
    try:
        found = parse_cache.cache_file(root)
    finally:
        del os.environ["DISCLOSE_CACHE_DIR"]
    assert found is not None
    return found.with_name(found.name.replace("parsed-", "checked-", 1))


class Checker:
    """Checks one site with a memo, and tells whether the memo answered the last one."""

    def __init__(self, root: Path, cache: Path) -> None:
        self.root, self.cache = root, cache
        self.memo = memo_file(root, cache)

    def __call__(self, epoch: str = CLOCK_EPOCH) -> tuple[int, str]:
        before = self.memo.stat().st_mtime_ns if self.memo.exists() else None
        found = check(self.root, self.cache, epoch=epoch)
        self.answered = before is not None and self.memo.stat().st_mtime_ns == before
        whole = check(self.root, self.cache / "unused", "--no-cache", epoch=epoch)
        assert found == whole, (found, whole)
        return found


def settle() -> None:
    """Wait until what was just written is older than the memo's `SETTLED_SECONDS`."""
    time.sleep(check_memo.SETTLED_SECONDS + 0.2)


@pytest.fixture
def site(tmp_path: Path) -> SiteWriter:
    site = SiteWriter(tmp_path / "site")
    site.item("region/2026/xunshi-zhenggai.md", entry="party-long", title="党内整改方案")
    site.item("region/2026/gongkai.md", title="公开事项", body="正文第一段。")
    site.item("region/2026/gongkai-b.md", title="另一项公开事项")
    return site


@pytest.fixture
def checker(site: SiteWriter, tmp_path: Path) -> Checker:
    checker = Checker(site.root, tmp_path / "cache")
    settle()
    assert checker()[0] == 0 and not checker.answered  # the first check is a whole one
    settle()
    return checker


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_body_edit_is_answered_by_the_memo(site: SiteWriter, checker: Checker) -> None:
    assert checker()[0] == 0 and checker.answered  # nothing changed
    edit(site.root / PUBLIC, "正文第一段。", "正文第一段，改过了。\n\n又一段。")
    code, output = checker()
    assert code == 0 and checker.answered, output
    assert "3 items" in output or "3 个事项" in output


def test_a_body_that_names_a_hidden_item_is_judged_by_a_whole_check(site: SiteWriter, checker: Checker) -> None:
    edit(site.root / PUBLIC, "正文第一段。", f"正文第一段。\n\n{MENTION}")
    code, output = checker()
    assert code == 1 and not checker.answered
    assert f"{PUBLIC}:" in output and "xunshi-zhenggai" in output
    settle()
    # Taken out again: the memo knew the problem; the body names nothing now, so it is gone.
    edit(site.root / PUBLIC, MENTION, "")
    assert checker()[0] == 0 and checker.answered


def test_a_mention_problem_stays_while_the_body_still_names_it(site: SiteWriter, checker: Checker) -> None:
    edit(site.root / PUBLIC, "正文第一段。", f"正文第一段。\n\n{MENTION}")
    assert checker()[0] == 1
    settle()
    edit(site.root / PUBLIC, "正文第一段。", "正文第一段改了。")
    code, output = checker()  # it still names the hidden item: not the memo's to answer
    assert code == 1 and not checker.answered and "xunshi-zhenggai" in output


@pytest.mark.parametrize(
    "change",
    [
        "front matter",
        "blank lines before the body",
        "file added",
        "file removed",
        "attachment changed",
        "catalog changed",
        "registry changed",
        "original of a Mongolian version edited",
        "not UTF-8",
        "catalog with a name starting with a dot",
        "permissions of a folder",
        "same size, modification time put back",
    ],
)
def test_anything_but_a_body_means_a_whole_check(site: SiteWriter, checker: Checker, change: str) -> None:
    public = site.root / PUBLIC
    if change == "front matter":
        edit(public, "title: 公开事项", "title: 公开事项（修订）")
    elif change == "blank lines before the body":
        edit(public, "---\n\n正文", "---\n\n\n正文")
    elif change == "file added":
        site.item("region/2026/xin.md", title="新事项")
    elif change == "file removed":
        (site.root / "content/region/2026/gongkai-b.md").unlink()
    elif change == "attachment changed":
        site.write("content/region/2026/fujian.pdf", b"%PDF-1.4 one")
        settle()
        assert checker()[0] == 1  # an attachment no item lists: the whole check says so
        settle()
        site.write("content/region/2026/fujian.pdf", b"%PDF-1.4 two")
    elif change == "catalog changed":
        edit(site.root / "catalogs/region.yml", "adopted_on: '2026-01-10'", "adopted_on: '2026-01-11'")
    elif change == "registry changed":
        path = site.root / "catalogs/organizations.yml"
        path.write_text(path.read_text("utf-8") + "\n", "utf-8")
    elif change == "original of a Mongolian version edited":
        site.write("content/region/2026/gongkai.mn.md", "---\ntitle: ᠨᠡᠢᠲᠡ\n---\n\nᠨᠡᠢᠲᠡ\n")
        settle()
        assert checker()[0] == 0
        settle()
        edit(public, "正文第一段。", "正文第一段改了。")
    elif change == "not UTF-8":
        public.write_bytes(public.read_bytes() + b"\n\xff\xfe\n")
    elif change == "catalog with a name starting with a dot":
        site.write("catalogs/.stray.yml", "org: region\n: bad: [\n")  # the loader reads it: so must the memo
    elif change == "permissions of a folder":
        (site.root / "content/region/2026").chmod(0o711)
    elif change == "same size, modification time put back":
        # The body now names the party item, in as many bytes; the old time is put back.
        before = public.stat()
        body = "正文第一段。"
        edit(public, body, "xunshi-zhenggai".ljust(len(body.encode())))
        os.utime(public, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert public.stat().st_size == before.st_size and public.stat().st_mtime_ns == before.st_mtime_ns
        settle()  # the change time moved: read again, and judged by a whole check (below)
    checker()
    assert not checker.answered


def test_a_new_day_means_a_whole_check(site: SiteWriter, checker: Checker) -> None:
    tomorrow = str(int(CLOCK_EPOCH) + 86_400)
    checker(epoch=tomorrow)
    assert not checker.answered


def test_a_write_that_keeps_the_stat_is_still_seen(site: SiteWriter, tmp_path: Path) -> None:
    """An attacker's edit (or a fast editor's) in the same tick as the check, same size, same time:
    the memo must not trust a stat taken less than SETTLED_SECONDS before it was written."""
    checker = Checker(site.root, tmp_path / "cache")
    public = site.root / PUBLIC
    padding = "。" * len("xunshi-zhenggai")
    edit(public, "正文第一段。", f"正文第一段。\n\n见{padding}")
    assert checker()[0] == 0 and not checker.answered
    stamp = public.stat()
    # Same length in bytes, same modification time, same inode.
    edit(public, f"见{padding}", "见" + "xunshi-zhenggai" + " " * (len(padding.encode()) - len("xunshi-zhenggai")))
    os.utime(public, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert public.stat().st_size == stamp.st_size
    code, output = checker()
    assert code == 1 and "xunshi-zhenggai" in output, output


def test_another_language_means_a_whole_check(site: SiteWriter, checker: Checker) -> None:
    before = os.environ.get("LANGUAGE")
    other = "zh_CN" if i18n.language_of(os.environ) == i18n.ENGLISH else "en"
    os.environ["LANGUAGE"] = other
    try:
        code, output = checker()
    finally:
        os.environ.pop("LANGUAGE")
        if before is not None:
            os.environ["LANGUAGE"] = before
    assert code == 0 and not checker.answered
    assert ("ok: " if other == "en" else "检查通过") in output


def test_a_name_that_is_no_text_does_not_stop_check(site: SiteWriter, checker: Checker) -> None:
    (site.root / "catalogs").joinpath(os.fsdecode(b"\xff-notes.txt")).write_text("x", "utf-8")
    settle()
    assert checker()[0] == 0  # the same as a whole check, and no traceback
    assert checker()[0] == 0


def test_a_name_that_comes_while_a_whole_check_loads_leaves_no_memo(site: SiteWriter, tmp_path: Path) -> None:
    """The listing is taken before the load; a file that came (or went) meanwhile would make a
    memo that answers for other sources than it judged: none is kept."""
    from site_plugins.parse_memory import ParseMemory
    from site_plugins.rules import Parts
    from site_plugins.settings import DEFAULTS

    os.environ["DISCLOSE_CACHE_DIR"] = str(tmp_path / "cache")
    try:
        memo = check_memo.CheckMemo(site.root, DEFAULTS, "2026-11-20")
        memo.list_files()
        site.write("content/about.md~", "an editor's backup")
        memo.save(Parts(names=({}, {}, set(), {}, {})), ParseMemory(), (1, 1, 1, 1, 0))
        assert memo.path is not None and not memo.path.exists()
        memo.list_files()  # the same sources throughout: kept
        memo.save(Parts(names=({}, {}, set(), {}, {})), ParseMemory(), (1, 1, 1, 1, 0))
        assert memo.path.exists()
    finally:
        del os.environ["DISCLOSE_CACHE_DIR"]


@pytest.mark.parametrize(
    "written",
    [
        "见<A HREF=../xunshi-zhenggai/>整改</A>。",  # raw HTML in capitals
        "见[整改](xunshi&#45;zhenggai.md)。",  # an entity
        "见[整改](xunshi%2Dzhenggai.md)。",  # percent-encoded
        "见[整改](xunshi\\-zhenggai.md)。",  # a Markdown escape
        "附件 neibu-tongbao.pdf 见内部通知。",  # the hidden item's attachment
    ],
)
def test_a_body_edit_naming_a_hidden_item_in_any_form_is_not_answered(tmp_path: Path, written: str) -> None:
    """Attacks on the memo: each way the mentions rule reads a name must make it fall back."""
    site = SiteWriter(tmp_path / "site")
    site.item(
        "region/2026/xunshi-zhenggai.md", entry="party-long", title="党内整改方案", attachments=["neibu-tongbao.pdf"]
    )
    site.write("content/region/2026/neibu-tongbao.pdf", b"%PDF-1.4 party only")
    site.item("region/2026/gongkai.md", title="公开事项", body="正文第一段。")
    checker = Checker(site.root, tmp_path / "cache")
    settle()
    assert checker()[0] == 0
    settle()
    edit(site.root / PUBLIC, "正文第一段。", f"正文第一段。\n\n{written}")
    code, output = checker()
    assert code == 1 and not checker.answered, output
    assert f"{PUBLIC}:" in output
