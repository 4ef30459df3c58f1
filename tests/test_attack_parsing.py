"""Attacks on the loader, written as an attacker would write them.

Each test gives the input that gets past a weaker defence than the one we have — a
check for aliases that misses anchors on plain text, a merge-key check that looks for
'<<' only, a front-matter boundary that trims Unicode spaces, a walk that lists links
without following them but reads linked files — and asserts the exact Problem (file,
line, message) that stops `disclose check`.  Nothing of the attacker's input may reach a
Document, and no input of about a kilobyte may cost a second or 50 MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitegen import REPO, SiteWriter, dump

from site_plugins.load import load_site
from site_plugins.model import Problem
from site_plugins.rules import validate

ALIASES = "YAML anchors (&name), aliases (*name) and merge keys (<<) are not allowed — write the value out in full"
LINK = (
    "is a symbolic link — content must be real files in the repository; replace the link by the "
    "file(s) it points to, or remove it"
)


def problems(site: SiteWriter) -> list[Problem]:
    return validate(load_site(site.root))


def shown(site: SiteWriter) -> list[str]:
    return [str(p) for p in problems(site)]


def line_of(site: SiteWriter, rel: str, text: str) -> int:
    lines = (site.root / rel).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if text in line)


def expect(site: SiteWriter, rel: str, line: int, fragment: str) -> list[str]:
    """`rel:line:` is among the problems with `fragment` in it; the problems are returned."""
    found = shown(site)
    assert any(p.startswith(f"{rel}:{line}: ") and fragment in p for p in found), found
    return found


def raw_item(site: SiteWriter, rel: str, yaml_lines: str, body: str = "正文。", **overrides: object) -> Path:
    """A valid item with `yaml_lines` written, as they are, at the end of its front matter."""
    fields = site.item_fields(**overrides)
    return site.write(f"content/{rel}", "---\n" + dump(fields) + yaml_lines + "---\n\n" + body + "\n")


def edit(site: SiteWriter, rel: str, old: str, new: str) -> None:
    path = site.root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, text)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ------------------------------------------------------------------ YAML alias bombs


def laughs_in_lists(levels: int = 9, width: int = 9) -> str:
    """`[&a [lol × 9], &b [*a × 9], … &i [*h × 9]]`: 9^9 ≈ 387 million strings from ~350 bytes."""
    names = "abcdefghijklmnop"
    parts = ["&a [" + ",".join(["lol"] * width) + "]"]
    parts += [f"&{names[i]} [" + ",".join([f"*{names[i - 1]}"] * width) + "]" for i in range(1, levels)]
    return "[" + ", ".join(parts) + "]"


def laughs_in_mappings(levels: int = 8, width: int = 8) -> str:
    """The same with mappings, so a defence that only looks at shared lists misses it."""
    names = "abcdefghijklmnop"
    keys = [f"k{n}" for n in range(width)]
    parts = ["a: &a {" + ", ".join(f"{k}: lol" for k in keys) + "}"]
    parts += [
        f"{names[i]}: &{names[i]} {{" + ", ".join(f"{k}: *{names[i - 1]}" for k in keys) + "}" for i in range(1, levels)
    ]
    return "{" + ", ".join(parts) + "}"


BOMB = laughs_in_lists()


def test_the_reported_bomb_is_about_a_third_of_a_kilobyte() -> None:
    assert len(f"covers: {BOMB}\n".encode()) < 400


@pytest.mark.parametrize("field", ["covers", "description", "title", "audience", "attachments"])
def test_an_alias_bomb_in_any_item_field_is_refused_at_its_line(site: SiteWriter, field: str) -> None:
    """`description` is never judged by a rule: a defence in the rules would miss it and hang the build."""
    raw_item(site, "region/bomb.md", f"{field}: {BOMB}\n", **{field: None})
    found = expect(site, "content/region/bomb.md", line_of(site, "content/region/bomb.md", f"{field}:"), ALIASES)
    assert len([p for p in found if p.startswith("content/region/bomb.md")]) == 1, found
    assert not any(d.path == "region/bomb.md" for d in load_site(site.root).documents)


def test_an_alias_bomb_of_mappings_inside_the_approval_is_refused(site: SiteWriter) -> None:
    site.item("region/bomb.md")
    edit(site, "content/region/bomb.md", "proposed_by: 办公室", f"proposed_by: {laughs_in_mappings()}")
    expect(site, "content/region/bomb.md", line_of(site, "content/region/bomb.md", "proposed_by:"), ALIASES)


def test_an_anchor_on_plain_text_is_refused(site: SiteWriter) -> None:
    """A shared-node check on the composed lists and mappings never sees an alias of a scalar."""
    raw_item(site, "region/a.md", "description: *t\n", title=None)
    edit(site, "content/region/a.md", "---\n", "---\ntitle: &t 关于某某的通知\n")
    expect(site, "content/region/a.md", 2, ALIASES)


def test_an_anchor_without_any_alias_is_refused(site: SiteWriter) -> None:
    """A check for '*' alone lets anchors through; editors never need either."""
    site.item("region/a.md", title="关于某某的通知")
    edit(site, "content/region/a.md", "title: 关于某某的通知", "title: &t 关于某某的通知")
    expect(site, "content/region/a.md", 2, ALIASES)


def test_a_merge_key_that_makes_a_public_item_look_like_a_party_one_is_refused(site: SiteWriter) -> None:
    """No alias at all: `<<: {scope: party}` reads as party-only to a reviewer, the explicit line wins."""
    site.item("region/a.md")
    edit(site, "content/region/a.md", "scope: public\n", "<<: {scope: party}\nscope: public\n")
    expect(site, "content/region/a.md", line_of(site, "content/region/a.md", "<<:"), ALIASES)


def test_a_merge_key_spelt_as_a_tag_is_refused(site: SiteWriter) -> None:
    """`!!merge` has no '<<' in it: a textual check for '<<' misses it."""
    site.item("region/a.md")
    edit(site, "content/region/a.md", "scope: public\n", "!!merge x: {scope: party}\nscope: public\n")
    expect(site, "content/region/a.md", line_of(site, "content/region/a.md", "!!merge"), ALIASES)


def test_merge_keys_of_aliases_are_refused(site: SiteWriter) -> None:
    site.item("region/a.md")
    edit(site, "content/region/a.md", "approval:\n", "approval:\n  <<: [*x, *x]\n")
    expect(site, "content/region/a.md", line_of(site, "content/region/a.md", "<<:"), ALIASES)


def test_an_alias_bomb_in_a_catalog_is_refused(site: SiteWriter) -> None:
    path = site.root / "catalogs/league.yml"
    path.write_text(path.read_text(encoding="utf-8") + f"filed_with: {BOMB}\n", encoding="utf-8")
    expect(site, "catalogs/league.yml", line_of(site, "catalogs/league.yml", "filed_with: ["), ALIASES)


def test_an_alias_bomb_in_the_registry_is_refused(site: SiteWriter) -> None:
    path = site.root / "catalogs/organizations.yml"
    path.write_text(path.read_text(encoding="utf-8") + f"- {laughs_in_mappings()}\n", encoding="utf-8")
    expect(site, "catalogs/organizations.yml", line_of(site, "catalogs/organizations.yml", "{a: &a"), ALIASES)


def test_an_ampersand_or_asterisk_in_text_is_not_an_anchor(site: SiteWriter) -> None:
    """The check looks at YAML's tokens, not at characters: ordinary titles still pass."""
    site.item("region/a.md", title="研发&生产 **重要** 通知 *", description="A & B * C")
    assert shown(site) == []
    doc = next(d for d in load_site(site.root).documents if d.path == "region/a.md")
    assert doc.title == "研发&生产 **重要** 通知 *" and doc.description == "A & B * C"


