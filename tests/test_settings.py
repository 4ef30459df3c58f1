"""The plugin's options in one place (settings.py, plugins/options.py DisclosureConfig).

Every command judges the folders and the grace the build uses, options set by the CLI win
over the environment, and a bad option is refused by the plugin's Config class.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitegen import CLOCK_EPOCH, ENGINE_COMMAND, REPO, copy_sample

from site_plugins import settings


def disclose(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "SOURCE_DATE_EPOCH": CLOCK_EPOCH, "DISCLOSE_CACHE": "off", **env}
    if "DISCLOSE_AUDIENCE" not in env:
        environ.pop("DISCLOSE_AUDIENCE", None)
    return subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "--root", str(root), *args],
        capture_output=True,
        text=True,
        env=environ,
        cwd=REPO,
        timeout=600,
        check=False,
    )


def with_options(root: Path, **options: str) -> None:
    with_options_in(root / "mkdocs.yml", **options)


def with_options_in(config: Path, **options: str) -> None:
    text = config.read_text("utf-8")
    anchor = "  - disclosure:\n"
    assert anchor in text
    kept = [
        line for line in text.splitlines(keepends=True) if not any(line.startswith(f"      {key}:") for key in options)
    ]
    lines = "".join(f"      {key}: {value}\n" for key, value in options.items())
    config.write_text("".join(kept).replace(anchor, anchor + lines), "utf-8")


def test_every_command_reads_the_folders_mkdocs_yml_names(tmp_path: Path) -> None:
    """Finding: the CLI hard-coded catalogs/ and ignored the plugin's catalogs_dir."""
    root = copy_sample(tmp_path / "sample")
    shutil.move(root / "catalogs", root / "registry")
    shutil.move(root / "content", root / "items")
    with_options(root, catalogs_dir="registry", content_dir="items")
    checked = disclose(root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("ok: ")
    built = disclose(root, "build", "--audience", "public")
    assert built.returncode == 0, built.stdout + built.stderr
    assert (root / "site" / "public" / "orgs" / "index.html").is_file()
    made = disclose(root, "new", "--org", "nmg-dw", "--entry", "xunshi", "--title", "新事项")
    assert made.returncode == 0, made.stdout + made.stderr
    assert made.stdout.strip().startswith(str(root / "items" / "nmg-dw"))
    assert disclose(root, "report").returncode == 0


def test_the_report_uses_the_grace_of_mkdocs_yml_unless_told_otherwise(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "sample")
    assert settings.read(root).overdue_grace_days == 30
    with_options(root, overdue_grace_days="400")
    assert settings.read(root).overdue_grace_days == 400
    lenient = disclose(root, "report", "--csv")
    strict = disclose(root, "report", "--csv", "--grace", "0")
    assert lenient.returncode == strict.returncode == 0
    assert lenient.stdout.count(",overdue") < strict.stdout.count(",overdue"), (lenient.stdout, strict.stdout)


def test_the_audience_the_cli_is_given_wins_over_the_environment(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "sample")
    result = disclose(root, "build", "--audience", "public", DISCLOSE_AUDIENCE="party")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "site" / "public").is_dir() and not (root / "site" / "party").exists()
    assert "党内资料" not in (root / "site" / "public" / "index.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("search_batch_pages", "0", "give the number of item pages per Pagefind run, at least 1"),
        ("search_recent_pages", "-1", "or 0 for all of them, at least 0"),
        ("overdue_grace_days", "-5", "before an entry is overdue, at least 0"),
        ("search_batch_pages", "true", "is True — give the number of item pages"),
    ],
)
def test_a_bad_option_is_refused_by_the_plugins_config(tmp_path: Path, option: str, value: str, said: str) -> None:
    root = copy_sample(tmp_path / "sample")
    with_options(root, **{option: value})
    result = disclose(root, "build", "--audience", "public")
    assert result.returncode == 1
    assert option in result.stderr and said in result.stderr, result.stderr
    assert not (root / "site" / "public").exists()


