"""Writes that survive a kill or a power cut: the new content goes to a temporary file in the
same folder, is flushed to disk, renamed over the old file (atomic on every platform we run
on), and the folder itself is flushed so the rename is durable. A reader sees the old file or
the new one, never half of either.

Temporary files are named ``<name>.<random>.tmp`` beside their target, so a leftover from a
killed run is recognisable (``core.settings.locum_entries`` counts them as Locum's).
"""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Sequence

TEMP_SUFFIX = ".tmp"


def fsync_folder(folder: Path | str) -> None:
    """Make a rename inside ``folder`` durable. Windows cannot open a folder for this; its
    file system journals the rename itself, so there it is skipped."""
    try:
        fd = os.open(str(folder), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_folder(path.parent)


def atomic_write_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(path, text.encode(encoding))


def atomic_write_json(path: Path | str, data: Any, *, indent: int | None = 2) -> None:
    atomic_write_text(path, json.dumps(data, indent=indent, ensure_ascii=False))


def atomic_write_csv(path: Path | str, rows: Iterable[Sequence[Any]], header: Sequence[str] | None = None) -> None:
    """CSV as spreadsheet programs read it: UTF-8 with a byte-order mark, CRLF line ends."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf)
    if header is not None:
        w.writerow(header)
    w.writerows(rows)
    atomic_write_bytes(path, buf.getvalue().encode("utf-8-sig"))


def files_under(paths: Iterable[str], suffixes: Iterable[str]) -> tuple[list[str], list[str]]:
    """The files among ``paths`` (folders walked, sorted; hidden and Office lock entries
    skipped) whose suffix is one of ``suffixes``, as absolute paths; and the paths given or
    found that are not such files."""
    wanted = {s.lower() for s in suffixes}
    files: list[str] = []
    skipped: list[str] = []

    def take(p: str) -> None:
        if os.path.splitext(p)[1].lower() in wanted:
            files.append(os.path.abspath(p))
        else:
            skipped.append(p)

    for p in paths:
        if os.path.isdir(p):
            for dirpath, dirnames, names in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for n in sorted(names):
                    if not n.startswith(".") and not n.startswith("~$"):
                        take(os.path.join(dirpath, n))
        elif os.path.isfile(p):
            take(p)
        else:
            skipped.append(p)
    return files, skipped
