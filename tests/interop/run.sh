#!/usr/bin/env bash
# Round trips proven by the real tools: exports the seed graph as GraphML, GEXF, node-link
# JSON and Neo4j CSV with the clustergraph binary, then
#   - NetworkX reads all four (check_networkx.py): counts, kinds, names, edge types and dates,
#     and its PageRank of each graph read back equals clustergraph's to 1e-6; and the other
#     way, clustergraph reads NetworkX's own GraphML and node-link JSON (the karate club);
#   - LadybugDB (PyPI `ladybug`, the maintained fork of Kùzu) loads the CSV folder with COPY
#     FROM (check_ladybug.py): counts, and a Cypher shortest path against `path`;
#   - graphology-gexf, Gephi Lite's parser, reads the GEXF (check_gexf.mjs).
# It makes its own environments: tests/interop/.venv (requirements.txt) and
# tests/interop/node_modules (package-lock.json), both ignored by git, and reuses them.
# The binary is $CLUSTERGRAPH, or target/debug/clustergraph (brought up to date).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# root, bin (the binary) and python (this folder's .venv): see tests/prepare.sh.
source "$here/../prepare.sh"

# The npm project, installed exactly as its lock file says.
if ! cmp -s "$here/package-lock.json" "$here/node_modules/.interop-lock.json" 2>/dev/null; then
    (cd "$here" && npm ci --no-audit --no-fund --silent)
    cp "$here/package-lock.json" "$here/node_modules/.interop-lock.json"
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$bin" query "export graphml $out/seed.graphml; export gexf $out/seed.gexf; \
export json $out/seed.json; export csv $out/csv" >/dev/null
"$bin" query --format json \
    'stats; centrality pagerank; path LE2C to "Ecotech Quebec"' >"$out/ours.jsonl"

"$python" "$here/check_networkx.py" "$out" "$bin"
"$python" "$here/check_ladybug.py" "$out"
node "$here/check_gexf.mjs" "$out"
echo "interop: 3 passed, 0 failed"