def deeply(opening: str, closing: str, levels: int) -> str:
    return opening * levels + "x" + closing * levels


NESTED = {
    "lists 1,000 deep (libyaml's own limit)": f"covers: {deeply('[', ']', 1000)}\n",
    "lists 520 deep (Python's recursion limit)": f"covers: {deeply('[', ']', 520)}\n",
    "mappings 400 deep": f"covers: {deeply('{a: ', '}', 400)}\n",
    "block lists 500 deep": "covers:\n" + "- " * 500 + "x\n",
}


@pytest.mark.parametrize("case", sorted(NESTED))
def test_deep_nesting_is_a_problem_not_a_traceback(site: SiteWriter, case: str) -> None:
    """Too deep to build is refused by the parse; less deep, by the field's reader (covers is text)."""
    raw_item(site, "region/deep.md", NESTED[case], entry="pub-q", covers=None)
    found = shown(site)
    line = line_of(site, "content/region/deep.md", "covers:")
    assert any(
        p.startswith("content/region/deep.md:")
        and (
            "nested too deeply" in p
            or "exceeded maximum nesting depth" in p
            or p.startswith(f"content/region/deep.md:{line}: 'covers' must be text")
        )
        for p in found
    ), found
    assert all(d.covers is None for d in load_site(site.root).documents if d.path == "region/deep.md")


