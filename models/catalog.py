"""The curated list of recommended GGUF models, and the one downloader that fetches them.

This is the only code in Locum that opens a network connection, and it runs only when the
user asks for a download. It uses the standard library alone so that nothing else (a hub
client, telemetry) can come along with it.

A download is a generator: each yield is a progress event, which is where a UI reports and
where cancelling (``generator.close()``) takes effect. Bytes go to ``<dest>.part``; a later
call resumes from it with an HTTP ``Range`` request. The final name appears only after the
file is verified (SHA-256 when known, otherwise the server's length plus a full GGUF check),
so a half or corrupt file is never mistaken for a model.
"""
from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import socket
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Generator

from models.gguf import GGUFError, read_gguf

USER_AGENT = "Locum/0.1 (model download)"


class DownloadError(RuntimeError):
    """A download that could not finish. The message says whether a retry resumes."""

    def __init__(self, message: str, *, resumable: bool = False) -> None:
        super().__init__(message)
        self.resumable = resumable


@dataclass(frozen=True)
class CatalogEntry:
    name: str
    title: str
    filename: str
    url: str
    size_bytes: int
    size_exact: bool
    sha256: str | None
    licence: str
    ram_gb: float
    context_length: int
    parameters: str = ""
    quantization: str = ""
    licence_url: str = ""
    summary: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


REQUIRED_FIELDS = ("name", "title", "filename", "url", "size_bytes", "size_exact", "sha256",
                   "licence", "ram_gb", "context_length")


def load_catalog(path: str | os.PathLike | None = None) -> list[CatalogEntry]:
    """Entries of ``resources/catalog.json`` (or ``path``), checked for the required fields."""
    if path is None:
        text = resources.files("resources").joinpath("catalog.json").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    data = json.loads(text)
    entries = []
    known = set(CatalogEntry.__dataclass_fields__)
    for raw in data["models"]:
        missing = [k for k in REQUIRED_FIELDS if k not in raw]
        if missing:
            raise ValueError(f"catalog entry {raw.get('name', '?')!r} lacks {', '.join(missing)}")
        sha = raw["sha256"]
        if sha is not None and not re.fullmatch(r"[0-9a-f]{64}", sha):
            raise ValueError(f"catalog entry {raw['name']!r} has a malformed sha256")
        entries.append(CatalogEntry(**{k: v for k, v in raw.items() if k in known}))
    return entries


def catalog_entry(name: str) -> CatalogEntry | None:
    for e in load_catalog():
        if e.name == name:
            return e
    return None


@dataclass(frozen=True)
class DownloadProgress:
    phase: str  # connecting | downloading | verifying | done
    done_bytes: int
    total_bytes: int | None
    resumed_from: int = 0

    @property
    def fraction(self) -> float | None:
        if not self.total_bytes:
            return None
        return min(1.0, self.done_bytes / self.total_bytes)


def part_path(dest: Path) -> Path:
    return dest.with_name(dest.name + ".part")


def _content_range_total(value: str | None) -> tuple[int | None, int | None]:
    """``bytes 100-199/1000`` -> (100, 1000); ``bytes */1000`` -> (None, 1000)."""
    if not value:
        return None, None
    m = re.match(r"bytes\s+(?:(\d+)-\d+|\*)/(\d+|\*)", value.strip())
    if not m:
        return None, None
    start = int(m.group(1)) if m.group(1) is not None else None
    total = int(m.group(2)) if m.group(2) != "*" else None
    return start, total


def _mb(n: int | None) -> str:
    return "?" if n is None else f"{n / 1e6:,.1f} MB"


def download(
    entry_or_url: CatalogEntry | str,
    dest_path: str | os.PathLike,
    *,
    expected_sha256: str | None = None,
    expected_size: int | None = None,
    chunk: int = 1 << 20,
    timeout: float = 30.0,
) -> Generator[DownloadProgress, None, Path]:
    """Fetch a model to ``dest_path``; yields progress and returns the verified path."""
    if isinstance(entry_or_url, CatalogEntry):
        url = entry_or_url.url
        expected_sha256 = expected_sha256 or entry_or_url.sha256
        if expected_size is None and entry_or_url.size_exact:
            expected_size = entry_or_url.size_bytes
    else:
        url = entry_or_url
    if not url.lower().startswith(("https://", "http://")):
        raise DownloadError(f"Only http(s) downloads are supported, not {url!r}.")
    dest = Path(dest_path)
    part = part_path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)

    if dest.exists():
        # Already there from an earlier run: verify rather than fetch again, and never
        # delete a final-named file we cannot prove we wrote.
        yield DownloadProgress("verifying", dest.stat().st_size, dest.stat().st_size)
        yield from _verify(dest, expected_sha256, expected_size, delete_bad=False)
        yield DownloadProgress("done", dest.stat().st_size, dest.stat().st_size)
        return dest

    total = yield from _fetch(url, part, expected_size, chunk, timeout)
    size = part.stat().st_size
    yield DownloadProgress("verifying", size, total)
    yield from _verify(part, expected_sha256, expected_size, delete_bad=True)
    _durable_rename(part, dest)
    yield DownloadProgress("done", size, size)
    return dest


