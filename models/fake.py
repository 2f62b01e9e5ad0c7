"""Deterministic stand-ins for fast unit tests: a hashing embedder and a replaying chat backend."""
from __future__ import annotations

import hashlib
import re
from collections import deque
from typing import Iterator, Sequence

import numpy as np

from models.base import Message

_WORD = re.compile(r"\w+|[^\w\s]", re.UNICODE)


class HashEmbedder:
    """Bag of hashed lower-cased words, L2-normalised. Similar words -> similar vectors."""

    name = "fake-hash-64"
    dimensions = 64
    max_tokens = 64

    def __init__(self, dimensions: int = 64, max_tokens: int = 64, delay: float = 0.0) -> None:
        self.delay = delay
        self.dimensions = dimensions
        self.max_tokens = max_tokens
        self.name = f"fake-hash-{dimensions}"
        self.calls = 0

    def token_spans(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in _WORD.finditer(text)]

    def _one(self, text: str) -> np.ndarray:
        v = np.zeros(self.dimensions, dtype=np.float32)
        for m in list(_WORD.finditer(text))[: self.max_tokens]:
            h = int.from_bytes(hashlib.blake2b(m.group().lower().encode(), digest_size=4).digest(), "little")
            v[h % self.dimensions] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        if self.delay:
            import time

            time.sleep(self.delay)
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.stack([self._one(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._one(text)


def _types(schema: dict) -> list[str]:
    t = schema.get("type")
    if t is None:
        return ["object"] if "properties" in schema else []
    return [t] if isinstance(t, str) else list(t)


def fits_schema(value, schema: dict) -> bool:
    """Whether ``value`` is an instance of the JSON-schema subset a grammar enforces:
    type, enum, const, properties, required, items, additionalProperties false."""
    if "enum" in schema and value not in schema["enum"]:
        return False
    if "const" in schema and value != schema["const"]:
        return False
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return any(fits_schema(value, s) for s in schema[key])
    kinds = _types(schema)
    if not kinds:
        return True
    checks = {
        "null": value is None,
        "boolean": isinstance(value, bool),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        "string": isinstance(value, str),
        "array": isinstance(value, list),
        "object": isinstance(value, dict),
    }
    if not any(checks.get(k, False) for k in kinds):
        return False
    if isinstance(value, list) and "items" in schema:
        return all(fits_schema(v, schema["items"]) for v in value)
    if isinstance(value, dict):
        props = schema.get("properties", {})
        if any(r not in value for r in schema.get("required", [])):
            return False
        if schema.get("additionalProperties") is False and any(k not in props for k in value):
            return False
        return all(fits_schema(v, props[k]) for k, v in value.items() if k in props)
    return True


def smallest_instance(schema: dict):
    """The simplest value a grammar for ``schema`` would allow: the first enum entry, the
    required properties only, empty strings and lists, zero, false."""
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return smallest_instance(schema[key][0])
    kinds = _types(schema) or ["null"]
    kind = kinds[0]
    if kind == "object":
        props = schema.get("properties", {})
        return {k: smallest_instance(props.get(k, {})) for k in schema.get("required", [])}
    return {"null": None, "boolean": False, "integer": 0, "number": 0, "string": "", "array": []}.get(kind)


class FakeChat:
    """Replays queued replies (or a default) chunk by chunk and records what it was asked.

    Like a grammar-constrained model, it never breaks a ``json_schema``: a queued reply that
    is not a valid instance is replaced by the schema's smallest instance (and counted in
    ``schema_replacements``), so tests see what the real backend can return.
    """

    name = "fake-chat"
    can_stream = True
    supports_schema = True
    is_local = True

    def __init__(self, replies: Sequence[str] = (), *, default: str = "I don't know.", context_size: int = 4096) -> None:
        self.replies: deque[str] = deque(replies)
        self.default = default
        self.context_size = context_size
        self.requests: list[dict] = []
        self.schema_replacements = 0

    def queue(self, *replies: str) -> None:
        self.replies.extend(replies)

    def count_tokens(self, text: str) -> int:
        return len(_WORD.findall(text))

    def stream(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int = 512,
        json_schema: dict | None = None,
        temperature: float = 0.0,
    ) -> Iterator[str]:
        self.requests.append({"messages": list(messages), "max_tokens": max_tokens, "json_schema": json_schema})
        reply = self.replies.popleft() if self.replies else self.default
        if json_schema is not None:
            reply = self._conform(reply, json_schema)
        for piece in re.findall(r"\S+\s*|\s+", reply):
            yield piece

    def _conform(self, reply: str, schema: dict) -> str:
        import json

        try:
            if fits_schema(json.loads(reply), schema):
                return reply
        except ValueError:
            pass
        self.schema_replacements += 1
        return json.dumps(smallest_instance(schema))
