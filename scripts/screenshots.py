"""Render every view of the Locum window into docs/screenshots/*.png.

Uses the real bundled models and the sample documents in a temporary home, exactly as a
new user would see them: the welcome panel, indexing, the library, a search, an answered
question, the cited page in the viewer, a question the documents only nearly answer, and
the three Settings tabs (plus Ask in dark).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--fake] [--only extract]

Extract (12-extract-*.png): the empty view, the queue while a scan is read, a letter's
fields with the source words highlighted, and an invoice with a flagged total and an edit.

Cloud (13-settings-cloud*.png, 14-cloud-preview.png): Settings > Cloud as a new user finds it
(off), the same page switched on, and the preview shown before a request leaves under "ask
each time", its text redacted by the shipped redactor. Nothing is sent: no key is entered.

Leads (13-leads-*.png, at the window's default 1180x780): the empty view, the law firm's
evaluation inquiries being read with its client list, a lead note with a field's words marked
in the inquiry, the fit and a seeded conflict, the drafted reply, and the notice offering to
score the kept leads again after the client list changed.

Runs on Qt's offscreen platform; no display needed. Text renders in Inter when the system
has it (Debian: fonts-inter), otherwise in the default sans-serif.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QUESTION = "What is the monthly retainer fee?"
NEAR_MISS = "How much does parking cost at the courthouse?"  # the documents talk of parking, not this
SEARCH = "patient intake identification"


def make_reports(folder: Path, count: int = 40, pages: int = 8) -> Path:
    """Distinct multi-page PDFs, long enough that indexing them takes a while."""
    import pymupdf

    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        doc = pymupdf.open()
        for n in range(pages):
            page = doc.new_page()
            lines = [f"Matter {i:03d}, note {n + 1}: clause {n}.{j} sets out the duties of party {i * 7 + j}."
                     for j in range(40)]
            page.insert_text((56, 64), "\n".join(lines), fontsize=9)
        doc.save(folder / f"matter-{i:03d}.pdf")
        doc.close()
    return folder


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    p.add_argument("--fake", action="store_true", help="fake backends (fast, for checking layout only)")
    p.add_argument("--size", default="1280x800")
    p.add_argument("--only", choices=["extract", "cloud", "leads"], help="render only these views' screenshots")
    args = p.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="locum-shots-"))
    os.environ["LOCUM_HOME"] = str(home)
    if args.fake:
        os.environ["LOCUM_FAKE_BACKENDS"] = "1"

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    if "Inter" in QFontDatabase.families():
        f = QFont("Inter")
        f.setPointSizeF(10)
        app.setFont(f)
    from core.appdata import samples_dir
    from desktop import theme
    from desktop.app import build


    theme.install(app, "light")
    window, c = build(app)
    width, height = (int(x) for x in args.size.split("x"))
    window.resize(width, height)
    window.show()

    def pump(ms: int = 300) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait(cond, timeout: float = 300.0) -> None:
        end = time.monotonic() + timeout
        while not cond():
            if time.monotonic() > end:
                raise TimeoutError("timed out waiting for the window")
            pump(50)

    def shot(name: str, widget=None, settle: bool = True) -> None:
        if settle:
            pump(250)
        path = out / f"{name}.png"
        (widget or window).grab().save(str(path))
        print("wrote", path)

    c.warm_up()
    wait(lambda: c.engine in ("idle", "ready") and c.models)
    if args.only:
        shots = {"extract": extract_shots, "cloud": cloud_shots, "leads": leads_shots}[args.only]
        shots(window, c, shot, wait, pump, home / "inbox")
        c.shutdown(60)
        window.close()
        return 0
    shot("01-welcome")

    t0 = time.monotonic()
    window.library.add_samples()
    wait(lambda: not c.indexing and c.status.files > 0 and not c._refreshing)
    print(f"indexed the samples in {time.monotonic() - t0:.1f} s")
    window.library.banner.hide()
    table = window.library.table
    table.selectRow(0)
    table.clearSelection()
    shot("03-library")

    window.library.focus_search()
    window.library.search.setText(SEARCH)
    window.library.run_search()
    wait(lambda: window.library.results.rowCount() > 0)
    shot("04-search")

    window.show_view("ask")
    window.ask.composer.setPlainText(QUESTION)
    t0 = time.monotonic()
    window.ask.send()
    wait(lambda: not window.ask.busy, timeout=600)
    print(f"answered in {time.monotonic() - t0:.1f} s")
    pump(500)
    shot("05-ask")

    card = window.ask.last_card()
    chips = card.chip_buttons() if card else []
    if chips:
        chips[0].click()
        viewer = window.viewer
        wait(lambda: viewer.found or viewer._waited > 5000, timeout=30)
        viewer.resize(960, 1000)
        pump(600)
        shot("06-source-viewer", viewer)
        viewer.close()
    else:
        print("no citation to open: skipped 06-source-viewer", file=sys.stderr)

    window.ask.composer.setPlainText(NEAR_MISS)
    window.ask.send()
    wait(lambda: not window.ask.busy, timeout=600)
    pump(500)
    shot("11-ask-not-sure")

    window.navigate("settings:models")
    shot("07-settings-models")
    window.navigate("settings:library")
    shot("08-settings-library")
    window.navigate("settings:data")
    pump(800)
    shot("09-settings-data")

    extract_shots(window, c, shot, wait, pump, home / "inbox")
    cloud_shots(window, c, shot, wait, pump, home / "inbox")
    leads_shots(window, c, shot, wait, pump, home / "inquiries")

    theme.current()._force = "dark"
    theme.current().apply()
    window.show_view("ask")
    pump(400)
    shot("10-ask-dark")

    # Indexing, caught part-way through a real run: the samples take about a second, so a
    # folder of longer generated reports is indexed here, shot mid-run, then cancelled.
    theme.current()._force = "light"
    theme.current().apply()
    big = make_reports(home.parent / (home.name + "-reports"))
    window.show_view("library")
    window.library.search.clear()
    progress = []
    c.indexProgress.connect(progress.append)
    window.library.add_paths([str(big)])
    wait(lambda: any(p.stage == "indexing" and p.files_done >= 3 for p in progress), timeout=600)
    shot("02-indexing")
    c.cancel_index()
    wait(lambda: not c.indexing, timeout=120)

    c.shutdown(60)
    window.close()
    print("home used:", home)
    return 0


def cloud_shots(window, c, shot, wait, pump, _inbox: Path) -> None:
    """Settings > Cloud off (the default) and on, and the preview before sending."""
    from core.privacy import CloudPolicy, Prepared
    from core.privacy.redaction import PlaceholderBook, Redactor
    from desktop.views.cloud import PreviewDialog
    from models.base import Message

    window.navigate("settings:cloud")
    page = window.settings_view.cloud
    page.load()
    pump(600)
    shot("13-settings-cloud")
    page.enabled.setChecked(True)
    page.modes["extract"].setCurrentIndex(page.modes["extract"].findData("harder_tasks"))
    pump(300)
    shot("13-settings-cloud-on")
    text = ("Client: Maria Gonzalez, DOB 03/14/1962, of 14 Elm Street, Springfield, IL 62704, phone (415) "
            "555-0132.\nThe monthly retainer fee is 2,500 dollars, payable on the first business day of each "
            "month.\n\nQuestion: What is the monthly retainer fee for Ms Gonzalez?")
    book = PlaceholderBook()
    red = Redactor(use_ner=not c.settings.fake_backends)
    msgs = [Message("system", "You answer questions about the user's documents using only the numbered sources."),
            Message("user", red.redact(text, book).text)]
    dlg = PreviewDialog(Prepared("ask", CloudPolicy().model, msgs, None, True, dict(book.mapping)), window)
    dlg.show()
    pump(400)
    shot("14-cloud-preview", dlg)
    dlg.reject()
    CloudPolicy().save(c.settings.home)  # off again for the shots that follow
    c.cloud_changed()
    page.load()


def _invoice_with_a_wrong_total(path: Path) -> Path:
    """A digital invoice whose subtotal and VAT do not add up to its total: the total is flagged."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 80), "INVOICE", fontsize=18)
    rows = [("Invoice number:", "INV-2041"), ("Invoice date:", "03/11/2026"), ("Due date:", "03/12/2026"),
            ("Supplier:", "Harbour Office Supplies Ltd"), ("Customer:", "Riverside Medical Practise"),
            ("Subtotal:", "£100.00"), ("VAT:", "£20.00"), ("Total:", "£130.00")]
    for i, (lab, value) in enumerate(rows):
        page.insert_text((72, 130 + 22 * i), lab, fontsize=11)
        page.insert_text((200, 130 + 22 * i), value, fontsize=11)
    doc.save(path)
    doc.close()
    return path


