"""The leads pipeline on disk: one SQLite file under the home (``leads.sqlite``).

SQLite from the standard library, like the conversation records and extraction results: a
lead is a small record read whole and edited one field at a time, every write is one
transaction, and removing a document must leave no copy of its text (``secure_delete``
overwrites freed cells; a WAL checkpoint empties the log).

Each row keeps the assessment exactly as ``LeadResult.as_json()`` gave it (``data``) beside
what the person decides: status, notes, follow-up date, an edited reply, and a history of
those changes with their time. The assessment itself is never edited by the user.

"The same inquiry" is the same file (or, for pasted text, the same text): adding it again
re-reads it into the same row, keeping status, notes and history. Two different inquiries
with the same e-mail address or phone number are reported as possible duplicates by
``add``; they are merged only by ``merge``, which the person confirms. A merged inquiry keeps
its own row (``merged_into``), so removing its file takes away exactly what came from it.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from core.errors import LocumError
from core.recordsdb import RecordsDB

STATUSES = ("New", "Contacted", "Consultation booked", "Retained", "Not a fit")
LEAD_FIELDS = ("name", "email", "phone", "organization", "need", "description", "urgency", "location", "budget",
               "referral_source", "preferred_contact")
#: Flag added to a lead whose conflict check lost a match because the document (or earlier
#: inquiry) it was found in was removed from Locum: the check is no longer complete.
CONFLICT_REMOVED_FLAG = ("A possible conflict was taken out because the document or inquiry it was found in was "
                         "removed from Locum; check conflicts again before replying.")
COALESCE_SECONDS = 600  # edits of the notes or the reply this close together are one history entry
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Absolute paths written in a conflict's text (POSIX, or a Windows drive).
_PATHS = re.compile(r"(?:(?<![\w/])/[^\s\"'<>|]+|\b[A-Za-z]:\\[^\s\"'<>|]+)")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS leads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    data TEXT NOT NULL,
    sources TEXT NOT NULL DEFAULT '[]',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'New',
    notes TEXT NOT NULL DEFAULT '',
    follow_up TEXT NOT NULL DEFAULT '',
    draft TEXT,
    merged_into INTEGER REFERENCES leads(id) ON DELETE CASCADE,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS leads_email ON leads(email);
CREATE INDEX IF NOT EXISTS leads_phone ON leads(phone);
CREATE TABLE IF NOT EXISTS history (
    lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    at REAL NOT NULL,
    kind TEXT NOT NULL,
    old TEXT,
    new TEXT
);
CREATE INDEX IF NOT EXISTS history_lead ON history(lead_id);
CREATE TABLE IF NOT EXISTS separate (
    a INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    b INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    PRIMARY KEY (a, b)
);
CREATE TABLE IF NOT EXISTS prefs (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


class LeadNotFoundError(LocumError):
    pass


@dataclass(frozen=True)
class HistoryEntry:
    at: float
    kind: str  # added | re-read | status | notes | follow_up | draft | merged | reply
    old: str | None
    new: str | None

    def as_json(self) -> dict:
        return {"at": self.at, "kind": self.kind, "old": self.old, "new": self.new}


@dataclass
class Lead:
    id: int
    key: str
    data: dict  # LeadResult.as_json(), as assessed
    status: str = "New"
    notes: str = ""
    follow_up: str = ""  # ISO date or ""
    draft: str | None = None  # the person's edit of the reply; None: the drafted one
    created: float = 0.0
    updated: float = 0.0
    merged: list["Lead"] = field(default_factory=list)  # inquiries merged into this lead, oldest first
    history: list[HistoryEntry] = field(default_factory=list)
    sources: list = field(default_factory=list)  # per conflict: the paths it was found in

    @property
    def file(self) -> str:
        return self.data.get("file") or ""

    @property
    def lead(self) -> dict:
        return self.data.get("lead") or {}

    @property
    def inquiry(self) -> dict:
        return self.data.get("inquiry") or {}

    @property
    def tier(self) -> str:
        return self.data.get("tier") or ""

    @property
    def score(self) -> int:
        return int(self.data.get("score") or 0)

    @property
    def reply(self) -> str:
        return self.draft if self.draft is not None else (self.data.get("draft_reply") or "")

    def value(self, name: str) -> Any:
        """A contact field: this inquiry's value, else the first one from a merged inquiry."""
        v = self.lead.get(name)
        if v not in (None, ""):
            return v
        for m in self.merged:
            v = m.lead.get(name)
            if v not in (None, ""):
                return v
        return None

    @property
    def name(self) -> str:
        return self.value("name") or self.inquiry.get("from") or ""

    @property
    def email(self) -> str:
        return self.value("email") or self.inquiry.get("email") or ""

    @property
    def phone(self) -> str:
        return self.value("phone") or ""

    @property
    def conflicts(self) -> list[dict]:
        out = list(self.data.get("conflicts") or [])
        for m in self.merged:
            out.extend(m.data.get("conflicts") or [])
        return out

    def as_json(self) -> dict:
        d = dict(self.data)
        d["id"] = self.id
        d["status"] = self.status
        d["notes"] = self.notes
        d["follow_up"] = self.follow_up or None
        d["draft_reply"] = self.reply
        d["draft_edited"] = self.draft is not None
        d["history"] = [h.as_json() for h in self.history]
        d["merged"] = [m.as_json() for m in self.merged]
        return d


