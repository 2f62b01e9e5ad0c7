"""Write the documents of a second, unrelated office for the unseen grounding set.

An accountant's engagement letter (a fee table of roles and rates, a retainer, payment
terms) and a dental practice's patient policies (opening hours and fees in tables, a
cancellation policy). They are not the app's samples: Ask's relevance gate and prompts were
tuned on ``resources/samples``, and ``grounding_unseen.jsonl`` asks about these files to
check that tuning on documents it never saw. Every name, address and number is invented.

Deterministic, like the samples (fixed dates and IDs):

    .venv/bin/python benchmarks/make_office_docs.py [OUT_DIR]      # default benchmarks/office_docs
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pymupdf

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "office_docs"

# The sample generator's page helpers (furniture, text boxes, fixed metadata), reused so that
# these PDFs are built the same way as the documents the app ships with.
_spec = importlib.util.spec_from_file_location("make_samples", ROOT / "resources" / "samples" / "make_samples.py")
ms = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ms)

ENGAGEMENT_P1 = """ENGAGEMENT LETTER

Date: 8 January 2025

To: Tidewater Kayak Tours Ltd., 310 Shore Road, Mahone Bay, Nova Scotia

From: Fenwick & Doyle Chartered Professional Accountants, 77 Spring Garden Road, Halifax

1. Purpose
This letter confirms the terms on which Fenwick & Doyle will act for Tidewater Kayak Tours Ltd. (the "Company") for its financial year ending 31 October 2024.

2. Services
We will prepare the Company's financial statements under a review engagement, prepare and file its T2 corporation income tax return, and prepare its quarterly HST returns. Helen Marsh, CPA, is the partner responsible for the engagement.

3. Services not included
This engagement does not include an audit, bookkeeping, payroll, or the personal tax returns of the Company's shareholders. Each of these needs a separate letter.

4. The Company's responsibilities
The Company will give us its complete accounting records, bank statements and supporting documents by 31 January 2025. If the records arrive later, we cannot promise to meet the filing deadlines."""

ENGAGEMENT_P2_INTRO = """5. Fees
We bill our time at the hourly rates below. The preparation of the T2 return is billed at a fixed fee of $1,850, and each quarterly HST return at a fixed fee of $240."""

ENGAGEMENT_RATES = [
    ("Role", "Hourly rate", "Typical work"),
    ("Partner", "$320", "Review, sign-off, tax planning"),
    ("Manager", "$210", "Supervision, statements"),
    ("Senior accountant", "$150", "Working papers, tax returns"),
    ("Staff accountant", "$115", "Reconciliations, schedules"),
    ("Administrative support", "$65", "Filing, correspondence"),
]

ENGAGEMENT_P2_AFTER = """6. Retainer and payment terms
Before work begins, the Company will pay a retainer of $3,000, which we apply to the final invoice. We invoice monthly as work progresses. Invoices are due within 15 days of the invoice date. Interest of 1.25% per month is charged on balances more than 30 days overdue.

7. Ending the engagement
Either party may end this engagement by giving 15 days' written notice. Fees for work done up to that date remain payable.

8. Working papers
Our working papers belong to Fenwick & Doyle and are kept for seven years after the engagement ends.

Please sign and return a copy of this letter to confirm these terms.

Helen Marsh, CPA, Partner"""

DENTAL_P1_INTRO = """BAYVIEW DENTAL CENTRE: PATIENT POLICIES
Effective 1 March 2025

Opening hours
The centre is open on the days and at the times below. Emergency calls outside these hours are answered by the on-call dentist at (902) 555-0162."""

DENTAL_HOURS = [
    ("Day", "Hours", ""),
    ("Monday", "8:00 to 17:00", ""),
    ("Tuesday", "8:00 to 17:00", ""),
    ("Wednesday", "10:00 to 19:00", ""),
    ("Thursday", "8:00 to 17:00", ""),
    ("Friday", "8:00 to 14:00", ""),
    ("Saturday", "9:00 to 13:00", ""),
    ("Sunday", "Closed", ""),
]

DENTAL_P1_AFTER = """Cancellations and missed appointments
Please give at least 48 hours' notice if you need to cancel or move an appointment. A missed appointment, or one cancelled with less notice, is charged a fee of $75. A patient who misses three appointments in a year may be asked to find another dental practice.

