"""The two narrow seams between Locum and its model backends.

A chat backend yields text; an embedder turns text into unit vectors. Capabilities are
declared as class attributes, not probed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterator, Protocol, Sequence, runtime_checkable

import numpy as np


def force_offline() -> None:
    """Keep the hub libraries from ever reaching the network. Models load from files only."""
    for k, v in {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "DO_NOT_TRACK": "1",
        "TOKENIZERS_PARALLELISM": "false",
        # progress bars of weight loading would break the CLI's one-line stderr
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
        "TRANSFORMERS_VERBOSITY": "error",
    }.items():
        os.environ.setdefault(k, v)


def physical_cores() -> int:
    try:
        import psutil

        return max(1, psutil.cpu_count(logical=False) or os.cpu_count() or 1)
    except Exception:  # psutil missing or unable to read the topology
        return max(1, (os.cpu_count() or 2) // 2)


def busy_cores(interval: float = 0.1) -> float:
    """Cores that other processes keep busy right now, sampled over ``interval`` seconds.

    This process's own use is left out, so a warm-up running alongside is not counted.
    """
    try:
        import psutil

        me = psutil.Process()
        me.cpu_percent(None)
        total = psutil.cpu_percent(interval=interval) / 100 * (psutil.cpu_count() or 1)
        return max(0.0, total - me.cpu_percent(None) / 100)
    except Exception:  # no psutil, or no access to the counters: assume nothing else runs
        return 0.0


def default_threads(physical: int | None = None, busy: float | None = None) -> int:
    """llama.cpp threads for a model loaded now: one per physical core nobody else is using.

    llama.cpp's threads meet at a barrier after every layer, so one thread that shares its
    core with another process stalls all the others: on a 2-core machine with one core busy,
    2 threads generate far slower than 1 (docs/benchmarks.md, "Threads"). A core counts as
    taken when another process uses more than half of it.
    """
    physical = physical or physical_cores()
    busy = busy_cores() if busy is None else busy
    taken = min(physical, int(busy + 0.5))
    return max(1, physical - taken)


def cpu_flags() -> set[str]:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[-1].split())
    except OSError:
        pass
    return set()


@dataclass(frozen=True)
class Message:
    role: str  # system | user | assistant
    content: str


@dataclass
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0


@runtime_checkable
class Embedder(Protocol):
    name: str  # stable identity recorded in the store
    dimensions: int
    max_tokens: int  # word pieces the model reads; text past this never reaches the vector

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...

    def token_spans(self, text: str) -> list[tuple[int, int]]:
        """Character (start, end) of each word piece of ``text``, special tokens excluded."""
        ...


@runtime_checkable
class ChatBackend(Protocol):
    name: str
    can_stream: bool
    supports_schema: bool
    is_local: bool
    context_size: int

    def stream(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int = 512,
        json_schema: dict | None = None,
        temperature: float = 0.0,
    ) -> Iterator[str]: ...

    def count_tokens(self, text: str) -> int: ...


def complete(backend: ChatBackend, messages: Sequence[Message], **kw) -> str:
    return "".join(backend.stream(messages, **kw))
