"""Cross-links between items (Art. 25 政策解读, Art. 26 澄清更正), per audience.

A target page lists every interpretation and correction pointing to it that this build
shows, and nothing of the hidden ones; a link that would point from a visible item to a
hidden or unpublished one stops that build with the file named.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sitegen import SiteWriter, build, output_text


def article(site_dir: Path, url: str) -> str:
    html = (site_dir / url / "index.html").read_text("utf-8")
    return html[html.index("<article") : html.index("</article>")]


def write_policy_with_links(site: SiteWriter) -> None:
    site.item("region/2026/policy.md", id="policy", title="关于规范党务公开目录管理的通知", date="2026-03-05")
    site.item("region/2026/explain-a.md", title="一图读懂目录管理", interprets="policy", date="2026-03-06")
    site.item("region/2026/explain-b.md", title="目录管理答记者问", interprets="policy", date="2026-03-08")
    site.item("region/2026/fix.md", title="关于通知第三条的更正", corrects="policy", date="2026-03-09")
    site.item(
        "region/2026/explain-party.md",
        entry="party-long",
        title="党内学习辅导：目录管理",
        interprets="policy",
        date="2026-03-10",
    )


def test_the_target_lists_every_visible_interpretation_and_correction(site: SiteWriter) -> None:
    write_policy_with_links(site)
    page = article(build(site.root, "public"), "region/2026/policy")
    interpretations = page[page.index('id="interprets-by"') : page.index('id="corrects-by"')]
    assert "一图读懂目录管理" in interpretations and "目录管理答记者问" in interpretations
    assert interpretations.index("一图读懂目录管理") < interpretations.index("目录管理答记者问")  # by date
    corrections = page[page.index('id="corrects-by"') :]
    assert "关于通知第三条的更正" in corrections
    assert 'href="../explain-a/"' in page and 'href="../fix/"' in page


def test_the_public_target_does_not_name_an_interpretation_only_the_party_sees(site: SiteWriter) -> None:
    write_policy_with_links(site)
    public = build(site.root, "public")
    assert "党内学习辅导" not in "\n".join(output_text(public).values())
    party_page = article(build(site.root, "party"), "region/2026/policy")
    assert "党内学习辅导：目录管理" in party_page and 'href="../explain-party/"' in party_page


def test_an_interpretation_and_a_correction_link_back_to_their_target(site: SiteWriter) -> None:
    write_policy_with_links(site)
    out = build(site.root, "public")
    explain = article(out, "region/2026/explain-a")
    assert 'class="disclosure-interprets"' in explain and "本文解读" in explain
    assert '<a href="../policy/">关于规范党务公开目录管理的通知</a>' in explain
    fix = article(out, "region/2026/fix")
    assert "本文澄清或更正" in fix and '<a href="../policy/">' in fix


def test_a_page_without_links_has_no_empty_link_sections(site: SiteWriter) -> None:
    site.item("region/2026/alone.md", title="独立事项")
    page = article(build(site.root, "public"), "region/2026/alone")
    for marker in ('id="interprets-by"', 'id="corrects-by"', "disclosure-interprets", "disclosure-corrects"):
        assert marker not in page


@pytest.mark.parametrize("link", ["interprets", "corrects"])
def test_a_public_item_pointing_to_a_party_item_fails_the_public_build_with_the_file_named(
    site: SiteWriter, link: str
) -> None:
    site.item("region/2026/secret.md", entry="party-long", id="secret", title="党内文件")
    site.item("region/2026/guide.md", title="公开的解读", **{link: "secret"})
    with pytest.raises(AssertionError) as failure:
        build(site.root, "public")
    message = str(failure.value)
    assert "content/region/2026/guide.md:" in message
    assert f"'{link}' points to 'secret', which is not visible to this audience (public)" in message
    assert not (site.root / "site" / "public").exists()  # nothing was published
    # The same pair is sound for the party build, where both are visible.
    party = build(site.root, "party")
    assert "公开的解读" in article(party, "region/2026/secret")


def test_an_item_pointing_to_an_item_not_yet_published_fails_the_build(site: SiteWriter) -> None:
    site.item("region/2026/later.md", id="later", title="尚未发布的通知", date="2026-12-24")
    site.item("region/2026/early.md", title="提前的解读", interprets="later")
    with pytest.raises(
        AssertionError,
        match=r"content/region/2026/early\.md:.*'interprets' points to 'later', which is not published yet",
    ):
        build(site.root, "public")
