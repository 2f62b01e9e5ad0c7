"""Keep the store in step with the library folders.

``sync`` is a generator: it yields ``IndexProgress`` between embedding batches (a place to
report and to stop) and returns an ``IndexReport``. Parsing runs in a producer thread
feeding a bounded queue so the embedder never waits on PyMuPDF, and memory stays flat
whatever the corpus size.

Crash safety: a file's chunks are written in one go (delete the path's old rows, then add
the new ones) and only then does the manifest say "indexed". A run killed at any point
leaves files the manifest does not call indexed; the next sync re-does exactly those,
deleting first, so the result equals a clean run: no duplicates, nothing missing.
"""
from __future__ import annotations

import contextlib
import dataclasses
import gc
import itertools
import logging
import os
import queue
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Generator, Iterable

import numpy as np

from core.errors import LibraryBusyError, LocumError, UnreadableFileError
from core.documents.locate import pack_words
from core.library.chunking import choose_title, chunk_pages, embedding_text
from core.library.manifest import Manifest
from core.library.no_text import NO_TEXT_OCR_OFF, no_text_reason
from core.library.records import DocumentRecord, build_record
from core.library.paths import canonical, same_path
from core.documents.readers import readable_title
from core.library.scanner import ScanProblem, SeenFile, os_reason, scan, sha256_file
from core.types import Chunk, FileFailure, FileRecord, FileWarning, IndexProgress, IndexReport

log = logging.getLogger(__name__)

EMBED_BATCH = 64  # chunks per embedding call: one unit of work between yields
FLUSH_ROWS = 2048  # rows buffered before a store write (fewer, larger LanceDB fragments)
FLUSH_SECONDS = 3.0  # ...or this long since the last write, so a stopped run keeps its work
QUEUE_CHUNKS = 1024  # parsed-but-not-embedded chunks held in memory at most


@dataclass
class _Job:
    seen: SeenFile
    sha256: str = ""
    is_new: bool = True


@dataclass
class _Pending:
    """A file whose chunks are being embedded; written only once complete."""

    job: _Job
    chunks: list[Chunk] = field(default_factory=list)
    vectors: list[np.ndarray] = field(default_factory=list)
    embedded: int = 0
    done_parsing: bool = False
    failure: str | None = None
    warning: str = ""
    record: DocumentRecord | None = None


class _FileStart:
    def __init__(self, job: _Job) -> None:
        self.job = job


class _FileEnd:
    def __init__(self, job: _Job, failure: str | None = None, warning: str = "",
                 record: DocumentRecord | None = None) -> None:
        self.job = job
        self.failure = failure
        self.warning = warning
        self.record = record


_STOP = object()


class WriteLock:
    """One writer at a time across processes; a second gets a clear "busy" message."""

    def __init__(self, path: Path) -> None:
        from filelock import FileLock, Timeout

        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(str(path))
        self._timeout = Timeout

    def __enter__(self):
        try:
            self._lock.acquire(timeout=0.5)
        except self._timeout:
            raise LibraryBusyError(
                "The library is busy: another Locum window or command is updating it."
            ) from None
        return self

    def __exit__(self, *exc):
        self._lock.release()


