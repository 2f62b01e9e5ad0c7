"""The `locum` command contract for the library, on the fake embedder, bad inputs included."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pymupdf
import pytest

from core.cli.main import main
from tests.core.library_helpers import make_pdf

ROOT = Path(__file__).resolve().parents[2]


def run_cli(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setenv("LOCUM_FAKE_BACKENDS", "1")


def bad_inputs(d: Path) -> dict[str, str]:
    """Every bad input the library must survive; value: a word the failure reason contains."""
    d.mkdir()
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "secret")
    doc.save(str(d / "locked.pdf"), encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    make_pdf(d / "good.pdf", ["A perfectly good page about the retainer."])
    data = (d / "good.pdf").read_bytes()
    (d / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (d / "empty.txt").write_bytes(b"")
    (d / "notazip.docx").write_bytes(b"this is not a word document")
    os.symlink(d / "loop.pdf", d / "loop.pdf")
    return {"locked.pdf": "password", "truncated.pdf": "", "empty.txt": "empty", "notazip.docx": "",
            "loop.pdf": "loop"}


def test_bad_inputs_are_named_and_the_rest_completes(tmp_path, capsys, fake):
    d = tmp_path / "docs"
    expected = bad_inputs(d)
    (d / "latin1.txt").write_bytes("Le café est fermé le dimanche.".encode("latin-1"))
    (d / "utf16.txt").write_bytes("Das Büro öffnet um neun.".encode("utf-16"))
    (d / "really_html.pdf").write_bytes(b"<html><head><title>Fee schedule</title></head><body><p>Hourly rate 250</p></body></html>")
    home = tmp_path / "home"
    code, out, err = run_cli(capsys, "--home", str(home), "index", str(d), "--json")
    assert code == 2, err
    rep = json.loads(out)
    failed = {Path(f["path"]).name: f["error"] for f in rep["failed"]}
    for name, word in expected.items():
        assert name in failed, f"{name} not reported: {failed}"
        assert word.lower() in failed[name].lower()
        assert "Traceback" not in failed[name]
    assert rep["added"] >= 3  # good.pdf, latin1, utf16 (and the mislabelled html, read for what it is)
    code, out, _ = run_cli(capsys, "--home", str(home), "search", "café fermé dimanche", "--json", "-k", "3")
    hits = json.loads(out)
    assert any(h["path"].endswith("latin1.txt") and "café" in h["text"] for h in hits)
    code, out, _ = run_cli(capsys, "--home", str(home), "status", "--json")
    st = json.loads(out)
    assert st["failed"] >= 3 and st["files"] >= 3 and st["folders"] == [str(d)]


def test_exit_1_is_one_clear_line(tmp_path, capsys, fake):
    code, out, err = run_cli(capsys, "--home", str(tmp_path / "h"), "index", str(tmp_path / "missing"))
    assert code == 1
    assert "does not exist" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_search_json_contract_and_batch(tmp_path, capsys, fake):
    d = tmp_path / "docs"
    d.mkdir()
    make_pdf(d / "a.pdf", ["first page about apples", "second page about invoices and payment terms"])
    home = str(tmp_path / "home")
    assert run_cli(capsys, "--home", home, "index", str(d), "--json")[0] == 0
    code, out, _ = run_cli(capsys, "--home", home, "search", "invoices payment", "-k", "2", "--json")
    hits = json.loads(out)
    # the contract's fields, and the document's title (extended, nothing taken away)
    assert set(hits[0]) == {"path", "page", "score", "text", "title"}
    assert hits[0]["page"] == 2 and hits[0]["title"] == "a"
    q = tmp_path / "q.jsonl"
    q.write_text(json.dumps({"id": "q1", "text": "apples"}) + "\n" + json.dumps({"id": "q2", "text": "invoices"}) + "\n")
    code, out, _ = run_cli(capsys, "--home", home, "search", "--batch", str(q), "-k", "1", "--json")
    lines = [json.loads(l) for l in out.splitlines()]
    assert [l["id"] for l in lines] == ["q1", "q2"]
    assert lines[0]["hits"][0]["page"] == 1 and lines[1]["hits"][0]["page"] == 2


def _registered(home: Path, folder: Path) -> bool:
    import sqlite3

    db_path = home / "library" / "files.sqlite"
    if not db_path.exists():
        return False
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1) as db:
            return bool(db.execute("SELECT 1 FROM folders WHERE path=?", (str(folder),)).fetchone())
    except sqlite3.Error:
        return False


def _rows(home: Path) -> list[tuple]:
    import lancedb

    db = lancedb.connect(str(home / "library" / "lance"))
    t = db.open_table("chunks").to_arrow()
    return sorted(zip(t["path"].to_pylist(), t["idx"].to_pylist(), t["text"].to_pylist()))


def test_kill_9_then_sync_equals_a_clean_run(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    for i in range(100):
        make_pdf(d / f"doc{i:02}.pdf", [f"Document {i} page {p}. " + " ".join(f"w{i}_{p}_{j}" for j in range(120))
                                        for p in range(1, 4)])
    env = dict(os.environ, LOCUM_FAKE_BACKENDS="1", LOCUM_FAKE_EMBED_DELAY="0.4")
    cmd = [sys.executable, "-m", "core.cli.main"]
    clean = tmp_path / "clean"
    t0 = time.monotonic()
    subprocess.run(cmd + ["--home", str(clean), "index", str(d), "--json"], check=True, env=env, cwd=ROOT,
                   capture_output=True)
    run_time = time.monotonic() - t0
    expected = _rows(clean)
    assert len({r[0] for r in expected}) == 100
    for frac in (0.0, 0.3, 0.55, 0.8):
        home = tmp_path / f"killed{frac}"
        p = subprocess.Popen(cmd + ["--home", str(home), "index", str(d)], env=env, cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # kill at points spread over the run, counted from when the library was opened
        started = time.monotonic()
        # the run's work starts once the folder is registered; kill points count from there
        while not _registered(home, d) and time.monotonic() < started + 60:
            time.sleep(0.01)
        opened = time.monotonic() - started
        time.sleep(0.02 + frac * max(0.0, run_time - opened))
        assert p.poll() is None, "the run finished before it could be killed; use more documents"
        p.send_signal(signal.SIGKILL)
        p.wait()
        r = subprocess.run(cmd + ["--home", str(home), "sync", "--json"], env=env, cwd=ROOT, capture_output=True,
                           text=True)
        assert r.returncode == 0, r.stderr
        assert _rows(home) == expected, f"killed at {frac:.0%} of the run"
        st = json.loads(subprocess.run(cmd + ["--home", str(home), "status", "--json"], env=env, cwd=ROOT,
                                       capture_output=True, text=True).stdout)
        assert st["files"] == 100 and st["chunks"] == len(expected)
