"""Text recognition for scanned pages and pictures, behind a one-call seam.

An ``OcrEngine`` takes a greyscale image (a 2-D uint8 numpy array) and returns the lines it
found as ``(x0, y0, x1, y1, text)`` in pixels, optionally followed by the recogniser's
confidence (0-1) in each line. The real one is RapidOCR, whose ONNX models
ship in its wheel; it is built on first use, once per process, never at import.

An engine may also offer ``upright(image) -> (lines, turn)``, reading the page in the
orientation its text runs (RapidOcrEngine does, from its direction classifier's votes);
``read_upright`` falls back to reading a sideways page turned both ways for any other engine.
Before either, ``flatten_page`` straightens a sheet photographed at an angle on a desk.
"""
from __future__ import annotations

import logging
import os
import threading
from contextlib import contextmanager
from typing import Any, Callable

log = logging.getLogger(__name__)

OcrLine = tuple[float, float, float, float, str]
OcrEngine = Callable[[Any], list[OcrLine]]

#: RapidOCR shrinks anything larger to 2,000 px on its longest side: more is wasted memory.
OCR_MAX_SIDE = 2000
#: A picture over this many pixels is read at well under half its size: say so.
HUGE_PICTURE = 24_000_000
#: Small pages (receipts, index cards) are rendered finer, up to this resolution.
OCR_MAX_DPI = 300
#: The text detector sees the page at most this large (PaddleOCR's own default). RapidOCR's
#: default instead enlarges the short side to at least 736 px, so an A4 page went to the
#: detector at its full 1414 x 2000 px: 3x the work for no text more found (measured on the
#: generated scans, docs/benchmarks.md). Recognition still reads each line from the full picture.
DET_MAX_SIDE = 960
#: Lines the page-orientation vote looks at (the longest ones; a handful is plenty).
_VOTE_LINES = 12
#: RapidOCR's own floor on a line's confidence; lines under it are dropped from the reading
#: but their boxes still count for the orientation.
_TEXT_SCORE = 0.5