def extract_shots(window, c, shot, wait, pump, folder: Path) -> None:
    from desktop.extract_models import FieldsTableModel
    from tests.core.forms_docs import make

    view = window.extract
    window.show_view("extract")
    wait(lambda: view.template_box.count() > 0)
    shot("12-extract-empty")

    form, _ = make("client_intake", "form", 3, folder)
    letter, _ = make("client_intake", "prose", 4, folder)
    scan, _ = make("client_intake", "scan", 5, folder)
    scan2, _ = make("client_intake", "scan", 6, folder)
    later, _ = make("client_intake", "labels", 7, folder)
    window.handle_drop([str(form), str(letter), str(scan), str(scan2), str(later)])
    # The scans go through OCR, long enough to see the queue at work on a real run; taken
    # at once (no settling) so the state is the one waited for.
    wait(lambda: view.queue.rowCount() == 5 and view.queue.item(3).state == "running"
         and view.queue.item(3).detail != "Starting…", timeout=120)
    shot("12-extract-queue", settle=False)
    wait(lambda: not view.busy and all(i.state not in ("waiting", "running") for i in view.queue.items()),
         timeout=600)

    view.select(1)
    f = view.fields
    view.table.setFocus()
    view.table.setCurrentIndex(f.index(f.row_of("address"), FieldsTableModel.VALUE))
    shot("12-extract-fields")

    invoice = _invoice_with_a_wrong_total(folder / "invoice-INV-2041.pdf")
    view.set_template("invoice")
    view.add_paths([str(invoice)])
    wait(lambda: view.queue.rowCount() == 6 and view.queue.item(5).state == "done", timeout=300)
    view.select(5)
    f.setData(f.index(f.row_of("customer_name"), FieldsTableModel.VALUE), "Riverside Medical Practice")
    view.table.setCurrentIndex(f.index(f.row_of("total"), FieldsTableModel.VALUE))
    shot("12-extract-review")


