"""`disclose`: check, build, merge, serve, new, diff and report (SPEC §9)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import logging
import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import collector, i18n, settings
from .audience import Audience, AudienceError, build_clock
from .check_memo import CheckMemo, Counts
from .i18n import _
from .load import load_registry
from .model import Problem
from .prepare import Validated, validated_site
from .rules import Parts
from .settings import Settings
from .shards import Shard, pack, shard_name

if TYPE_CHECKING:  # merge imports the engine's plugins: only the commands that merge load it
    from .merge import Plan


def _print_problems(problems: list[Problem], stream: TextIO = sys.stderr) -> None:
    for problem in problems:
        print(problem, file=stream)
    warnings = sum(p.warning for p in problems)
    errors = len(problems) - warnings
    also = _(" ({warnings} warning(s) besides)").format(warnings=warnings) if warnings else ""
    if errors:
        print(
            _("{errors} problem(s) found{also}; nothing was published.").format(errors=errors, also=also), file=stream
        )
    else:
        print(_("{warnings} warning(s); they stop nothing.").format(warnings=warnings), file=stream)


def _settings(args: argparse.Namespace) -> Settings | None:
    """The plugin's options in mkdocs.yml (folders, grace), or None after printing why not."""
    try:
        return settings.read(Path(args.root), args.config_file)
    except settings.SettingsError as error:
        print(_("error: {error}").format(error=error), file=sys.stderr)
        return None


def _sources(args: argparse.Namespace) -> tuple[Path, Settings, dt.date] | None:
    """The folder the sources are read from, the plugin's options and the build clock, or
    None after printing why not."""
    config = _settings(args)
    if config is None:
        return None
    try:
        clock = build_clock()  # what is named must be published from today on (rules.validate)
    except ValueError as error:  # a SOURCE_DATE_EPOCH that is no time
        print(_("error: {error}").format(error=error), file=sys.stderr)
        return None
    return settings.source_root(Path(args.root), args.config_file), config, clock


def _valid_site(args: argparse.Namespace, **load: Any) -> Validated | None:  # noqa: ANN401
    """The site under --root, loaded and judged once, or None after printing every problem.

    Warnings are printed too but stop nothing.  `load`: load_site's options.
    """
    sources = _sources(args)
    if sources is None:
        return None
    validated = validated_site(*sources, **load)
    if validated.problems:
        _print_problems(list(validated.problems))
    if any(not p.warning for p in validated.problems):
        return None
    return validated


def cmd_check(args: argparse.Namespace) -> int:
    from .parse_cache import ParseCache

    sources = _sources(args)
    if sources is None:
        return 1
    root, config, clock = sources
    # Check judges the sources for every audience and every build clock from today at once:
    # whatever would stop some build later is reported now (rules.validate).
    memo = None if args.no_cache else CheckMemo(root, config, clock)
    answer = None if memo is None else memo.answer()  # only bodies edited since the last check
    if answer is not None:
        problems, counts = answer
    else:
        # A short-lived process making ~10^6 objects and no garbage cycles to speak of: the
        # cycle collector would only scan them again and again (~10 % of a 20,000-item check),
        # and once more as it is turned on again (1.5 s at 80,000 organizations): `freeze`.
        with collector.paused(freeze=True):
            if memo is None:
                validated = validated_site(root, config, clock, every_build=True, parallel=True)
            else:
                memo.list_files()
                parts = Parts()
                # Files unchanged since the last check are not parsed again (their text is compared).
                with ParseCache(root) as memory:
                    validated = validated_site(root, config, clock, True, parts, parallel=True, memory=memory)
        site = validated.site
        problems = list(validated.problems)
        items = len(site.items())
        counts = (len(site.registry), len(site.catalogs), items, len(site.documents) - items, len(site.translations))
        if memo is not None:
            memo.save(parts, memory, counts)
    return _checked(args, problems, counts)


def _checked(args: argparse.Namespace, problems: list[Problem], counts: Counts) -> int:
    """What check prints of its findings, and its exit status."""
    if problems:
        _print_problems(problems)
    if any(not p.warning for p in problems):
        return 1
    if args.since is not None and not _kept_since(args):
        return 1
    organizations, catalogs, items, pages, translations = counts
    print(
        _("ok: {organizations} organizations, {catalogs} catalogs, {items} items, {pages} pages").format(
            organizations=organizations, catalogs=catalogs, items=items, pages=pages
        )
        + (_(", {count} Mongolian versions").format(count=translations) if translations else "")
    )
    return 0


