"""Readers and page furniture, on files generated here (no binary fixtures in the repo)."""
from __future__ import annotations

import builtins
import itertools
import os
import tracemalloc
import zipfile
from pathlib import Path

import pymupdf
import pytest

from core.errors import UnreadableFileError
from core.documents import readers
from core.documents.furniture import strip_furniture
from core.documents.readers import SUPPORTED_SUFFIXES, check_unchanged, open_document
from core.types import PageText, Word

# ---------------------------------------------------------------- helpers

# Distinct words, because digits are normalised away when furniture is compared.
NAMES = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango".split()


def make_pdf(path: Path, pages: list[list[tuple[float, float, str]]], *, title: str | None = None, size=(595, 842)) -> Path:
    """Each page is a list of (x, y, text) placed with Helvetica 10 pt."""
    doc = pymupdf.open()
    for items in pages:
        page = doc.new_page(width=size[0], height=size[1])
        for x, y, text in items:
            page.insert_text((x, y), text, fontsize=10)
    if title:
        doc.set_metadata({"title": title})
    doc.save(path)
    return path


def reason(excinfo) -> str:
    return excinfo.value.reason


def read_all(path, **kw) -> list[PageText]:
    return list(open_document(path, **kw).pages)


class FakeOcr:
    """Replays fixed lines and records the images it was shown."""

    def __init__(self, lines=((10, 10, 100, 30, "Hello"), (120, 10, 200, 30, "world"), (10, 34, 150, 54, "Second line"))):
        self.lines = list(lines)
        self.shapes: list[tuple[int, ...]] = []

    def __call__(self, image):
        self.shapes.append(image.shape)
        return self.lines


# ---------------------------------------------------------------- PDF


def test_pdf_pages_are_separate_numbered_and_titled(tmp_path):
    path = make_pdf(tmp_path / "retainer_agreement-2024.pdf", [
        [(72, 72, "The client retains the firm"), (72, 90, "for the matter of Smith.")],
        [(72, 72, "Fees are 250 per hour.")],
        [(72, 72, "Signed in Leeds.")],
    ])
    doc = open_document(path)
    assert (doc.kind, doc.page_count, doc.title, doc.path) == ("pdf", 3, "retainer agreement 2024", str(path))
    pages = list(doc.pages)
    assert pages == [
        PageText(1, "The client retains the firm\nfor the matter of Smith."),
        PageText(2, "Fees are 250 per hour."),
        PageText(3, "Signed in Leeds."),
    ]


def test_pdf_title_from_metadata_and_junk_titles_ignored(tmp_path):
    assert open_document(make_pdf(tmp_path / "a.pdf", [[(72, 72, "x")]], title="Engagement Letter")).title == "Engagement Letter"
    assert open_document(make_pdf(tmp_path / "b_c.pdf", [[(72, 72, "x")]], title="0001018724-18-000005")).title == "b c"
    assert open_document(make_pdf(tmp_path / "d.pdf", [[(72, 72, "x")]], title="Microsoft Word - F20_10K_VFinal.docx")).title == "d"


def test_pdf_table_rows_stay_on_one_line(tmp_path):
    rows = [("(in millions)", "2022", "2021"), ("Revenue", "1,234", "1,100"), ("Net income", "98", "87")]
    items = []
    for n, (label, a, b) in enumerate(rows):
        y = 100 + 14 * n
        items += [(72, y, label), (300, y, a), (400, y, b)]
    text = read_all(make_pdf(tmp_path / "t.pdf", [items]))[0].text
    assert text.splitlines() == ["(in millions)  2022  2021", "Revenue  1,234  1,100", "Net income  98  87"]


