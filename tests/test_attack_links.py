"""Property: whatever a public item's body says about hidden items, no public output names them.

Hypothesis writes public item bodies mixing Markdown links, reference links, autolinks,
raw HTML (quoted, unquoted, upper-case attributes, srcset, object data), HTML entities,
percent-encoding, Markdown escapes and comments, aimed at a party item, a unit item and a
party attachment.  Each body either is rejected by `disclose check` (the same validation
stops the build), or builds a public site in which no output file — page, feed, JSON,
sitemap, search index — holds a hidden slug, title or file name.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sitegen import SiteWriter, build, output_text

from site_plugins.cli import build_one
from site_plugins.load import load_site
from site_plugins.rules import validate

SLUGS = ("neibu-qzxa", "danwei-qzxb")
FILE = "mimi-qzxc.pdf"
TITLES = ("党内标题甲乙", "单位标题丙丁")
CANARIES = (*SLUGS, FILE.removesuffix(".pdf"), *TITLES)


def spellings(name: str) -> st.SearchStrategy[str]:
    """A hidden name as an editor (or an attacker) might write it."""
    head, tail = name[0], name[1:]
    return st.sampled_from(
        [
            name,
            name.upper(),
            f"&#{ord(head)};{tail}",
            f"&#x{ord(head):x};{tail}",
            f"&#{ord(head)}{tail}",
            name.replace("-", "\\-"),
            name.replace("-", "%2D"),
            name.replace("-", "&#45;"),
            f"%{ord(head):02X}{tail}",
            name.replace("-", "&hyphen;"),
        ]
    )


def targets() -> st.SearchStrategy[str]:
    """A URL that names a hidden item or file, relative, root-relative or absolute."""
    name = st.sampled_from([*SLUGS, FILE]).flatmap(spellings)
    prefix = st.sampled_from(
        [
            "",
            "../",
            "./",
            "../region/",
            "/region/",
            "https://dwgk.example.gov.cn/region/",
            "http://dwgk.dj.nmg/region/",
            "../../region/",
            "//dwgk.example.gov.cn/region/",
        ]
    )
    suffix = st.sampled_from(["", "/", "/index.html", ".md", "#x", "?q=1"])
    return st.builds(lambda p, n, s: p + n + s, prefix, name, suffix)


def fragments() -> st.SearchStrategy[str]:
    url = targets()
    text = st.sampled_from(["党务公开", "现予公布", "附件", "通报"])
    title = st.sampled_from(TITLES)
    return st.one_of(
        text,
        st.builds(lambda t, u: f"[{t}]({u})", text, url),
        st.builds(lambda t, u: f"![{t}]({u})", text, url),
        st.builds(lambda t, u: f"[{t}][r]\n\n[r]: {u}\n", text, url),
        st.builds(lambda u: f"<{u}>", url),
        st.builds(lambda u: f'<a href="{u}">链接</a>', url),
        st.builds(lambda u: f"<A HREF={u}>链接</A>", url),
        st.builds(lambda u: f"<a href='{u}'>链接</a>", url),
        st.builds(lambda u: f'<img srcset="a.png 1x, {u} 2x" alt="图">', url),
        st.builds(lambda u: f'<object data="{u}"></object>', url),
        st.builds(lambda u: f'<p style="background:url({u})">样式</p>', url),
        st.builds(lambda t: f"<!-- {t} -->", title),
        st.builds(lambda u, t: f"<!-- 审核意见：参见 {u}，{t} -->", url, title),
        st.builds(lambda t: f"<span hidden><!--{t}--></span>", title),
    )


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = SiteWriter(tmp_path_factory.mktemp("links") / "src")
    site.write(f"content/region/{FILE}", b"%PDF-1.4 hidden")
    site.item(f"region/{SLUGS[0]}.md", entry="party-long", title=TITLES[0], attachments=[FILE])
    site.item(f"region/{SLUGS[1]}.md", org="soe", entry="unit-long", title=TITLES[1])
    site.item("region/gongkai.md", title="公开事项", body="公开正文。")
    assert validate(load_site(site.root)) == []
    return site.root


@settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(bodies=st.lists(st.lists(fragments(), min_size=1, max_size=6).map("\n\n".join), min_size=1, max_size=3))
def test_no_hidden_name_reaches_a_public_output(
    base: Path, tmp_path_factory: pytest.TempPathFactory, bodies: list[str]
) -> None:
    root = tmp_path_factory.mktemp("attempt") / "src"
    shutil.copytree(base, root)
    site = SiteWriter.__new__(SiteWriter)
    site.root = root
    for number, body in enumerate(bodies):
        site.item(f"region/attack-{number}.md", title=f"公开事项{number}", body=body)
    problems = validate(load_site(root))
    mine = [p for p in problems if "/attack-" in p.path]
    assert [p for p in problems if p not in mine] == [], problems
    if mine:
        # Rejected by check: the build stops at the same validation and publishes nothing.
        name, error = build_one(str(root), "public", "mkdocs.yml", quiet=True)
        assert error is not None and not (root / "site" / "public").exists()
        return
    try:
        public = build(root, "public")
    except AssertionError as failure:
        # The output check stopped it: nothing was published.
        assert "output check" in str(failure), failure
        assert not (root / "site" / "public").exists()
        return
    for rel, text in output_text(public).items():
        plain = html.unescape(text).lower()
        for canary in CANARIES:
            assert canary.lower() not in plain and canary.lower() not in rel.lower(), (canary, rel, bodies)
