"""Benchmark the publisher at region scale and write bench/RESULTS.md.

For each size N (default 1,000, 5,000 and 20,000 items) it generates a region with
bench/generate.py and measures, each as a separate child process:

* `disclose check`, `disclose build --audience public`, `--audience party`, `build --all`:
  wall time, CPU time (user + system of the whole process tree), peak RSS of the
  process tree (the sum over all its processes, sampled from /proc every 50 ms) and
  the largest single process (getrusage);
* output size and page count of site/public and site/party;
* the search payload of a reader's first query, measured in Chromium: every search
  request from opening the page to the first results (lunr: search_index.json and its
  workers; Pagefind: entry, wasm, index chunks and the result fragments it fetched);
* the baseline: the same pages (captured from our public build by bench/capture_hook.py)
  built by raw MkDocs + Material with a small explicit nav and no disclosure plugin —
  once with Material's search (lang zh, jieba), as a plain site would have, and once
  without search;
* at 5,000 items (or the size given by --serve-at): how long after saving an item
  the preview server shows the edit.

    python bench/run.py                      # 1000 5000 20000
    python bench/run.py --sizes 1000 --repeat 2
    python bench/run.py --quick              # 300 items, a smoke test of every step

The machine is shared; the load average before every measurement is recorded and the
report says what it was.  Numbers are written to bench/results.json and to the part of
bench/RESULTS.md between the `bench:begin` and `bench:end` markers (the prose around
them is kept).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

from generate import CLOCK_EPOCH, DEFAULT_ORGS, generate  # noqa: E402

VENV_BIN = Path(sys.executable).parent
DISCLOSE = str(VENV_BIN / "disclose")
MKDOCS = str(VENV_BIN / "mkdocs")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


# --------------------------------------------------------------------------- measuring a process


@dataclass
class Run:
    """One measured child process (and everything it started)."""

    label: str
    wall: float
    cpu: float  # user + system seconds of the process and all its waited-for descendants
    tree_peak_mb: float  # largest sum of RSS over the process tree, sampled
    single_peak_mb: float  # largest RSS of any one process of the tree (getrusage)
    load_before: float
    returncode: int
    tail: str = ""

    @property
    def cores(self) -> float:
        return self.cpu / self.wall if self.wall else 0.0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(c) for c in handle.read().split()]
    except OSError:
        pass
    return found


def _tree_rss(root: int) -> int:
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * PAGE_SIZE
        except OSError:
            continue
        stack += _children(pid)
    return total


def measure(label: str, command: list[str], cwd: Path, env: dict[str, str] | None = None, sampled: bool = True) -> Run:
    """Run `command` to completion, sampling the RSS of its process tree (unless not `sampled`:
    reading /proc every 50 ms slows a command that keeps both cores busy — a 20,000-item
    check by ~0.3 s)."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    if sampled:
        sampler.start()
    output = b""
    assert process.stdout is not None
    for chunk in iter(lambda: process.stdout.read(65536), b""):
        output += chunk
    # wait4 instead of Popen.wait: it returns the rusage of the child and its descendants.
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    if sampled:
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    text = output.decode("utf-8", "replace")
    run = Run(
        label,
        round(wall, 2),
        round(usage.ru_utime + usage.ru_stime, 2),
        round(peak / 2**20, 1),
        round(usage.ru_maxrss / 1024, 1),
        round(load, 2),
        process.returncode,
        "\n".join(text.strip().splitlines()[-5:]),
    )
    status_text = "ok" if run.returncode == 0 else f"FAILED ({run.returncode})"
    print(
        f"  {label:<28} {run.wall:8.2f} s  cpu {run.cpu:8.2f} s  tree {run.tree_peak_mb:7.1f} MB  "
        f"load {run.load_before:4.2f}  {status_text}",
        flush=True,
    )
    if run.returncode != 0:
        print(text[-3000:], file=sys.stderr)
    return run


