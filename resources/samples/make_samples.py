"""Write Locum's sample documents: a small law firm's and a small clinic's paperwork.

Every firm, clinic, person, address and phone number here is invented (phone numbers use
the 555-01xx range reserved for fiction). The documents are written so that specific facts
sit on specific pages; ``benchmarks/grounding_questions.jsonl`` relies on those pages, so
change a fact's page here and the question set must change with it.

Output is deterministic (fixed dates and document IDs), so regenerating the files leaves
git clean:

    .venv/bin/python resources/samples/make_samples.py [OUT_DIR]
"""
from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pymupdf

HERE = Path(__file__).resolve().parent
FIXED_DATE = "D:20240312090000+00'00'"
FIXED_DT = datetime(2024, 3, 12, 9, 0, 0, tzinfo=timezone.utc)

PAGE_W, PAGE_H = 595, 842  # A4 in points
MARGIN = 64
BODY = pymupdf.Rect(MARGIN, 92, PAGE_W - MARGIN, PAGE_H - 80)


# ---- content -----------------------------------------------------------------------

RETAINER = [
    """RETAINER AGREEMENT

This Retainer Agreement is made on 12 March 2024 between Harbour & Vale LLP, barristers and solicitors, of Suite 400, 1801 Quayside Road, Halifax, Nova Scotia B3J 0Z9 (the "Firm") and Marlow Bay Fisheries Ltd., of 22 Wharf Lane, Lunenburg, Nova Scotia (the "Client").

1. Scope of the engagement
The Client retains the Firm to act in the commercial lease dispute between the Client and Quarry Point Holdings Inc. concerning the cold-storage warehouse at 9 Harbour Street, Lunenburg. The engagement covers advice, negotiation, and, if the dispute is not resolved, proceedings in the Supreme Court of Nova Scotia up to the end of trial. Appeals, tax advice and any other matter require a separate written agreement.

2. Who will do the work
Eleanor Whitcombe, senior partner, is the lawyer responsible for this matter and will supervise all work on it. She will be assisted by Daniel Osei, associate, and by Priya Lam, paralegal. The Firm may assign other lawyers or staff where that is in the Client's interest, and will tell the Client before it does so.

3. The Client's contact
The Client appoints its operations director, Graham Fitzroy, as the person who gives the Firm instructions. The Firm may rely on instructions received from him by e-mail or telephone until the Client tells the Firm in writing that someone else has taken his place.""",
    """4. Fees
The Client will pay the Firm a monthly retainer fee of $2,500, due on the first business day of each month. The monthly retainer covers up to six hours of lawyer time in that month; time beyond six hours is billed at the hourly rates in the Firm's current Schedule of Fees and Disbursements.

5. Deposit held in trust
Before work begins, the Client will pay an initial deposit of $10,000, which the Firm will hold in its trust account. The Firm may apply the deposit to any invoice that remains unpaid 30 days after it is issued, and the Client will then restore the deposit to $10,000 within 14 days.

6. Invoices and late payment
The Firm will send an itemised invoice on the last business day of each month, showing the work done, who did it and the time spent. Invoices are payable within 30 days. Interest on overdue amounts accrues at 1.5% per month (19.56% per year), starting on the 31st day after the invoice date.

7. Disbursements
Out-of-pocket expenses paid on the Client's behalf, such as court filing fees, expert reports and courier charges, are billed in addition to fees, at the rates in the Schedule of Fees and Disbursements. Any single disbursement over $500 needs the Client's approval in advance.""",
    """8. Ending the engagement
Either the Client or the Firm may end this agreement by giving 30 days' written notice to the other. The Firm may end it on shorter notice where the law society's rules of professional conduct require or permit it, for example if the Client fails to pay an invoice within 60 days. Fees and disbursements incurred up to the end of the notice period remain payable.

9. Conflicts of interest
The Firm has searched its records and found no conflict of interest with Quarry Point Holdings Inc. or its directors. If a conflict arises later, the Firm will tell the Client promptly and may have to stop acting.

10. Files and records
When the matter ends, the Firm will return the Client's original documents. The Firm keeps its own file, in paper or electronic form, for seven years after the matter is closed, after which it is securely destroyed without further notice to the Client.

11. Confidentiality
Everything the Client tells the Firm is confidential and protected by solicitor-client privilege, except where the law requires disclosure.""",
    """12. Governing law and disputes
This agreement is governed by the laws of the Province of Nova Scotia. Any dispute about the Firm's accounts that the parties cannot settle within 45 days will be referred to binding arbitration in Halifax under the Commercial Arbitration Act, before a single arbitrator.

13. Complaints
If the Client is unhappy with the Firm's service, the Client should first contact the Firm's managing partner, Ruth Calloway, at (902) 555-0134 or complaints@harbourvale.example. The Firm will reply in writing within 10 business days.

14. Entire agreement
This agreement, together with the Schedule of Fees and Disbursements, is the entire agreement between the parties about this engagement.

Signed for Harbour & Vale LLP:  Eleanor Whitcombe, Senior Partner
Signed for Marlow Bay Fisheries Ltd.:  Graham Fitzroy, Operations Director
Date: 12 March 2024""",
]

