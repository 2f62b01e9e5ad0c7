"""Read library files as plain text, one page at a time.

Every problem with a file becomes an ``UnreadableFileError`` whose reason a non-technical
person understands; most are found before the first page is yielded. PDFs are read lazily,
page by page, so a 2,000-page report never sits in memory; other formats are small enough
to read whole. Heavy libraries (PyMuPDF, python-docx, BeautifulSoup, RapidOCR, Pillow) are
imported on first use so that importing this module stays cheap.

A file whose content is positively something else than its name says (an HTML page saved
as ``.pdf``, a PDF named ``.txt``) is read as what it really is; ``Document.kind`` reports
the real kind.
"""
from __future__ import annotations

import logging
import os
import re
import stat as statmod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from core.errors import UnreadableFileError
from core.documents import ocr as _ocr
from core.documents import textformats
from core.documents.furniture import strip_furniture
from core.documents.turns import turned_size
from core.documents.ocr import OcrEngine
from core.types import PageText, Word

log = logging.getLogger(__name__)

_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}
_FORMAT_BY_SUFFIX = {
    ".pdf": "pdf", ".docx": "docx", ".txt": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html", ".eml": "eml", ".msg": "msg",
    **{suffix: "image" for suffix in _IMAGE_SUFFIXES},
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_FORMAT_BY_SUFFIX)

#: A page with less text than this, mostly covered by pictures, is treated as a scan.
_SCAN_MAX_CHARS = 32
_SCAN_MIN_IMAGE_SHARE = 0.25
_HEAD_BYTES = 8192

_PERMISSION = (
    "cannot be read: permission denied. Check that your account may open it "
    "and that no other program has it locked."
)
_PASSWORD = (
    "is password-protected, so Locum cannot read it. Save a copy without a password "
    "to include it."
)


@dataclass
class Document:
    path: str
    title: str
    kind: str  # pdf | docx | text | html | email | image
    pages: Iterator[PageText]
    page_count: int | None
    #: The file's stat when it was opened: the size and time that the pages belong to.
    stat: os.stat_result | None = field(default=None, repr=False)
    #: Pages (None for a single picture) left unread because they need OCR and it is off;
    #: filled while ``pages`` is read, so a file with no text can say why.
    ocr_skipped: list[int | None] = field(default_factory=list, repr=False)
    #: Things a reader of the results should know about how the file was read (a huge
    #: picture read reduced), fit to show a person; filled while ``pages`` is read.
    notes: list[str] = field(default_factory=list, repr=False)


def open_document(path: str | Path, *, ocr: bool = True, ocr_engine: OcrEngine | None = None) -> Document:
    """Open ``path`` for reading; iterate ``Document.pages`` to read it.

    ``ocr=False`` yields empty text for scanned pages and images instead of recognising them.
    ``ocr_engine`` replaces RapidOCR (for tests): it takes a greyscale numpy image and returns
    ``(x0, y0, x1, y1, text)`` tuples. After the last page the file is checked again, and
    ``UnreadableFileError`` is raised if it changed meanwhile.
    """
    name = str(path)
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        what = f"{suffix} files" if suffix else "files without an extension"
        raise UnreadableFileError(
            name,
            f"is not a kind of file Locum reads ({what}). It reads PDF, Word (.docx), text, "
            "Markdown, HTML, e-mail (.eml, .msg) and image files.",
        )
    st = _stat(name)
    fmt = _real_format(name, suffix, _read_head(name))
    try:
        return _READERS[fmt](name, st, ocr=ocr, ocr_engine=ocr_engine)
    except UnreadableFileError:
        raise
    except Exception as err:  # a library failing on a file it could not parse
        log.warning("could not open %s", name, exc_info=True)
        raise UnreadableFileError(name, "could not be read; it may be damaged.") from err


