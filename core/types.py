"""Plain records passed between layers. No behaviour beyond trivial helpers."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Word:
    """One word on a page and where it sits: PDF points for PDF pages (OCR boxes are scaled to
    points too), pixels of the original picture for images. Origin top left."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    line: int = 0  # words of one printed line share this number


@dataclass(frozen=True)
class Box:
    """A rectangle on a page, in the same units as ``Word``."""

    page: int | None
    x0: float
    y0: float
    x1: float
    y1: float

    def as_json(self) -> list:
        return [round(self.x0, 1), round(self.y0, 1), round(self.x1, 1), round(self.y1, 1)]


@dataclass(frozen=True)
class PageText:
    """One page (1-based) or, for formats without pages, the whole file (page None).

    The page model shared by chunking, citations, extraction and the viewer: the text in
    reading order, and where the page has a layout (PDF text layer, OCR), its words with
    their boxes. ``size`` is (width, height) in the words' units.

    ``turn`` is how many quarter turns clockwise took the page as shown (the PDF page with
    its /Rotate applied, the picture upright by its EXIF tag) to the frame its words are in,
    where the text reads left to right: a scan photographed sideways is read turned, so that
    "right of a label" means what it says. ``core.documents.turns.shown_box`` maps a box back.
    """

    page: int | None
    text: str
    # Positions are derived from the same page: equal pages are equal by page and text.
    words: tuple[Word, ...] = field(default=(), compare=False, repr=False)
    size: tuple[float, float] | None = field(default=None, compare=False, repr=False)
    turn: int = field(default=0, compare=False, repr=False)
    #: For a sheet photographed at an angle and read flattened: the 3x3 matrix (row-major)
    #: taking a point of the flattened sheet, before any turn, to the photo's own pixels.
    warp: tuple[float, ...] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Chunk:
    path: str
    page: int | None
    index: int  # position of the chunk within its file
    text: str  # the text a person sees and keyword search reads
    title: str = ""  # document title / file name, prefixed for the embedder
    # The page's words this text came from, with their boxes (empty without a layout).
    words: tuple[Word, ...] = field(default=(), compare=False, repr=False)
    # Headings of the table the chunk's rows belong to (statement title, column headers),
    # read by search and the embedder, never shown as the chunk's text.
    context: str = ""


@dataclass(frozen=True)
class Hit:
    path: str
    page: int | None
    score: float
    text: str
    title: str = ""
    chunk_id: str = ""
    similarity: float | None = None  # embedder cosine with the query, when the vector search found it
    # The chunk's words and boxes, packed (core.documents.locate.pack_words); b"" when the
    # library was built before they were kept or the file has no layout.
    layout: bytes = field(default=b"", compare=False, repr=False)
    # What keyword search read for the chunk: the document's title and file name, the
    # headings of its table, then ``text``.
    search_text: str = field(default="", compare=False, repr=False)

    def as_json(self) -> dict:
        return {"path": self.path, "page": self.page, "score": round(float(self.score), 6), "text": self.text,
                "title": self.title}


@dataclass
class FileFailure:
    path: str
    error: str

    def as_json(self) -> dict:
        return {"path": self.path, "error": self.error}


@dataclass
class FileWarning:
    """A file that was read but gave no passage (blank, a scan with OCR off): it counts as
    indexed, and nothing can find it, so the report says why."""

    path: str
    warning: str

    def as_json(self) -> dict:
        return {"path": self.path, "warning": self.warning}


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    chunks: int = 0
    failed: list[FileFailure] = field(default_factory=list)
    cancelled: bool = False
    warnings: list[FileWarning] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "chunks": self.chunks,
            "failed": [f.as_json() for f in self.failed],
            "warnings": [w.as_json() for w in self.warnings],
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
    no_text: int = 0  # indexed files that gave no passage (counted in ``files`` too)

    def as_json(self) -> dict:
        return {"folders": self.folders, "files": self.files, "chunks": self.chunks, "failed": self.failed,
                "no_text": self.no_text}


@dataclass(frozen=True)
class FileRecord:
    path: str
    folder: str
    size: int
    mtime_ns: int
    sha256: str
    status: str  # indexed | pending | failed
    error: str = ""  # why it failed, or why an indexed file gave no passage
    chunks: int = 0


@dataclass(frozen=True)
class Citation:
    n: int
    path: str
    page: int | None
    quote: str
    boxes: tuple[Box, ...] = field(default=(), compare=False)  # where the quote sits on its page, when the page has a layout

    def as_json(self) -> dict:
        return {"n": self.n, "path": self.path, "page": self.page, "quote": self.quote,
                "boxes": [b.as_json() for b in self.boxes]}

    @classmethod
    def from_json(cls, d: dict) -> "Citation":
        """``as_json`` read back; records saved before boxes existed have none. Raises
        KeyError, TypeError or ValueError on a malformed record."""
        page = d.get("page")
        page = int(page) if page is not None else None
        boxes = tuple(Box(page, *(float(v) for v in b)) for b in d.get("boxes") or () if len(b) == 4)
        return cls(int(d["n"]), str(d["path"]), page, str(d["quote"]), boxes)


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
