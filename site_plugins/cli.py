"""`disclose`: check, build, serve, new, diff and report (SPEC §9)."""

from __future__ import annotations

import argparse
import csv
import gc
import io
import logging
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .audience import Audience, AudienceError, build_clock
from .load import load_registry, load_site
from .model import Problem, Site
from .rules import validate


def _print_problems(problems: list[Problem], stream=sys.stderr) -> None:
    for problem in problems:
        print(problem, file=stream)
    warnings = sum(p.warning for p in problems)
    errors = len(problems) - warnings
    also = f" ({warnings} warning(s) besides)" if warnings else ""
    if errors:
        print(f"{errors} problem(s) found{also}; nothing was published.", file=stream)
    else:
        print(f"{warnings} warning(s); they stop nothing.", file=stream)


def _valid_site(root: Path, parallel: bool = False, every_build: bool = False) -> Site | None:
    """The site under root, or None after printing every problem (the caller exits 1).

    Warnings are printed too but stop nothing.  `every_build` (check): also what would stop
    only the builds of some audiences (rules.validate).
    """
    try:
        clock = build_clock()  # what is named must be published from today on (rules.validate)
    except ValueError as error:  # a SOURCE_DATE_EPOCH that is no time
        print(f"error: {error}", file=sys.stderr)
        return None
    site = load_site(root, parallel=parallel)
    problems = validate(site, clock, warnings=True, every_build=every_build)
    if problems:
        _print_problems(problems)
    if any(not p.warning for p in problems):
        return None
    return site


def cmd_check(args: argparse.Namespace) -> int:
    from .parse_cache import ParseCache

    root = Path(args.root)
    # A short-lived process making ~10^6 objects and no garbage cycles to speak of: the
    # cycle collector would only scan them again and again (~10 % of a 20,000-item check).
    gc.disable()
    # Check judges the sources for every audience and every build clock from today at once:
    # whatever would stop some build later is reported now (rules.validate).
    if args.no_cache:
        site = _valid_site(root, parallel=True, every_build=True)
    else:
        # Files unchanged since the last check are not parsed again (their text is compared).
        with ParseCache(root):
            site = _valid_site(root, parallel=True, every_build=True)
    if site is None:
        return 1
    items = len(site.items())
    print(f"ok: {len(site.registry)} organizations, {len(site.catalogs)} catalogs, {items} items, "
          f"{len(site.documents) - items} pages")
    return 0


