"""Build the Mongolian web font the theme ships (theme/assets/fonts/), from Debian's Noto.

The Mongolian pages (mn/) are set in Noto Sans Mongolian (SIL Open Font License 1.1),
served by the site itself: no page loads anything from another host, and few readers'
systems have a Traditional Mongolian font.  The source is Debian's `fonts-noto-core`
package (a package registry, like every other dependency); this script keeps the
characters of Traditional Mongolian and the few the text needs around them, and every
OpenType layout feature — Mongolian letters take their initial, medial, final and isolated
forms and ligatures through GSUB (`init medi fina isol rlig`), so a subset without them
would show unjoined letters.  The result is committed (34 KB of WOFF2, built once);
`make font` rebuilds it, byte for byte, from the pinned package.

    python scripts/mongolian_font.py SOURCE.ttf OUTPUT.woff2
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from fontTools import subset

# NotoSansMongolian-Regular.ttf of Debian's fonts-noto-core 20201225-1 (Noto Sans Mongolian 2.001).
SOURCE_SHA256 = "601afb9f08fbbc39f0cf72cb7e11079ada6fa3feed1fadca8e6e5095e7957687"
# Space and no-break space; the Mongolian block (letters, digits, punctuation, the free
# variation selectors and the vowel separator U+180E); ZWNJ and ZWJ; the narrow no-break
# space U+202F that joins a case suffix to its word.
UNICODES = "U+0020,U+00A0,U+1800-18AF,U+200C-200D,U+202F"
# What the shaping needs stays: every layout feature of every script the font has.
OPTIONS = ["--layout-features=*", "--flavor=woff2", "--no-hinting", "--desubroutinize", "--name-IDs=*"]


def build(source: Path, output: Path) -> None:
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    if digest != SOURCE_SHA256:
        raise SystemExit(f"{source}: sha256 {digest}, not the pinned font {SOURCE_SHA256} — check the package version")
    output.parent.mkdir(parents=True, exist_ok=True)
    subset.main([str(source), f"--unicodes={UNICODES}", *OPTIONS, f"--output-file={output}"])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    build(Path(sys.argv[1]), Path(sys.argv[2]))
