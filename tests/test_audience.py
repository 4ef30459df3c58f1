"""Who may see what (Art. 15): the audience policy, unit-tested and property-tested."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sitegen import ORGS

from site_plugins.audience import Audience, AudienceError, build_clock, lifecycle, may_see, publish
from site_plugins.model import Document, Item, Lines, Organization, Registry, Site
from site_plugins.vocab import Scope

REGISTRY = Registry(
    {
        o["id"]: Organization(o["id"], o["name"], o["kind"], o["level"], o.get("sector"), o.get("parent"), Lines("x"))
        for o in ORGS
    }
)
ORG_IDS = [o["id"] for o in ORGS]
AUDIENCES = [Audience("public"), Audience("party")] + [Audience("unit", o) for o in ORG_IDS]


def test_public_sees_only_public() -> None:
    public = Audience("public")
    assert may_see(public, "public", "region", (), REGISTRY)
    for scope in ("party", "unit", "specific"):
        assert not may_see(public, scope, "region", ("region",), REGISTRY)


def test_party_sees_public_and_party_only() -> None:
    party = Audience("party")
    assert may_see(party, "public", "town", (), REGISTRY)
    assert may_see(party, "party", "town", (), REGISTRY)
    assert not may_see(party, "unit", "town", (), REGISTRY)
    assert not may_see(party, "specific", "town", ("town",), REGISTRY)


def test_unit_scope_reaches_the_org_and_everything_under_it() -> None:
    assert may_see(Audience("unit", "banner"), "unit", "banner", (), REGISTRY)
    assert may_see(Audience("unit", "village"), "unit", "banner", (), REGISTRY)
    assert not may_see(Audience("unit", "league"), "unit", "banner", (), REGISTRY)
    assert not may_see(Audience("unit", "soe"), "unit", "banner", (), REGISTRY)


def test_specific_scope_reaches_only_the_listed_orgs() -> None:
    assert may_see(Audience("unit", "village"), "specific", "region", ("village",), REGISTRY)
    assert not may_see(Audience("unit", "town"), "specific", "region", ("village",), REGISTRY)
    assert not may_see(Audience("unit", "region"), "specific", "region", ("village",), REGISTRY)


@pytest.mark.parametrize("scope", ["", "Public", "pubic", "all", "internal"])
def test_an_unknown_scope_is_seen_by_nobody(scope: str) -> None:
    assert not any(may_see(a, scope, "region", ORG_IDS, REGISTRY) for a in AUDIENCES)


@pytest.mark.parametrize("text", ["Public", "intranet", "unit:", "unit:ghost", "party ", "unit-region"])
def test_an_unknown_audience_stops_the_build(text: str) -> None:
    if text.strip() in ("public", "party"):
        return
    with pytest.raises(AudienceError):
        Audience.parse(text, REGISTRY)


def test_audience_slugs_name_the_output_folders() -> None:
    assert Audience.parse("public", REGISTRY).slug == "public"
    assert Audience.parse("party", REGISTRY).slug == "party"
    assert Audience.parse("unit:town", REGISTRY).slug == "unit-town"


def test_the_build_clock_follows_source_date_epoch_in_china_time() -> None:
    # 2026-03-04 20:00 UTC is already 2026-03-05 in Beijing.
    epoch = str(int(dt.datetime(2026, 3, 4, 20, tzinfo=dt.UTC).timestamp()))
    assert build_clock({"SOURCE_DATE_EPOCH": epoch}) == dt.date(2026, 3, 5)


def _doc(
    scope: str,
    status: str = "approved",
    date: dt.date = dt.date(2026, 1, 1),
    expires: dt.date | None = None,
    org: str = "banner",
    listed: tuple[str, ...] = (),
) -> Item:
    return Item(
        path=f"{org}/{scope}-{status}-{date}.md",
        id=f"{org}/{scope}-{status}-{date}",
        title="t",
        scope=scope,
        audience=listed,
        status=status,
        attachments=(),
        body="",
        where=Lines("x"),
        org=org,
        timing="immediate",
        level="routine",
        date=date,
        expires=expires,
    )


def test_drafts_withdrawn_and_embargoed_items_are_never_built() -> None:
    clock = dt.date(2026, 6, 1)
    assert lifecycle(_doc("public", "draft"), clock) == "draft"
    assert lifecycle(_doc("public", "withdrawn"), clock) == "withdrawn"
    assert lifecycle(_doc("public", date=dt.date(2026, 6, 2)), clock) == "embargoed"
    assert lifecycle(_doc("public", date=dt.date(2026, 6, 1)), clock) == "live"


def test_expired_items_leave_the_public_site_and_stay_in_the_intranet_archive() -> None:
    doc = _doc("public", expires=dt.date(2026, 3, 1))
    site = Site(REGISTRY, {}, [doc], [])
    clock = dt.date(2026, 6, 1)
    assert publish(site, Audience("public"), clock).documents == []
    party = publish(site, Audience("party"), clock)
    assert party.documents == [doc] and doc.path in party.archived


scopes = st.sampled_from([*Scope, "pubic", ""])
statuses = st.sampled_from(["draft", "approved", "withdrawn", ""])
days = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 12, 31))
orgs = st.sampled_from(ORG_IDS)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    date = draw(days)
    expires = draw(st.one_of(st.none(), days))
    return _doc(draw(scopes), draw(statuses), date, expires, draw(orgs), tuple(draw(st.lists(orgs, max_size=3))))


@settings(max_examples=300, deadline=None)
@given(st.lists(documents(), max_size=25), days, st.sampled_from(AUDIENCES))
def test_a_publication_never_holds_what_its_audience_may_not_see(
    docs: list[Document], clock: dt.date, audience: Audience
) -> None:
    site = Site(REGISTRY, {}, docs, [])
    pub = publish(site, audience, clock)
    for doc in pub.documents:
        assert doc.status == "approved" and doc.date <= clock
        assert isinstance(doc.scope, Scope)
        if audience.kind == "public":
            assert doc.scope == "public"
            assert doc.expires is None or doc.expires >= clock
        if doc.scope == "party":
            assert audience.kind in ("party", "unit")
        if doc.scope == "unit":
            assert audience.kind == "unit" and REGISTRY.is_within(audience.org, doc.org)
        if doc.scope == "specific":
            assert audience.kind == "unit" and audience.org in doc.audience
    # And nothing visible and live is left out.
    for doc in docs:
        visible = may_see(audience, doc.scope, doc.org, doc.audience, REGISTRY)
        if visible and lifecycle(doc, clock) == "live":
            assert doc in pub.documents


@settings(max_examples=200, deadline=None)
@given(scopes, orgs, st.lists(orgs, max_size=3))
def test_visibility_only_grows_from_public_to_party_to_unit(scope: str, org: str, listed: list[str]) -> None:
    listed_t = tuple(listed)
    if may_see(Audience("public"), scope, org, listed_t, REGISTRY):
        assert may_see(Audience("party"), scope, org, listed_t, REGISTRY)
    if may_see(Audience("party"), scope, org, listed_t, REGISTRY):
        assert all(may_see(Audience("unit", o), scope, org, listed_t, REGISTRY) for o in ORG_IDS)
