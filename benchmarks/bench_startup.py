"""Desktop start-up: process start to the window's first paint, and the idle window's memory.

Each launch is a fresh process (`python -m desktop`, offscreen platform) in a home that
already holds an indexed library, timed from just before the process is spawned to the
timestamp the window writes on its first paint (LOCUM_STARTUP_PROBE). Two variants, run
interleaved so both see the same disk cache:

* as shipped: heavy parts (torch, LanceDB, llama.cpp) load after the window is shown;
* eager: the same window, with torch, lancedb, llama_cpp and sentence_transformers imported
  at the top before the window is built (what a naive composition root would do).

Then the idle window's resident memory, once the post-paint warm-up (library read, LanceDB
opened) is over and with no model loaded.

    .venv/bin/python benchmarks/bench_startup.py [--runs 5] [--json OUT.json]
Targets: first paint within 1.5 s; idle RSS under 400 MB.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EAGER = ("import torch, lancedb, llama_cpp, sentence_transformers\n"
         "from desktop.app import main\n"
         "raise SystemExit(main([]))\n")


def launch(home: Path, *, eager: bool, quit_after: str, timeout: float = 180) -> dict:
    probe = Path(tempfile.mktemp(prefix="locum-probe-", suffix=".jsonl"))
    env = dict(os.environ, LOCUM_HOME=str(home), LOCUM_STARTUP_PROBE=str(probe), LOCUM_QUIT_AFTER=quit_after,
               QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    cmd = [sys.executable, "-c", EAGER] if eager else [sys.executable, "-m", "desktop"]
    t0 = time.time()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    events = [json.loads(line) for line in probe.read_text().splitlines() if line.strip()]
    probe.unlink()
    out = {e["event"]: e for e in events}
    out["launched"] = t0
    return out


def prepare_home() -> Path:
    """A home with the sample documents indexed, as after a first session."""
    home = Path(tempfile.mkdtemp(prefix="locum-bench-startup-"))
    samples = ROOT / "resources" / "samples"
    subprocess.run([sys.executable, "-m", "core.cli.main", "--home", str(home), "index", str(samples)],
                   cwd=ROOT, check=True, capture_output=True)
    return home


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--json", help="also write the results here")
    args = p.parse_args()

    home = prepare_home()
    # One untimed launch of each, so both variants start from a warm disk cache.
    launch(home, eager=False, quit_after="paint")
    launch(home, eager=True, quit_after="paint")

    lazy, eager = [], []
    for _ in range(args.runs):
        r = launch(home, eager=False, quit_after="paint")
        lazy.append(r["first_paint"]["t"] - r["launched"])
        r = launch(home, eager=True, quit_after="paint")
        eager.append(r["first_paint"]["t"] - r["launched"])
    rss = []
    for _ in range(3):
        r = launch(home, eager=False, quit_after="idle")
        rss.append(r["idle"]["rss"])

    result = {
        "first_paint_s": {"median": round(statistics.median(lazy), 3), "runs": [round(x, 3) for x in lazy]},
        "first_paint_eager_imports_s": {"median": round(statistics.median(eager), 3),
                                        "runs": [round(x, 3) for x in eager]},
        "idle_rss_mb": {"median": round(statistics.median(rss) / 2**20, 1),
                        "runs": [round(x / 2**20, 1) for x in rss]},
        "targets": {"first_paint_s": 1.5, "idle_rss_mb": 400},
        "platform": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "cpus": os.cpu_count(),
    }
    print(f"first paint, as shipped:           median {result['first_paint_s']['median']:.2f} s  {lazy and [round(x, 2) for x in lazy]}")
    print(f"first paint, heavy imports first:  median {result['first_paint_eager_imports_s']['median']:.2f} s  {[round(x, 2) for x in eager]}")
    print(f"idle window RSS (no model loaded): median {result['idle_rss_mb']['median']:.0f} MB")
    ok = result["first_paint_s"]["median"] <= 1.5 and result["idle_rss_mb"]["median"] < 400
    print("targets met" if ok else "TARGETS MISSED")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
