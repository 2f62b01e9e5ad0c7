"""Helpers shared by the benchmark scripts: run the real `locum` command, measure RSS, medians."""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("LOCUM_SHARED_DATA", ROOT.parent / "shared" / "data"))


def locum(home: Path, *args: str, stdin=None, check=True) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run `python -m core.cli --home HOME ARGS`; return (process, seconds, peak RSS in bytes)."""
    cmd = [sys.executable, "-m", "core.cli", "--home", str(home), *args]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.PIPE if stdin else None, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate(stdin)
    # ru_maxrss of the children: peak resident memory of the process, in kB on Linux
    import resource

    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    dt = time.perf_counter() - t0
    cp = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    if check and proc.returncode not in (0, 2):
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err}")
    return cp, dt, peak


def write_settings(home: Path, **kw) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings.json").write_text(json.dumps(kw))


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def percentile(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    i = min(len(xs) - 1, max(0, int(round(p / 100 * (len(xs) - 1)))))
    return xs[i]
