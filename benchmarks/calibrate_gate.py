"""Fit the relevance gate's weights (core/relevance.py) from a grounding run, and check them.

The gate adds ``lexical + w_sentence * sentence + w_chunk * chunk`` for each retrieved
passage and answers when the best passage reaches ``answer_at``. This script reads the three
signals of every passage of every question from the JSON that ``bench_grounding.py --json``
writes (they do not depend on the weights); several runs (e.g. the samples alone and the
samples among other documents) can be given and are fitted together. Then:

* fits on all the question sets: the weights and threshold that answer the most answerable
  questions while refusing at least ``--target`` of the unanswerable ones on every set;
* leave one set out: fits on the other sets and reports the left-out set's answered and
  refusal rates, which is the honest estimate of how the gate does on questions it has not
  seen;
* suggests ``unsure_at`` just under the lowest-scoring answerable question.

    .venv/bin/python benchmarks/bench_grounding.py --backends fake --json /tmp/grounding.json
    .venv/bin/python benchmarks/calibrate_gate.py /tmp/grounding.json [/tmp/grounding-among-reports.json]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_grounding import load_questions  # noqa: E402

GRID = [i / 4 for i in range(13)]  # weights 0 .. 3 in steps of 0.25


def load_rows(paths: list[str]) -> list[dict]:
    rows = []
    for path in paths:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for set_name, one in data["sets"].items():
            answerable = {q["id"]: q["answerable"] for q in load_questions(set_name)}
            backend = next(iter(one["backends"].values()))  # the signals do not depend on the backend
            for r in backend["rows"]:
                g = r["gate"]
                if g is None or "hits" not in g:
                    raise SystemExit(f"{path}: no per-passage signals (run with the real embedder)")
                rows.append({"set": set_name, "run": path, "id": r["id"], "answerable": answerable[r["id"]],
                             "hits": g["hits"]})
    return rows


def score(r: dict, ws: float, wc: float) -> float:
    return max((lx + ws * st + wc * ck for lx, st, ck in r["hits"]), default=0.0)


def rates(rows: list[dict], scores: list[float], t: float) -> tuple[float, float]:
    """(answered rate of answerable questions, refusal rate of unanswerable ones) at threshold t."""
    a = [sc >= t for r, sc in zip(rows, scores) if r["answerable"]]
    u = [sc < t for r, sc in zip(rows, scores) if not r["answerable"]]
    return sum(a) / max(1, len(a)), sum(u) / max(1, len(u))


def groups(rows: list[dict]) -> dict[tuple[str, str], list[int]]:
    """Row indexes of each (run, question set): the refusal target holds in every one."""
    out: dict[tuple[str, str], list[int]] = {}
    for i, r in enumerate(rows):
        out.setdefault((r["run"], r["set"]), []).append(i)
    return out


def per_group(rows: list[dict], scores: list[float], t: float) -> dict[str, dict]:
    out = {}
    for (run, set_name), idx in groups(rows).items():
        a, u = rates([rows[i] for i in idx], [scores[i] for i in idx], t)
        out[f"{Path(run).name}:{set_name}"] = {"answered": round(a, 3), "refused": round(u, 3)}
    return out


def fit(rows: list[dict], target: float) -> tuple[float, float, float, float]:
    """Best (answered, w_sentence, w_chunk, answer_at) with refusal >= target in every group."""
    best = (-1.0, 0.0, 0.0, 0.0)
    grp = groups(rows)
    for ws in GRID:
        for wc in GRID:
            scores = [score(r, ws, wc) for r in rows]
            # the lowest threshold that refuses enough everywhere answers the most
            for t in sorted({round(sc + 1e-3, 3) for r, sc in zip(rows, scores) if not r["answerable"]} | {0.0}):
                if all(rates([rows[i] for i in idx], [scores[i] for i in idx], t)[1] >= target
                       for idx in grp.values()):
                    answered = rates(rows, scores, t)[0]
                    if answered > best[0]:
                        best = (answered, ws, wc, t)
                    break
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("runs", nargs="+", help="JSON written by bench_grounding.py --json (one or more runs)")
    ap.add_argument("--target", type=float, default=0.95,
                    help="refusal rate the fit must reach on every set it is fitted on (default 0.95)")
    args = ap.parse_args()
    rows = load_rows(args.runs)
    sets = sorted({r["set"] for r in rows})
    out: dict = {"questions": len(rows), "unanswerable": sum(not r["answerable"] for r in rows)}

    answered, ws, wc, t = fit(rows, args.target)
    scores = [score(r, ws, wc) for r in rows]
    lowest = min(sc for r, sc in zip(rows, scores) if r["answerable"])
    out["fit_on_all"] = {"w_sentence": ws, "w_chunk": wc, "answer_at": round(t, 3),
                         "unsure_at": round(lowest - 0.03, 2), "answered": round(answered, 3),
                         "per_set": per_group(rows, scores, t)}
    loso = {}
    for held in sets:
        train = [r for r in rows if r["set"] != held]
        test = [r for r in rows if r["set"] == held]
        _, ws_, wc_, t_ = fit(train, args.target)
        loso[held] = {"w_sentence": ws_, "w_chunk": wc_, "answer_at": round(t_, 3),
                      "per_run": per_group(test, [score(r, ws_, wc_) for r in test], t_)}
    out["leave_one_set_out"] = loso
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
