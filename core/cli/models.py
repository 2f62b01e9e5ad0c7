"""``locum models``: list, add, use and download chat models.

Wired into ``core/cli/main.py`` as ``args.command == "models"``; everything goes through
:class:`core.chat.service.ChatModels`, as the window's Models page does. Exit status per the CLI
contract: 0 done, 1 not done (one clear line on stderr, no traceback).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

from core.errors import LocumError

if TYPE_CHECKING:  # the chat machinery loads only when a models command runs, not for --help
    from core.settings import Settings


def add_models_parser(subparsers: Any) -> None:
    p = subparsers.add_parser("models", help="list, add, choose and download chat models",
                              description="Manage the local chat models (GGUF files).")
    # A separate dest: argparse lets a subcommand's defaults overwrite the parent's.
    p.add_argument("--json", dest="models_json", action="store_true", help="print JSON")
    sub = p.add_subparsers(dest="models_command", metavar="{list,add,use,download}")

    s = sub.add_parser("list", help="bundled, added and recommended models (the default)")
    s.add_argument("--json", action="store_true", help="print JSON")

    s = sub.add_parser("add", help="check a .gguf file and add it (the file stays where it is)")
    s.add_argument("file", metavar="FILE.gguf")
    s.add_argument("--name", help="name to use it by (default: from the file name)")
    s.add_argument("--force", action="store_true", help="add it even if it does not fit in free memory now")
    s.add_argument("--json", action="store_true", help="print JSON")

    s = sub.add_parser("use", help="make NAME the chat model")
    s.add_argument("name", metavar="NAME")
    s.add_argument("--force", action="store_true", help="choose it even if it does not fit in free memory now")
    s.add_argument("--json", action="store_true", help="print JSON")

    s = sub.add_parser("download", help="download a recommended model (resumable; Ctrl-C to stop)")
    s.add_argument("name", metavar="NAME")
    s.add_argument("--json", action="store_true", help="print JSON")


def run_models(args: argparse.Namespace, settings: Settings, *, out: TextIO | None = None,
               err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    as_json = bool(getattr(args, "json", False) or getattr(args, "models_json", False))
    command = getattr(args, "models_command", None) or "list"
    try:
        if command == "list":
            return _list(settings, as_json, out)
        if command == "add":
            return _add(args, settings, as_json, out, err)
        if command == "use":
            return _use(args, settings, as_json, out, err)
        if command == "download":
            return _download(args, settings, as_json, out, err)
        print(f"locum models: unknown command {command!r}", file=err)
        return 1
    except LocumError as e:
        print(_one_line(e), file=err)
        return 1
    except OSError as e:
        print(f"locum models: {e.strerror or e}{': ' + str(e.filename) if e.filename else ''}", file=err)
        return 1


def _one_line(e: LocumError) -> str:
    text = str(e)
    if e.action:
        text = f"{text} {e.action}"
    return " ".join(text.split())


def _size(n: int | None) -> str:
    if not n:
        return "-"
    if n >= 1e9:
        return f"{n / 1e9:.1f} GB"
    return f"{n / 1e6:.0f} MB"


def _list(settings: Settings, as_json: bool, out: TextIO) -> int:
    from core.chat.service import ChatModels

    rows = ChatModels(settings).list()
    if as_json:
        json.dump([r.to_dict() for r in rows], out, indent=2)
        out.write("\n")
        return 0
    print(f"  {'NAME':<24} {'KIND':<12} {'SIZE':>8} {'RAM':>8}  {'QUANT':<7} {'CONTEXT':>7}  TITLE", file=out)
    for r in rows:
        mark = "*" if r.active else " "
        size = ("~" if not r.size_exact else "") + _size(r.size_bytes)
        state = ""
        if r.kind == "recommended":
            state = " (downloaded)" if r.downloaded else (
                f" (partly downloaded: {_size(r.partial_bytes)})" if r.partial_bytes else "")
        print(f"{mark} {r.name:<24} {r.kind:<12} {size:>8} {_size(r.ram_needed_bytes):>8}  {r.quantization:<7} "
              f"{r.context_length or '-':>7}  {r.title}{state}", file=out)
    active = next((r for r in rows if r.active), None)
    if active is not None and active.note:
        print(f"\nNote: {active.note}", file=out)
    print("\n* = the model Locum uses. Download a recommended one with `locum models download NAME`.", file=out)
    return 0


def _add(args: argparse.Namespace, settings: Settings, as_json: bool, out: TextIO, err: TextIO) -> int:
    from core.chat.service import ChatModels

    res = ChatModels(settings).add(args.file, name=args.name, force=args.force)
    if as_json:
        json.dump(res.to_dict(), out, indent=2)
        out.write("\n")
    else:
        e = res.entry
        if res.already_added:
            print(f"Already added as {e.name} ({e.path}).", file=out)
        else:
            print(f"Added {e.name}: {e.title}, {e.architecture}, {e.parameters} parameters, {e.quantization}, "
                  f"context {e.context_length or '?'}, about {_size(res.ram.needed_bytes)} of memory.", file=out)
            print(f"Use it with `locum models use {e.name}`.", file=out)
    if res.ram.message:
        print(f"Warning: {res.ram.message}", file=err)
    return 0


def _use(args: argparse.Namespace, settings: Settings, as_json: bool, out: TextIO, err: TextIO) -> int:
    from core.chat import manager as model_manager
    from core.chat.service import ChatModels

    entry, ram = ChatModels(settings).use(args.name, force=args.force)
    note = model_manager.model_note(entry)
    if as_json:
        json.dump({"using": entry.name, "model": entry.to_dict(), "warning": ram.message or None, "note": note},
                  out, indent=2)
        out.write("\n")
    else:
        print(f"Now using {entry.name} ({entry.title}).", file=out)
    if note and not as_json:
        print(f"Note: {note}", file=err)
    if ram.message:
        print(f"Warning: {ram.message}", file=err)
    return 0


class _Progress:
    """One updating line on a terminal; a line every 10% otherwise (logs, CI)."""

    def __init__(self, err: TextIO) -> None:
        self.err = err
        self.tty = hasattr(err, "isatty") and err.isatty()
        self.last_step = -1
        self.last_draw = 0.0

    def show(self, ev: Any) -> None:
        if ev.phase == "connecting":
            if ev.resumed_from:
                print(f"Resuming from {_size(ev.resumed_from)}...", file=self.err)
            return
        frac = ev.fraction
        pct = f"{frac * 100:5.1f}%" if frac is not None else "   ?  "
        text = f"{ev.phase:<11} {pct}  {_size(ev.done_bytes)} of {_size(ev.total_bytes)}"
        if self.tty:
            now = time.monotonic()
            if now - self.last_draw > 0.1 or ev.phase != "downloading":
                self.err.write("\r" + text.ljust(60))
                self.err.flush()
                self.last_draw = now
        else:
            step = int((frac or 0) * 10)
            if step != self.last_step or ev.phase == "done":
                print(text, file=self.err)
                self.last_step = step

    def end(self) -> None:
        if self.tty:
            self.err.write("\n")
            self.err.flush()


def _download(args: argparse.Namespace, settings: Settings, as_json: bool, out: TextIO, err: TextIO) -> int:
    from core.chat.service import ChatModels

    gen = ChatModels(settings).download(args.name)
    progress = _Progress(err)
    try:
        while True:
            try:
                ev = next(gen)
            except StopIteration as stop:
                res = stop.value
                break
            progress.show(ev)
    except KeyboardInterrupt:
        gen.close()
        progress.end()
        print(f"Download cancelled; run `locum models download {args.name}` again to resume.", file=err)
        return 1
    except LocumError:
        progress.end()
        raise
    progress.end()
    if as_json:
        json.dump({"downloaded": res.entry.path, **res.to_dict()}, out, indent=2)
        out.write("\n")
    else:
        print(f"Downloaded and added {res.entry.name} ({res.entry.path}).", file=out)
        print(f"Use it with `locum models use {res.entry.name}`.", file=out)
    if res.ram.message:
        print(f"Warning: {res.ram.message}", file=err)
    return 0
