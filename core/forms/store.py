"""Extraction results on disk (SQLite under the home), with the reviewer's edits beside the originals.

SQLite from the standard library, like the conversation records: results are small rows read
and edited one field at a time, and deleting a document's rows must leave no copy of their
text (``secure_delete`` overwrites freed pages; a WAL checkpoint empties the log).

A result's original values are never changed; an edit is stored in ``edits`` with its own
time, and ``reviewed`` marks a field the reviewer has checked. ``effective`` values (the edit
where there is one, else the original) are what export writes.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from core.errors import LocumError
from core.recordsdb import RecordsDB
from core.fields.records import ExtractionResult, FieldValue
from core.types import Box

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL,
    template TEXT NOT NULL,
    created REAL NOT NULL,
    pages_read TEXT NOT NULL,
    page_count INTEGER,
    errors TEXT NOT NULL,
    model TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS results_path ON results(path);
CREATE TABLE IF NOT EXISTS fields (
    result_id INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    value TEXT NOT NULL,
    page INTEGER,
    source TEXT NOT NULL,
    confidence REAL NOT NULL,
    method TEXT NOT NULL,
    boxes TEXT NOT NULL,
    notes TEXT NOT NULL,
    PRIMARY KEY (result_id, name)
);
CREATE TABLE IF NOT EXISTS edits (
    result_id INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT,
    edited INTEGER NOT NULL DEFAULT 0,
    reviewed INTEGER NOT NULL DEFAULT 0,
    updated REAL NOT NULL,
    PRIMARY KEY (result_id, name)
);
"""


@dataclass
class FieldReview:
    edited: bool = False
    value: Any = None  # the reviewer's value when edited
    reviewed: bool = False


@dataclass
class StoredResult:
    id: int
    result: ExtractionResult
    created: float
    reviews: dict[str, FieldReview] = field(default_factory=dict)

    def effective(self, name: str) -> Any:
        r = self.reviews.get(name)
        if r and r.edited:
            return r.value
        return self.result.fields[name].value

    def as_json(self) -> dict:
        d = self.result.as_json()
        d["id"] = self.id
        for name, fd in d["fields"].items():
            r = self.reviews.get(name)
            if r and r.edited:
                fd["original"] = fd["value"]
                fd["value"] = r.value
            fd["reviewed"] = bool(r and r.reviewed)
            fd["edited"] = bool(r and r.edited)
        return d


class ResultNotFoundError(LocumError):
    pass


def _norm(path: str) -> str:
    return os.path.abspath(os.path.expanduser(str(path)))


