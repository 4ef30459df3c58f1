"""Mongolian versions (`x.mn.md`, issue 15): read, judged and published only with their original.

A translation holds words only; scope, dates and approval are its original's.  These tests
drive the core directly (load, rules, audience.publish): what check refuses and which
builds' publications hold which translation.  The pages themselves: test_mongolian_build.py
and test_mongolian_browser.py.
"""

from __future__ import annotations

import pytest
from sitegen import CLOCK, SiteWriter

from site_plugins.audience import Audience, publish
from site_plugins.load import load_site
from site_plugins.model import Problem
from site_plugins.rules import validate

# Sample words of Traditional Mongolian script (ᠪᠡᠯᠴᠢᠭᠡᠷ pasture, ᠨᠠᠮ party, ᠰᠤᠮᠤ sum).
TITLE_MN = "ᠪᠡᠯᠴᠢᠭᠡᠷ ᠦᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ"
BODY_MN = "ᠨᠠᠮ ᠤᠨ ᠰᠤᠮᠤ ᠶᠢᠨ ᠪᠡᠯᠴᠢᠭᠡᠷ ᠦᠨ ᠲᠠᠶᠢᠯᠤᠨ ᠃"


def mongolian(site: SiteWriter, rel: str, title: str = TITLE_MN, body: str = BODY_MN, extra: str = "") -> None:
    site.write(f"content/{rel}", f"---\ntitle: {title}\n{extra}---\n\n{body}\n")


def problems_of(site: SiteWriter, rel: str) -> list[Problem]:
    return [p for p in validate(load_site(site.root), CLOCK) if p.path == f"content/{rel}"]


def test_a_mongolian_version_is_read_beside_its_original_and_is_no_document(site: SiteWriter) -> None:
    site.item("region/2026/a.md", org="region", title="草场公告")
    mongolian(site, "region/2026/a.mn.md")
    loaded = load_site(site.root)
    assert [d.path for d in loaded.documents if d.is_item] == ["region/2026/a.md"]
    (translation,) = loaded.translations
    assert (translation.original, translation.title, translation.body_line) == ("region/2026/a.md", TITLE_MN, 5)
    assert translation.original_file == "content/region/2026/a.md"
    assert validate(loaded, CLOCK) == []


def test_a_site_without_translations_reads_none() -> None:
    from site_plugins.translations import split_translations

    files = ["a.md", "b/c.md", "mn.md"]
    assert split_translations(files) == (files, [])
    assert split_translations([*files, "b/c.mn.md"]) == (files, ["b/c.mn.md"])


def test_an_orphan_mongolian_version_is_refused(site: SiteWriter) -> None:
    mongolian(site, "region/2026/gone.mn.md")
    (found,) = problems_of(site, "region/2026/gone.mn.md")
    assert found.line == 1 and "has no original: content/region/2026/gone.md" in found.message


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ("scope: public\n", "scope"),
        ("audience: [village]\n", "audience"),
        ("date: 2026-01-01\n", "date"),
        ("status: approved\n", "status"),
        ("org: region\n", "org"),
        ("attachments: [x.pdf]\n", "attachments"),
        ("expires: 2030-01-01\n", "expires"),
        ("type: page\n", "type"),
    ],
)
def test_a_mongolian_version_that_sets_what_its_original_decides_is_refused_at_that_line(
    site: SiteWriter, extra: str, field: str
) -> None:
    """Attack: a party item's translation that says `scope: public` (or any other fact)."""
    site.item("region/2026/p.md", org="region", catalog="party-long", scope="party", timing="long-term")
    mongolian(site, "region/2026/p.mn.md", extra=extra)
    found = problems_of(site, "region/2026/p.mn.md")
    assert [(p.line, p.rule) for p in found] == [(3, "Art. 15")], found
    assert f"cannot set '{field}'" in found[0].message and "content/region/2026/p.md" in found[0].message


def test_an_unknown_field_gets_a_did_you_mean(site: SiteWriter) -> None:
    site.item("region/2026/a.md", org="region")
    mongolian(site, "region/2026/a.mn.md", extra="descripton: ᠮᠣᠩᠭᠣᠯ\n")
    (found,) = problems_of(site, "region/2026/a.mn.md")
    assert "unknown field 'descripton'" in found.message and "did you mean 'description'" in found.hint


@pytest.mark.parametrize(
    ("title", "body", "line", "said"),
    [
        ("\ue26c\ue2a5", BODY_MN, 2, "U+E26C, a private-use character"),  # Menksoft codes
        (TITLE_MN, "ᠨᠠᠮ\n\ue31e\ue2d4 ᠃", 6, "U+E31E, a private-use character"),
        ("草场公告", BODY_MN, 2, "has no letter of Traditional Mongolian script"),
    ],
)
def test_menksoft_private_use_text_or_a_chinese_title_is_refused_with_a_hint(
    site: SiteWriter, title: str, body: str, line: int, said: str
) -> None:
    site.item("region/2026/a.md", org="region")
    mongolian(site, "region/2026/a.mn.md", title=title, body=body)
    (found,) = problems_of(site, "region/2026/a.mn.md")
    assert found.line == line and said in found.message, found
    if "private-use" in said:
        assert "convert the text to Unicode Traditional Mongolian" in found.hint


@pytest.mark.parametrize(
    "body",
    [
        "[ᠬᠠᠪᠰᠤᠷᠤᠯᠲᠠ](x.pdf)",
        "[ᠬᠠᠪᠰᠤᠷᠤᠯᠲᠠ](../2025/old/)",
        '<a href="/region/">ᠨᠠᠮ</a>',
        "[ᠨᠠᠮ][1]\n\n[1]: other.md",
        '<img src="x.png" alt="ᠨᠠᠮ">',
    ],
)
def test_a_mongolian_version_links_only_to_web_addresses(site: SiteWriter, body: str) -> None:
    site.item("region/2026/a.md", org="region")
    mongolian(site, "region/2026/a.mn.md", body=body)
    found = problems_of(site, "region/2026/a.mn.md")
    assert found and all("an address of this site" in p.message for p in found), found


