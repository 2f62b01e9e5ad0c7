import pymupdf
import pytest

from core.forms.engine import extract_document, extract_many, source_on_page
from core.fields.templates import get_template
from models.fake import FakeChat
from tests.core.forms_docs import make
from tests.helpers import drive


class NullChooser(FakeChat):
    """A model that answers null for every field it is asked about."""

    def stream(self, messages, *, max_tokens=512, json_schema=None, temperature=0.0):
        import json

        self.requests.append({"messages": list(messages), "json_schema": json_schema})
        yield json.dumps({k: None for k in (json_schema or {}).get("properties", {})})


def _pdf(path, pages):
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page()
        for y, (x, text) in enumerate(lines):
            page.insert_text((x, 80 + 22 * y), text, fontsize=11)
    doc.save(path)
    doc.close()
    return str(path)


@pytest.mark.parametrize("template", ["client_intake", "patient_intake", "referral_letter", "invoice", "receipt"])
@pytest.mark.parametrize("variant", ["form", "labels", "prose"])
def test_generated_documents_give_their_values_and_sources(tmp_path, template, variant):
    from core.documents.readers import open_document
    from core.fields.normalise import same_value

    path, truth = make(template, variant, 3, tmp_path)
    chat = NullChooser()  # a model that never picks: what is filled came from the ranking
    _, res = drive(extract_document(str(path), get_template(template), chat))
    pages = {p.page: p for p in open_document(path).pages}
    invented = [(n, res.fields[n].value) for n, want in truth.items() if want is None and res.fields[n].value is not None]
    wrong = [(n, want, res.fields[n].value) for n, want in truth.items()
             if want is not None and not same_value("", res.fields[n].value, want) and res.fields[n].value != want]
    copied = [fv for fv in res.fields.values() if fv.value is not None and fv.method not in ("form", "table")]
    assert not invented and not wrong
    assert [fv.name for fv in copied if not source_on_page(fv.source, pages[fv.page])] == []
    assert len(copied) >= (0 if variant == "form" else 3)


def test_line_items_are_read_and_checked_against_the_total(tmp_path):
    p = _pdf(tmp_path / "inv.pdf", [[
        (72, "Invoice number: INV-2025-0042"),
        (72, "Description"), (330, ""),
    ]])
    doc = pymupdf.open()
    page = doc.new_page()
    rows = [("Description", "Qty", "Unit price", "Amount"), ("Toner cartridge", "2", "£40.00", "£80.00"),
            ("Desk lamp", "1", "£25.50", "£25.50")]
    for y, row in enumerate(rows):
        for x, cell in zip((72, 330, 380, 470), row):
            page.insert_text((x, 100 + 20 * y), cell, fontsize=11)
    page.insert_text((380, 180), "Total:", fontsize=11)
    page.insert_text((470, 180), "£999.00", fontsize=11)
    doc.save(p)
    _, res = drive(extract_document(p, get_template("invoice"), NullChooser()))
    items = res.fields["line_items"]
    assert items.value == [
        {"description": "Toner cartridge", "quantity": 2.0, "unit_price": 40.0, "amount": 80.0},
        {"description": "Desk lamp", "quantity": 1.0, "unit_price": 25.5, "amount": 25.5}]
    assert res.fields["total"].value == 999.0
    assert items.flagged and "add up to 105.50" in items.notes[0]
    assert res.fields["currency"].value == "GBP"


def test_bad_inputs_give_clear_messages_and_the_batch_completes(tmp_path):
    enc = tmp_path / "locked.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 80), "Client name: Secret Person")
    doc.save(enc, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="pw", owner_pw="pw")
    blank = tmp_path / "blank.pdf"
    d2 = pymupdf.open()
    d2.new_page()
    d2.save(blank)
    good, _ = make("client_intake", "labels", 1, tmp_path, drop=0)
    missing = tmp_path / "gone.pdf"
    gen = extract_many([str(enc), str(blank), str(missing), str(good)], get_template("client_intake"), FakeChat())
    _, results = drive(gen)
    assert [r.failed for r in results] == [True, False, True, False]
    assert "password-protected" in results[0].errors[0]
    assert all(v.value is None for v in results[0].fields.values())
    assert any("No text was found" in e for e in results[1].errors)
    assert all(v.value is None for v in results[1].fields.values())
    assert "no longer exists" in results[2].errors[0]
    assert results[3].fields["client_name"].value is not None and not results[3].errors


def test_a_long_document_is_read_in_windows_and_says_which_pages(tmp_path):
    pages = [[(72, f"Page {i + 1} of the bundle.")] for i in range(12)]
    pages[1] = [(72, "Client name:"), (72, "")]
    p = _pdf(tmp_path / "long.pdf", pages)
    events, res = drive(extract_document(p, get_template("client_intake"), FakeChat(), max_pages=8, window=3))
    assert res.pages_read == list(range(1, 9)) and res.page_count == 12
    assert any("Only pages 1-8 of 12" in e for e in res.errors)
    assert [e.page for e in events if e.stage == "reading"] == list(range(1, 9))


def test_closing_the_generator_stops_the_work(tmp_path):
    p = _pdf(tmp_path / "two.pdf", [[(72, "Client name: Ann Lee")], [(72, "Email: a@b.org")]])
    gen = extract_document(p, get_template("client_intake"), FakeChat())
    assert next(gen).stage == "form"
    gen.close()
    with pytest.raises(StopIteration):
        next(gen)
