"""``locum audit``: what was sent to the cloud backend, request by request."""
from __future__ import annotations

import json


def add_audit_parser(sub) -> None:
    p = sub.add_parser("audit", help="show what was sent to the cloud backend, request by request")
    p.add_argument("--json", action="store_true", help="print the entries as JSON")
    p.add_argument("--full", action="store_true", help="print the whole text sent and received")


def run_audit(args, settings) -> int:
    from core.privacy.audit import AuditLog, image_line

    entries = AuditLog(settings.audit_path).entries()
    if args.json:
        print(json.dumps([e.to_json() for e in entries], indent=2, ensure_ascii=False))
        return 0
    if not entries:
        print("Nothing has been sent to a cloud backend.")
        return 0
    for e in entries:
        cost = f"~${e.cost_usd:.4f}" if e.cost_usd is not None else "cost unknown"
        tokens = f"{e.input_tokens or 0} in / {e.output_tokens or 0} out tokens"
        print(f"#{e.id} {e.time} {e.feature} {e.model}: {e.chars_sent} chars sent "
              f"({'redacted, ' + str(e.placeholders) + ' placeholders' if e.redacted else 'not redacted'}), "
              f"{tokens}, {cost}, {e.status}")
        for s in e.sources:
            print(f"    from {s}")
        for i in e.images:
            print(f"    picture sent, not redacted: {image_line(i)}")
        if args.full:
            print("  sent:\n" + e.sent + "\n  reply:\n" + e.reply)
    return 0
