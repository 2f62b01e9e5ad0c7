"""Generated documents with known field values, for the extraction tests and benchmark.

``make(template, variant, seed, folder)`` writes one document and returns ``(path, truth)``;
truth maps every template field to its normalised value, or None where the document does
not hold it. Variants: ``form`` (a filled AcroForm with text, checkbox, radio and choice
widgets), ``labels`` (digital "Label: value" layout), ``prose`` (a letter whose sentences
carry the values), ``unseen`` (label/value layout in wording the templates do not list), ``scan`` (the labels page rendered at 150 dpi, with noise and a 2-4 degree
rotation, saved as an image-only PDF).
"""
from __future__ import annotations

import io
import random
from pathlib import Path

FIRST = ["Margaret", "Daniel", "Priya", "Tomasz", "Aisha", "George", "Hannah", "Oliver", "Chloe", "Samuel",
         "Fatima", "Lewis", "Grace", "Rhys", "Imogen", "Kwame"]
LAST = ["Ellison", "Okafor", "Whitfield", "Nowak", "Rahman", "Pritchard", "Sinclair", "Baines", "Hughes",
        "Kowalski", "Fletcher", "Ashworth", "Brennan", "Mensah"]
STREETS = ["Orchard Lane", "Mill Road", "Station Street", "Church Walk", "Victoria Avenue", "Kings Close"]
TOWNS = ["Bristol", "Leeds", "Norwich", "Exeter", "York", "Cardiff"]
POSTCODES = ["BS1 4DJ", "LS2 7HQ", "NR3 1AB", "EX4 6PX", "YO1 9SA", "CF10 3NB"]
MATTERS = ["Conveyancing", "Divorce", "Employment dispute", "Probate", "Landlord and tenant"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ALLERGIES = ["penicillin", "latex", "peanuts", "aspirin", "shellfish"]
SUPPLIERS = ["Harbour Office Supplies Ltd", "Greenleaf Cleaning Services", "Northgate IT Solutions Ltd",
             "Castle Print Group"]
CUSTOMERS = ["Ellison & Baines LLP", "Riverside Medical Practice", "Okafor Legal Services", "Hillview Surgery"]
MERCHANTS = ["Corner Stationery Shop", "Daily Grind Cafe", "Westway Pharmacy", "Parkside Market"]
ITEMS = ["A4 paper, 5 reams", "Toner cartridge", "Desk lamp", "Window cleaning", "Network switch", "Filing cabinet",
         "Laptop stand", "Printer service visit"]
REASONS = ["persistent knee pain after a fall", "suspected type 2 diabetes", "recurrent migraines",
           "shortness of breath on exertion", "a lump in the left breast"]
SERVICES = ["Orthopaedics", "Diabetes Clinic", "Neurology", "Cardiology", "Breast Clinic"]


def _date(rng, y0=1940, y1=2005):
    y, m, d = rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28)
    iso = f"{y:04d}-{m:02d}-{d:02d}"
    style = rng.choice(["dmy", "long", "iso"])
    shown = {"dmy": f"{d:02d}/{m:02d}/{y}", "long": f"{d} {MONTHS[m - 1]} {y}", "iso": iso}[style]
    return shown, iso


def _phone(rng):
    n = f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}"
    return n, "+44" + n[1:].replace(" ", "")