def test_pdf_two_columns_are_not_interleaved(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    left = " ".join(f"Left column sentence number {i} talks about the lease." for i in range(12))
    right = " ".join(f"Right column sentence number {i} covers the deposit." for i in range(12))
    page.insert_textbox(pymupdf.Rect(50, 50, 290, 800), left, fontsize=10)
    page.insert_textbox(pymupdf.Rect(310, 50, 550, 800), right, fontsize=10)
    doc.save(tmp_path / "cols.pdf")
    text = read_all(tmp_path / "cols.pdf")[0].text
    assert text.index("number 11 talks") < text.index("Right column sentence number 0")


def test_pdf_repeated_headers_and_footers_are_removed(tmp_path):
    pages = [[(72, 40, "ACME Corp | Annual Report 2022"), (72, 100, f"Body text {NAMES[n]}."), (280, 800, f"Page {n} of 6")] for n in range(1, 7)]
    got = read_all(make_pdf(tmp_path / "report.pdf", pages))
    assert [p.text for p in got] == [f"Body text {NAMES[n]}." for n in range(1, 7)]
    assert [p.page for p in got] == [1, 2, 3, 4, 5, 6]


def test_pdf_report_of_ten_pages_loses_its_headers_and_footers_only(tmp_path):
    pages = [[(72, 36, "Harbour Clinic | Quality Report 2024"), (72, 50, "Confidential"),
              (72, 110, f"Ward {NAMES[n]} audit: {n + 2} incidents reviewed."), (72, 124, f"Actions agreed with {NAMES[n + 1]}."),
              (260, 815, f"Page {n + 1} of 10")] for n in range(10)]
    got = read_all(make_pdf(tmp_path / "report.pdf", pages))
    assert [p.text for p in got] == [f"Ward {NAMES[n]} audit: {n + 2} incidents reviewed.\nActions agreed with {NAMES[n + 1]}."
                                     for n in range(10)]


def test_pdf_pages_of_one_numbered_line_keep_their_text(tmp_path):
    # Each page holds one line that differs only in its page number: all of it is body text.
    line = "Page {n} of the file. Patient reference K-{ref} noted in the chart."
    got = read_all(make_pdf(tmp_path / "chart.pdf", [[(72, 72, line.format(n=n, ref=4471))] for n in range(1, 5)]))
    assert [p.text for p in got] == [line.format(n=n, ref=4471) for n in range(1, 5)]


def test_encrypted_pdf(tmp_path):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "secret")
    doc.save(tmp_path / "locked.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="x", owner_pw="y")
    with pytest.raises(UnreadableFileError) as e:
        open_document(tmp_path / "locked.pdf")
    assert "is password-protected" in reason(e)
    assert e.value.path == str(tmp_path / "locked.pdf")


def test_truncated_and_corrupt_pdf(tmp_path):
    whole = make_pdf(tmp_path / "whole.pdf", [[(72, 72, f"page {n} " * 20)] for n in range(5)]).read_bytes()
    (tmp_path / "cut.pdf").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(UnreadableFileError) as e:
        open_document(tmp_path / "cut.pdf")
    assert "is incomplete" in reason(e)
    (tmp_path / "junk.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
    with pytest.raises(UnreadableFileError) as e:
        open_document(tmp_path / "junk.pdf")
    assert "damaged" in reason(e)
    (tmp_path / "noise.pdf").write_bytes(os.urandom(3000).replace(b"%PDF-", b"xxxxx"))
    with pytest.raises(UnreadableFileError) as e:
        open_document(tmp_path / "noise.pdf")
    assert reason(e).startswith("is not a PDF")


def test_zero_byte_file(tmp_path):
    for name in ("empty.pdf", "empty.txt", "empty.docx"):
        (tmp_path / name).write_bytes(b"")
        with pytest.raises(UnreadableFileError) as e:
            open_document(tmp_path / name)
        assert reason(e).startswith("is empty")


def test_pdf_that_is_really_html_is_read_as_html(tmp_path):
    # Decision: content wins over the name when the bytes prove what the file is.
    path = tmp_path / "invoice.pdf"
    path.write_text("<!DOCTYPE html><html><head><title>Invoice 42</title></head><body><p>Total due: 300</p></body></html>")
    doc = open_document(path)
    assert (doc.kind, doc.title, doc.page_count) == ("html", "Invoice 42", None)
    assert list(doc.pages) == [PageText(None, "Total due: 300")]


def test_pdf_named_txt_is_read_as_pdf(tmp_path):
    make_pdf(tmp_path / "x.pdf", [[(72, 72, "Really a PDF")]]).rename(tmp_path / "notes.txt")
    doc = open_document(tmp_path / "notes.txt")
    assert doc.kind == "pdf" and list(doc.pages) == [PageText(1, "Really a PDF")]


def test_two_thousand_page_pdf_streams(tmp_path, monkeypatch):
    src = pymupdf.open()
    for n in range(100):
        body = "\n".join(f"{NAMES[(n + k) % 20]} {NAMES[n // 20]} {NAMES[k]}" * 3 for k in range(8))
        src.new_page(width=300, height=300).insert_text((20, 40), f"Body {NAMES[n % 20]} {NAMES[n // 20]}\n{body}", fontsize=8)
    big = pymupdf.open()
    for _ in range(20):
        big.insert_pdf(src)
    big.save(tmp_path / "big.pdf")

    extracted = []
    real = readers._pdf_segments
    monkeypatch.setattr(readers, "_pdf_segments", lambda words: extracted.append(1) or real(words))
    doc = open_document(tmp_path / "big.pdf")
    assert doc.page_count == 2000
    first = next(doc.pages)
    assert first.page == 1 and first.text.startswith("Body alpha alpha\n")
    assert len(extracted) <= 20, "pages must be read on demand, not all at open"

    tracemalloc.start()
    count, last = 1, first
    for last in doc.pages:
        count += 1
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert (count, last.page) == (2000, 2000) and last.text.startswith("Body tango echo\n")
    # The 2,000 pages hold ~0.9 MB of text; streaming keeps only a window of pages (~0.1 MB).
    assert peak < 400_000, peak


def test_scanned_pdf_page_goes_to_ocr(tmp_path):
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 400, 400), False)
    pix.clear_with(200)
    doc = pymupdf.open()
    doc.new_page(width=400, height=400).insert_image(pymupdf.Rect(0, 0, 400, 400), pixmap=pix)
    doc.new_page(width=400, height=400).insert_text((50, 50), "A typed page with a text layer.")
    doc.save(tmp_path / "scan.pdf")
    fake = FakeOcr()
    pages = read_all(tmp_path / "scan.pdf", ocr_engine=fake)
    assert pages == [PageText(1, "Hello  world\nSecond line"), PageText(2, "A typed page with a text layer.")]
    assert len(fake.shapes) == 1 and max(fake.shapes[0]) <= readers._ocr.OCR_MAX_SIDE
    assert read_all(tmp_path / "scan.pdf", ocr=False, ocr_engine=fake)[0] == PageText(1, "")
    assert len(fake.shapes) == 1


