"""The ``locum`` command: everything the app does, headless.

Exit status: 0 done; 1 the request could not be done (one clear line on stderr, no
traceback); 2 done, but some inputs failed (each named in the output).
"""
from __future__ import annotations

import argparse
import logging
import signal
import sys

from core.errors import LocumError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="locum", description="Locum: a private document assistant that stays on this computer.")
    p.add_argument("--home", help="keep every file Locum writes under this folder (same as LOCUM_HOME)")
    p.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    from core.cli import ask, audit, extract, home, lead, library, models

    library.add_parsers(sub)
    ask.add_ask_parser(sub)
    extract.add_extract_parser(sub)
    lead.add_lead_parser(sub)
    models.add_models_parser(sub)
    home.add_parsers(sub)
    audit.add_audit_parser(sub)
    return p


def run(args, settings) -> int:
    from core.cli import library

    if args.command == "ask":
        from core.cli.ask import run_ask
        from core.services import Services

        services = Services(settings)
        try:
            return run_ask(args, services)
        finally:
            services.close()
    if args.command == "audit":
        from core.cli.audit import run_audit

        return run_audit(args, settings)
    if args.command == "extract":
        from core.cli.extract import run_extract

        return run_extract(args, settings)
    if args.command == "lead":
        from core.cli.lead import run_lead

        return run_lead(args, settings)
    if args.command == "models":
        from core.cli.models import run_models

        return run_models(args, settings)
    if args.command == "erase":
        from core.cli import home

        return home.run(args, settings)
    return library.run(args, settings)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    if argv is None and hasattr(signal, "SIGPIPE"):
        # As the process itself (`locum search ... | head`), end quietly when the reader goes.
        # Called in-process (tests, scripts) it must not change the host's signal handling:
        # a later write to any closed pipe would kill the whole host process.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    from core.settings import Settings

    try:
        settings = Settings.load(args.home)
        if settings.load_warning:
            print(f"locum: {settings.load_warning}", file=sys.stderr)
        return run(args, settings)
    except LocumError as e:
        msg = str(e)
        if e.action:
            msg += " " + e.action
        print(f"locum: {msg}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("locum: cancelled", file=sys.stderr)
        return 1
    except Exception as e:  # a bug: one line for the user, the traceback only with -v
        logging.getLogger("locum").debug("unexpected error", exc_info=True)
        print(f"locum: unexpected error ({type(e).__name__}: {e}). Run with -v for details.", file=sys.stderr)
        if args.verbose:
            import traceback

            traceback.print_exc()
        return 1


if __name__ == "__main__":
    sys.exit(main())
