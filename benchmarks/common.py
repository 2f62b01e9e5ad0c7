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


def run_measured(cmd: list[str], stdin: str | None = None) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run a command; return (process, seconds, its own peak RSS in bytes, from wait4)."""
    import tempfile

    with tempfile.TemporaryFile("w+") as err_file:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.PIPE if stdin is not None else None,
                                stdout=subprocess.PIPE, stderr=err_file, text=True)
        if stdin is not None:
            proc.stdin.write(stdin)
            proc.stdin.close()
        out = proc.stdout.read()
        _, status, ru = os.wait4(proc.pid, 0)  # reaps the child and gives its own rusage
        secs = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err_file.seek(0)
        err = err_file.read()
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err), secs, ru.ru_maxrss * 1024


def locum(home: Path, *args: str, stdin=None, check=True) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run `python -m core.cli.main --home HOME ARGS`; return (process, seconds, peak RSS in bytes)."""
    cmd = [sys.executable, "-m", "core.cli.main", "--home", str(home), *args]
    cp, secs, peak = run_measured(cmd, stdin)
    if check and cp.returncode not in (0, 2):
        raise RuntimeError(f"{' '.join(cmd)} failed ({cp.returncode}): {cp.stderr}")
    return cp, secs, peak


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
