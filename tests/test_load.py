"""Reading files: safe YAML, exact lines, and the encodings editors really produce."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sitegen import SiteWriter

from site_plugins import parallel_parse
from site_plugins.load import load_site
from site_plugins.rules import validate


def problems(site: SiteWriter) -> list[str]:
    return [str(p) for p in validate(load_site(site.root))]


def test_a_python_tag_is_an_error_and_is_never_executed(site: SiteWriter, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    site.write(
        "content/region/evil.md",
        f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\nscope: public\n---\nx\n",
    )
    found = problems(site)
    assert any(p.startswith("content/region/evil.md:2:") and "tag not allowed" in p for p in found), found
    assert not marker.exists()


def test_a_python_tag_in_the_registry_is_an_error(site: SiteWriter) -> None:
    site.write("catalogs/organizations.yml", "- !!python/object:object {}\n")
    assert any(p.startswith("catalogs/organizations.yml:1:") and "tag" in p for p in problems(site))


def test_broken_yaml_names_the_file_and_line(site: SiteWriter) -> None:
    site.write("content/region/bad.md", "---\ntitle: 好\nscope: [public\norg: region\n---\nx\n")
    found = problems(site)
    assert any(p.startswith("content/region/bad.md:") and "YAML syntax error" in p for p in found), found


def test_a_file_without_front_matter_is_an_error_not_a_page(site: SiteWriter) -> None:
    site.write("content/loose.md", "# 没有元数据\n\n正文\n")
    assert problems(site) == [
        "content/loose.md:1: no front matter: every Markdown file under content/ needs one — "
        "start the file with '---', the fields (title, scope …), then '---'"
    ]


def test_unclosed_front_matter_is_an_error(site: SiteWriter) -> None:
    site.write("content/open.md", "---\ntitle: x\nscope: public\n")
    assert any(p.startswith("content/open.md:1:") and "not closed" in p for p in problems(site))


def test_a_field_given_twice_is_an_error(site: SiteWriter) -> None:
    site.write("content/region/twice.md", "---\ntype: page\ntitle: x\nscope: party\nscope: public\n---\nx\n")
    assert "content/region/twice.md:5: field 'scope' is given twice — keep one of the two lines" in problems(site)


def test_crlf_and_a_byte_order_mark_are_valid(site: SiteWriter) -> None:
    site.item("region/a.md")
    path = site.root / "content/region/a.md"
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert problems(site) == []
    doc = next(d for d in load_site(site.root).documents if d.path == "region/a.md")
    assert doc.title == "测试事项" and "\r" not in doc.body


def test_lines_are_exact_with_crlf_and_blank_lines(site: SiteWriter) -> None:
    site.write("content/region/a.md", "---\r\n\r\ntype: page\r\ntitle: x\r\nscope: publik\r\n---\r\nx\r\n")
    assert any(p.startswith("content/region/a.md:5:") for p in problems(site)), problems(site)


def test_chinese_file_names_are_valid_and_give_the_default_id(site: SiteWriter) -> None:
    site.item("region/主题党日.md")
    assert problems(site) == []
    ids = {d.id for d in load_site(site.root).documents}
    assert "region/主题党日" in ids


def test_non_utf8_text_is_an_error(site: SiteWriter) -> None:
    site.write("content/region/gbk.md", "---\ntitle: 标题\n---\n".encode("gbk"))
    assert any(p.startswith("content/region/gbk.md") and "UTF-8" in p for p in problems(site))


def test_on_key_is_read_as_written_not_as_true(site: SiteWriter) -> None:
    site.write(
        "content/league/a.md",
        """---
title: 目录外
org: league
scope: public
timing: immediate
level: routine
status: approved
date: 2026-03-05
approval:
  proposed_by: 办公室
  reviewed_by: 审核人
  reviewed_on: 2026-03-01
  secrecy_review: passed
  approved_by: 审批人
  approved_on: 2026-03-02
  superior: {org: region, on: 2026-03-03}
