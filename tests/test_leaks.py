"""Nothing leaks: real builds of canary corpora, every output file searched.

Every item carries a unique canary word in its title, body and attachment name (and the
attachment's bytes).  Which canaries each audience may see is computed here, from the
rules of SPEC §6, independently of site_plugins.audience; then every file of the build
(gzip members decompressed, file names included) is searched for every canary.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitegen import CLOCK, ENTRIES, ORGS, SiteWriter, build, output_text

PARENT = {o["id"]: o.get("parent") for o in ORGS}
ENTRY_FOR_SCOPE = {"public": "pub-long", "party": "party-long", "unit": "unit-long", "specific": "spec-now"}


def within(org: str, area: str) -> bool:
    while org:
        if org == area:
            return True
        org = PARENT[org] or ""
    return False


@dataclass
class Planted:
    canary: str
    scope: str
    org: str
    listed: tuple[str, ...]
    status: str
    date: dt.date
    expires: dt.date | None

    def seen_by(self, audience: str) -> bool:
        """SPEC §5–§6, written out again: the test's own answer, not the product's."""
        if self.status != "approved" or self.date > CLOCK:
            return False
        expired = self.expires is not None and self.expires < CLOCK
        if audience == "public":
            return self.scope == "public" and not expired
        if self.scope in ("public", "party"):
            return True
        if not audience.startswith("unit:"):
            return False
        unit = audience[len("unit:") :]
        return within(unit, self.org) if self.scope == "unit" else unit in self.listed


def canary(rng: random.Random) -> str:
    # Lowercase letters only: survives tokenizers, stemmers and lower-casing in any index.
    return "zq" + "".join(rng.choice(string.ascii_lowercase) for _ in range(10)) + "canary"


def plant(site: SiteWriter, rng: random.Random, n: int, attach_every: int = 3) -> list[Planted]:
    planted: list[Planted] = []
    orgs = [o["id"] for o in ORGS]
    for i in range(n):
        word = canary(rng)
        scope = rng.choice(["public", "public", "party", "unit", "specific"])
        org = rng.choice(orgs)
        listed = tuple(sorted(rng.sample(orgs, rng.randint(1, 2)))) if scope == "specific" else ()
        status = rng.choice(["approved"] * 6 + ["draft", "withdrawn"])
        date = CLOCK + dt.timedelta(days=rng.choice([-200, -30, -1, 0, 1, 40]))
        entry = ENTRY_FOR_SCOPE[scope]
        expires = None
        if entry == "spec-now" and rng.random() < 0.5:
            expires = date + dt.timedelta(days=rng.choice([0, 10, 400]))
        fields = {
            "scope": scope,
            "entry": entry,
            "org": org,
            "status": status,
            "date": date.isoformat(),
            "title": f"事项{i} {word} 标题",
        }
        if listed:
            fields["audience"] = list(listed)
        if expires:
            fields["expires"] = expires.isoformat()
        if status == "withdrawn":
            # Never approved, so never shown: it leaves no notice (tests/test_history_leaks.py plants those).
            fields["approval"] = None
        if status == "approved":
            fields["approval"] = {
                "proposed_by": "办公室",
                "reviewed_by": "审核人",
                "reviewed_on": (date - dt.timedelta(days=3)).isoformat(),
                "secrecy_review": "passed",
                "approved_by": "审批人",
                "approved_on": (date - dt.timedelta(days=2)).isoformat(),
            }
        rel = f"{org}/{i:04d}-{word}.md" if i % 2 else f"{org}/{i:04d}.md"
        if i % attach_every == 0:
            name = f"{word}.pdf"
            site.write(f"content/{org}/{name}", f"%PDF-1.4 attachment {word}\n".encode())
            fields["attachments"] = [name]
        body = f"## 第一部分\n\n本事项正文包含词语 {word} 以及常见的党务公开内容。\n\n- 列表项 {word}\n"
        site.item(rel, body=body, **fields)
        planted.append(Planted(word, scope, org, listed, status, date, expires))
    return planted


def assert_no_leak(out: Path, audience: str, planted: list[Planted], hidden_words: tuple[str, ...] = ()) -> None:
    texts = output_text(out)
    blob = "\n".join(texts.values())
    names = "\n".join(texts)
    for p in planted:
        if p.seen_by(audience):
            assert p.canary in blob, f"{audience}: visible item {p.canary} ({p.scope}, {p.status}) is missing"
        else:
            assert p.canary not in blob, (
                f"{audience}: hidden item {p.canary} ({p.scope}, {p.status}) leaked: "
                + ", ".join(path for path, text in texts.items() if p.canary in text)
            )
            assert p.canary not in names, f"{audience}: a file named after hidden {p.canary} was written"
    for word in hidden_words:
        assert word not in blob, f"{audience}: '{word}' leaked into " + ", ".join(
            k for k, v in texts.items() if word in v
        )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteWriter, list[Planted]]:
    site = SiteWriter(tmp_path_factory.mktemp("leaks") / "src")
    planted = plant(site, random.Random(20261126), 240)
    # Catalog entries are disclosed content too: a party entry must not be named in public.
    entries = [
        *ENTRIES,
        {
            "id": "party-secret",
            "title": "党内目录 zqpartyentrycanary",
            "basis": "第十条（五）",
            "scope": "party",
            "timing": "long-term",
            "methods": ["meeting"],
            "department": "组织部",
        },
        {
            "id": "unit-secret",
            "title": "单位目录 zqunitentrycanary",
            "basis": "第十条（六）",
            "scope": "unit",
            "timing": "long-term",
            "methods": ["intranet"],
            "department": "办公室",
        },
    ]
    site.catalog("league", entries=entries)
    # A whole catalog published only in the party.
    site.catalog(
        "soe",
        scope="party",
        entries=[
            *ENTRIES,
            {
                "id": "soe-only",
                "title": "国企党内目录 zqsoecatalogcanary",
                "basis": "第十一条（二）",
                "scope": "public",
                "timing": "long-term",
                "methods": ["website"],
                "department": "党建部",
            },
        ],
    )
    return site, planted


def test_the_canary_corpus_is_valid(corpus: tuple[SiteWriter, list[Planted]]) -> None:
    from site_plugins.load import load_site
    from site_plugins.rules import validate

    site, planted = corpus
    assert [str(p) for p in validate(load_site(site.root))] == []
    kinds = {(p.scope, p.seen_by("public"), p.seen_by("party")) for p in planted}
    assert len(planted) == 240 and len(kinds) >= 5  # every scope, hidden and shown


def test_a_public_build_contains_no_canary_of_a_hidden_item(corpus: tuple[SiteWriter, list[Planted]]) -> None:
    site, planted = corpus
    out = build(site.root, "public")
    assert_no_leak(out, "public", planted, ("zqpartyentrycanary", "zqunitentrycanary", "zqsoecatalogcanary"))


def test_a_party_build_has_every_party_canary_and_no_unit_or_specific_one(
    corpus: tuple[SiteWriter, list[Planted]],
) -> None:
    site, planted = corpus
    out = build(site.root, "party")
    assert_no_leak(out, "party", planted, ("zqunitentrycanary",))
    blob = "\n".join(output_text(out).values())
    assert "zqpartyentrycanary" in blob and "zqsoecatalogcanary" in blob


@pytest.mark.parametrize("unit", ["town", "village", "soe"])
def test_a_unit_build_holds_exactly_its_units_items(corpus: tuple[SiteWriter, list[Planted]], unit: str) -> None:
    site, planted = corpus
    out = build(site.root, f"unit:{unit}")
    assert_no_leak(out, f"unit:{unit}", planted)


def test_hidden_attachments_are_not_copied(corpus: tuple[SiteWriter, list[Planted]]) -> None:
    site, _ = corpus
    out = build(site.root, "public")
    copied = {p.name for p in out.rglob("*.pdf")}
    sources = {p.name for p in (site.root / "content").rglob("*.pdf")}
    assert copied and copied < sources


def test_the_sitemap_lists_only_visible_pages(corpus: tuple[SiteWriter, list[Planted]]) -> None:
    import gzip
    import re

    site, planted = corpus
    out = build(site.root, "public")
    urls = re.findall(r"<loc>([^<]+)</loc>", gzip.decompress((out / "sitemap.xml.gz").read_bytes()).decode())
    assert urls
    for url in urls:
        path = url.split("example.gov.cn/", 1)[1]
        assert (out / path / "index.html").exists() or (out / path).exists(), url


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.integers(min_value=0, max_value=2**31))
def test_random_corpora_never_leak_into_public(tmp_path_factory: pytest.TempPathFactory, seed: int) -> None:
    site = SiteWriter(tmp_path_factory.mktemp("prop") / "src")
    planted = plant(site, random.Random(seed), 12, attach_every=2)
    out = build(site.root, "public")
    assert_no_leak(out, "public", planted)
