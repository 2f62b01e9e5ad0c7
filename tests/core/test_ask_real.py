"""Ask end to end with the real bundled models: MiniLM embeddings, SmolLM2 135M (GGUF) answering.

Offline (conftest blocks the network). A fake cannot tell us that llama.cpp, the chat
template and the tokenizer-based budget still work together, so these run the real thing,
with short answers to keep the run well under a minute.
"""
from __future__ import annotations

import json

import pytest

from core.ask.answering import Assistant, Retrieved, Token
from core.services import Library, run_to_end
from core.settings import Settings
from tests.core.library_helpers import make_pdf
from tests.helpers import drive

pytestmark = pytest.mark.real

ENGAGEMENT = [
    "Engagement letter. Harbour & Vale LLP will act for Corran Shipping Ltd. in its contract dispute with "
    "Pellow Marine. Eleanor Whitcombe is the responsible partner.",
    "Fees. The monthly retainer fee is $3,150, payable on the fifth day of each month. Time beyond the "
    "retainer is billed at the hourly rates in the fee schedule.",
    "Ending the engagement. Either party may end this engagement with 30 days' written notice.",
]
CLINIC = [
    "Northshore Family Health Clinic. Welcome to the clinic. Please bring your health card to every visit.",
    "Parking. Patients may park free of charge in the north lot behind the clinic for up to two hours.",
]
MAX_TOKENS = 48


@pytest.fixture(scope="module")
def real(tmp_path_factory, real_embedder):
    """One indexed library and one loaded SmolLM2 for the whole module."""
    from core.chat.registry import current_chat_model
    from core.chat.service import ChatModels

    root = tmp_path_factory.mktemp("ask-real")
    docs = root / "docs"
    docs.mkdir()
    make_pdf(docs / "engagement_letter.pdf", ENGAGEMENT, title="Engagement letter")
    make_pdf(docs / "clinic_notes.pdf", CLINIC, title="Clinic notes")
    settings = Settings.load(root / "home")
    settings.fake_backends = False
    lib = Library(settings, embedder=real_embedder)
    report = run_to_end(lib.index([str(docs)]))
    assert report.added == 2 and not report.failed
    backend = ChatModels(settings).prepare().backend
    assert current_chat_model(settings).tiny  # the default is the bundled SmolLM2
    return lib, backend


def _ask(lib, backend, question, assistant=None):
    assistant = assistant or Assistant(lib, backend, k=3, max_tokens=MAX_TOKENS, tiny_model=True)
    return drive(assistant.ask(question))


def test_answer_cites_the_page_that_holds_the_fact(real):
    lib, backend = real
    events, ans = _ask(lib, backend, "What is the monthly retainer fee?")
    tokens = [e for e in events if isinstance(e, Token)]
    assert tokens, "the model streamed nothing"
    assert ans.model == backend.name == "smollm2-135m"
    assert ans.found is True, ans.answer
    assert any(c.path.endswith("engagement_letter.pdf") and c.page == 2 for c in ans.citations), ans.citations
    given = next(e for e in events if isinstance(e, Retrieved)).sources
    for c in ans.citations:
        assert c.quote in given[c.n - 1].text
        _assert_boxes_hold_quote(c)
    assert "locum models add" in ans.notice  # the tiny model says it is rough
    # The prompt fit the real context window, counted with the real tokenizer.
    assert backend.last_usage.prompt_tokens + MAX_TOKENS <= backend.context_size


def test_absent_fact_is_not_found_and_not_guessed(real):
    lib, backend = real
    backend.last_usage = None
    events, ans = _ask(lib, backend, "What is the capital of Australia?")
    assert ans.found is False and ans.citations == []
    assert not [e for e in events if isinstance(e, Token)]
    assert backend.last_usage is None  # the model was never asked


@pytest.mark.parametrize("question", [
    "What is the name of Corran Shipping's accountant?",  # the client is there, an accountant is not
    "How much does parking cost at the courthouse?",  # parking is there, for the clinic
])
def test_near_miss_is_not_answered_and_the_closest_passage_is_shown(real, question):
    """The library talks about the question's subject but does not answer it: the tiny model
    is not asked (it would answer from the near miss); the closest passage is offered."""
    lib, backend = real
    backend.last_usage = None
    assistant = Assistant(lib, backend, k=3, max_tokens=MAX_TOKENS, tiny_model=True)
    _, ans = _ask(lib, backend, question, assistant)
    assert assistant.last_judgement.verdict != "answer", assistant.last_judgement
    assert ans.found is False and ans.citations == []
    assert backend.last_usage is None
    # "unsure" offers the closest passages to check; "none" offers nothing
    assert bool(ans.closest) is (assistant.last_judgement.verdict == "unsure")
    assert all(c.quote for c in ans.closest)