---
正文
""",
    )
    assert problems(site) == []
    doc = next(d for d in load_site(site.root).documents if d.path == "league/a.md")
    assert doc.approval is not None and doc.approval.superior_on.isoformat() == "2026-03-03"


def test_a_yearly_covers_written_as_a_number_is_read_as_text(site: SiteWriter) -> None:
    site.catalog(
        "league",
        entries=[
            {
                "id": "year",
                "title": "年度",
                "basis": "第十条（三）",
                "scope": "public",
                "timing": "periodic",
                "period": "yearly",
                "methods": ["website"],
                "department": "办",
            }
        ],
    )
    site.item("league/a.md", org="league", entry=None, catalog="year", timing="periodic", covers=2025)
    assert problems(site) == []


def test_dates_may_be_quoted_or_not(site: SiteWriter) -> None:
    site.item("region/a.md", date="2026-03-05")
    text = (site.root / "content/region/a.md").read_text(encoding="utf-8")
    assert "date: '2026-03-05'" in text  # safe_dump quotes it
    (site.root / "content/region/b.md").write_text(
        text.replace("date: '2026-03-05'", "date: 2026-03-05"), encoding="utf-8"
    )
    (site.root / "content/region/b.md").write_text(
        (site.root / "content/region/b.md").read_text(encoding="utf-8").replace("title:", "id: other\ntitle:"),
        encoding="utf-8",
    )
    assert problems(site) == []


def test_an_impossible_unquoted_date_is_reported_with_its_line(site: SiteWriter) -> None:
    site.item("region/a.md")
    path = site.root / "content/region/a.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("date: '2026-03-05'", "date: 2026-13-05"), encoding="utf-8"
    )
    line = next(
        i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("date:")
    )
    assert any(p.startswith(f"content/region/a.md:{line}:") and "not a date" in p for p in problems(site)), problems(
        site
    )


def test_a_site_parsed_by_two_processes_is_the_same_site(site, monkeypatch) -> None:  # noqa: ANN001 - fixtures
    """`check` parses a large site's Markdown in two processes: same documents, same problems, same order."""
    from site_plugins import parallel_parse
    from site_plugins.parse_memory import ParseMemory

    for number in range(9):
        site.item(f"region/2026/item-{number}.md", title=f"事项{number}")
    site.write("content/region/2026/bad-scope.md", "---\ntitle: 错\nscope: publik\n---\n\n正文\n")
    site.write("content/region/2026/zz-broken.md", "---\ntitle: [unclosed\n---\n\n正文\n")
    site.write("content/region/2026/aa-no-front-matter.md", "正文\n")
    monkeypatch.setattr(parallel_parse, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel_parse, "FRAME_FILES", 2)  # several frames from the child
    one = load_site(site.root, memory=ParseMemory())
    forked = []
    real = parallel_parse.parse_in_a_second_process
    monkeypatch.setattr(parallel_parse, "parse_in_a_second_process", lambda *a: forked.append(real(*a)) or forked[-1])
    memory = ParseMemory()
    two = load_site(site.root, parallel=True, memory=memory)
    assert forked and forked[0] is not None  # it did fork
    assert two.documents == one.documents
    assert two.catalogs == one.catalogs and len(two.catalogs) == len(site.orgs)  # the second process read them
    assert [str(p) for p in two.problems] == [str(p) for p in one.problems]
    assert len(one.problems) >= 3
    # What the second process parsed is in the memory, as if this one had parsed it.
    assert set(memory.documents) == {("document", f"content/{d.path}") for d in one.documents}
    assert {("load_catalog", f"catalogs/{org['id']}.yml") for org in site.orgs} <= set(memory.files)
    assert load_site(site.root, parallel=True).documents == one.documents  # and without a memory