FEE_RATES = [
    ("Role", "Hourly rate", "Typical work"),
    ("Senior partner", "$450", "Strategy, trial, settlement"),
    ("Partner", "$390", "Advice, negotiation"),
    ("Associate", "$275", "Research, drafting, motions"),
    ("Articling student", "$160", "Research, document review"),
    ("Paralegal", "$140", "Filings, disclosure"),
    ("Law clerk", "$110", "Scheduling, indexing"),
]

FEE_PAGE_1_INTRO = """SCHEDULE OF FEES AND DISBURSEMENTS
Effective 1 January 2024

Harbour & Vale LLP bills its time at the hourly rates below unless a written agreement with the client sets a fixed fee or a retainer. Rates are reviewed each January; clients are told of a change at least 60 days before it takes effect."""

FEE_PAGE_1_AFTER = """Time is recorded in six-minute units (0.1 hour). Telephone calls and e-mails shorter than six minutes are billed as one unit.

Fixed fees: an uncontested incorporation is billed at a fixed fee of $1,200, and a simple will at a fixed fee of $650 per person, disbursements extra."""

FEE_PAGE_2 = """Disbursements

Photocopying and printing are charged at $0.25 per page. Courier charges and court filing fees are billed at cost, without mark-up. Travel outside the Halifax Regional Municipality is billed at $0.68 per kilometre, plus parking and tolls at cost. Service of documents by a process server is billed at $85 per attempt.

Taxes
Harmonized sales tax (HST) of 15% is added to fees and to taxable disbursements.

Payment methods
Invoices may be paid by bank transfer, by cheque payable to Harbour & Vale LLP, or by credit card. Payments by credit card over $5,000 carry a 2% processing charge.

Trust account
Money held in trust earns no interest for the client unless the amount is over $50,000 and is expected to be held for more than 90 days, in which case the Firm will open a separate interest-bearing trust account."""

INTAKE_POLICY = [
    """PATIENT INTAKE POLICY
Policy number NFHC-OPS-07, approved 3 February 2024

Purpose
This policy sets out how Northshore Family Health Clinic registers new patients and prepares them for their first appointment, so that every patient is seen safely and on time.

Who may register
The clinic accepts new patients who live within the Northshore catchment area (postal codes beginning B2W, B2X and B2Y). Patients outside the area may register if they are the child, spouse or parent of a current patient.

Documents at registration
Every new patient must bring a valid provincial health card and one piece of government-issued photo identification. A patient under 16 must be registered by a parent or legal guardian, who brings the child's health card and their own photo identification.

The waiting list
When the clinic is full, new patients are placed on a waiting list in the order their complete registration is received. The current wait for a first appointment is about eight weeks.""",
    """First appointment
New patients are asked to arrive 15 minutes before their first appointment to complete the health questionnaire and consent forms. The first appointment is booked for 40 minutes with the nurse practitioner or physician.

Intake forms
The medical history form and medication list must be completed and returned within 7 days of registration; registrations with forms outstanding after 7 days return to the waiting list. Forms may be completed on paper at the front desk or through the secure patient portal.

Missed appointments
Patients who cancel with less than 24 hours' notice, or who do not attend, are charged a missed-appointment fee of $40. The fee is waived once per calendar year and always for illness or emergency. After three missed appointments in twelve months, the clinic may ask the patient to find another provider.

Interpreters
Interpreters are provided free of charge in person or by telephone; patients should ask when booking so that a longer appointment can be arranged.""",
    """Prescription renewals
Requests to renew a regular prescription must be made at least 72 hours before the medication runs out. Renewals are not given for controlled substances without an appointment.

Test results
The clinic contacts patients about abnormal results within 5 business days. Normal results are posted to the patient portal; patients without portal access may call the results line at (902) 555-0162 after 2 p.m. on weekdays.

After-hours care
Outside clinic hours (Monday to Friday 8:00 a.m. to 6:00 p.m.; Saturday 9:00 a.m. to noon) patients should call the provincial nurse line at 811, or 911 in an emergency.

Review
This policy is reviewed every two years by the clinic manager, Hannah Brightwater, and the medical director."""
]

