"""Open data (SPEC §8): data/items.json and data/catalogs.json against their JSON Schemas.

The schemas in schemas/ are the published contract for re-users; every build's export is
validated against them, and holds only what the build's audience may see.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from sitegen import REPO, SiteWriter, build, copy_sample

from site_plugins.record import OpenDataItem

SCHEMAS = REPO / "schemas"


def validator(name: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / name).read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def exports(site_dir: Path) -> tuple[dict, dict]:
    return (
        json.loads((site_dir / "data/items.json").read_text("utf-8")),
        json.loads((site_dir / "data/catalogs.json").read_text("utf-8")),
    )


def write_varied_items(site: SiteWriter) -> None:
    site.item("region/2026/long.md", title="长期事项", id="policy")
    site.item("region/2026/q3.md", entry="pub-q", title="季度事项")
    site.item("region/2026/now.md", entry="pub-now", title="随时事项", expires="2026-06-30", date="2026-03-05")
    site.item(
        "region/2026/explain.md",
        title="解读",
        interprets="policy",
        consultation={"until": "2026-12-01", "channel": "信箱"},
    )
    site.item("league/2026/party.md", org="league", entry="party-m", title="党内月度事项")
    site.item("region/2026/unit.md", entry="unit-long", title="本单位事项")
    site.item("village/2026/spec.md", org="village", entry="spec-now", title="特定对象事项", audience=["village"])
    site.item("region/2026/outside.md", entry=None, title="目录外事项")


@pytest.mark.parametrize("audience", ["public", "party", "unit:region", "unit:village"])
def test_the_exports_of_every_audience_match_their_schemas(site: SiteWriter, audience: str) -> None:
    write_varied_items(site)
    items, catalogs = exports(build(site.root, audience))
    validator("items.schema.json").validate(items)
    validator("catalogs.schema.json").validate(catalogs)
    assert items["audience"] == audience == catalogs["audience"]


def test_the_sample_sites_exports_match_their_schemas(tmp_path: Path) -> None:
    copy_sample(tmp_path)
    for audience in ("public", "party"):
        items, catalogs = exports(build(tmp_path, audience))
        validator("items.schema.json").validate(items)
        validator("catalogs.schema.json").validate(catalogs)
        assert items["items"] and catalogs["catalogs"]


def test_the_public_export_lists_only_public_items_and_entries(site: SiteWriter) -> None:
    write_varied_items(site)
    items, catalogs = exports(build(site.root, "public"))
    assert {i["scope"] for i in items["items"]} == {"public"}
    assert "党内月度事项" not in json.dumps(items, ensure_ascii=False)
    assert {i["title"] for i in items["items"]} == {"长期事项", "季度事项", "解读", "目录外事项"}  # 随时事项 expired
    scopes = {e["scope"] for c in catalogs["catalogs"] for e in c["entries"]}
    assert scopes == {"public"}
    listed = {item_id for c in catalogs["catalogs"] for e in c["entries"] for item_id in e["items"]}
    assert listed <= {i["id"] for i in items["items"]}


def test_an_export_that_breaks_the_contract_is_rejected_by_the_schema(site: SiteWriter) -> None:
    site.item("region/2026/long.md", title="长期事项")
    items, catalogs = exports(build(site.root, "public"))
    broken_items = json.loads(json.dumps(items))
    broken_items["items"][0]["scope"] = "secret"
    with pytest.raises(jsonschema.ValidationError):
        validator("items.schema.json").validate(broken_items)
    broken_catalogs = json.loads(json.dumps(catalogs))
    broken_catalogs["catalogs"][0]["entries"][0]["state"] = "overdue"  # not possible for a long-term entry
    with pytest.raises(jsonschema.ValidationError):
        validator("catalogs.schema.json").validate(broken_catalogs)
    broken_items["items"][0]["url"] = "/relative/"
    with pytest.raises(jsonschema.ValidationError):
        validator("items.schema.json").validate({**items, "items": [{**items["items"][0], "url": "/relative/"}]})


def test_an_open_data_item_has_the_fields_its_schema_publishes_in_the_same_order() -> None:
    item = json.loads((SCHEMAS / "items.schema.json").read_text("utf-8"))["$defs"]["item"]
    assert list(OpenDataItem.__annotations__) == item["required"] == list(item["properties"])