def _name(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _money(x):
    return f"£{x:,.2f}"


def values(template: str, rng: random.Random) -> tuple[dict, dict]:
    """(what is printed per field, the normalised truth per field)."""
    shown, truth = {}, {}

    def put(name, s, t):
        shown[name], truth[name] = s, t

    if template in ("client_intake", "patient_intake", "referral_letter"):
        n = _name(rng)
        put("client_name" if template == "client_intake" else "patient_name", n, n)
        s, t = _date(rng)
        put("date_of_birth", s, t)
    if template in ("client_intake", "patient_intake"):
        first, last = shown.get("client_name", shown.get("patient_name")).split()
        e = f"{first[0].lower()}.{last.lower()}@example.org"
        put("email", e, e)
        put("phone", *_phone(rng))
        a = f"{rng.randint(2, 98)} {rng.choice(STREETS)}, {rng.choice(TOWNS)}"
        put("address", a, a)
        pc = rng.choice(POSTCODES)
        put("postcode", pc, pc)
    if template == "client_intake":
        m = rng.choice(MATTERS)
        put("matter_type", m, m)
        o = _name(rng)
        put("opposing_party", o, o)
        b = rng.random() < 0.5
        put("existing_client", "Yes" if b else "No", b)
    if template in ("patient_intake", "referral_letter"):
        nhs = f"{rng.randint(400, 999)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
        put("nhs_number", nhs, nhs.replace(" ", ""))
    if template == "patient_intake":
        g = "Dr " + rng.choice(LAST)
        put("gp_name", g, g)
        al = rng.sample(ALLERGIES, 2)
        put("allergies", ", ".join(al), al)
    if template == "referral_letter":
        put("referral_date", *_date(rng, 2024, 2026))
        c = "Dr " + _name(rng)
        put("referring_clinician", c, c)
        sv = rng.choice(SERVICES)
        put("referred_to", sv, sv)
        r = rng.choice(REASONS)
        put("reason", r, r)
        u = rng.choice(["Routine", "Urgent", "Soon"])
        put("urgency", u, u)
    if template == "invoice":
        put("invoice_number", *(lambda v: (v, v))(f"INV-{rng.randint(2024, 2026)}-{rng.randint(100, 9999):04d}"))
        put("invoice_date", *_date(rng, 2025, 2026))
        put("due_date", *_date(rng, 2026, 2027))
        sp, cu = rng.choice(SUPPLIERS), rng.choice(CUSTOMERS)
        put("supplier_name", sp, sp)
        put("customer_name", cu, cu)
        items = []
        for desc in rng.sample(ITEMS, rng.randint(2, 4)):
            q, up = rng.randint(1, 5), round(rng.randint(500, 30000) / 100, 2)
            items.append({"description": desc, "quantity": float(q), "unit_price": up, "amount": round(q * up, 2)})
        sub = round(sum(i["amount"] for i in items), 2)
        tax = round(sub * 0.2, 2)
        put("subtotal", _money(sub), sub)
        put("tax", _money(tax), tax)
        put("total", _money(sub + tax), round(sub + tax, 2))
        shown["line_items"], truth["line_items"] = items, items
        truth["currency"] = "GBP"
    if template == "receipt":
        m = rng.choice(MERCHANTS)
        put("merchant", m, m)
        put("date", *_date(rng, 2025, 2026))
        r = f"R{rng.randint(10000, 99999)}"
        put("receipt_number", r, r)
        tot = round(rng.randint(150, 9000) / 100, 2)
        put("total", _money(tot), tot)
        pm = rng.choice(["Card", "Cash", "Contactless"])
        put("payment_method", pm, pm)
        truth["currency"] = "GBP"
    return shown, truth


_LABELS = {
    "client_name": "Client name", "patient_name": "Patient name", "date_of_birth": "Date of birth",
    "email": "Email", "phone": "Phone", "address": "Address", "postcode": "Postcode", "matter_type": "Matter type",
    "opposing_party": "Opposing party", "existing_client": "Existing client", "nhs_number": "NHS number",
    "gp_name": "GP", "allergies": "Allergies", "referral_date": "Date", "referring_clinician": "Referred by",
    "referred_to": "Referred to", "reason": "Reason for referral", "urgency": "Urgency",
    "invoice_number": "Invoice number", "invoice_date": "Invoice date", "due_date": "Due date",
    "supplier_name": "From", "customer_name": "Bill to", "subtotal": "Subtotal", "tax": "VAT", "total": "Total",
    "merchant": "Store", "date": "Date", "receipt_number": "Receipt no", "payment_method": "Paid by",
}
#: Wording the templates' labels do not list: the ranking is unsure and the model has to choose.
_ALT_LABELS = {
    "client_name": "Name of client", "patient_name": "Name of patient", "date_of_birth": "D.O.B.",
    "email": "Contact e-mail", "phone": "Contact number", "address": "Residence", "postcode": "Post town code",
    "matter_type": "Nature of instruction", "opposing_party": "Counterparty", "nhs_number": "Health service no.",
    "gp_name": "Doctor", "allergies": "Sensitivities", "referral_date": "Written on",
    "referring_clinician": "Author", "referred_to": "For the attention of", "reason": "Clinical question",
    "urgency": "Timescale", "invoice_number": "Document ref", "invoice_date": "Tax point",
    "due_date": "Settle by", "supplier_name": "Issued by", "customer_name": "Client", "merchant": "Outlet",
    "date": "When", "receipt_number": "Txn", "payment_method": "Tender",
}
_TITLES = {"client_intake": "Client Intake Form", "patient_intake": "New Patient Registration",
           "referral_letter": "Referral", "invoice": "INVOICE", "receipt": "RECEIPT"}


def _drop_some(template, shown, truth, rng, n=1):
    """Leave a field or two out of the document: its truth becomes None (for the invented-values count)."""
    optional = [k for k in shown if k not in ("client_name", "patient_name", "total", "invoice_number", "line_items",
                                              "subtotal", "tax", "currency")]
    for k in rng.sample(optional, min(n, len(optional))):
        shown.pop(k)
        truth[k] = None


def _labels_page(doc, template, shown, labels=None):
    labels = labels or _LABELS
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 70), _TITLES[template], fontsize=16)
    y = 110
    for k, v in shown.items():
        if k == "line_items" or k in ("subtotal", "tax", "total") and template == "invoice":
            continue
        page.insert_text((72, y), f"{labels.get(k, _LABELS[k])}:", fontsize=11)
        page.insert_text((210, y), str(v), fontsize=11)
        y += 22
    if template == "invoice":
        y += 10
        for x, h in ((72, "Description"), (330, "Qty"), (380, "Unit price"), (470, "Amount")):
            page.insert_text((x, y), h, fontsize=11)
        y += 20
        for it in shown["line_items"]:
            page.insert_text((72, y), it["description"], fontsize=11)
            page.insert_text((330, y), str(int(it["quantity"])), fontsize=11)
            page.insert_text((380, y), _money(it["unit_price"]), fontsize=11)
            page.insert_text((470, y), _money(it["amount"]), fontsize=11)
            y += 18
        y += 12
        for k in ("subtotal", "tax", "total"):
            page.insert_text((380, y), f"{_LABELS[k]}:", fontsize=11)
            page.insert_text((470, y), shown[k], fontsize=11)
            y += 18
    return page


