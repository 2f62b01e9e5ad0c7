"""How near each development inquiry is to the rubric's services and exclusions by meaning,
and what each threshold and margin would take: the figures ``core.leads.meaning`` was set from.

    .venv/bin/python benchmarks/bench_leads_meaning.py [--all] [--verbose]

Development sets only (the 50 in law/ and clinic/, heldout to heldout8, each read after its
run); the later held-out sets are kept out so that their runs stay tests. By default only the inquiries the keywords do not
decide (the ones the meaning step is asked about); ``--all`` adds every inquiry, a larger
sample of how near right and wrong labels come. A label is right when it is the expected
service, or any exclusion or spam for an inquiry expected disqualified; "none" is right for an
inquiry expected with no service and not disqualified.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_leads import DATA, inquiries  # noqa: E402
from core.leads import guard, meaning  # noqa: E402
from core.leads.rubric import load_rubric  # noqa: E402
from core.leads.score import disqualifier, keyword_hits, selling  # noqa: E402

DEV = ("", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8")


def rows(embedder, everything: bool):
    rubrics = {"law": load_rubric(office="law"), "clinic": load_rubric(office="clinic")}
    for subset in DEV:
        root = DATA / subset if subset else DATA
        expected, found = inquiries(root, root / (f"expected_{subset}.json" if subset else "expected.json"))
        for key in sorted(expected):
            want, inq = expected[key], found[key]
            rub = rubrics[want["office"]]
            text = guard.mask(inq.text, guard.find_injections(inq.text))
            hits = keyword_hits(text, rub.services, loose=True, plural=True)
            decided = bool(hits) and (len(hits) == 1 or hits[0].weight > hits[1].weight)
            if disqualifier(text, rub, hits)[0]:
                decided = True
            if decided and not everything:
                continue
            n = meaning.nearest(text, rub, embedder, sales=selling(text))
            if want["tier"] == "disqualified":
                truth = "exclusion"
            else:
                truth = want["fields"]["need"] or "none"
            got = n.label
            right = (got.kind != meaning.SERVICE) if truth == "exclusion" else (got.name == truth)
            yield f"{subset or 'dev50'}/{key}", truth, n, right, decided


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    from models.embedders import build_embedder

    emb = build_embedder("minilm", query_cache=Path(tempfile.mkdtemp(prefix="locum-meaning-")))
    data = list(rows(emb, args.all))
    print(f"{len(data)} development inquiries ({'all' if args.all else 'the keywords do not decide'}); "
          f"queries through {getattr(emb, 'query_runtime', '?')}")
    print(f"{'inquiry':<52} {'expected':<20} {'nearest':<22} {'sim':>5} {'2nd':>5} {'margin':>6}  ok")
    for key, truth, n, right, decided in data:
        if args.verbose or not decided:
            print(f"{key[:52]:<52} {truth[:20]:<20} {n.label.name[:22]:<22} {n.similarity:5.3f} "
                  f"{n.second_similarity:5.3f} {n.margin:6.3f}  {'yes' if right else 'NO'}"
                  + ("  (keywords decide)" if decided else ""))
    for name, sel in (("right", True), ("wrong", False)):
        sims = [n.similarity for _, _, n, r, _ in data if r == sel]
        margins = [n.margin for _, _, n, r, _ in data if r == sel]
        if sims:
            print(f"nearest label {name}: n={len(sims)}, similarity median {statistics.median(sims):.3f} "
                  f"[{min(sims):.3f}-{max(sims):.3f}], margin median {statistics.median(margins):.3f} "
                  f"[{min(margins):.3f}-{max(margins):.3f}]")
    print("threshold margin   taken right wrong  (taken = above both; wrong = a label shown that is not the truth)")
    for t in (0.25, 0.30, 0.35, 0.40, 0.45, 0.50):
        for mg in (0.0, 0.04, 0.06, 0.08, 0.10, 0.12, 0.15):
            taken = [(r) for _, _, n, r, _ in data if n.similarity >= t and n.margin >= mg]
            print(f"   {t:.2f}    {mg:.2f}    {len(taken):4d} {sum(taken):5d} {len(taken) - sum(taken):5d}")
    print(f"in use: THRESHOLD {meaning.THRESHOLD}, MARGIN {meaning.MARGIN}")
    # an exclusion nearest with no service keyword: how small a margin still reads it right
    ex = [(n, r) for _, _, n, r, d in data if n.label.kind == meaning.EXCLUSION and not d]
    print(f"exclusion nearest, keywords undecided: n={len(ex)}")
    for t in (0.40, 0.45, 0.50):
        for mg in (0.0, 0.04, 0.06, 0.08, 0.10, 0.12):
            taken = [r for n, r in ex if n.similarity >= t and n.margin >= mg]
            print(f"   {t:.2f}    {mg:.2f}    {len(taken):4d} {sum(taken):5d} {len(taken) - sum(taken):5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