@dataclass
class AddOutcome:
    lead: Lead
    created: bool  # False: the same inquiry was already in the pipeline and was read again
    changed: bool  # its assessment differs from the one kept before (always True when created)
    duplicates: list[Lead] = field(default_factory=list)  # other leads with its e-mail or phone


def norm_email(v: Any) -> str:
    return str(v or "").strip().lower()


def norm_phone(v: Any) -> str:
    """Digits only, the last ten: "+44 20 7946 0958" and "020 7946 0958" are one number."""
    digits = re.sub(r"\D", "", str(v or ""))
    return digits[-10:] if len(digits) >= 7 else ""


def inquiry_key(data: dict) -> str:
    """What makes two assessments the same inquiry: its file (with ``#n`` for a message of an
    mbox or a row of a CSV), or for pasted text the text itself."""
    f = str(data.get("file") or "")
    if f and f not in ("pasted", "-", "<stdin>"):
        base, sep, n = f.rpartition("#")
        if sep and n.isdigit():
            return os.path.abspath(os.path.expanduser(base)) + "#" + n
        return os.path.abspath(os.path.expanduser(f))
    text = str((data.get("inquiry") or {}).get("text") or "")
    return "text:" + hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def file_of(source: str) -> str:
    """The file an inquiry came from: ``/in/leads.mbox#3`` -> ``/in/leads.mbox``."""
    base, sep, n = source.rpartition("#")
    return base if sep and n.isdigit() else source


def _check_shape(data: Any) -> None:
    if not isinstance(data, dict):
        raise LocumError("A lead must be a JSON object.")
    for k, kind in (("lead", dict), ("inquiry", dict), ("conflicts", list)):
        if not isinstance(data.get(k), kind):
            raise LocumError(f'A lead needs "{k}" ({kind.__name__}); this one has {type(data.get(k)).__name__}.')


