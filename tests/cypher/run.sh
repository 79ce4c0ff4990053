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
# root, bin (the binary) and python (this folder's .venv): see tests/prepare.sh.
source "$here/../prepare.sh"

export PYTHONDONTWRITEBYTECODE=1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The comparison itself first (test_oracle.py), then the suite.
(cd "$here" && "$python" -m unittest --quiet test_oracle)
"$python" "$here/oracle.py" --bin "$bin" --work "$work" "$@"
