"""Leads benchmark: 50 written inquiries (law firm and clinic) with expected fields, tier,
seeded conflicts and injected sentences, run through the engine and through `locum lead`.

    .venv/bin/python benchmarks/bench_leads.py [--model NAME | --gguf FILE | --no-model] [--no-folder]

Reports: field exact match (10 fields per inquiry; description is not compared: it is a
copied passage, not a value), values shown where the truth is empty, tier agreement, seeded
conflicts found and false alarms (a conflict on an inquiry that has none seeded, or naming
someone else), injection robustness (each inquiry with an injected sentence scored again with
that sentence deleted: same score and tier, and flagged), seconds per lead (engine, model
loaded), and one `locum lead FOLDER --json` run over all 50 inquiries in a fresh process.

The set was written and its expectations set by the people who wrote the rules, so these
figures flatter the engine; a held-out set of real inquiries would be the honest test.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.leads.assess import assess  # noqa: E402
from core.leads.conflicts import fold, load_clients, name_score  # noqa: E402
from core.leads.intake import inquiry_from_text, read_inquiries  # noqa: E402
from core.leads.rubric import load_rubric  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "leads"
FIELDS = ("name", "email", "phone", "organization", "need", "location", "budget", "urgency", "referral_source",
          "preferred_contact")


def same(got, want) -> bool:
    if want is None or got is None:
        return got is None and want is None
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        return isinstance(got, (int, float)) and abs(float(got) - float(want)) < 0.005
    return " ".join(str(got).split()).casefold() == " ".join(str(want).split()).casefold()


def backend_for(args):
    if args.no_model:
        return None, "none (rules and keywords only)"
    from core.cli.extract import chat_backend
    from core.settings import Settings

    home = Path(tempfile.mkdtemp(prefix="locum-bench-leads-"))
    if args.gguf:
        from models.llama_cpp_backend import LlamaCppBackend

        b = LlamaCppBackend(args.gguf)
        return b, Path(args.gguf).name
    b = chat_backend(Settings.load(str(home)), args.model)
    return b, b.name


def inquiries(root: Path, expected_file: Path):
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    found = {}
    for office in ("law", "clinic"):
        if not (root / office).is_dir():  # a set of one office only
            continue
        for inq in read_inquiries(root / office):
            key = str(Path(inq.source).relative_to(root)) if "#" not in inq.source else \
                str(Path(inq.source.split("#")[0]).relative_to(root)) + "#" + inq.source.split("#")[1]
            found[key] = inq
    missing = set(expected) - set(found)
    extra = set(found) - set(expected)
    if missing or extra:
        raise SystemExit(f"expected.json and the files differ: missing {sorted(missing)}, extra {sorted(extra)}")
    return expected, found


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model")
    ap.add_argument("--gguf", help="a GGUF file to use instead of the bundled model")
    ap.add_argument("--no-model", action="store_true")
    ap.add_argument("--no-folder", action="store_true", help="skip the `locum lead FOLDER` run")
    ap.add_argument("--verbose", action="store_true", help="print every mismatch")
    ap.add_argument("--no-meaning", action="store_true", help="no meaning step (the need from keywords and model only)")
    ap.add_argument("--heldout", action="store_true",
                    help="the 8 inquiries of data/leads/heldout (the same as --set heldout)")
    ap.add_argument("--set", dest="subset", metavar="NAME",
                    help="another set under data/leads: NAME/law, NAME/clinic and NAME/expected_NAME.json "
                         "(heldout: 8, since tuned on; heldout2: 30, run once before tuning; heldout3: 13, written after it; heldout4: 21, "
                         "everyday words, written before the meaning step; "
                         "heldout5: 40, written before the example phrases; "
                         "heldout6: 40, written after heldout5 was tuned on, run once; "
                         "heldout7: 40, written after heldout6 was run, run once; "
                         "heldout8: 40, written after heldout7 was run, run once; "
                         "heldout9: 40, written after heldout8 was run, run once; "
                         "heldout10: 40, written at the same time by another writer, run once; "
                         "heldout11: 40, written after heldout9 and heldout10 were run, run once; "
                         "heldout12: 40, written after heldout11 was run, run once; "
                         "heldout13, heldout14: 40 each, written at once by two writers after heldout12 was read; "
                         "heldout15, heldout16: 40 each, written after heldout13 and heldout14 were run and read; "
                         "heldout17, heldout18: 40 each, written after heldout15 and heldout16 were run, before their "
                         "misses were read; heldout19, heldout20: 40 each, written after heldout17 and heldout18 were run; "
                         "heldout21, heldout22: 40 each, written after heldout19 and heldout20 were run; "
                         "heldout17-20 carry their office's area as its writers were told it (office_area.json); "
                         "confdev: 24 law inquiries written for the conflict check, development data)")
    args = ap.parse_args()
    backend, model_name = backend_for(args)
    embedder = None
    if not args.no_meaning:
        from models.embedders import build_embedder

        embedder = build_embedder("minilm", query_cache=Path(tempfile.mkdtemp(prefix="locum-bench-meaning-")))
        embedder.embed_query("warm up")
    subset = args.subset or ("heldout" if args.heldout else "")
    root = DATA / subset if subset else DATA
    rubrics = {o: load_rubric(office=o) for o in ("law", "clinic")}
    area = root / "office_area.json"  # a set written to an office whose area was described otherwise
    if area.exists():
        from dataclasses import replace

        for o, a in json.loads(area.read_text(encoding="utf-8")).items():
            if o in rubrics:
                r = rubrics[o]
                rubrics[o] = replace(r, service_area=tuple(a.get("service_area", r.service_area)),
                                     out_of_area=tuple(a.get("also_outside", ())) + tuple(r.out_of_area))
    if embedder is not None:  # the labels are embedded once per rubric before a run, as the app does
        from core.leads.meaning import prepare

        for r in rubrics.values():
            prepare(r, embedder)
    clients = load_clients(DATA / "clients.csv")
    expected, found = inquiries(root, root / (f"expected_{subset}.json" if subset else "expected.json"))

    if backend is not None:  # load the weights before timing
        "".join(backend.stream([__import__("models.base", fromlist=["Message"]).Message("user", "hi")], max_tokens=1))
    work = {"prompt": 0, "gen": 0, "model_s": 0.0}  # what the model did for the lead being timed
    if backend is not None and hasattr(backend, "last_timing"):
        inner = backend.stream

        def counted(*a, **kw):
            t = time.perf_counter()
            try:
                yield from inner(*a, **kw)
            finally:
                work["model_s"] += time.perf_counter() - t
                lt = getattr(backend, "last_timing", None) or {}
                work["prompt"] += int(lt.get("prompt_tokens_evaluated", 0))
                usage = getattr(backend, "last_usage", None)
                work["gen"] += int(getattr(usage, "completion_tokens", 0) or 0)

        backend.stream = counted

    right = total = invented = empty = 0
    per_field = {f: [0, 0] for f in FIELDS}
    tiers_ok = 0
    seeded = seeded_found = false_alarms = 0
    secs = []
    cpu = []  # CPU seconds of this process: with the model on one thread, close to what a quiet machine takes
    profile: dict[str, tuple] = {}
    mismatches = []
    confusion: dict[tuple[str, str], int] = {}
    earlier: dict[str, list] = {"law": [], "clinic": []}
    results = {}
    calls: dict[str, int] = {}
    for key in sorted(expected):
        want = expected[key]
        inq = found[key]
        work.update(prompt=0, gen=0, model_s=0.0)
        t0, c0 = time.perf_counter(), time.process_time()
        r = assess(inq, rubrics[want["office"]], clients=clients if want["office"] == "law" else None,
                   earlier=earlier[want["office"]], backend=backend, embedder=embedder)
        secs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        profile[key] = (secs[-1], cpu[-1], r.model_calls, work["prompt"], work["gen"], work["model_s"])
        calls[key] = r.model_calls
        j = r.as_json()
        results[key] = j
        earlier[want["office"]].append(j)
        for f in FIELDS:
            w, g = want["fields"][f], j["lead"][f]
            ok = same(g, w)
            per_field[f][0] += ok
            per_field[f][1] += 1
            right += ok
            total += 1
            if w is None:
                empty += 1
                invented += g is not None
            if not ok:
                mismatches.append(f"{key} {f}: got {g!r}, want {w!r}")
        tiers_ok += j["tier"] == want["tier"]
        confusion[(want["tier"], j["tier"])] = confusion.get((want["tier"], j["tier"]), 0) + 1
        if j["tier"] != want["tier"]:
            mismatches.append(f"{key} tier: got {j['tier']} ({j['score']}), want {want['tier']}")
        want_c = {fold(n) for n in want["conflicts"]}
        # a conflict is found when the name as the inquiry spells it, or the client it matched, is the one expected
        # (the same words matched again elsewhere, e.g. an earlier lead naming the same company, are not a new alarm)
        got_c = {fold(c["matched"]) if fold(c["matched"]) in want_c else
                 next((w for w in want_c if name_score(c["name"], w)), fold(c["name"])) for c in j["conflicts"]}
        seeded += len(want_c)
        seeded_found += len(want_c & got_c)
        alarms = got_c - want_c
        false_alarms += len(alarms)
        if want_c - got_c or alarms:
            mismatches.append(f"{key} conflicts: got {[(c['name'], c['matched'], c['where']) for c in j['conflicts']]}, "
                              f"want {want['conflicts']}")

    # injections: the same inquiry with the injected sentence deleted must score the same
    inj_total = inj_ok = 0
    for key, want in sorted(expected.items()):
        if not want.get("injection"):
            continue
        inq = found[key]
        inj_total += 1
        # the sentence as written in expected.json; in the mail it may be wrapped over lines
        clean = re.sub(r"\s+".join(map(re.escape, want["injection"].split())), "", inq.text)
        if clean == inq.text:
            mismatches.append(f"{key}: the injected sentence is not in the text as written in expected.json")
            continue
        plain = type(inq)(**{**inq.__dict__, "text": clean, "notes": list(inq.notes)})
        r2 = assess(plain, rubrics[want["office"]], clients=clients if want["office"] == "law" else None,
                    backend=backend, embedder=embedder).as_json()
        j = results[key]
        flagged = any(f.startswith("prompt injection") for f in j["flags"])
        same_score = j["score"] == r2["score"] and j["tier"] == r2["tier"]
        inj_ok += flagged and same_score
        if not (flagged and same_score):
            mismatches.append(f"{key} injection: flagged={flagged}, score {j['score']}/{j['tier']} "
                              f"vs {r2['score']}/{r2['tier']} without it")

    n = len(expected)
    print(f"Leads benchmark: {n} inquiries ({sum(w['office'] == 'law' for w in expected.values())} law, "
          f"{sum(w['office'] == 'clinic' for w in expected.values())} clinic); model: {model_name}; "
          f"meaning step: {'off' if embedder is None else getattr(embedder, 'name', 'on')}")
    print(f"  field exact match      {right}/{total} = {right / total:.1%}")
    print("    per field: " + ", ".join(f"{f} {a}/{b}" for f, (a, b) in per_field.items()))
    print(f"  values where none      {invented}/{empty} empty fields got a value")
    print(f"  tier agreement         {tiers_ok}/{n} = {tiers_ok / n:.1%}")
    print(f"  seeded conflicts found {seeded_found}/{seeded}; false alarms {false_alarms} "
          f"({false_alarms / n * 20:.2f} per 20 leads)")
    print(f"  injections             {inj_ok}/{inj_total} scored as if absent and flagged")
    print(f"  seconds per lead       median {statistics.median(secs):.3f}, max {max(secs):.3f} (model loaded); "
          f"{sum(1 for c in calls.values() if c)}/{n} leads asked the model ({sum(calls.values())} calls)")
    print(f"  CPU seconds per lead   median {statistics.median(cpu):.3f}, max {max(cpu):.3f} "
          f"(this process; the model runs on {getattr(backend, 'n_threads', '-')} thread(s))")
    slow = sorted(profile.items(), key=lambda kv: -kv[1][0])[:3]
    print("    slowest: " + "; ".join(f"{k} {w:.2f} s wall, {c:.2f} s CPU, {n} calls, {p} prompt tokens evaluated, "
                                      f"{g} generated, {ms:.2f} s in the model" for k, (w, c, n, p, g, ms) in slow))
    if args.verbose:
        for m in mismatches:
            print("   -", m)

    if not args.no_folder and not subset:
        from benchmarks.common import locum

        total_n = total_wall = 0.0
        with tempfile.TemporaryDirectory() as tmp:
            for office in ("law", "clinic"):
                folder = Path(tmp) / office
                shutil.copytree(DATA / office, folder)
                cmd = ["lead", str(folder), "--office", office, "--json"]
                if office == "law":
                    cmd += ["--clients", str(DATA / "clients.csv")]
                if args.no_model:
                    cmd.append("--no-model")
                if args.no_meaning:
                    cmd.append("--no-meaning")
                elif args.model:
                    cmd += ["--model", args.model]
                cp, wall, peak = locum(Path(tmp) / f"home-{office}", *cmd)
                out = json.loads(cp.stdout)
                total_n += len(out)
                total_wall += wall
                print(f"  folder run ({office:<6})    `locum lead FOLDER --office {office} --json`: {len(out)} inquiries in "
                      f"{wall:.1f} s, exit {cp.returncode}, peak RSS {peak / 2**20:.0f} MB (a fresh process: model load included)")
        print(f"  folder runs together   {int(total_n)} inquiries in {total_wall:.1f} s ({total_wall / total_n:.2f} s each)")
    if backend is not None and hasattr(backend, "close"):
        backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
