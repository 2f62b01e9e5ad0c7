import csv
import io
import json

from core.forms.export import csv_text, json_text, to_csv
from core.fields.records import ExtractionResult, FieldValue
from core.forms.store import ResultsStore
from core.settings import Settings
from core.types import Box


def _result(path, name="Zebedee Quartermaine", total=120.5):
    return ExtractionResult(str(path), "receipt", {
        "merchant": FieldValue("merchant", name, 1, name, 0.97, "label", (Box(1, 10, 20, 30, 40),)),
        "total": FieldValue("total", total, 1, f"£{total}", 0.6, "model"),
        "date": FieldValue("date"),
    }, [], [1], 1)


def test_results_persist_with_edits_beside_originals(tmp_path):
    store = ResultsStore(Settings.load(tmp_path).extract_path)
    rid = store.save(_result(tmp_path / "r.pdf"))
    store.set_value(rid, "total", 125.0)
    store.mark_reviewed(rid, "merchant")
    again = ResultsStore(tmp_path / "extract.sqlite").get(rid)  # a new process would see the same
    assert again.result.fields["total"].value == 120.5  # the original is kept
    assert again.effective("total") == 125.0
    assert again.reviews["merchant"].reviewed and not again.reviews["merchant"].edited
    assert again.result.fields["merchant"].boxes == (Box(1, 10, 20, 30, 40),)
    d = again.as_json()
    assert d["fields"]["total"] == {**d["fields"]["total"], "value": 125.0, "original": 120.5, "edited": True}
    store.revert(rid, "total")
    assert store.get(rid).effective("total") == 120.5
    assert store.latest(str(tmp_path / "r.pdf")).id == rid


def test_export_csv_one_row_per_document_and_json(tmp_path):
    store = ResultsStore(tmp_path / "x.sqlite")
    a = store.save(_result(tmp_path / "a.pdf"))
    store.save(_result(tmp_path / "b.pdf", name="Corner Shop", total=3.0))
    store.set_value(a, "total", 99.99)
    rows = list(csv.DictReader(io.StringIO(csv_text(store.list()))))
    assert len(rows) == 2
    by = {r["file"].rsplit("/", 1)[-1]: r for r in rows}
    assert by["a.pdf"]["total"] == "99.99" and by["a.pdf"]["needs_review"] == ""  # edited = reviewed
    assert by["b.pdf"]["total"] == "3.00" and by["b.pdf"]["needs_review"] == "total"
    assert by["b.pdf"]["date"] == ""
    assert [d["fields"]["merchant"]["value"] for d in json.loads(json_text(store.list()))] == ["Corner Shop",
                                                                                              "Zebedee Quartermaine"]
    to_csv(store.list(), tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text().startswith("file,template,merchant")


def test_erase_path_leaves_no_copy_of_the_values_on_disk(tmp_path):
    import sqlite3

    db = tmp_path / "extract.sqlite"
    store = ResultsStore(db)
    assert not db.exists()  # made on first use, so a removal never creates it for nothing
    keep = store.save(_result(tmp_path / "keep" / "k.pdf", name="Keepsake Traders"))
    # another connection stays open (the window reading results): the log is not folded in on close
    other = sqlite3.connect(db)
    other.execute("SELECT count(*) FROM results").fetchall()
    for i in range(3):
        store.save(_result(tmp_path / "gone" / f"g{i}.pdf", name="Zebedee Quartermaine"))
    rid = store.save(_result(tmp_path / "gone" / "g0.pdf", name="Zebedee Quartermaine"))
    store.set_value(rid, "merchant", "Zebedee Quartermaine Edited")
    assert store.erase_path(str(tmp_path / "gone")) == 4
    assert [r.id for r in store.list()] == [keep]
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("extract.sqlite*"))
    assert b"Zebedee" not in raw
    assert b"Keepsake Traders" in raw
    other.close()


def test_locum_remove_erases_the_documents_extraction_results(tmp_path):
    """Removing a folder erases its documents' results (and the reviewer's edits) everywhere,
    through the services' record stores; other documents' results stay."""
    from core.cli.main import main
    from core.services import Services

    home = tmp_path / "home"
    folder = tmp_path / "intake"
    folder.mkdir()
    services = Services(Settings(home=home))
    store = services.extraction_results
    gone = store.save(ExtractionResult(str(folder / "a.pdf"), "patient_intake",
                                       {"name": FieldValue("name", "Wilhelmina Quarrington", 1,
                                                           "Wilhelmina Quarrington", 0.9, "label")}))
    store.set_value(gone, "name", "Wilhelmina Q. Quarrington")
    kept = store.save(ExtractionResult(str(tmp_path / "b.pdf"), "receipt",
                                       {"total": FieldValue("total", 12.5, 1, "12.50", 0.9, "typed")}))
    services.close()
    assert main(["--home", str(home), "remove", str(folder)]) == 0
    assert [r.id for r in ResultsStore(Settings(home=home).extract_path).list()] == [kept]
    for p in home.rglob("*"):
        if p.is_file():
            assert b"Quarrington" not in p.read_bytes(), p