_PROSE = {
    "client_name": "My full name is {}.", "patient_name": "The patient's name is {}.",
    "date_of_birth": "I was born on {}.", "email": "My email address is {}.", "phone": "My phone number is {}.",
    "address": "My home address is {}.", "postcode": "The postcode is {}.", "matter_type": "The matter type is {}.",
    "opposing_party": "The other party is {}.", "existing_client": None, "nhs_number": "The NHS number is {}.",
    "gp_name": "The registered GP is {}.", "allergies": "Known allergies are {}.",
    "referral_date": None, "referring_clinician": None, "referred_to": "The service referred to is {}.",
    "reason": "The reason for referral is {}.", "urgency": "The urgency is {}.",
}


def _prose_page(doc, template, shown):
    page = doc.new_page(width=595, height=842)
    y = 80
    if template == "referral_letter":
        for k in ("referral_date", "referring_clinician"):
            if k in shown:
                page.insert_text((72, y), f"{_LABELS[k]}: {shown[k]}", fontsize=11)
                y += 18
        y += 12
        page.insert_text((72, y), "Dear colleague,", fontsize=11)
    else:
        page.insert_text((72, y), "Dear Sir or Madam,", fontsize=11)
    y += 26
    intro = {"client_intake": "I would like to instruct your firm and give my details below.",
             "patient_intake": "Please register the following patient with the practice.",
             "referral_letter": "Thank you for seeing this patient, whose details follow."}[template]
    page.insert_text((72, y), intro, fontsize=11)
    y += 20
    for k, v in shown.items():
        pattern = _PROSE.get(k)
        if not pattern:
            continue
        if template != "client_intake" and k == "date_of_birth":
            pattern = "The patient was born on {}."
        page.insert_text((72, y), pattern.format(v), fontsize=11)
        y += 18
    page.insert_text((72, y + 20), "Yours faithfully,", fontsize=11)
    return page