def test_web_links_and_anchors_are_fine(site: SiteWriter) -> None:
    site.item("region/2026/a.md", org="region")
    mongolian(site, "region/2026/a.mn.md", body="[ᠨᠠᠮ](https://example.org/) [ᠨᠠᠮ](#x) <https://example.org/a>")
    assert problems_of(site, "region/2026/a.mn.md") == []


def test_a_public_translation_naming_a_party_item_is_refused_as_its_original_would_be(site: SiteWriter) -> None:
    """Attack: the Mongolian words carry the address of a hidden item, in plain text."""
    site.item("region/2026/a.md", org="region")
    site.item("region/2026/neibu-tongbao.md", org="region", catalog="party-long", scope="party", timing="long-term")
    mongolian(site, "region/2026/a.mn.md", body="ᠨᠠᠮ neibu-tongbao ᠃")
    found = problems_of(site, "region/2026/a.mn.md")
    assert [(p.line, p.rule) for p in found] == [(5, "Art. 15")]
    assert "mentions 'neibu-tongbao'" in found[0].message


def _translated_paths(site: SiteWriter, audience: str) -> set[str]:
    loaded = load_site(site.root)
    pub = publish(loaded, Audience.parse(audience, loaded.registry), CLOCK)
    return set(pub.translations)


def test_a_translation_is_published_in_exactly_the_builds_of_its_original(site: SiteWriter) -> None:
    site.item("region/2026/pub.md", org="region")
    site.item("region/2026/party.md", org="region", catalog="party-long", scope="party", timing="long-term")
    site.item("league/2026/unit.md", org="league", catalog="unit-long", scope="unit", timing="long-term")
    for name in ("region/2026/pub", "region/2026/party", "league/2026/unit"):
        mongolian(site, f"{name}.mn.md")
    assert _translated_paths(site, "public") == {"region/2026/pub.md"}
    assert _translated_paths(site, "party") == {"region/2026/pub.md", "region/2026/party.md"}
    assert _translated_paths(site, "unit:banner") == {
        "region/2026/pub.md",
        "region/2026/party.md",
        "league/2026/unit.md",
    }
    assert _translated_paths(site, "unit:soe") == {"region/2026/pub.md", "region/2026/party.md"}


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": "draft"},
        {"date": "2027-01-01"},  # embargoed
        {"expires": "2026-06-30"},  # expired: gone from the public build
        {
            "status": "withdrawn",
            "withdrawn": {"on": "2026-05-01", "reason": "内容有误"},
        },
    ],
)
def test_no_build_shows_the_translation_of_an_item_it_does_not_show(site: SiteWriter, overrides: dict) -> None:
    site.item("region/2026/a.md", org="region", **overrides)
    mongolian(site, "region/2026/a.mn.md")
    assert _translated_paths(site, "public") == set()


def test_an_expired_item_s_translation_stays_with_it_in_the_intranet_archive(site: SiteWriter) -> None:
    site.item("region/2026/a.md", org="region", expires="2026-06-30")
    mongolian(site, "region/2026/a.mn.md")
    assert _translated_paths(site, "party") == {"region/2026/a.md"}


def test_a_variant_shows_its_own_translation_never_the_replaced_page_s(site: SiteWriter) -> None:
    site.write("content/about.md", "---\ntype: page\nscope: public\ntitle: 关于\n---\n\n公开版。\n")
    site.write(
        "content/about.party.md",
        "---\ntype: page\nscope: party\ntitle: 关于\nreplaces: about.md\n---\n\n党内版。\n",
    )
    mongolian(site, "about.mn.md", body="ᠨᠡᠶᠢᠲᠡ")
    loaded = load_site(site.root)
    assert validate(loaded, CLOCK) == []
    public = publish(loaded, Audience("public"), CLOCK)
    party = publish(loaded, Audience("party"), CLOCK)
    assert public.translations["about.md"].body.startswith("ᠨᠡᠶᠢᠲᠡ")
    assert party.translations == {}  # the party text has no Mongolian version of its own
    mongolian(site, "about.party.mn.md", body="ᠨᠠᠮ")
    party = publish(load_site(site.root), Audience("party"), CLOCK)
    assert party.translations["about.md"].path == "about.party.mn.md"


def test_mongolian_names_in_the_registry_and_catalogs_are_judged_like_mongolian_text(site: SiteWriter) -> None:
    import yaml

    registry = site.root / "catalogs" / "organizations.yml"
    orgs = yaml.safe_load(registry.read_text("utf-8"))
    orgs[0]["name_mn"] = "ᠥᠪᠥᠷ ᠮᠣᠩᠭᠣᠯ"
    orgs[1]["name_mn"] = "\ue26c\ue2a5"
    registry.write_text(yaml.safe_dump(orgs, allow_unicode=True), "utf-8")
    catalog = site.root / "catalogs" / "region.yml"
    data = yaml.safe_load(catalog.read_text("utf-8"))
    data["entries"][0]["title_mn"] = "公开长期事项"
    catalog.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    loaded = load_site(site.root)
    assert loaded.registry["region"].name_mn == "ᠥᠪᠥᠷ ᠮᠣᠩᠭᠣᠯ"
    found = [str(p) for p in validate(loaded, CLOCK)]
    assert len(found) == 2, found
    assert any("name_mn of 'league' holds U+E26C" in p for p in found)
    assert any("title_mn of entry 'pub-long' has no letter of Traditional Mongolian" in p for p in found)