def _kept_since(args: argparse.Namespace) -> bool:
    """`check --since REV`: whether the working tree keeps every address and index number that
    REV published (the findings of `disclose diff REV` that fail it), printing any it breaks."""
    from .diff import diff_revisions

    try:
        result = diff_revisions(Path(args.root), args.since, None, build_clock())
    except ValueError as error:
        print(_("error: {error}").format(error=error), file=sys.stderr)
        return False
    broken = [finding["problem"] for finding in result["addresses"]] + result["numbers"]
    for problem in broken:
        print(problem, file=sys.stderr)
    if broken:
        print(
            _(
                "{count} published address(es) or index number(s) of {rev} broken — "
                "disclose diff {rev} shows the whole change"
            ).format(count=len(broken), rev=args.since),
            file=sys.stderr,
        )
    return not broken


def build_one(
    root: str,
    audience: str,
    config_file: str,
    quiet: bool = False,
    orgs: str | None = None,
    validated: Validated | None = None,
    site_dir: str | None = None,
    incremental: bool = False,
    full: bool = False,
) -> tuple[str, str | None]:
    """Build one audience into site/<slug>/ atomically: a temporary folder replaces it on success.

    With `orgs` (comma-separated organization ids) only the items and organization pages
    of those subtrees are built, into site/<slug>@<ids>/: one shard of a split build
    (docs/scaling.md).  `validated`: the sources, loaded and judged by the caller (the
    plugin then reads nothing again); in a worker process of `build --jobs`, the ones the
    parent handed over (`_handed_over`).  `incremental`: record what each page is made of,
    and (unless `full`) copy from the last build the pages made of the same inputs, rendering
    the rest (plugins/incremental.py).
    """
    from . import engine

    validated = validated or _HANDED_OVER.get("validated")
    config_path = Path(root) / config_file
    root_path = settings.source_root(Path(root), config_file)
    if validated is None:
        # Naming the audience needs the registry only; the plugin loads and checks the rest.
        folders = settings.read(Path(root), config_file)
        registry_file = f"{folders.catalogs_dir}/organizations.yml"
        registry = load_registry(root_path / registry_file, registry_file, [])
    else:
        registry = validated.site.registry
    try:
        chosen = Audience.parse(audience, registry)
    except AudienceError as error:
        return audience, str(error)
    # The plugin builds into a temporary folder beside site/<slug>/ and swaps it in only
    # when the build and its output check succeed (plugins/disclosure.py).
    incremental = incremental and not orgs  # a shard is joined by the merge, never copied
    options: dict[str, object] = {"audience": str(chosen), "orgs": orgs, "incremental": incremental}
    with engine.errors_logged(quiet=quiet) as errors:
        try:
            where = {"site_dir": site_dir} if site_dir else {}
            config = engine.load_config(str(config_path), options, **where)
            plugin = config.plugins.get(engine.PLUGIN)
            if validated is not None and plugin is not None:
                plugin.hand_over(validated)
            # A dirty build: the engine skips the pages the plugin marks unmodified (copied).
            engine.build(config, dirty=incremental and not full)
        except (engine.EngineError, SystemExit, Exception) as error:  # noqa: BLE001 - report any failure, publish nothing
            # The engine logs the plugin's message and raises a bare "Aborted"; report the message.
            return str(chosen), "\n".join(errors) or str(error) or error.__class__.__name__
    return str(chosen), None


# What a `build --jobs` worker process receives from its parent at its start (fork: not copied
# through a pipe — a region's loaded site is hundreds of megabytes).
_HANDED_OVER: dict[str, Validated] = {}


def _handed_over(validated: Validated) -> None:
    _HANDED_OVER["validated"] = validated


def plan_of(root: str, audience: str, config_file: str, validated: Validated) -> Plan:
    """What the whole build of `audience` writes, from the sources (DisclosurePlugin.plan); raises MergeError."""
    from . import engine
    from .merge import MergeError

    chosen = Audience.parse(audience, validated.site.registry)
    with engine.errors_logged(quiet=True) as errors:
        try:
            config = engine.load_config(str(Path(root) / config_file), {"audience": str(chosen), "orgs": None})
            plugin = config.plugins.get(engine.PLUGIN)
            assert plugin is not None  # load_config says so when options are given
            plugin.hand_over(validated)
            config, files = engine.plan(config)
            plan: Plan = plugin.plan(config, files)
        except (engine.EngineError, SystemExit, Exception) as error:  # noqa: BLE001 - report any failure
            raise MergeError("\n".join(errors) or str(error) or error.__class__.__name__) from None
    return plan