REFERRAL = [
    """Northshore Family Health Clinic
48 Lakeview Crescent, Dartmouth, Nova Scotia B2W 3K7
Telephone (902) 555-0150   Fax (902) 555-0151

18 April 2024

Dr. Helena Marsh, Cardiologist
Bayview Heart Centre
300 Coburg Road, Halifax, Nova Scotia B3H 1Z4

Re: Tomas Reyes, born 14 August 1961, health card 0000 123 456

Dear Dr. Marsh,

Thank you for seeing Mr. Reyes, a 62-year-old retired ferry engineer, whom I am referring for assessment of exertional chest pain. For the past six weeks he has had a pressing central chest discomfort when walking uphill or climbing two flights of stairs, easing within five minutes of rest. He has had no pain at rest and no syncope.

A resting ECG in the clinic on 16 April 2024 showed sinus rhythm at 68 beats per minute with no acute changes. I would be grateful if you could see him within 4 weeks. I have started metoprolol 25 mg twice daily and low-dose aspirin 81 mg daily, and advised him to call 911 if the pain comes at rest or lasts longer than 15 minutes.""",
    """Past history and medication
Mr. Reyes has type 2 diabetes, diagnosed in 2019, treated with metformin 500 mg twice daily, and hypertension treated with ramipril 5 mg daily. He stopped smoking in 2015 after 30 pack-years. His father had a myocardial infarction at the age of 58.

Allergies
Penicillin, which caused a widespread rash in 1998.

Investigations
Blood tests on 10 April 2024: LDL cholesterol 4.1 mmol/L, HbA1c 6.9%, creatinine 88 umol/L, haemoglobin 142 g/L. His blood pressure in clinic was 146/88 mmHg and his body mass index is 29.

Questions
I would value your opinion on whether he needs an exercise stress test or a CT coronary angiogram, and on whether to start a statin now; I have not started one while awaiting your assessment.

Please send your report to me by fax at (902) 555-0151. Mr. Reyes prefers to be contacted on his mobile, (902) 555-0178.

Yours sincerely,

Dr. Samuel Okafor, Family Physician
Northshore Family Health Clinic""",
]

PRIVACY_NOTICE = [
    ("title", "Northshore Family Health Clinic — Privacy Notice"),
    ("p", "This notice explains how Northshore Family Health Clinic collects, uses, shares and protects your "
          "personal health information, and the choices you have. It was last updated on 1 February 2024."),
    ("h", "What we collect"),
    ("p", "We collect the information we need to care for you: your name, date of birth, address, telephone "
          "number, provincial health card number, medical history, test results, and notes made by the "
          "clinicians who see you."),
    ("h", "How we use and share it"),
    ("p", "We use your information to provide care, to arrange referrals and tests, to bill the provincial "
          "health plan, and to meet our legal duties. We share it with other health providers involved in your "
          "care, such as specialists and pharmacies, unless you tell us not to. We never sell your information "
          "and never use it for marketing."),
    ("h", "How long we keep it"),
    ("p", "We keep adult patient records for 10 years after the last visit. Records of patients who were "
          "children when last seen are kept for 10 years after the patient turns 19. Records are then securely "
          "shredded or permanently erased."),
    ("h", "Your right to see your record"),
    ("p", "You may ask to see or receive a copy of your record. Make the request in writing to the privacy "
          "officer; we will answer within 30 days. Copies are free for the first 20 pages; beyond that we "
          "charge $0.20 per page, up to a maximum of $25."),
    ("h", "Correcting your record"),
    ("p", "If you believe something in your record is wrong, you may ask us in writing to correct it. If we "
          "do not agree to change it, we will attach your statement of disagreement to the record."),
    ("h", "Security"),
    ("p", "Electronic records are kept in an encrypted system hosted in Canada, and staff can see only the "
          "records they need for their work. Every access is logged and the log is audited each quarter."),
    ("h", "Privacy breaches"),
    ("p", "If your information is lost, stolen or seen by someone who should not have seen it, we will tell "
          "you as soon as reasonably possible and report the breach to the provincial Review Officer."),
    ("h", "Contact"),
    ("p", "Our privacy officer is Dr. Mira Castellano. You can reach her at (902) 555-0147 or by e-mail at "
          "privacy@northshorehealth.example, or by mail at 48 Lakeview Crescent, Dartmouth, Nova Scotia "
          "B2W 3K7."),
]


# ---- PDF ---------------------------------------------------------------------------

def _furniture(page: pymupdf.Page, header: str, n: int, total: int) -> None:
    # A TextWriter with a Font object embeds the glyphs; insert_text's base-14 encoding has
    # no em dash and would write "·" instead.
    font = pymupdf.Font("helv")
    tw = pymupdf.TextWriter(page.rect, color=(0.35, 0.35, 0.35))
    tw.append((MARGIN, 48), f"{header} — Page {n} of {total}", font=font, fontsize=8.5)
    tw.append((MARGIN, PAGE_H - 40), "Confidential — prepared for the named recipient only", font=font, fontsize=8)
    tw.write_text(page)
    page.draw_line((MARGIN, 56), (PAGE_W - MARGIN, 56), color=(0.7, 0.7, 0.7), width=0.5)