# Every shape, each in a file of about a kilobyte (the 1,000-deep lists: two).
SHAPES = {
    "lists": ("content/region/bomb.md", lambda s: raw_item(s, "region/bomb.md", f"covers: {BOMB}\n", covers=None)),
    "mappings": (
        "content/region/bomb.md",
        lambda s: raw_item(s, "region/bomb.md", f"description: {laughs_in_mappings()}\n"),
    ),
    "merge keys": (
        "content/region/bomb.md",
        lambda s: raw_item(
            s,
            "region/bomb.md",
            "description:\n  a: &a {k0: 0, k1: 1, k2: 2, k3: 3}\n"
            + "".join(
                f"  {n}: &{n} {{<<: [*{p}, *{p}, *{p}], {n}0: *{p}, {n}1: *{p}, {n}2: *{p}}}\n"
                for p, n in zip("abcdefgh", "bcdefghi", strict=True)
            ),
        ),
    ),
    "scalar anchors": (
        "content/region/bomb.md",
        lambda s: raw_item(
            s,
            "region/bomb.md",
            "title: &t " + "很长的标题" * 20 + "\ndescription: [" + ", ".join(["*t"] * 100) + "]\n",
            title=None,
        ),
    ),
    "nested 1,000 deep": (
        "content/region/bomb.md",
        lambda s: raw_item(s, "region/bomb.md", NESTED["lists 1,000 deep (libyaml's own limit)"], covers=None),
    ),
    "nested 520 deep": (
        "content/region/bomb.md",
        lambda s: raw_item(s, "region/bomb.md", NESTED["lists 520 deep (Python's recursion limit)"], covers=None),
    ),
    "catalog": (
        "catalogs/league.yml",
        lambda s: (s.root / "catalogs/league.yml").write_text(
            (s.root / "catalogs/league.yml").read_text(encoding="utf-8") + f"filed_with: {BOMB}\n", encoding="utf-8"
        ),
    ),
    "registry": (
        "catalogs/organizations.yml",
        lambda s: (s.root / "catalogs/organizations.yml").write_text(
            (s.root / "catalogs/organizations.yml").read_text(encoding="utf-8") + f"- {laughs_in_mappings()}\n",
            encoding="utf-8",
        ),
    ),
}

_MEASURE = """
import json, resource, sys, time
from pathlib import Path
from site_plugins.load import load_site
from site_plugins.rules import validate

resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # a bomb that got through stops here
validate(load_site(Path(sys.argv[1])))  # the first load of a small site: what it costs anyway
for root in sys.argv[2:]:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    found = validate(load_site(Path(root)))
    seconds = time.perf_counter() - start
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(json.dumps({"root": root, "seconds": seconds, "grown_kb": grown, "problems": [str(p) for p in found]}))
"""


