"""A printed intranet page carries its marking on every sheet of paper; a public page none.

Material's print styles hide the banner and the header, so theme/main.html adds a print-only
marking (disclosure.css) that Chromium repeats at the top of every printed page.  One small
site with a long item of each scope (200 paragraphs, about eight A4 pages) is built once per
audience (public, party, unit:soe) and served on 127.0.0.1; Debian's Chromium, through
Playwright, prints each item to PDF, and pypdf reads each PDF page's text back with its
position.  On every page of the intranet builds the topmost line is the banner's words (no
audience id), with the page's first line of text well below it; on the public build's pages
there is no marking at all, while their text is read back fine.  The PDFs and screenshots of
the print layout go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator

import pypdf
import pytest
from sitegen import SiteWriter, build
from test_browser import ARTIFACTS, Visit, serving

PARTY_BANNER = "党内资料 注意保密"  # the plugin's intranet_banner default
UNIT_BANNER = "测试国企党委内部资料 注意保密"  # a unit build names its organization
AUDIENCES = {
    "public": "region/2026/long-public/",
    "party": "region/2026/long-party/",
    "unit:soe": "soe/2026/long-unit/",
}
MM = 72 / 25.4  # PDF points per millimetre


def _long_body(label: str) -> str:
    return "\n\n".join(
        f"第{n:03d}段：{label}的正文，用于检验打印出的每一页都带有标识，这一段写得长一些，好占满一行多。"
        for n in range(200)
    )


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """One site, built once for each audience and served; a long item of each scope in it."""
    site = SiteWriter(tmp_path_factory.mktemp("print-marking"))
    site.item("region/2026/long-public.md", title="长篇公开事项", body=_long_body("公开事项"))
    site.item("region/2026/long-party.md", title="长篇党内事项", entry="party-long", body=_long_body("党内事项"))
    site.item(
        "soe/2026/long-unit.md", title="长篇本单位事项", org="soe", entry="unit-long", body=_long_body("本单位事项")
    )
    with serving({audience: build(site.root, audience) for audience in AUDIENCES}) as addresses:
        yield addresses


@pytest.fixture
def visit(chromium) -> Iterator[Visit]:
    opened = Visit(chromium)
    yield opened
    opened.close()


def _plain(text: str) -> str:
    """Text as compared here: NFKC (the PDF's CJK may come back as Kangxi radicals), no spaces
    (the marking's letter spacing comes back as spaces)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _lines(page) -> list[tuple[float, str]]:
    """A PDF page's text as (baseline height in points from the bottom, text), top line first."""
    fragments: dict[float, list[tuple[float, str]]] = {}

    def visit_text(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            fragments.setdefault(round(y, 1), []).append((x, text))

    page.extract_text(visitor_text=visit_text)
    return [(y, _plain("".join(t for _, t in sorted(parts)))) for y, parts in sorted(fragments.items(), reverse=True)]


def _print(visit: Visit, name: str) -> list:
    """The open page printed as a reader prints it (A4, no background graphics); its PDF pages."""
    page = visit.page
    pdf = page.pdf(format="A4")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(pdf)
    page.emulate_media(media="print")  # the print layout on screen: what the top of a sheet looks like
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.emulate_media(media="screen")
    assert visit.foreign() == []
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) >= 5, len(pages)  # a long page: the marking must follow it past the first sheet
    return pages


@pytest.mark.parametrize(("audience", "banner"), [("party", PARTY_BANNER), ("unit:soe", UNIT_BANNER)])
def test_every_printed_page_of_an_intranet_build_is_headed_by_its_marking(
    visit: Visit, servers, audience, banner
) -> None:
    # On screen the banner says it (with the audience); the print marking stays hidden.
    visit.page.goto(servers[audience] + AUDIENCES[audience], wait_until="load")
    assert banner in visit.page.text_content(".disclosure-banner")
    assert visit.page.eval_on_selector(".disclosure-print-mark", "e => getComputedStyle(e).display") == "none"
    pages = _print(visit, f"print-mark-{audience.replace(':', '-')}")
    printed = [_lines(page) for page in pages]
    for number, (page, lines) in enumerate(zip(pages, printed, strict=True), 1):
        (mark_y, mark), (text_y, first_line) = lines[0], lines[1]
        # The top line of the sheet is the banner's words and nothing else: no "（party）".
        assert mark == _plain(banner), (number, lines[:3])
        assert mark_y > float(page.mediabox.height) - 25 * MM, (number, mark_y)  # in the header, not mid-page
        # The page's own text starts clearly below it: not printed over, nor hidden under it.
        assert mark_y - text_y > 5 * MM, (number, mark_y, text_y, first_line)
        assert sum(_plain(banner) in line for _, line in lines) == 1, number
    # Every paragraph was printed, in order, none lost under a marking.
    text = "".join(line for lines in printed for _, line in lines)
    numbers = [text.find(f"第{n:03d}段") for n in range(200)]
    assert -1 not in numbers and numbers == sorted(numbers)


def test_a_printed_public_page_carries_no_marking(visit: Visit, servers) -> None:
    visit.page.goto(servers["public"] + AUDIENCES["public"], wait_until="load")
    assert visit.page.query_selector(".disclosure-print-mark") is None
    assert visit.page.query_selector(".disclosure-banner") is None
    pages = _print(visit, "print-mark-public")
    for number, page in enumerate(pages, 1):
        text = _plain(page.extract_text())
        assert "公开事项的正文" in text, (number, text[:80])  # the text is read back: an absence means something
        for word in ("党内资料", "内部资料", "注意保密"):
            assert word not in text, (number, word)