def test_file_changed_while_read(tmp_path):
    path = make_pdf(tmp_path / "live.pdf", [[(72, 72, f"page {n}")] for n in range(20)])
    doc = open_document(path)
    next(doc.pages)
    with open(path, "ab") as f:
        f.write(b"\n% appended by another program\n")
    with pytest.raises(UnreadableFileError) as e:
        list(doc.pages)
    assert reason(e) == "changed while it was being read; it will be read again on the next sync."

    text = tmp_path / "note.txt"
    text.write_text("one")
    before = os.stat(text)
    check_unchanged(text, before)  # unchanged: no error
    text.write_text("one two")
    with pytest.raises(UnreadableFileError, match="changed while it was being read"):
        check_unchanged(text, before)
    text.unlink()
    with pytest.raises(UnreadableFileError, match="moved or deleted"):
        check_unchanged(text, before)


# ---------------------------------------------------------------- images and OCR


def test_fifty_megapixel_image_is_downscaled_not_refused(tmp_path):
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 8660, 5774), False)
    pix.clear_with(255)
    pix.save(tmp_path / "poster.png")
    del pix
    fake = FakeOcr()
    doc = open_document(tmp_path / "poster.png", ocr_engine=fake)
    assert (doc.kind, doc.page_count, doc.title) == ("image", None, "poster")
    assert list(doc.pages) == [PageText(None, "Hello  world\nSecond line")]
    assert fake.shapes == [(1333, 2000)]
    assert read_all(tmp_path / "poster.png", ocr=False) == [PageText(None, "")]


@pytest.mark.real
def test_real_rapidocr_reads_printed_text(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=420, height=120)
    page.insert_text((20, 70), "Invoice 4711 paid", fontsize=30)
    page.get_pixmap(dpi=150).save(tmp_path / "receipt.png")
    text = read_all(tmp_path / "receipt.png")[0].text
    assert "Invoice" in text and "4711" in text, text


