"""Plain records passed between layers. No behaviour beyond trivial helpers."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageText:
    """Text of one page (1-based) or, for formats without pages, of the whole file (page None)."""

    page: int | None
    text: str


@dataclass(frozen=True)
class Chunk:
    path: str
    page: int | None
    index: int  # position of the chunk within its file
    text: str  # the text a person sees and keyword search reads
    title: str = ""  # document title / file name, prefixed for the embedder


@dataclass(frozen=True)
class Hit:
    path: str
    page: int | None
    score: float
    text: str
    title: str = ""
    chunk_id: str = ""
    similarity: float | None = None  # embedder cosine with the query, when the vector search found it

    def as_json(self) -> dict:
        return {"path": self.path, "page": self.page, "score": round(float(self.score), 6), "text": self.text}


@dataclass
class FileFailure:
    path: str
    error: str

    def as_json(self) -> dict:
        return {"path": self.path, "error": self.error}


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    chunks: int = 0
    failed: list[FileFailure] = field(default_factory=list)
    cancelled: bool = False

    def as_json(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "chunks": self.chunks,
            "failed": [f.as_json() for f in self.failed],
        }


@dataclass(frozen=True)
class IndexProgress:
    """Yielded between batches while indexing."""

    files_done: int
    files_total: int
    chunks: int
    current_file: str
    eta_seconds: float | None
    stage: str = "indexing"  # scanning | indexing | finishing


@dataclass
class LibraryStatus:
    folders: list[str]
    files: int
    chunks: int
    failed: int

    def as_json(self) -> dict:
        return {"folders": self.folders, "files": self.files, "chunks": self.chunks, "failed": self.failed}


@dataclass(frozen=True)
class FileRecord:
    path: str
    folder: str
    size: int
    mtime_ns: int
    sha256: str
    status: str  # indexed | pending | failed
    error: str = ""
    chunks: int = 0


@dataclass(frozen=True)
class Citation:
    n: int
    path: str
    page: int | None
    quote: str

    def as_json(self) -> dict:
        return {"n": self.n, "path": self.path, "page": self.page, "quote": self.quote}


@dataclass
class Answer:
    answer: str
    found: bool
    citations: list[Citation]
    model: str
    sources: list[Hit] = field(default_factory=list)
    notice: str = ""
    # Not found, but these passages came close: shown for the user to check, never as
    # evidence for a claim (citations stay empty when found is false).
    closest: list[Citation] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "answer": self.answer,
            "found": self.found,
            "citations": [c.as_json() for c in self.citations],
            "model": self.model,
            "closest": [c.as_json() for c in self.closest],
        }
