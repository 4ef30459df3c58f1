"""Page variants (`replaces:`): a build's own text for a page, decided by the audience alone.

The intranet's home and about pages say they are the intranet site; the public ones that
they are the internet site (issue 11, point 5).  A variant is a page with a narrower scope
that names the page it stands in for; the builds that see it show it at that page's
address, every other build shows the page itself (audience.presented, rules/variants.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sitegen import SiteWriter, build, copy_sample, output_text

from site_plugins.load import load_site
from site_plugins.rules import validate

# Words only the sample's intranet variants have.
INTRANET_WORDS = ("本站内容不得转载到互联网", "本站是党内局域网发布渠道之一")


def page(
    site: SiteWriter, rel: str, title: str, scope: str, body: str, replaces: str | None = None, **more: str
) -> None:
    extra = f"replaces: {replaces}\n" if replaces else ""
    extra += "".join(f"{key}: {value}\n" for key, value in more.items())
    site.write(f"content/{rel}", f"---\ntype: page\nscope: {scope}\ntitle: {title}\n{extra}---\n\n{body}\n")


def test_the_sample_intranet_says_it_is_the_intranet_and_the_public_site_never_holds_its_words(
    tmp_path: Path,
) -> None:
    root = copy_sample(tmp_path / "sample")
    public, party = build(root, "public"), build(root, "party")
    assert "本站（互联网版）只发布向社会公开的党务" in (public / "index.html").read_text("utf-8")
    assert "本站是互联网发布渠道之一" in (public / "about" / "index.html").read_text("utf-8")
    home, about = (party / "index.html").read_text("utf-8"), (party / "about" / "index.html").read_text("utf-8")
    assert "本站内容不得转载到互联网" in home and "本站（互联网版）" not in home
    assert "本站是党内局域网发布渠道之一" in about and "本站是互联网发布渠道之一" not in about
    # The variants have no address of their own in any build.
    for out in (public, party):
        assert not (out / "index.intranet").exists() and not (out / "about.intranet").exists()
    # Nothing of them in any public file: pages, search index, sitemap, feeds, JSON.
    for rel, text in output_text(public).items():
        for words in (*INTRANET_WORDS, "index.intranet", "about.intranet"):
            assert words not in text, (rel, words)
    party_text = "\n".join(output_text(party).values())
    assert "index.intranet" not in party_text and "about.intranet" not in party_text


def test_the_narrowest_variant_a_build_sees_stands_in_for_the_page(site: SiteWriter) -> None:
    page(site, "about.md", "关于", "public", "公开版的说明。")
    page(site, "about.party.md", "关于", "party", "党内版的说明。", replaces="about.md")
    page(site, "about.league.md", "关于", "unit", "盟内版的说明。", replaces="about.md", org="league")
    public, party, league = build(site.root, "public"), build(site.root, "party"), build(site.root, "unit:league")
    assert "公开版的说明。" in (public / "about" / "index.html").read_text("utf-8")
    assert "党内版的说明。" in (party / "about" / "index.html").read_text("utf-8")
    assert "盟内版的说明。" in (league / "about" / "index.html").read_text("utf-8")
    for out, absent in ((public, ("党内版的说明", "盟内版的说明")), (party, ("盟内版的说明", "公开版的说明"))):
        text = "\n".join(output_text(out).values())
        for words in absent:
            assert words not in text, (out.name, words)


@pytest.mark.parametrize(
    ("variant", "said"),
    [
        ({"replaces": "missing.md"}, "'replaces' names 'missing.md', which is no other page under content/"),
        (
            {"replaces": "region/a.md"},
            "'replaces' names the disclosure item 'region/a.md'; only a page can have variants",
        ),
        ({"replaces": "about.md", "scope": "public"}, "a variant must be for fewer readers than the page it replaces"),
        ({"replaces": "about.party.md"}, "'about.party.md' is itself a variant (of 'about.md')"),
        ({"replaces": "sub/about.md"}, "'sub/about.md' is in another folder"),
        ({"replaces": "about.md", "scope": "party"}, "about.party.md already replaces 'about.md' for scope 'party'"),
    ],
)
def test_a_variant_that_could_be_read_two_ways_is_refused(site: SiteWriter, variant: dict[str, str], said: str) -> None:
    site.item("region/a.md", org="region")
    page(site, "about.md", "关于", "public", "公开版。")
    page(site, "sub/about.md", "关于", "public", "子目录。")
    page(site, "about.party.md", "关于", "party", "党内版。", replaces="about.md")
    scope = variant.get("scope", "unit")
    extra = {"org": "league"} if scope == "unit" else {}
    page(site, "zz.md", "另一版", scope, "另一版。", replaces=variant["replaces"], **extra)
    found = [str(p) for p in validate(load_site(site.root)) if p.path == "content/zz.md"]
    assert any(said in p for p in found), found


def test_a_party_variant_s_attachment_never_reaches_the_public_build(site: SiteWriter) -> None:
    """Attack: the variant lists an attachment beside the public page it replaces."""
    page(site, "about.md", "关于", "public", "公开版。")
    site.write("content/neibu-guize-qzx.pdf", b"%PDF-1.4 party only")
    page(
        site,
        "about.party.md",
        "关于",
        "party",
        "党内版，见附件。",
        replaces="about.md",
        attachments="[neibu-guize-qzx.pdf]",
    )
    public, party = build(site.root, "public"), build(site.root, "party")
    assert (party / "neibu-guize-qzx.pdf").is_file()
    assert not (public / "neibu-guize-qzx.pdf").exists()
    text = "\n".join(output_text(public).values())
    assert "neibu-guize-qzx" not in text and "党内版" not in text


@pytest.mark.parametrize(
    "body",
    [
        "[党内说明](about.party.md)",
        '<a href="about.party/">党内说明</a>',
        "见 about.party 页面。",
    ],
)
def test_a_public_page_naming_the_variant_s_own_address_is_stopped(site: SiteWriter, body: str) -> None:
    """Attack: the variant has no address of its own; a public page that writes it (a link,
    raw HTML, plain words) is refused by check, and its build publishes nothing."""
    page(site, "about.md", "关于", "public", "公开版。")
    page(site, "about.party.md", "关于", "party", "党内版。", replaces="about.md")
    page(site, "guide.md", "指南", "public", body)
    found = [str(p) for p in validate(load_site(site.root)) if p.path == "content/guide.md"]
    assert len(found) == 1 and "mentions 'about.party', the address of content/about.party.md (party)" in found[0]
    with pytest.raises(AssertionError, match="about.party"):
        build(site.root, "public")
    assert not (site.root / "site" / "public").exists()
