#!/usr/bin/env bash
# Create or refresh .venv from pyproject.toml. Idempotent: a no-op when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  echo "Setting up Locum in .venv (first run: several minutes, llama.cpp compiles once)..." >&2
  "$PY" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
stamp=.venv/.locum-installed
want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  # torch first and pinned: anything looser pulls a multi-GB CUDA build.
  .venv/bin/python -m pip install --quiet "torch==2.13.0"
  .venv/bin/python -m pip install --quiet -e ".[test]"
  echo "$want" > "$stamp"
fi
# Queries are embedded by a checked ONNX export of the bundled MiniLM, made once per
# installation (about 30 s the first time; a no-op when current), so a search need not load torch.
.venv/bin/python -m models.onnx_embedder >/dev/null || echo "warning: no ONNX query embedder; searches load torch" >&2
