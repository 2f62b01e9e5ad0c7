"""A morning's inquiries into the pipeline: read each file, assess each inquiry, keep it.

A generator, like indexing and extraction: it yields a ``LeadProgress`` before and after
each inquiry (the place to report and to stop) and returns a ``RunReport``. Each inquiry is
kept in its own transaction as soon as it is assessed, so a cancelled run keeps the ones
already done and nothing half-saved. A file that cannot be read fails alone.

While an inquiry is assessed, the pipeline notes which documents and earlier inquiries the
conflict check looked at, so that each conflict is kept with the paths it was found in:
removing one of them from Locum then takes that conflict out (``LeadsStore.erase_source``).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Callable, Generator, Iterable, Sequence

from core.errors import LocumError
from core.fsutil import files_under
from core.leads.store import LeadsStore, file_of, inquiry_key

INQUIRY_SUFFIXES = frozenset({".eml", ".msg", ".mbox", ".csv", ".txt"})


@dataclass(frozen=True)
class LeadProgress:
    stage: str  # "reading" (a file) | "assessing" (an inquiry) | "kept" | "failed"
    done: int  # inquiries finished so far (kept or failed)
    total: int  # inquiries found so far (grows while files are read)
    source: str = ""
    detail: str = ""
    lead_id: int | None = None


@dataclass
class RunReport:
    added: list[int] = field(default_factory=list)  # new leads
    updated: list[int] = field(default_factory=list)  # an inquiry already kept, read again
    duplicates: list[tuple[int, list[int]]] = field(default_factory=list)  # lead -> leads with its e-mail/phone
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file or source, why)

    @property
    def leads(self) -> list[int]:
        return self.added + self.updated

    def as_json(self) -> dict:
        return {"added": self.added, "updated": self.updated,
                "duplicates": [{"lead": a, "same_contact_as": b} for a, b in self.duplicates],
                "failed": [{"source": s, "error": e} for s, e in self.failed]}


def expand_paths(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """Inquiry files to read (folders walked, hidden entries skipped, sorted, each once), and
    the paths that are not inquiry files."""
    files, skipped = files_under(paths, INQUIRY_SUFFIXES)
    return list(dict.fromkeys(files)), skipped


class LibraryProbe:
    """Wraps the library search the conflict check is given and keeps every hit, so each
    conflict found in the library can be traced to the documents it came from."""

    def __init__(self, search: Callable[[str], list]) -> None:
        self._search = search
        self.hits: dict[str, list] = {}

    def __call__(self, name: str) -> list:
        hits = list(self._search(name) or [])
        self.hits.setdefault(name, []).extend(hits)
        return hits

    def paths_for(self, conflict: dict) -> list[str]:
        name, matched = str(conflict.get("name") or ""), str(conflict.get("matched") or "").lower()
        hits = self.hits.get(name) or [h for hs in self.hits.values() for h in hs]
        quoted = [h for h in hits if matched and matched in str(getattr(h, "text", "")).lower()]
        # When no hit can be told apart, every document the check looked at is named: a
        # removal of any of them then takes the conflict out (too much, never too little).
        chosen = quoted or hits or [h for hs in self.hits.values() for h in hs]
        return sorted({str(h.path) for h in chosen})


def _earlier_sources(conflict: dict, earlier: Sequence[dict]) -> list[str]:
    """The earlier inquiries a "leads" conflict quotes (their keys)."""
    matched = str(conflict.get("matched") or "").strip().lower()
    found = []
    for d in earlier:
        text = json.dumps({k: d.get(k) for k in ("lead", "inquiry", "file")}, ensure_ascii=False).lower()
        if matched and matched in text:
            found.append(inquiry_key(d))
    if not found:  # cannot tell which: every earlier inquiry (see LibraryProbe.paths_for)
        found = [inquiry_key(d) for d in earlier]
    return sorted(set(found))


def conflict_sources(data: dict, probe: LibraryProbe | None, earlier: Sequence[dict]) -> list[list[str]]:
    out = []
    for c in data.get("conflicts") or []:
        where = c.get("where")
        if where == "library" and probe is not None:
            out.append(probe.paths_for(c))
        elif where == "leads":
            out.append(_earlier_sources(c, earlier))
        else:
            out.append([])
    return out


def assess_and_keep(store: LeadsStore, inquiries: Sequence, assess: Callable, *, total_files: int = 0,
                    library: Callable[[str], list] | None = None,
                    failed: Sequence[tuple[str, str]] = ()) -> Generator[LeadProgress, None, RunReport]:
    """Assess each inquiry (``assess(inquiry, *, earlier, library) -> LeadResult``) and keep it."""
    report = RunReport(failed=list(failed))
    total = len(inquiries) + len(report.failed)
    done = len(report.failed)
    # Every earlier lead is read once per run, not once per inquiry (a pipeline of a
    # thousand leads took 0.4 s to read), and each inquiry kept joins them for the next.
    kept = {inquiry_key(d): d for d in store.earlier()}
    for inq in inquiries:
        source = str(getattr(inq, "source", "") or "pasted")
        yield LeadProgress("assessing", done, total, source)
        probe = LibraryProbe(library) if library is not None else None
        key = inquiry_key({"file": source, "inquiry": {"text": getattr(inq, "text", "")}})
        earlier = [d for k, d in kept.items() if k != key]
        try:
            result = assess(inq, earlier=earlier, library=probe)
            data = result.as_json() if hasattr(result, "as_json") else dict(result)
            outcome = store.add(data, conflict_sources(data, probe, earlier))
        except LocumError as e:
            report.failed.append((source, str(e)))
            done += 1
            yield LeadProgress("failed", done, total, source, str(e))
            continue
        kept[key] = data
        lid = outcome.lead.id
        (report.added if outcome.created else report.updated).append(lid)
        if outcome.duplicates:
            report.duplicates.append((lid, [d.id for d in outcome.duplicates]))
        done += 1
        yield LeadProgress("kept", done, total, source, outcome.lead.tier, lid)
    return report


def read_all(paths: Sequence[str], read: Callable[[str], list]) -> Generator[LeadProgress, None,
                                                                          tuple[list, list[tuple[str, str]]]]:
    """Every inquiry in ``paths`` (files and folders), and the files that could not be read."""
    files, skipped = expand_paths(paths)
    inquiries: list = []
    failed: list[tuple[str, str]] = [(p, "not an inquiry file (Leads reads .eml, .msg, .mbox, .csv and .txt)")
                                     for p in skipped]
    for i, f in enumerate(files):
        yield LeadProgress("reading", 0, len(inquiries), f, f"file {i + 1} of {len(files)}")
        try:
            inquiries.extend(read(f))
        except LocumError as e:
            failed.append((f, str(e)))
        except OSError as e:  # gone or locked since it was listed
            failed.append((f, f"{os.path.basename(f)} could not be read: {e}"))
    return inquiries, failed


__all__ = ["INQUIRY_SUFFIXES", "LeadProgress", "RunReport", "LibraryProbe", "assess_and_keep", "read_all",
           "expand_paths", "conflict_sources", "file_of"]
