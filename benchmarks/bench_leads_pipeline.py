"""What the leads pipeline adds per inquiry over the engine alone, with the real bundled model.

Three runs over the law firm's 30 evaluation inquiries (benchmarks/data/leads/law), with
its client list, medians per inquiry:

* engine: ``assess()`` on each inquiry, earlier leads given as a list in memory;
* pipeline: ``services.leads.add(folder)`` into a fresh home (read the files, the earlier
  leads from the store for each conflict check, the conflicts' sources, one transaction per
  inquiry);
* window: the same folder dropped on the Leads view (worker, progress signals, each lead
  read back and shown as it is kept).

Then the store alone as the pipeline grows: one more inquiry kept when 1,000 are already
there, and reading every earlier lead (done once per run, for the conflict check).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_leads_pipeline.py [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("LOCUM_FAKE_BACKENDS", None)
DATA = ROOT / "benchmarks" / "data" / "leads"


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()

    from core.leads.assess import assess
    from core.leads.conflicts import load_clients
    from core.leads.intake import read_inquiries
    from core.leads.rubric import load_rubric
    from core.leads.store import LeadsStore
    from core.services import Services, run_to_end
    from core.settings import Settings
    from tests.core.leads_data import lead_json

    folder = DATA / "law"
    clients_csv = str(DATA / "clients.csv")
    inquiries = read_inquiries(folder)
    n = len(inquiries)
    rubric, clients = load_rubric(None, office="law"), load_clients(clients_csv)
    warm = Services(Settings.load(tempfile.mkdtemp(prefix="lp-warm-")))
    backend = warm.chat_backend
    assess(inquiries[0], rubric, clients=clients, backend=backend)  # weights loaded, grammar built

    engine, pipeline, window = [], [], []
    for _ in range(args.runs):
        t = time.perf_counter()
        earlier: list[dict] = []
        for inq in inquiries:
            earlier.append(assess(inq, rubric, clients=clients, earlier=earlier, backend=backend).as_json())
        engine.append((time.perf_counter() - t) / n)

        s = Services(Settings.load(tempfile.mkdtemp(prefix="lp-home-")))
        s.__dict__["chat"] = warm.chat  # the same loaded model, so only the pipeline differs
        s.leads.set_clients(clients_csv)
        t = time.perf_counter()
        report = run_to_end(s.leads.add([str(folder)]))
        pipeline.append((time.perf_counter() - t) / n)
        assert len(report.added) == n and not report.failed, report.failed
        s.close()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from desktop.app import build

    for _ in range(args.runs):
        os.environ["LOCUM_HOME"] = tempfile.mkdtemp(prefix="lp-win-")
        w, c = build(app, force_theme="light")
        w.resize(1180, 780)
        w.show()
        w.show_view("leads")
        c.services.__dict__["chat"] = warm.chat
        c.services.leads.set_clients(clients_csv)
        done = []
        w.leads.runFinished.connect(done.append)
        t = time.perf_counter()
        w.leads.add_paths([str(folder)])
        while not done:
            loop = QEventLoop()
            QTimer.singleShot(5, loop.quit)
            loop.exec()
        while w.leads.model.rowCount() < n:
            loop = QEventLoop()
            QTimer.singleShot(5, loop.quit)
            loop.exec()
        window.append((time.perf_counter() - t) / n)
        c.shutdown(60)
        w.close()

    store = LeadsStore(Path(tempfile.mkdtemp(prefix="lp-big-")) / "leads.sqlite")
    for i in range(1000):
        store.add(lead_json(f"/inbox/m{i}.eml", email=f"p{i}@example.org", phone=None, name=f"Person {i}"))
    grow, reads = [], []
    for i in range(20):
        t = time.perf_counter()
        earlier = store.earlier()
        reads.append(time.perf_counter() - t)
        t = time.perf_counter()
        store.add(lead_json(f"/inbox/new{i}.eml", email=f"new{i}@example.org", phone=None))
        grow.append(time.perf_counter() - t)
    assert len(earlier) >= 1000

    med = statistics.median
    print(f"{n} inquiries, {args.runs} runs, medians per inquiry (2-core machine shared with other work):")
    print(f"  engine alone     {med(engine):.3f} s")
    print(f"  services.leads   {med(pipeline):.3f} s   ({med(pipeline) / med(engine):.2f}x the engine)")
    print(f"  Leads view       {med(window):.3f} s   ({med(window) / med(engine):.2f}x the engine)")
    print(f"  store with 1,000 leads: one inquiry kept {med(grow) * 1000:.0f} ms; every earlier lead read "
          f"{med(reads) * 1000:.0f} ms (once per run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
