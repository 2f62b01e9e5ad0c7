"""A PDF page as a picture, for previews: PyMuPDF draws filled form fields and annotations too
(Qt's PDF module leaves widget values out, which would hide the very values a reviewer checks).

Boxes from the page model are in the same PDF points as ``size``, so a preview scales them by
``pixels / size`` onto the picture.
"""
from __future__ import annotations

from dataclasses import dataclass

from core.errors import UnreadableFileError


@dataclass(frozen=True)
class PageImage:
    """The page's pixels as packed RGB rows (no PNG round trip: encoding a page to PNG and
    decoding it again cost 200-300 ms of a preview's time, all of it holding the GIL)."""

    samples: bytes  # RGB, 3 bytes a pixel, ``stride`` bytes a row
    width: int
    height: int
    stride: int
    size: tuple[float, float]  # the page in PDF points (width, height)
    page_count: int

    @property
    def png(self) -> bytes:
        import pymupdf

        pix = pymupdf.Pixmap(pymupdf.csRGB, self.width, self.height, self.samples, False)
        return pix.tobytes("png")


def render_pdf_page(path: str, page: int, width_px: int = 1100) -> PageImage:
    """Page ``page`` (1-based, clamped to the document) rendered ``width_px`` wide, as PNG."""
    import pymupdf

    try:
        doc = pymupdf.open(path)
    except Exception as e:
        raise UnreadableFileError(path, "cannot be opened as a PDF.") from e
    with doc:
        if doc.needs_pass:
            raise UnreadableFileError(path, "is password-protected.")
        n = doc.page_count
        if n == 0:
            raise UnreadableFileError(path, "has no pages.")
        p = doc.load_page(max(1, min(page, n)) - 1)
        rect = p.rect
        zoom = width_px / max(1.0, rect.width)
        pix = p.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), annots=True, alpha=False)
        return PageImage(bytes(pix.samples), pix.width, pix.height, pix.stride, (rect.width, rect.height), n)