def test_a_failing_second_process_fails_the_load(site, monkeypatch) -> None:  # noqa: ANN001 - fixtures
    """Nothing the second process parsed may go missing silently."""
    from site_plugins import load as load_module
    from site_plugins import parallel_parse

    for number in range(8):
        site.item(f"region/2026/item-{number}.md", title=f"事项{number}")
    monkeypatch.setattr(parallel_parse, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel_parse, "FRAME_FILES", 2)
    real = load_module.load_document

    def broken(path, rel, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if rel.endswith("item-7.md"):  # the last file: in the second process's share
            raise OSError("disk gone")
        return real(path, rel, *args, **kwargs)

    monkeypatch.setattr(load_module, "load_document", broken)
    with pytest.raises(RuntimeError, match="failed"):
        load_module.load_site(site.root, parallel=True)


def test_walk_content_lists_files_as_os_walk_does(site: SiteWriter) -> None:
    """The same order as before it stopped following links: a folder's files, then each subfolder."""
    import os

    from site_plugins.load import walk_content

    for rel in ("b/z.md", "b/a/y.md", "a.md", "b/x.pdf", "c/d/e/f.md", "B/upper.md", "b/.hidden/h.md", ".dot.md"):
        site.write(f"content/{rel}", "x")
    expected = []
    content = site.root / "content"
    for folder, folders, files in os.walk(content):
        folders[:] = sorted(d for d in folders if not d.startswith("."))
        base = Path(folder).relative_to(content).as_posix()
        expected += [name if base == "." else f"{base}/{name}" for name in sorted(files) if not name.startswith(".")]
    assert walk_content(content) == expected


def test_the_body_is_exactly_what_follows_the_closing_line(site: SiteWriter) -> None:
    site.write("content/region/a.md", "---\ntype: page\ntitle: x\nscope: public\n---\n\n\n正文第一行\n\n---\n尾\n")
    doc = next(d for d in load_site(site.root).documents if d.path == "region/a.md")
    assert doc.body == "正文第一行\n\n---\n尾\n" and doc.body_line == 8


def test_description_and_hide_survive_the_parse_cache(site: SiteWriter) -> None:
    from site_plugins.parse_cache import ParseCache

    site.write(
        "content/about.md", "---\ntype: page\nscope: public\ntitle: 关于\ndescription: 简介\nhide: [toc]\n---\n\n正文\n"
    )
    for used in (set(), {("document", "content/about.md")}):  # the second load reads the document from the cache
        with ParseCache(site.root) as memory:
            doc = next(d for d in load_site(site.root, memory=memory).documents if d.path == "about.md")
            assert memory.stored_used >= used
        assert (doc.description, doc.hide, doc.body) == ("简介", ("toc",), "正文\n")


def test_a_memory_the_caller_keeps_spares_parsing_unchanged_files(site: SiteWriter) -> None:
    from site_plugins.parse_memory import ParseMemory

    site.item("region/a.md")
    site.item("region/b.md")
    memory = ParseMemory()
    first = {d.path: d for d in load_site(site.root, memory=memory).documents}
    again = load_site(site.root, memory=memory)
    assert all(d is first[d.path] for d in again.documents)  # the same objects: nothing parsed again
    site.item("region/a.md", body="改过的正文。")
    edited = {d.path: d for d in load_site(site.root, memory=memory).documents}
    assert edited["region/a.md"].body == "改过的正文。\n" and edited["region/b.md"] is first["region/b.md"]
    fresh = load_site(site.root).documents  # no memory: every file parsed
    assert fresh == list(edited.values()) and not any(d is edited[d.path] for d in fresh)


def test_a_preview_memory_does_not_read_a_settled_file_again_until_its_stat_changes(
    site: SiteWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from site_plugins import load as load_module
    from site_plugins.parse_memory import ParseMemory

    path = site.item("region/a.md")
    os.utime(path, (1_700_000_000, 1_700_000_000))  # written long before it is read: settled
    reads: list[str] = []
    real = load_module.read_text
    monkeypatch.setattr(load_module, "read_text", lambda p: reads.append(str(p)) or real(p))

    def load(**options: bool) -> tuple[object, bool]:
        reads.clear()
        doc = next(d for d in load_site(site.root, memory=memory, **options).documents if d.path == "region/a.md")
        return doc, str(path) in reads

    memory = ParseMemory()
    doc, read = load(trust_unchanged=True)
    assert read
    assert load(trust_unchanged=True) == (doc, False)  # trusted: not read again
    assert load() == (doc, True)  # a load that publishes always reads
    os.utime(path, (1_700_000_100, 1_700_000_100))
    assert load(trust_unchanged=True) == (doc, True)  # its stat changed: read again


def test_work_set_aside_gives_its_result_is_redone_if_the_child_dies_and_stops_when_cancelled(
    tmp_path: Path,
) -> None:
    """parallel_parse.in_a_second_process: what a build sets aside (its exports) comes back;
    a child that died is made up for here; a cancelled child writes nothing afterwards (a
    failed build removes its folder right after)."""
    assert parallel_parse.in_a_second_process(lambda: {"a": [1, 2]})() == {"a": [1, 2]}

    def dies() -> str:
        if os.getpid() != parent:
            os._exit(3)
        return "done here"

    parent = os.getpid()
    assert parallel_parse.in_a_second_process(dies)() == "done here"
    late = tmp_path / "late.txt"

    def slow() -> None:
        time.sleep(1.5)
        late.write_text("written after the cancel", "utf-8")

    aside = parallel_parse.in_a_second_process(slow)
    aside.cancel()
    time.sleep(2)
    assert not late.exists()
    with pytest.raises(RuntimeError):
        aside()