def cmd_merge(args: argparse.Namespace) -> int:
    from . import merge
    from .merge import Manifest, MergeError

    shards = [Path(s) for s in args.shards]
    try:
        manifests = {s: Manifest.read(s) for s in shards}
    except MergeError as error:
        print(_("error: {error}").format(error=error), file=sys.stderr)
        return 1
    audience = args.audience or manifests[shards[0]].audience  # the others must say the same
    validated = _valid_site(args)
    if validated is None:
        return 1
    try:
        plan = plan_of(args.root, audience, args.config_file, validated)
        merge.merge(Path(args.out), shards, plan, require_commit=not args.allow_uncommitted, jobs=args.jobs)
    except (MergeError, AudienceError) as error:
        print(_("merge failed; {out} was left as it was:\n{error}").format(out=args.out, error=error), file=sys.stderr)
        return 1
    print(
        _("merged {count} shard(s) of {audience} → {out}/").format(count=len(shards), audience=audience, out=args.out)
    )
    return 0


def _build_in_shards(args: argparse.Namespace, validated: Validated, jobs: int) -> int:
    """One audience in `jobs` processes: shards of similar size (shards.pack), merged into site/<slug>/."""
    import shutil
    import tempfile

    from . import merge
    from .merge import MergeError
    from .plugins import folders

    registry = validated.site.registry
    try:
        chosen = Audience.parse(args.audience, registry)
    except AudienceError as error:
        print(_("error: {error}").format(error=error), file=sys.stderr)
        return 1
    weights: dict[str, int] = dict.fromkeys(registry.organizations, 2)  # its page and print sheet
    for doc in validated.site.items():
        if doc.org in weights:
            weights[doc.org] += 1
    specs = pack(registry, weights, jobs)
    from . import engine

    try:
        configured = Path(engine.load_config(str(Path(args.root) / args.config_file)).site_dir)
    except (engine.EngineError, SystemExit, Exception) as error:  # noqa: BLE001 - report any failure
        print(
            _("build {audience} failed; site/ was left as it was:\n{error}").format(audience=chosen, error=error),
            file=sys.stderr,
        )
        return 1
    target = folders.target_of(configured, chosen.slug)
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.shards-", dir=target.parent))
    try:
        places = [str(scratch / f"{chosen.slug}{Shard.parse(spec, registry).folder_suffix}") for spec in specs]
        with ProcessPoolExecutor(
            max_workers=len(specs),
            mp_context=multiprocessing.get_context("fork"),
            initializer=_handed_over,
            initargs=(validated,),
        ) as pool:
            running = [
                pool.submit(build_one, args.root, str(chosen), args.config_file, True, spec, None, place)
                for spec, place in zip(specs, places, strict=True)
            ]
            # Meanwhile, what the whole build writes: the merge's allow-list, from the sources.
            plan: Plan | None = None
            failure = ""
            try:
                plan = plan_of(args.root, str(chosen), args.config_file, validated)
            except MergeError as error:
                failure = str(error)
            results = [r.result() for r in running]
        errors = [error for _, error in results if error] + ([failure] if plan is None else [])
        if errors or plan is None:
            print(
                _("build {audience} failed; {target} was left as it was:\n{error}").format(
                    audience=chosen, target=target, error=errors[0]
                ),
                file=sys.stderr,
            )
            return 1
        try:
            merge.merge(target, [Path(p) for p in places], plan, require_commit=False, link=True, jobs=jobs)
        except MergeError as error:
            print(
                _("build {audience} failed; {target} was left as it was:\n{error}").format(
                    audience=chosen, target=target, error=error
                ),
                file=sys.stderr,
            )
            return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(_("built {audience} in {count} shards → {target}/").format(audience=chosen, count=len(specs), target=target))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    root = Path(args.root)
    one_split = not args.all and not args.orgs and (args.jobs or 1) > 1
    if one_split and not os.environ.get("SOURCE_DATE_EPOCH"):
        # One clock for every shard and the merge, even across midnight.
        import time

        os.environ["SOURCE_DATE_EPOCH"] = str(int(time.time()))
    # A large site's Markdown and catalogs are parsed by two processes (parallel_parse.py).
    # What is loaded lives as long as the build and makes no garbage cycles: the cycle
    # collector would scan it again and again while it is made, and in every later full
    # collection of the build (`freeze`).
    with collector.paused(freeze=True):
        validated = _valid_site(args, parallel=True)
    if validated is None:
        return 1
    if one_split:
        return _build_in_shards(args, validated, args.jobs)
    audiences = ["public", "party"] if args.all else [args.audience]
    jobs = args.jobs or os.cpu_count() or 1
    if len(audiences) > 1 and jobs > 1:
        # Each audience is its own process: both cores, and no state shared between audiences.
        # Forked, each worker starts with the parent's loaded site.
        with ProcessPoolExecutor(
            max_workers=min(jobs, len(audiences)),
            mp_context=multiprocessing.get_context("fork"),
            initializer=_handed_over,
            initargs=(validated,),
        ) as pool:
            results = list(
                pool.map(
                    build_one,
                    [str(root)] * len(audiences),
                    audiences,
                    [args.config_file] * len(audiences),
                    [True] * len(audiences),
                    [args.orgs] * len(audiences),
                    [None] * len(audiences),
                    [None] * len(audiences),
                    [True] * len(audiences),
                    [args.full] * len(audiences),
                )
            )
    else:
        results = [
            build_one(
                str(root),
                a,
                args.config_file,
                quiet=not args.verbose,
                orgs=args.orgs,
                validated=validated,
                incremental=True,
                full=args.full,
            )
            for a in audiences
        ]
    failed = False
    for audience, error in results:
        if error:
            failed = True
            print(
                _("build {audience} failed; site/ was left as it was:\n{error}").format(audience=audience, error=error),
                file=sys.stderr,
            )
        else:
            slug = Audience.parse(audience, validated.site.registry).slug + (
                f"@{shard_name(args.orgs)}" if args.orgs else ""
            )
            print(_("built {audience} → site/{slug}/").format(audience=audience, slug=slug))
    return 1 if failed else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from . import engine

    config = _settings(args)
    if config is None:
        return 1
    # The engine watches content/ (the plugin's on_serve) and mkdocs.yml; a catalog or
    # registry edit must refresh too.
    catalogs = settings.source_root(Path(args.root), args.config_file) / config.catalogs_dir
    print(f"预览 {args.audience}（--audience，默认 party）：http://{args.dev_addr}/ — Ctrl+C 结束", flush=True)
    engine.serve(
        str(Path(args.root) / args.config_file),
        {"audience": args.audience, "preview": True},
        dev_addr=args.dev_addr,
        watch=[str(catalogs)] if catalogs.is_dir() else [],
    )
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import new_item

    folders = _settings(args)
    if folders is None:
        return 1
    try:
        path = new_item(Path(args.root), args.org, args.entry, args.title, today=build_clock(), folders=folders)
    except ValueError as error:
        print(_("error: {error}").format(error=error), file=sys.stderr)
        return 1
    print(path)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .reports import report_rows, timing_rows

    validated = _valid_site(args)
    if validated is None:
        return 1
    site, clock = validated.site, validated.clock
    # The grace the build's dashboard uses (mkdocs.yml), unless --grace says otherwise.
    grace = args.grace if args.grace is not None else validated.settings.overdue_grace_days
    year = args.year or clock.year
    if args.org and args.org not in site.registry:
        print(
            _("error: unknown organization '{org}' — use an id from catalogs/organizations.yml").format(org=args.org),
            file=sys.stderr,
        )
        return 1
    if args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["org", "entry", "timing", "newest", "state"])
        for row in timing_rows(site, clock, grace, args.org):
            writer.writerow(row)
        return 0
    header, rows = report_rows(site, clock, grace, year, args.org)
    print(_table(header, rows))
    return 0