def test_image_that_is_not_an_image(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\x00\x01not a picture" * 10)
    with pytest.raises(UnreadableFileError) as e:
        open_document(tmp_path / "photo.jpg")
    assert "not a picture" in reason(e)


# ---------------------------------------------------------------- text, Word, HTML, e-mail


@pytest.mark.parametrize("data, expected", [
    ("Le café est très bon.".encode("latin-1"), "Le café est très bon."),
    ("café".encode("latin-1"), "café"),
    ("\ufeffcafé au lait".encode("utf-16-le"), "café au lait"),
    ("café au lait".encode("utf-16"), "café au lait"),
    ("\ufeffcafé".encode("utf-8"), "café"),
    ("café ✓".encode("utf-8"), "café ✓"),
    ("“Quoted” – café".encode("cp1252"), "“Quoted” – café"),
    (b"line one\r\nline two\r\n", "line one\nline two\n"),
])
def test_text_encodings(tmp_path, data, expected):
    (tmp_path / "menu.txt").write_bytes(data)
    doc = open_document(tmp_path / "menu.txt")
    assert (doc.kind, doc.title, doc.page_count) == ("text", "menu", None)
    assert list(doc.pages) == [PageText(None, expected)]


def test_markdown_is_text(tmp_path):
    (tmp_path / "client-notes_v2.md").write_text("# Notes\n\n- call back Tuesday\n", encoding="utf-8")
    doc = open_document(tmp_path / "client-notes_v2.md")
    assert (doc.kind, doc.title) == ("text", "client notes v2")
    assert list(doc.pages) == [PageText(None, "# Notes\n\n- call back Tuesday\n")]


def test_docx_paragraphs_and_tables(tmp_path):
    import docx

    d = docx.Document()
    d.core_properties.title = "Client Intake"
    d.add_paragraph("Name: Jane Roe")
    table = d.add_table(rows=2, cols=3)
    for r, cells in enumerate([("Item", "Qty", "Price"), ("Consultation", "1", "150")]):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    table.cell(1, 1).merge(table.cell(1, 2))  # a merged cell is read once
    d.add_paragraph("Signed below.")
    # A content control, as Word forms use; python-docx's own iteration skips these.
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d.element.body.insert(0, parse_xml(f'<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>Matter:</w:t><w:tab/><w:t>Lease</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    d.save(tmp_path / "intake.docx")
    doc = open_document(tmp_path / "intake.docx")
    assert (doc.kind, doc.title, doc.page_count) == ("docx", "Client Intake", None)
    assert list(doc.pages) == [PageText(None, "Matter:\tLease\nName: Jane Roe\nItem | Qty | Price\nConsultation | 1 150\nSigned below.")]


def test_docx_that_is_not_a_zip(tmp_path):
    (tmp_path / "letter.docx").write_text("just some words, not a Word file")
    with pytest.raises(UnreadableFileError) as e:
        open_document(tmp_path / "letter.docx")
    assert "is not a valid Word document" in reason(e)
    with zipfile.ZipFile(tmp_path / "sheet.docx", "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnreadableFileError) as e:
        open_document(tmp_path / "sheet.docx")
    assert "is not a valid Word document" in reason(e)
    (tmp_path / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(UnreadableFileError) as e:
        open_document(tmp_path / "old.docx")
    assert "older Microsoft Office file" in reason(e)


def test_html_drops_scripts_and_keeps_rows(tmp_path):
    (tmp_path / "page.html").write_text(
        "<html><head><title>Fee schedule</title><style>p{color:red}</style></head><body>"
        "<nav>Home | About</nav><script>alert(1)</script>"
        "<h1>Our fees</h1><p>Prices are\n  per hour, <b>excluding</b> VAT.</p>"
        "<table><tr><th>Service</th><th>Fee</th></tr><tr><td>Advice</td><td>120</td></tr></table>"
        "<p>Line one<br>Line two</p></body></html>",
        encoding="utf-8",
    )
    doc = open_document(tmp_path / "page.html")
    assert (doc.kind, doc.title) == ("html", "Fee schedule")
    assert list(doc.pages)[0].text == (
        "Our fees\n\nPrices are per hour, excluding VAT.\n\nService | Fee\nAdvice | 120\n\nLine one\nLine two"
    )


def test_eml_plain_and_html_only(tmp_path):
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"] = "Jane Roe <jane@example.com>"
    msg["To"] = "office@example.com"
    msg["Date"] = "Mon, 05 Feb 2024 10:00:00 +0000"
    msg["Subject"] = "Question about my lease"
    msg.set_content("Hello,\nmy landlord kept the deposit.\n")
    msg.add_alternative("<p>Hello, <b>HTML</b> version</p>", subtype="html")
    (tmp_path / "inquiry.eml").write_bytes(bytes(msg))
    doc = open_document(tmp_path / "inquiry.eml")
    assert (doc.kind, doc.title, doc.page_count) == ("email", "Question about my lease", None)
    assert list(doc.pages)[0].text == (
        "From: Jane Roe <jane@example.com>\nTo: office@example.com\nDate: Mon, 05 Feb 2024 10:00:00 +0000\n"
        "Subject: Question about my lease\n\nHello,\nmy landlord kept the deposit."
    )

    html_only = EmailMessage()
    html_only["Subject"] = "Web form"
    html_only.set_content("<html><body><p>Name: Ann</p><p>Needs: a will</p></body></html>", subtype="html")
    (tmp_path / "form.eml").write_bytes(bytes(html_only))
    assert list(open_document(tmp_path / "form.eml").pages)[0].text == "Subject: Web form\n\nName: Ann\n\nNeeds: a will"


def test_msg_read_through_extract_msg(tmp_path, monkeypatch):
    import extract_msg

    class FakeMsg:
        subject, sender, to, cc, date = "Referral", "Dr Lee <lee@example.com>", "clinic@example.com", None, "2024-02-05"
        body, htmlBody = "", b"<p>Please see Mr Smith.</p>"

        def close(self):
            self.closed = True

    (tmp_path / "referral.msg").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    monkeypatch.setattr(extract_msg, "openMsg", lambda path: FakeMsg())
    doc = open_document(tmp_path / "referral.msg")
    assert (doc.kind, doc.title) == ("email", "Referral")
    assert list(doc.pages)[0].text == (
        "From: Dr Lee <lee@example.com>\nTo: clinic@example.com\nDate: 2024-02-05\nSubject: Referral\n\nPlease see Mr Smith."
    )


def test_msg_that_is_not_an_outlook_message(tmp_path):
    (tmp_path / "mail.msg").write_text("From: nobody")
    with pytest.raises(UnreadableFileError) as e:
        open_document(tmp_path / "mail.msg")
    assert "is not a valid Outlook message" in reason(e)


# ---------------------------------------------------------------- other bad inputs


def test_permission_denied(tmp_path, monkeypatch):
    path = tmp_path / "private.txt"
    path.write_text("confidential")
    path.chmod(0)
    if os.geteuid() == 0:
        # root reads through chmod 000; simulate the refusal the OS gives everyone else.
        real_open = builtins.open

        def refusing_open(file, *args, **kwargs):
            if os.fspath(file) == str(path):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", refusing_open)
    try:
        with pytest.raises(UnreadableFileError) as e:
            open_document(path)
        assert "permission denied" in reason(e)
    finally:
        path.chmod(0o600)


def test_unsupported_missing_and_folder(tmp_path):
    (tmp_path / "budget.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(UnreadableFileError) as e:
        open_document(tmp_path / "budget.xlsx")
    assert "is not a kind of file Locum reads (.xlsx files)" in reason(e)
    with pytest.raises(UnreadableFileError) as e:
        open_document(tmp_path / "gone.pdf")
    assert "no longer exists" in reason(e)
    (tmp_path / "folder.pdf").mkdir()
    with pytest.raises(UnreadableFileError) as e:
        open_document(tmp_path / "folder.pdf")
    assert "is a folder" in reason(e)


def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == frozenset(
        ".pdf .docx .txt .md .markdown .html .htm .eml .msg .png .jpg .jpeg .tif .tiff .bmp .webp".split()
    )


# ---------------------------------------------------------------- furniture


def laid_out(number: int, head: list[str] = (), body: list[str] = (), foot: list[str] = (), *,
             size=(595.0, 842.0)) -> PageText:
    """A page as the PDF reader gives it: header lines in the top margin, body lines from
    y = 100 down, footer lines in the bottom margin, each word with its box."""
    lines = [(30.0 + 12 * i, t) for i, t in enumerate(head)]
    lines += [(100.0 + 14 * i, t) for i, t in enumerate(body)]
    lines += [(size[1] - 30.0 - 12 * (len(foot) - 1 - i), t) for i, t in enumerate(foot)]
    words = []
    for n, (y, text) in enumerate(lines):
        x = 72.0
        for w in text.split():
            words.append(Word(w, x, y - 10, x + 6 * len(w), y, n))
            x += 6 * len(w) + 4
    return PageText(number, "\n".join(t for _, t in lines), tuple(words), size)


def _report_pages(n: int):
    for i in range(1, n + 1):
        header = "ACME Corp | Annual Report 2022" if i % 2 else "Strategy and results"
        yield laid_out(i, [header], [f"Body {NAMES[i - 1]}: revenue grew.", f"More body text, {NAMES[i - 1]}."],
                       [f"Page {i} of {n}"])


def test_strip_furniture_removes_repeated_edges_only():
    pages = list(_report_pages(20))
    pages[3] = laid_out(4, ["Revenue table"], ["Body delta."], ["Page 4 of 20"])
    pages[4] = laid_out(5, ["Revenue table"], ["Body echo."], ["Page 5 of 20"])  # twice only: kept
    out = list(strip_furniture(pages))
    assert [p.page for p in out] == list(range(1, 21))
    assert out[0].text == "Body alpha: revenue grew.\nMore body text, alpha."
    assert out[1].text == "Body bravo: revenue grew.\nMore body text, bravo."
    assert out[3].text == "Revenue table\nBody delta."
    assert out[19].text == "Body tango: revenue grew.\nMore body text, tango."
    assert out[0].words == pages[0].words  # positions stay for citations and the viewer


def test_strip_furniture_keeps_short_documents_and_middle_lines():
    two = [laid_out(1, ["Header"], ["A"], ["Footer"]), laid_out(2, ["Header"], ["B"], ["Footer"])]
    assert list(strip_furniture(two)) == two
    middle = [laid_out(i, [NAMES[i]], [*NAMES[i + 1:i + 3], "See note 5.", *NAMES[i + 3:i + 5]], [NAMES[i + 5]])
              for i in range(1, 10)]
    assert list(strip_furniture(middle)) == middle


def test_strip_furniture_never_empties_a_page():
    # One line per page that differs only in its number: it repeats at the top (and bottom)
    # of every page, and it is all the page says.
    pages = [laid_out(i, [f"Page {i} of the file. Patient reference {NAMES[0]} noted in the chart."])
             for i in range(1, 8)]
    out = list(strip_furniture(pages))
    assert [p.text for p in out] == [p.text for p in pages]
    # A running header with nothing else on a page (a blank page of a report) stays too.
    report = [laid_out(i, ["ACME Corp | Annual Report"], [f"Body {NAMES[i]}."], [f"Page {i}"]) for i in range(1, 8)]
    report[3] = laid_out(4, ["ACME Corp | Annual Report"], [], ["Page 4"])
    out = list(strip_furniture(report))
    assert out[2].text == f"Body {NAMES[3]}."
    assert out[3].text == "ACME Corp | Annual Report\nPage 4"


def test_strip_furniture_only_removes_lines_in_the_top_or_bottom_band():
    # The same short line leads the body of every page, far below the top margin: body text.
    pages = [laid_out(i, [f"Confidential report {NAMES[i]}"], ["Summary of findings", f"Finding {NAMES[i]}."],
                      [f"Footnote {NAMES[i]}"]) for i in range(1, 9)]
    out = list(strip_furniture(pages))
    assert [p.text for p in out] == [p.text for p in pages]
    # Without boxes the filter cannot tell where a line sits, so it removes nothing.
    plain = [PageText(i, f"ACME Corp\nBody {NAMES[i]}.\nPage {i}") for i in range(1, 9)]
    assert list(strip_furniture(plain)) == plain


def test_strip_furniture_learns_section_headers_later_and_is_lazy():
    def pages():
        for i in itertools.count(1):
            head = "Notes to the accounts (continued)" if i > 30 else "Front matter"
            body = f"Body {NAMES[i % 20]} {NAMES[i // 20]}."
            yield laid_out(i, [head], [body], [f"F-{i}"] if i > 30 else [])

    out = strip_furniture(pages())  # endless: must not try to read it all
    got = list(itertools.islice(out, 60))
    assert got[0].text == "Body bravo alpha." and got[44].text == "Body foxtrot charlie."