def leads_shots(window, c, shot, wait, pump, folder: Path) -> None:
    """The law firm's evaluation inquiries, read with the real model and its client list."""
    import shutil

    from desktop.leads_models import LeadsTableModel

    data = ROOT / "benchmarks" / "data" / "leads"
    shutil.copytree(data / "law", folder)
    size = window.size()
    window.resize(1180, 780)  # the window's size on a first start
    view = window.leads
    window.show_view("leads")
    wait(lambda: view._loaded_once)
    shot("13-leads-empty")
    view.set_clients(str(data / "clients.csv"))
    wait(lambda: view.clients_btn.text().startswith("Clients:"))
    progress = []
    c_run = view._on_progress
    view._on_progress = lambda ev: (c_run(ev), progress.append(ev))
    finished = []
    view.runFinished.connect(finished.append)
    view.add_paths([str(folder)])
    wait(lambda: sum(1 for e in progress if e.stage == "kept") >= 4, timeout=600)
    shot("13-leads-queue", settle=False)
    wait(lambda: finished, timeout=900)
    pump(800)
    view.banner.hide()
    liam = next(lead for lead in view.model.leads() if lead.file.endswith("L09_eviction_conflict.eml"))
    view.select_id(liam.id)
    phone = next(r for r in range(view.fields.rowCount()) if view.fields.field(r)[0] == "phone")
    view.d_fields.setCurrentIndex(view.fields.index(phone, 1))
    shot("13-leads-note")
    view.tabs.setCurrentIndex(1)
    shot("13-leads-conflicts")
    view.tabs.setCurrentIndex(2)
    shot("13-leads-reply")
    view.tabs.setCurrentIndex(0)
    view.set_clients(str(data / "clients.csv"))  # a list imported again: the notice offers to score again
    wait(lambda: view.banner.action.isVisible())
    shot("13-leads-rescore")
    view.banner.hide()
    view.table.sortByColumn(LeadsTableModel.FIT, view.table.horizontalHeader().sortIndicatorOrder())
    window.resize(size)


if __name__ == "__main__":
    sys.exit(main())