def check_unchanged(path: str | Path, stat_before: os.stat_result) -> None:
    """Raise if ``path`` is no longer the file that was stat-ed as ``stat_before``."""
    name = str(path)
    try:
        now = os.stat(name)
    except OSError as err:
        raise UnreadableFileError(name, "was moved or deleted while it was being read.") from err
    if (now.st_size, now.st_mtime_ns) != (stat_before.st_size, stat_before.st_mtime_ns):
        raise UnreadableFileError(
            name, "changed while it was being read; it will be read again on the next sync."
        )


def readable_title(path: str | Path) -> str:
    """"retainer_agreement-2024.pdf" -> "retainer agreement 2024"."""
    p = Path(path)
    return " ".join(re.split(r"[\s_\-]+", p.stem)).strip() or p.name


# ---------------------------------------------------------------- checks before reading


def _stat(name: str) -> os.stat_result:
    try:
        st = os.stat(name)
    except FileNotFoundError as err:
        raise UnreadableFileError(name, "no longer exists; it may have been moved or deleted.") from err
    except PermissionError as err:
        raise UnreadableFileError(name, _PERMISSION) from err
    except OSError as err:
        raise UnreadableFileError(name, f"could not be opened ({err.strerror or err}).") from err
    if statmod.S_ISDIR(st.st_mode):
        raise UnreadableFileError(name, "is a folder, not a file.")
    if not statmod.S_ISREG(st.st_mode):
        # Reading a pipe or a device would block or never end.
        raise UnreadableFileError(name, "is not an ordinary file (it may be a device or a pipe).")
    if st.st_size == 0:
        raise UnreadableFileError(name, "is empty (0 bytes).")
    return st


def _read_head(name: str) -> bytes:
    try:
        with open(name, "rb") as f:
            return f.read(_HEAD_BYTES)
    except PermissionError as err:
        raise UnreadableFileError(name, _PERMISSION) from err
    except OSError as err:
        raise UnreadableFileError(name, f"could not be opened ({err.strerror or err}).") from err


def _sniff(head: bytes) -> str | None:
    """The format the bytes prove, or None when they prove nothing."""
    if b"%PDF-" in head[:1024]:  # the spec allows junk before the header
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if (
        head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8"))
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        # "BM" alone also starts plain text; check the DIB header size too.
        or (head[:2] == b"BM" and int.from_bytes(head[14:18], "little") in (12, 40, 52, 56, 64, 108, 124))
    ):
        return "image"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")) or re.search(rb"<(html|head|body)[\s>]", head.lower()):
        return "html"
    return None


def _real_format(name: str, suffix: str, head: bytes) -> str:
    named = _FORMAT_BY_SUFFIX[suffix]
    real = _sniff(head)
    if real in ("pdf", "image"):
        return real
    if real == "zip":
        if named == "docx" or _zip_is_docx(name):
            return "docx"
        raise UnreadableFileError(name, f"is a ZIP archive, not a {_describe(named)}; it may have been saved with the wrong name.")
    if real == "ole":
        if named == "msg":
            return "msg"
        if _ole_is_encrypted(name):
            raise UnreadableFileError(name, _PASSWORD)
        raise UnreadableFileError(
            name,
            "is an older Microsoft Office file (such as a Word 97-2003 .doc), which Locum cannot "
            "read. Open it in Word and save it as .docx to include it.",
        )
    if real == "html" and named in ("pdf", "docx", "msg", "image"):
        return "html"
    if named in ("text", "html", "eml"):
        return named
    reasons = {
        "pdf": "is not a PDF: its contents are not in PDF format. It may be damaged or saved with the wrong name.",
        "docx": "is not a valid Word document (a .docx file is a ZIP package and this one is not). It may be damaged or saved with the wrong name.",
        "msg": "is not a valid Outlook message (.msg). It may be damaged or saved with the wrong name.",
        "image": "is not a picture Locum recognises. It may be damaged or saved with the wrong name.",
    }
    raise UnreadableFileError(name, reasons[named])


def _describe(fmt: str) -> str:
    return {"pdf": "PDF", "docx": "Word document", "msg": "Outlook message", "image": "picture"}.get(fmt, "text file")


