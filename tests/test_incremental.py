"""Incremental builds (issue 12 point 4): build, edit, build again — byte-identical to a fresh full build.

Each case starts from the repository's sample, builds it incrementally (the first build
renders every page and writes the record), makes one edit, builds incrementally again, and
compares every file of the result with a full build of the edited sources into another
folder.  The record says which pages the second build rendered: a test that only compared
outputs would pass with a build that always renders everything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from sitegen import CLOCK_EPOCH, copy_sample

from site_plugins.cli import build_one
from site_plugins.plugins import pagefind_merge
from site_plugins.plugins.incremental import Incremental, RecordingFiles, record_of

LATER_EPOCH = str(int(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC).timestamp()))

XUNSHI_Q1 = "content/nmg-dw/2026/xunshi-zhenggai-2026q1.md"
XUNSHI_Q2 = "content/nmg-dw/2026/xunshi-zhenggai-2026q2.md"
GONGSHI = "content/nmg-zzb/2026/renqian-gongshi-2026-06.md"


def _replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, f"{rel} no longer says {old!r}: the test's edit must be rewritten"
    path.write_text(text.replace(old, new, 1), "utf-8")


def _run(
    root: Path,
    audience: str,
    *,
    incremental: bool,
    full: bool = False,
    site_dir: Path | None = None,
    epoch: str = CLOCK_EPOCH,
) -> str | None:
    """One build with the CLI's code path; its error, or None."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        where = {"site_dir": str(site_dir)} if site_dir else {}
        _name, error = build_one(
            str(root), audience, "mkdocs.yml", quiet=True, incremental=incremental, full=full, **where
        )
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return error


def _build(root: Path, audience: str, **options: object) -> None:
    error = _run(root, audience, **options)  # type: ignore[arg-type]
    assert error is None, error


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _record(site: Path) -> dict:
    return json.loads(record_of(site).read_text("utf-8"))


def _same_as_full_build(root: Path, audience: str, tmp_path: Path, epoch: str) -> None:
    slug = audience.replace(":", "-")
    full = tmp_path / "full" / slug
    _build(root, audience, incremental=False, site_dir=full, epoch=epoch)
    made, fresh = _tree(root / "site" / slug), _tree(full)
    assert sorted(made) == sorted(fresh), "the incremental build's files are not the full build's"
    differing = [name for name in fresh if made[name] != fresh[name]]
    assert not differing, f"differ from a full build: {differing[:10]}"


def _body(root: Path) -> None:
    _replace(root, XUNSHI_Q1, "现将自治区党委", "现将（修订后的）自治区党委")


def _title(root: Path) -> None:
    _replace(root, XUNSHI_Q1, "2026年第一季度巡视整改进展情况的通报", "2026年一季度巡视整改进展情况通报")


def _scope(root: Path) -> None:
    _replace(root, XUNSHI_Q2, "scope: public", "scope: party")


def _org(root: Path) -> None:
    # The organization's name: its pages, its items' panels and breadcrumbs, its subordinates' pages.
    _replace(root, "catalogs/organizations.yml", "name: 中共内蒙古自治区委员会", "name: 中共内蒙古自治区委员会（更名）")


def _catalog(root: Path) -> None:
    _replace(
        root,
        "catalogs/nmg-dw.yml",
        "title: 中央巡视进驻、反馈、整改情况和自治区党委巡视工作有关情况",
        "title: 中央巡视和自治区党委巡视工作有关情况",
    )


def _template(root: Path) -> None:
    _replace(
        root,
        "catalogs/templates/jiceng.yml",
        "title: 党组织基本情况，领导班子成员工作分工、主要职责",
        "title: 党组织基本情况和领导班子成员分工",
    )


def _config(root: Path) -> None:
    _replace(root, "mkdocs.yml", "site_name: 内蒙古党务公开", "site_name: 内蒙古自治区党务公开")


def _theme(root: Path) -> None:
    css = root / "theme/assets/stylesheets/disclosure.css"
    css.write_text(css.read_text("utf-8") + "\n.disclosure-new-rule { color: #000; }\n", "utf-8")


def _deleted(root: Path) -> None:
    (root / "content/nmg-dw/2026/xunshi-zhenggai-2026q3.mn.md").unlink()
    (root / "content/nmg-dw/2026/xunshi-zhenggai-2026q3.md").unlink()