Late arrival
If you arrive more than 15 minutes late, we may need to rebook your appointment."""

DENTAL_P2_INTRO = """Fees
Our fees follow the provincial dental association's fee guide. The main fees are listed below; a written estimate is given before any treatment over $500."""

DENTAL_FEES = [
    ("Service", "Fee", "Notes"),
    ("New patient examination", "$145", "Includes oral cancer screening"),
    ("Recall examination", "$68", "Every six or twelve months"),
    ("Hygiene cleaning", "$62", "Per 15-minute unit"),
    ("Panoramic X-ray", "$110", "Once every five years"),
    ("Composite filling", "$185", "One surface, white"),
    ("Root canal treatment", "$1,240", "Molar tooth"),
    ("Porcelain crown", "$1,390", "Lab fee included"),
    ("Emergency visit", "$95", "Assessment only"),
    ("In-office whitening", "$450", "One session"),
]

DENTAL_P2_AFTER = """Payment
Payment is due at the time of service. We accept debit, credit card and cash. We submit claims directly to most dental insurers, and the patient pays only the portion the insurer does not cover.

Children
Children under 12 are seen by Dr. Aisha Rahman, our paediatric dentist, on Tuesdays and Thursdays.

Privacy
Patient records are kept for 10 years after the last visit and are then securely destroyed."""


def _table(page: pymupdf.Page, y: float, rows, cols) -> float:
    row_h = 22
    for r, row in enumerate(rows):
        top = y + r * row_h
        if r == 0:
            page.draw_rect(pymupdf.Rect(ms.BODY.x0, top, ms.BODY.x1, top + row_h), color=None, fill=(0.88, 0.9, 0.94))
        page.draw_line((ms.BODY.x0, top + row_h), (ms.BODY.x1, top + row_h), color=(0.6, 0.6, 0.6), width=0.5)
        for x, cell in zip(cols, row):
            if cell:
                page.insert_text((x, top + 15), cell, fontsize=10.5, fontname="hebo" if r == 0 else "helv")
    return y + len(rows) * row_h + 20


def _page_with_table(doc, header: str, n: int, total: int, intro: str, intro_h: float, rows, cols, after: str):
    page = doc.new_page(width=ms.PAGE_W, height=ms.PAGE_H)
    ms._furniture(page, header, n, total)
    y = ms._textbox(page, pymupdf.Rect(ms.BODY.x0, ms.BODY.y0, ms.BODY.x1, ms.BODY.y0 + intro_h), intro) + 18
    y = _table(page, y, rows, cols)
    ms._textbox(page, pymupdf.Rect(ms.BODY.x0, y, ms.BODY.x1, ms.BODY.y1), after)


def engagement_pdf(path: Path) -> None:
    header = "Fenwick & Doyle CPA — Engagement Letter"
    doc = ms._new_doc("Engagement Letter", "Fenwick & Doyle Chartered Professional Accountants")
    page = doc.new_page(width=ms.PAGE_W, height=ms.PAGE_H)
    ms._furniture(page, header, 1, 2)
    ms._textbox(page, ms.BODY, ENGAGEMENT_P1)
    x0 = ms.BODY.x0
    _page_with_table(doc, header, 2, 2, ENGAGEMENT_P2_INTRO, 80, ENGAGEMENT_RATES, (x0 + 4, x0 + 170, x0 + 270),
                     ENGAGEMENT_P2_AFTER)
    ms._save(doc, path)


def dental_pdf(path: Path) -> None:
    header = "Bayview Dental Centre — Patient Policies"
    doc = ms._new_doc("Patient Policies", "Bayview Dental Centre")
    x0 = ms.BODY.x0
    _page_with_table(doc, header, 1, 2, DENTAL_P1_INTRO, 110, DENTAL_HOURS, (x0 + 4, x0 + 170, x0 + 330),
                     DENTAL_P1_AFTER)
    _page_with_table(doc, header, 2, 2, DENTAL_P2_INTRO, 80, DENTAL_FEES, (x0 + 4, x0 + 190, x0 + 270),
                     DENTAL_P2_AFTER)
    ms._save(doc, path)


DOCS = {"engagement_letter.pdf": engagement_pdf, "dental_policies.pdf": dental_pdf}


def make_office_docs(out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in DOCS.items():
        build(out / name)
        written.append(out / name)
    return written


if __name__ == "__main__":
    for p in make_office_docs(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(f"{p.stat().st_size:>7}  {p}")
