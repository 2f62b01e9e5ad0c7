#!/usr/bin/env bash
# Start Locum. With arguments, runs the `locum` command (e.g. `scripts/run.sh search "fee"`).
# With none, opens the desktop window (or, until one exists, indexes the sample documents).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ $# -gt 0 ]; then
  exec .venv/bin/locum "$@"
fi
if .venv/bin/python -c "import desktop.app" 2>/dev/null; then
  exec .venv/bin/python -m desktop
fi
.venv/bin/locum index resources/samples && .venv/bin/locum status