class ResultsStore:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        # made on the first write or read, so a removal never creates it for nothing
        self._records = RecordsDB(self.path, "the extraction results", _SCHEMA)

    def _db(self):
        return self._records.transaction()

    # ---- writing -----------------------------------------------------------------
    def save(self, result: ExtractionResult) -> int:
        with self._db() as db:
            cur = db.execute(
                "INSERT INTO results (path, template, created, pages_read, page_count, errors, model) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (_norm(result.file), result.template, time.time(), json.dumps(result.pages_read),
                 result.page_count, json.dumps(result.errors), result.model))
            rid = int(cur.lastrowid)
            db.executemany(
                "INSERT INTO fields (result_id, name, position, value, page, source, confidence, method, boxes, notes) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(rid, fv.name, i, json.dumps(fv.value), fv.page, fv.source, float(fv.confidence), fv.method,
                  json.dumps([[b.page, b.x0, b.y0, b.x1, b.y1] for b in fv.boxes]), json.dumps(list(fv.notes)))
                 for i, fv in enumerate(result.fields.values())])
        return rid

    def _review(self, result_id: int, name: str, **changes) -> None:
        stored = self.get(result_id)
        if name not in stored.result.fields:
            raise LocumError(f"The result {result_id} has no field {name!r}.")
        r = stored.reviews.get(name, FieldReview())
        for k, v in changes.items():
            setattr(r, k, v)
        with self._db() as db:
            db.execute("INSERT INTO edits (result_id, name, value, edited, reviewed, updated) VALUES (?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT(result_id, name) DO UPDATE SET value = excluded.value, edited = excluded.edited, "
                       "reviewed = excluded.reviewed, updated = excluded.updated",
                       (result_id, name, json.dumps(r.value), int(r.edited), int(r.reviewed), time.time()))

    def set_value(self, result_id: int, name: str, value: Any) -> None:
        """The reviewer's value; the original stays beside it. Editing a field also marks it reviewed."""
        self._review(result_id, name, edited=True, value=value, reviewed=True)

    def revert(self, result_id: int, name: str) -> None:
        self._review(result_id, name, edited=False, value=None)

    def mark_reviewed(self, result_id: int, name: str, reviewed: bool = True) -> None:
        self._review(result_id, name, reviewed=reviewed)

    # ---- reading -----------------------------------------------------------------
    def get(self, result_id: int) -> StoredResult:
        with self._db() as db:
            row = db.execute("SELECT id, path, template, created, pages_read, page_count, errors, model "
                             "FROM results WHERE id = ?", (result_id,)).fetchone()
            if row is None:
                raise ResultNotFoundError(f"There is no extraction result {result_id}.")
            frows = db.execute("SELECT name, value, page, source, confidence, method, boxes, notes FROM fields "
                               "WHERE result_id = ? ORDER BY position", (result_id,)).fetchall()
            erows = db.execute("SELECT name, value, edited, reviewed FROM edits WHERE result_id = ?",
                               (result_id,)).fetchall()
        fields = {}
        for name, value, page, source, conf, method, boxes, notes in frows:
            fields[name] = FieldValue(name, json.loads(value), page, source, conf, method,
                                      tuple(Box(*b) for b in json.loads(boxes)), tuple(json.loads(notes)))
        res = ExtractionResult(row[1], row[2], fields, json.loads(row[6]), json.loads(row[4]), row[5], model=row[7])
        reviews = {n: FieldReview(bool(e), json.loads(v) if v is not None else None, bool(r)) for n, v, e, r in erows}
        return StoredResult(row[0], res, row[3], reviews)

    def list(self, path: str | None = None) -> list[StoredResult]:
        """Newest first; with ``path``, that document's results only."""
        with self._db() as db:
            if path is None:
                ids = db.execute("SELECT id FROM results ORDER BY created DESC, id DESC").fetchall()
            else:
                ids = db.execute("SELECT id FROM results WHERE path = ? ORDER BY created DESC, id DESC",
                                 (_norm(path),)).fetchall()
        return [self.get(i) for (i,) in ids]

    def latest(self, path: str) -> StoredResult | None:
        got = self.list(path)
        return got[0] if got else None

    # ---- deleting ----------------------------------------------------------------
    def delete(self, result_id: int) -> bool:
        with self._db() as db:
            cur = db.execute("DELETE FROM results WHERE id = ?", (result_id,))
        self._checkpoint()
        return cur.rowcount > 0

    def erase_path(self, path: str) -> int:
        """Delete every result of ``path`` (a file, or a folder and all under it), leaving no copy
        of their values on disk. Returns how many results were deleted."""
        p = _norm(path)
        with self._db() as db:
            cur = db.execute("DELETE FROM results WHERE path = ? OR substr(path, 1, ?) = ?",
                             (p, len(p) + 1, p.rstrip(os.sep) + os.sep))
        self._checkpoint()
        return cur.rowcount

    def erase_source(self, matches) -> int:
        """The removal hook (core.services.RecordStore): erase the results of every document
        whose path ``matches``."""
        if not self._records.exists():
            return 0
        with self._db() as db:
            ids = [(rid,) for rid, path in db.execute("SELECT id, path FROM results") if matches(path)]
            db.executemany("DELETE FROM results WHERE id = ?", ids)
        if ids:
            self._checkpoint()
        return len(ids)

    def _checkpoint(self) -> None:
        self._records.scrub()