def _zip_is_docx(name: str) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(name) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _ole_is_encrypted(name: str) -> bool:
    # Password-protected .docx files are OLE containers holding an "EncryptedPackage" stream.
    marker = "EncryptedPackage".encode("utf-16-le")
    try:
        with open(name, "rb") as f:
            return marker in f.read(64 * 1024 * 1024)
    except OSError:
        return False


def _checked(name: str, st: os.stat_result, pages: Iterator[PageText]) -> Iterator[PageText]:
    """Pass ``pages`` through, turning any failure into UnreadableFileError, then re-check the file."""
    try:
        yield from pages
    except UnreadableFileError:
        raise
    except Exception as err:
        log.warning("failed while reading %s", name, exc_info=True)
        raise UnreadableFileError(name, "could not be read to the end; it may be damaged.") from err
    check_unchanged(name, st)


# ---------------------------------------------------------------- PDF

_pymupdf_mod = None


def _pymupdf():
    global _pymupdf_mod
    if _pymupdf_mod is None:
        import pymupdf

        # MuPDF prints repair notes to stderr; the CLI promises one clean line there.
        pymupdf.TOOLS.mupdf_display_errors(False)
        pymupdf.TOOLS.mupdf_display_warnings(False)
        _pymupdf_mod = pymupdf
    return _pymupdf_mod


def _read_pdf(name: str, st: os.stat_result, *, ocr: bool, ocr_engine: OcrEngine | None) -> Document:
    pymupdf = _pymupdf()
    try:
        doc = pymupdf.open(name, filetype="pdf")
    except Exception as err:
        raise UnreadableFileError(name, "is damaged and cannot be opened as a PDF.") from err
    try:
        if doc.needs_pass:
            raise UnreadableFileError(name, _PASSWORD)
        # MuPDF quietly repairs broken files; one that also lacks its end marker was cut off,
        # and reading it would silently lose pages.
        if doc.is_repaired and not _has_pdf_end(name):
            raise UnreadableFileError(
                name,
                "is incomplete: it seems to have been cut off (for example by an interrupted "
                "download or copy). Replace it with a complete copy.",
            )
        count = doc.page_count
        if count == 0:
            raise UnreadableFileError(name, "has no pages; it may be damaged.")
        title = clean_title((doc.metadata or {}).get("title")) or readable_title(name)
    except BaseException:
        doc.close()
        raise
    skipped: list[int | None] = []
    pages = strip_furniture(_pdf_pages(name, doc, ocr, ocr_engine, skipped))
    return Document(name, title, "pdf", _checked(name, st, pages), count, st, skipped)