def cmd_archive(args: argparse.Namespace) -> int:
    import tempfile

    from . import archive
    from .merge import source_commit

    if args.verify:
        problems = archive.verify(Path(args.verify))
        for problem in problems:
            print(f"{args.verify}: {problem}", file=sys.stderr)
        print(
            _("{verify}: {count} problem(s)").format(verify=args.verify, count=len(problems))
            if problems
            else _("{verify}: the bag is whole").format(verify=args.verify),
            file=sys.stderr if problems else sys.stdout,
        )
        return 1 if problems else 0
    if args.year is None:
        print(_("error: give --year (the year of the items to archive), or --verify BAG"), file=sys.stderr)
        return 2
    validated = _valid_site(args)
    if validated is None:
        return 1
    site = validated.site
    roots = site.registry.roots()
    org = args.org or (roots[0] if roots else "")
    if org not in site.registry:
        print(
            _("error: unknown organization '{org}' — use an id from catalogs/organizations.yml").format(org=args.org),
            file=sys.stderr,
        )
        return 1
    try:
        chosen = Audience.parse(args.audience, site.registry)
    except AudienceError as error:
        print(_("error: {error}").format(error=error), file=sys.stderr)
        return 1
    target = Path(args.out) if args.out else Path(args.root) / "archive" / f"{org}-{args.year}-{chosen.slug}"
    with tempfile.TemporaryDirectory(prefix="disclose-archive-") as scratch:
        # The pages as this audience's build publishes them, built aside: site/ stays as it is.
        built = Path(scratch) / chosen.slug
        _built, failure = build_one(
            args.root, str(chosen), args.config_file, quiet=True, validated=validated, site_dir=str(built)
        )
        if failure:
            print(
                _("build {chosen} failed; no bag was written:\n{failure}").format(chosen=chosen, failure=failure),
                file=sys.stderr,
            )
            return 1
        try:
            done = archive.write_bag(
                target,
                site,
                validated.root,
                content_dir=validated.content_dir,
                catalogs_dir=validated.catalogs_dir,
                audience=chosen,
                org=org,
                year=args.year,
                clock=validated.clock,
                built=built,
                commit=source_commit(validated.root),
            )
        except archive.ArchiveError as error:
            print(_("error: {error}").format(error=error), file=sys.stderr)
            return 1
    print(
        _("bagged {items} items ({files} files) of {org} {year} for {chosen} → {bag}").format(
            items=done.items, files=done.files, org=org, year=args.year, chosen=chosen, bag=done.bag
        )
    )
    return 0


