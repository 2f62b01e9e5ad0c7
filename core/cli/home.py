"""The home's commands: erase (delete what Locum created under its home, nothing else)."""
from __future__ import annotations

import json
import sys


def add_parsers(sub) -> None:
    s = sub.add_parser("erase", help="delete everything Locum created under its home (your own files there stay)")
    s.add_argument("--yes", action="store_true", help="really delete; without it, list what would go and exit 1")
    s.add_argument("--json", action="store_true")


def run(args, settings) -> int:
    from core.appdata import erase_everything, plan_erase

    if not args.yes:
        from core.appdata import KEY_ENTRY
        from core.privacy.policy import KeyStore

        plan = plan_erase(settings.home)
        key = KeyStore(settings.home).in_keyring  # outside the home, but this home's: it goes too
        if args.json:
            print(json.dumps({"would_delete": plan.deleted, "would_leave": plan.left, "key": key}))
        else:
            for p in plan.deleted:
                print(f"would delete: {p}")
            if key:
                print(f"would delete: {KEY_ENTRY}")
            for p in plan.left:
                print(f"would leave (not Locum's): {p}")
        if plan.deleted:
            print(f"locum: nothing erased; run `locum erase --yes` to delete the {len(plan.deleted)} item(s) listed.",
                  file=sys.stderr)
        else:
            print(f"locum: nothing of Locum's is in {settings.home}.", file=sys.stderr)
        return 1

    from core.appdata import KEY_ENTRY
    from core.services import Services

    report = erase_everything(Services(settings))
    if args.json:
        print(json.dumps({"deleted": report.deleted, "left": report.left, "failed": report.problems,
                          "key": report.key}))
    else:
        for p in report.deleted:
            print(f"deleted: {p}")
        if report.key == "deleted":
            print(f"deleted: {KEY_ENTRY}")
        for p in report.left:
            print(f"left (not Locum's): {p}")
        for p in report.problems:
            print(f"failed: {p}")
    return 2 if report.problems else 0
