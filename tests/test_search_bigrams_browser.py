"""Every text of the bigram table is found by its own query, through Pagefind in Chromium.

tests/test_search_bigrams.py checks each side's words against the table; this checks
what the words are for: a site with one item per text of the table, indexed by the
build, searched on its search page with search.js's own query (`toBigrams`) through
Pagefind's browser code, as a reader's search is.
"""

from __future__ import annotations

import json
import re

from playwright import sync_api as playwright_api
from sitegen import REPO, SiteWriter, build
from test_browser import CHROMIUM, CHROMIUM_ARGS, serving

from site_plugins.plugins.search_bigrams import HAN

CASES: list[dict[str, str]] = json.loads((REPO / "tests" / "data" / "bigram_cases.json").read_text("utf-8"))["cases"]
# Texts a reader can search for: some Chinese, and no markup Markdown would read.
SEARCHED = [case for case in CASES if re.search(f"[{HAN}]", case["text"]) and '"' not in case["text"]]


def test_every_chinese_text_of_the_table_is_found_by_the_query_search_js_makes_of_it(site: SiteWriter) -> None:
    urls = {}
    for number, case in enumerate(SEARCHED):
        site.item(f"region/2026/case-{number:02d}.md", body=case["text"].replace("\n", " "), title=f"第{number}号")
        urls[case["case"]] = f"/region/2026/case-{number:02d}/"
    out = build(site.root, "public")
    with serving({"site": out}) as bases, playwright_api.sync_playwright() as pw:
        base = bases["site"]
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = chromium.new_page()
            page.goto(base + "search/", wait_until="networkidle")
            found: dict[str, list[str]] = page.evaluate(
                """async (cases) => {
                const search = window.disclosureSearch, pf = await search.pagefind(), found = {};
                for (const c of cases) {
                    const response = await pf.search(search.toBigrams(c.text));
                    found[c.case] = await Promise.all(response.results.map(async (r) => (await r.data()).url));
                }
                return found;
            }""",
                [*SEARCHED, {"case": "no item's text", "text": "无此词语"}],
            )
        finally:
            chromium.close()
    missed = {case: urls[case] for case in urls if urls[case] not in found[case]}
    assert not missed, missed
    assert found["no item's text"] == []
