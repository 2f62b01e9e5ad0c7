"""The long-report question set and the page-hit scoring of benchmarks/bench_reports.py."""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pymupdf
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_reports as br  # noqa: E402

REPORTS = br.SHARED / "reports"
FIELDS = {"id": str, "question": str, "file": str, "pages": list, "answer": str, "table": bool}


def test_every_line_has_the_fields_and_ids_are_unique_across_both_sets():
    dev, test = br.load_questions("dev"), br.load_questions("test")
    for q in dev + test:
        assert set(q) == set(FIELDS) | {"set"}, q
        for name, kind in FIELDS.items():
            assert isinstance(q[name], kind), (q["id"], name)
        assert q["pages"] and all(isinstance(p, int) and p >= 1 for p in q["pages"]), q["id"]
        assert q["question"].strip() and q["answer"].strip(), q["id"]
    ids = [q["id"] for q in dev + test]
    assert len(ids) == len(set(ids))
    assert {q["question"] for q in dev}.isdisjoint({q["question"] for q in test})
    assert len(br.load_questions("all")) == len(dev) + len(test)


def test_the_set_is_the_size_and_mix_the_issue_asks_for():
    every = br.load_questions("all")
    dev, test = br.load_questions("dev"), br.load_questions("test")
    assert len(every) >= 84 and 50 <= len(dev) <= 60 and 28 <= len(test) <= 40
    per_report = Counter(q["file"] for q in every)
    assert len(per_report) == 6 and min(per_report.values()) >= 14, per_report
    assert sum(q["table"] for q in every) * 2 >= len(every)
    assert sum(not q["table"] for q in every) >= 12  # clauses and text, not tables only
    # Several questions name only the company, the year and the item ("Adobe 2022 total revenue").
    terse = [q for q in every if len(q["question"].split()) <= 6 and re.search(r"\b20\d\d\b", q["question"])]
    assert len(terse) >= 6
    # Each report is in both halves, so the held-out figures cover every company.
    assert set(q["file"] for q in dev) == set(q["file"] for q in test) == set(per_report)


def test_the_held_out_file_says_it_is_held_out():
    first = (br.DATA / "reports_test.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#") and "HELD OUT" in first


_FIGURE = re.compile(r"\d[\d,]*\.?\d*%?")


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower())


def _telling(f: str) -> bool:
    digits = sum(c.isdigit() for c in f)
    return digits >= 3 or (f.endswith("%") and digits >= 2)


@pytest.mark.skipif(not REPORTS.is_dir(), reason="the six reports are not on this machine")
def test_every_page_exists_and_holds_something_of_the_answer():
    """A page number off by one would name a page that does not mention the answer: every
    listed page must hold one of the answer's figures (three or more digits, or a
    percentage) or, for a clause, one of its longer words."""
    for q in br.load_questions("all"):
        figures = [f.rstrip(".,") for f in _FIGURE.findall(q["answer"]) if _telling(f.rstrip(".,"))]
        words = re.findall(r"[a-z]{6,}", q["answer"].lower())
        with pymupdf.open(str(REPORTS / q["file"])) as pdf:
            for p in q["pages"]:
                assert p <= len(pdf), (q["id"], p)
                text = _words(pdf[p - 1].get_text())
                assert any(f in text for f in figures) or any(w in text for w in words), (q["id"], p)


def test_a_hit_names_the_file_and_one_of_its_pages():
    q = {"file": "ADOBE_2022_10K.pdf", "pages": [54, 57]}
    results = [("/x/ADOBE_2022_10K.pdf", 53), ("/x/3M_2018_10K.pdf", 57), ("/x/ADOBE_2022_10K.pdf", 57)]
    assert br.first_hit_rank(results, q) == 3
    assert br.first_hit_rank(results[:2], q) is None
    assert br.first_hit_rank([("/x/ADOBE_2022_10K.pdf", None)], q) is None
    assert br.score([1, 3, None, 7]) == {"page_hit@1": 0.25, "page_hit@5": 0.5, "page_hit@10": 0.75}


def test_bm25_over_pages_ranks_the_page_with_the_rare_terms_first(tmp_path):
    lines = [
        ["Overview of the business and its markets.", "Capital expenditures were 442 in fiscal 2022."],
        ["Risk factors: competition, currency and cyber attacks.", "Employees: we employed 29,239 people."],
    ]
    files = []
    for i, pages in enumerate(lines):
        doc = pymupdf.open()
        for text in pages:
            doc.new_page().insert_text((72, 72), text)
        f = tmp_path / f"r{i}.pdf"
        doc.save(str(f))
        files.append(f)
    search, _ = br.bm25_system(files)
    assert search("capital expenditures fiscal 2022")[0] == (str(files[0]), 2)
    assert search("how many people employed")[0] == (str(files[1]), 2)
    assert search("zzz nothing matches") == []


def test_the_locum_cache_key_follows_index_code_but_not_ranking_code(tmp_path, monkeypatch):
    """Tuning ranking reuses the built library; a change to what indexing writes does not."""
    f = tmp_path / "a.pdf"
    f.write_bytes(b"%PDF-1.4")
    fake_root = tmp_path / "root"
    for rel in ("core/library/search.py", "core/library/indexer.py", "core/documents/readers.py",
                "models/st_embedder.py", "core/types.py", "core/settings.py"):
        (fake_root / rel).parent.mkdir(parents=True, exist_ok=True)
        (fake_root / rel).write_text("# v1\n")
    monkeypatch.setattr(br, "ROOT", fake_root)
    before = br.locum_key([f])
    (fake_root / "core/library/search.py").write_text("# v2\n")
    assert br.locum_key([f]) == before
    (fake_root / "core/library/indexer.py").write_text("# v2\n")
    assert br.locum_key([f]) != before


def test_diagnostics_count_the_right_report_first_and_distinct_pages():
    qs = [{"file": "A.pdf"}, {"file": "B.pdf"}]
    results = [[("/d/A.pdf", 3), ("/d/A.pdf", 3), ("/d/B.pdf", 1)], [("/d/A.pdf", 2)]]
    assert br.diagnostics(results, qs) == {"file_hit@1": 0.5, "distinct_pages@10": 1.5}