def _hand_edited(root: Path) -> None:
    # Someone edits the published folder: that page is not what the record says, so it is rendered.
    page = root / "site/public/nmg-dw/2026/xunshi-zhenggai-2026q1/index.html"
    page.write_text(page.read_text("utf-8").replace("巡视", "巡查"), "utf-8")


def _withdrawn(root: Path) -> None:
    _replace(root, XUNSHI_Q2, "status: approved\n", "status: withdrawn\n")
    _replace(
        root,
        XUNSHI_Q2,
        "scope: public\n",
        'scope: public\nwithdrawn:\n  "on": 2026-10-01\n  reason: 数据有误，撤回核实。\n',
    )


def _translated(root: Path) -> None:
    # A Mongolian version of an item that had none: its page gains the language switch.
    mn = (root / "content/nmg-dw/2026/xunshi-zhenggai-2026q3.mn.md").read_text("utf-8")
    (root / "content/nmg-dw/2026/xunshi-zhenggai-2026q1.mn.md").write_text(mn, "utf-8")


def _attachment(root: Path) -> None:
    # The same name, more bytes: the panel lists the attachment's size.
    pdf = root / "content/nmg-dw/2026/zhenggai-tongbao.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n%" + b"0" * 4096 + b"\n")


def _interpreted(root: Path) -> None:
    # The interpretation's page names the document it interprets by its title.
    _replace(
        root,
        "content/nmg-dw/2026/dangwu-gongkai-mulu-guanli.md",
        "title: 自治区党委办公厅关于进一步规范党务公开目录管理的通知",
        "title: 自治区党委办公厅关于规范党务公开目录管理的通知",
    )


