"""Shards of one audience's build joined into the site one build would have written (docs/scaling.md).

A shard (`disclose build --orgs`, shards.py) renders only some organizations' items and
pages, and every whole-site page and file; it writes no search index, an unsplit sitemap of
its own pages, and `disclose-shard.json` (`Manifest`): what it was built from — the
audience, the commit, the build clock and SOURCE_DATE_EPOCH — and which subtrees.

`merge` joins shard folders, built here (`disclose build --jobs N`) or by other machines
(`disclose merge`, a CI matrix), into one published folder:

1. **Same inputs**: every shard says the same audience, commit, clock and SOURCE_DATE_EPOCH
   as the merging side, which computed the `Plan` from its own checkout of the sources.
2. **Union**: a shard's file must be one the whole build writes (the plan's allow-list,
   never what the shards hold), and a file present in two shards must be byte-identical.
3. **Sitemap**: the engine's `<url>` entries of all shards, in the order the whole build's
   engine lists its pages, then split into an index as one build splits it (sitemaps.py).
4. **Search**: one Pagefind index over the union's item pages, built as one build builds it
   (the same batches, the same order: search.build_index).
5. **Audit**: the merged folder holds exactly the plan's files, every page is read back
   (verify.check_output), no hidden page or attachment is present; only then is the new
   folder swapped in for the old one (folders.swap), as a build publishes.

The result is byte-identical to a one-process build of the audience on the same clock
(tests/test_merge.py).  No site-engine import: the plan comes from the plugin
(DisclosurePlugin.plan), which knows the engine's file list.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from . import verify
from .i18n import _
from .plugins import folders, search_mongolian, sitemaps
from .plugins import search as pagefind_search

MANIFEST = "disclose-shard.json"
MANIFEST_FORMAT = 1
# What a shard writes that the merge makes anew from the union (and never copies).
_REMADE = re.compile(r"sitemap\.xml|sitemap\.xml\.gz|sitemap-[0-9]+\.xml")


class MergeError(ValueError):
    """The shards cannot be joined; the message says what is wrong and how to fix it."""


def source_commit(root: Path) -> str:
    """The commit the sources come from, marked when the working tree differs from it."""

    def git(*words: str) -> str:
        try:
            done = subprocess.run(["git", "-C", str(root), *words], capture_output=True, text=True, check=False)
        except OSError:
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "HEAD")
    if not commit:
        return NO_GIT
    return commit + (DIRTY if git("status", "--porcelain") else "")


NO_GIT = "not in a git repository"
DIRTY = " (with uncommitted changes)"


@dataclass(frozen=True)
class Manifest:
    """What a shard was built from: the merge refuses shards that do not say the same."""

    audience: str
    commit: str
    clock: str  # the build clock's day (ISO)
    source_date_epoch: str | None  # SOURCE_DATE_EPOCH as the build read it, or None
    orgs: str = ""  # the shard's subtrees (`--orgs`)
    format: int = MANIFEST_FORMAT

    @classmethod
    def of_build(cls, audience: str, root: Path, clock: dt.date, orgs: str = "") -> Manifest:
        epoch = os.environ.get("SOURCE_DATE_EPOCH") or None
        return cls(audience, source_commit(root), clock.isoformat(), epoch, orgs)

    def text(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        if not folder.is_dir():
            raise MergeError(
                _("{folder}: no such folder — give the output folders of `disclose build --orgs`").format(folder=folder)
            )
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            raise MergeError(
                _(
                    "{folder}: no {manifest} — this is not a shard; give folders written by "
                    "`disclose build --audience A --orgs <subtrees>` (site/<audience>@<ids>/)"
                ).format(folder=folder, manifest=MANIFEST)
            ) from None
        except (OSError, ValueError) as error:
            raise MergeError(
                _("{path}: cannot be read ({error}) — build the shard again").format(path=path, error=error)
            ) from None
        names = {f.name for f in fields(cls)}
        if not isinstance(data, dict) or set(data) != names or data.get("format") != MANIFEST_FORMAT:
            raise MergeError(
                _("{path}: not a shard manifest of this version — build the shard again with this disclose").format(
                    path=path
                )
            )
        return cls(**data)


@dataclass
class Plan:
    """What the whole (unsharded) build of one audience writes, computed from the sources.

    Made by the plugin (DisclosurePlugin.plan) without rendering anything.
    """

    manifest: Manifest  # the merging side's own: the audience, commit and clock the plan is for
    site_dir: Path  # where the configuration publishes builds (folders.target_of)
    files: frozenset[str]  # every file the build writes, besides the search bundle and sitemap parts
    sitemap_order: tuple[str, ...]  # the <loc> of every page, in the engine's order
    site_url: str
    sitemap_urls: int
    search: bool
    published: Mapping[str, dt.date | None]  # item page addresses, newest first (search.build_index)
    batch_pages: int
    recent: int
    output: verify.Output  # what the page check knows of the whole build (root: set by merge)
    leaks: Callable[[Path], list[str]] = field(repr=False)  # hidden pages or attachments found in a folder
    # The Mongolian item pages, by address, with what their `mn` index shows (search_mongolian.build_index).
    mongolian: Mapping[str, search_mongolian.Indexed] = field(default_factory=dict)


def check_inputs(shards: Mapping[Path, Manifest], expected: Manifest, require_commit: bool = True) -> None:
    """Every shard built from the same audience, commit and clock as the merging side.

    `require_commit`: the commit must be a clean one (shards built on other machines); a
    `build --jobs` hands its shards the sources it loaded, so its own working tree will do.
    """
    if not shards:
        raise MergeError(_("no shards given — list the output folders of `disclose build --orgs`"))
    for folder, manifest in shards.items():
        if manifest.audience != expected.audience:
            raise MergeError(
                _(
                    "{folder}: built for {audience}, not {expected} — merge the shards of one "
                    "audience at a time (each audience is its own site)"
                ).format(folder=folder, audience=manifest.audience, expected=expected.audience)
            )
        if manifest.commit != expected.commit:
            raise MergeError(
                _(
                    "{folder}: built from commit {commit}, but the sources here are at {expected} — "
                    "build every shard and merge from the same commit (check out that commit, or build the shard again)"
                ).format(folder=folder, commit=manifest.commit, expected=expected.commit)
            )
        if manifest.source_date_epoch != expected.source_date_epoch or manifest.clock != expected.clock:
            raise MergeError(
                _(
                    "{folder}: built with SOURCE_DATE_EPOCH={epoch} (day {clock}), "
                    "but this merge has SOURCE_DATE_EPOCH={expected_epoch} (day {expected_clock}) — set "
                    "SOURCE_DATE_EPOCH once (e.g. $(git log -1 --format=%ct)) and pass the same value to every shard "
                    "job and to the merge"
                ).format(
                    folder=folder,
                    epoch=manifest.source_date_epoch,
                    clock=manifest.clock,
                    expected_epoch=expected.source_date_epoch,
                    expected_clock=expected.clock,
                )
            )
    if require_commit:
        if expected.commit == NO_GIT or expected.commit.endswith(DIRTY):
            raise MergeError(
                _(
                    "the sources here are {commit}: nothing shows that the shards were built from them — "
                    "commit, and build the shards and merge from that commit (or use `disclose build --jobs N`, "
                    "which builds its shards from the sources it loaded)"
                ).format(commit=expected.commit)
            )
        if expected.source_date_epoch is None:
            raise MergeError(
                _(
                    "SOURCE_DATE_EPOCH is not set: shards built at different moments could differ "
                    "(embargoes, expiries, overdue periods) — set it once (e.g. $(git log -1 --format=%ct)) "
                    "and pass the same value to every shard job and to the merge"
                )
            )


def merge(
    target: Path, shards: Iterable[Path], plan: Plan, require_commit: bool = True, link: bool = False, jobs: int = 1
) -> Path:
    """Join the shard folders into `target`, audit the result and publish it atomically.

    `link`: hard-link the shards' files instead of copying them (the shards are this
    process's own and are thrown away afterwards).  `jobs`: processes reading the pages back, while
    Pagefind indexes them.
    Raises MergeError, leaving `target` as it was.
    """
    folders_given = list(shards)
    manifests = {folder: Manifest.read(folder) for folder in folders_given}
    check_inputs(manifests, plan.manifest, require_commit)
    try:
        temporary = folders.temporary_for(target)
    except folders.FolderError as error:
        raise MergeError(str(error)) from None
    try:
        _union(temporary, folders_given, plan, link)
        parts = _sitemap(temporary, folders_given, plan)
        output = _exact_files(temporary, plan, parts)
        # The pages are read back while Pagefind indexes them: both are plain CPU work.
        pages = sorted(f for f in output.files if f.endswith(".html"))
        aside = verify.CheckedAside(output, pages, jobs)
        try:
            if plan.search and plan.published:
                try:
                    search_mongolian.build_indexes(
                        temporary,
                        published=plan.published,
                        mongolian=plan.mongolian,
                        batch_pages=plan.batch_pages,
                        recent=plan.recent,
                    )
                except pagefind_search.SearchIndexError as error:
                    raise MergeError(_("search: {error}").format(error=error)) from None
            problems = aside.findings()
        finally:
            aside.close()
        problems += verify.check_text_files(output)
        leaks = plan.leaks(temporary)
        if leaks:
            problems.append("hidden content reached the merged output: " + ", ".join(leaks))
        if problems:
            shown = "\n".join(problems[:50]) + (f"\n… and {len(problems) - 50} more" if len(problems) > 50 else "")
            raise MergeError(
                _("the output check found {count} problem(s); nothing was published:\n{shown}").format(
                    count=len(problems), shown=shown
                )
            )
        try:
            folders.swap(temporary, target, len(output.files))
        except folders.FolderError as error:
            raise MergeError(str(error)) from None
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return target


def _union(out: Path, shards: list[Path], plan: Plan, link: bool) -> None:
    """Every shard's files in `out`: each one the plan names, and the same bytes wherever two shards have it."""
    origin: dict[str, Path] = {}
    for shard in shards:
        for dirpath, dirnames, names in os.walk(shard):
            base = Path(dirpath).relative_to(shard).as_posix()
            if base == ".":
                dirnames[:] = [d for d in dirnames if d != pagefind_search.BUNDLE_DIR]  # the merge indexes anew
            dirnames.sort()
            for name in sorted(names):
                rel = name if base == "." else f"{base}/{name}"
                if base == "." and (name == MANIFEST or _REMADE.fullmatch(name)):
                    continue
                source = shard / rel
                if rel not in plan.files:
                    raise MergeError(
                        _(
                            "{source}: the whole {audience} build writes no {rel} — it is not "
                            "published; build the shard again from the same commit (a shard holds only files of "
                            "the whole build)"
                        ).format(source=source, audience=plan.manifest.audience, rel=rel)
                    )
                if source.is_symlink() or not source.is_file():
                    raise MergeError(_("{source}: not a plain file — build the shard again").format(source=source))
                destination = out / rel
                if rel in origin:
                    if destination.read_bytes() != source.read_bytes():
                        raise MergeError(
                            _(
                                "{rel}: {first} and {shard} hold different files — shards must be built "
                                "from the same commit, clock and configuration; build them again"
                            ).format(rel=rel, first=origin[rel], shard=shard)
                        )
                    continue
                origin[rel] = shard
                destination.parent.mkdir(parents=True, exist_ok=True)
                if link:
                    try:
                        os.link(source, destination)
                        continue
                    except OSError:
                        pass
                shutil.copyfile(source, destination)