def _has_pdf_end(name: str) -> bool:
    with open(name, "rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - 2048))
        return b"%%EOF" in f.read()


def _pdf_pages(name: str, doc, ocr: bool, engine: OcrEngine | None,
               skipped: list[int | None] | None = None) -> Iterator[PageText]:
    flags = _pymupdf().TEXT_MEDIABOX_CLIP  # ligatures expanded, unknown glyphs as U+FFFD
    try:
        for i in range(doc.page_count):
            try:
                page = doc.load_page(i)
                raw = page.get_text("words", flags=flags)
                if page.rotation % 360:
                    # MuPDF gives words on the page before its /Rotate; the page is shown (and
                    # read by a person) turned, so boxes and "right of a label" follow the turn.
                    raw = _rotate_words(raw, page.rotation_matrix)
                segs = _pdf_segments(raw)
                lines, order = layout(segs, page.rect.width)
                text = "\n".join(lines)
                # Words in the order the text reads them, so a chunk's text lines up with its words.
                words = tuple(Word(w[4], w[0], w[1], w[2], w[3], w[5] * 10000 + w[6])
                              for i in order for w in segs[i][5])
                size = (page.rect.width, page.rect.height)
                turn, warp = 0, None
                if looks_scanned(page, text):
                    if ocr:
                        image = _ocr.render_pdf_page(page)
                        text, words, turn, frame, warp = _ocr_text(
                            name, image, engine, scale=page.rect.width / max(1, image.shape[1]))
                        size = turned_size(frame or size, turn)
                    else:
                        text, words = "", ()
                        if skipped is not None:
                            skipped.append(i + 1)
            except UnreadableFileError:
                raise
            except MemoryError as err:
                raise UnreadableFileError(name, f"page {i + 1} is too large to read with the memory available.") from err
            except Exception as err:
                log.warning("page %d of %s failed", i + 1, name, exc_info=True)
                raise UnreadableFileError(name, f"page {i + 1} is damaged and could not be read.") from err
            yield PageText(i + 1, text, words, size, turn, warp)
    finally:
        doc.close()


def _rotate_words(raw: list, matrix) -> list:
    pymupdf = _pymupdf()
    out = []
    for w in raw:
        r = pymupdf.Rect(w[:4]) * matrix
        out.append((r.x0, r.y0, r.x1, r.y1, *w[4:]))
    return out


def _pdf_segments(words: list) -> list[list]:
    """Group PyMuPDF words by the line MuPDF put them in: [x0, y0, x1, y1, texts, raw words]."""
    segs: dict[tuple[int, int], list] = {}
    for w in words:
        x0, y0, x1, y1, word, block, line, _ = w
        seg = segs.get((block, line))
        if seg is None:
            segs[(block, line)] = [x0, y0, x1, y1, [word], [w]]
        else:
            seg[0], seg[1] = min(seg[0], x0), min(seg[1], y0)
            seg[2], seg[3] = max(seg[2], x1), max(seg[3], y1)
            seg[4].append(word)
            seg[5].append(w)
    return list(segs.values())


def layout_lines(segs: list, width: float) -> list[str]:
    """Turn positioned pieces of text into lines in reading order (see ``layout``)."""
    return layout(segs, width)[0]


def layout(segs: list, width: float) -> tuple[list[str], list[int]]:
    """Turn positioned pieces of text into lines in reading order, and say in which order
    the pieces were read (indexes into ``segs``).

    Pieces on the same visual line are joined left to right, wide gaps as two spaces, so a
    table row ("Revenue  2022  2021") stays one line instead of one cell per line. A page
    whose lines pair up as long runs of prose side by side has columns, and joining them
    would interleave the columns, so such a page keeps the order the file gives.
    """
    if not segs:
        return [], []
    rows: list[list] = []  # [y0, y1, pieces]; y0/y1 of the row's first piece
    for seg in sorted(segs, key=lambda s: s[1] + s[3]):
        if rows:
            row = rows[-1]
            overlap = min(row[1], seg[3]) - max(row[0], seg[1])
            if overlap >= 0.5 * min(row[1] - row[0], seg[3] - seg[1]):
                row[2].append(seg)
                continue
        rows.append([seg[1], seg[3], [seg]])

    def prose(seg) -> bool:  # pieces are PDF words or whole OCR lines: count the words
        return seg[2] - seg[0] >= 0.25 * width and sum(w.count(" ") + 1 for w in seg[4]) >= 4

    split = sum(1 for row in rows if len(row[2]) > 1 and sum(map(prose, row[2])) >= 2)
    if split >= 3 and split >= 0.3 * sum(1 for row in rows if len(row[2]) > 1):
        return [" ".join(seg[4]) for seg in segs], list(range(len(segs)))

    out: list[str] = []
    read: list = []
    prev_bottom = None
    for y0, y1, pieces in rows:
        height = y1 - y0
        # A gap taller than most of a line separates paragraphs; keep it for the chunker.
        if prev_bottom is not None and y0 - prev_bottom > 0.8 * height and out:
            out.append("")
        prev_bottom = y1
        pieces.sort(key=lambda s: s[0])
        parts = [" ".join(pieces[0][4])]
        for left, right in zip(pieces, pieces[1:]):
            parts.append(" " if right[0] - left[2] < 0.25 * (right[3] - right[1]) else "  ")
            parts.append(" ".join(right[4]))
        out.append("".join(parts))
        read.extend(pieces)
    where = {id(seg): i for i, seg in enumerate(segs)}
    return out, [where[id(seg)] for seg in read]


def looks_scanned(page, text: str) -> bool:
    body = text.strip()
    if len(body) >= _SCAN_MAX_CHARS and body.count("\ufffd") < 0.3 * len(body):
        return False
    area = abs(page.rect) or 1.0
    covered = 0.0
    for info in page.get_image_info():
        covered += abs(page.rect & _pymupdf().Rect(info["bbox"]))
    return covered / area >= _SCAN_MIN_IMAGE_SHARE


# ---------------------------------------------------------------- OCR and pictures


def _ocr_text(name: str, image, engine: OcrEngine | None, *,
              scale: float = 1.0) -> tuple[str, tuple[Word, ...], int, tuple[float, float], tuple | None]:
    """Recognised text in reading order, its words with boxes multiplied by ``scale``, the
    quarter turns clockwise the picture was read at (a page scanned or photographed sideways
    is read upright; its boxes are then in the turned picture's frame), and the size (times
    ``scale``, before the turn) of the sheet flattened out of a photo, or None when the words
    are on ``image`` itself."""
    if engine is None:
        try:
            engine = _ocr.default_engine()
        except Exception as err:
            log.warning("OCR engine failed to start", exc_info=True)
            raise UnreadableFileError(
                name, "needs text recognition (OCR), which could not start on this computer."
            ) from err
    # A phone photo of a sheet on a desk is read flattened, so that its lines run level and
    # "right of a label" means what it says; the words' boxes are on the flattened sheet.
    flat, back = _ocr.flatten_page(image)
    lines, turn = _ocr.read_upright(engine, flat)
    read = _ocr.turned(flat, turn) if turn else flat
    segs = [[x0, y0, x1, y1, [text]] for x0, y0, x1, y1, text, *_ in lines]
    text_lines, order = layout(segs, float(read.shape[1]))
    words: list[Word] = []
    for n in order:  # in the order the text reads them
        x0, y0, x1, y1, text = lines[n][:5]
        words.extend(ocr_line_words(text, x0 * scale, y0 * scale, x1 * scale, y1 * scale, n))
    frame = (flat.shape[1] * scale, flat.shape[0] * scale) if back is not None else None
    warp = None
    if back is not None:  # in the words' units: the same scale on both sides of the matrix
        import numpy as np

        s = np.diag([scale, scale, 1.0])
        warp = tuple(float(v) for v in (s @ back @ np.linalg.inv(s)).ravel())
    return "\n".join(text_lines), tuple(words), turn, frame, warp


def ocr_line_words(text: str, x0: float, y0: float, x1: float, y1: float, line: int) -> list[Word]:
    """Split an OCR line's box into one box per word, by each word's share of the characters.

    RapidOCR gives a box per line; a proportional split is within a character or two of the
    real word edges, close enough to highlight and to find a value's words.
    """
    parts = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]
    if not parts:
        return []
    per_char = (x1 - x0) / max(1, len(text))
    return [Word(w, x0 + a * per_char, y0, x0 + b * per_char, y1, line) for a, b, w in parts]


