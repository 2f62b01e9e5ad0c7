"""Fit the relevance gate's weights (core/relevance.py) from a grounding run, and check them.

The gate adds ``lexical + w_sentence * sentence + w_chunk * chunk`` and answers at or past
``answer_at``. This script reads the three signals of every question from the JSON that
``bench_grounding.py --json`` writes (they do not depend on the weights), then:

* fits on all the question sets: the weights and threshold that answer the most answerable
  questions while refusing at least ``--target`` of the unanswerable ones on every set;
* leave one set out: fits on the other sets and reports the left-out set's answered and
  refusal rates, which is the honest estimate of how the gate does on questions it has not
  seen;
* suggests ``unsure_at`` just under the lowest-scoring answerable question.

    .venv/bin/python benchmarks/bench_grounding.py --backends fake --json /tmp/grounding.json
    .venv/bin/python benchmarks/calibrate_gate.py /tmp/grounding.json
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_grounding import load_questions  # noqa: E402

GRID = [i / 4 for i in range(13)]  # weights 0 .. 3 in steps of 0.25


def load_rows(path: str) -> list[dict]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = []
    for set_name, one in data["sets"].items():
        answerable = {q["id"]: q["answerable"] for q in load_questions(set_name)}
        backend = next(iter(one["backends"].values()))  # the signals do not depend on the backend
        for r in backend["rows"]:
            g = r["gate"]
            if g is None or g.get("sentence") is None:
                raise SystemExit("this run's embedder has no calibration signals (run with the real embedder)")
            rows.append({"set": set_name, "id": r["id"], "answerable": answerable[r["id"]],
                         "lexical": g["lexical"], "sentence": g["sentence"], "chunk": g["chunk"]})
    return rows


def score(r: dict, ws: float, wc: float) -> float:
    return r["lexical"] + ws * r["sentence"] + wc * r["chunk"]


def rates(rows: list[dict], ws: float, wc: float, t: float) -> tuple[float, float]:
    """(answered rate of answerable questions, refusal rate of unanswerable ones)."""
    a = [score(r, ws, wc) >= t for r in rows if r["answerable"]]
    u = [score(r, ws, wc) < t for r in rows if not r["answerable"]]
    return sum(a) / max(1, len(a)), sum(u) / max(1, len(u))


def fit(rows: list[dict], target: float) -> tuple[float, float, float, float]:
    """Best (answered, w_sentence, w_chunk, answer_at) with refusal >= target on every set."""
    sets = sorted({r["set"] for r in rows})
    best = (-1.0, 0.0, 0.0, 0.0)
    for ws in GRID:
        for wc in GRID:
            # the lowest threshold that refuses enough on every set answers the most
            for t in sorted({round(score(r, ws, wc) + 1e-3, 3) for r in rows if not r["answerable"]} | {0.0}):
                if all(rates([r for r in rows if r["set"] == s], ws, wc, t)[1] >= target for s in sets):
                    answered = rates(rows, ws, wc, t)[0]
                    if answered > best[0]:
                        best = (answered, ws, wc, t)
                    break
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("run", help="JSON written by bench_grounding.py --json")
    ap.add_argument("--target", type=float, default=0.95,
                    help="refusal rate the fit must reach on every set it is fitted on (default 0.95)")
    args = ap.parse_args()
    rows = load_rows(args.run)
    sets = sorted({r["set"] for r in rows})
    out: dict = {"questions": len(rows), "unanswerable": sum(not r["answerable"] for r in rows)}

    answered, ws, wc, t = fit(rows, args.target)
    lowest = min(score(r, ws, wc) for r in rows if r["answerable"])
    out["fit_on_all"] = {"w_sentence": ws, "w_chunk": wc, "answer_at": round(t, 2),
                         "unsure_at": round(lowest - 0.03, 2), "answered": round(answered, 3),
                         "per_set": {s: dict(zip(("answered", "refused"),
                                                 map(lambda x: round(x, 3),
                                                     rates([r for r in rows if r["set"] == s], ws, wc, t))))
                                     for s in sets}}
    loso = {}
    for held in sets:
        train = [r for r in rows if r["set"] != held]
        _, ws_, wc_, t_ = fit(train, args.target)
        a, u = rates([r for r in rows if r["set"] == held], ws_, wc_, t_)
        loso[held] = {"w_sentence": ws_, "w_chunk": wc_, "answer_at": round(t_, 2),
                      "answered": round(a, 3), "refused": round(u, 3)}
    out["leave_one_set_out"] = loso
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
