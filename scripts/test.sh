#!/usr/bin/env bash
# Set up (if needed) and run every check: the layer contract, then the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/lint-imports
if [ $# -gt 0 ]; then
  exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
fi
# The window's tests in a process of their own: each part starts clean (threads, Qt state).
.venv/bin/python -m pytest -q -p no:cacheprovider tests --ignore=tests/desktop
.venv/bin/python -m pytest -q -p no:cacheprovider tests/desktop