def best_of(repeat: int, label: str, command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """The fastest of `repeat` runs: on a shared machine the minimum is the least disturbed.

    With repeats, the first run samples memory and the others only time the command
    (see `measure`); the result has the fastest wall time and the first run's memory.
    """
    runs = [measure(label, command, cwd, env, sampled=(number == 0 or repeat == 1)) for number in range(repeat)]
    best = min(runs, key=lambda r: r.wall)
    if repeat > 1:
        best = dataclasses.replace(
            best, tree_peak_mb=runs[0].tree_peak_mb, single_peak_mb=max(r.single_peak_mb for r in runs)
        )
        best.tail += f"\n(walls: {', '.join(f'{r.wall:.2f}' for r in runs)})"
    return best


# --------------------------------------------------------------------------- outputs


@dataclass
class Output:
    pages: int  # index.html files, 404 excluded
    files: int
    mb: float
    largest_page_kb: float = 0.0  # the largest HTML file (the issue's ≤ 300 KB)
    largest_page: str = ""


def output_of(site_dir: Path) -> Output:
    pages = files = size = 0
    largest, largest_path = 0, ""
    for path in site_dir.rglob("*"):
        if path.is_file():
            files += 1
            bytes_ = path.stat().st_size
            size += bytes_
            if path.name == "index.html":
                pages += 1
            if path.suffix == ".html" and bytes_ > largest:
                largest, largest_path = bytes_, str(path.relative_to(site_dir))
    return Output(pages, files, round(size / 2**20, 1), round(largest / 1024, 1), largest_path)


# --------------------------------------------------------------------------- search payload


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
        pass


SEARCH_URL = re.compile(r"/pagefind/|search_index\.json|/workers/search|/lunr/|/javascripts/search\.js")


def search_payload(site_dir: Path, queries: list[str]) -> dict:
    """Bytes a reader downloads for search, up to the first results of each query, in Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"error": "playwright is not installed"}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    pagefind = (site_dir / "pagefind").is_dir()
    engine = "pagefind" if pagefind else ("lunr" if (site_dir / "search/search_index.json").is_file() else "none")
    results: dict = {"engine": engine, "queries": {}}
    if engine == "none":
        server.shutdown()
        return results
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for query in queries:
                page = browser.new_page()
                responses: list = []
                page.on("response", lambda response, seen=responses: seen.append(response))
                started = time.perf_counter()
                if pagefind:
                    page.goto(base + "search/")
                    box = page.wait_for_selector(".pagefind-ui__search-input", timeout=60_000)
                    box.fill(query)
                    page.wait_for_selector(".pagefind-ui__result", timeout=120_000)
                else:
                    page.goto(base)
                    page.click("label.md-search__icon, .md-search__input", timeout=10_000)
                    page.fill(".md-search__input", query)
                    page.wait_for_selector(".md-search-result__item", timeout=300_000)
                shown = time.perf_counter() - started
                page.wait_for_load_state("networkidle")
                raw = gz = 0
                counted: list[dict] = []
                for response in responses:
                    if not SEARCH_URL.search(response.url):
                        continue
                    try:
                        body = response.body()
                    except Exception:  # noqa: BLE001 - a response evicted by the browser is counted as missing
                        continue
                    packed = (
                        len(gzip.compress(body, 6))
                        if not response.url.endswith(
                            (".pf_fragment", ".pf_index", ".pf_meta", ".pagefind", ".pf_filter")
                        )
                        else len(body)
                    )
                    raw += len(body)
                    gz += packed
                    counted.append({"url": response.url.removeprefix(base), "bytes": len(body), "gzip": packed})
                results["queries"][query] = {
                    "bytes": raw,
                    "gzip_bytes": gz,
                    "requests": len(counted),
                    "seconds_to_results": round(shown, 2),
                    "largest": sorted(counted, key=lambda c: -c["bytes"])[:6],
                }
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return results


# --------------------------------------------------------------------------- baseline


def _plain_yaml(path: Path) -> dict:
    """mkdocs.yml as data; MkDocs' !ENV tags become their default value."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
        values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [None]
        return values[-1]

    Loader.add_constructor("!ENV", env)
    return yaml.load(path.read_text("utf-8"), Loader=Loader)  # noqa: S506 - a SafeLoader subclass


def write_baseline(root: Path, captured: Path, with_search: bool) -> Path:
    """A raw MkDocs + Material site of the captured pages: small explicit nav, no disclosure plugin."""
    import yaml

    site = _plain_yaml(root / "mkdocs.yml")
    theme = {k: v for k, v in site.get("theme", {}).items() if k != "custom_dir"}
    theme["features"] = [f for f in theme.get("features", []) if not f.startswith("search") or with_search]
    if with_search:
        theme["features"].append("search.highlight")
    folder = root / ("baseline-search" if with_search else "baseline-nosearch")
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(captured, folder / "docs")
    nav = [{"首页": "index.md"}, {"组织机构": "orgs/index.md"}]
    if (captured / "about.md").is_file():
        nav.append({"关于本站": "about.md"})
    config = {
        "site_name": site.get("site_name", "党务公开"),
        "site_url": site.get("site_url"),
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "theme": theme,
        "plugins": [{"search": {"lang": "zh"}}] if with_search else [],
        "markdown_extensions": site.get("markdown_extensions", []),
        "nav": nav,
    }
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return folder


def capture_pages(root: Path, env: dict[str, str]) -> Path:
    """Build the public site once more with bench/capture_hook.py; returns the captured docs."""
    import yaml

    captured = root / "captured"
    if captured.exists():
        shutil.rmtree(captured)
    text = (root / "mkdocs.yml").read_text("utf-8")
    hook = yaml.safe_dump({"hooks": [str(BENCH / "capture_hook.py")]}, allow_unicode=True)
    (root / "mkdocs-capture.yml").write_text(text.rstrip() + "\n\n" + hook, "utf-8")
    run = measure(
        "capture (not a result)",
        [DISCLOSE, "--root", str(root), "-f", "mkdocs-capture.yml", "build", "--audience", "public"],
        root,
        {**env, "BENCH_CAPTURE_DIR": str(captured)},
    )
    if run.returncode != 0:
        raise SystemExit("the capture build failed")
    return captured


# --------------------------------------------------------------------------- serve


def serve_latency(root: Path, env: dict[str, str], command: list[str], url_base: str, edits: int = 3) -> dict:
    """Seconds from saving an item to the preview server serving the edit.

    Two kinds of edit, `edits` times each: a sentence added to the body (what editors do
    most) and a changed title (front matter: listings, exports and feeds change too).
    MkDocs' server holds requests while it rebuilds, so polling the page measures the
    moment the rebuilt page is served — what the browser's live reload then shows.
    """
    import re as regex

    from site_plugins.load import load_site

    site = load_site(root)
    item = next(
        d
        for d in sorted(site.items(), key=lambda d: d.path)
        if d.scope == "public" and d.status == "approved" and d.org == "nmg-dw" and not d.expires
    )
    path = root / "content" / item.path
    url = url_base + item.url
    original = path.read_text("utf-8")
    log = open(root / "serve.log", "wb")  # noqa: SIM115 - closed in finally
    started = time.perf_counter()
    server = subprocess.Popen(
        command, cwd=root, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    result: dict = {
        "command": " ".join(Path(command[0]).name if i == 0 else c for i, c in enumerate(command)),
        "item": item.path,
    }
    try:
        first = _wait_for(url, lambda body: True, timeout=3600)
        result["first_build_s"] = round(time.perf_counter() - started, 1) if first else None
        if not first:
            result["error"] = "the server never served the item"
            return result
        time.sleep(2)
        for kind in ("body", "title"):
            latencies = []
            for number in range(edits):
                marker = f"测量{kind}{number}x{int(time.time() * 1000)}"
                if kind == "body":
                    text = original + f"\n\n{marker}\n"
                else:
                    text = regex.sub(
                        r'^title: "?(.*?)"?$',
                        lambda m, x=marker: f'title: "{m.group(1)}{x}"',
                        original,
                        count=1,
                        flags=regex.M,
                    )
                saved = time.perf_counter()
                path.write_text(text, "utf-8")
                if not _wait_for(url, lambda body, m=marker: m in body, timeout=600):
                    result["error"] = f"the {kind} edit never appeared"
                    break
                latencies.append(time.perf_counter() - saved)
                time.sleep(3)  # let the rebuild settle before the next edit
            result[f"{kind}_latencies_s"] = [round(x, 2) for x in latencies]
            result[f"{kind}_median_s"] = round(statistics.median(latencies), 2) if latencies else None
        return result
    finally:
        path.write_text(original, "utf-8")
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def _wait_for(url: str, ok, timeout: float) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ok(response.read().decode("utf-8", "replace")):
                    return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


# --------------------------------------------------------------------------- one size


@dataclass
class SizeResult:
    n: int
    runs: dict[str, dict] = field(default_factory=dict)
    outputs: dict[str, dict] = field(default_factory=dict)
    search: dict = field(default_factory=dict)
    serve: dict = field(default_factory=dict)


def bench_size(n: int, args: argparse.Namespace) -> SizeResult:
    root = args.work / (f"region-{n}" if args.orgs == DEFAULT_ORGS else f"region-{n}-{args.orgs}")
    print(f"\n== {n} items, {args.orgs} organizations in {root}", flush=True)
    stamp = root / ".generated"
    wanted = f"{n} {args.seed} {args.orgs} {(BENCH / 'generate.py').stat().st_mtime_ns}"
    if not (args.reuse and stamp.is_file() and stamp.read_text() == wanted):
        generate(root, n, args.seed, orgs=args.orgs)
        stamp.write_text(wanted)
    else:
        for name in ("mkdocs.yml",):
            shutil.copy(REPO / name, root / name)
        shutil.rmtree(root / "theme")
        shutil.copytree(REPO / "theme", root / "theme")
    # PYTHONPATH: measure the checkout this script belongs to (e.g. a clean worktree of a
    # commit), not whatever the editable install points at.
    env = {"SOURCE_DATE_EPOCH": CLOCK_EPOCH, "PYTHONPATH": str(REPO)}
    result = SizeResult(n)
    base = [DISCLOSE, "--root", str(root)]
    steps = args.steps

    def keep(run: Run) -> None:
        result.runs[run.label] = asdict(run) | {"cores": round(run.cores, 2)}

    if "check" in steps:
        # Cold: every file parsed (a fresh clone, CI). Warm: the parse cache of an earlier
        # check on this working copy (site_plugins/parse_cache.py), as an editor and the
        # pre-commit hook run it; one item edited since, so one file is parsed again.
        keep(best_of(args.repeat, "check", base + ["check", "--no-cache"], root, env))
        warm = env | {"DISCLOSE_CACHE_DIR": str(args.work / "check-cache")}
        measure("fill the check cache", base + ["check"], root, warm)
        items = sorted((root / "content").rglob("*.md"))
        edited = items[len(items) // 2]
        original = edited.read_text("utf-8")
        edited.write_text(original + "\n补充一句。\n", "utf-8")
        try:
            keep(best_of(args.repeat, "check, warm cache", base + ["check"], root, warm))
        finally:
            edited.write_text(original, "utf-8")
    if "public" in steps:
        # --full: every page rendered (a build copies unchanged pages from the last one otherwise).
        keep(best_of(args.repeat, "build public", base + ["build", "--full", "--audience", "public"], root, env))
        result.outputs["public"] = asdict(output_of(root / "site/public"))
    if "party" in steps:
        keep(best_of(args.repeat, "build party", base + ["build", "--full", "--audience", "party"], root, env))
        result.outputs["party"] = asdict(output_of(root / "site/party"))
    if "all" in steps:
        keep(best_of(args.repeat, "build --all", base + ["build", "--full", "--all"], root, env))
    if "incremental" in steps and (root / "site/public").is_dir():
        # One item's body edited since the last public build: `disclose build` renders its page
        # again and copies the others (plugins/incremental.py).
        # A published item: one whose page the last build recorded (…/slug/index.html ← …/slug.md).
        recorded = json.loads((root / "site/.public.incremental.json").read_text("utf-8"))["pages"]
        sources = (root / "content" / (dest.removesuffix("/index.html") + ".md") for dest in sorted(recorded))
        published = [p for p in sources if p.is_file()]
        edited = published[len(published) // 3]
        original = edited.read_text("utf-8")
        edited.write_text(original + "\n补充一句。\n", "utf-8")
        try:
            run = measure("build public, one item edited", base + ["build", "--audience", "public"], root, env)
            keep(run)
        finally:
            edited.write_text(original, "utf-8")
        record = json.loads((root / "site/.public.incremental.json").read_text("utf-8"))
        result.outputs["incremental"] = {"rendered": len(record["rendered"]), "copied": record["copied"]}
        print(f"  incremental: {len(record['rendered'])} rendered, {record['copied']} copied", flush=True)
    if "search" in steps and (root / "site/public").is_dir():
        result.search = search_payload(root / "site/public", args.queries)
        for query, figures in result.search.get("queries", {}).items():
            print(
                f"  search {query}: {figures['bytes'] / 1024:.0f} KB ({figures['gzip_bytes'] / 1024:.0f} KB gzip), "
                f"{figures['requests']} requests",
                flush=True,
            )
    if "baseline" in steps:
        captured = capture_pages(root, env)
        for with_search in (True, False):
            folder = write_baseline(root, captured, with_search)
            label = "raw material + search" if with_search else "raw material, no search"
            keep(best_of(args.repeat, label, [MKDOCS, "build", "-q", "-f", str(folder / "mkdocs.yml")], folder, env))
            result.outputs[label] = asdict(output_of(folder / "site"))
            shutil.rmtree(folder)
        shutil.rmtree(captured)
    if "serve" in steps and n == args.serve_at:
        port = 8765
        result.serve["disclose serve"] = serve_latency(
            root, env, base + ["serve", "--dev-addr", f"127.0.0.1:{port}"], f"http://127.0.0.1:{port}/"
        )
        print(f"  serve: {result.serve['disclose serve']}", flush=True)
    if not args.keep:
        shutil.rmtree(root / "site", ignore_errors=True)
    return result


# --------------------------------------------------------------------------- report


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )

    def version(package: str) -> str:
        try:
            from importlib.metadata import version as v

            return v(package)
        except Exception:  # noqa: BLE001
            return "-"

    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem / 2**20, 1),
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "pagefind": version("pagefind_bin_extended"),
        "jieba": version("jieba"),
        "kernel": platform.release(),
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
    }


def _ms(seconds: float, pages: int) -> str:
    return f"{1000 * seconds / pages:.1f}" if pages else "-"


def report(results: list[SizeResult], facts: dict, args: argparse.Namespace) -> str:
    lines = [
        f"Measured {facts['date']} on {facts['cpu']}, {facts['cores']} cores, {facts['memory_gib']} GiB; "
        f"Python {facts['python']}, MkDocs {facts['mkdocs']}, Material {facts['mkdocs-material']}, "
        f"pagefind {facts['pagefind']}, jieba {facts['jieba']}; commit {facts['commit']}.",
        f"Command: `{' '.join(['python', 'bench/run.py', *args.argv])}` (best of {args.repeat}; "
        "the 1-minute load average before each run is in the last column — other developers share this machine).",
        "",
        "| items | step | wall s | CPU s | cores used | tree peak RSS MB | largest process MB | load |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for label, run in r.runs.items():
            lines.append(
                f"| {r.n} | {label} | {run['wall']:.2f} | {run['cpu']:.2f} | {run['cores']:.2f} | "
                f"{run['tree_peak_mb']:.0f} | {run['single_peak_mb']:.0f} | {run['load_before']:.2f} |"
            )
    lines += [
        "",
        f"Region: {args.orgs:,} organizations.",
        "",
        "| items | output | pages | files | MB | largest HTML KB |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for r in results:
        for label, out in r.outputs.items():
            if "pages" not in out:
                continue
            largest = f"{out.get('largest_page_kb', 0)} ({out.get('largest_page', '')})"
            lines.append(f"| {r.n} | {label} | {out['pages']} | {out['files']} | {out['mb']} | {largest} |")
    for r in results:
        made = r.outputs.get("incremental")
        if made:
            lines += ["", f"- {r.n} items, one item edited: {made['rendered']} pages rendered, {made['copied']} copied"]
    lines += [
        "",
        "Per output page (wall time / pages of that build):",
        "",
        "| items | ours public ms/page | raw + search ms/page | ratio | raw, no search ms/page | ratio |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ours, pub = r.runs.get("build public"), r.outputs.get("public")
        raw, raw_out = r.runs.get("raw material + search"), r.outputs.get("raw material + search")
        bare, bare_out = r.runs.get("raw material, no search"), r.outputs.get("raw material, no search")
        if not (ours and pub):
            continue
        mine = ours["wall"] / pub["pages"]
        cells = [f"{1000 * mine:.1f}"]
        for run, out in ((raw, raw_out), (bare, bare_out)):
            if run and out and out["pages"]:
                theirs = run["wall"] / out["pages"]
                cells += [f"{1000 * theirs:.1f}", f"{mine / theirs:.2f}"]
            else:
                cells += ["-", "-"]
        lines.append(f"| {r.n} | " + " | ".join(cells) + " |")
    sized = {r.n: r for r in results}
    if 5000 in sized and 20000 in sized:
        lines += [""]
        for label in ("build public", "build party", "build --all"):
            a, b = sized[5000].runs.get(label), sized[20000].runs.get(label)
            if a and b:
                lines.append(f"- 20k/5k wall ratio, {label}: {b['wall'] / a['wall']:.2f}")
    searched = [r for r in results if r.search.get("queries")]
    if searched:
        lines += [
            "",
            "First search (everything search-related a reader downloads up to the first results):",
            "",
            "| items | engine | query | KB | KB if text is gzipped | requests | s to results |",
            "|---:|---|---|---:|---:|---:|---:|",
        ]
        for r in searched:
            for query, q in r.search["queries"].items():
                lines.append(
                    f"| {r.n} | {r.search['engine']} | {query} | {q['bytes'] / 1024:.0f} | {q['gzip_bytes'] / 1024:.0f} | "
                    f"{q['requests']} | {q['seconds_to_results']} |"
                )
    served = [r for r in results if r.serve]
    if served:
        lines += [
            "",
            "Preview (`disclose serve`, party audience with drafts): seconds from saving an item to the "
            "server serving the edit:",
            "",
            "| items | first build s | body edit s | median | title edit s | median |",
            "|---:|---:|---|---:|---|---:|",
        ]
        for r in served:
            for s in r.serve.values():
                lines.append(
                    f"| {r.n} | {s.get('first_build_s', '-')} | {', '.join(map(str, s.get('body_latencies_s', [])))} | "
                    f"{s.get('body_median_s', '-')} | {', '.join(map(str, s.get('title_latencies_s', [])))} | "
                    f"{s.get('title_median_s', '-')} |" + (f" {s['error']}" if s.get("error") else "")
                )
    return "\n".join(lines) + "\n"


def write_report(text: str, path: Path) -> None:
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    block = f"{begin}\n{text}{end}"
    old = path.read_text("utf-8") if path.is_file() else f"# Benchmark results\n\n{begin}\n{end}\n"
    if begin in old and end in old:
        new = old[: old.index(begin)] + block + old[old.index(end) + len(end) :]
    else:
        new = old.rstrip() + "\n\n" + block + "\n"
    path.write_text(new, "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--quick", action="store_true", help="300 items, every step once: a smoke test")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--orgs",
        type=int,
        default=DEFAULT_ORGS,
        help=f"organizations of the region (default {DEFAULT_ORGS}; real: 80000)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest is kept")
    parser.add_argument(
        "--steps",
        nargs="+",
        default=["check", "public", "incremental", "party", "all", "search", "baseline", "serve"],
    )
    parser.add_argument("--queries", nargs="+", default=["党务公开", "草原生态"])
    parser.add_argument("--serve-at", type=int, default=5000, help="size at which the preview latency is measured")
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("BENCH_WORK", "/tmp/disclose-bench")))
    parser.add_argument("--reuse", action="store_true", help="keep a generated region of the same size and seed")
    parser.add_argument("--keep", action="store_true", help="keep the built sites")
    parser.add_argument("--json", type=Path, default=BENCH / "results.json")
    parser.add_argument("--report", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    if args.quick:
        args.sizes, args.serve_at = [300], 300
        args.json, args.report = args.work / "results-quick.json", args.work / "RESULTS-quick.md"
    args.work.mkdir(parents=True, exist_ok=True)
    facts = machine()
    print(f"{facts['cpu']}, {facts['cores']} cores; load {os.getloadavg()}", flush=True)
    results = [bench_size(n, args) for n in args.sizes]
    args.json.write_text(
        json.dumps(
            {"machine": facts, "argv": args.argv, "results": [asdict(r) for r in results]}, ensure_ascii=False, indent=1
        ),
        "utf-8",
    )
    text = report(results, facts, args)
    write_report(text, args.report)
    print("\n" + text)
    failed = [f"{r.n} {label}" for r in results for label, run in r.runs.items() if run["returncode"] != 0]
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
