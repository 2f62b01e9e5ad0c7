"""The library's commands: index, sync, remove, status, search."""
from __future__ import annotations

import json
import os
import sys
import time

from core.errors import LocumError


def add_parsers(sub) -> None:
    s = sub.add_parser("index", help="add folders or files to the library and sync them")
    s.add_argument("paths", nargs="+", metavar="PATH")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("sync", help="re-scan every library folder")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("remove", help="take a folder or file out of the library and erase its data")
    s.add_argument("path", metavar="PATH")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("status", help="what the library holds")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("search", help="find passages (keyword + meaning)")
    s.add_argument("query", nargs="?", metavar="QUERY")
    s.add_argument("-k", type=int, default=10)
    s.add_argument("--json", action="store_true")
    s.add_argument("--batch", metavar="QUERIES.jsonl", help='read lines {"id","text"}, write lines {"id","hits"}')
    s.add_argument("--mode", choices=["hybrid", "vector", "keyword"], default="hybrid")
    s.add_argument("--folder", help="only files in this folder (a library folder or one inside it, sub-folders included)")
    s.add_argument("--type", dest="types", action="append", default=[], help="only this file type (pdf, docx, ...); repeatable")
    s.add_argument("--after", help="only files modified on or after this date (YYYY-MM-DD)")
    s.add_argument("--before", help="only files modified on or before this date (YYYY-MM-DD)")



def _date(s: str | None, end: bool = False) -> float | None:
    if not s:
        return None
    from datetime import datetime, timedelta

    try:
        d = datetime.strptime(s, "%Y-%m-%d")
    except ValueError:
        raise LocumError(f"{s!r} is not a date; use YYYY-MM-DD.") from None
    return (d + timedelta(days=1)).timestamp() - 1 if end else d.timestamp()


class _ProgressLine:
    """One updating line on stderr when it is a terminal; silent otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, ev) -> None:
        if not self.tty or time.monotonic() - self.last < 0.2:
            return
        self.last = time.monotonic()
        eta = f", about {int(ev.eta_seconds)} s left" if ev.eta_seconds else ""
        name = os.path.basename(ev.current_file)[:40]
        sys.stderr.write(f"\r{ev.stage}: {ev.files_done}/{ev.files_total} files, {ev.chunks} chunks{eta}  {name}\x1b[K")
        sys.stderr.flush()

    def done(self) -> None:
        if self.tty:
            sys.stderr.write("\r\x1b[K")


def _drive(gen):
    show = _ProgressLine()
    try:
        while True:
            try:
                show(next(gen))
            except StopIteration as stop:
                return stop.value
    except KeyboardInterrupt:
        gen.close()
        show.done()
        raise LocumError("Cancelled. Files finished so far are kept; run `locum sync` to finish the rest.") from None
    finally:
        show.done()


def _print_report(report, as_json: bool) -> int:
    if as_json:
        print(json.dumps(report.as_json()))
    else:
        print(f"added {report.added}, updated {report.updated}, removed {report.removed}, "
              f"unchanged {report.unchanged}, chunks {report.chunks}")
        for f in report.failed:
            print(f"failed: {f.path}: {f.error}")
        for w in report.warnings:
            print(f"warning: {w.path}: {w.warning}")
    return 2 if report.failed else 0


def run(args, settings) -> int:
    from core.services import Library

    lib = Library(settings)
    try:
        return _run(args, settings, lib)
    finally:
        lib.close()  # in-process callers (scripts, tests) get their threads and files back


def _run(args, settings, lib) -> int:
    cmd = args.command
    if cmd == "index":
        return _print_report(_drive(lib.index(args.paths)), args.json)
    if cmd == "sync":
        return _print_report(_drive(lib.sync()), args.json)
    if cmd == "remove":
        from core.services import Services

        services = Services(settings)  # the index and every record store that quotes documents
        done = services.remove(args.path)
        if args.json:
            print(json.dumps({"removed": done.files, "records_erased": done.records}))
        else:
            print(f"removed {done.files} file(s) from the library and erased their data"
                  + (f"; erased their text from {done.records} saved answer(s)" if done.records else ""))
        return 0
    if cmd == "status":
        st = lib.status()
        if args.json:
            print(json.dumps(st.as_json()))
        else:
            no_text = f", {st.no_text} with no text found" if st.no_text else ""
            print(f"{st.files} files, {st.chunks} chunks, {st.failed} failed{no_text}")
            for f in st.folders:
                print(f"  {f}")
        return 0
    if cmd == "search":
        from core.library.search import SearchFilter

        flt = SearchFilter(folder=args.folder, file_types=tuple(args.types),
                           modified_after=_date(args.after), modified_before=_date(args.before, end=True))
        if args.batch:
            return _search_batch(lib, args, flt)
        if not args.query:
            raise LocumError("Give a query, e.g. locum search \"retainer fee\".")
        hits = lib.search(args.query, args.k, flt, args.mode)
        if args.json:
            print(json.dumps([h.as_json() for h in hits]))
        else:
            if not hits:
                print("no results")
            for h in hits:
                page = f" p.{h.page}" if h.page else ""
                snippet = " ".join(h.text.split())[:160]
                print(f"{h.score:.4f}  {h.path}{page}\n        {snippet}")
        return 0
    raise LocumError(f"Unknown command {cmd}.")


def _search_batch(lib, args, flt) -> int:
    src = sys.stdin if args.batch == "-" else open(args.batch, encoding="utf-8")
    with src:
        for line in src:
            if not line.strip():
                continue
            q = json.loads(line)
            hits = lib.search(q["text"], args.k, flt, args.mode)
            sys.stdout.write(json.dumps({"id": q["id"], "hits": [h.as_json() for h in hits]}) + "\n")
    return 0