def _textbox(page: pymupdf.Page, rect: pymupdf.Rect, text: str, size: float = 10.5) -> float:
    spare = page.insert_textbox(rect, text, fontsize=size, fontname="helv", lineheight=1.35)
    if spare < 0:  # PyMuPDF writes nothing when the text does not fit; never ship a blank page
        raise ValueError(f"text does not fit on the page ({-spare:.0f} pt over): {text[:60]!r}")
    return rect.y1 - spare  # where the text ended


def _new_doc(title: str, subject: str) -> pymupdf.Document:
    doc = pymupdf.open()
    doc.set_metadata({"title": title, "author": subject, "subject": subject, "creator": "Locum sample generator",
                      "producer": "PyMuPDF", "creationDate": FIXED_DATE, "modDate": FIXED_DATE})
    return doc


def _save(doc: pymupdf.Document, path: Path) -> None:
    doc.subset_fonts()  # the embedded header font, cut to the glyphs used
    data = doc.tobytes(garbage=4, deflate=True, no_new_id=True)
    doc.close()
    path.write_bytes(data)


def prose_pdf(path: Path, title: str, header: str, pages: list[str]) -> None:
    doc = _new_doc(title, header.split(" — ")[0])
    for i, text in enumerate(pages, 1):
        page = doc.new_page(width=PAGE_W, height=PAGE_H)
        _furniture(page, header, i, len(pages))
        _textbox(page, BODY, text)
    _save(doc, path)


def fee_schedule_pdf(path: Path) -> None:
    header = "Harbour & Vale LLP — Schedule of Fees"
    doc = _new_doc("Schedule of Fees and Disbursements", "Harbour & Vale LLP")
    page = doc.new_page(width=PAGE_W, height=PAGE_H)
    _furniture(page, header, 1, 2)
    y = _textbox(page, pymupdf.Rect(BODY.x0, BODY.y0, BODY.x1, BODY.y0 + 170), FEE_PAGE_1_INTRO)
    y += 18
    cols = (BODY.x0 + 4, BODY.x0 + 170, BODY.x0 + 270)
    row_h = 22
    for r, row in enumerate(FEE_RATES):
        top = y + r * row_h
        if r == 0:
            page.draw_rect(pymupdf.Rect(BODY.x0, top, BODY.x1, top + row_h), color=None, fill=(0.88, 0.9, 0.94))
        page.draw_line((BODY.x0, top + row_h), (BODY.x1, top + row_h), color=(0.6, 0.6, 0.6), width=0.5)
        for x, cell in zip(cols, row):
            page.insert_text((x, top + 15), cell, fontsize=10.5, fontname="hebo" if r == 0 else "helv")
    y += len(FEE_RATES) * row_h + 20
    _textbox(page, pymupdf.Rect(BODY.x0, y, BODY.x1, BODY.y1), FEE_PAGE_1_AFTER)
    page = doc.new_page(width=PAGE_W, height=PAGE_H)
    _furniture(page, header, 2, 2)
    _textbox(page, BODY, FEE_PAGE_2)
    _save(doc, path)


# ---- DOCX --------------------------------------------------------------------------

def privacy_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    cp = d.core_properties
    cp.title, cp.author, cp.subject = "Privacy Notice", "Northshore Family Health Clinic", "Privacy"
    cp.created = cp.modified = FIXED_DT.replace(tzinfo=None)
    cp.last_modified_by, cp.revision = "Locum sample generator", 1
    for kind, text in PRIVACY_NOTICE:
        if kind == "title":
            d.add_heading(text, level=0)
        elif kind == "h":
            d.add_heading(text, level=1)
        else:
            d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(_fixed_zip(buf.getvalue()))


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member times, so the same input gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 3, 12, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# ---- all of them -------------------------------------------------------------------

SAMPLES = {
    "retainer_agreement.pdf": lambda p: prose_pdf(p, "Retainer Agreement", "Harbour & Vale LLP — Retainer Agreement",
                                                  RETAINER),
    "fee_schedule.pdf": fee_schedule_pdf,
    "privacy_notice.docx": privacy_docx,
    "patient_intake_policy.pdf": lambda p: prose_pdf(p, "Patient Intake Policy",
                                                     "Northshore Family Health Clinic — Patient Intake Policy",
                                                     INTAKE_POLICY),
    "referral_letter.pdf": lambda p: prose_pdf(p, "Referral: Tomas Reyes", "Northshore Family Health Clinic — Referral",
                                               REFERRAL),
}


def make_samples(out: Path = HERE) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in SAMPLES.items():
        build(out / name)
        written.append(out / name)
    return written


if __name__ == "__main__":
    for p in make_samples(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(f"{p.stat().st_size:>7}  {p}")
