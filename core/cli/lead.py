"""`locum lead`: an inquiry (file, folder, or stdin with "-") to a lead note: fields, fit score
with reasons, conflict check, draft reply.

One file or "-" prints one object (``--json``); a folder, an .mbox or a web-form CSV with
several rows prints a JSON list, one object per inquiry. Exit 0 done; 1 nothing could be done
(one line on stderr); 2 done, but some inquiries failed (each named in the output).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from core.errors import LocumError, ModelLoadError


def add_lead_parser(sub) -> None:
    s = sub.add_parser("lead", help="score an inquiry (e-mail, pasted text, web-form CSV) as a lead and draft a reply")
    s.add_argument("path", metavar="FILE|FOLDER|-", help="an .eml/.msg/.mbox/.txt/.csv file, a folder of them, or - for stdin")
    s.add_argument("--rubric", metavar="RUBRIC.json", help="the office's criteria (default: the built-in law firm rubric)")
    s.add_argument("--office", choices=["law", "clinic"], default="law", help="which built-in rubric (default law)")
    s.add_argument("--clients", metavar="CLIENTS.csv", help="clients and parties to check for conflicts (a name column)")
    s.add_argument("--json", action="store_true", help="print the lead note(s) as JSON")
    s.add_argument("--model", metavar="NAME", help="chat model for what the rules leave open (see `locum models`)")
    s.add_argument("--no-model", action="store_true", help="rules and keywords only, no chat model")
    s.add_argument("--no-meaning", action="store_true",
                   help="do not read the need by meaning (the sentence embedder) when no keyword names it")


class _LazyBackend:
    """The chat backend, built on first use: an inquiry the rules decide never loads the weights."""

    def __init__(self, settings, name):
        self.settings, self.model_name, self._b = settings, name, None

    def _get(self):
        if self._b is None:
            from core.cli.extract import chat_backend

            self._b = chat_backend(self.settings, self.model_name)
        return self._b

    @property
    def name(self):
        return self._get().name

    def stream(self, *a, **k):
        return self._get().stream(*a, **k)

    def close(self):
        if self._b is not None and hasattr(self._b, "close"):
            self._b.close()


def _failed(source: str, error: str) -> dict:
    return {"file": source, "lead": None, "score": None, "tier": None, "reasons": [], "conflicts": [],
            "draft_reply": "", "flags": [], "errors": [error]}


def _embedder(settings):
    """The library's sentence embedder, built as the library builds it (queries through the
    checked ONNX export, no torch); None when it cannot load: the rules go on without it."""
    from models.embedders import build_embedder

    try:
        return build_embedder(settings.embedder, runtime=settings.embedder_runtime, fake=settings.fake_backends,
                              query_cache=settings.cache_dir / "query-embedder")
    except Exception as e:
        print(f"locum: the embedder did not load ({e}); the need is read from keywords only.", file=sys.stderr)
        return None


def run_lead(args, settings, backend=None, embedder=None) -> int:
    from core.leads import intake
    from core.leads.assess import assess
    from core.leads.conflicts import load_clients
    from core.leads.rubric import load_rubric

    rubric = load_rubric(args.rubric, office=args.office)
    clients = load_clients(args.clients) if args.clients else None
    failures: list[dict] = []
    if args.path == "-":
        text = sys.stdin.read()
        inquiries = [intake.inquiry_from_text(text, source="-")]
        many = False
    else:
        p = Path(args.path)
        if not p.exists():
            raise LocumError(f"{p} does not exist.")
        if p.is_dir():
            inquiries, errors = intake.read_folder(p)
            failures = [_failed(getattr(e, "path", str(p)), str(e)) for e in errors]
            if not inquiries and not failures:
                raise LocumError(f"{p} holds no inquiry files (.eml, .msg, .mbox, .txt, .csv).")
            many = True
        else:
            inquiries = intake.read_inquiries(p)
            many = len(inquiries) > 1 or p.suffix.lower() in (".mbox", ".csv")
    own = backend is None and not args.no_model
    lazy = None
    if own:
        backend = lazy = _LazyBackend(settings, args.model)
    elif args.no_model:
        backend = None
    if embedder is None and not getattr(args, "no_meaning", False):
        embedder = _embedder(settings)
    if embedder is not None and len(inquiries) > 1:  # a folder: the rubric's labels once, up front
        from core.leads.meaning import prepare

        prepare(rubric, embedder)
    results = []
    earlier: list[dict] = []
    model_error = ""
    try:
        for inq in inquiries:
            try:
                try:
                    r = assess(inq, rubric, clients=clients, earlier=list(earlier), backend=backend,
                               embedder=embedder).as_json()
                except ModelLoadError as e:
                    # the rules do most of the work: go on without the model, and say so once
                    print(f"locum: {e} Going on with the rules and keywords only.", file=sys.stderr)
                    backend, model_error = None, f"No model was used: {e}"
                    r = assess(inq, rubric, clients=clients, earlier=list(earlier), backend=None,
                               embedder=embedder).as_json()
            except LocumError as e:
                r = _failed(inq.source, str(e))
            if model_error and r.get("lead") is not None:
                r["errors"].append(model_error)
            results.append(r)
            if r.get("lead"):
                earlier.append(r)
    finally:
        if own and lazy is not None:
            lazy.close()
    # the failed files in name order among the rest
    out = sorted(results + failures, key=lambda r: str(r["file"])) if failures else results
    if args.json:
        print(json.dumps(out if many else out[0], ensure_ascii=False, indent=None))
    else:
        for r in out:
            _print(r)
    return 2 if any(r.get("lead") is None for r in out) else 0


def _print(r: dict) -> None:
    print(f"{r['file']}")
    if r.get("lead") is None:
        for e in r["errors"]:
            print(f"  ! {e}")
        return
    print(f"  {r['tier'].upper()}  score {r['score']}")
    for k, v in r["lead"].items():
        if v is not None and k != "description":
            flag = "  [check]" if r["fields"][k]["flagged"] else ""
            print(f"  {k:<18} {v}{flag}")
    for reason in r["reasons"]:
        q = f'  "{reason["quote"]}"' if reason["quote"] else ""
        print(f"  {reason['points']:+4d}  {reason['criterion']}: {reason['detail']}{q}")
    for c in r["conflicts"]:
        print(f"  ! possible conflict: {c['name']} ~ {c['matched']} ({c['where']}: {c['detail']})")
    for f in r["flags"]:
        print(f"  ! {f}")
    for e in r["errors"]:
        print(f"  ! {e}")
    if r["draft_reply"]:
        print("  draft reply:")
        for line in r["draft_reply"].splitlines():
            print(f"    {line}")