# The engine's sitemap.xml: a head, one <url> block per page, a tail (mkdocs/templates/sitemap.xml).
_URL_BLOCK = re.compile(r"<url>.*?</url>", re.S)
_LOC = re.compile(r"<loc>(.*?)</loc>", re.S)


def _sitemap(out: Path, shards: list[Path], plan: Plan) -> list[str]:
    """The whole build's sitemap.xml(.gz) from the shards' entries; the parts of its index, if split."""
    head = tail = gap = None
    blocks: dict[str, str] = {}
    mtime = 0
    for shard in shards:
        try:
            text = (shard / "sitemap.xml").read_text("utf-8")
            packed = (shard / "sitemap.xml.gz").read_bytes()
        except OSError as error:
            raise MergeError(
                _("{shard}: no sitemap.xml or sitemap.xml.gz ({reason}) — build the shard again").format(
                    shard=shard, reason=error.strerror
                )
            ) from None
        found = list(_URL_BLOCK.finditer(text))
        if not found:
            raise MergeError(
                _("{shard}/sitemap.xml: lists no page — build the shard again (with site_url set)").format(shard=shard)
            )
        this_head, this_tail = text[: found[0].start()], text[found[-1].end() :]
        gaps = {text[a.end() : b.start()] for a, b in zip(found, found[1:], strict=False)}
        if len(gaps) > 1 or "<sitemapindex" in text or (gap is not None and gaps and gaps != {gap}):
            raise MergeError(
                _("{shard}/sitemap.xml: not the engine's one-file sitemap — build the shard again").format(shard=shard)
            )
        if head is not None and (this_head, this_tail) != (head, tail):
            raise MergeError(
                _("{shard}/sitemap.xml: written by another engine than the other shards' — build again").format(
                    shard=shard
                )
            )
        head, tail = this_head, this_tail
        gap = next(iter(gaps)) if gaps else gap
        for match in found:
            loc = _LOC.search(match.group())
            address = html.unescape(loc.group(1)) if loc else ""
            if blocks.setdefault(address, match.group()) != match.group():
                raise MergeError(
                    _("{address}: the shards' sitemaps give it different dates — build them again").format(
                        address=address
                    )
                )
        if packed[:2] == b"\x1f\x8b" and len(packed) >= 8:
            mtime = max(mtime, int.from_bytes(packed[4:8], "little"))  # the engine's: its newest page's day
    unknown = sorted(set(blocks) - set(plan.sitemap_order))
    missing = [a for a in plan.sitemap_order if a not in blocks]
    if unknown:
        raise MergeError(
            _("the shards' sitemaps list {address}, not a page of the whole build — build them again").format(
                address=unknown[0]
            )
        )
    if missing:
        raise MergeError(
            _(
                "no shard lists {address} (and {more} more) — give every shard of the build "
                "(their subtrees must cover the registry)"
            ).format(address=missing[0], more=len(missing) - 1)
        )
    assert head is not None and tail is not None
    ordered = [blocks[a] for a in plan.sitemap_order]
    (out / "sitemap.xml").write_text(head + (gap or "").join(ordered) + tail, encoding="utf-8")
    sitemaps.compress(out / "sitemap.xml", out / "sitemap.xml.gz", mtime)
    return sitemaps.split_sitemap(out, plan.sitemap_urls, plan.site_url)


def _exact_files(out: Path, plan: Plan, parts: list[str]) -> verify.Output:
    """The merged folder holds exactly the whole build's files (the search bundle aside, which
    the merge writes itself); the page check's knowledge of the whole build, for this folder."""
    allowed = set(plan.files) | set(parts)
    found: set[str] = set()
    bundle = pagefind_search.BUNDLE_DIR
    for dirpath, _dirs, names in os.walk(out):
        base = Path(dirpath).relative_to(out).as_posix()
        if base == bundle or base.startswith(bundle + "/"):
            continue
        found |= {name if base == "." else f"{base}/{name}" for name in names}
    unlisted = sorted(found - allowed)
    if unlisted:  # _union copies only listed files: this is a bug, never published
        raise MergeError(
            _("{path}: a file the whole build does not list reached the merged output").format(path=unlisted[0])
        )
    missing = sorted(allowed - found)
    if missing:
        raise MergeError(
            _(
                "{path} (and {more} more): no shard built it — give the shards of every "
                "subtree (a league and 'the rest' must cover the registry) and build any that failed again"
            ).format(path=missing[0], more=len(missing) - 1)
        )
    output = plan.output
    output.root, output.files = out, allowed
    return output
