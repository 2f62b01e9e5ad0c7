"""Leads end to end with the real bundled SmolLM2 (llama.cpp, JSON-schema grammar) through the
`locum lead` command, as a check from outside would run it.

A fake cannot tell us that the enum grammar still holds the small model to the rubric's service
names and to candidate ids, or that a folder run loads the model once and stays fast.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "benchmarks" / "data" / "leads"
pytestmark = pytest.mark.real


def _locum(home, *args):
    cp = subprocess.run([sys.executable, "-m", "core.cli.main", "--home", str(home), *args], cwd=ROOT,
                        capture_output=True, text=True, timeout=600)
    return cp


def test_one_inquiry_by_the_contract(tmp_path):
    cp = _locum(tmp_path / "home", "lead", str(DATA / "law" / "L19_conflict_spelling.eml"),
                "--rubric", str(ROOT / "resources" / "leads" / "rubric_law.json"),
                "--clients", str(DATA / "clients.csv"), "--json")
    assert cp.returncode == 0, cp.stderr
    j = json.loads(cp.stdout)
    assert j["tier"] == "hot" and j["lead"]["email"] == "jon.smyth@gmail.com" and j["lead"]["phone"] == "+447700900962"
    assert [(c["name"], c["matched"], c["where"]) for c in j["conflicts"]] == [("Jon Smyth", "John Smith", "clients")]
    assert "Jon" in j["draft_reply"] and "Harper & Lowe" in j["draft_reply"]


def test_a_folder_with_the_real_model(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("L07_free_question.eml", "L09_eviction_conflict.eml", "L13_injection_divorce.eml", "L06_seo_spam.eml"):
        shutil.copy(DATA / "law" / name, inbox / name)
    # two numbers and nothing to tell them apart: the model chooses, and its choice is flagged
    (inbox / "two_numbers.txt").write_text(
        "From: Grace Lind <grace@example.com>\nSubject: Redundancy\n\nI have been made redundant and work in Leeds. "
        "My office number is 0113 496 0404 and my mobile is 07700 900515.\n", encoding="utf-8")
    # no keyword names a service: the model may suggest one of the rubric's, never anything else
    (inbox / "vague.txt").write_text("From: Sam Oduya <sam@example.com>\nSubject: Question\n\n"
                                     "Hello, I have a legal problem and would like to talk to someone about it.\n",
                                     encoding="utf-8")
    t0 = time.perf_counter()
    cp = _locum(tmp_path / "home", "lead", str(inbox), "--clients", str(DATA / "clients.csv"), "--json")
    wall = time.perf_counter() - t0
    assert cp.returncode == 0, cp.stderr
    got = {Path(r["file"]).name: r for r in json.loads(cp.stdout)}
    assert len(got) == 6
    assert got["L09_eviction_conflict.eml"]["conflicts"][0]["matched"] == "Gregory Hale"
    assert got["L06_seo_spam.eml"]["tier"] == "disqualified" and got["L06_seo_spam.eml"]["draft_reply"] == ""
    inj = got["L13_injection_divorce.eml"]
    assert inj["tier"] == "warm" and inj["score"] == 55 and any(f.startswith("prompt injection") for f in inj["flags"])
    two = got["two_numbers.txt"]["fields"]["phone"]
    assert two["value"] in (None, "+441134960404", "+447700900515")
    if two["value"] is not None:
        assert two["method"] == "model" and two["flagged"]
    law = json.loads((ROOT / "resources" / "leads" / "rubric_law.json").read_text())
    for name in ("vague.txt", "L07_free_question.eml"):
        need = got[name]["fields"]["need"]
        assert need["value"] in [None] + [s["name"] for s in law["services"]]
        if need["value"] is not None:
            assert need["flagged"] and need["method"] == "model"
        assert got[name]["tier"] == "cold"  # a guess earns no points
    assert wall < 120, f"six inquiries took {wall:.0f} s"


def test_the_need_question_with_the_real_model_reuses_its_prompt_and_stays_short():
    """With SmolLM2 under the enum grammar: each answer is one of the services or null, the
    reversed second question evaluates only the tokens after the inquiry, and the answers are
    a few tokens each, which is what keeps a lead that asks the model under 3 s."""
    from core.chat.registry import bundled_chat_model_path
    from core.leads.rubric import load_rubric
    from core.leads.score import _ask
    from models.llama_cpp_backend import LlamaCppBackend

    law = load_rubric(office="law")
    b = LlamaCppBackend(bundled_chat_model_path(), n_threads=1)
    try:
        text = ("Good day, I work 4 years in the warehouse of a food company. Last Monday the manager say my "
                "position is finish, only me is chosen. I think this is not fair. I need help quick please.")
        names = law.service_names
        first = _ask(b, text, names)
        t1, u1 = dict(b.last_timing), b.last_usage
        second = _ask(b, text, names[::-1])
        t2, u2 = dict(b.last_timing), b.last_usage
    finally:
        b.close()
    assert first in names + [None] and second in names + [None]
    assert t1["prompt_tokens_evaluated"] > 80
    assert t2["prompt_tokens_evaluated"] < 0.5 * t1["prompt_tokens_evaluated"]  # the inquiry came from the cache
    assert u1.completion_tokens <= 12 and u2.completion_tokens <= 12
