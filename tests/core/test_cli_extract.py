import json

from core.cli.main import main
from tests.core.forms_docs import make


def _run(capsys, *args):
    rc = main(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


def test_extract_json_shape_and_exit_codes(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LOCUM_FAKE_BACKENDS", "1")
    home = tmp_path / "home"
    good, truth = make("receipt", "labels", 2, tmp_path, drop=0)
    rc, out, err = _run(capsys, "--home", str(home), "extract", str(good), "--template", "receipt", "--json")
    assert rc == 0, err
    data = json.loads(out)
    assert len(data) == 1 and data[0]["file"] == str(good) and data[0]["template"] == "receipt"
    total = data[0]["fields"]["total"]
    assert {"value", "page", "source", "confidence"} <= set(total)
    assert total["value"] == truth["total"] and total["page"] == 1 and total["source"].startswith("£")
    assert data[0]["errors"] == []
    assert (home / "extract.sqlite").exists()  # kept for review

    rc, out, err = _run(capsys, "--home", str(home), "extract", str(good), str(tmp_path / "nope.pdf"),
                        "--template", "receipt", "--json")
    assert rc == 2
    data = json.loads(out)
    assert data[1]["errors"] and "nope.pdf" in data[1]["errors"][0] and data[0]["fields"]["total"]["value"]


def test_extract_plain_output_and_request_errors(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LOCUM_FAKE_BACKENDS", "1")
    home = str(tmp_path / "home")
    good, truth = make("client_intake", "labels", 2, tmp_path, drop=0)
    rc, out, _ = _run(capsys, "--home", home, "extract", str(good))
    assert rc == 0 and truth["client_name"] in out and "p.1" in out
    rc, _, err = _run(capsys, "--home", home, "extract", str(good), "--template", "nosuch")
    assert rc == 1 and "no template called 'nosuch'" in err and "Traceback" not in err
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "object", "properties": {"a": {"type": 5}}}')
    rc, _, err = _run(capsys, "--home", home, "extract", str(good), "--schema", str(bad))
    assert rc == 1 and "not valid JSON Schema" in err and err.count("\n") == 1
    rc, _, err = _run(capsys, "--home", home, "extract")
    assert rc == 1 and "Give one or more files" in err


def test_list_templates(tmp_path, capsys):
    home = tmp_path / "home"
    (home / "forms").mkdir(parents=True)
    (home / "forms" / "gym.json").write_text('{"type":"object","properties":{"member":{"type":"string"}}}')
    rc, out, _ = _run(capsys, "--home", str(home), "extract", "--list-templates", "--json")
    assert rc == 0
    names = {t["name"]: t for t in json.loads(out)}
    assert {"client_intake", "patient_intake", "referral_letter", "invoice", "receipt", "gym"} <= set(names)
    assert names["gym"]["source"] == "user" and names["invoice"]["source"] == "built-in"
    rc, out, _ = _run(capsys, "--home", str(home), "extract", "--list-templates")
    assert rc == 0 and "Patient intake (health)" in out
