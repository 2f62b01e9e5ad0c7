"""The audit log: exactly what left the machine, request by request.

SQLite from the standard library, ``<home>/audit.sqlite``. ``secure_delete`` makes SQLite
overwrite deleted rows with zeros, and after an erase a ``TRUNCATE`` checkpoint empties the
write-ahead log, so erased text is left in neither file. The placeholder mapping of a
redacted request is never stored: the log holds what was sent, not what it stood for.

A page image that was sent is kept as its SHA-256 (of the exact bytes sent) and a small
PNG thumbnail, so the user can see and prove which picture left; the thumbnail shows the
page, so removing the document or erasing deletes it with the request, scrubbed the same way.
"""
from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from core.fsutil import atomic_write_csv, atomic_write_json
from core.recordsdb import RecordsDB

_SCHEMA = """
CREATE TABLE IF NOT EXISTS requests (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    feature TEXT NOT NULL,
    model TEXT NOT NULL,
    chars_sent INTEGER NOT NULL,
    sent TEXT NOT NULL,
    reply TEXT NOT NULL DEFAULT '',
    redacted INTEGER NOT NULL,
    placeholders INTEGER NOT NULL DEFAULT 0,
    input_tokens INTEGER,
    output_tokens INTEGER,
    cost_usd REAL,
    status TEXT NOT NULL DEFAULT 'sending'
);
CREATE TABLE IF NOT EXISTS request_sources (
    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    path TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS request_sources_path ON request_sources(path);
CREATE TABLE IF NOT EXISTS request_images (
    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    page INTEGER,
    media_type TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    thumbnail BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS request_images_request ON request_images(request_id);
"""

#: US dollars per million tokens (input, output), by model family; an estimate, shown as one.
PRICES = {"opus": (5.0, 25.0), "sonnet": (3.0, 15.0), "haiku": (1.0, 5.0)}


def estimate_cost(model: str, input_tokens: int | None, output_tokens: int | None) -> float | None:
    family = next((f for f in PRICES if f in model.lower()), None)
    if family is None or input_tokens is None or output_tokens is None:
        return None
    pin, pout = PRICES[family]
    return round((input_tokens * pin + output_tokens * pout) / 1_000_000, 6)


@dataclass
class AuditEntry:
    id: int
    time: str
    feature: str
    model: str
    chars_sent: int
    sent: str
    reply: str
    redacted: bool
    placeholders: int
    input_tokens: int | None
    output_tokens: int | None
    cost_usd: float | None
    status: str
    sources: list[str] = field(default_factory=list)
    #: page images sent: page, media_type, width, height, bytes, sha256 (thumbnails: ``AuditLog.thumbnail``)
    images: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


