"""SQLite files that hold Locum's own records: conversations, extraction results, the audit
log, leads.

Every store opens its file the same way: write-ahead log, foreign keys on, and
``secure_delete`` so a deleted row's text is overwritten rather than left in a free page.
Each ``transaction()`` is one connection and one transaction, committed on success and
rolled back on error, so a killed process leaves either the whole write or none of it.
After deleting text, ``scrub()`` folds the write-ahead log (which still holds the pages as
they were) into the file and empties it.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Iterator

from core.errors import LocumError


class RecordsDB:
    """``what`` names the records in messages ("the conversation records"); ``schema`` is run
    once, on the first transaction, which is also when the file is made."""

    def __init__(self, path: Path | str, what: str, schema: str, *, synchronous: str | None = None) -> None:
        self.path = Path(path)
        self.what = what
        self._schema = schema
        self._synchronous = synchronous
        self._ready = False
        self._init_lock = threading.Lock()

    def exists(self) -> bool:
        return self.path.exists()

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, timeout=10)
        except sqlite3.Error as e:
            raise LocumError(f"{self.what.capitalize()} at {self.path} could not be opened: {e}") from e
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA secure_delete=ON")
            if self._synchronous:
                conn.execute(f"PRAGMA synchronous={self._synchronous}")
        except sqlite3.DatabaseError as e:
            conn.close()
            raise LocumError(f"{self.what.capitalize()} at {self.path} could not be read ({e}). "
                             "Move the file aside to start afresh.") from e
        return conn

    def _prepare(self) -> None:
        with self._init_lock:
            if self._ready:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as conn:
                try:
                    conn.execute("PRAGMA journal_mode=WAL")
                    conn.executescript(self._schema)
                except sqlite3.DatabaseError as e:
                    raise LocumError(f"{self.what.capitalize()} at {self.path} could not be read ({e}). "
                                     "Move the file aside to start afresh.") from e
            self._ready = True

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self._prepare()
        with closing(self._connect()) as conn:
            with conn:  # one transaction: committed on success, rolled back on error
                yield conn

    def scrub(self, *, vacuum: bool = False) -> None:
        """Leave no deleted text on disk: fold the write-ahead log into the file (where
        secure_delete zeroed the old cells) and empty it; ``vacuum`` also compacts the file.
        A reader in another thread can hold the log for a moment: retry, then say so."""
        if not self.path.exists():
            return
        for _attempt in range(50):
            with closing(self._connect()) as conn:
                if vacuum:
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    conn.execute("VACUUM")
                busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                return
            time.sleep(0.1)
        raise LocumError(f"{self.what.capitalize()} at {self.path} are in use; erased text may remain in "
                         "their log until Locum is closed.")