class LeadsStore:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        # made on the first write or read, so a removal never creates it for nothing
        self._records = RecordsDB(self.path, "the leads pipeline", _SCHEMA)

    def _db(self):
        """One connection, one transaction: committed whole, or rolled back whole."""
        return self._records.transaction()

    # ---- adding -------------------------------------------------------------------
    def add(self, data: dict, sources: list | None = None) -> AddOutcome:
        """Keep one assessed inquiry (``LeadResult.as_json()``). ``sources`` gives, per
        conflict, the paths of the documents or earlier inquiries it was found in (so that
        removing one of them takes the conflict out). One transaction."""
        _check_shape(data)
        key = inquiry_key(data)
        sources = list(sources or [[] for _ in data["conflicts"]])
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        lead = data.get("lead") or {}
        email = norm_email(lead.get("email") or (data.get("inquiry") or {}).get("email"))
        phone = norm_phone(lead.get("phone"))
        now = time.time()
        with self._db() as db:
            row = db.execute("SELECT id, data FROM leads WHERE key = ?", (key,)).fetchone()
            if row is None:
                cur = db.execute("INSERT INTO leads (key, file, data, sources, email, phone, created, updated) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                 (key, file_of(key) if not key.startswith("text:") else "", text,
                                  json.dumps(sources), email, phone, now, now))
                lid = int(cur.lastrowid)
                db.execute("INSERT INTO history (lead_id, at, kind, old, new) VALUES (?, ?, 'added', NULL, ?)",
                           (lid, now, data.get("tier") or ""))
                created, changed = True, True
            else:
                lid = int(row[0])
                created = False
                changed = json.loads(row[1]) != json.loads(text)
                if changed:
                    old_tier = (json.loads(row[1]) or {}).get("tier") or ""
                    db.execute("UPDATE leads SET data = ?, sources = ?, email = ?, phone = ?, updated = ? "
                               "WHERE id = ?", (text, json.dumps(sources), email, phone, now, lid))
                    db.execute("INSERT INTO history (lead_id, at, kind, old, new) VALUES (?, ?, 're-read', ?, ?)",
                               (lid, now, old_tier, data.get("tier") or ""))
            dup_ids = self._duplicate_ids(db, lid, email, phone)
        if changed and not created:
            self._checkpoint()  # the old assessment's text leaves the log too
        return AddOutcome(self.get(lid), created, changed, [self.get(i) for i in dup_ids])

    @staticmethod
    def _duplicate_ids(db: sqlite3.Connection, lid: int, email: str, phone: str) -> list[int]:
        if not email and not phone:
            return []
        me = db.execute("SELECT COALESCE(merged_into, id) FROM leads WHERE id = ?", (lid,)).fetchone()[0]
        rows = db.execute(
            "SELECT DISTINCT COALESCE(merged_into, id) FROM leads WHERE id != ? "
            "AND ((? != '' AND email = ?) OR (? != '' AND phone = ?))",
            (lid, email, email, phone, phone)).fetchall()
        apart = {(a, b) for a, b in db.execute("SELECT a, b FROM separate")}
        out = []
        for (other,) in rows:
            if other == me or (min(me, other), max(me, other)) in apart:
                continue
            out.append(int(other))
        return sorted(set(out))

    def duplicates(self, lead_id: int) -> list[Lead]:
        """Leads with this lead's e-mail or phone that the person has neither merged nor kept apart."""
        lead = self.get(lead_id)
        with self._db() as db:
            ids = set()
            for one in [lead, *lead.merged]:
                row = db.execute("SELECT email, phone FROM leads WHERE id = ?", (one.id,)).fetchone()
                ids.update(self._duplicate_ids(db, one.id, row[0], row[1]))
        ids.discard(lead.id)
        return [self.get(i) for i in sorted(ids)]

    # ---- the person's decisions ---------------------------------------------------------
    def _change(self, lead_id: int, column: str, kind: str, value: Any) -> Lead:
        """One change and its history entry, in one transaction. A reply's history says that
        it was edited, not what it said (it quotes the inquiry; the row keeps the one copy)."""
        now = time.time()
        with self._db() as db:
            row = db.execute(f"SELECT {column}, merged_into FROM leads WHERE id = ?", (lead_id,)).fetchone()
            if row is None:
                raise LeadNotFoundError(f"There is no lead {lead_id}.")
            if row[1] is not None:
                raise LocumError(f"Lead {lead_id} was merged into lead {row[1]}; change that one.")
            if row[0] != value:
                db.execute(f"UPDATE leads SET {column} = ?, updated = ? WHERE id = ?", (value, now, lead_id))
                old, new = row[0], value
                if kind == "draft":
                    old, new = None, "reverted" if value is None else "edited"
                last = db.execute("SELECT rowid, kind, at FROM history WHERE lead_id = ? ORDER BY at DESC, rowid DESC "
                                  "LIMIT 1", (lead_id,)).fetchone()
                if kind in ("notes", "draft") and last and last[1] == kind and now - last[2] < COALESCE_SECONDS:
                    # typing is saved as it pauses: one entry per sitting, not one per pause
                    db.execute("UPDATE history SET at = ?, new = ? WHERE rowid = ?", (now, new, last[0]))
                else:
                    db.execute("INSERT INTO history (lead_id, at, kind, old, new) VALUES (?, ?, ?, ?, ?)",
                               (lead_id, now, kind, old, new))
        return self.get(lead_id)

    def note(self, lead_id: int, kind: str, new: str) -> Lead:
        """An event of the lead that is not one of the person's edits (``reply``: who wrote the
        reply, or why Claude's was not kept), in its history. It names no words of the inquiry."""
        with self._db() as db:
            if db.execute("SELECT 1 FROM leads WHERE id = ?", (lead_id,)).fetchone() is None:
                raise LeadNotFoundError(f"There is no lead {lead_id}.")
            db.execute("INSERT INTO history (lead_id, at, kind, old, new) VALUES (?, ?, ?, NULL, ?)",
                       (lead_id, time.time(), kind, new))
        return self.get(lead_id)

    def set_status(self, lead_id: int, status: str) -> Lead:
        if status not in STATUSES:
            raise LocumError(f"{status!r} is not a lead status; use one of: {', '.join(STATUSES)}.")
        return self._change(lead_id, "status", "status", status)

    def set_notes(self, lead_id: int, notes: str) -> Lead:
        return self._change(lead_id, "notes", "notes", str(notes or ""))

    def set_follow_up(self, lead_id: int, date: str | None) -> Lead:
        date = (date or "").strip()
        if date and not _DATE.match(date):
            raise LocumError(f"{date!r} is not a date; write it as YYYY-MM-DD.")
        if date:
            import datetime

            try:
                datetime.date.fromisoformat(date)
            except ValueError:
                raise LocumError(f"{date} is not a day of the calendar.") from None
        return self._change(lead_id, "follow_up", "follow_up", date)

    def set_draft(self, lead_id: int, text: str | None) -> Lead:
        """The person's reply; ``None`` goes back to the drafted one."""
        lead = self.get(lead_id)
        if text is not None and text == (lead.data.get("draft_reply") or ""):
            text = None
        return self._change(lead_id, "draft", "draft", text)

    def merge(self, keep_id: int, other_id: int) -> Lead:
        """Merge ``other_id`` (and whatever was merged into it) into ``keep_id``, which keeps
        its status. Notes are joined, the later follow-up date wins when both have one. The
        other inquiry keeps its own row, shown under the kept lead. One transaction."""
        if keep_id == other_id:
            raise LocumError("A lead cannot be merged into itself.")
        keep, other = self.get(keep_id), self.get(other_id)
        for lead in (keep, other):
            with self._db() as db:
                into = db.execute("SELECT merged_into FROM leads WHERE id = ?", (lead.id,)).fetchone()[0]
            if into is not None:
                raise LocumError(f"Lead {lead.id} is already merged into lead {into}.")
        notes = "\n\n".join(n for n in (keep.notes.strip(), other.notes.strip()) if n)
        follow = max(keep.follow_up, other.follow_up)
        now = time.time()
        with self._db() as db:
            db.execute("UPDATE leads SET merged_into = ? WHERE merged_into = ?", (keep_id, other_id))
            db.execute("UPDATE leads SET merged_into = ?, updated = ? WHERE id = ?", (keep_id, now, other_id))
            db.execute("UPDATE leads SET notes = ?, follow_up = ?, updated = ? WHERE id = ?",
                       (notes, follow, now, keep_id))
            db.execute("UPDATE history SET lead_id = ? WHERE lead_id = ?", (keep_id, other_id))
            db.execute("INSERT INTO history (lead_id, at, kind, old, new) VALUES (?, ?, 'merged', NULL, ?)",
                       (keep_id, now, str(other_id)))
        return self.get(keep_id)

    def keep_separate(self, a: int, b: int) -> None:
        """The person says these two are different people: do not offer to merge them again."""
        with self._db() as db:
            db.execute("INSERT OR IGNORE INTO separate (a, b) VALUES (?, ?)", (min(a, b), max(a, b)))

    # ---- reading ------------------------------------------------------------------
    def _row(self, db: sqlite3.Connection, lead_id: int) -> Lead | None:
        row = db.execute("SELECT id, key, data, status, notes, follow_up, draft, created, updated, sources "
                         "FROM leads WHERE id = ?", (lead_id,)).fetchone()
        if row is None:
            return None
        return Lead(row[0], row[1], json.loads(row[2]), row[3], row[4], row[5], row[6], row[7], row[8],
                    sources=json.loads(row[9]))

    def get(self, lead_id: int) -> Lead:
        with self._db() as db:
            lead = self._row(db, lead_id)
            if lead is None:
                raise LeadNotFoundError(f"There is no lead {lead_id}.")
            for (mid,) in db.execute("SELECT id FROM leads WHERE merged_into = ? ORDER BY created, id",
                                     (lead_id,)).fetchall():
                lead.merged.append(self._row(db, mid))
            lead.history = [HistoryEntry(*r) for r in db.execute(
                "SELECT at, kind, old, new FROM history WHERE lead_id = ? ORDER BY at, rowid", (lead_id,))]
        return lead

    def list(self) -> list[Lead]:
        """Every lead (merged inquiries inside the lead they joined), oldest first."""
        with self._db() as db:
            ids = [i for (i,) in db.execute("SELECT id FROM leads WHERE merged_into IS NULL ORDER BY created, id")]
        return [self.get(i) for i in ids]

    def find(self, data: dict) -> Lead | None:
        """The lead already kept for this inquiry, if any."""
        with self._db() as db:
            row = db.execute("SELECT COALESCE(merged_into, id) FROM leads WHERE key = ?",
                             (inquiry_key(data),)).fetchone()
        return self.get(row[0]) if row else None

    def earlier(self, exclude: dict | None = None) -> list[dict]:
        """Every kept assessment (merged ones too), for the conflict check of a new inquiry;
        with ``exclude``, not that inquiry's own earlier assessment."""
        skip = inquiry_key(exclude) if exclude is not None else None
        with self._db() as db:
            rows = db.execute("SELECT key, data FROM leads ORDER BY created, id").fetchall()
        return [json.loads(d) for k, d in rows if k != skip]

    # ---- office choices kept with the pipeline ---------------------------------------
    def pref(self, key: str, default: Any = None) -> Any:
        with self._db() as db:
            row = db.execute("SELECT value FROM prefs WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_pref(self, key: str, value: Any) -> None:
        with self._db() as db:
            db.execute("INSERT INTO prefs (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                       "excluded.value", (key, json.dumps(value)))

    # ---- removal --------------------------------------------------------------------
    def erase_source(self, matches: Callable[[str], bool]) -> int:
        """The removal hook (core.services.RecordStore). An inquiry whose file ``matches`` is
        deleted with everything drafted from it; a conflict found in a matching document or
        in a deleted inquiry is taken out of every other lead (with a flag saying the check
        is no longer complete). The person's own status, notes and follow-up stay with the
        lead: when the kept inquiry of a merged lead goes, the next one merged into it
        takes them over. Returns how many leads were deleted or changed."""
        if not self._records.exists():
            return 0
        with self._db() as db:
            rows = db.execute("SELECT id, key, file, merged_into FROM leads").fetchall()
            gone = [(lid, key, into) for lid, key, f, into in rows if f and matches(f)]
            gone_ids = {lid for lid, _k, _i in gone}
            for lid, _key, into in gone:
                if into is None:
                    self._hand_over(db, lid, gone_ids)
            db.executemany("DELETE FROM leads WHERE id = ?", [(lid,) for lid in gone_ids])
            changed = len(gone_ids) + self._scrub(db, gone, matches)
        if changed:
            self._checkpoint()
        return changed

    def delete(self, lead_id: int) -> bool:
        """Delete a lead, the inquiries merged into it and its history, and take what they
        said out of other leads' conflicts, leaving no copy on disk."""
        with self._db() as db:
            gone = [(lid, key, into) for lid, key, into in db.execute(
                "SELECT id, key, merged_into FROM leads WHERE id = ? OR merged_into = ?", (lead_id, lead_id))]
            db.executemany("DELETE FROM leads WHERE id = ?", [(lid,) for lid, _k, _i in gone])
            self._scrub(db, gone, lambda _p: False)
        self._checkpoint()
        return bool(gone)

    @staticmethod
    def _hand_over(db: sqlite3.Connection, lid: int, gone_ids: set[int]) -> None:
        heirs = [m for (m,) in db.execute("SELECT id FROM leads WHERE merged_into = ? ORDER BY created, id", (lid,))
                 if m not in gone_ids]
        if not heirs:
            return
        heir, rest = heirs[0], heirs[1:]
        # The reply was written to the inquiry that goes; the heir starts from its own draft.
        db.execute("UPDATE leads SET (status, notes, follow_up, draft, merged_into) = "
                   "(SELECT status, notes, follow_up, NULL, NULL FROM leads WHERE id = ?) WHERE id = ?", (lid, heir))
        db.execute("UPDATE history SET lead_id = ? WHERE lead_id = ?", (heir, lid))
        db.executemany("UPDATE leads SET merged_into = ? WHERE id = ?", [(heir, r) for r in rest])

    @staticmethod
    def _scrub(db: sqlite3.Connection, gone: list, matches: Callable[[str], bool]) -> int:
        """Take out of the remaining leads every conflict found in a deleted inquiry (``gone``:
        (id, key, merged_into) rows) or in a document whose path ``matches``."""
        gone_ids = {lid for lid, _k, _i in gone}
        gone_keys = {key for _l, key, _i in gone}
        gone_files = {file_of(k) for k in gone_keys if not k.startswith("text:")}
        # The history of a merge names the merged lead by number only; that entry goes with it.
        db.executemany("DELETE FROM history WHERE kind = 'merged' AND new = ?", [(str(i),) for i in gone_ids])

        def removed(path: str) -> bool:
            path = str(path)
            if path in gone_keys:
                return True
            if path.startswith("text:"):
                return False
            return file_of(path) in gone_files or matches(path) or matches(file_of(path))

        def from_removed(conflict: dict, paths: list) -> bool:
            if any(removed(p) for p in paths or []):
                return True
            # Paths named in the conflict's own words, whatever recorded it.
            text = f"{conflict.get('matched', '')} {conflict.get('detail', '')}"
            return any(removed(p.rstrip(".,;:)")) for p in _PATHS.findall(text))

        changed = 0
        for lid, data_text, src_text in db.execute("SELECT id, data, sources FROM leads").fetchall():
            data, sources = json.loads(data_text), json.loads(src_text)
            conflicts = data.get("conflicts") or []
            sources = (sources + [[] for _ in conflicts])[:len(conflicts)]
            keep = [(c, s) for c, s in zip(conflicts, sources) if not from_removed(c, s)]
            if len(keep) == len(conflicts):
                continue
            data["conflicts"] = [c for c, _ in keep]
            # the assessment's count of possible conflicts is recounted (it named how many it found)
            flags = [f for f in data.get("flags") or [] if not str(f).startswith("possible conflict:")]
            if keep:
                flags.append(f"possible conflict: {len(keep)} match(es); check before replying")
            if CONFLICT_REMOVED_FLAG not in flags:
                flags.append(CONFLICT_REMOVED_FLAG)
            data["flags"] = flags
            db.execute("UPDATE leads SET data = ?, sources = ?, updated = ? WHERE id = ?",
                       (json.dumps(data, ensure_ascii=False, sort_keys=True), json.dumps([s for _, s in keep]),
                        time.time(), lid))
            changed += 1
        return changed

    def _checkpoint(self) -> None:
        """Fold the write-ahead log (which still holds pages as they were) into the file,
        where secure_delete has zeroed the old cells, and empty it."""
        self._records.scrub()
