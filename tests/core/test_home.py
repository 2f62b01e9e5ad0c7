"""What Locum writes under its home: erasing only its own names, validated settings, atomic writes."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from core.appdata import erase_everything, plan_erase
from core.cli.main import main
from core.fsutil import atomic_write_csv, atomic_write_json
from core.services import Services, run_to_end
from core.settings import HOME_ENTRIES, Settings, locum_entries


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setenv("LOCUM_FAKE_BACKENDS", "1")


def run_cli(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def user_files(home: Path) -> dict[Path, bytes]:
    """A home that already holds the user's own files (they pointed --home at their folder)."""
    files = {
        home / "notes.txt": b"call the client back",
        home / "Clients" / "intake.docx": b"PK\x03\x04 not really",
        home / "library.txt": b"a name that starts like one of Locum's",
        home / "records.sqlite.backup": b"the user's own copy, not a companion Locum writes",
        home / "models.tmp": b"a temp-looking name next to a Locum folder",
    }
    for p, data in files.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return files


def locum_home(tmp_path: Path, home: Path) -> None:
    """Fill ``home`` with what Locum itself writes: an index, records, settings, models."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The retainer is due on the first business day.", encoding="utf-8")
    s = Settings.load(home)
    s.fake_backends = True
    s.save()
    svc = Services(s)
    run_to_end(svc.library.index([str(docs)]))
    svc.conversations.create("a question")
    s.models_dir.mkdir(parents=True, exist_ok=True)
    (s.models_dir / "models.json").write_text("{}")
    s.desktop_state_path.write_text("[window]\n")
    (home / "settings.json.x1y2.tmp").write_text("left by a killed write")
    svc.close()


def test_every_path_comes_from_the_one_list(tmp_path):
    s = Settings(home=tmp_path)
    paths = [getattr(s, name) for name, attr in vars(Settings).items() if isinstance(attr, property)]
    paths = [p for p in paths if isinstance(p, Path)]
    assert len(paths) >= 10
    tops = {p.relative_to(tmp_path).parts[0] for p in paths}
    assert tops == set(HOME_ENTRIES.values())


def test_erase_keeps_the_users_files_and_says_so(tmp_path, fake):
    home = tmp_path / "home"
    mine = user_files(home)
    locum_home(tmp_path, home)
    ours = {p.name for p in locum_entries(home)}
    assert {"library", "records.sqlite", "settings.json", "models", "desktop.ini", "settings.json.x1y2.tmp"} <= ours
    assert not ours & {p.relative_to(home).parts[0] for p in mine}

    report = erase_everything(Services(Settings.load(home)))
    assert not report.problems
    for p, data in mine.items():
        assert p.read_bytes() == data, f"{p} was touched"
    left = {p.relative_to(home).parts[0] for p in mine}
    assert {Path(p).name for p in report.left} == left
    assert {p.name for p in home.iterdir()} == left  # all of Locum's went, nothing else
    assert "notes.txt" in report.summary() and "did not create" in report.summary()


def test_erase_follows_no_symlink(tmp_path, fake):
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "big.gguf").write_bytes(b"GGUF")
    home.mkdir()
    (home / "models").symlink_to(elsewhere, target_is_directory=True)
    report = erase_everything(Services(Settings.load(home)))
    assert not (home / "models").exists() and (elsewhere / "big.gguf").read_bytes() == b"GGUF"
    assert report.deleted == [str(home / "models")]


def test_cli_erase_lists_without_yes_and_deletes_with_it(tmp_path, capsys, fake):
    home = tmp_path / "home"
    mine = user_files(home)
    locum_home(tmp_path, home)
    before = sorted(p for p in home.rglob("*"))

    code, out, err = run_cli(capsys, "--home", str(home), "erase")
    assert code == 1
    assert f"would delete: {home / 'library'}" in out and f"would delete: {home / 'records.sqlite'}" in out
    assert f"would leave (not Locum's): {home / 'notes.txt'}" in out
    assert "--yes" in err and len(err.strip().splitlines()) == 1
    assert sorted(p for p in home.rglob("*")) == before  # nothing deleted

    code, out, err = run_cli(capsys, "--home", str(home), "erase", "--yes", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert str(home / "library") in data["deleted"] and data["failed"] == []
    assert sorted(Path(p).name for p in data["left"]) == sorted({p.relative_to(home).parts[0] for p in mine})
    for p, content in mine.items():
        assert p.read_bytes() == content
    assert not (home / "library").exists() and not (home / "records.sqlite").exists()

    code, out, err = run_cli(capsys, "--home", str(home), "erase")
    assert code == 1 and "nothing of Locum's" in err and "would delete" not in out


def test_plan_of_a_missing_home_is_empty(tmp_path):
    assert plan_erase(tmp_path / "nope").deleted == []


# ---- settings ------------------------------------------------------------------------

@pytest.mark.parametrize("content, wrong", [
    (b'["exclude", "*.tmp"]', "not an object"),
    (b'{"exclude": "*.tmp", "ocr": false}', '"exclude" must be a list'),
    (b'{"exclude": ["*.tmp"], "ocr": "no"', "not valid JSON"),
    (b'\xff\xfe\x00garbage', "not valid JSON"),
    (b'{"context_size": "4096", "ocr": false}', '"context_size" must be'),
    (b'{"gpu_layers": true, "ocr": false}', '"gpu_layers" must be'),
    (b'{"exclude": ["*.tmp", 3], "ocr": false}', '"exclude" must be a list'),
])
def test_bad_settings_file_is_kept_aside_and_defaults_used(tmp_path, content, wrong, monkeypatch):
    monkeypatch.delenv("LOCUM_FAKE_BACKENDS", raising=False)
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_bytes(content)
    s = Settings.load(home)
    assert wrong in s.load_warning and "settings.json.bad" in s.load_warning
    assert (home / "settings.json.bad").read_bytes() == content
    defaults = Settings(home=home)
    assert s.exclude == defaults.exclude and s.context_size == defaults.context_size
    assert s.gpu_layers == defaults.gpu_layers
    if b'"ocr": false}' in content:  # the good values in a file with one bad value are kept
        assert s.ocr is False
    # The file now holds what is in use, and loads without complaint.
    again = Settings.load(home)
    assert again.load_problems == [] and again.exclude == s.exclude and again.ocr == s.ocr


def test_fake_backends_cannot_be_switched_on_from_the_file(tmp_path, monkeypatch):
    monkeypatch.delenv("LOCUM_FAKE_BACKENDS", raising=False)
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text('{"fake_backends": true, "home": "/elsewhere"}')
    s = Settings.load(home)
    assert s.fake_backends is False and s.home == home.resolve()
    assert '"fake_backends" cannot be set' in s.load_warning
    monkeypatch.setenv("LOCUM_FAKE_BACKENDS", "1")
    assert Settings.load(home).fake_backends is True
    s.save()
    assert "fake_backends" not in json.loads((home / "settings.json").read_text())


def test_good_settings_load_silently_and_round_trip(tmp_path):
    s = Settings.load(tmp_path)
    s.exclude = ["*.bak"]
    s.context_size = 2048
    s.save()
    again = Settings.load(tmp_path)
    assert again.load_problems == [] and again.exclude == ["*.bak"] and again.context_size == 2048
    assert not (tmp_path / "settings.json.bad").exists()


def test_cli_starts_with_a_bad_settings_file_and_says_so_in_one_line(tmp_path, capsys, fake):
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text('{"exclude": "*.tmp"}')
    code, out, err = run_cli(capsys, "--home", str(home), "status", "--json")
    assert code == 0
    assert json.loads(out)["files"] == 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and '"exclude" must be a list' in lines[0] and "settings.json.bad" in lines[0]


# ---- atomic writes -------------------------------------------------------------------

def test_atomic_write_leaves_the_old_file_when_the_write_fails(tmp_path, monkeypatch):
    p = tmp_path / "data.json"
    atomic_write_json(p, {"a": 1})

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)  # the new bytes are written, not yet renamed
    with pytest.raises(OSError):
        atomic_write_json(p, {"a": 2})
    assert json.loads(p.read_text()) == {"a": 1}
    assert [x.name for x in tmp_path.iterdir()] == ["data.json"]  # no temp file left behind


def test_atomic_write_csv_opens_in_spreadsheets(tmp_path):
    p = tmp_path / "out.csv"
    atomic_write_csv(p, [["Müller, A.", "1"]], header=["name", "n"])
    assert p.read_bytes() == '\ufeffname,n\r\n"Müller, A.",1\r\n'.encode("utf-8")


def test_atomic_write_fsyncs_file_and_folder(tmp_path, monkeypatch):
    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    atomic_write_json(tmp_path / "x.json", [1])
    assert len(synced) == 2  # the data, then the folder holding the rename


# ---- the API key in the OS keyring ---------------------------------------------------------

@pytest.fixture
def memory_keyring():
    import keyring

    from tests.keyrings import MemoryKeyring

    kr = MemoryKeyring()
    keyring.set_keyring(kr)  # the autouse isolation puts the null keyring back afterwards
    return kr


def test_erase_deletes_the_stored_api_key_from_the_keyring_and_says_so(tmp_path, fake, memory_keyring):
    from core.privacy.policy import KeyStore

    home = tmp_path / "home"
    locum_home(tmp_path, home)
    services = Services(Settings.load(home))
    assert services.chat_models.keys.set("sk-ant-api03-ERASE-me-0123456789") == "keyring"
    assert memory_keyring.store
    report = erase_everything(services)
    assert not memory_keyring.store
    assert report.key == "deleted" and "deleted from this computer's keyring" in report.key_note
    assert KeyStore(home).get() is None
    # nothing stored: nothing to say
    assert erase_everything(Services(Settings.load(home))).key == "none"


def test_cli_erase_lists_the_key_and_deletes_it(tmp_path, capsys, fake, memory_keyring):
    from core.privacy.policy import KeyStore

    home = tmp_path / "home"
    locum_home(tmp_path, home)
    KeyStore(home).set("sk-ant-api03-CLI-erase-0123456789")
    code, out, err = run_cli(capsys, "--home", str(home), "erase")
    assert code == 1 and "would delete: the Anthropic API key in this computer's keyring" in out
    assert memory_keyring.store  # listing deletes nothing
    code, out, err = run_cli(capsys, "--home", str(home), "erase", "--yes")
    assert code == 0, err
    assert "deleted: the Anthropic API key in this computer's keyring" in out and not memory_keyring.store


def test_erase_says_when_the_keyring_refuses_to_delete_the_key(tmp_path, fake, memory_keyring, monkeypatch):
    from core.privacy.policy import KeyStore

    home = tmp_path / "home"
    locum_home(tmp_path, home)
    KeyStore(home).set("sk-ant-api03-STUCK-0123456789")

    def refuse(*_a):
        raise RuntimeError("locked")

    monkeypatch.setattr(memory_keyring, "delete_password", refuse)
    report = erase_everything(Services(Settings.load(home)))
    assert report.key == "failed" and "keyring" in report.summary() and report.problems
