#!/usr/bin/env bash
# Set up (if needed) and run every check: the layer contract, then the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/lint-imports
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
