"""Re-scan of a library of 10,000 unchanged files: wall time of `locum sync`, median of 5.

    python benchmarks/bench_rescan.py [--files N]

The files are indexed once with the fake embedder (the re-scan never embeds, and must not
even load the embedder), then `locum sync` runs as a fresh process each time.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import locum, median  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="locum-rescan-"))
    docs = work / "docs"
    for i in range(args.files):
        sub = docs / f"client{i // 500:03}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"note{i:05}.txt").write_text(f"Note {i}: call back about matter {i * 7 % 1000}.\n")
    os.environ["LOCUM_FAKE_BACKENDS"] = "1"
    home = work / "home"
    t0 = time.perf_counter()
    proc, _, _ = locum(home, "index", str(docs), "--json")
    first = time.perf_counter() - t0
    rep = json.loads(proc.stdout)
    assert rep["added"] == args.files, rep
    times = []
    for _ in range(args.rounds):
        proc, secs, _ = locum(home, "sync", "--json")
        r = json.loads(proc.stdout)
        assert r["unchanged"] == args.files and r["added"] == r["updated"] == 0, r
        times.append(secs)
    # the same with no library at all: what the interpreter and imports cost on their own
    empty = [locum(work / "empty", "status", "--json")[1] for _ in range(args.rounds)]
    print(json.dumps({
        "files": args.files, "first_index_seconds": round(first, 1),
        "sync_seconds": [round(t, 3) for t in times], "median_sync_seconds": round(median(times), 3),
        "median_status_empty_seconds": round(median(empty), 3),
    }, indent=2))


if __name__ == "__main__":
    main()