def test_no_bomb_of_about_a_kilobyte_costs_a_second_or_50_mb(tmp_path: Path) -> None:
    clean = SiteWriter(tmp_path / "clean")
    plain_item = clean.item("region/plain.md").stat().st_size  # what an item is without the attack
    roots = []
    for name, (rel, write) in SHAPES.items():
        site = SiteWriter(tmp_path / name.replace(" ", "-").replace(",", ""))
        size_before = (site.root / rel).stat().st_size if (site.root / rel).exists() else plain_item
        write(site)
        added = (site.root / rel).stat().st_size - size_before
        assert added <= (2100 if "1,000" in name else 1100), (name, added)
        roots.append(str(site.root))
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(clean.root), *roots], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert result.returncode == 0, result.stderr[-3000:]
    runs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(runs) == len(SHAPES)
    for (name, (rel, _)), run in zip(SHAPES.items(), runs, strict=True):
        assert run["seconds"] < 1.0, (name, run["seconds"])
        assert run["grown_kb"] < 50 * 1024, (name, run["grown_kb"])
        assert any(p.startswith(f"{rel}:") for p in run["problems"]), (name, run["problems"])


def test_check_stops_on_the_reported_bomb_instead_of_hanging(site: SiteWriter) -> None:
    raw_item(site, "region/bomb.md", f"covers: {BOMB}\n", entry="pub-q", covers=None)
    result = subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "--root", str(site.root), "check", "--no-cache"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert result.returncode == 1
    line = line_of(site, "content/region/bomb.md", "covers:")
    assert f"content/region/bomb.md:{line}: {ALIASES}" in result.stderr, result.stderr


# ------------------------------------------------------------------ where front matter ends

LEAK = "approval:\n  proposed_by: 内部人员 张三zqleak\n# 内部备注：不宜公开 zqleak\n"


def test_a_closing_line_with_an_ideographic_space_is_a_problem_and_nothing_reaches_the_body(site: SiteWriter) -> None:
    """`^-{3,}\\s*$` (python-frontmatter) matches '---' + U+3000: the lines after it became the body."""
    fields = site.item_fields(approval=None)
    site.write("content/region/a.md", "---\n" + dump(fields) + "---\u3000\n" + LEAK + "---\n\n正文。\n")
    line = line_of(site, "content/region/a.md", "---\u3000")
    found = expect(
        site,
        "content/region/a.md",
        line,
        "the front matter's closing line has invisible characters after '---' (U+3000) — delete them",
    )
    assert len([p for p in found if p.startswith("content/region/a.md")]) == 1, found
    documents = load_site(site.root).documents
    assert not any(d.path == "region/a.md" for d in documents)
    assert not any("zqleak" in d.body for d in documents)


def test_a_closing_line_with_a_no_break_space_and_no_later_closing_is_a_problem(site: SiteWriter) -> None:
    fields = site.item_fields()
    site.write("content/region/a.md", "---\n" + dump(fields) + "--- \u00a0\n\n正文 zqleak\n")
    expect(
        site,
        "content/region/a.md",
        line_of(site, "content/region/a.md", "\u00a0"),
        "the front matter's closing line has invisible characters after '---' (U+00A0) — delete them",
    )


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "\u2003", "\u3000\t"])
def test_other_invisible_characters_after_the_closing_line_are_problems(site: SiteWriter, invisible: str) -> None:
    fields = site.item_fields(approval=None)
    site.write("content/region/a.md", "---\n" + dump(fields) + "---" + invisible + "\n" + LEAK + "---\n\n正文\n")
    expect(
        site,
        "content/region/a.md",
        line_of(site, "content/region/a.md", "---" + invisible),
        "closing line has invisible characters after '---'",
    )
    assert not any("zqleak" in d.body for d in load_site(site.root).documents)


def test_a_document_end_line_does_not_end_front_matter(site: SiteWriter) -> None:
    """MkDocs' own reader ends front matter at '...'; the loader went on to the next '---'."""
    fields = site.item_fields(approval=None)
    site.write("content/region/a.md", "---\n" + dump(fields) + "...\n" + LEAK + "---\n\n正文\n")
    expect(
        site,
        "content/region/a.md",
        line_of(site, "content/region/a.md", "..."),
        "'...' does not end front matter here — end it with '---'",
    )
    assert not any("zqleak" in d.body for d in load_site(site.root).documents)


