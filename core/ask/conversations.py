"""Ask conversations, kept in the home's records database (SQLite from the standard library).

SQLite rather than LanceDB because these are small relational records read and written a
row at a time (append a turn, rename, list by date), with foreign keys and transactions;
LanceDB is for the vectors. WAL lets the desktop read the list while a worker thread
appends an answer. A connection is opened per call: it costs well under a millisecond and
makes the store safe to use from any thread.
"""
from __future__ import annotations

import json
import sqlite3
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from core.errors import LocumError
from core.recordsdb import RecordsDB
from core.types import Citation

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id       TEXT PRIMARY KEY,
    title    TEXT NOT NULL,
    created  REAL NOT NULL,
    updated  REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS conversation_messages (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    content         TEXT NOT NULL,
    citations       TEXT NOT NULL DEFAULT '[]',
    meta            TEXT NOT NULL DEFAULT '{}',
    created         REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS conversation_messages_by_conversation
    ON conversation_messages (conversation_id, id);
"""

TITLE_CHARS = 80

# What an answer becomes when a document it drew on is taken out of the library: its text
# may repeat the document's words, so it goes; the question stays.
SOURCE_REMOVED_ANSWER = "(This answer drew on a document that has since been removed from the library; its text was erased.)"
SOURCE_REMOVED_NOTE = "Source removed: a document this answer quoted was taken out of the library."


class ConversationNotFoundError(LocumError):
    action = "List conversations to see which exist, or start a new one."


@dataclass(frozen=True)
class ConversationInfo:
    id: str
    title: str
    updated: float
    created: float = 0.0


@dataclass(frozen=True)
class StoredMessage:
    role: str  # user | assistant
    content: str
    citations: list[Citation] = field(default_factory=list)
    meta: dict = field(default_factory=dict)  # found, model, notice, query, ...
    created: float = 0.0


def title_from(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= TITLE_CHARS else one_line[: TITLE_CHARS - 1].rstrip() + "…"


class ConversationStore:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._records = RecordsDB(self.path, "the conversation records", _SCHEMA, synchronous="NORMAL")
        with self._db():
            pass  # made now: the window lists conversations from the first start

    def _db(self):
        return self._records.transaction()

    # ---- conversations ---------------------------------------------------------------
    def create(self, title: str = "New conversation", *, conversation_id: str | None = None) -> str:
        cid = conversation_id or uuid.uuid4().hex[:12]
        now = time.time()
        with self._db() as db:
            try:
                db.execute("INSERT INTO conversations (id, title, created, updated) VALUES (?, ?, ?, ?)",
                           (cid, title_from(title) or "New conversation", now, now))
            except sqlite3.IntegrityError:
                raise LocumError(f"A conversation called {cid!r} already exists.") from None
        return cid

    def exists(self, conversation_id: str) -> bool:
        with self._db() as db:
            return db.execute("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)).fetchone() is not None

    def list(self) -> list[ConversationInfo]:
        """Most recently updated first."""
        with self._db() as db:
            rows = db.execute("SELECT id, title, updated, created FROM conversations "
                              "ORDER BY updated DESC, created DESC").fetchall()
        return [ConversationInfo(*r) for r in rows]

    def get(self, conversation_id: str) -> ConversationInfo:
        with self._db() as db:
            row = db.execute("SELECT id, title, updated, created FROM conversations WHERE id = ?",
                             (conversation_id,)).fetchone()
        if row is None:
            raise ConversationNotFoundError(f"There is no conversation {conversation_id!r}.")
        return ConversationInfo(*row)

    def rename(self, conversation_id: str, title: str) -> None:
        with self._db() as db:
            cur = db.execute("UPDATE conversations SET title = ?, updated = ? WHERE id = ?",
                             (title_from(title) or "Untitled", time.time(), conversation_id))
        if cur.rowcount == 0:
            raise ConversationNotFoundError(f"There is no conversation {conversation_id!r}.")

    def delete(self, conversation_id: str) -> bool:
        """Delete a conversation and its messages, leaving no copy of their text on disk."""
        with self._db() as db:
            cur = db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
        self._checkpoint()
        return cur.rowcount > 0

    def _checkpoint(self) -> None:
        self._records.scrub()

    # ---- erasing a source -----------------------------------------------------------
    def erase_source(self, matches: Callable[[str], bool]) -> int:
        """Erase the text of every document whose path ``matches`` from all conversations:
        its quotes and closest passages go, an answer that drew on it is replaced by
        ``SOURCE_REMOVED_ANSWER`` with the note ``SOURCE_REMOVED_NOTE``; the questions stay.
        Returns how many answers were changed. Called when a folder or file is removed
        from the library (``core.services.Services.remove``)."""
        changed: list[tuple[str, str, str, int]] = []
        with self._db() as db:
            rows = db.execute("SELECT id, citations, meta FROM conversation_messages WHERE role = 'assistant'").fetchall()
            for mid, cites_text, meta_text in rows:
                cites = _json(cites_text, []) or []
                meta = _json(meta_text, {}) or {}
                closest = meta.get("closest") or []
                hit = [c for c in cites if _cited_path(c, matches)] + [c for c in closest if _cited_path(c, matches)]
                if not hit:
                    continue
                # Other documents' passages stay: they are still in the library.
                meta["closest"] = [c for c in closest if not _cited_path(c, matches)]
                if not meta["closest"]:
                    meta.pop("closest")
                meta["notice"] = SOURCE_REMOVED_NOTE
                meta["source_removed"] = True
                meta["found"] = False  # no answer is shown any more
                keep = [c for c in cites if not _cited_path(c, matches)]
                if keep:  # shown as passages to check, not as evidence for an answer that is gone
                    meta["closest"] = keep + meta.get("closest", [])
                changed.append((SOURCE_REMOVED_ANSWER, "[]", json.dumps(meta), mid))
            db.executemany("UPDATE conversation_messages SET content = ?, citations = ?, meta = ? WHERE id = ?",
                           changed)
        if changed:
            self._checkpoint()
        return len(changed)

    # ---- messages --------------------------------------------------------------------
    def append(self, conversation_id: str, role: str, content: str, *,
               citations: list[Citation] | None = None, meta: dict | None = None) -> None:
        self.append_many(conversation_id, [(role, content, citations or [], meta or {})])

    def append_many(self, conversation_id: str, messages: list[tuple[str, str, list[Citation], dict]]) -> None:
        """Append several messages in one transaction (a question and its answer go in together)."""
        now = time.time()
        with self._db() as db:
            cur = db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (now, conversation_id))
            if cur.rowcount == 0:
                raise ConversationNotFoundError(f"There is no conversation {conversation_id!r}.")
            db.executemany(
                "INSERT INTO conversation_messages (conversation_id, role, content, citations, meta, created) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(conversation_id, role, content, json.dumps([c.as_json() for c in cites]),
                  json.dumps(meta or {}), now) for role, content, cites, meta in messages],
            )

    def messages(self, conversation_id: str) -> list[StoredMessage]:
        with self._db() as db:
            if db.execute("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)).fetchone() is None:
                raise ConversationNotFoundError(f"There is no conversation {conversation_id!r}.")
            rows = db.execute("SELECT role, content, citations, meta, created FROM conversation_messages "
                              "WHERE conversation_id = ? ORDER BY id", (conversation_id,)).fetchall()
        return [StoredMessage(role, content, _citations(cites), _json(meta, {}), created)
                for role, content, cites, meta, created in rows]


def _json(text: str, default):
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return default


def _cited_path(c, matches: Callable[[str], bool]) -> bool:
    """True when a stored citation names a matching path (one without a path names no document)."""
    try:
        return bool(matches(str(c["path"])))
    except (KeyError, TypeError):
        return False


def _citations(text: str) -> list[Citation]:
    out = []
    for c in _json(text, []) or []:
        try:
            out.append(Citation.from_json(c))
        except (KeyError, TypeError, ValueError):
            continue
    return out
