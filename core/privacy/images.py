"""A page as a picture that may leave the machine, with the fingerprint the audit log keeps.

Only for a page with no text layer (a scan, a photo), only when the user allowed page
images to leave (``CloudPolicy.allow_page_images``). Redaction cannot apply to a picture:
every name and number on the page goes as it is, which the preview says before it is sent.

Size follows Anthropic's vision guidance: the long side at most 1568 px and about 1.15
megapixels at most (a larger picture is scaled down on their side anyway, for more latency
and no better reading), and under the 5 MB a base64 image may take. PNG keeps the strokes of
small print exact; a photo (a JPEG file), or a page whose PNG is too large, goes as JPEG.
"""
from __future__ import annotations

import hashlib
import io
import math
from dataclasses import dataclass
from pathlib import Path

MAX_SIDE = 1568
MAX_PIXELS = 1_150_000
#: 5 MB of base64 is 3.75 MB of image
MAX_BYTES = 3_750_000
THUMB_SIDE = 256
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}


@dataclass(frozen=True)
class OutboundImage:
    """One page picture as it will be sent, and the small thumbnail kept in the audit log."""

    page: int | None
    media_type: str  # image/png | image/jpeg
    data: bytes = b""
    width: int = 0
    height: int = 0
    thumbnail: bytes = b""  # PNG, long side at most THUMB_SIDE
    sha256: str = ""

    def describe(self) -> dict:
        """What the audit log and its export say of the picture (never its pixels)."""
        return {"page": self.page, "media_type": self.media_type, "width": self.width, "height": self.height,
                "bytes": len(self.data), "sha256": self.sha256}


def outbound_image(picture, page: int | None, *, photo: bool = False) -> OutboundImage:
    """``picture`` (a PIL image, upright as the page is shown) fitted, encoded and hashed.
    ``photo``: it came as a JPEG (a camera's noise makes a PNG of it several times larger)."""
    from PIL import Image

    picture = picture.convert("L" if picture.mode in ("1", "L", "LA", "I", "I;16") else "RGB")
    w, h = picture.size
    scale = min(1.0, MAX_SIDE / max(w, h, 1), math.sqrt(MAX_PIXELS / max(1, w * h)))
    if scale < 1.0:
        # rounded down, so the product stays within the pixel budget
        picture = picture.resize((max(1, int(w * scale)), max(1, int(h * scale))), Image.Resampling.LANCZOS)
    if photo:
        data, media = _encode(picture, "JPEG", quality=90), "image/jpeg"
    else:
        data, media = _encode(picture, "PNG"), "image/png"
    if len(data) > MAX_BYTES:
        data, media = _encode(picture, "JPEG", quality=85), "image/jpeg"
    thumb = picture.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    return OutboundImage(page, media, data, picture.size[0], picture.size[1], _encode(thumb, "PNG"),
                         hashlib.sha256(data).hexdigest())


def render_page(path: str | Path, page: int | None) -> OutboundImage:
    """Page ``page`` (1-based; None for a single picture) of a PDF or picture file."""
    path = Path(path)
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return outbound_image(_picture_frame(path, page), page, photo=path.suffix.lower() in (".jpg", ".jpeg"))
    import pymupdf
    from PIL import Image

    with pymupdf.open(path) as doc:
        p = doc.load_page(max(1, min(page or 1, doc.page_count)) - 1)
        r = p.rect  # as shown, its /Rotate applied
        zoom = min(MAX_SIDE / max(r.width, r.height, 1), math.sqrt(MAX_PIXELS / max(1.0, r.width * r.height)))
        pix = p.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False, annots=True)
        picture = Image.frombytes("RGB", (pix.width, pix.height), pix.samples, "raw", "RGB", pix.stride)
    return outbound_image(picture, page)


def _picture_frame(path: Path, page: int | None):
    from PIL import Image, ImageOps

    with Image.open(path) as img:
        if page and getattr(img, "n_frames", 1) > 1:
            img.seek(page - 1)
        # upright as a viewer shows it (phones store photos sideways with an orientation tag)
        frame = ImageOps.exif_transpose(img)
        if frame.mode in ("RGBA", "LA", "P") and frame.has_transparency_data:
            paper = Image.new("RGBA", frame.size, "white")
            paper.alpha_composite(frame.convert("RGBA"))
            frame = paper
        return frame.convert("RGB") if frame.mode not in ("L", "RGB") else frame.copy()


def _encode(picture, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    picture.save(buf, format=fmt, **kw)
    return buf.getvalue()
