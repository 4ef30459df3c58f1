"""The Mongolian web font the theme ships (theme/assets/fonts/, scripts/mongolian_font.py).

Read back with fontTools: a WOFF2 subset of Noto Sans Mongolian that keeps every letter of
the Mongolian block and the joining controls, and the OpenType features Mongolian shaping
needs (initial, medial, final and isolated forms, required ligatures); small enough for a
page to load; licensed (OFL) with its notice beside it.  The stylesheet serves it from the
site itself for Mongolian text only.
"""

from __future__ import annotations

import re
import unicodedata

from fontTools.ttLib import TTFont
from sitegen import REPO

FONTS = REPO / "theme" / "assets" / "fonts"
FONT = FONTS / "NotoSansMongolian-Regular.woff2"


def test_the_font_is_a_woff2_subset_with_every_mongolian_letter_and_its_shaping() -> None:
    font = TTFont(FONT)
    assert font.flavor == "woff2"
    cmap = font.getBestCmap()
    # Every character of the Mongolian block but U+180F (FVS4, Unicode 14: younger than the font).
    block = [c for c in range(0x1800, 0x18AB) if unicodedata.category(chr(c)) != "Cn" and c != 0x180F]
    assert len(block) > 150 and [hex(c) for c in block if c not in cmap] == []
    for control in (0x180B, 0x180C, 0x180D, 0x180E, 0x200C, 0x200D, 0x202F):  # FVS1–3, MVS, ZWNJ, ZWJ, NNBSP
        assert control in cmap, hex(control)
    assert max(cmap) <= 0x202F  # nothing else: no Latin, no Han (the page's other fonts draw those)
    features = {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord}
    assert {"init", "medi", "fina", "isol", "rlig"} <= features, features
    assert [s.ScriptTag for s in font["GSUB"].table.ScriptList.ScriptRecord] == ["mong"]
    assert font["name"].getDebugName(1) == "Noto Sans Mongolian"
    assert FONT.stat().st_size < 60_000


def test_the_font_is_licensed_and_served_by_the_site_for_mongolian_text_only() -> None:
    notice = (FONTS / "OFL.txt").read_text("utf-8")
    assert "SIL Open Font License" in notice and "NotoSansMongolian-Regular.ttf" in notice
    css = (REPO / "theme" / "assets" / "stylesheets" / "mongolian.css").read_text("utf-8")
    face = re.search(r"@font-face\s*\{(.*?)\}", css, re.S)
    assert face is not None
    assert 'url("../fonts/NotoSansMongolian-Regular.woff2")' in face.group(1)
    assert "unicode-range: U+1800-18AF" in face.group(1)
    assert "http" not in css  # nothing from another host


def test_the_font_is_made_from_a_pinned_source_with_every_layout_feature() -> None:
    script = (REPO / "scripts" / "mongolian_font.py").read_text("utf-8")
    assert re.search(r'SOURCE_SHA256 = "[0-9a-f]{64}"', script)
    assert "--layout-features=*" in script
    makefile = (REPO / "Makefile").read_text("utf-8")
    assert "fonts-noto-core=20201225-1" in makefile and "scripts/mongolian_font.py" in makefile
