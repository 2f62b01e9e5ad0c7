"""The conversation records: one Ask turn is written whole or not at all; erasing a source."""
from __future__ import annotations

import sqlite3

import pytest

from core.ask.conversations import SOURCE_REMOVED_ANSWER, ConversationStore
from core.types import Citation


def test_a_turn_that_fails_half_way_leaves_nothing(tmp_path):
    store = ConversationStore(tmp_path / "records.sqlite")
    cid = store.create("What is the fee?")
    cite = [Citation(1, "/docs/fees.pdf", 2, "The fee is $275 per hour.")]
    with pytest.raises(sqlite3.IntegrityError):
        # the answer row breaks a constraint after the question row went in
        store.append_many(cid, [("user", "What is the fee?", [], {}), ("nobody", "The fee is $275.", cite, {})])
    assert store.messages(cid) == []
    store.append_many(cid, [("user", "What is the fee?", [], {}), ("assistant", "The fee is $275 [1].", cite, {})])
    assert [m.role for m in store.messages(cid)] == ["user", "assistant"]
    assert store.messages(cid)[1].citations == cite


def test_erase_source_keeps_other_documents_passages_to_check(tmp_path):
    store = ConversationStore(tmp_path / "records.sqlite")
    cid = store.create("q")
    gone = Citation(1, "/docs/a.pdf", 1, "from the removed file")
    kept = Citation(2, "/docs/b.pdf", 3, "from a file still in the library")
    store.append_many(cid, [("user", "q", [], {}),
                            ("assistant", "Claim from a [1] and b [2].", [gone, kept], {"found": True, "notice": ""})])
    assert store.erase_source(lambda p: p == "/docs/a.pdf") == 1
    _q, a = store.messages(cid)
    assert a.content == SOURCE_REMOVED_ANSWER and a.citations == []
    assert a.meta["found"] is False and a.meta["source_removed"] is True
    # The answer is gone, so the other file's quote is shown as a passage to check, not as evidence.
    assert a.meta["closest"] == [kept.as_json()]
    assert store.erase_source(lambda p: p == "/docs/a.pdf") == 0  # nothing left to erase
    raw = (tmp_path / "records.sqlite").read_bytes()
    assert b"from the removed file" not in raw and b"Claim from a" not in raw
    assert not (tmp_path / "records.sqlite-wal").exists() or (tmp_path / "records.sqlite-wal").stat().st_size == 0
