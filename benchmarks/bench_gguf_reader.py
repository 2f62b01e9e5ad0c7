"""Reading GGUF metadata: Locum's reader (models/gguf.py) vs ggml's ``gguf`` package.

The question: should Locum read GGUF headers with ggml's own ``gguf`` package (PyPI) instead of
its own reader? Measured per file: median seconds to read everything Locum shows (chat
template, architecture, parameter count, context length, quantization), peak Python memory
(tracemalloc), and what each says about a truncated copy and a text file named ``.gguf``.

``gguf`` is not a Locum dependency (llama-cpp-python does not pull it in); install it aside:

    .venv/bin/pip install --no-deps --target /tmp/gguf_pkg gguf==0.19.0
    .venv/bin/python benchmarks/bench_gguf_reader.py --gguf-path /tmp/gguf_pkg [--runs 5] [FILE.gguf ...]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.chat.registry import bundled_chat_model_path  # noqa: E402
from models.gguf import GGUFError, read_gguf  # noqa: E402

QWEN = Path.home() / ".cache" / "locum-bench" / "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"


def locum_facts(path):
    info = read_gguf(path)
    return {"template": bool(info.chat_template), "arch": info.architecture, "params": info.parameter_count,
            "context": info.context_length, "quant": info.quantization}


def gguf_facts(path):
    import gguf

    r = gguf.GGUFReader(path)
    arch = r.fields["general.architecture"].contents()
    ft = r.fields.get("general.file_type")
    return {"template": "tokenizer.chat_template" in r.fields, "arch": arch,
            "params": sum(int(t.n_elements) for t in r.tensors),
            "context": r.fields[f"{arch}.context_length"].contents(),
            "quant": gguf.LlamaFileType(ft.contents()).name if ft else None}


def timed(fn, path, runs):
    secs = []
    for _ in range(runs):
        t = time.perf_counter()
        facts = fn(path)
        secs.append(time.perf_counter() - t)
    tracemalloc.start()
    fn(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"median_s": round(statistics.median(secs), 3), "peak_mb": round(peak / 1e6, 1), "facts": facts}


def error_of(fn, path):
    try:
        fn(path)
        return "accepted"
    except (GGUFError, ValueError, KeyError, IndexError) as e:
        return f"{type(e).__name__}: {e}"[:200]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--gguf-path", required=True, help="folder where the gguf package was installed")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    sys.path.insert(0, args.gguf_path)
    paths = [Path(f) for f in args.files] or [bundled_chat_model_path()] + ([QWEN] if QWEN.is_file() else [])
    out = {"files": {}, "damaged": {}}
    for p in paths:
        out["files"][p.name] = {"size_mb": round(p.stat().st_size / 1e6), "locum": timed(locum_facts, p, args.runs),
                                "gguf": timed(gguf_facts, p, args.runs)}
    with tempfile.TemporaryDirectory() as tmp:
        src = paths[0].read_bytes()
        cut = Path(tmp) / "half.gguf"
        cut.write_bytes(src[: len(src) // 2])
        text = Path(tmp) / "notes.gguf"
        text.write_text("Meeting notes, not a model.\n" * 20)
        for name, p in (("truncated to half", cut), ("text file", text)):
            out["damaged"][name] = {"locum": error_of(locum_facts, p), "gguf": error_of(gguf_facts, p)}
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
