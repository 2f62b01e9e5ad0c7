"""The library's record of folders and files (SQLite, standard library).

SQLite because it is transactional, in the standard library, and survives a killed
process: the manifest says a file is indexed only after its chunks are in the store, so
an interrupted run is finished by the next sync without duplicates.
"""
from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path, PurePath
from typing import Iterable

from core.library.paths import Flavour, under
from core.library.records import DocumentRecord
from core.types import FileRecord

_SCHEMA = """
CREATE TABLE IF NOT EXISTS folders (path TEXT PRIMARY KEY, added_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    folder TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    error TEXT NOT NULL DEFAULT '',
    chunks INTEGER NOT NULL DEFAULT 0,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS files_folder ON files(folder);
CREATE INDEX IF NOT EXISTS files_sha ON files(sha256);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- What each indexed document is (core.library.records). Added after the first libraries were
-- built: a file indexed before it has no row until it is indexed again, and search then
-- treats it as a document that names no organisation.
CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    organisations TEXT NOT NULL DEFAULT '[]',
    doc_type TEXT NOT NULL DEFAULT '',
    year INTEGER,
    page_count INTEGER
);
"""


class Manifest:
    def __init__(self, path: Path, *, flavour: Flavour = PurePath) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.flavour = flavour  # how the stored paths are parsed (this computer's kind)
        self.db = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        # Document records hold titles and names read from the files; a removed file's must
        # not survive in SQLite's free pages.
        self.db.execute("PRAGMA secure_delete=ON")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    # ---- meta ----------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # ---- folders -------------------------------------------------------------
    def folders(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT path FROM folders ORDER BY path")]

    def add_folder(self, path: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO folders(path, added_at) VALUES (?, ?)", (path, time.time()))

    def remove_folder(self, path: str) -> None:
        self.db.execute("DELETE FROM folders WHERE path=?", (path,))

    # ---- files ---------------------------------------------------------------
    def files_under(self, root: str) -> dict[str, FileRecord]:
        """Every recorded file at or below ``root`` (a folder or a single file), sub-folders
        included, compared on path parts: ``C:\\Docs`` holds ``C:\\Docs\\2024\\a.pdf``, not
        ``C:\\Docs2\\b.pdf``."""
        root = str(self.flavour(root))
        # The string prefix only narrows the rows (letter case ignored, as on Windows and
        # macOS); whether a path lies in the folder is decided on its parts.
        rows = self.db.execute(
            "SELECT path, folder, size, mtime_ns, sha256, status, error, chunks FROM files "
            "WHERE substr(path, 1, ?) = ? COLLATE NOCASE",
            (len(root), root),
        )
        inside = under(root, self.flavour)
        return {r[0]: FileRecord(*r) for r in rows if inside(r[0])}

    def all_files(self) -> dict[str, FileRecord]:
        rows = self.db.execute("SELECT path, folder, size, mtime_ns, sha256, status, error, chunks FROM files")
        return {r[0]: FileRecord(*r) for r in rows}

    def get(self, path: str) -> FileRecord | None:
        r = self.db.execute(
            "SELECT path, folder, size, mtime_ns, sha256, status, error, chunks FROM files WHERE path=?", (path,)
        ).fetchone()
        return FileRecord(*r) if r else None

    def put(self, rec: FileRecord) -> None:
        self.put_many([rec])

    def put_many(self, recs: Iterable[FileRecord]) -> None:
        now = time.time()
        with self.db:  # one transaction
            self.db.execute("BEGIN")
            self.db.executemany(
                "INSERT OR REPLACE INTO files(path, folder, size, mtime_ns, sha256, status, error, chunks, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(r.path, r.folder, r.size, r.mtime_ns, r.sha256, r.status, r.error, r.chunks, now) for r in recs],
            )

    def delete_many(self, paths: Iterable[str]) -> None:
        rows = [(p,) for p in paths]
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("DELETE FROM files WHERE path=?", rows)
            # A removed document's title and names go with it.
            self.db.executemany("DELETE FROM documents WHERE path=?", rows)
        self._erase_log()

    # ---- document records ----------------------------------------------------
    def put_documents(self, recs: Iterable[DocumentRecord]) -> None:
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany(
                "INSERT OR REPLACE INTO documents(path, title, organisations, doc_type, year, page_count) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(r.path, r.title, json.dumps(list(r.organisations)), r.doc_type, r.year, r.page_count) for r in recs],
            )

    def delete_documents(self, paths: Iterable[str]) -> None:
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("DELETE FROM documents WHERE path=?", [(p,) for p in paths])
        self._erase_log()

    def _erase_log(self) -> None:
        """The write-ahead log still holds the pages as they were before a delete: copy it
        into the database and empty it. A reader holding an old snapshot can delay this; the
        next delete or the next open finishes it."""
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.OperationalError:  # another process is mid-read: retried next time
            pass

    def document(self, path: str) -> DocumentRecord | None:
        row = self.db.execute(
            "SELECT path, title, organisations, doc_type, year, page_count FROM documents WHERE path=?", (path,)
        ).fetchone()
        return _record(row) if row else None

    def documents(self, paths: Iterable[str] | None = None) -> list[DocumentRecord]:
        sql = "SELECT path, title, organisations, doc_type, year, page_count FROM documents"
        if paths is None:
            return [_record(r) for r in self.db.execute(sql)]
        out = []
        paths = list(paths)
        for i in range(0, len(paths), 500):
            part = paths[i : i + 500]
            out += [_record(r) for r in self.db.execute(f"{sql} WHERE path IN ({','.join('?' * len(part))})", part)]
        return out

    def named_documents(self) -> list[DocumentRecord]:
        """Documents with an organisation or a period: the ones a query can name."""
        sql = ("SELECT path, title, organisations, doc_type, year, page_count FROM documents "
               "WHERE organisations != '[]' OR year IS NOT NULL")
        return [_record(r) for r in self.db.execute(sql)]

    def version(self) -> tuple[int, int]:
        """Changes when this or another process writes the manifest (for caches of it)."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0]), self.db.total_changes

    def counts(self) -> tuple[int, int, int]:
        """(indexed files, chunks, failed files)."""
        r = self.db.execute(
            "SELECT COALESCE(SUM(status='indexed'),0), COALESCE(SUM(chunks),0), COALESCE(SUM(status='failed'),0) FROM files"
        ).fetchone()
        return int(r[0]), int(r[1]), int(r[2])

    def no_text_count(self) -> int:
        """Indexed files that gave no passage (blank, or scans read with OCR off)."""
        r = self.db.execute("SELECT COUNT(*) FROM files WHERE status='indexed' AND chunks=0").fetchone()
        return int(r[0])


def _record(row) -> DocumentRecord:
    try:
        orgs = tuple(str(o) for o in json.loads(row[2] or "[]"))
    except ValueError:
        orgs = ()
    return DocumentRecord(row[0], row[1], orgs, row[3] or "", row[4], row[5])
