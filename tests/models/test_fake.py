"""The fake chat backend behaves like a grammar-constrained model: never outside the schema."""
from __future__ import annotations

import json

from models.base import Message
from models.fake import FakeChat, fits_schema, smallest_instance

CHOICE = {
    "type": "object",
    "properties": {"rate": {"type": ["string", "null"], "enum": ["r1", "r2", None]}},
    "required": ["rate"],
    "additionalProperties": False,
}


def _ask(chat: FakeChat, schema=None) -> str:
    return "".join(chat.stream([Message("user", "Which row?")], max_tokens=20, json_schema=schema))


def test_a_valid_queued_reply_passes_through():
    chat = FakeChat(['{"rate": "r2"}'])
    assert json.loads(_ask(chat, CHOICE)) == {"rate": "r2"}
    assert chat.schema_replacements == 0


def test_a_reply_outside_the_schema_becomes_its_smallest_instance():
    chat = FakeChat(['{"rate": "$160"}', "The rate is $160.", '{"rate": "r1", "extra": 1}'])
    for _ in range(3):
        assert json.loads(_ask(chat, CHOICE)) == {"rate": "r1"}
    assert chat.schema_replacements == 3


def test_without_a_schema_the_reply_is_replayed_as_it_is():
    chat = FakeChat(["The rate is $160."])
    assert _ask(chat) == "The rate is $160."


def test_schema_subset():
    assert fits_schema(None, {"type": ["string", "null"]})
    assert not fits_schema(3, {"type": "string"})
    assert not fits_schema(True, {"type": "integer"})
    assert fits_schema([1, 2.5], {"type": "array", "items": {"type": "number"}})
    assert not fits_schema({}, CHOICE)
    assert smallest_instance({"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "string"}},
                              "required": ["b"]}) == {"b": ""}
