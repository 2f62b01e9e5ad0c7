"""Export reviewed results: CSV (one row per document) and JSON (one object per document)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Sequence

from core.forms.store import StoredResult
from core.fsutil import atomic_write_text


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return json.dumps(value, ensure_ascii=False)
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.2f}" if abs(value - round(value, 2)) < 1e-9 else str(value)
    return str(value)


def csv_text(results: Sequence[StoredResult]) -> str:
    """file, template, then one column per field (the reviewer's value where edited), then flags."""
    names: list[str] = []
    for r in results:
        for n in r.result.fields:
            if n not in names:
                names.append(n)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["file", "template", *names, "needs_review", "errors"])
    for r in results:
        flagged = [n for n, fv in r.result.fields.items()
                   if fv.flagged and not (r.reviews.get(n) and r.reviews[n].reviewed)]
        w.writerow([r.result.file, r.result.template,
                    *[_cell(r.effective(n)) if n in r.result.fields else "" for n in names],
                    "; ".join(flagged), "; ".join(r.result.errors)])
    return buf.getvalue()


def json_text(results: Sequence[StoredResult]) -> str:
    return json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2)


def to_csv(results: Sequence[StoredResult], path: str | Path) -> None:
    atomic_write_text(path, csv_text(results))


def to_json(results: Sequence[StoredResult], path: str | Path) -> None:
    atomic_write_text(path, json_text(results))
