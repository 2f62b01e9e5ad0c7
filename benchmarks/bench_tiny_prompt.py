"""The tiny default model with Ask's full prompt vs its short prompt, side by side.

For every answerable question of the grounding sets that the relevance gate lets through,
the same retrieved passages are put to the bundled SmolLM2 135M twice: with
``Assistant.build_prompt`` (every source fenced, citation rules) and with
``Assistant.build_short_prompt`` (the best two sentences of the best source, one line of
instruction). Reported per prompt: how often the model's own words hold the expected fact,
how often they state a number the given passages do not hold, prompt tokens, and time.

    .venv/bin/python benchmarks/bench_tiny_prompt.py [--sets main,heldout] [--home DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_grounding import build_library, load_questions  # noqa: E402

from core.ask import citations as cz  # noqa: E402
from core.ask.answering import Assistant  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default="main,heldout")
    ap.add_argument("--home", help="reuse this home (indexed once); default: a temporary folder")
    ap.add_argument("--max-tokens", type=int, default=60)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    tmp = None if args.home else tempfile.TemporaryDirectory(prefix="locum-tiny-prompt-")
    lib = build_library(Path(args.home or tmp.name))

    from core.chat.service import ChatModels

    backend = ChatModels(lib.settings).prepare().backend
    assistant = Assistant(lib, backend, None, k=6, tiny_model=True, max_tokens=args.max_tokens)
    prompts = {"full": lambda q, ranked: assistant.build_prompt(q, ranked),
               "short": lambda q, ranked: assistant.build_short_prompt(q, ranked)}
    stats = {name: {"fact": 0, "made_up_figure": 0, "prompt_tokens": [], "seconds": []} for name in prompts}
    n = 0
    for set_name in args.sets.split(","):
        for q in load_questions(set_name):
            if not q["answerable"]:
                continue
            verdict, ranked = assistant._relevant(q["question"], lib.search(q["question"], 6))
            if verdict != "answer":
                continue
            n += 1
            for name, build in prompts.items():
                messages, given = build(q["question"], ranked)
                t0 = time.perf_counter()
                out = "".join(backend.stream(messages, max_tokens=args.max_tokens)).strip()
                s = stats[name]
                s["seconds"].append(time.perf_counter() - t0)
                s["prompt_tokens"].append(backend.last_usage.prompt_tokens if backend.last_usage else 0)
                s["fact"] += q["keyword"].lower() in out.lower()
                s["made_up_figure"] += bool(cz.unsupported_numbers(cz.strip_markers(out),
                                                                    [g.hit.text for g in given], q["question"]))
                if args.verbose:
                    print(f"  {name:5s} {q['id']:24s} {out[:110]!r}", file=sys.stderr)
    result = {"questions": n, "model": backend.name}
    for name, s in stats.items():
        result[name] = {"fact_in_answer": round(s["fact"] / n, 3),
                        "made_up_figure": round(s["made_up_figure"] / n, 3),
                        "prompt_tokens_median": statistics.median(s["prompt_tokens"]),
                        "seconds_median": round(statistics.median(s["seconds"]), 2)}
    print(json.dumps(result, indent=2))
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
