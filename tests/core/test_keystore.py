"""One keyring entry per home: two homes on one computer (a test home, a second profile) keep
their own Anthropic key, and erasing one leaves the other's. The OS keyring is a MemoryKeyring."""
from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest

from core.appdata import erase_everything
from core.cli.main import main
from core.privacy.policy import KEYRING_SERVICE, LEGACY_KEYRING_USER, CloudPolicy, KeyStore, home_key_id
from core.services import Services
from core.settings import Settings
from tests.keyrings import MemoryKeyring

KEY_A = "sk-ant-api03-HOME-A-0123456789abcdef"
KEY_B = "sk-ant-api03-HOME-B-fedcba9876543210"


@pytest.fixture
def memory_keyring(monkeypatch):
    monkeypatch.setenv("LOCUM_FAKE_BACKENDS", "1")
    kr = MemoryKeyring()
    keyring.set_keyring(kr)  # the autouse isolation puts the null keyring back afterwards
    return kr


def services(home: Path) -> Services:
    return Services(Settings.load(home))


def test_two_homes_keep_their_own_key_and_erasing_one_leaves_the_other(tmp_path, memory_keyring):
    a, b = tmp_path / "a", tmp_path / "b"
    sa, sb = services(a), services(b)
    assert sa.chat_models.keys.set(KEY_A) == "keyring"
    assert sb.chat_models.keys.set(KEY_B) == "keyring"
    # each home reads its own key, in this process and in a new one
    assert services(a).chat_models.keys.get() == KEY_A
    assert services(b).chat_models.keys.get() == KEY_B

    report = erase_everything(sa)
    assert report.key == "deleted"
    assert services(a).chat_models.keys.get() is None
    assert services(b).chat_models.keys.get() == KEY_B  # the other home's key stays
    assert list(memory_keyring.store.values()) == [KEY_B]


def test_the_old_shared_entry_moves_to_the_first_home_that_reads_it_once(tmp_path, memory_keyring):
    memory_keyring.store[(KEYRING_SERVICE, LEGACY_KEYRING_USER)] = KEY_A  # as an earlier version kept it
    a, b = tmp_path / "a", tmp_path / "b"
    assert KeyStore(a).get() == KEY_A
    assert (KEYRING_SERVICE, LEGACY_KEYRING_USER) not in memory_keyring.store  # moved, not copied
    assert KeyStore(a).source == "keyring" and KeyStore(a).get() == KEY_A
    assert KeyStore(b).get() is None and KeyStore(b).source is None  # a second home does not inherit it
    assert home_key_id(b) == ""  # and reading wrote nothing into it
    assert KeyStore(a).erase() == "deleted" and not memory_keyring.store


def test_a_home_with_its_own_key_does_not_take_the_old_entry(tmp_path, memory_keyring):
    a = tmp_path / "a"
    KeyStore(a).set(KEY_A)
    memory_keyring.store[(KEYRING_SERVICE, LEGACY_KEYRING_USER)] = KEY_B
    assert KeyStore(a).get() == KEY_A
    assert KeyStore(a).erase() == "deleted"
    # erase takes only this home's entry: the old shared one belongs to whichever home reads it next
    assert memory_keyring.store == {(KEYRING_SERVICE, LEGACY_KEYRING_USER): KEY_B}


def test_the_home_keeps_an_id_not_the_key_and_saving_the_switches_keeps_the_id(tmp_path, memory_keyring):
    a = tmp_path / "a"
    KeyStore(a).set(KEY_A)
    kid = home_key_id(a)
    assert kid
    CloudPolicy(enabled=True, features={"ask": "local", "extract": "local", "leads": "harder_tasks"}).save(a)
    assert home_key_id(a) == kid and CloudPolicy.load(a).allows("leads")
    assert KeyStore(a).get() == KEY_A
    for f in a.rglob("*"):
        if f.is_file():
            assert KEY_A not in f.read_text(encoding="utf-8", errors="replace"), f
    assert [u for (_s, u) in memory_keyring.store] == [f"anthropic-api-key:{kid}"]
    assert json.loads((a / "cloud.json").read_text())["key_id"] == kid


def test_cli_erase_lists_and_deletes_only_this_homes_key(tmp_path, capsys, memory_keyring):
    a, b = tmp_path / "a", tmp_path / "b"
    KeyStore(a).set(KEY_A)
    KeyStore(b).set(KEY_B)
    Settings.load(b).save()
    assert main(["--home", str(b), "erase"]) == 1
    assert "would delete: the Anthropic API key in this computer's keyring" in capsys.readouterr().out
    assert main(["--home", str(b), "erase", "--yes"]) == 0
    assert "deleted: the Anthropic API key" in capsys.readouterr().out
    assert KeyStore(a).get() == KEY_A and KeyStore(b).get() is None


def test_without_a_keyring_the_key_stays_for_the_session(tmp_path, monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    ks = KeyStore(tmp_path / "a")  # the tests' null keyring: no usable backend
    assert not ks.keyring_available and ks.set(KEY_A) == "session" and ks.get() == KEY_A
    assert ks.erase() == "no_keyring" and ks.get() is None
    assert not (tmp_path / "a").exists()  # nothing written for a key kept in memory
    with pytest.raises(ValueError):
        KeyStore()