def test_an_opening_line_with_an_ideographic_space_is_a_problem(site: SiteWriter) -> None:
    site.write("content/region/a.md", "---\u3000\n" + dump(site.item_fields()) + "---\n\n正文\n")
    expect(
        site,
        "content/region/a.md",
        1,
        "the front matter's opening line has invisible characters after '---' (U+3000) — delete them",
    )


def test_four_dashes_do_not_close_front_matter(site: SiteWriter) -> None:
    site.write("content/region/a.md", "---\n" + dump(site.item_fields()) + "----\n\n正文\n")
    expect(
        site,
        "content/region/a.md",
        line_of(site, "content/region/a.md", "----"),
        "a line of 4 '-' does not end front matter — end it with exactly '---'",
    )


def test_a_unicode_line_separator_in_front_matter_is_a_problem(site: SiteWriter) -> None:
    """YAML ends a line at U+2028 where an editor and a reviewer see one line: `title: x\u2028scope: public`."""
    site.item("region/a.md", title="正常的标题")
    edit(site, "content/region/a.md", "title: 正常的标题\n", "title: 正常的标题\u2028approval: null\n")
    expect(site, "content/region/a.md", 2, "the invisible line separator U+2028 is in the YAML")


def test_spaces_and_tabs_after_the_markers_are_fine_and_lines_stay_exact(site: SiteWriter) -> None:
    fields = site.item_fields()
    site.write("content/region/a.md", "---  \t\n" + dump(fields) + "--- \t\n\n\n# 正文\n\n---\u3000\n尾\n")
    assert shown(site) == []
    doc = next(d for d in load_site(site.root).documents if d.path == "region/a.md")
    lines = (site.root / "content/region/a.md").read_text(encoding="utf-8").split("\n")
    assert lines[doc.body_line - 1] == "# 正文"
    assert doc.body == "# 正文\n\n---\u3000\n尾\n"  # after the closing line, '---' is the body's own
    assert doc.where.of("date") == line_of(site, "content/region/a.md", "date:")


# ------------------------------------------------------------------ symbolic links


def link(site: SiteWriter, rel: str, target: str) -> None:
    path = site.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)


def test_a_folder_linked_to_the_catalogs_is_a_problem_and_is_not_published(site: SiteWriter) -> None:
    link(site, "content/region/data", "../../catalogs")
    assert f"content/region/data: {LINK}" in shown(site)
    loaded = load_site(site.root)
    assert not any(rel.startswith("region/data") for rel in loaded.other_files)


def test_a_folder_linked_to_git_is_a_problem_and_is_not_published(site: SiteWriter) -> None:
    site.write(".git/config", "[remote] url = https://token@example.org zqsecret\n")
    link(site, "content/git", "../.git")
    assert f"content/git: {LINK}" in shown(site)
    assert not any("git" in rel for rel in load_site(site.root).other_files)


def test_a_linked_file_is_a_problem_even_to_a_valid_item_inside_content(site: SiteWriter) -> None:
    """Linking to a file inside content/ is still a link: a check of targets alone would pass it."""
    site.item("region/good.md")
    link(site, "content/region/copy.md", "good.md")
    link(site, "content/region/registry.pdf", "../../catalogs/organizations.yml")
    link(site, "content/region/hostname.txt", "/etc/hostname")
    found = shown(site)
    for rel in ("content/region/copy.md", "content/region/registry.pdf", "content/region/hostname.txt"):
        assert f"{rel}: {LINK}" in found, found
    loaded = load_site(site.root)
    assert [d.path for d in loaded.documents if d.path.startswith("region/")] == ["region/good.md"]
    assert loaded.other_files == []