def test_mkdocs_yml_is_read_safely_with_its_env_tags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - search\n  - disclosure:\n      catalogs_dir: !ENV [DISCLOSE_TEST_CATALOGS, orgs]\n"
        "      content_dir: !!python/object/apply:os.system ['echo pwned > pwned']\n",
        "utf-8",
    )
    assert settings.read(tmp_path) == settings.Settings(catalogs_dir="orgs")
    monkeypatch.setenv("DISCLOSE_TEST_CATALOGS", "elsewhere")
    assert settings.read(tmp_path).catalogs_dir == "elsewhere"
    assert not (tmp_path / "pwned").exists()
    assert settings.read(tmp_path / "missing") == settings.DEFAULTS
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - disclosure:\n      overdue_grace_days: soon\n", "utf-8")
    with pytest.raises(settings.SettingsError, match="overdue_grace_days is 'soon' — give a whole number"):
        settings.read(tmp_path)


def test_preview_in_mkdocs_yml_never_reaches_a_build(tmp_path: Path) -> None:
    """A preview shows drafts and leaves files with problems out; only `disclose serve` may run one."""
    root = copy_sample(tmp_path / "sample")
    with_options(root, preview="true")
    result = disclose(root, "build", "--audience", "public")
    assert result.returncode == 1
    assert "preview: true is for the live preview only (disclose serve)" in result.stderr, result.stderr
    plain = subprocess.run(
        [*ENGINE_COMMAND, "build", "-q"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": CLOCK_EPOCH},
    )
    assert plain.returncode != 0 and "preview: true is for the live preview only" in plain.stdout + plain.stderr
    assert not (root / "site").exists()


def test_one_process_builds_audiences_one_after_another_without_carrying_anything_over(tmp_path: Path) -> None:
    """The engine keeps one plugin instance per process: after a preview rebuild and a shard,
    a whole build is published through its temporary folder and holds its own audience only."""
    from site_plugins import engine

    root = copy_sample(tmp_path / "sample")
    config_file = str(root / "mkdocs.yml")
    preview_out = tmp_path / "preview"
    os.environ["SOURCE_DATE_EPOCH"] = CLOCK_EPOCH
    try:
        config = engine.load_config(config_file, {"audience": "party", "preview": True}, site_dir=str(preview_out))
        engine.build(config, serve_url="http://127.0.0.1:8000/", dirty=True, command="serve")
        engine.build(engine.load_config(config_file, {"audience": "party", "orgs": "nmg-dw"}))
        engine.build(engine.load_config(config_file, {"audience": "public"}))
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    public, party = root / "site" / "public", root / "site" / "party@nmg-dw"
    assert (party / "index.html").is_file() and (public / "index.html").is_file()
    assert not list((root / "site").glob(".*building*"))
    # The public build is whole (not the shard's subtree) and carries no intranet marking.
    assert (public / "orgs" / "xlgl-mw" / "index.html").is_file()
    assert "党内资料" not in "".join(p.read_text("utf-8") for p in public.rglob("*.html"))
    assert not (public / "compliance").exists()


def test_a_config_that_inherits_its_folders_builds_pages_and_attachments_from_the_same_folder(tmp_path: Path) -> None:
    """Finding (review): with content_dir given through INHERIT, the CLI checked content/ and
    handed it over, and the build published content-b/'s attachments beside content/'s pages."""
    root = copy_sample(tmp_path / "sample")
    base = root / "base.yml"
    base.write_text((root / "mkdocs.yml").read_text("utf-8"), "utf-8")
    with_options_in(base, content_dir="content-b")
    (root / "mkdocs.yml").write_text("INHERIT: base.yml\n", "utf-8")
    shutil.copytree(root / "content", root / "content-b")
    (root / "content-b" / "wrtt-gc" / "2026" / "zuzhi-jiagou.png").write_bytes(b"\x89PNG\r\n\x1a\nFROM-B")
    page = root / "content-b" / "nmg-dw" / "2026" / "dangwu-gongkai-mulu-guanli.md"
    page.write_text(page.read_text("utf-8") + "\n来自 B 的正文。\n", "utf-8")
    assert settings.read(root).content_dir == "content-b"
    result = disclose(root, "build", "--audience", "public")
    assert result.returncode == 0, result.stdout + result.stderr
    out = root / "site" / "public"
    assert (out / "wrtt-gc" / "2026" / "zuzhi-jiagou.png").read_bytes().endswith(b"FROM-B")
    assert "来自 B 的正文。" in (out / "nmg-dw" / "2026" / "dangwu-gongkai-mulu-guanli" / "index.html").read_text(
        "utf-8"
    )


def test_a_config_in_another_folder_is_checked_and_built_from_its_own_folder(tmp_path: Path) -> None:
    here, there = copy_sample(tmp_path / "here"), copy_sample(tmp_path / "there")
    page = there / "content" / "nmg-dw" / "2026" / "dangwu-gongkai-mulu-guanli.md"
    page.write_text(page.read_text("utf-8") + "\n那边的正文。\n", "utf-8")
    (here / "content" / "nmg-dw" / "2026" / "broken.md").write_text("---\ntitle: [\n---\n", "utf-8")
    result = disclose(here, "-f", str(there / "mkdocs.yml"), "build", "--audience", "public")
    assert result.returncode == 0, result.stdout + result.stderr
    built = there / "site" / "public" / "nmg-dw" / "2026" / "dangwu-gongkai-mulu-guanli" / "index.html"
    assert "那边的正文。" in built.read_text("utf-8")
    assert not (here / "site").exists()


def test_a_plugin_handed_sources_from_another_folder_refuses_them(tmp_path: Path) -> None:
    from site_plugins import engine
    from site_plugins.prepare import validated_site

    here, there = copy_sample(tmp_path / "here"), copy_sample(tmp_path / "there")
    os.environ["SOURCE_DATE_EPOCH"] = CLOCK_EPOCH
    try:
        config = engine.load_config(str(there / "mkdocs.yml"), {"audience": "public"})
        config.plugins[engine.PLUGIN].hand_over(validated_site(here))
        with pytest.raises(engine.EngineError):
            with engine.errors_logged(quiet=True) as errors:
                engine.build(config)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert any(f"disclose checked {here.resolve()}/content" in e for e in errors), errors
    assert not (there / "site" / "public").exists()


def test_strict_mode_stops_a_quiet_build_that_logged_a_warning(tmp_path: Path) -> None:
    """Finding (review): `disclose build` raised the engine's log level to be quiet, so strict
    mode's warning counter never heard a warning and the build was published."""
    root = copy_sample(tmp_path / "sample")
    # An item others interpret that will expire: a warning (rules: references), not an error.
    page = root / "content" / "nmg-dw" / "2026" / "dangwu-gongkai-mulu-guanli.md"
    page.write_text(page.read_text("utf-8").replace("date: 2026-06-10\n", "date: 2026-06-10\nexpires: 2026-12-31\n"))
    lenient = disclose(root, "build", "--all")
    assert lenient.returncode == 0 and "warning" in lenient.stderr, lenient.stderr
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("strict: false\n", "strict: true\n"), "utf-8")
    shutil.rmtree(root / "site")
    for args in (("build",), ("build", "--all"), ("build", "--all", "--jobs", "1")):
        result = disclose(root, *args)
        assert result.returncode == 1 and "strict mode" in result.stderr, (args, result.stderr)
        assert not (root / "site").exists() or not any((root / "site").iterdir()), args


