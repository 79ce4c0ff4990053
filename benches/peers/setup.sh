#!/usr/bin/env bash
# Creates benches/peers/.venv with the peers of benches/peers/compare.py (which calls this
# script itself when the environment is missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python3 -m venv "$here/.venv"
"$here/.venv/bin/pip" install --quiet --upgrade pip
"$here/.venv/bin/pip" install --quiet --only-binary=:all: -r "$here/requirements.txt"
echo "ready: $here/.venv/bin/python"
