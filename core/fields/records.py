"""Plain records of an extraction: what the engine yields while it works and what it returns."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.types import Box

#: Below this a value is flagged for review and never shown as certain.
REVIEW_BELOW = 0.75


@dataclass
class FieldValue:
    """One field's value, copied from the document, with where it came from."""

    name: str
    value: Any = None  # normalised (ISO date, E.164 phone, float amount, list of line items) or None
    page: int | None = None
    source: str = ""  # verbatim text of the page (or form field) the value was read from
    confidence: float = 0.0
    method: str = ""  # form | label | typed | model | table | "" (empty)
    boxes: tuple[Box, ...] = ()
    notes: tuple[str, ...] = ()  # why it is flagged: "does not read as a date", "lines do not add up"

    @property
    def flagged(self) -> bool:
        return self.value is not None and (self.confidence < REVIEW_BELOW or bool(self.notes))

    def as_json(self, *, boxes: bool = False) -> dict:
        d = {"value": self.value, "page": self.page, "source": self.source,
             "confidence": round(float(self.confidence), 3)}
        d["flagged"] = self.flagged
        d["method"] = self.method
        if self.notes:
            d["notes"] = list(self.notes)
        if boxes and self.boxes:
            d["boxes"] = [b.as_json() for b in self.boxes]
        return d


@dataclass
class ExtractionResult:
    file: str
    template: str
    fields: dict[str, FieldValue]
    errors: list[str] = field(default_factory=list)
    pages_read: list[int] = field(default_factory=list)
    page_count: int | None = None
    model_calls: int = 0
    seconds: float = 0.0
    model: str = ""
    failed: bool = False  # the file could not be read at all (errors says why)
    region: str | None = None  # the country numbers without a country code were read in (None: default)

    def as_json(self, *, boxes: bool = False) -> dict:
        return {"file": self.file, "template": self.template,
                "fields": {k: v.as_json(boxes=boxes) for k, v in self.fields.items()},
                "errors": list(self.errors), "pages_read": self.pages_read, "page_count": self.page_count,
                "model_calls": self.model_calls}

    @property
    def missing_required(self) -> list[str]:
        return [e.split(":", 1)[1].strip() for e in self.errors if e.startswith("required field missing:")]


@dataclass(frozen=True)
class ExtractProgress:
    """Yielded between steps of one document: after each page read, before a model call, at the end."""

    file: str
    stage: str  # reading | form | candidates | choosing | checking | done
    page: int | None = None
    pages_total: int | None = None
    detail: str = ""