class Indexer:
    def __init__(self, manifest: Manifest, store_factory: Callable, embedder, *, read_document: Callable,
                 exclude: list[str] | None = None, ocr: bool = True, lock_path: Path | None = None) -> None:
        self.manifest = manifest
        self._store_factory = store_factory
        self._store = None
        self.embedder = embedder
        self.read_document = read_document
        self.exclude = exclude or []
        self.ocr = ocr
        self.lock_path = lock_path

    @property
    def store(self):
        if self._store is None:
            self._store = self._store_factory()
        return self._store

    def _write_lock(self):
        return WriteLock(self.lock_path) if self.lock_path else contextlib.nullcontext()

    # ---- public --------------------------------------------------------------
    def sync(self, roots: Iterable[str] | None = None, *, add: bool = False) -> Generator[IndexProgress, None, IndexReport]:
        """Bring ``roots`` (default: every library folder) in step with the disk."""
        with self._write_lock():
            roots = [canonical(r, self.manifest.flavour) for r in (roots if roots is not None else self.manifest.folders())]
            if add:
                for r in roots:
                    if not os.path.exists(r) and not os.path.islink(r):
                        raise LocumError(f"{r} does not exist. Check the path and try again.")
                    self.manifest.add_folder(r)
            report = IndexReport()
            # Everything alive now (the loaded runtimes, models, the window) lives for the
            # whole process. Moved out of the cyclic collector's way, it is not walked again
            # by each full collection that reading pages of words triggers: those walks held
            # the interpreter for 0.5-0.7 s at a time and froze the window.
            gc.freeze()
            yield IndexProgress(0, 0, 0, "", None, stage="scanning")
            jobs, removed, moves, unchanged_updates = self._plan(roots, report)
            self._apply_removals_and_moves(removed, moves, report)
            if unchanged_updates:
                self.manifest.put_many(unchanged_updates)
            if jobs:
                yield from self._index_jobs(jobs, report)
            if jobs or removed or moves:
                yield IndexProgress(len(jobs), len(jobs), report.chunks, "", 0.0, stage="finishing")
                self.store.finish()
            return report

    def remove(self, target: str) -> int:
        """Take a folder or file out of the library and erase its rows from disk."""
        target = canonical(target, self.manifest.flavour)
        with self._write_lock():
            recs = self.manifest.files_under(target)
            folders = [f for f in self.manifest.folders() if same_path(f, target, self.manifest.flavour)]
            if not recs and not folders:
                raise LocumError(f"{target} is not in the library.")
            self.store.delete_paths(recs.keys())
            self.manifest.delete_many(recs.keys())
            for folder in folders:
                self.manifest.remove_folder(folder)
            self.store.finish(erase_old_versions=True)
            return len(recs)

    # ---- planning ------------------------------------------------------------
    def _plan(self, roots: list[str], report: IndexReport):
        jobs: list[_Job] = []
        unchanged_updates: list[FileRecord] = []
        seen_paths: set[str] = set()
        known_all: dict[str, FileRecord] = {}
        for root in roots:
            if not os.path.exists(root):
                # A library folder that vanished (unplugged drive?) keeps its index; say so.
                report.failed.append(FileFailure(root, "folder not found; its files stay in the library until it is removed"))
                continue
            known = self.manifest.files_under(root)
            known_all.update(known)
            for item in scan(root, self.exclude):
                if isinstance(item, ScanProblem):
                    report.failed.append(FileFailure(item.path, item.error))
                    continue
                if item.path in seen_paths:
                    continue
                seen_paths.add(item.path)
                rec = known_all.get(item.path) or self.manifest.get(item.path)
                if rec is None:
                    jobs.append(_Job(item, is_new=True))
                elif rec.status == "indexed" and not rec.chunks and self.ocr and rec.error == NO_TEXT_OCR_OFF:
                    jobs.append(_Job(item, is_new=False))  # a scan skipped with OCR off: read it now
                elif rec.status == "indexed" and rec.size == item.size and rec.mtime_ns == item.mtime_ns:
                    report.unchanged += 1
                elif rec.status == "indexed" and rec.size == item.size:
                    # mtime moved (touched, copied back): same bytes cost no parsing or embedding
                    try:
                        digest = sha256_file(item.path)
                    except OSError:
                        digest = ""
                    if digest and digest == rec.sha256:
                        report.unchanged += 1
                        unchanged_updates.append(FileRecord(item.path, rec.folder, item.size, item.mtime_ns,
                                                            digest, "indexed", rec.error, rec.chunks))
                    else:
                        jobs.append(_Job(item, sha256=digest, is_new=False))
                else:
                    jobs.append(_Job(item, is_new=False))
        removed = {p: rec for p, rec in known_all.items() if p not in seen_paths}
        # A new file with the bytes of a vanished one was moved or renamed: reuse its vectors.
        moves: list[tuple[FileRecord, _Job]] = []
        if removed:
            by_sha = {}
            for rec in removed.values():
                if rec.status == "indexed" and rec.sha256:
                    by_sha.setdefault((rec.sha256, rec.size), rec)
            if by_sha:
                sizes = {size for _, size in by_sha}
                remaining = []
                for job in jobs:
                    if job.is_new and job.seen.size in sizes:
                        try:
                            job.sha256 = sha256_file(job.seen.path)
                        except OSError:
                            remaining.append(job)
                            continue
                        old = by_sha.pop((job.sha256, job.seen.size), None)
                        if old is not None:
                            moves.append((old, job))
                            removed.pop(old.path, None)
                            continue
                    remaining.append(job)
                jobs = remaining
        return jobs, removed, moves, unchanged_updates

    def _apply_removals_and_moves(self, removed: dict[str, FileRecord], moves, report: IndexReport) -> None:
        if removed:
            self.store.delete_paths(removed.keys())
            self.manifest.delete_many(removed.keys())
            report.removed += len(removed)
        for old, job in moves:
            table = self.store.rows_for_path(old.path)
            if table.num_rows:
                cols = {name: table.column(name).to_pylist() for name in table.column_names if name != "vector"}
                n = table.num_rows
                cols["path"] = [job.seen.path] * n
                cols["folder"] = [job.seen.folder] * n
                cols["ext"] = [Path(job.seen.path).suffix.lower().lstrip(".")] * n
                cols["mtime"] = [job.seen.mtime_ns // 1_000_000_000] * n
                cols["id"] = [f"{job.seen.path}#{i}" for i in cols["idx"]]
                vectors = np.asarray(table.column("vector").to_pylist(), dtype=np.float32)
                self.store.delete_paths([job.seen.path])
                self.store.add(cols, vectors)
            self.store.delete_paths([old.path])
            record = self.manifest.document(old.path)
            self.manifest.delete_many([old.path])
            if record is not None:
                self.manifest.put_documents([dataclasses.replace(record, path=job.seen.path)])
            self.manifest.put(FileRecord(job.seen.path, job.seen.folder, job.seen.size, job.seen.mtime_ns,
                                         job.sha256, "indexed", old.error, old.chunks))
            report.updated += 1

    # ---- the pipeline ----------------------------------------------------------
    def _produce(self, jobs: list[_Job], out: queue.Queue, stop: threading.Event) -> None:
        spans = self.embedder.token_spans
        max_tokens = self.embedder.max_tokens

        def put(item) -> bool:
            while not stop.is_set():
                try:
                    out.put(item, timeout=0.1)
                    return True
                except queue.Full:
                    continue
            return False

        try:
            for job in jobs:
                if stop.is_set():
                    return
                if not put(_FileStart(job)):
                    return
                failure = None
                warning = ""
                record = None
                try:
                    before = os.stat(job.seen.path)
                    if not job.sha256:
                        job.sha256 = sha256_file(job.seen.path)
                    doc = self.read_document(job.seen.path, ocr=self.ocr)
                    pages = iter(doc.pages)
                    # The first pages say what the document is (a filing's cover, a contract's parties).
                    head = list(itertools.islice(pages, 2))
                    pages = itertools.chain(head, pages)
                    first = head[0] if head else None
                    file_title = readable_title(job.seen.path)
                    title = choose_title(doc.title, doc.kind, file_title, first.text if first else "")
                    record = build_record(job.seen.path, title=title, file_title=file_title,
                                          first_pages="\n".join(p.text for p in head), page_count=doc.page_count)
                    if record.organisations and record.doc_type:
                        title = record.title  # "Amazon.com, Inc. 10-K 2017", not a filing number
                    produced = 0
                    for chunk in chunk_pages(job.seen.path, title, pages, spans, max_tokens):
                        if not put(chunk):
                            return
                        produced += 1
                    if not produced:
                        warning = no_text_reason(doc)
                    after = os.stat(job.seen.path)
                    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
                        failure = "changed while it was being read; it will be read again on the next sync"
                except UnreadableFileError as e:
                    failure = e.reason
                except MemoryError:
                    failure = "is too large to read with the memory available"
                except OSError as e:
                    failure = os_reason(e)
                except Exception as e:  # a reader bug must not stop the other files
                    log.exception("unexpected error reading %s", job.seen.path)
                    failure = f"could not be read ({type(e).__name__}: {e})"
                if not put(_FileEnd(job, failure, warning, record)):
                    return
        finally:
            if not stop.is_set():
                put(_STOP)

    def _index_jobs(self, jobs: list[_Job], report: IndexReport) -> Generator[IndexProgress, None, None]:
        total_bytes = sum(j.seen.size for j in jobs) or 1
        q: queue.Queue = queue.Queue(maxsize=QUEUE_CHUNKS)
        stop = threading.Event()
        producer = threading.Thread(target=self._produce, args=(jobs, q, stop), name="locum-parse", daemon=True)
        producer.start()
        started = time.monotonic()
        files_done = 0
        bytes_done = 0
        current = ""
        open_files: dict[str, _Pending] = {}
        batch: list[tuple[_Pending, Chunk]] = []
        ready: list[_Pending] = []  # complete files waiting for a store write
        ready_rows = 0

        def embed_batch():
            nonlocal batch
            if not batch:
                return
            vecs = self.embedder.embed_documents([embedding_text(c) for _, c in batch])
            for (p, _), v in zip(batch, vecs):
                p.vectors.append(v)
                p.embedded += 1
            batch = []

        def settle():
            """Move files whose chunks are all embedded to the write buffer."""
            nonlocal files_done, bytes_done, ready_rows
            for path in [p for p, pend in open_files.items() if pend.done_parsing and pend.embedded == len(pend.chunks)]:
                pend = open_files.pop(path)
                files_done += 1
                bytes_done += pend.job.seen.size
                if pend.failure:
                    report.failed.append(FileFailure(path, pend.failure))
                    self._record_failure(pend.job, pend.failure)
                    continue
                ready.append(pend)
                ready_rows += len(pend.chunks)

        last_flush = time.monotonic()

        def flush():
            nonlocal ready, ready_rows, last_flush
            last_flush = time.monotonic()
            if not ready:
                return
            self._write(ready, report)
            ready, ready_rows = [], 0

        def progress():
            elapsed = time.monotonic() - started
            frac = bytes_done / total_bytes
            eta = elapsed * (1 - frac) / frac if frac > 0.01 else None
            return IndexProgress(files_done, len(jobs), report.chunks + ready_rows, current, eta)

        try:
            finished = False
            while not finished:
                try:
                    item = q.get(timeout=0.2)
                except queue.Empty:
                    if not producer.is_alive() and q.empty():
                        break
                    continue
                if item is _STOP:
                    finished = True
                elif isinstance(item, _FileStart):
                    current = item.job.seen.path
                    open_files[current] = _Pending(item.job)
                elif isinstance(item, _FileEnd):
                    pend = open_files[item.job.seen.path]
                    pend.done_parsing = True
                    pend.failure = item.failure
                    pend.warning = item.warning
                    pend.record = item.record
                    if item.failure:  # drop what was queued for embedding
                        batch = [(p, c) for p, c in batch if p is not pend]
                        pend.chunks, pend.vectors, pend.embedded = [], [], 0
                else:
                    pend = open_files[item.path]
                    pend.chunks.append(item)
                    batch.append((pend, item))
                    if len(batch) < EMBED_BATCH:
                        continue  # report once per embedding batch, not per chunk
                    embed_batch()
                settle()
                if ready_rows >= FLUSH_ROWS or (ready and time.monotonic() - last_flush > FLUSH_SECONDS):
                    flush()
                if not isinstance(item, _FileStart):
                    yield progress()
            embed_batch()
            settle()
            flush()
            yield progress()
        finally:
            # Cancelled (generator closed) or failed: stop parsing, keep every file that is
            # complete, drop partial ones; the manifest still lists those for the next sync.
            stop.set()
            try:
                embed_batch()  # at most one batch: finishes the files already parsed
                settle()
                flush()
            except Exception:
                log.exception("could not save the finished files after the run stopped")
            finally:
                producer.join(timeout=30)

    def _record_failure(self, job: _Job, reason: str) -> None:
        prev = self.manifest.get(job.seen.path)
        if prev and prev.status == "indexed" and reason.startswith("changed while"):
            return  # keep the indexed version; the next sync reads it again
        if prev and prev.chunks:
            self.store.delete_paths([job.seen.path])
        self.manifest.delete_documents([job.seen.path])
        self.manifest.put(FileRecord(job.seen.path, job.seen.folder, job.seen.size, job.seen.mtime_ns,
                                     job.sha256, "failed", reason, 0))

    def _write(self, files: list[_Pending], report: IndexReport) -> None:
        rows: dict[str, list] = {k: [] for k in ("id", "path", "folder", "ext", "mtime", "page", "idx", "title", "text",
                                                 "search_text", "layout")}
        vectors = []
        for pend in files:
            s = pend.job.seen
            ext = Path(s.path).suffix.lower().lstrip(".")
            heading = search_heading(pend.chunks[0].title if pend.chunks else "", s.path)
            for c, v in zip(pend.chunks, pend.vectors):
                rows["id"].append(f"{s.path}#{c.index}")
                rows["path"].append(s.path)
                rows["folder"].append(s.folder)
                rows["ext"].append(ext)
                rows["mtime"].append(s.mtime_ns // 1_000_000_000)
                rows["page"].append(c.page)
                rows["idx"].append(c.index)
                rows["title"].append(c.title)
                rows["text"].append(c.text)
                rows["search_text"].append("\n".join(p for p in (heading, c.context, c.text) if p))
                rows["layout"].append(pack_words(c.words) or None)
                vectors.append(v)
        self.store.delete_paths([p.job.seen.path for p in files])
        if vectors:
            self.store.add(rows, np.stack(vectors))
        self.manifest.put_documents(p.record for p in files if p.record is not None)
        self.manifest.put_many(
            FileRecord(p.job.seen.path, p.job.seen.folder, p.job.seen.size, p.job.seen.mtime_ns, p.job.sha256,
                       "indexed", p.warning, len(p.chunks))
            for p in files
        )
        for p in files:
            report.chunks += len(p.chunks)
            if p.warning:
                report.warnings.append(FileWarning(p.job.seen.path, p.warning))
            if p.job.is_new:
                report.added += 1
            else:
                report.updated += 1


def search_heading(title: str, path: str) -> str:
    """Title and file name, which keyword search reads with every chunk of the file.

    People ask by name ("the Lindqvist retainer"); the name is often only in the title or
    the file name, never in the page the answer is on.
    """
    name = readable_title(path)
    parts = [title] if title else []
    if any(ch.isalpha() for ch in name) and name.casefold() not in title.casefold():
        parts.append(name)
    return "\n".join(parts)