def test_the_plugin_listed_twice_is_refused_with_the_reason(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "sample")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("plugins:\n", "plugins:\n  - disclosure\n", 1), "utf-8")
    result = disclose(root, "build", "--audience", "public")
    assert result.returncode == 1
    assert "the disclosure plugin is listed twice in plugins — keep one" in result.stderr, result.stderr


def test_root_and_config_file_are_taken_before_or_after_the_command(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "sample")
    after = subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "check", "--root", str(root), "-f", "mkdocs.yml", "--no-cache"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": CLOCK_EPOCH},
    )
    assert after.returncode == 0 and after.stdout.startswith("ok: "), after.stderr


def test_a_report_read_by_head_ends_without_a_traceback(tmp_path: Path) -> None:
    """Finding: `report --csv | head` ended in a BrokenPipeError traceback.  The generated
    region's report is far larger than a pipe holds, so head closes it mid-write."""
    root = tmp_path / "region"
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "generate.py"), "--items", "50", str(root)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    shell = f"{sys.executable} -m site_plugins.cli --root {root} report --csv | head -2"
    done = subprocess.run(
        ["bash", "-c", shell],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": CLOCK_EPOCH},
    )
    assert done.stdout.splitlines() and done.stdout.splitlines()[0] == "org,entry,timing,newest,state"
    assert len(done.stdout.splitlines()) == 2
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