EDITS: dict[str, Callable[[Path], None]] = {
    "body": _body,
    "title": _title,
    "scope": _scope,
    "org": _org,
    "catalog": _catalog,
    "template": _template,
    "config": _config,
    "theme": _theme,
    "deleted": _deleted,
    "hand-edited": _hand_edited,
    "withdrawn": _withdrawn,
    "translated": _translated,
    "attachment": _attachment,
    "interpreted": _interpreted,
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_incremental_public_build_after_an_edit_is_a_full_build(edit: str, tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site-src")
    _build(root, "public", incremental=True)
    first = _record(root / "site" / "public")
    assert first["copied"] == 0 and first["pages"], "the first build renders and records every page"
    EDITS[edit](root)
    _build(root, "public", incremental=True)
    record = _record(root / "site" / "public")
    if edit in ("config", "theme"):
        assert record["copied"] == 0, "a change of the whole build renders every page"
    else:
        assert record["copied"] > 0, f"{edit}: nothing was copied — not an incremental build"
    if edit in ("body", "hand-edited"):
        # Only the edited item's page: nothing else shows its body.
        assert record["rendered"] == ["nmg-dw/2026/xunshi-zhenggai-2026q1/index.html"]
    if edit == "title":
        assert "nmg-dw/2026/xunshi-zhenggai-2026q1/index.html" in record["rendered"]
        assert "orgs/nmg-dw/index.html" in record["rendered"], "the organization page lists the title"
    if edit in ("translated", "attachment"):
        assert "nmg-dw/2026/xunshi-zhenggai-2026q1/index.html" in record["rendered"]
    if edit == "interpreted":
        assert "nmg-dw/2026/dangwu-gongkai-mulu-guanli-jiedu/index.html" in record["rendered"]
    if edit == "withdrawn":
        assert "nmg-dw/2026/xunshi-zhenggai-2026q2/index.html" in record["rendered"], "its notice"
    _same_as_full_build(root, "public", tmp_path, CLOCK_EPOCH)


def test_an_incremental_build_after_the_clock_passed_an_expiry_is_a_full_build(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site-src")
    _replace(root, GONGSHI, "expires: 2026-06-30", "expires: 2026-11-25")  # between the two clocks
    _build(root, "public", incremental=True, epoch=CLOCK_EPOCH)
    page = root / "site/public/nmg-zzb/2026/renqian-gongshi-2026-06/index.html"
    assert "自治区党委管理干部任前公示通告" in page.read_text("utf-8")
    _build(root, "public", incremental=True, epoch=LATER_EPOCH)
    _same_as_full_build(root, "public", tmp_path, LATER_EPOCH)
    record = _record(root / "site" / "public")
    assert record["copied"] > 0
    # Expired, the notice leaves the public site (its page was not copied from the last build),
    # and the organization pages that listed it are rendered again.
    assert not page.exists()
    assert "orgs/nmg-zzb/index.html" in record["rendered"]
    assert "nmg-zzb/2026/renqian-gongshi-2026-06/index.html" not in record["pages"]


@pytest.mark.parametrize(
    ("audience", "edit"),
    [
        ("party", "body"),
        ("party", "scope"),
        ("party", "catalog"),
        ("party", "withdrawn"),
        ("unit:zlq-qw", "body"),
        ("unit:zlq-qw", "org"),
    ],
)
def test_an_incremental_intranet_build_after_an_edit_is_a_full_build(audience: str, edit: str, tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site-src")
    site = root / "site" / audience.replace(":", "-")
    _build(root, audience, incremental=True)
    EDITS[edit](root)
    _build(root, audience, incremental=True)
    record = _record(site)
    assert record["copied"] > 0
    if edit == "body":
        assert record["rendered"] == ["nmg-dw/2026/xunshi-zhenggai-2026q1/index.html"]
    _same_as_full_build(root, audience, tmp_path, CLOCK_EPOCH)


def test_a_page_that_became_party_only_is_not_copied_into_the_public_build(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site-src")
    _build(root, "public", incremental=True)
    page = root / "site/public/nmg-dw/2026/xunshi-zhenggai-2026q2/index.html"
    title = "自治区党委关于2026年第二季度巡视整改进展情况的通报"
    assert title in page.read_text("utf-8")
    _scope(root)
    _build(root, "public", incremental=True)
    assert not page.exists()
    text = "\n".join(p.read_text("utf-8", "replace") for p in (root / "site/public").rglob("*") if p.is_file())
    assert title not in text


def test_copied_pages_are_read_back_only_when_the_sealed_verdict_does_not_cover_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A body edit changes no file name, hidden name or host: the copied pages' bytes passed
    the output check under the last build's context, so they are not parsed again.  An item
    that left the public site removes files and hides its name: every copied page is read back
    (a page of the last build may show that name).  Without this user's key (no cache folder)
    there is no seal to trust: every copied page is read back."""
    root = copy_sample(tmp_path / "site-src")
    _build(root, "public", incremental=True)
    site = root / "site" / "public"
    assert _record(site)["read_back"] == 0 and _record(site)["seal"]
    _body(root)
    _build(root, "public", incremental=True)
    record = _record(site)
    assert record["copied"] > 0 and record["read_back"] == 0
    _scope(root)
    _build(root, "public", incremental=True)
    record = _record(site)
    assert record["copied"] > 0 and record["read_back"] == record["copied"]
    _same_as_full_build(root, "public", tmp_path, CLOCK_EPOCH)
    monkeypatch.setenv("DISCLOSE_CACHE", "off")
    _replace(root, XUNSHI_Q1, "（修订后的）", "（再次修订的）")
    _build(root, "public", incremental=True)
    record = _record(site)
    assert record["copied"] > 0 and record["read_back"] == record["copied"] and "seal" not in record


def test_a_record_sealed_with_another_key_is_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A record (and site) copied from another user's or machine's build: its seal is not made
    with this user's key, so its verdict is not taken — the copied pages are parsed again."""
    root = copy_sample(tmp_path / "site-src")
    _build(root, "public", incremental=True)
    monkeypatch.setenv("DISCLOSE_CACHE_DIR", str(tmp_path / "another-users-cache"))
    _body(root)
    _build(root, "public", incremental=True)
    record = _record(root / "site" / "public")
    assert record["copied"] > 0 and record["read_back"] == record["copied"]


def test_a_key_others_may_write_seals_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A record key anyone may write could be replaced by a known one and a forged record
    sealed with it: such a key (or another user's) is not used, and the copied pages are read back."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("DISCLOSE_CACHE_DIR", str(cache))
    root = copy_sample(tmp_path / "site-src")
    _build(root, "public", incremental=True)
    (cache / "record-key").chmod(0o666)
    _body(root)
    _build(root, "public", incremental=True)
    record = _record(root / "site" / "public")
    assert record["copied"] > 0 and record["read_back"] == record["copied"] and "seal" not in record


def test_a_record_of_other_pages_copies_nothing_it_cannot_prove(tmp_path: Path) -> None:
    """A record naming a page with the right inputs but a published file of other bytes (a
    record copied from another build, or an edited file): the page is rendered, not copied."""
    root = copy_sample(tmp_path / "site-src")
    _build(root, "public", incremental=True)
    record_path = record_of(root / "site" / "public")
    data = json.loads(record_path.read_text("utf-8"))
    for entry in data["pages"].values():
        entry[1] = "0" * 64  # no published file has these bytes
    record_path.write_text(json.dumps(data), "utf-8")
    _build(root, "public", incremental=True)
    assert _record(root / "site" / "public")["copied"] == 0
    _same_as_full_build(root, "public", tmp_path, CLOCK_EPOCH)


def test_build_full_renders_every_page_and_records_them(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "site-src")
    _build(root, "public", incremental=True)
    first = _record(root / "site" / "public")
    _build(root, "public", incremental=True, full=True)  # disclose build --full
    full = _record(root / "site" / "public")
    assert full["copied"] == 0 and full["rendered"] == first["rendered"] and full["pages"] == first["pages"]
    _build(root, "public", incremental=True)
    assert _record(root / "site" / "public")["rendered"] == []


def test_a_forged_record_and_page_are_still_read_back_and_stop_the_build(tmp_path: Path) -> None:
    """The attack a hash check alone misses: someone edits a published page *and* its record
    so that the two agree. The copied page is read back like a rendered one and stops the build;
    the published site stays as it was."""
    root = copy_sample(tmp_path / "site-src")
    _build(root, "public", incremental=True)
    site = root / "site" / "public"
    rel = "nmg-dw/2026/xunshi-zhenggai-2026q1/index.html"
    page = site / rel
    page.write_text(page.read_text("utf-8").replace("</article>", "<!-- 内部审核意见 --></article>", 1), "utf-8")
    record_path = record_of(site)
    data = json.loads(record_path.read_text("utf-8"))
    data["pages"][rel][1] = hashlib.sha256(page.read_bytes()).hexdigest()
    record_path.write_text(json.dumps(data), "utf-8")
    before = _tree(root / "site")  # the record, the kept search batches and the site
    error = _run(root, "public", incremental=True)
    assert error is not None and "comment" in error, error
    # A failed build publishes nothing and keeps nothing: site/ is as it was, dot-files included.
    assert _tree(root / "site") == before


def test_the_search_index_reindexes_only_the_batch_of_the_edited_item(tmp_path: Path) -> None:
    """Pagefind's bundles of unchanged batches are kept beside the site (search.BatchCache):
    an edited body re-runs Pagefind over its own batch; the joined index is a full build's."""
    root = copy_sample(tmp_path / "site-src")
    _replace(root, "mkdocs.yml", "      search: pagefind\n", "      search: pagefind\n      search_batch_pages: 4\n")
    _build(root, "public", incremental=True)
    first = _record(root / "site" / "public")["search_batches"]
    assert first["kept"] == 0 and first["indexed"] >= 4
    _body(root)
    _build(root, "public", incremental=True)
    second = _record(root / "site" / "public")["search_batches"]
    assert second == {"indexed": 1, "kept": first["indexed"] - 1, "chunks_kept": second["chunks_kept"]}
    _same_as_full_build(root, "public", tmp_path, CLOCK_EPOCH)
    kept = sorted(p.name for p in (root / "site/.public.search-batches").iterdir())
    assert len(kept) == first["indexed"], "the batches of the edited item's old page are gone"


def test_the_joined_index_takes_the_unchanged_chunks_of_the_last_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small chunks, so the sample's index has many: a sentence added at the end of a body
    changes the chunks of its words (an edit further up moves every later word of the page,
    which in the sample's few chunks is in all of them; at 100,000 items a page's words are
    in a small part of the chunks); the others' compressed bytes come from the published
    bundle, and the site is still byte for byte a full build's."""
    monkeypatch.setattr(pagefind_merge, "CHUNK_BYTES", 1500)
    monkeypatch.setattr(pagefind_merge, "CHUNK_BYTES_MAX", 4000)
    monkeypatch.setattr(pagefind_merge, "CUT_EVERY", 4)
    root = copy_sample(tmp_path / "site-src")
    _replace(root, "mkdocs.yml", "      search: pagefind\n", "      search: pagefind\n      search_batch_pages: 4\n")
    _build(root, "public", incremental=True)
    chunks = len(list((root / "site/public/pagefind/index").iterdir()))
    assert chunks > 20
    assert _record(root / "site" / "public")["search_batches"]["chunks_kept"] == 0
    item = root / XUNSHI_Q1
    item.write_text(item.read_text("utf-8") + "\n补充一句。\n", "utf-8")
    _build(root, "public", incremental=True)
    kept = _record(root / "site" / "public")["search_batches"]["chunks_kept"]
    assert chunks // 2 < kept < chunks
    _same_as_full_build(root, "public", tmp_path, CLOCK_EPOCH)


def test_a_page_rendered_with_a_warning_is_rendered_again_to_say_it_again(tmp_path: Path) -> None:
    """The engine warns of an absolute link (when told to) while it converts the page; a
    copied page would keep quiet, and strict mode would pass where a full build stops.
    (The engine looks for a file it could suggest, finds none: the look-up is not recorded.)"""
    root = copy_sample(tmp_path / "site-src")
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml").read_text("utf-8") + "\nvalidation:\n  links:\n    absolute_links: warn\n", "utf-8"
    )
    _replace(root, XUNSHI_Q1, "现将自治区党委", "现将（见[本级组织](/orgs/nmg-dw/)）自治区党委")
    _build(root, "public", incremental=True)
    rel = "nmg-dw/2026/xunshi-zhenggai-2026q1/index.html"
    assert rel not in _record(root / "site" / "public")["pages"]
    _build(root, "public", incremental=True)
    record = _record(root / "site" / "public")
    assert record["rendered"] == [rel] and record["copied"] > 0
    _same_as_full_build(root, "public", tmp_path, CLOCK_EPOCH)


def test_a_page_the_engine_warned_about_is_not_recorded(tmp_path: Path) -> None:
    """Any warning logged while a page is converted (engine.WarningCount), even with every
    link found: the page has no record, so the next build renders it and says it again."""
    out = tmp_path / "out"
    (out / "a").mkdir(parents=True)
    (out / "b").mkdir()
    (out / "a/index.html").write_text("<p>a</p>", "utf-8")
    (out / "b/index.html").write_text("<p>b</p>", "utf-8")
    made = Incremental(tmp_path / "published", "whole")
    made.pending = {"a/index.html": ("a.md", "inputs-a"), "b/index.html": ("b.md", "inputs-b")}
    made.warned.add("b/index.html")
    made.finish(out, RecordingFiles([]))
    assert sorted(made.now) == ["a/index.html"]


def _config_add(root: Path, text: str) -> None:
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8") + "\n" + text, "utf-8")


def test_a_navigation_written_by_hand_renders_every_page(tmp_path: Path) -> None:
    """A hand-written nav shows an item's own title on every page; a copied page's source is
    never read, so its title would be missing there (and an edited title stale everywhere)."""
    root = copy_sample(tmp_path / "site-src")
    _config_add(
        root, "nav:\n  - 首页: index.md\n  - 组织机构: orgs/index.md\n  - nmg-dw/2026/xunshi-zhenggai-2026q1.md\n"
    )
    _build(root, "public", incremental=True)
    _title(root)
    _build(root, "public", incremental=True)
    assert not record_of(root / "site" / "public").exists(), "no record: nothing is ever copied"
    _same_as_full_build(root, "public", tmp_path, CLOCK_EPOCH)
    assert "2026年一季度巡视整改进展情况通报" in (root / "site/public/404.html").read_text("utf-8")


def test_anchors_validated_as_warnings_render_every_page_and_strict_mode_still_stops(tmp_path: Path) -> None:
    """The engine checks anchors over the pages it rendered, after them: a copied page's link
    to an anchor that an edit removed would pass unnoticed where a full build stops."""
    root = copy_sample(tmp_path / "site-src")
    _replace(root, "mkdocs.yml", "strict: false", "strict: true")
    _config_add(root, "validation:\n  anchors: warn\n")
    _build(root, "public", incremental=True)
    _replace(
        root, XUNSHI_Q1, "现将自治区党委", "现将（见[下一季度](xunshi-zhenggai-2026q2.md#no-such-anchor)）自治区党委"
    )
    assert _run(root, "public", incremental=True) is not None, "strict mode stops the incremental build"
    assert _run(root, "public", incremental=False, site_dir=tmp_path / "full" / "public") is not None


def test_another_plugin_or_a_hook_renders_every_page(tmp_path: Path) -> None:
    """Their code and settings are not among the whole inputs: what they add to a page could change unseen."""
    root = copy_sample(tmp_path / "site-src")
    hook = root / "hooks.py"
    hook.write_text('def on_page_content(html, page, config, files):\n    return html + "<p>v1</p>"\n', "utf-8")
    _config_add(root, "hooks:\n  - hooks.py\n")
    _build(root, "public", incremental=True)
    hook.write_text(hook.read_text("utf-8").replace("v1", "v2"), "utf-8")
    _build(root, "public", incremental=True)
    assert not record_of(root / "site" / "public").exists()
    _same_as_full_build(root, "public", tmp_path, CLOCK_EPOCH)


def test_a_function_in_the_markdown_settings_does_not_make_every_build_full(tmp_path: Path) -> None:
    """Settings name functions (a slugify for Chinese headings): hashed by name, not by address."""
    root = copy_sample(tmp_path / "site-src")
    _replace(
        root,
        "mkdocs.yml",
        "      permalink: false\n",
        ("      permalink: false\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n"),
    )
    _build(root, "public", incremental=True)
    _body(root)
    _build(root, "public", incremental=True)
    assert _record(root / "site" / "public")["rendered"] == ["nmg-dw/2026/xunshi-zhenggai-2026q1/index.html"]
    _same_as_full_build(root, "public", tmp_path, CLOCK_EPOCH)


def test_disclose_build_is_incremental_and_full_renders_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commands as the README gives them: `disclose build` copies, `--full` renders every page."""
    from site_plugins.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", CLOCK_EPOCH)
    root = copy_sample(tmp_path / "site-src")
    site = root / "site" / "public"
    assert main(["--root", str(root), "build", "--audience", "public"]) == 0
    _body(root)
    assert main(["--root", str(root), "build", "--audience", "public"]) == 0
    assert _record(site)["rendered"] == ["nmg-dw/2026/xunshi-zhenggai-2026q1/index.html"]
    assert main(["--root", str(root), "build", "--full", "--audience", "public"]) == 0
    record = _record(site)
    assert record["copied"] == 0 and len(record["rendered"]) == len(record["pages"])
    assert record["search_batches"]["kept"] == 0, "--full runs Pagefind over every batch"


def test_two_batches_indexed_at_once_keep_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two Pagefind runs at a time (search.PARALLEL_RUNS) keep their bundles into a folder
    neither found: one makes it, neither fails (CI once saw "File exists" here)."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from site_plugins.plugins import search
    from site_plugins.plugins.search_pages import ItemPage

    both = threading.Barrier(2)

    def pagefind(pages: list, language: str) -> dict[str, bytes]:  # the bookkeeping, not Pagefind, is tested
        both.wait(timeout=10)
        return {"pagefind-entry.json": pages[0].url.encode()}

    monkeypatch.setattr(search, "_run_pagefind", pagefind)
    pages = []
    for name in ("a", "b"):
        (tmp_path / f"{name}.html").write_text(name, "utf-8")
        pages.append([ItemPage(f"/{name}/", None, tmp_path / f"{name}.html")])
    cache = search.BatchCache(tmp_path / "kept", "salt")
    with ThreadPoolExecutor(max_workers=2) as pool:
        made = list(pool.map(lambda batch: cache.bundle(batch, "zh-cn"), pages))
    assert [m["pagefind-entry.json"] for m in made] == [b"/a/", b"/b/"]
    assert cache.runs == 2 and len(list((tmp_path / "kept").glob("*.zip"))) == 2
    again = search.BatchCache(tmp_path / "kept", "salt")
    assert again.bundle(pages[0], "zh-cn") == made[0] and again.hits == 1
