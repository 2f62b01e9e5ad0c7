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

``--cli``: a new ``locum search`` process on a library of 10,000 chunks (the six annual
reports of ../shared/data/reports indexed by the real embedder, their rows repeated under
other file names up to 10,000; built once and kept in ~/.cache/locum-bench/cli-10k), from
spawn to exit, warm disk. Variants run interleaved, query by query:

* onnx: as shipped, queries embedded by the checked ONNX export in the home's cache;
* torch: the same home without the export (queries through sentence-transformers, as before);
* baseline (``--baseline DIR``, a checkout from before this work): that code on the same home.

Then the warm query (a second and later query in one process, ``Library.search``) for onnx and
torch, and where a cold process spends its time (``-X importtime``, top-level modules).

    .venv/bin/python benchmarks/bench_startup.py --cli [--runs 5] [--baseline DIR] [--json OUT.json]
Targets: cold under 3 s; warm under 100 ms.
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

import numpy as np

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


# ---- the CLI: a new `locum search` process ----------------------------------------------
CLI_HOME = Path.home() / ".cache" / "locum-bench" / "cli-10k"
CLI_CHUNKS = 10_000
QUERIES = [
    "What was the FY2022 capital expenditure at Adobe?",
    "Corning 2022 total debt",
    "How much did Amazon spend on technology and content in 2017?",
    "3M 2018 dividends paid per share",
    "General Mills net sales fiscal 2020",
    "Activision Blizzard revenue by segment 2019",
]


def build_cli_home(home: Path = CLI_HOME, chunks: int = CLI_CHUNKS) -> Path:
    """The reports indexed for real, then their rows (text, words, vectors) added again under
    other file names until the store holds ``chunks`` rows. Kept between runs."""
    sys.path.insert(0, str(ROOT))
    from core.services import Library, run_to_end
    from core.settings import Settings
    from models import onnx_embedder

    reports = ROOT.parent / "shared" / "data" / "reports"
    settings = Settings.load(home)
    lib = Library(settings)
    if not lib.manifest.counts()[1]:
        report = run_to_end(lib.index([str(reports)]))
        print(f"indexed the reports: {report.chunks} chunks", file=sys.stderr)
    emb = lib.embedder
    if onnx_embedder.needs_export(emb.query_model_dir, emb.model_dir):
        with emb._lock:
            onnx_embedder.export_query_model(emb.model_dir, emb.query_model_dir, emb.max_tokens)
    store = lib.store
    base = store.table.search().where("path NOT LIKE '%#copy%'").limit(None).to_arrow()
    copy = 1
    while store.count() < chunks:
        need = chunks - store.count()
        part = base.slice(0, min(need, base.num_rows))
        rows = {c: part.column(c).to_pylist() for c in part.column_names if c != "vector"}
        rows["id"] = [f"{i}#copy{copy}" for i in rows["id"]]
        rows["path"] = [f"{p}#copy{copy}" for p in rows["path"]]
        vectors = np.stack(part.column("vector").to_numpy(zero_copy_only=False))
        store.add(rows, vectors)
        copy += 1
    store.finish()
    print(f"library: {store.count()} chunks in {home}", file=sys.stderr)
    lib.close()
    return home


def _torch_home(home: Path) -> Path:
    """The same library with no ONNX export: queries go through torch."""
    import shutil

    other = home.parent / (home.name + "-torch")
    if not other.exists():
        shutil.copytree(home, other, ignore=shutil.ignore_patterns("cache"))
    return other


def cold_search(home: Path, query: str, pythonpath: Path = ROOT) -> float:
    env = dict(os.environ, PYTHONPATH=str(pythonpath))
    env.pop("LOCUM_FAKE_BACKENDS", None)
    if home.name.endswith("-torch"):
        env["LOCUM_QUERY_ONNX"] = "0"  # not the installation's export either
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "core.cli.main", "--home", str(home), "search", query, "--json"],
                          cwd=pythonpath, env=env, capture_output=True, text=True, timeout=600)
    dt = time.perf_counter() - t0
    if proc.returncode != 0 or not json.loads(proc.stdout):
        raise RuntimeError(f"search failed ({proc.returncode}): {proc.stderr[-1500:]}")
    return dt


