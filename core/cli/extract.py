"""`locum extract`: fill a template's fields from documents, each value with its page and source.

stdout carries the fields (or one JSON list with ``--json``); progress notes go to stderr.
Results are also kept under the home (``extract.sqlite``) for review in the window.
"""
from __future__ import annotations

import json
import sys

from core.errors import LocumError


def add_extract_parser(sub) -> None:
    s = sub.add_parser("extract", help="read fields (intake, referral, invoice, receipt...) from documents")
    s.add_argument("files", nargs="*", metavar="FILE")
    g = s.add_mutually_exclusive_group()
    g.add_argument("--template", metavar="NAME", help="built-in or user template (default: client_intake)")
    g.add_argument("--schema", metavar="FILE.json", help="your own JSON Schema of the fields to read")
    s.add_argument("--list-templates", action="store_true", help="list the built-in and user templates")
    s.add_argument("--json", action="store_true",
                   help='print [{"file","template","fields":{NAME:{"value","page","source","confidence"}},"errors"}]')
    s.add_argument("--model", metavar="NAME", help="chat model for fields the ranking leaves open (see `locum models`)")
    s.add_argument("--no-ocr", action="store_true", help="do not recognise text in scans and pictures")
    s.add_argument("--max-pages", type=int, default=30, help="read at most this many pages per document (default 30)")


def chat_backend(settings, name: str | None = None):
    """The checked chat backend for choosing among candidates (core.chat.service does the
    file, template and memory checks); the weights load only if a field needs the model."""
    return chat_for_extract(settings, name)[0]


def chat_for_extract(settings, name: str | None = None):
    """(backend, capable): ``capable`` when the model may also write values with a checked
    quote (a larger GGUF, a catalog model, Claude; not the bundled 135M model)."""
    from core.chat.service import ChatModels

    prepared = ChatModels(settings).prepare(name)
    return prepared.backend, prepared.capable


def _template(args, settings):
    from core.forms.templates import get_template, load_schema_file

    if args.schema:
        return load_schema_file(args.schema)
    return get_template(args.template or "client_intake", settings.forms_dir)


def _list_templates(args, settings) -> int:
    from core.forms.templates import list_templates

    templates = list_templates(settings.forms_dir)
    if args.json:
        print(json.dumps([t.as_json() for t in templates], ensure_ascii=False))
        return 0
    for t in templates:
        print(f"{t.name:<18} {t.title} ({t.source}): {', '.join(f.name for f in t.fields)}")
    return 0


def _show(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return f"{len(value)} line(s)"
    if isinstance(value, list):
        return "; ".join(map(str, value)) or "(none)"
    return str(value)


def run_extract(args, settings, backend=None) -> int:
    from core.forms.engine import extract_document
    from core.forms.records import ExtractProgress
    from core.forms.store import ResultsStore

    if args.list_templates:
        return _list_templates(args, settings)
    if not args.files:
        raise LocumError("Give one or more files, e.g. locum extract intake.pdf --template client_intake")
    if args.max_pages < 1:
        raise LocumError("--max-pages must be at least 1.")
    template = _template(args, settings)
    write = False
    if backend is None:
        backend, write = chat_for_extract(settings, args.model)
    store = ResultsStore(settings.extract_path)
    results = []
    for path in args.files:
        gen = extract_document(path, template, backend, ocr=not args.no_ocr, max_pages=args.max_pages, write=write)
        try:
            while True:
                try:
                    ev = next(gen)
                except StopIteration as stop:
                    result = stop.value
                    break
                if isinstance(ev, ExtractProgress) and ev.stage == "choosing" and not args.json:
                    print(f"note: {path}: asking the model to choose {ev.detail}", file=sys.stderr)
        except KeyboardInterrupt:
            gen.close()
            raise LocumError("Cancelled; the documents done so far are saved.") from None
        except LocumError as e:  # a model that fails to load: this file fails, the batch goes on
            from core.forms.records import ExtractionResult, FieldValue

            result = ExtractionResult(str(path), template.name, {f.name: FieldValue(f.name) for f in template.fields},
                                      [str(e)], failed=True)
        if not result.failed:
            store.save(result)
        results.append(result)

    if args.json:
        print(json.dumps([r.as_json() for r in results], ensure_ascii=False))
    else:
        for r in results:
            print(f"{r.file} ({r.template})")
            width = max((len(n) for n in r.fields), default=0)
            for name, fv in r.fields.items():
                where = f"  p.{fv.page}" if fv.page is not None and fv.value is not None else ""
                conf = f"  {fv.confidence:.2f}" if fv.value is not None else ""
                flag = "  [check: " + "; ".join(fv.notes or ("low confidence",)) + "]" if fv.flagged else ""
                print(f"  {name:<{width}}  {_show(fv.value)}{where}{conf}{flag}")
            for e in r.errors:
                print(f"  ! {e}")
    return 2 if any(r.failed for r in results) else 0
