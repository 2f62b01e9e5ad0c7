"""What the Extract view adds per document: the engine through ``services.forms`` against the
same document through the view's queue (worker, progress signals, store re-read, preview),
with the real bundled model and RapidOCR, five runs each, medians.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_extract_view.py
"""
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LOCUM_HOME"] = tempfile.mkdtemp(prefix="xv-bench-")
os.environ.pop("LOCUM_FAKE_BACKENDS", None)
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from core.services import run_to_end
from desktop.app import build
from tests.core.forms_docs import make
w, c = build(app, force_theme="light"); w.resize(1280, 800); w.show(); w.show_view("extract")
def pump(ms=10):
    l = QEventLoop(); QTimer.singleShot(ms, l.quit); l.exec()
d = Path(tempfile.mkdtemp())
docs = {"form": make("client_intake", "form", 11, d)[0], "letter": make("client_intake", "prose", 12, d)[0],
        "scan": make("client_intake", "scan", 13, d)[0]}
run_to_end(c.services.forms.extract(str(docs["letter"]), "client_intake"))  # warm: imports, OCR, model
run_to_end(c.services.forms.extract(str(docs["scan"]), "client_intake"))
v = w.extract
for kind, p in docs.items():
    core_t, view_t = [], []
    for _ in range(5):
        t0 = time.perf_counter(); run_to_end(c.services.forms.extract(str(p), "client_intake")); core_t.append(time.perf_counter() - t0)
        n = v.queue.rowCount()
        t0 = time.perf_counter(); v._enqueue(([str(p)], []), "client_intake")
        while not (v.queue.rowCount() == n + 1 and v.queue.item(n).state in ("done", "failed") and not v.busy):
            pump(5)
        view_t.append(time.perf_counter() - t0)
    a, b = statistics.median(core_t), statistics.median(view_t)
    print(f"{kind:6s} core median {a*1000:.0f} ms  view median {b*1000:.0f} ms  ratio {b/a:.2f}")
c.shutdown(30)