def _table(header: list[str], rows: list[list[str]]) -> str:
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    widths = [max(width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    out = io.StringIO()
    for r in [header, ["-" * w for w in widths], *rows]:
        out.write(
            "  ".join(str(cell) + " " * (w - width(str(cell))) for cell, w in zip(r, widths, strict=True)).rstrip()
            + "\n"
        )
    return out.getvalue().rstrip("\n")


def cmd_diff(args: argparse.Namespace) -> int:
    from .diff import diff_revisions, format_diff

    try:
        result = diff_revisions(Path(args.root), args.rev1, args.rev2, build_clock())
    except ValueError as error:
        print(_("error: {error}").format(error=error), file=sys.stderr)
        return 2
    if args.json:
        import json

        print(json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True))
    else:
        print(format_diff(result))
    # The diff is always printed; a newer side that would not build, would break a published
    # address or gives an index number again, fails the job, like `check`.
    return 1 if result["after"]["problems"] or result["addresses"] or result["numbers"] else 0


def main(argv: list[str] | None = None) -> int:
    if os.environ.get("SOURCE_DATE_EPOCH", None) == "":
        del os.environ["SOURCE_DATE_EPOCH"]  # empty means unset (CI templates), for MkDocs too
    i18n.use_environment()  # Chinese unless LANGUAGE/LC_ALL/LC_MESSAGES/LANG says en (i18n.py)
    parser = argparse.ArgumentParser(prog="disclose", description="党务公开 publisher")
    # --root and -f before or after the command (`disclose --root x check` = `disclose check --root x`).
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument(
        "--root", default=argparse.SUPPRESS, help=_("site folder (with mkdocs.yml, content/, catalogs/)")
    )
    where.add_argument(
        "-f", "--config-file", default=argparse.SUPPRESS, help=_("the configuration (default mkdocs.yml)")
    )
    parser.add_argument("--root", default=".", help=_("site folder (with mkdocs.yml, content/, catalogs/)"))
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help=_("the configuration (default mkdocs.yml)"))
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:  # noqa: A002 - argparse's own word
        return sub.add_parser(name, help=help, parents=[where])

    k = command("check", _("validate registry, catalogs and items"))
    k.add_argument(
        "--no-cache",
        action="store_true",
        help=_(
            "load and judge every file, ignoring what the last check parsed and concluded "
            "(site_plugins/parse_cache.py, check_memo.py)"
        ),
    )
    k.add_argument(
        "--since",
        metavar="REV",
        help=_(
            "also fail on an address or index number that git revision REV published and the "
            "working tree no longer answers (as disclose diff REV)"
        ),
    )
    k.set_defaults(func=cmd_check)
    b = command("build", _("validate, then build site/<audience>/"))
    b.add_argument("--audience", default="public", help=_("public, party or unit:<org-id>"))
    b.add_argument("--all", action="store_true", help=_("build public and party"))
    b.add_argument(
        "--jobs",
        type=int,
        help=_(
            "processes: with --all one per audience (default: the cores); for one audience "
            "(without --orgs) N shards of similar size, merged as `disclose merge` does (default 1)"
        ),
    )
    b.add_argument("-v", "--verbose", action="store_true")
    b.add_argument(
        "--full",
        action="store_true",
        help=_(
            "render every page (by default a build copies from the last one the pages made of the same inputs; docs/scaling.md)"
        ),
    )
    b.add_argument(
        "--orgs",
        help=_(
            "only the items and organization pages of these subtrees (comma-separated org ids; '!id' leaves a subtree out), into site/<audience>@<ids>/: one shard of a split build (docs/scaling.md)"
        ),
    )
    b.set_defaults(func=cmd_build)
    m = command("merge", _("join shards built with build --orgs into one site (docs/scaling.md)"))
    m.add_argument("out", help=_("the folder to publish the merged site to (replaced atomically)"))
    m.add_argument("shards", nargs="+", metavar="SHARD_DIR", help=_("shard folders (site/<audience>@<ids>/)"))
    m.add_argument("--audience", help=_("the shards' audience (default: what the first shard's manifest says)"))
    m.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help=_("processes reading the pages back"))
    m.add_argument(
        "--allow-uncommitted",
        action="store_true",
        help=_("merge although the sources are not a clean git commit (shards built here, by hand)"),
    )
    m.set_defaults(func=cmd_merge)
    s = command("serve", _("live preview with drafts and problems shown"))
    s.add_argument("--audience", default="party")
    s.add_argument("--dev-addr", default="127.0.0.1:8000")
    s.set_defaults(func=cmd_serve)
    n = command("new", _("write a new draft item from a catalog entry"))
    n.add_argument("--org", required=True)
    n.add_argument("--entry", required=True)
    n.add_argument("--title")
    n.set_defaults(func=cmd_new)
    d = command("diff", _("what becomes visible, changes or disappears between revisions"))
    d.add_argument("rev1")
    d.add_argument("rev2", nargs="?")
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=cmd_diff)
    r = command("report", _("compliance and annual figures per organization"))
    r.add_argument("--year", type=int)
    r.add_argument("--org")
    r.add_argument("--csv", action="store_true")
    r.add_argument(
        "--grace",
        type=int,
        help=_(
            "overdue grace days (default: the plugin's overdue_grace_days in mkdocs.yml, else {overdue_grace_days})"
        ).format(overdue_grace_days=settings.DEFAULTS.overdue_grace_days),
    )
    r.set_defaults(func=cmd_report)
    a = command("archive", _("a year's disclosures as published, as a BagIt bag (归档, docs/archiving.md)"))
    a.add_argument("--year", type=int, help=_("the year of the items' dates"))
    a.add_argument("--audience", default="public", help=_("public, party or unit:<org-id> (default public)"))
    a.add_argument("--org", help=_("whose subtree (default: the registry's top organization)"))
    a.add_argument("--out", help=_("the bag's new folder (default archive/<org>-<year>-<audience>)"))
    a.add_argument("--verify", metavar="BAG", help=_("check a bag instead: every file present and unaltered"))
    a.set_defaults(func=cmd_archive)
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.func
    try:
        code = run(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return code
    except BrokenPipeError:
        # `disclose report --csv | head`: the reader has what it wanted; no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def entry() -> None:
    """The `disclose` command: `main`, then out without freeing the objects one by one.

    A check or build of a region leaves a process of millions of objects; the interpreter's
    teardown took 4.5 s of a 35 s `check` at 80,000 organizations (bench/RESULTS.md).  Every
    file is closed and every temporary folder removed by the command itself (`with` blocks);
    what is left to do at exit is flushing the streams and the log handlers.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":
    entry()
