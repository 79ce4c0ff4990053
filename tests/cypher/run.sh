#!/usr/bin/env bash
# The Cypher oracle (issue 14): the pattern queries of tests/cypher/suite.toml run on
# clustergraph and on LadybugDB (PyPI `ladybug`, the maintained fork of Kùzu) loaded with the
# same graphs (the seed graph, keep.eu's export, and the two joined), written by clustergraph's
# `export csv` and read with one node table per label and one relationship table per type
# (ladybug_load.py); the rows must agree (oracle.py says how they are compared and prints each
# failing query with both row sets).
# It makes its own environment, tests/cypher/.venv (requirements.txt, ignored by git), and
# reuses it. The binary is $CLUSTERGRAPH, or target/debug/clustergraph (brought up to date).
# Arguments are passed to oracle.py: `--only NAME,...`, `--ladybug-only` (LadybugDB's side
# alone: checks that every query of the suite runs there).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${CLUSTERGRAPH:-$root/target/debug/clustergraph}"
if [ -z "${CLUSTERGRAPH:-}" ]; then
    cargo build --quiet --locked --manifest-path "$root/Cargo.toml" --bin clustergraph
fi

# The Python environment, made again when requirements.txt changes.
python="$here/.venv/bin/python"
if ! cmp -s "$here/requirements.txt" "$here/.venv/requirements.txt" 2>/dev/null; then
    rm -rf "$here/.venv"
    python3 -m venv "$here/.venv"
    "$python" -m pip install --quiet --upgrade pip
    "$python" -m pip install --quiet --only-binary=:all: -r "$here/requirements.txt"
    cp "$here/requirements.txt" "$here/.venv/requirements.txt"
fi

export PYTHONDONTWRITEBYTECODE=1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$python" "$here/oracle.py" --bin "$bin" --work "$work" "$@"