def _durable_rename(part: Path, dest: Path) -> None:
    """Give a verified download its final name so that a power cut cannot leave a
    final-named file with missing bytes. models/ does not import core, so this is its own
    small copy of core.fsutil's steps: fsync the data, rename, fsync the folder."""
    with part.open("rb") as f:
        os.fsync(f.fileno())
    os.replace(part, dest)
    try:
        fd = os.open(str(dest.parent), os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its file system journals the rename
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fetch(url: str, part: Path, expected_size: int | None, chunk: int,
           timeout: float) -> Generator[DownloadProgress, None, int | None]:
    offset = part.stat().st_size if part.exists() else 0
    if expected_size is not None and offset > expected_size:
        part.unlink()
        offset = 0
    if expected_size is not None and offset == expected_size:
        return expected_size  # a previous run got every byte but stopped before verifying

    yield DownloadProgress("connecting", offset, expected_size, resumed_from=offset)
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    req = urllib.request.Request(url, headers=headers)
    try:
        resp = urllib.request.urlopen(req, timeout=timeout)
    except urllib.error.HTTPError as e:
        if e.code == 416 and offset:
            _, total = _content_range_total(e.headers.get("Content-Range"))
            e.close()
            if total == offset:
                return total
            # The .part does not match what the server has now: start over.
            part.unlink(missing_ok=True)
            return (yield from _fetch(url, part, expected_size, chunk, timeout))
        raise DownloadError(f"The server refused the download (HTTP {e.code} {e.reason}).") from e
    except (urllib.error.URLError, socket.timeout, OSError) as e:
        reason = getattr(e, "reason", e)
        raise DownloadError(f"Could not reach the download server ({reason}). Check the connection and "
                            "try again; the download resumes where it stopped.", resumable=True) from e

    with resp:
        status = resp.status
        if status == 206:
            start, total = _content_range_total(resp.headers.get("Content-Range"))
            if start != offset:
                raise DownloadError("The server sent the wrong part of the file; try again.", resumable=True)
            mode = "ab"
        elif status == 200:
            # The server ignored Range (or there was nothing to resume): start from zero.
            length = resp.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            offset, mode = 0, "wb"
        else:
            raise DownloadError(f"Unexpected reply from the server (HTTP {status}).")
        if expected_size is not None and total is not None and total != expected_size:
            raise DownloadError(f"The server offers {total:,} bytes but {expected_size:,} were expected; "
                                "the file may have changed upstream.")
        if total is None:
            total = expected_size

        done = offset
        yield DownloadProgress("downloading", done, total, resumed_from=offset)
        with part.open(mode) as out:
            while True:
                try:
                    block = resp.read(chunk)
                except (OSError, http.client.HTTPException) as e:
                    # A peer that goes away mid-body: the .part so far is good, keep it.
                    raise _dropped(done, total) from e
                if not block:
                    break
                out.write(block)
                done += len(block)
                yield DownloadProgress("downloading", done, total, resumed_from=offset)
    if total is not None and done != total:
        raise _dropped(done, total)
    return total


def _dropped(done: int, total: int | None) -> DownloadError:
    return DownloadError(f"The connection dropped after {_mb(done)} of {_mb(total)}. Run the download again "
                         "to resume where it stopped.", resumable=True)


def _verify(path: Path, sha256: str | None, size: int | None,
            *, delete_bad: bool) -> Generator[DownloadProgress, None, None]:
    actual_size = path.stat().st_size

    def bad(reason: str) -> DownloadError:
        if delete_bad:
            path.unlink(missing_ok=True)
        return DownloadError(f"{reason} The file was {'deleted' if delete_bad else 'left as it is'}.")

    if size is not None and actual_size != size:
        raise bad(f"The downloaded file has {actual_size:,} bytes, not the expected {size:,}.")
    if sha256:
        h = hashlib.sha256()
        done = 0
        with path.open("rb") as f:
            while block := f.read(8 << 20):
                h.update(block)
                done += len(block)
                yield DownloadProgress("verifying", done, actual_size)
        if h.hexdigest().lower() != sha256.lower():
            raise bad("The downloaded file does not match its published SHA-256 checksum.")
    try:
        read_gguf(path)
    except GGUFError as e:
        raise bad(f"The downloaded file is not a complete GGUF model: {e.reason}") from e