def test_dangling_links_and_loops_are_problems(site: SiteWriter) -> None:
    link(site, "content/region/gone.md", "nowhere.md")
    link(site, "content/region/self", "self")
    link(site, "content/region/ping", "pong")
    link(site, "content/region/pong", "ping")
    link(site, "content/region/up", "..")  # followed, a walk would go round for ever
    link(site, "content/a/b/c/d/deep.pdf", "../../../../../catalogs/region.yml")
    found = shown(site)
    for rel in ("region/gone.md", "region/self", "region/ping", "region/pong", "region/up", "a/b/c/d/deep.pdf"):
        assert f"content/{rel}: {LINK}" in found, found


def test_linked_content_and_catalogs_folders_and_files_are_problems(site: SiteWriter, tmp_path: Path) -> None:
    (site.root / "content").rename(tmp_path / "elsewhere")
    link(site, "content", str(tmp_path / "elsewhere"))
    (site.root / "catalogs/league.yml").unlink()
    link(site, "catalogs/league.yml", "banner.yml")
    (site.root / "catalogs/organizations.yml").rename(tmp_path / "orgs.txt")
    link(site, "catalogs/organizations.yml", str(tmp_path / "orgs.txt"))
    found = shown(site)
    assert "content: is a symbolic link" in "\n".join(found), found
    assert any(p.startswith("catalogs/league.yml: is a symbolic link") for p in found), found
    assert any(p.startswith("catalogs/organizations.yml: is a symbolic link") for p in found), found
    assert load_site(site.root).documents == []


def test_dot_files_and_dot_folders_are_skipped_silently(site: SiteWriter) -> None:
    """Never published, and an editor's lock file (Emacs: a dangling `.#name.md` link) stops nothing."""
    site.item(".hidden/secret.md", title="zqhidden")
    site.write("content/region/.item.md.swp", b"\x00vim swap")
    link(site, "content/region/.#item.md", "user@host.1234:1700000000")
    link(site, "content/.linked", "../catalogs")
    assert shown(site) == []
    loaded = load_site(site.root)
    assert not any("zqhidden" in d.title for d in loaded.documents)
    assert not any(rel.startswith(".") or "/." in rel for rel in loaded.other_files)


def test_a_pipe_under_content_is_a_problem_and_does_not_block_the_check(site: SiteWriter) -> None:
    os.mkfifo(site.root / "content/pipe.md")
    result = subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "--root", str(site.root), "check", "--no-cache"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert result.returncode == 1
    assert "content/pipe.md: is neither a file nor a folder" in result.stderr, result.stderr


def test_a_file_name_with_an_escape_sequence_is_reported_escaped(site: SiteWriter) -> None:
    site.item("region/\x1b[2Jx.md")
    found = shown(site)
    assert (
        "content/region/\\x1b[2Jx.md: the name has control characters — rename it with visible characters only" in found
    )
    assert not any("\x1b" in p for p in found)


# ------------------------------------------------------------------ field types and lengths

LONG = [  # (field, value, the limit in the message)
    ("title", "题" * 201, "'title' is 201 characters long; at most 200 are allowed"),
    ("description", "述" * 501, "'description' is 501 characters long; at most 500 are allowed"),
    ("org", "o" * 101, "'org' is 101 characters long; at most 100 are allowed"),
    ("id", "i" * 101, "'id' is 101 characters long; at most 100 are allowed"),
    ("covers", "2026-Q3" + " " * 3 + "x" * 11, "'covers' is 21 characters long; at most 20 are allowed"),
    ("interprets", "x" * 101, "'interprets' is 101 characters long; at most 100 are allowed"),
]


@pytest.mark.parametrize(("field", "value", "message"), LONG, ids=[case[0] for case in LONG])
def test_an_over_long_field_is_reported_at_its_line(site: SiteWriter, field: str, value: str, message: str) -> None:
    site.item("region/a.md", **{field: value})
    expect(site, "content/region/a.md", line_of(site, "content/region/a.md", f"{field}:"), message)


def test_the_limits_themselves_are_accepted(site: SiteWriter) -> None:
    site.item("region/a.md", title="题" * 200, description="述" * 500, id="i" * 100)
    assert shown(site) == []