WARM = """
import json, sys, time
from core.library.search import Searcher
from core.services import Library
from core.settings import Settings
from models.st_embedder import SentenceEmbedder
lib = Library(Settings.load(sys.argv[1]))
queries = json.loads(sys.argv[2])
torch_emb = SentenceEmbedder(lib.embedder.model_dir, runtime="torch")  # the same model through torch
ref = Searcher(lib.store, torch_emb)
lib.search(queries[0], 10); ref.search(queries[0], 10)  # the first query opens the store and the embedders
out = {"onnx": [], "torch": []}
for i in range(4):
    for q in queries:
        q = f"{q} ({i})"  # a new text each time: the embedder's recent-query cache never answers
        t0 = time.perf_counter(); lib.search(q, 10); out["onnx"].append(time.perf_counter() - t0)
        t0 = time.perf_counter(); ref.search(q, 10); out["torch"].append(time.perf_counter() - t0)
out["runtime"] = lib.embedder.query_runtime
print(json.dumps(out))
"""


def warm_search(home: Path) -> dict:
    """Later queries in one process, alternating query by query between the shipped embedder
    (ONNX) and a torch one on the same store, so a busy machine slows both alike."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("LOCUM_FAKE_BACKENDS", None)
    proc = subprocess.run([sys.executable, "-c", WARM, str(home), json.dumps(QUERIES)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900, check=True)
    return json.loads(proc.stdout.splitlines()[-1])


def import_profile(home: Path) -> list[tuple[str, float]]:
    """Top-level modules of one cold `locum search`, by cumulative import time (seconds)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "core.cli.main", "--home", str(home),
                           "search", QUERIES[0], "--json"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600, check=True)
    tops: dict[str, float] = {}
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        name = line.split("|")[2]
        if name.startswith("  "):
            continue  # imported by another module: counted in its parent
        top = name.strip().split(".")[0]
        tops[top] = tops.get(top, 0.0) + int(line.split("|")[1]) / 1e6
    return sorted(tops.items(), key=lambda kv: -kv[1])


def main_cli(args) -> int:
    home = build_cli_home()
    torch_home = _torch_home(home)
    variants = {"onnx": (home, ROOT), "torch": (torch_home, ROOT)}
    if args.baseline:
        variants["baseline"] = (torch_home, Path(args.baseline).resolve())
    for name, (h, code) in variants.items():  # untimed: warm the disk cache for each
        cold_search(h, QUERIES[0], code)
    times: dict[str, list[float]] = {k: [] for k in variants}
    for i in range(args.runs):
        q = QUERIES[i % len(QUERIES)]
        for name, (h, code) in variants.items():
            times[name].append(cold_search(h, q, code))
    warm = warm_search(home)
    profile = import_profile(home)
    result = {"chunks": CLI_CHUNKS, "cold_s": {}, "warm_ms": {}, "imports_s": dict(profile[:12]),
              "load_average": os.getloadavg(), "cpus": os.cpu_count(), "targets": {"cold_s": 3, "warm_ms": 100}}
    for name, xs in times.items():
        result["cold_s"][name] = {"median": round(statistics.median(xs), 2), "runs": [round(x, 2) for x in xs]}
        print(f"cold locum search, {name:8s}: median {statistics.median(xs):.2f} s  {[round(x, 2) for x in xs]}")
    for name in variants:
        if name != "onnx":
            ratios = [b / a for a, b in zip(times["onnx"], times[name])]
            result["cold_s"][f"{name}_over_onnx"] = round(statistics.median(ratios), 2)
            print(f"  {name} / onnx, median of per-query ratios: {statistics.median(ratios):.2f}x")
    for name in ("onnx", "torch"):
        ms = [t * 1000 for t in warm[name]]
        result["warm_ms"][name] = {"median": round(statistics.median(ms), 1),
                                   "p95": round(sorted(ms)[int(0.95 * (len(ms) - 1))], 1)}
        print(f"warm query, {name:6s}: median {statistics.median(ms):.1f} ms, "
              f"p95 {result['warm_ms'][name]['p95']:.1f} ms over {len(ms)}")
    ratio = statistics.median([t / o for o, t in zip(warm["onnx"], warm["torch"])])
    result["warm_ms"]["torch_over_onnx"] = round(ratio, 2)
    print(f"  torch / onnx, median of per-query ratios: {ratio:.2f}x (shipped embedder: {warm['runtime']})")
    print("imports of one cold onnx search (s, cumulative per top-level module):")
    for mod, secs in profile[:12]:
        print(f"  {secs:6.2f}  {mod}")
    print(f"load average during the run: {os.getloadavg()}")
    ok = result["cold_s"]["onnx"]["median"] < 3 and result["warm_ms"]["onnx"]["median"] < 100
    print("targets met" if ok else "TARGETS MISSED")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))
    return 0 if ok else 1


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--json", help="also write the results here")
    p.add_argument("--cli", action="store_true", help="time a new `locum search` process instead of the window")
    p.add_argument("--baseline", help="with --cli: a checkout from before, run on the same library")
    args = p.parse_args()
    if args.cli:
        return main_cli(args)

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
