"""Removing a folder or file erases its text from every file under the home: the index and
its old versions, and every saved conversation that quoted it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.ask.answering import Assistant
from core.ask.conversations import SOURCE_REMOVED_ANSWER, SOURCE_REMOVED_NOTE, ConversationStore
from core.cli.main import main
from core.services import Services, path_within
from core.settings import Settings
from core.chat.service import PreparedChat
from models.fake import FakeChat
from tests.helpers import drive

PHRASE = "repaint the harbour shed every seventh spring"
COVENANT = (f"Quillback covenant. The tenant of the Quillback boathouse must {PHRASE}, using the "
            "colours the harbour board approves.")
KEPT = "Ferry timetable. The Marlow ferry leaves the east pier at 07:40 on weekdays and at 09:10 on Sundays."


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setenv("LOCUM_FAKE_BACKENDS", "1")


def bytes_holding(home: Path, needle: str) -> list[str]:
    """Every file under the home (index versions, SQLite -wal files included) whose bytes hold ``needle``."""
    raw = needle.encode("utf-8")
    return sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file() and raw in p.read_bytes())


def ask_and_save(services: Services, replies: list[str], question: str, conversation: str):
    services.__dict__["chat"] = PreparedChat(FakeChat(replies), None)
    _, answer = drive(Assistant.from_services(services, tiny_model=False).ask(question, conversation_id=conversation))
    return answer


@pytest.fixture
def home_with_quotes(tmp_path, fake):
    """A library of two documents and saved conversations quoting each (an answer, and a
    not-found turn whose closest passages quote the covenant)."""
    docs = tmp_path / "docs"
    (docs / "leases").mkdir(parents=True)
    covenant = docs / "leases" / "quillback.txt"
    covenant.write_text(COVENANT, encoding="utf-8")
    (docs / "ferry.txt").write_text(KEPT, encoding="utf-8")
    home = tmp_path / "home"
    services = Services(Settings.load(home))
    drive(services.library.index([str(docs)]))
    ans = ask_and_save(services, [f"The tenant must {PHRASE} [1]."],
                       "What must the tenant of the Quillback boathouse do under the covenant?", "lease")
    assert ans.found and ans.citations and PHRASE in ans.citations[0].quote  # quoted, so saved on disk
    assert ans.citations[0].path == str(covenant)
    drive(Assistant.from_services(services).ask("Who paints the Quillback boathouse?", conversation_id="lease"))
    ferry = ask_and_save(services, ["The ferry leaves at 07:40 on weekdays [1]."],
                         "When does the Marlow ferry leave the east pier on weekdays?", "ferry")
    assert ferry.found and "07:40" in ferry.citations[0].quote
    services.close()
    assert bytes_holding(home, PHRASE)  # the test can see the text before the removal
    return home, docs, covenant


def test_locum_remove_erases_the_documents_text_from_every_file_under_the_home(home_with_quotes, capsys):
    home, docs, covenant = home_with_quotes
    assert main(["--home", str(home), "remove", str(covenant), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["removed"] == 1 and out["records_erased"] >= 1

    assert bytes_holding(home, PHRASE) == []
    assert bytes_holding(home, "Quillback boathouse must") == []

    store = ConversationStore(Settings.load(home).records_path)
    msgs = store.messages("lease")
    # The questions stay; the answer that drew on the document is replaced, with a note.
    assert msgs[0].role == "user" and "Quillback boathouse do" in msgs[0].content
    assert msgs[1].content == SOURCE_REMOVED_ANSWER and msgs[1].citations == []
    assert msgs[1].meta["notice"] == SOURCE_REMOVED_NOTE and msgs[1].meta["found"] is False
    assert all(PHRASE not in m.content for m in msgs)
    # Another document's conversation is untouched, quotes and all.
    ferry = store.messages("ferry")
    assert "07:40" in ferry[1].content and "07:40" in ferry[1].citations[0].quote
    assert bytes_holding(home, "07:40 on weekdays")


def test_removing_the_folder_through_services_erases_it_too(home_with_quotes, capsys):
    home, docs, covenant = home_with_quotes
    services = Services(Settings.load(home))
    done = services.remove(str(docs / "leases"))
    services.close()
    assert done.files == 1 and done.records >= 1
    assert bytes_holding(home, PHRASE) == []


def test_remove_of_a_path_gone_from_the_library_still_scrubs_saved_quotes(home_with_quotes):
    """The file was pruned from the index earlier (deleted from disk, then synced): its
    quotes in conversations are still erased when the user removes it by name."""
    home, docs, covenant = home_with_quotes
    store = ConversationStore(Settings.load(home).records_path)
    assert store.erase_source(lambda p: p == "/nowhere") == 0
    services = Services(Settings.load(home))
    services.library.remove(str(covenant))  # the index forgets it, the conversations do not
    assert bytes_holding(home, PHRASE)
    done = services.remove(str(covenant))
    services.close()
    assert done == type(done)(0, done.records) and done.records >= 1
    assert bytes_holding(home, PHRASE) == []


def test_remove_of_an_unknown_path_is_an_error(tmp_path, capsys, fake):
    code = main(["--home", str(tmp_path / "home"), "remove", str(tmp_path / "never-added")])
    assert code == 1 and "is not in the library" in capsys.readouterr().err


def test_path_within_compares_parts_not_strings():
    assert path_within("/a/b/c.pdf", "/a/b") and path_within("/a/b", "/a/b")
    assert not path_within("/a/b2/c.pdf", "/a/b") and not path_within("/a", "/a/b")


@pytest.mark.real
def test_remove_erases_what_the_real_models_saved(tmp_path, real_embedder, monkeypatch):
    """MiniLM retrieves, the bundled SmolLM2 answers; whatever it saved (an answer with
    citations, or closest passages) quoted the document, and the removal erases it all."""
    from core.services import Library
    from tests.core.library_helpers import make_pdf

    monkeypatch.delenv("LOCUM_FAKE_BACKENDS", raising=False)
    docs = tmp_path / "docs"
    docs.mkdir()
    pdf = make_pdf(docs / "boathouse_lease.pdf", [COVENANT, "Rent. The rent is reviewed every March."],
                   title="Boathouse lease")
    (docs / "ferry.txt").write_text(KEPT, encoding="utf-8")
    settings = Settings.load(tmp_path / "home")
    assert settings.fake_backends is False
    services = Services(settings)
    services.library = Library(settings, embedder=real_embedder)
    report = drive(services.library.index([str(docs)]))[1]
    assert report.added == 2 and not report.failed
    _, ans = drive(Assistant.from_services(services, k=3, max_tokens=32).ask(
        "What must the tenant of the Quillback boathouse do?", conversation_id="lease"))
    needle = PHRASE.split(" every")[0]  # the PDF's text layer breaks the line after it
    quoted = [c.quote for c in ans.citations + ans.closest]
    assert any(needle in q for q in quoted), quoted
    home = settings.home
    assert bytes_holding(home, needle)

    done = services.remove(str(pdf))
    services.close()
    assert done.files == 1 and done.records == 1
    assert bytes_holding(home, needle) == [] and bytes_holding(home, "seventh spring") == []
    msgs = ConversationStore(settings.records_path).messages("lease")
    assert msgs[0].content == "What must the tenant of the Quillback boathouse do?"
    assert msgs[1].content == SOURCE_REMOVED_ANSWER and msgs[1].meta["notice"] == SOURCE_REMOVED_NOTE