def test_over_long_names_in_the_approval_and_the_consultation(site: SiteWriter) -> None:
    site.item(
        "region/a.md",
        approval={**site.item_fields()["approval"], "proposed_by": "名" * 101},
        consultation={"until": "2026-12-31", "channel": "邮" * 101},
    )
    rel = "content/region/a.md"
    expect(site, rel, line_of(site, rel, "proposed_by:"), "'proposed_by' is 101 characters long; at most 100")
    expect(site, rel, line_of(site, rel, "channel:"), "'channel' is 101 characters long; at most 100")


def test_too_many_attachments_and_audiences(site: SiteWriter) -> None:
    names = [f"f{n}.pdf" for n in range(51)]
    for name in names:
        site.write(f"content/region/{name}", b"%PDF")
    site.item("region/a.md", attachments=names)
    site.item("region/b.md", entry="spec-now", audience=["village"] * 201)
    expect(
        site,
        "content/region/a.md",
        line_of(site, "content/region/a.md", "attachments:"),
        "'attachments' lists 51 names; at most 50 are allowed",
    )
    expect(
        site,
        "content/region/b.md",
        line_of(site, "content/region/b.md", "audience:"),
        "'audience' lists 201 names; at most 200 are allowed",
    )


WRONG_TYPE = [  # (YAML line, the problem)
    ("title: 2026", "'title' must be text, not a number (2026)"),
    ("title: 2026-03-05", "'title' must be text, not a date (2026-03-05)"),
    ("id: 0123", "'id' must be text, not a number (83)"),  # YAML 1.1 reads 0123 as octal: str() would say 83
    ("description: [一, 二]", "'description' must be text, not a list"),
    ("description: {a: 1}", "'description' must be text, not a mapping of fields"),
    ("covers: 2026-07-01", "'covers' must be text, not a date (2026-07-01)"),
    ("interprets: 1.5", "'interprets' must be text, not a number (1.5)"),
    ("attachments: [1, 2]", "'attachments' must be a list of names"),
]


@pytest.mark.parametrize(("line", "message"), WRONG_TYPE, ids=[case[0] for case in WRONG_TYPE])
def test_a_field_of_the_wrong_type_is_reported_not_converted(site: SiteWriter, line: str, message: str) -> None:
    field = line.partition(":")[0]
    raw_item(site, "region/a.md", line + "\n", **{field: None})
    expect(site, "content/region/a.md", line_of(site, "content/region/a.md", line), message)


def test_a_yes_where_a_name_is_expected_is_reported(site: SiteWriter) -> None:
    site.item("region/a.md")
    edit(site, "content/region/a.md", "approved_by: 审批人", "approved_by: yes")
    expect(
        site,
        "content/region/a.md",
        line_of(site, "content/region/a.md", "approved_by:"),
        "'approved_by' must be text, not true/false",
    )


def test_a_year_written_as_a_number_is_the_one_deliberate_conversion(site: SiteWriter) -> None:
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
    assert shown(site) == []
    assert next(d for d in load_site(site.root).documents if d.path == "league/a.md").covers == "2025"


def test_registry_and_catalog_fields_are_typed_and_limited_too(site: SiteWriter) -> None:
    edit(site, "catalogs/organizations.yml", "name: 测试盟委", "name: " + "盟" * 101)
    edit(site, "catalogs/league.yml", "title: 公开长期事项", "title: 2026")
    expect(
        site,
        "catalogs/organizations.yml",
        line_of(site, "catalogs/organizations.yml", "盟" * 101),
        "'name' is 101 characters long; at most 100 are allowed",
    )
    expect(
        site,
        "catalogs/league.yml",
        line_of(site, "catalogs/league.yml", "title: 2026"),
        "'title' must be text, not a number (2026)",
    )


