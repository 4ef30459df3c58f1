"""`disclose archive` (归档, Art. 18(6)): a year's disclosures as published, in a BagIt bag.

The bag is checked by the Library of Congress `bagit` package itself (its command line,
as a records office would run it); one altered byte fails it; a public bag holds nothing
of what the public was not shown.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sitegen import CLOCK_EPOCH, REPO, copy_sample

PARTY_ONLY_TITLE = "党费收缴"  # the sample's party-scope item sdz-dw/2026/dangfei-shoujiao-2025


def disclose(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": CLOCK_EPOCH, "DISCLOSE_CACHE": "off"}
    return subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "--root", str(root), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=600,
        check=False,
    )


def committed_sample(tmp_path: Path) -> tuple[Path, str]:
    root = copy_sample(tmp_path / "sample")
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "sample"], check=True)
    head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    return root, head


def test_a_bag_of_the_sample_s_2026_validates_and_one_altered_byte_fails_it(tmp_path: Path) -> None:
    root, head = committed_sample(tmp_path)
    made = disclose(root, "archive", "--year", "2026", "--org", "nmg-dw", "--out", str(tmp_path / "bag"))
    assert made.returncode == 0, made.stdout + made.stderr
    bag = tmp_path / "bag"
    info = (bag / "bag-info.txt").read_text("utf-8")
    assert "Source-Organization: 中共内蒙古自治区委员会" in info
    assert "Disclosure-Year: 2026" in info and f"Source-Commit: {head}\n" in info
    assert (bag / "manifest-sha256.txt").is_file() and not (root / "site").exists()
    checked = subprocess.run(
        [sys.executable, "-m", "bagit", "--validate", str(bag)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stderr
    assert disclose(root, "archive", "--verify", str(bag)).returncode == 0
    record = json.loads((bag / "data" / "items.json").read_text("utf-8"))
    page = bag / record["items"][0]["page"]
    data = bytearray(page.read_bytes())
    data[100] ^= 1
    page.write_bytes(bytes(data))
    assert (
        subprocess.run(
            [sys.executable, "-m", "bagit", "--validate", str(bag)], capture_output=True, check=False
        ).returncode
        != 0
    )
    failed = disclose(root, "archive", "--verify", str(bag))
    assert failed.returncode == 1 and "sha256" in failed.stderr, failed.stderr


def test_a_public_bag_holds_only_what_the_public_was_shown_and_a_party_bag_more(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "sample")
    assert disclose(root, "archive", "--year", "2026", "--out", str(tmp_path / "public")).returncode == 0
    text = "\n".join(p.read_text("utf-8", errors="replace") for p in (tmp_path / "public").rglob("*") if p.is_file())
    assert PARTY_ONLY_TITLE not in text and "党内资料" not in text
    party = disclose(
        root, "archive", "--year", "2026", "--audience", "party", "--org", "sdz-dw", "--out", str(tmp_path / "party")
    )
    assert party.returncode == 0, party.stderr
    items = json.loads((tmp_path / "party" / "data" / "items.json").read_text("utf-8"))["items"]
    assert any(PARTY_ONLY_TITLE in item["title"] for item in items)
    from site_plugins.load import load_site

    registry = load_site(root).registry
    assert items and all(registry.is_within(item["org"], "sdz-dw") for item in items)
    assert all((tmp_path / "party" / item["source"]).is_file() for item in items)


def test_a_bag_is_never_written_over(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "sample")
    (tmp_path / "bag").mkdir()
    (tmp_path / "bag" / "kept.txt").write_text("earlier", "utf-8")
    result = disclose(root, "archive", "--year", "2026", "--out", str(tmp_path / "bag"))
    assert result.returncode == 1 and "exists and is not empty" in result.stderr
    assert (tmp_path / "bag" / "kept.txt").read_text("utf-8") == "earlier"
    nothing = disclose(root, "archive", "--year", "1999", "--out", str(tmp_path / "old"))
    assert nothing.returncode == 1 and "no item of" in nothing.stderr


def test_a_withdrawn_item_is_archived_with_its_withdrawal_and_its_notice_page(tmp_path: Path) -> None:
    """The sample's 锡林郭勒 appointment notice was published in March and withdrawn: the year's
    record keeps it — its source as committed, the withdrawal, and the notice its address shows."""
    root = copy_sample(tmp_path / "sample")
    made = disclose(root, "archive", "--year", "2026", "--org", "xlgl-mw", "--out", str(tmp_path / "bag"))
    assert made.returncode == 0, made.stdout + made.stderr
    items = json.loads((tmp_path / "bag" / "data" / "items.json").read_text("utf-8"))["items"]
    (withdrawn,) = [i for i in items if i["path"] == "xlgl-mw/2026/ganbu-renmian-2026-03.md"]
    assert withdrawn["withdrawn"]["on"] == "2026-03-24" and "撤回" in withdrawn["withdrawn"]["reason"]
    source = (tmp_path / "bag" / withdrawn["source"]).read_text("utf-8")
    assert "status: withdrawn" in source
    notice = (tmp_path / "bag" / withdrawn["page"]).read_text("utf-8")
    assert "已撤回" in notice and withdrawn["withdrawn"]["reason"] in notice
    # The correction that replaced it is archived beside it, as a live item.
    assert any(i["path"] == "xlgl-mw/2026/ganbu-renmian-2026-03-gengzheng.md" and not i["withdrawn"] for i in items)


def test_a_withdrawn_party_items_record_never_reaches_a_public_bag(tmp_path: Path) -> None:
    """The attack on the withdrawn items in bags: a party item published and withdrawn leaves a
    notice on the intranet only, so only an intranet bag holds it — never its title, its
    file name or its reason in a public one."""
    root = copy_sample(tmp_path / "sample")
    public_one = root / "content/xlgl-mw/2026/ganbu-renmian-2026-03.md"
    text = public_one.read_text("utf-8").replace("scope: public", "scope: party", 1)
    text = text.replace("title: ", "title: zqbagpartytitlecanary ", 1)
    text = text.replace("reason: ", "reason: zqbagpartyreasoncanary ", 1)
    text = "\n".join(line for line in text.splitlines() if not line.startswith(("doc_number:", "id:"))) + "\n"
    (root / "content/xlgl-mw/2026/zqbagpartyslugcanary.md").write_text(text, "utf-8")
    made = disclose(root, "archive", "--year", "2026", "--org", "xlgl-mw", "--out", str(tmp_path / "public"))
    assert made.returncode == 0, made.stdout + made.stderr
    names = "\n".join(str(p) for p in (tmp_path / "public").rglob("*"))
    content = "\n".join(p.read_text("utf-8", errors="replace") for p in (tmp_path / "public").rglob("*") if p.is_file())
    for canary in ("zqbagpartytitlecanary", "zqbagpartyreasoncanary", "zqbagpartyslugcanary"):
        assert canary not in names and canary not in content, canary
    party = disclose(
        root, "archive", "--year", "2026", "--org", "xlgl-mw", "--audience", "party", "--out", str(tmp_path / "party")
    )
    assert party.returncode == 0, party.stdout + party.stderr
    items = json.loads((tmp_path / "party" / "data" / "items.json").read_text("utf-8"))["items"]
    (record,) = [i for i in items if i["path"] == "xlgl-mw/2026/zqbagpartyslugcanary.md"]
    assert "zqbagpartyreasoncanary" in record["withdrawn"]["reason"]
