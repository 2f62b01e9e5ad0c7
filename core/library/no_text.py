"""Why a file that was read gave no passage: said in the index report, kept in the manifest,
shown in the window. No imports, so the window can read these without loading the indexer."""
from __future__ import annotations

#: The OCR one is read again by the first sync after OCR is turned on.
NO_TEXT_OCR_OFF = ("no text found: it is a scan or a picture, and reading scans (OCR) is off. "
                   "Turn on \"Read scanned pages and images with OCR\" in Settings > Library "
                   "(or \"ocr\": true in settings.json), then sync again")
NO_TEXT_OCR = "no text found: text recognition (OCR) found no words in it"
NO_TEXT_BLANK = "no text found: the file is blank or holds no readable words"


def no_text_reason(doc) -> str:
    """Why ``doc``, read to the end, gave no passage."""
    if getattr(doc, "ocr_skipped", None):
        return NO_TEXT_OCR_OFF
    if doc.kind == "image":
        return NO_TEXT_OCR
    return NO_TEXT_BLANK