def test_cli_ask_json(real, monkeypatch, capsys):
    """`locum ask --json` through core.cli.main, reusing the loaded parts to save a reload."""
    from core import services
    from core.chat.registry import current_chat_model
    from core.chat.service import ChatModels, PreparedChat
    from core.cli.main import main

    lib, backend = real
    monkeypatch.setattr(services, "Library", lambda settings, **kw: lib)
    monkeypatch.setattr(ChatModels, "prepare",
                        lambda self, name=None: PreparedChat(backend, current_chat_model(self.settings, name)))
    rc = main(["--home", str(lib.settings.home), "ask", "Where can patients park for free?", "--json",
               "-k", "3", "--max-tokens", str(MAX_TOKENS)])
    out = capsys.readouterr().out
    assert rc == 0
    data = json.loads(out)
    assert {"answer", "found", "citations", "model", "closest"} <= set(data)
    assert data["model"] == "smollm2-135m" and data["found"] is True, data
    assert any(c["path"].endswith("clinic_notes.pdf") and c["page"] == 2 for c in data["citations"]), data
    assert all(set(c) == {"n", "path", "page", "quote", "boxes"} for c in data["citations"])
    cited = next(c for c in data["citations"] if c["path"].endswith("clinic_notes.pdf"))
    assert cited["boxes"] and all(len(b) == 4 for b in cited["boxes"]), cited


def _assert_boxes_hold_quote(c) -> None:
    """The citation's boxes cover exactly the quote's words on the cited page (PDF points)."""
    import pymupdf

    assert c.boxes, c
    with pymupdf.open(c.path) as doc:
        page = doc[c.page - 1]
        inside = [w[4] for w in page.get_text("words")
                  if any(b.x0 - 0.5 <= w[0] and w[2] <= b.x1 + 0.5 and b.y0 - 0.5 <= w[1] and w[3] <= b.y1 + 0.5
                         for b in c.boxes)]
    assert " ".join(inside) == " ".join(c.quote.split()), (inside, c.quote)


def test_cli_ask_refuses_a_model_that_cannot_fit_in_memory(tmp_path, capsys, monkeypatch):
    """The memory check runs before llama.cpp is asked to load anything."""
    import psutil

    from core.cli.main import main

    class _Tiny:
        available = 50 * 2**20
        total = 1 * 2**30

    monkeypatch.setattr(psutil, "virtual_memory", lambda: _Tiny())
    code = main(["--home", str(tmp_path / "h"), "ask", "What is the retainer fee?"])
    err = capsys.readouterr().err
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "memory" in err.lower() or "ram" in err.lower()


@pytest.fixture(scope="module")
def fee_schedule(tmp_path_factory, real_embedder, real):
    """The bundled sample fee schedule (a table of roles and hourly rates), indexed alone."""
    from pathlib import Path
    import shutil

    root = tmp_path_factory.mktemp("ask-real-fees")
    docs = root / "docs"
    docs.mkdir()
    shutil.copy(Path(__file__).resolve().parents[2] / "resources" / "samples" / "fee_schedule.pdf", docs)
    settings = Settings.load(root / "home")
    settings.fake_backends = False
    lib = Library(settings, embedder=real_embedder)
    assert run_to_end(lib.index([str(docs)])).added == 1
    return lib, real[1]


def test_associate_rate_is_275_or_no_answer_never_the_students_160(fee_schedule):
    lib, backend = fee_schedule
    _, ans = _ask(lib, backend, "What is the hourly rate for an associate?")
    assert "160" not in ans.answer
    if ans.found:
        assert "275" in ans.answer, ans.answer
        assert [" ".join(c.quote.split()) for c in ans.citations] == ["Associate $275 Research, drafting, motions"]
    else:
        assert ans.citations == []
        assert any("$275" in c.quote and "$160" not in c.quote for c in ans.closest), ans.closest
