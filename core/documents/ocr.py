"""Text recognition for scanned pages and pictures, behind a one-call seam.

An ``OcrEngine`` takes a greyscale image (a 2-D uint8 numpy array) and returns the lines it
found as ``(x0, y0, x1, y1, text)`` in pixels, optionally followed by the recogniser's
confidence (0-1) in each line. The real one is RapidOCR, whose ONNX models
ship in its wheel; it is built on first use, once per process, never at import.
"""
from __future__ import annotations

import logging
import threading
from typing import Any, Callable

log = logging.getLogger(__name__)

OcrLine = tuple[float, float, float, float, str]
OcrEngine = Callable[[Any], list[OcrLine]]

#: RapidOCR shrinks anything larger to 2,000 px on its longest side: more is wasted memory.
OCR_MAX_SIDE = 2000
#: Small pages (receipts, index cards) are rendered finer, up to this resolution.
OCR_MAX_DPI = 300


class RapidOcrEngine:
    def __init__(self) -> None:
        from rapidocr import RapidOCR

        self._ocr = RapidOCR(params={"Global.log_level": "warning"})

    def __call__(self, image) -> list[OcrLine]:
        result = self._ocr(image)
        if not getattr(result, "txts", None):
            return []
        lines = []
        scores = list(getattr(result, "scores", None) or [1.0] * len(result.txts))
        for box, text, score in zip(result.boxes, result.txts, scores):
            xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
            lines.append((min(xs), min(ys), max(xs), max(ys), text, float(score)))
        return lines


def looks_sideways(lines) -> bool:
    """Most lines found are tall and narrow: the page was scanned or photographed on its side."""
    long = [ln for ln in lines if len(ln[4].strip()) >= 4]
    tall = [ln for ln in long if (ln[3] - ln[1]) > 1.5 * (ln[2] - ln[0])]
    return len(long) >= 3 and len(tall) >= 0.6 * len(long)


def reading_score(lines) -> float:
    """How much text was read, weighed by the recogniser's confidence, from lines that run
    left to right: the reading of a page in its right orientation scores highest."""
    total = 0.0
    for ln in lines:
        if (ln[3] - ln[1]) > 1.5 * (ln[2] - ln[0]):
            continue
        conf = float(ln[5]) if len(ln) > 5 else 1.0
        total += conf * sum(ch.isalnum() for ch in ln[4])
    return total


def turned(image, quarters: int):
    """The picture turned ``quarters`` times clockwise (a contiguous copy, as OCR wants)."""
    import numpy as np

    return np.ascontiguousarray(np.rot90(image, -quarters))


_default: OcrEngine | None = None
_lock = threading.Lock()


def default_engine() -> OcrEngine:
    """The shared RapidOCR engine. Raises whatever RapidOCR raises if it cannot start."""
    global _default
    with _lock:  # indexing runs off the UI thread; two threads must not both load the models
        if _default is None:
            _default = RapidOcrEngine()
        return _default


def render_pdf_page(page):
    """A PyMuPDF page as a greyscale array, at most OCR_MAX_SIDE pixels on its longest side."""
    import numpy as np
    import pymupdf

    zoom = min(OCR_MAX_DPI / 72, OCR_MAX_SIDE / max(page.rect.width, page.rect.height, 1))
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), colorspace=pymupdf.csGRAY, alpha=False)
    return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width]


_EXIF_TURN = {
    2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE",
    6: "ROTATE_270", 7: "TRANSVERSE", 8: "ROTATE_90",
}


def picture_for_ocr(img, *, single: bool):
    """The current frame of a PIL image as a greyscale array no larger than OCR needs.

    A 50-megapixel photo becomes about 2.7 megapixels (1 byte each) before recognition.
    """
    import numpy as np
    from PIL import Image

    w, h = img.size
    scale = min(1.0, OCR_MAX_SIDE / max(w, h, 1))
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    turn = _EXIF_TURN.get(img.getexif().get(0x0112))
    if single and scale < 1:
        img.draft("L", size)  # JPEG decodes straight at a reduced scale; others ignore it
    frame = img
    if frame.has_transparency_data:
        # Dark text on a transparent background would vanish on black; put it on white paper.
        paper = Image.new("RGBA", frame.size, "white")
        paper.alpha_composite(frame.convert("RGBA"))
        frame = paper
    frame = frame.convert("L")
    if frame.size != size:
        frame = frame.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    if turn:  # phone photos are often stored sideways with an orientation tag
        frame = frame.transpose(getattr(Image.Transpose, turn))
    return np.asarray(frame)
