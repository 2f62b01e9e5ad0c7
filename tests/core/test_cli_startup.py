"""A `locum search` process imports only what a query needs, and finds what torch would.

Each CLI run here is a fresh interpreter: what a user who scripts the CLI pays per call.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.library.search import Searcher
from core.services import Library, run_to_end
from core.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "sentence_transformers", "transformers")
# Runs the CLI as `python -m core.cli.main` would, then reports what it imported.
PROBE = """
import json, sys
from core.cli.main import main
try:
    rc = main(sys.argv[1:])
except SystemExit as e:
    rc = e.code
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(%r))
sys.stderr.write("\\nPROBE " + json.dumps({"rc": rc, "heavy": heavy}) + "\\n")
""" % (HEAVY,)

QUERIES = [
    "monthly retainer fee", "How long are medical records kept?", "who is the referring doctor",
    "termination notice period", "late payment interest", "patient consent to share records",
    "hourly rate for a partner", "what does the privacy notice say about third parties",
    "allergies", "fee schedule for an initial consultation", "Harbour", "x",
    "date of birth of the patient", "can I cancel the agreement", "data retention",
]


def _cli(home: Path, *args: str, **env_extra: str) -> tuple[dict, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **env_extra)
    env.pop("LOCUM_FAKE_BACKENDS", None)
    proc = subprocess.run([sys.executable, "-c", PROBE, "--home", str(home), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    line = [ln for ln in proc.stderr.splitlines() if ln.startswith("PROBE ")]
    assert line, proc.stderr[-2000:]
    return json.loads(line[-1][6:]), proc.stdout


@pytest.fixture(scope="module")
def samples_home(tmp_path_factory, real_embedder):
    """The sample documents indexed by the real embedder, with its checked ONNX export in the
    home's cache where the CLI looks for it."""
    root = tmp_path_factory.mktemp("cli-startup")
    settings = Settings.load(root / "home")
    settings.fake_backends = False
    lib = Library(settings, embedder=real_embedder)
    report = run_to_end(lib.index([str(ROOT / "resources" / "samples")]))
    assert report.added >= 5 and not report.failed
    cache = settings.cache_dir / "query-embedder" / real_embedder.query_model_dir.name
    shutil.copytree(real_embedder.query_model_dir, cache)
    lib.close()
    return settings


@pytest.mark.real
def test_search_status_and_help_import_no_torch(samples_home):
    info, out = _cli(samples_home.home, "search", "monthly retainer fee", "--json")
    assert info["rc"] == 0
    hits = json.loads(out)
    assert hits and hits[0]["path"].endswith(".pdf")
    assert info["heavy"] == [], f"locum search imported {info['heavy']}"

    info, out = _cli(samples_home.home, "status", "--json")
    assert info["rc"] == 0 and json.loads(out)["chunks"] > 0
    assert info["heavy"] == []

    info, out = _cli(samples_home.home, "--help")
    assert info["rc"] == 0 and "search" in out
    assert info["heavy"] == []


@pytest.mark.real
def test_search_without_an_export_still_answers_through_torch(samples_home, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(samples_home.home, home)
    shutil.rmtree(home / "cache")
    # nor the installation's export (set-up makes one; a bundle or a failed set-up may not)
    info, out = _cli(home, "search", "monthly retainer fee", "--json", LOCUM_QUERY_ONNX="0")
    assert info["rc"] == 0 and json.loads(out)
    assert "torch" in info["heavy"]  # the fallback is the torch model, as before


@pytest.mark.real
def test_onnx_queries_find_the_same_hits_in_the_same_order_as_torch(samples_home, real_embedder):
    from models.st_embedder import SentenceEmbedder

    lib = Library(samples_home)  # builds its embedder as the CLI does: ONNX for queries
    torch_only = SentenceEmbedder(real_embedder.model_dir, runtime="torch")
    reference = Searcher(lib.store, torch_only)
    try:
        for mode in ("hybrid", "vector"):
            for q in QUERIES:
                got = lib.search(q, 10, mode=mode)
                want = reference.search(q, 10, mode=mode)
                assert [h.chunk_id for h in got] == [h.chunk_id for h in want], (mode, q)
                assert all(abs(a.score - b.score) < 1e-5 for a, b in zip(got, want)), (mode, q)
        assert lib.embedder.query_runtime == "onnx" and torch_only.query_runtime == "torch"
    finally:
        lib.close()