class AuditLog:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._records = RecordsDB(self.path, "the audit log", _SCHEMA)

    def _connect(self):
        return self._records.transaction()

    # ---- writing: a row before the request goes, completed when the reply is in ------------
    def begin(self, *, feature: str, model: str, sent: str, redacted: bool, placeholders: int,
              sources: list[str] | tuple[str, ...] = (), images=()) -> int:
        """``images``: the ``core.privacy.images.OutboundImage`` pictures the request carries."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._lock, self._connect() as con:
            cur = con.execute(
                "INSERT INTO requests(time, feature, model, chars_sent, sent, redacted, placeholders) "
                "VALUES (?,?,?,?,?,?,?)", (now, feature, model, len(sent), sent, int(redacted), placeholders))
            rid = int(cur.lastrowid)
            con.executemany("INSERT INTO request_sources(request_id, path) VALUES (?,?)",
                            [(rid, _norm(p)) for p in sources])
            con.executemany("INSERT INTO request_images(request_id, n, page, media_type, width, height, bytes, "
                            "sha256, thumbnail) VALUES (?,?,?,?,?,?,?,?,?)",
                            [(rid, n, im.page, im.media_type, im.width, im.height, len(im.data), im.sha256,
                              im.thumbnail) for n, im in enumerate(images)])
        return rid

    def finish(self, rid: int, *, reply: str, status: str, input_tokens: int | None = None,
               output_tokens: int | None = None, model: str = "") -> None:
        cost = estimate_cost(model, input_tokens, output_tokens) if model else None
        with self._lock, self._connect() as con:
            con.execute("UPDATE requests SET reply=?, status=?, input_tokens=?, output_tokens=?, cost_usd=? "
                        "WHERE id=?", (reply, status, input_tokens, output_tokens, cost, rid))

    # ---- reading ------------------------------------------------------------------------------
    def entries(self, *, limit: int | None = None) -> list[AuditEntry]:
        if not self.path.exists():
            return []
        with self._lock, self._connect() as con:
            q = ("SELECT id, time, feature, model, chars_sent, sent, reply, redacted, placeholders, input_tokens, "
                 "output_tokens, cost_usd, status FROM requests ORDER BY id")
            rows = con.execute(q + (f" LIMIT {int(limit)}" if limit else "")).fetchall()
            src: dict[int, list[str]] = {}
            for rid, p in con.execute("SELECT request_id, path FROM request_sources"):
                src.setdefault(rid, []).append(p)
            imgs: dict[int, list[dict]] = {}
            for rid, page, media, w, h, size, sha in con.execute(
                    "SELECT request_id, page, media_type, width, height, bytes, sha256 FROM request_images "
                    "ORDER BY request_id, n"):
                imgs.setdefault(rid, []).append({"page": page, "media_type": media, "width": w, "height": h,
                                                 "bytes": size, "sha256": sha})
        return [AuditEntry(*r[:7], bool(r[7]), *r[8:], sources=src.get(r[0], []), images=imgs.get(r[0], []))
                for r in rows]

    def thumbnail(self, rid: int, n: int = 0) -> bytes | None:
        """The PNG thumbnail of the ``n``-th page image request ``rid`` sent (None: no such image)."""
        if not self.path.exists():
            return None
        with self._lock, self._connect() as con:
            row = con.execute("SELECT thumbnail FROM request_images WHERE request_id = ? AND n = ?",
                              (rid, n)).fetchone()
        return bytes(row[0]) if row else None

    def export_json(self, dest: Path | str) -> Path:
        dest = Path(dest)
        atomic_write_json(dest, [e.to_json() for e in self.entries()])
        return dest

    def export_csv(self, dest: Path | str) -> Path:
        """One row per request, the exact text sent and the reply included (sources joined by "; ")."""
        dest = Path(dest)
        cols = ["id", "time", "feature", "model", "chars_sent", "redacted", "placeholders", "input_tokens",
                "output_tokens", "cost_usd", "status", "sources", "images", "sent", "reply"]
        rows = []
        for e in self.entries():
            d = e.to_json()
            d["sources"] = "; ".join(e.sources)
            d["images"] = "; ".join(image_line(i) for i in e.images)
            rows.append(["" if d[c] is None else d[c] for c in cols])
        atomic_write_csv(dest, rows, header=cols)
        return dest

    # ---- erasing ---------------------------------------------------------------------------------
    def erase_path(self, path: Path | str) -> int:
        """Erase every request that carried text from ``path`` (a file, or anything under a folder)."""
        if not self.path.exists():
            return 0
        p = _norm(path)
        with self._lock, self._connect() as con:
            ids = [r[0] for r in con.execute(
                "SELECT DISTINCT request_id FROM request_sources WHERE path = ? OR substr(path, 1, ?) = ?",
                (p, len(p) + 1, p.rstrip(os.sep) + os.sep))]
            _delete(con, ids)
        self._scrub()
        return len(ids)

    def erase_source(self, matches) -> int:
        """The removal hook (core.services.RecordStore): erase every request that carried text
        from a document whose path ``matches``."""
        if not self.path.exists():
            return 0
        with self._lock, self._connect() as con:
            pairs = con.execute("SELECT request_id, path FROM request_sources").fetchall()
            ids = sorted({rid for rid, path in pairs if matches(path)})
            _delete(con, ids)
        if ids:
            self._scrub()
        return len(ids)

    def erase_all(self) -> int:
        if not self.path.exists():
            return 0
        with self._lock, self._connect() as con:
            n = con.execute("SELECT COUNT(*) FROM requests").fetchone()[0]
            con.execute("DELETE FROM request_images")
            con.execute("DELETE FROM request_sources")
            con.execute("DELETE FROM requests")
        self._scrub()
        return int(n)

    def _scrub(self) -> None:
        """Leave no erased text on disk: zeroed pages, an emptied WAL, a compacted file."""
        with self._lock:
            self._records.scrub(vacuum=True)


def image_line(i: dict) -> str:
    """One page image as the export and the viewer name it: page, format, size, fingerprint."""
    page = f"page {i['page']}" if i.get("page") else "picture"
    return f"{page} {i['media_type']} {i['width']}x{i['height']} {i['bytes']} bytes sha256:{i['sha256']}"


def _delete(con, ids: list[int]) -> None:
    """A request and everything kept with it (its sources, its page images' thumbnails)."""
    rows = [(i,) for i in ids]
    con.executemany("DELETE FROM request_images WHERE request_id = ?", rows)
    con.executemany("DELETE FROM request_sources WHERE request_id = ?", rows)
    con.executemany("DELETE FROM requests WHERE id = ?", rows)


def _norm(path: Path | str) -> str:
    return str(Path(path).expanduser().resolve())
