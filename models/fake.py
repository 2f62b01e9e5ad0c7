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


class FakeChat:
    """Replays queued replies (or a default) chunk by chunk and records what it was asked."""

    name = "fake-chat"
    can_stream = True
    supports_schema = True
    is_local = True

    def __init__(self, replies: Sequence[str] = (), *, default: str = "I don't know.", context_size: int = 4096) -> None:
        self.replies: deque[str] = deque(replies)
        self.default = default
        self.context_size = context_size
        self.requests: list[dict] = []

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
        for piece in re.findall(r"\S+\s*|\s+", reply):
            yield piece
