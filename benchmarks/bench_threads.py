"""Generation speed of llama.cpp at 1..N threads, on an idle machine and with one core busy.

The question behind it: llama.cpp's threads wait for each other at every layer, so when
another process holds one of a 2-core laptop's cores, a thread per core makes every token
wait for the slowest, descheduled thread. This measures how much that costs, to choose the
default thread count (``models.base.default_threads``).

One model is loaded once; the thread count is switched on its context
(``llama_set_n_threads``) and the counts are interleaved within each round (1, 2, .., N,
then N, .., 1), so drift on a shared machine hits every count alike. "busy" runs a
``python -c "while True: pass"`` child for the whole condition. Reported: median decode
tokens/s (llama.cpp's own eval timer) and median time to first token, per model, condition
and thread count, as JSON and as a Markdown table.

    .venv/bin/python benchmarks/bench_threads.py [--model FILE.gguf ...] [--runs 5] [--max-tokens 64]

Without ``--model`` it measures the bundled SmolLM2 and, when present, the Qwen2.5 0.5B
benchmark GGUF (``/work/shared/models/get_benchmark_model.sh qwen05 ~/.cache/locum-bench``).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.chat.registry import bundled_chat_model_path  # noqa: E402
from models.base import Message, physical_cores  # noqa: E402
from models.llama_cpp_backend import LlamaCppBackend  # noqa: E402

QWEN = Path(os.environ.get("LOCUM_BENCH_MODELS", Path.home() / ".cache" / "locum-bench")) / \
    "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"

PROMPT = [
    Message("system", "You are a careful assistant for a small law office."),
    Message("user", "Explain, in several paragraphs, what a client intake form is for and what it should "
                    "contain. Be thorough."),
]


def busy_child() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def one_run(backend: LlamaCppBackend, threads: int, max_tokens: int) -> dict:
    import llama_cpp

    llama = backend.load()
    llama_cpp.llama_set_n_threads(llama.ctx, threads, threads)
    llama.reset()  # empty KV cache: every run evaluates the whole prompt
    for _ in backend.stream(PROMPT, max_tokens=max_tokens, temperature=0.0):
        pass
    t = backend.last_timing
    gen = backend.last_usage.completion_tokens if backend.last_usage else 0
    return {"gen_tok_s": gen / t["eval_s"] if t.get("eval_s") else float("nan"),
            "first_token_s": t["first_token_s"], "tokens": gen}


def measure(path: Path, max_threads: int, runs: int, max_tokens: int) -> list[dict]:
    backend = LlamaCppBackend(path, n_ctx=2048, n_threads=max_threads)
    backend.load()
    one_run(backend, max_threads, 8)  # warm the page cache and the allocator
    rows = []
    for cond in ("idle", "busy"):
        child = busy_child() if cond == "busy" else None
        try:
            if child:
                time.sleep(0.5)  # let the spinner reach full speed
            samples: dict[int, list[dict]] = {t: [] for t in range(1, max_threads + 1)}
            for r in range(runs):
                order = list(range(1, max_threads + 1))
                for t in order if r % 2 == 0 else reversed(order):
                    samples[t].append(one_run(backend, t, max_tokens))
        finally:
            if child:
                child.kill()
                child.wait()
        for t, ss in samples.items():
            rows.append(row := {
                "model": path.name, "condition": cond, "threads": t, "runs": len(ss),
                "gen_tok_s_median": round(statistics.median(s["gen_tok_s"] for s in ss), 1),
                "gen_tok_s_all": [round(s["gen_tok_s"], 1) for s in ss],
                "first_token_s_median": round(statistics.median(s["first_token_s"] for s in ss), 3),
                "tokens": ss[0]["tokens"],
            })
            print(f"{path.name} {cond} threads={t}: {row['gen_tok_s_all']} tok/s, load "
                  f"{os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
    backend.close()
    return rows


def main() -> int:
    import signal

    # A stopped run must not leave its spinning child behind: SIGTERM unwinds the finally.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", action="append", help="GGUF file (repeatable); default: bundled + Qwen 0.5B if present")
    ap.add_argument("--threads", type=int, default=max(2, os.cpu_count() or 1), help="measure 1..THREADS")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--max-tokens", type=int, default=64)
    args = ap.parse_args()
    paths = [Path(m) for m in args.model] if args.model else [bundled_chat_model_path()] + (
        [QWEN] if QWEN.is_file() else [])
    rows = []
    for p in paths:
        rows += measure(p, args.threads, args.runs, args.max_tokens)
    import psutil

    print(json.dumps({"machine": {"cpu": platform.processor() or platform.machine(), "logical": os.cpu_count(),
                                  "physical": physical_cores(), "load_avg_at_end": os.getloadavg(),
                                  "ram_gb": round(psutil.virtual_memory().total / 1e9, 1)},
                      "rows": rows}, indent=2))
    print("\n| model | condition | threads | decode tok/s (median) | first token s (median) |", file=sys.stderr)
    print("| --- | --- | --- | --- | --- |", file=sys.stderr)
    for r in rows:
        print(f"| {r['model']} | {r['condition']} | {r['threads']} | {r['gen_tok_s_median']} | "
              f"{r['first_token_s_median']} |", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
