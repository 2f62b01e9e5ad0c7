"""Indexing throughput on real multi-page PDFs: Locum vs a naive pipeline, same files, same run.

    python benchmarks/bench_indexing.py [--data DIR] [--rounds N]

Both run as separate processes, alternately; pages/s and peak RSS are reported per round
and as medians. A warm-up run first loads every library from disk once.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, SHARED, median, run_measured, write_settings  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(SHARED / "reports"))
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--runtime", default="auto")
    args = ap.parse_args()
    data = Path(args.data)
    work = Path(tempfile.mkdtemp(prefix="locum-bench-index-"))
    cache = work / "cache-home"
    # one warm-up run so both sides start with the same warm disk cache
    write_settings(cache, embedder_runtime=args.runtime)
    warm = work / "warm"
    warm.mkdir()
    (warm / "w.txt").write_text("warm up")
    run_measured([sys.executable, "-m", "core.cli.main", "--home", str(cache), "index", str(warm)])
    rounds = []
    for r in range(args.rounds):
        home = work / f"home{r}"
        write_settings(home, embedder_runtime=args.runtime)
        proc, secs, rss = run_measured([sys.executable, "-m", "core.cli.main", "--home", str(home), "index", str(data), "--json"])
        if proc.returncode not in (0, 2):
            raise RuntimeError(f"locum index failed: {proc.stderr[-2000:]}")
        rep = json.loads(proc.stdout)
        nproc, nsecs, nrss = run_measured([sys.executable, str(ROOT / "benchmarks" / "naive_pipeline.py"), str(data)])
        naive = json.loads(nproc.stdout)
        pages = naive["pages"]
        rounds.append({
            "locum_seconds": round(secs, 1), "locum_pages_per_s": round(pages / secs, 2), "locum_chunks": rep["chunks"],
            "locum_peak_rss_mb": round(rss / 2**20),
            "naive_seconds": round(nsecs, 1), "naive_pages_per_s": round(pages / nsecs, 2),
            "naive_chunks": naive["chunks"], "naive_peak_rss_mb": round(nrss / 2**20),
            "speedup": round(nsecs / secs, 2),
        })
        print(json.dumps(rounds[-1]), file=sys.stderr)
    print(json.dumps({
        "pages": pages, "runtime": args.runtime, "rounds": rounds,
        "median_speedup": median([r["speedup"] for r in rounds]),
        "median_locum_pages_per_s": median([r["locum_pages_per_s"] for r in rounds]),
        "median_naive_pages_per_s": median([r["naive_pages_per_s"] for r in rounds]),
        "max_locum_peak_rss_mb": max(r["locum_peak_rss_mb"] for r in rounds),
    }, indent=2))


if __name__ == "__main__":
    main()