def _read_image(name: str, st: os.stat_result, *, ocr: bool, ocr_engine: OcrEngine | None) -> Document:
    try:
        from PIL import Image
    except ImportError as err:
        raise UnreadableFileError(name, "is a picture, and reading pictures is not installed on this computer.") from err
    try:
        img = Image.open(name)  # reads the header only
        frames = getattr(img, "n_frames", 1)
    except Image.DecompressionBombError as err:
        raise UnreadableFileError(name, "is too large a picture to read (over 178 megapixels).") from err
    except Exception as err:
        raise UnreadableFileError(name, "is not a picture Locum can read; it may be damaged.") from err
    skipped: list[int | None] = []
    notes: list[str] = []
    pages = _image_pages(name, img, frames, ocr, ocr_engine, skipped, notes)
    # A single picture has no pages; a multi-page TIFF (a fax, a scan batch) does.
    count = frames if frames > 1 else None
    return Document(name, readable_title(name), "image", _checked(name, st, pages), count, st, skipped, notes)


def _image_pages(name: str, img, frames: int, ocr: bool, engine: OcrEngine | None,
                 skipped: list[int | None], notes: list[str] | None = None) -> Iterator[PageText]:
    try:
        for i in range(frames):
            number = i + 1 if frames > 1 else None
            if not ocr:
                skipped.append(number)
                yield PageText(number, "")
                continue
            img.seek(i)
            # Before picture_for_ocr: a JPEG decoded in draft mode reports its reduced size.
            full = max(img.size)
            pixels = img.size[0] * img.size[1]
            picture = _ocr.picture_for_ocr(img, single=frames == 1)
            if pixels > _ocr.HUGE_PICTURE and notes is not None:
                where = f"Page {number}" if number else "The picture"
                note = (f"{where} is {pixels / 1e6:.0f} megapixels; it was read reduced to "
                        f"{picture.shape[1]} x {picture.shape[0]} pixels, so very small print may be missed.")
                log.info("%s: %s", name, note)
                notes.append(note)
            # Boxes in the original picture's pixels, upright as it is shown (OCR sees a
            # reduced copy, turned by its EXIF orientation, which keeps the longest side).
            scale = full / max(1, max(picture.shape))
            text, words, turn, frame, warp = _ocr_text(name, picture, engine, scale=scale)
            h, w = picture.shape[:2]
            yield PageText(number, text, words, turned_size(frame or (w * scale, h * scale), turn), turn, warp)
    finally:
        img.close()