class _ErrorCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_one(root: str, audience: str, config_file: str, quiet: bool = False,
              orgs: str | None = None) -> tuple[str, str | None]:
    """Build one audience into site/<slug>/ atomically: a temporary folder replaces it on success.

    With `orgs` (comma-separated organization ids) only the items and organization pages
    of those subtrees are built, into site/<slug>@<ids>/: one shard of a split build
    (docs/scaling.md).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    root_path = Path(root).resolve()
    # Naming the audience needs the registry only; the plugin loads and checks the rest.
    registry = load_registry(root_path / "catalogs" / "organizations.yml", "catalogs/organizations.yml", [])
    try:
        chosen = Audience.parse(audience, registry)
    except AudienceError as error:
        return audience, str(error)
    # The plugin builds into a temporary folder beside site/<slug>/ and swaps it in only
    # when the build and its output check succeed (plugins/disclosure.py).
    os.environ["DISCLOSE_AUDIENCE"] = str(chosen)
    if orgs:
        os.environ["DISCLOSE_ORGS"] = orgs
    if quiet:
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
    errors = _ErrorCollector()
    logging.getLogger("mkdocs").addHandler(errors)
    try:
        config = load_config(str(root_path / config_file))
        build(config)
    except (MkDocsException, SystemExit, Exception) as error:  # noqa: BLE001 - report any failure, publish nothing
        # MkDocs logs the plugin's message and raises a bare "Aborted"; report the message.
        return str(chosen), "\n".join(errors.messages) or str(error) or error.__class__.__name__
    finally:
        logging.getLogger("mkdocs").removeHandler(errors)
        os.environ.pop("DISCLOSE_AUDIENCE", None)
        os.environ.pop("DISCLOSE_ORGS", None)
    return str(chosen), None


def shard_name(orgs: str) -> str:
    """Folder suffix of a shard: its org ids, sorted, joined by '+' ('!id' written 'not-id')."""
    return "+".join(sorted({o.strip().replace("!", "not-") for o in orgs.split(",") if o.strip()}))


def cmd_build(args: argparse.Namespace) -> int:
    root = Path(args.root)
    site = _valid_site(root)
    if site is None:
        return 1
    audiences = ["public", "party"] if args.all else [args.audience]
    failed = False
    if len(audiences) > 1 and args.jobs > 1:
        # Each audience is its own process: both cores, and no state shared between audiences.
        with ProcessPoolExecutor(max_workers=min(args.jobs, len(audiences))) as pool:
            results = list(pool.map(build_one, [str(root)] * len(audiences), audiences,
                                     [args.config_file] * len(audiences), [True] * len(audiences),
                                     [args.orgs] * len(audiences)))
    else:
        results = [build_one(str(root), a, args.config_file, quiet=not args.verbose, orgs=args.orgs) for a in audiences]
    for audience, error in results:
        if error:
            failed = True
            print(f"build {audience} failed; site/ was left as it was:\n{error}", file=sys.stderr)
        else:
            slug = Audience.parse(audience, site.registry).slug + (f"@{shard_name(args.orgs)}" if args.orgs else "")
            print(f"built {audience} → site/{slug}/")
    return 1 if failed else 0


def _system_file_watcher() -> None:
    """Make MkDocs' preview server learn of a saved file from the system (inotify), not by polling.

    MkDocs 1.6 always polls (`PollingObserver`, every 0.5 s): it lists and stats every
    file under content/ each time — at 5,000 items ~0.1 s of CPU twice a second, while
    the rebuild it waits for needs that core — and an edit is seen 0.35–0.45 s after it
    is saved (bench/RESULTS.md).  watchdog's default observer uses the system's
    notifications (inotify on Linux) and reports a save at once.  Where it cannot be made,
    MkDocs keeps polling.
    """
    import mkdocs.commands.serve as mkdocs_serve
    import watchdog.observers
    from mkdocs.livereload import LiveReloadServer

    class SystemWatcherServer(LiveReloadServer):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - MkDocs' own signature
            super().__init__(*args, **kwargs)
            try:
                self.observer = watchdog.observers.Observer()
            except OSError:  # e.g. no inotify instances left: keep MkDocs' polling
                pass

    mkdocs_serve.LiveReloadServer = SystemWatcherServer  # type: ignore[misc]


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    _system_file_watcher()
    os.environ["DISCLOSE_AUDIENCE"] = args.audience
    os.environ["DISCLOSE_PREVIEW"] = "1"
    # MkDocs watches content/ and mkdocs.yml only; a catalog or registry edit must refresh too.
    catalogs = Path(args.root) / "catalogs"
    serve(config_file=str(Path(args.root) / args.config_file), open_in_browser=False,
          dev_addr=args.dev_addr, livereload=True, watch=[str(catalogs)] if catalogs.is_dir() else [],
          # Dirty rebuilds: only pages an edit changed are rendered again (plugins/preview.py).
          build_type="dirty")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import new_item

    try:
        path = new_item(Path(args.root), args.org, args.entry, args.title, today=build_clock())
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(path)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .reports import report_rows, timing_rows

    site = _valid_site(Path(args.root))
    if site is None:
        return 1
    clock = build_clock()
    year = args.year or clock.year
    if args.org and args.org not in site.registry:
        print(f"error: unknown organization '{args.org}' — use an id from catalogs/organizations.yml", file=sys.stderr)
        return 1
    if args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["org", "entry", "timing", "newest", "state"])
        for row in timing_rows(site, clock, args.grace, args.org):
            writer.writerow(row)
        return 0
    header, rows = report_rows(site, clock, args.grace, year, args.org)
    print(_table(header, rows))
    return 0


def _table(header: list[str], rows: list[list[str]]) -> str:
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    widths = [max(width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    out = io.StringIO()
    for r in [header, ["-" * w for w in widths], *rows]:
        out.write("  ".join(str(cell) + " " * (w - width(str(cell))) for cell, w in zip(r, widths, strict=True)).rstrip() + "\n")
    return out.getvalue().rstrip("\n")


def cmd_diff(args: argparse.Namespace) -> int:
    from .diff import diff_revisions, format_diff

    try:
        result = diff_revisions(Path(args.root), args.rev1, args.rev2, build_clock())
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        import json

        print(json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True))
    else:
        print(format_diff(result))
    # The diff is always printed; a newer side that would not build fails the job, like `check`.
    return 1 if result["after"]["problems"] else 0


def main(argv: list[str] | None = None) -> int:
    if os.environ.get("SOURCE_DATE_EPOCH", None) == "":
        del os.environ["SOURCE_DATE_EPOCH"]  # empty means unset (CI templates), for MkDocs too
    parser = argparse.ArgumentParser(prog="disclose", description="党务公开 publisher")
    parser.add_argument("--root", default=".", help="site folder (with mkdocs.yml, content/, catalogs/)")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    sub = parser.add_subparsers(dest="command", required=True)
    k = sub.add_parser("check", help="validate registry, catalogs and items")
    k.add_argument("--no-cache", action="store_true",
                   help="parse every file, ignoring what the last check parsed (site_plugins/parse_cache.py)")
    k.set_defaults(func=cmd_check)
    b = sub.add_parser("build", help="validate, then build site/<audience>/")
    b.add_argument("--audience", default="public", help="public, party or unit:<org-id>")
    b.add_argument("--all", action="store_true", help="build public and party")
    b.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    b.add_argument("-v", "--verbose", action="store_true")
    b.add_argument("--orgs", help="only the items and organization pages of these subtrees (comma-separated "
                                  "org ids; '!id' leaves a subtree out), into site/<audience>@<ids>/: one shard "
                                  "of a split build (docs/scaling.md)")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("serve", help="live preview with drafts and problems shown")
    s.add_argument("--audience", default="party")
    s.add_argument("--dev-addr", default="127.0.0.1:8000")
    s.set_defaults(func=cmd_serve)
    n = sub.add_parser("new", help="write a new draft item from a catalog entry")
    n.add_argument("--org", required=True)
    n.add_argument("--entry", required=True)
    n.add_argument("--title")
    n.set_defaults(func=cmd_new)
    d = sub.add_parser("diff", help="what becomes visible, changes or disappears between revisions")
    d.add_argument("rev1")
    d.add_argument("rev2", nargs="?")
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=cmd_diff)
    r = sub.add_parser("report", help="compliance and annual figures per organization")
    r.add_argument("--year", type=int)
    r.add_argument("--org")
    r.add_argument("--csv", action="store_true")
    r.add_argument("--grace", type=int, default=30, help="overdue grace days (as overdue_grace_days)")
    r.set_defaults(func=cmd_report)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

