"""Forms in French, German and Spanish: the built-in templates know their labels (accents or
not, as OCR may drop them), and amounts written with a decimal comma read right."""
from __future__ import annotations

import pymupdf
import pytest

from core.fields import normalise as nz
from core.fields.choice import tokens
from core.forms.engine import extract_document
from core.services import run_to_end
from core.fields.templates import get_template

FONT = "helv"  # Helvetica in PyMuPDF covers Latin-1 (é, ü, ñ, °) but not €: amounts say EUR


def _page(path, rows):
    doc = pymupdf.open()
    page = doc.new_page()
    for y, (label, value) in enumerate(rows):
        page.insert_text((72, 100 + 24 * y), label, fontsize=11, fontname=FONT)
        page.insert_text((250, 100 + 24 * y), value, fontsize=11, fontname=FONT)
    doc.save(path)
    return path


def _result(path, template):
    return run_to_end(extract_document(str(path), get_template(template), None))


def _run(path, template):
    return {n: fv.value for n, fv in _result(path, template).fields.items() if fv.value is not None}


def test_accents_aside():
    assert tokens("Téléphone") == tokens("Telephone") == ["telephone"]
    assert tokens("Fälligkeitsdatum") == ["falligkeitsdatum"] and tokens("Straße") == ["strasse"]
    assert tokens("Facture N°") == ["facture", "no"]


@pytest.mark.parametrize("text,want", [("1.234,56 €", (1234.56, "EUR")), ("245,00 €", (245.0, "EUR")),
                                       ("€ 12,50", (12.5, "EUR")), ("1 050,00 EUR", (1050.0, "EUR")),
                                       ("£1,250.00", (1250.0, "GBP")), ("1,250", (1250.0, None))])
def test_decimal_comma_amounts(text, want):
    assert nz.parse_money(text) == want


def test_a_french_invoice(tmp_path):
    path = _page(tmp_path / "facture.pdf", [
        ("Facture N° :", "FA-2026-0142"), ("Date de facture :", "15/03/2026"), ("Date d'échéance :", "14/04/2026"),
        ("Fournisseur :", "Atelier Moreau SARL"), ("Facturé à :", "Cabinet Lefèvre"),
        ("Total HT :", "1.050,00 EUR"), ("TVA :", "210,00 EUR"), ("Total TTC :", "1.260,00 EUR")])
    got = _run(path, "invoice")
    assert got == {"invoice_number": "FA-2026-0142", "invoice_date": "2026-03-15", "due_date": "2026-04-14",
                   "supplier_name": "Atelier Moreau SARL", "customer_name": "Cabinet Lefèvre",
                   "subtotal": 1050.0, "tax": 210.0, "total": 1260.0, "currency": "EUR"}


def test_a_german_client_intake(tmp_path):
    path = _page(tmp_path / "mandant.pdf", [
        ("Name des Mandanten:", "Jonas Becker"), ("Geburtsdatum:", "03.07.1984"),
        ("E-Mail-Adresse:", "j.becker@example.de"), ("Anschrift:", "Lindenstraße 12, Köln"),
        ("Postleitzahl:", "50674"), ("Gegenpartei:", "Petra Kraus")])
    got = _run(path, "client_intake")
    assert got == {"client_name": "Jonas Becker", "date_of_birth": "1984-07-03", "email": "j.becker@example.de",
                   "address": "Lindenstraße 12, Köln", "postcode": "50674", "opposing_party": "Petra Kraus"}


def test_a_spanish_receipt_without_accents(tmp_path):
    # OCR often loses accents: "Metodo de pago", "Numero de recibo"
    path = _page(tmp_path / "recibo.pdf", [
        ("Comercio:", "Farmacia del Sol"), ("Fecha:", "02/11/2025"), ("Numero de recibo:", "R-558120"),
        ("Importe total:", "23,40 EUR"), ("Metodo de pago:", "Tarjeta")])
    got = _run(path, "receipt")
    assert got == {"merchant": "Farmacia del Sol", "date": "2025-11-02", "receipt_number": "R-558120",
                   "total": 23.4, "payment_method": "Tarjeta", "currency": "EUR"}


def test_a_german_number_without_country_code_is_read_as_german(tmp_path):
    # a Berlin number written as Germans write it; read in the UK it would be +44 30 1234567
    path = _page(tmp_path / "mandant.pdf", [
        ("Name des Mandanten:", "Jonas Becker"), ("Anschrift:", "Lindenstraße 12, Berlin"),
        ("Telefon:", "030 1234567")])
    res = _result(path, "client_intake")
    phone = res.fields["phone"]
    assert res.region == "DE"
    assert phone.value == "+49301234567" and not phone.flagged


def test_a_number_read_in_the_wrong_country_is_never_certain(tmp_path):
    # nothing on the page says where it is: read in the default country, where it is no valid number
    path = _page(tmp_path / "intake.pdf", [("Client name:", "Jonas Becker"), ("Phone:", "030 1234567")])
    phone = _result(path, "client_intake").fields["phone"]
    assert phone.value == "+44301234567"
    assert phone.flagged and any("check the country" in n for n in phone.notes)


@pytest.mark.parametrize("text,want", [("3. März 2026", "2026-03-03"), ("3 Maerz 2026", "2026-03-03"),
                                       ("1er mars 2026", "2026-03-01"), ("15 août 2025", "2025-08-15"),
                                       ("15 aout 2025", "2025-08-15"), ("2 de marzo de 2026", "2026-03-02"),
                                       ("12 Dezember 2024", "2024-12-12"), ("7 juillet 1990", "1990-07-07")])
def test_month_names_of_french_german_and_spanish_dates(text, want):
    assert nz.parse_date(text) == want
    assert nz.DATE_RE.search(f"Datum: {text}.").group() == text


def test_a_french_date_of_birth_written_out(tmp_path):
    path = _page(tmp_path / "patient.pdf", [("Nom du patient :", "Claire Martin"),
                                            ("Date de naissance :", "7 juillet 1990")])
    assert _run(path, "patient_intake")["date_of_birth"] == "1990-07-07"


@pytest.mark.parametrize("name", ["Zoë Lefèvre", "José Núñez", "Jürgen Müller", "Siobhán O'Brien",
                                  "Ngozi Okafor-Adeyemi", "Ludwig van Beethoven"])
def test_names_with_accents_and_particles_read_as_names(name):
    assert nz.parse_name(name) == name


def test_an_accented_client_name_is_extracted(tmp_path):
    path = _page(tmp_path / "mandant.pdf", [("Name des Mandanten:", "Jürgen Müller"),
                                            ("Gegenpartei:", "Zoë Lefèvre")])
    got = _run(path, "client_intake")
    assert got["client_name"] == "Jürgen Müller" and got["opposing_party"] == "Zoë Lefèvre"
