#!/usr/bin/env bash
# Creates benches/.venv with the Python peers used for reference values and comparisons.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python3 -m venv "$here/.venv"
"$here/.venv/bin/pip" install --quiet --upgrade pip
"$here/.venv/bin/pip" install --quiet -r "$here/requirements.txt"
echo "ready: $here/.venv/bin/python"