def test_description_and_hide_are_read_and_hide_knows_materials_words_only(site: SiteWriter) -> None:
    site.write(
        "content/about.md",
        "---\ntype: page\nscope: public\ntitle: 关于\ndescription: 本站简介\n"
        "hide: [navigation, toc, footer]\n---\n\n正文\n",
    )
    site.write("content/other.md", "---\ntype: page\nscope: public\ntitle: 其他\nhide: toc\n---\n\n正文\n")
    site.write(
        "content/bad.md", "---\ntype: page\nscope: public\ntitle: 坏\nhide: [navigation, sidebar]\n---\n\n正文\n"
    )
    site.item("region/a.md", hide=["toc"])
    found = shown(site)
    assert (
        "content/bad.md:5: 'hide' lists 'sidebar', which is not one of navigation, toc, footer — "
        "use only navigation, toc, footer" in found
    ), found
    assert any(
        p.startswith("content/region/a.md:") and "unknown field 'hide' in a disclosure item" in p for p in found
    ), found
    documents = {d.path: d for d in load_site(site.root).documents}
    assert documents["about.md"].description == "本站简介"
    assert documents["about.md"].hide == ("navigation", "toc", "footer")
    assert documents["other.md"].hide == ("toc",)


# ------------------------------------------------------------------ control characters

CONTROL = [  # (YAML line, the problem) — double-quoted escapes put what libyaml refuses raw into values
    ('title: "\\e[2J\\e[H全部清屏"', "'title' contains the invisible control character U+001B"),
    ('description: "响铃\\a"', "'description' contains the invisible control character U+0007"),
    ('title: "空\\0字符"', "'title' contains the invisible control character U+0000"),
    ('title: "换行\\N符"', "'title' contains the invisible control character U+0085"),
    ("title: 正常\u202e知通", "'title' contains the invisible control character U+202E"),  # shows reversed
    ('title: "分\\L段"', "'title' contains the invisible control character U+2028"),
    ("title: |\n  第一行\n  第二行", "'title' must be one line"),
    ('title: "两行\\n标题"', "'title' must be one line"),
]


@pytest.mark.parametrize(("line", "message"), CONTROL, ids=[repr(case[0][:14]) for case in CONTROL])
def test_control_characters_in_text_are_reported(site: SiteWriter, line: str, message: str) -> None:
    field = line.partition(":")[0]
    raw_item(site, "region/a.md", line + "\n", **{field: None})
    found = expect(site, "content/region/a.md", line_of(site, "content/region/a.md", f"{field}:"), message)
    assert not any(c in p for p in found for c in "\x1b\x07\x00\x85\u202e")


def test_control_characters_in_names_and_lists_are_reported(site: SiteWriter) -> None:
    site.item(
        "region/a.md",
        approval={**site.item_fields()["approval"], "proposed_by": "办公室\x1b]0;pwned\x07"},
        attachments=["a\x1b.pdf"],
    )
    rel = "content/region/a.md"
    expect(
        site, rel, line_of(site, rel, "proposed_by:"), "'proposed_by' contains the invisible control character U+001B"
    )
    expect(
        site, rel, line_of(site, rel, "attachments:"), "'attachments' contains the invisible control character U+001B"
    )


def test_tabs_ideographic_spaces_and_multiline_descriptions_are_text(site: SiteWriter) -> None:
    site.item("region/a.md", title="关于\t某某　同志的通知", description="第一行\n第二行\n")
    assert shown(site) == []
    doc = next(d for d in load_site(site.root).documents if d.path == "region/a.md")
    assert doc.title == "关于\t某某　同志的通知" and doc.description == "第一行\n第二行"


def test_values_and_keys_quoted_in_problems_are_escaped(site: SiteWriter) -> None:
    """`scope: "\\e]0;…"` and an unknown key with an ESC in it: printed raw they would rewrite the terminal."""
    raw_item(site, "region/a.md", '"\\e]0;pwned\\a": 1\n', scope="\x1b[31mpublic")
    found = shown(site)
    assert any("unknown field '\\x1b]0;pwned\\x07'" in p for p in found), found
    assert any("'scope' is '\\x1b[31mpublic'" in p for p in found), found
    result = subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "--root", str(site.root), "check", "--no-cache"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert result.returncode == 1
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout + result.stderr
