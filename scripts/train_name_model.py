"""Train the learned second look for names (core/privacy/name_model.py) on the development sets.

    python scripts/train_name_model.py            # writes resources/redaction/name_model.json.gz
    python scripts/train_name_model.py --cv       # 4-fold cross-validation by set: names gained, false added

Every passage of every set in TRAIN_SETS is run through the redactor with the model left out; each word
is labelled a name when it overlaps a PERSON item of the passage's answer key. A logistic regression
(scikit-learn, L2, C=3) learns the words' features; its weights are written as JSON, so the app scores
without scikit-learn. The threshold is the cross-validation's knee: below it each name gained cost about
two false redactions or more (docs/benchmarks.md, "A learned second look for names").
Sets held back to measure the model (unseen33, unseen34, unseen43 to unseen46, unseen53 to unseen56) are never
trained on.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_redaction import SETS, occurrences  # noqa: E402
from core.privacy.name_model import MODEL_FILE, NameModel, features, tokens  # noqa: E402
from core.privacy.redaction import PlaceholderBook, Redactor  # noqa: E402

TRAIN_SETS = ["dev", "heldout", "test", "dev2", "unseen", "unseen2", "dev3", "unseen3", "unseen4", "unseen5",
              "dev4", "unseen6"] + [f"unseen{n}" for n in (7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                                                          21, 24, 25, 26, 27, 28, 29, 30, 31, 32, 35, 36, 37,
                                                          38, 39, 40, 41, 42, 47, 48, 49, 50, 51, 52)]
C = 3.0
THRESHOLD = 0.4
OUT = ROOT / "resources" / Path(*MODEL_FILE)
# texts scored at training time and stored with the weights: a test scores them again, so a change to the
# features that the shipped weights were not trained on fails it (retrain with this script)
PROBES = ["crisis team handover 23:10 - seen tyrone (t. whitfield) at home w/ nan. denies plan.",
          "says supervisor (gwen) told him not to come back.",
          "The hearing is listed before Mr Justice on the applications list; travel 1,240 miles at 45p."]


def passages(names: list[str]) -> dict[str, list[dict]]:
    """Each set's passages with the redactor's spans (model left out) and spaCy's raw guesses."""
    red = Redactor(use_ner=True, use_model=False)
    out = {}
    for name in names:
        rows = [json.loads(line) for line in SETS[name].read_text(encoding="utf-8").splitlines() if line.strip()]
        for r in rows:
            r["spans"] = red.find(r["text"], PlaceholderBook())
            r["ner"] = red._ner_spans(r["text"])
        out[name] = rows
    return out


def labelled(rows: list[dict]):
    X, y = [], []
    for r in rows:
        text = r["text"]
        toks = tokens(text)
        occ = [o for kind, item in r["items"] if kind == "PERSON" for o in occurrences(text, item)]
        X += [dict.fromkeys(f, 1) for f in features(text, toks, r["spans"], r["ner"])]
        y += [int(any(s < b and a < e for s, e in occ)) for a, b, _ in toks]
    return X, y


def regression(rows: list[dict]):
    """scikit-learn's fit: the feature vectoriser, the logistic regression, the labels."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    X, y = labelled(rows)
    vec = DictVectorizer()
    m = LogisticRegression(C=C, max_iter=3000, solver="lbfgs")
    m.fit(vec.fit_transform(X), y)
    return vec, m, y


def fit(rows: list[dict], threshold: float = THRESHOLD) -> NameModel:
    vec, m, y = regression(rows)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), m.coef_[0]) if abs(w) >= 5e-4}
    weights["bias"] = round(weights.get("bias", 0.0) + float(m.intercept_[0]), 4)
    return NameModel(weights, threshold, {"C": C, "tokens": len(y), "name_tokens": sum(y)})


def score(rows: list[dict], model: NameModel, thresholds: list[float]) -> dict[float, tuple[int, int, int, int]]:
    """Per threshold: names found by the rules, by rules and model, names in all, false redactions added."""
    out = {t: [0, 0, 0, 0] for t in thresholds}
    for r in rows:
        text = r["text"]
        toks = tokens(text)
        probs = model.probabilities(text, toks, r["spans"], r["ner"])  # once; each threshold only reads them
        before = {i for s in r["spans"] for i in range(s.start, s.end)}
        gold, names = set(), []
        for kind, item in r["items"]:
            occ = occurrences(text, item)
            gold.update(i for a, b in occ for i in range(a, b))
            if kind == "PERSON":
                names.append(occ)
        for t in thresholds:
            extra = NameModel.names_above(text, toks, probs, r["spans"], t)
            after = before | {i for s in extra for i in range(s.start, s.end)}
            v = out[t]
            v[0] += sum(all(set(range(a, b)) <= before for a, b in occ) for occ in names)
            v[1] += sum(all(set(range(a, b)) <= after for a, b in occ) for occ in names)
            v[2] += len(names)
            v[3] += sum(1 for s in extra if not gold & set(range(s.start, s.end)))
    return {t: tuple(v) for t, v in out.items()}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cv", action="store_true", help="4-fold cross-validation by set instead of writing the model")
    args = ap.parse_args()
    t0 = time.perf_counter()
    data = passages(TRAIN_SETS)
    print(f"{sum(len(v) for v in data.values())} passages of {len(data)} sets read in {time.perf_counter() - t0:.0f} s")
    if args.cv:
        names = sorted(data)
        random.Random(1).shuffle(names)
        folds = [names[i::4] for i in range(4)]
        thresholds = [0.2, 0.3, 0.4, 0.5, 0.6]
        sums = {t: [0, 0, 0, 0] for t in thresholds}
        for k, test in enumerate(folds):
            model = fit([r for n in names if n not in test for r in data[n]])
            for t, v in score([r for n in test for r in data[n]], model, thresholds).items():
                sums[t] = [a + b for a, b in zip(sums[t], v)]
        print("threshold  names (rules)  names (rules + model)  false redactions added")
        for t, (base, found, total, false) in sums.items():
            print(f"{t:9.2f}  {base:>6}/{total}  {found:>6}/{total} (+{found - base})  {false:>6}")
        return 0
    model = fit([r for rows in data.values() for r in rows])
    red = Redactor(use_ner=True, use_model=False)
    probes = []
    for text in PROBES:
        probs = model.probabilities(text, tokens(text), red.find(text, PlaceholderBook()), red._ner_spans(text))
        probes.append([text, [round(p, 6) for p in probs]])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    blob = {"threshold": model.threshold, **model.meta, "trained_on": TRAIN_SETS, "probes": probes,
            "weights": dict(sorted(model.weights.items()))}
    OUT.write_bytes(gzip.compress(json.dumps(blob, ensure_ascii=False, separators=(",", ":")).encode(), mtime=0))
    print(f"{len(model.weights)} weights, {model.meta['name_tokens']} name words of {model.meta['tokens']}: "
          f"{OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