def ocr_threads() -> int:
    """Threads for one recognition: the physical cores no other work is using now (at least 1).

    On a 2-core machine shared with other work, two spinning threads took 5.1 s a page where
    one took 3.1 s (load average 7.8); a thread pool only pays when cores are idle.
    """
    try:
        import psutil

        physical = psutil.cpu_count(logical=False) or os.cpu_count() or 1
    except Exception:
        physical = os.cpu_count() or 1
    try:
        physical = min(physical, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        pass
    try:
        busy = int(os.getloadavg()[0])
    except (AttributeError, OSError):
        busy = 0
    return max(1, min(physical, physical - busy))


@contextmanager
def _without_spinning():
    """onnxruntime's worker threads spin while they wait for work, taking the cores that the
    rest of the app (and the other programs) need; RapidOCR has no option for it, so its
    session options get the two entries while its models load."""
    try:
        from rapidocr.inference_engine.onnxruntime.main import OrtInferSession
        original = OrtInferSession.__dict__["_init_sess_opts"]
    except (ImportError, KeyError):
        yield
        return

    def options(cfg):
        opts = original.__func__(cfg)
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        opts.add_session_config_entry("session.inter_op.allow_spinning", "0")
        return opts

    OrtInferSession._init_sess_opts = staticmethod(options)
    try:
        yield
    finally:
        OrtInferSession._init_sess_opts = original


class RapidOcrEngine:
    """RapidOCR with its detector at DET_MAX_SIDE, one thread per free core, and no per-line
    direction classifier: the page's orientation is decided once (``upright``), from the
    classifier's votes over a few lines, instead of per line on every page."""

    def __init__(self, threads: int | None = None) -> None:
        from rapidocr import RapidOCR

        self.threads = threads or ocr_threads()
        self._ocr = RapidOCR(params={
            "Global.log_level": "warning",
            "Global.use_cls": False,
            "Global.text_score": 0.0,  # filtered here, keeping every box for the orientation vote
            "Det.limit_type": "max",
            "Det.limit_side_len": DET_MAX_SIDE,
            "EngineConfig.onnxruntime.intra_op_num_threads": self.threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        })
        with _without_spinning():  # load now, while the options are set
            for load in ("_load_det_model", "_load_rec_model", "_load_cls_model"):
                getattr(self._ocr, load, lambda: None)()

    def _read(self, image) -> tuple[list[OcrLine], list]:
        """The lines read with enough confidence, and every box the detector found."""
        result = self._ocr(image)
        if not getattr(result, "txts", None):
            return [], []
        lines, boxes = [], []
        scores = list(getattr(result, "scores", None) or [1.0] * len(result.txts))
        for box, text, score in zip(result.boxes, result.txts, scores):
            xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
            rect = (min(xs), min(ys), max(xs), max(ys))
            boxes.append(rect)
            if score >= _TEXT_SCORE and text.strip():
                lines.append((*rect, text, float(score)))
        return lines, boxes

    def __call__(self, image) -> list[OcrLine]:
        return self._read(image)[0]

    def upright(self, image) -> tuple[list[OcrLine], int]:
        """The lines of ``image`` read in the orientation its text runs left to right, and the
        quarter turns clockwise that took the picture there."""
        lines, boxes = self._read(image)
        sideways = looks_sideways(boxes)
        guess = self.turn_vote(image, boxes, sideways)
        if guess == 0:
            return lines, 0
        tries = [guess] if guess is not None else ([1, 3] if sideways else [])
        return best_reading(self, image, lines, tries)

    def turn_vote(self, image, boxes, sideways: bool) -> int | None:
        """The page's turn by the direction classifier's votes over its longest lines, or None
        when they do not agree. It tells 0 from 180 degrees; a sideways page's lines are
        turned a quarter clockwise first, so "0" then means one quarter, "180" three."""
        import numpy as np

        cls = getattr(self._ocr, "_load_cls_model", None)
        if cls is None or not boxes:
            return None
        crops = []
        for x0, y0, x1, y1 in sorted(boxes, key=lambda b: -max(b[2] - b[0], b[3] - b[1]))[:_VOTE_LINES]:
            crop = image[max(0, int(y0)):int(y1) + 1, max(0, int(x0)):int(x1) + 1]
            if crop.size == 0:
                continue
            if sideways:
                crop = np.rot90(crop, -1)
            crops.append(np.ascontiguousarray(np.stack([crop] * 3, axis=-1) if crop.ndim == 2 else crop))
        if len(crops) < 3:
            return None
        votes = [label for label, _ in cls()(crops).cls_res]
        flipped = sum(v == "180" for v in votes) / len(votes)
        if flipped >= 0.7:
            return 3 if sideways else 2
        if flipped <= 0.3:
            return 1 if sideways else 0
        return None


def best_reading(engine: OcrEngine, image, lines, tries) -> tuple[list[OcrLine], int]:
    """The reading with the most text running left to right among ``lines`` (the picture as
    it is) and ``engine``'s readings of the picture turned by each of ``tries`` quarters.
    A turn must read better than the picture as it is to be taken."""
    best = (reading_score(lines), 0, lines)
    for quarters in tries:
        got = [line for line in engine(turned(image, quarters)) if line[4].strip()]
        score = reading_score(got)
        if score > best[0]:
            best = (score, quarters, got)
    return best[2], best[1]


def read_upright(engine: OcrEngine, image) -> tuple[list[OcrLine], int]:
    """``engine``'s lines of ``image`` in the orientation the text reads, and the quarter turns
    clockwise that took the picture there. An engine with its own ``upright`` decides; for
    any other, a page whose lines come out tall and narrow is read turned both ways."""
    upright = getattr(engine, "upright", None)
    if upright is not None:
        return upright(image)
    lines = [line for line in engine(image) if line[4].strip()]
    return best_reading(engine, image, lines, [1, 3] if looks_sideways(lines) else [])


def looks_sideways(lines) -> bool:
    """Most lines found are tall and narrow: the page was scanned or photographed on its side.
    ``lines`` are OCR lines, or bare boxes (x0, y0, x1, y1): then every box counts."""
    def has_direction(ln) -> bool:  # a bare box of one or two letters runs no way in particular
        if len(ln) >= 5:
            return len(ln[4].strip()) >= 4
        w, h = ln[2] - ln[0], ln[3] - ln[1]
        return max(w, h) >= 2.5 * max(1.0, min(w, h))

    long = [ln for ln in lines if has_direction(ln)]
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


_REDUCIBLE = {"L", "LA", "RGB", "RGBA", "I", "F"}


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
    factor = int(1 / scale) if scale < 1 else 1
    if factor >= 2 and frame.mode in _REDUCIBLE:
        # A box filter on the decoded picture first, so that the copies below (on white
        # paper, greyscale) are made at the reduced size: a 50-megapixel RGBA PNG took
        # 760 MB over the decoded picture when they were made at full size.
        frame = frame.reduce(factor)
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


# ---------------------------------------------------------------- phone photos: the page flattened

#: The page outline is looked for on a copy this large (the outline needs no detail).
_OUTLINE_SIDE = 600


def find_page(image):
    """The corners (top-left, top-right, bottom-right, bottom-left, in ``image``'s pixels) of a
    sheet of paper photographed on a darker surface, or None when there is no clear outline:
    a scan whose paper fills the picture, a page with a ruled box on white, a photo of a
    cluttered desk. Only a bright four-sided shape, clearly lighter than what surrounds it and
    covering a fair share of the picture, counts; anything else is left as it is."""
    import cv2
    import numpy as np

    h, w = image.shape[:2]
    k = min(1.0, _OUTLINE_SIDE / max(h, w, 1))
    small = cv2.resize(image, (max(1, round(w * k)), max(1, round(h * k))), interpolation=cv2.INTER_AREA) \
        if k < 1 else image
    small = cv2.GaussianBlur(small, (5, 5), 0)
    _, paper = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # print on the paper leaves holes in it; closing them keeps the sheet one shape
    paper = cv2.morphologyEx(paper, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    sheet = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(sheet)
    total = small.shape[0] * small.shape[1]
    if not 0.2 * total <= area <= 0.97 * total:
        return None
    quad = cv2.approxPolyDP(sheet, 0.02 * cv2.arcLength(sheet, True), True)
    if len(quad) != 4 or not cv2.isContourConvex(quad):
        return None
    mask = np.zeros(small.shape, np.uint8)
    cv2.fillConvexPoly(mask, quad, 255)
    inside, outside = small[mask > 0], small[mask == 0]
    if outside.size < 0.02 * total or float(inside.mean()) - float(outside.mean()) < 40:
        return None  # not paper on a darker surface
    pts = quad.reshape(4, 2).astype(np.float32) / k
    # corners in order: the smallest x+y is top-left, the largest bottom-right; y-x sorts the others
    s, d = pts.sum(axis=1), pts[:, 1] - pts[:, 0]
    ordered = np.array([pts[s.argmin()], pts[d.argmin()], pts[s.argmax()], pts[d.argmax()]], np.float32)
    if len({tuple(p) for p in ordered.tolist()}) != 4:
        return None
    return ordered


def flatten_page(image):
    """``image`` with the photographed sheet warped flat to a rectangle, and the 3x3 matrix
    taking the flat picture's points back to ``image``'s; or ``(image, None)`` when no clear
    page outline is found (see ``find_page``)."""
    import cv2
    import numpy as np

    corners = find_page(image)
    if corners is None:
        return image, None
    tl, tr, br, bl = corners
    width = max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))
    height = max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))
    k = min(1.0, OCR_MAX_SIDE / max(width, height, 1))
    width, height = max(1, round(width * k)), max(1, round(height * k))
    flat = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    to_flat = cv2.getPerspectiveTransform(corners, flat)
    out = cv2.warpPerspective(image, to_flat, (width, height), flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_CONSTANT, borderValue=255)
    return np.ascontiguousarray(out), np.linalg.inv(to_flat)

