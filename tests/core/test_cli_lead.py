"""`locum lead`: the contract's JSON shape, a folder as a list, stdin, exit codes, clear errors."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from core.cli.main import main

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "leads"
LEAD_KEYS = {"name", "email", "phone", "organization", "need", "description", "urgency", "location", "budget",
             "referral_source", "preferred_contact"}
FIELD_KEYS = {"value", "source", "start", "end", "confidence", "flagged", "method"}


def _run(capsys, *args, stdin=None, monkeypatch=None):
    if stdin is not None:
        import io

        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    rc = main(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture(autouse=True)
def fake(monkeypatch):
    monkeypatch.setenv("LOCUM_FAKE_BACKENDS", "1")


def test_one_file_prints_one_object_in_the_agreed_shape(tmp_path, capsys):
    rc, out, err = _run(capsys, "--home", str(tmp_path / "h"), "lead", str(DATA / "law" / "L09_eviction_conflict.eml"),
                        "--clients", str(DATA / "clients.csv"), "--json")
    assert rc == 0, err
    j = json.loads(out)
    assert set(j) == {"file", "lead", "fields", "inquiry", "score", "tier", "reasons", "conflicts", "draft_reply",
                      "flags", "errors"}
    assert set(j["lead"]) == LEAD_KEYS and set(j["fields"]) == LEAD_KEYS
    assert all(set(f) == FIELD_KEYS for f in j["fields"].values())
    assert set(j["inquiry"]) == {"kind", "from", "email", "reply_to", "date", "subject", "text", "forwarded"}
    assert all(set(r) == {"criterion", "points", "quote", "detail"} for r in j["reasons"])
    assert j["tier"] == "hot" and j["lead"]["email"] == "liam.costello@gmail.com" and j["lead"]["phone"] == "+447700900642"
    [c] = j["conflicts"]
    assert set(c) == {"name", "matched", "where", "detail", "score"} and c["where"] == "clients"
    assert c["name"] == "Gregory Hale" and "HL-2231" in c["detail"]
    assert j["draft_reply"].startswith("Subject: Re: Section 21")


def test_no_conflicts_is_an_empty_list_and_plain_output_reads(tmp_path, capsys):
    rc, out, _ = _run(capsys, "--home", str(tmp_path / "h"), "lead", str(DATA / "law" / "L02_conveyancing_harrogate.eml"),
                      "--clients", str(DATA / "clients.csv"), "--json")
    assert rc == 0 and json.loads(out)["conflicts"] == []
    rc, out, _ = _run(capsys, "--home", str(tmp_path / "h"), "lead", str(DATA / "law" / "L02_conveyancing_harrogate.eml"))
    assert rc == 0 and "WARM" in out and "Conveyancing" in out and "draft reply:" in out


def test_a_folder_is_a_list_and_a_broken_file_is_named_with_exit_2(tmp_path, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("C01_back_pain_urgent.eml", "C14_webform.csv", "C07_supplements_spam.eml"):
        shutil.copy(DATA / "clinic" / name, inbox / name)
    rc, out, err = _run(capsys, "--home", str(tmp_path / "h"), "lead", str(inbox), "--office", "clinic", "--json")
    assert rc == 0, err
    got = json.loads(out)
    assert [Path(r["file"]).name for r in got] == ["C01_back_pain_urgent.eml", "C07_supplements_spam.eml",
                                                   "C14_webform.csv#1", "C14_webform.csv#2", "C14_webform.csv#3"]
    assert [r["tier"] for r in got] == ["hot", "disqualified", "hot", "warm", "hot"]
    (inbox / "empty.eml").write_text("From: A <a@example.com>\nSubject: x\n\n\n", encoding="utf-8")
    rc, out, _ = _run(capsys, "--home", str(tmp_path / "h"), "lead", str(inbox), "--office", "clinic", "--json")
    got = json.loads(out)
    assert rc == 2 and len(got) == 6
    bad = next(r for r in got if r["file"].endswith("empty.eml"))
    assert bad["lead"] is None and "no message text" in bad["errors"][0]


def test_stdin_and_request_errors(tmp_path, capsys, monkeypatch):
    rc, out, _ = _run(capsys, "--home", str(tmp_path / "h"), "lead", "-", "--json",
                      stdin="I need a will. I live in Leeds. ann@example.com", monkeypatch=monkeypatch)
    j = json.loads(out)
    assert rc == 0 and j["file"] == "-" and j["inquiry"]["kind"] == "text" and j["lead"]["need"] == "Wills and probate"
    for args, words in [
        (["lead", str(tmp_path / "nope.eml")], "does not exist"),
        (["lead", "-"], "no message text"),
        (["lead", str(DATA / "law" / "L02_conveyancing_harrogate.eml"), "--rubric", str(tmp_path / "r.json")], "cannot be read"),
    ]:
        monkeypatch.setattr("sys.stdin", __import__("io").StringIO(""))
        rc, out, err = _run(capsys, "--home", str(tmp_path / "h"), *args)
        assert rc == 1 and words in err and "Traceback" not in err and err.count("\n") == 1
    clients = tmp_path / "c.csv"
    clients.write_text("client,matter\nA B,x\n", encoding="utf-8")
    rc, _, err = _run(capsys, "--home", str(tmp_path / "h"), "lead", str(DATA / "law" / "L02_conveyancing_harrogate.eml"),
                      "--clients", str(clients))
    assert rc == 1 and 'no "name" column' in err
    form = tmp_path / "form.csv"
    form.write_text("name,email\nA B,a@example.com\n", encoding="utf-8")
    rc, _, err = _run(capsys, "--home", str(tmp_path / "h"), "lead", str(form))
    assert rc == 1 and "no message column" in err


def test_a_model_that_cannot_load_leaves_the_rules_working(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("LOCUM_FAKE_BACKENDS")
    vague = tmp_path / "vague.txt"
    vague.write_text("Hello, I have a legal problem and would like to talk. sam@example.com", encoding="utf-8")
    rc, out, err = _run(capsys, "--home", str(tmp_path / "h"), "lead", str(vague), "--model", "nosuch", "--json")
    j = json.loads(out)
    assert rc == 0 and "nosuch" in err and "rules and keywords only" in err
    assert j["tier"] == "cold" and j["lead"]["email"] == "sam@example.com" and j["lead"]["need"] is None
    assert any(e.startswith("No model was used") for e in j["errors"])
