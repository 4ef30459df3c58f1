"""`disclose build --jobs N` for one audience against `--jobs 1`: wall time, cores used, same bytes.

Generates a region (bench/generate.py; kept with --reuse), commits it (the merge names the
commit its shards were built from), builds one audience with --jobs 1 and with each N of
--jobs, measuring every run as bench/run.py does (CPU of the whole process tree over wall
time = cores used), and checks that every build's files are byte-identical to --jobs 1's.

    python bench/jobs.py --orgs 3000 --items 3000 --jobs 2
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from generate import CLOCK_EPOCH, generate  # noqa: E402
from run import DISCLOSE, measure  # noqa: E402


def digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def region(work: Path, orgs: int, items: int, seed: int, reuse: bool) -> Path:
    root = work / f"region-{orgs}-{items}-{seed}"
    if reuse and (root / ".git").is_dir():
        return root
    shutil.rmtree(root, ignore_errors=True)
    generate(root, items, seed, orgs)
    (root / ".gitignore").write_text("site/\n", encoding="utf-8")
    for words in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "region"]):
        subprocess.run(
            ["git", "-C", str(root), "-c", "user.name=b", "-c", "user.email=b@example.org", *words], check=True
        )
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=3000)
    parser.add_argument("--items", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--audience", default="public")
    parser.add_argument("--jobs", type=int, nargs="+", default=[2])
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("BENCH_WORK", "/tmp/disclose-bench")))
    parser.add_argument("--reuse", action="store_true", help="keep a generated region of the same size and seed")
    parser.add_argument("--json", type=Path, help="write the measurements here")
    args = parser.parse_args(argv)
    root = region(args.work, args.orgs, args.items, args.seed, args.reuse)
    env = {"SOURCE_DATE_EPOCH": CLOCK_EPOCH}
    slug = args.audience.replace(":", "-")
    runs, same = [], {}
    reference: dict[str, str] = {}
    for jobs in [1, *args.jobs]:
        command = [DISCLOSE, "build", "--audience", args.audience, "--jobs", str(jobs)]
        run = measure(f"{args.audience} --jobs {jobs}", command, root, env)
        if run.returncode != 0:
            return 1
        built = digest(root / "site" / slug)
        if jobs == 1:
            reference = built
        else:
            same[jobs] = built == reference
        runs.append(
            {
                "jobs": jobs,
                "wall": run.wall,
                "cpu": run.cpu,
                "cores": round(run.cores, 2),
                "tree_peak_mb": run.tree_peak_mb,
                "load_before": run.load_before,
                "files": len(built),
            }
        )
    for entry in runs:
        print(f"--jobs {entry['jobs']}: {entry['wall']:.1f} s wall, {entry['cores']:.2f} cores, {entry['files']} files")
    print("byte-identical to --jobs 1:", same)
    if args.json:
        args.json.write_text(json.dumps({"orgs": args.orgs, "items": args.items, "runs": runs, "same": same}, indent=1))
    return 0 if all(same.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