# ---------------------------------------------------------------- formats without pages


def clean_title(raw: str | None) -> str:
    """A metadata title worth showing, or "" for what generators leave behind."""
    title = " ".join((raw or "").split())
    title = re.sub(r"^microsoft (word|excel|powerpoint) - ", "", title, flags=re.IGNORECASE)
    if len(re.findall(r"[^\W\d_]", title)) < 3:  # filing numbers, dates
        return ""
    if " " not in title and re.search(r"[_.]", title):  # "F20_10K_VFinal_07.01.2020"
        return ""
    if re.fullmatch(r"(untitled|document|title|presentation|no title)\s*\d*", title, flags=re.IGNORECASE):
        return ""
    return title


def _whole(name: str, st: os.stat_result, title: str, kind: str, text: str) -> Document:
    return Document(name, title, kind, _checked(name, st, iter([PageText(None, text)])), None, st)


def _read_docx(name: str, st: os.stat_result, **_) -> Document:
    title, text = textformats.docx_text(name)
    return _whole(name, st, clean_title(title) or readable_title(name), "docx", text)


def _read_text(name: str, st: os.stat_result, **_) -> Document:
    return _whole(name, st, readable_title(name), "text", textformats.read_text(name))


def _read_html(name: str, st: os.stat_result, **_) -> Document:
    title, text = textformats.html_to_text(textformats.read_bytes(name))
    return _whole(name, st, clean_title(title) or readable_title(name), "html", text)


def _read_eml(name: str, st: os.stat_result, **_) -> Document:
    subject, text = textformats.email_text(name)
    return _whole(name, st, subject or readable_title(name), "email", text)


def _read_msg(name: str, st: os.stat_result, **_) -> Document:
    subject, text = textformats.msg_text(name)
    return _whole(name, st, subject or readable_title(name), "email", text)


_READERS = {
    "pdf": _read_pdf, "image": _read_image, "docx": _read_docx, "text": _read_text,
    "html": _read_html, "eml": _read_eml, "msg": _read_msg,
}
