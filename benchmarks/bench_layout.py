"""What keeping word boxes per chunk costs: index size and indexing time.

    python benchmarks/bench_layout.py --baseline DIR [--rounds N] PATH...

``DIR`` is another checkout of Locum from before boxes were kept. Each round indexes every
PATH into a fresh home with this checkout and with the baseline, alternately, as separate
processes with the same settings; reported per round and as medians: seconds, chunks, bytes
of the LanceDB folder, and (this checkout) bytes of the packed words themselves.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, median, write_settings  # noqa: E402


def index(tree: Path, home: Path, paths: list[str]) -> dict:
    write_settings(home)
    env = {**os.environ, "PYTHONPATH": str(tree)}
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "core.cli.main", "--home", str(home), "index", *paths, "--json"],
                          cwd=tree, env=env, capture_output=True, text=True)
    secs = time.perf_counter() - t0
    if proc.returncode not in (0, 2):
        raise RuntimeError(proc.stderr[-2000:])
    lance = home / "library" / "lance"
    size = sum(p.stat().st_size for p in lance.rglob("*") if p.is_file())
    return {"seconds": round(secs, 1), "chunks": json.loads(proc.stdout)["chunks"], "lance_bytes": size}


def layout_bytes(home: Path) -> int:
    sys.path.insert(0, str(ROOT))
    from core.services import Library
    from core.settings import Settings

    table = Library(Settings.load(home)).store.table.to_arrow()
    return sum(len(b) for b in table.column("layout").to_pylist() if b)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="locum-bench-layout-"))
    paths = [str(Path(p).resolve()) for p in args.paths]
    index(ROOT, work / "warm", paths)  # warm the disk cache and the embedder's files
    rounds = []
    for r in range(args.rounds):
        now = index(ROOT, work / f"now{r}", paths)
        now["layout_bytes"] = layout_bytes(work / f"now{r}")
        before = index(Path(args.baseline).resolve(), work / f"before{r}", paths)
        rounds.append({"with_boxes": now, "baseline": before,
                       "time_ratio": round(now["seconds"] / before["seconds"], 3),
                       "size_ratio": round(now["lance_bytes"] / before["lance_bytes"], 3)})
        print(json.dumps(rounds[-1]), file=sys.stderr)
    print(json.dumps({
        "paths": paths, "rounds": rounds,
        "median_time_ratio": median([r["time_ratio"] for r in rounds]),
        "median_size_ratio": median([r["size_ratio"] for r in rounds]),
        "median_seconds_with_boxes": median([r["with_boxes"]["seconds"] for r in rounds]),
        "median_seconds_baseline": median([r["baseline"]["seconds"] for r in rounds]),
    }, indent=2))


if __name__ == "__main__":
    main()