def _form_pdf(template, shown, path):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 70), _TITLES[template] + " (form)", fontsize=16)
    y = 110
    radios = []
    for i, (k, v) in enumerate(shown.items()):
        if k == "line_items":
            continue
        page.insert_text((72, y + 11), f"{_LABELS[k]}", fontsize=11)
        w = pymupdf.Widget()
        # some widgets carry the template's name, some a tool's name with a tooltip, some only the printed label
        w.field_name = [k, f"txt{''.join(p.title() for p in k.split('_'))}", f"Field{i + 1}"][i % 3]
        if i % 3 == 1:
            w.field_label = _LABELS[k]
        w.rect = pymupdf.Rect(210, y, 480, y + 15)
        if k == "existing_client":
            w.field_type = pymupdf.PDF_WIDGET_TYPE_CHECKBOX
            w.rect = pymupdf.Rect(210, y, 222, y + 12)
            w.field_value = v == "Yes"
        elif k == "urgency":
            for j, opt in enumerate(["Routine", "Soon", "Urgent"]):
                r = pymupdf.Widget()
                r.field_type = pymupdf.PDF_WIDGET_TYPE_RADIOBUTTON
                r.field_name = w.field_name
                r.rect = pymupdf.Rect(210 + 80 * j, y, 222 + 80 * j, y + 12)
                r.field_value = False
                page.add_widget(r)
                page.insert_text((226 + 80 * j, y + 10), opt, fontsize=10)
                if opt == v:
                    radios.append((w.field_name, j))
            y += 24
            continue
        elif k == "matter_type":
            w.field_type = pymupdf.PDF_WIDGET_TYPE_COMBOBOX
            w.choice_values = MATTERS
            w.field_value = v
        else:
            w.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
            w.field_value = str(v)
        page.add_widget(w)
        y += 24
    for name, j in radios:
        for wd in page.widgets():
            if wd.field_name == name and abs(wd.rect.x0 - (210 + 80 * j)) < 1:
                wd.field_value = True
                wd.update()
    doc.save(path)
    doc.close()


def _scan(src_doc, path, rng):
    """Render at 150 dpi, add noise, rotate 2-4 degrees, save as an image-only PDF."""
    import numpy as np
    import pymupdf
    from PIL import Image

    out = pymupdf.open()
    for page in src_doc:
        pix = page.get_pixmap(dpi=150, colorspace=pymupdf.csGRAY)
        img = Image.frombytes("L", (pix.width, pix.height), pix.samples)
        angle = rng.uniform(2, 4) * rng.choice([-1, 1])
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
        arr = np.asarray(img).astype(np.int16)
        noise = np.random.default_rng(rng.randint(0, 10**6)).normal(0, 12, arr.shape)
        arr = np.clip(arr + noise, 0, 255).astype(np.uint8)
        buf = io.BytesIO()
        Image.fromarray(arr).save(buf, format="PNG")
        p = out.new_page(width=page.rect.width, height=page.rect.height)
        p.insert_image(p.rect, stream=buf.getvalue())
    out.save(path)
    out.close()


def make(template: str, variant: str, seed: int, folder: Path, *, drop: int = 1) -> tuple[Path, dict]:
    import pymupdf

    rng = random.Random(f"{template}-{variant}-{seed}")
    shown, truth = values(template, rng)
    if drop:
        _drop_some(template, shown, truth, rng, drop)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{template}-{variant}-{seed}.pdf"
    if variant == "form":
        if template == "invoice":  # a form has no table: its lines are not part of the truth
            shown.pop("line_items", None)
        truth.pop("line_items", None) if template == "invoice" else None
        _form_pdf(template, shown, str(path))
        if template == "invoice":
            truth["line_items"] = None
        return path, truth
    doc = pymupdf.open()
    if variant == "prose" and template in ("client_intake", "patient_intake", "referral_letter"):
        _prose_page(doc, template, shown)
        for k in ("existing_client",):
            if k in truth:
                truth[k] = None  # not said in the letter
    elif variant == "unseen":
        _labels_page(doc, template, shown, _ALT_LABELS)
    else:
        _labels_page(doc, template, shown)
    if variant == "scan":
        _scan(doc, str(path), rng)
    else:
        doc.save(str(path))
    doc.close()
    return path, truth
