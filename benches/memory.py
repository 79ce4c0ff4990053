#!/usr/bin/env python3
"""Peak memory of opening a graph and running PageRank: clustergraph against igraph.

Usage, from the repository root, after `cargo build --release -p clustergraph`:

    python3 benches/memory.py [GRAPH]        # default ../shared/data/soc-Slashdot0902.el.gz

Each measurement runs in a child process of its own and reports that child's peak resident
set (getrusage's ru_maxrss), so the numbers are the whole process: the loaded graph, the
analytic views, the interpreter for igraph. igraph reads the same edge list (decompressed
once to a temporary file) with its own C reader, the cheapest way in for it, and simplifies
it to the undirected simple graph, as clustergraph's analytics see it. The bytes per edge of
clustergraph's analytic views come from `cargo run --release -p clustergraph-core --example
view_bytes`. Prints a Markdown section for docs/benchmarks.md.
"""

import gzip
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
BINARY = ROOT / "target" / "release" / "clustergraph"
VENV_PY = HERE / "peers" / ".venv" / "bin" / "python"


def peak_kib(cmd):
    """The peak resident set of `cmd`, run alone in a fresh child, in KiB."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "if r.returncode: sys.exit(r.returncode)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *map(str, cmd)],
                         capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def main():
    graph = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else
                         ROOT.parent / "shared" / "data" / "soc-Slashdot0902.el.gz")
    if not VENV_PY.exists():
        subprocess.run(["bash", str(HERE / "peers" / "setup.sh")], check=True)
    views = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "-p", "clustergraph-core", "--example",
         "view_bytes", "--", str(graph)],
        cwd=ROOT, capture_output=True, text=True, check=True).stdout
    edges = int(views.split()[3])
    with tempfile.TemporaryDirectory() as tmp:
        plain = pathlib.Path(tmp) / "graph.txt"
        with gzip.open(graph, "rb") as src, open(plain, "wb") as dst:
            shutil.copyfileobj(src, dst)
        igraph_code = (
            "import igraph as ig, sys\n"
            "g = ig.Graph.Read_Edgelist(sys.argv[1], directed=False)\n"
            "g.simplify()\n"
            "g.pagerank()\n"
        )
        rows = [
            ("clustergraph: open", peak_kib([BINARY, "--graph", graph, "query", ""])),
            ("clustergraph: open, then `centrality pagerank top 10`",
             peak_kib([BINARY, "--graph", graph, "query", "centrality pagerank top 10"])),
            ("igraph: the interpreter and `import igraph` alone",
             peak_kib([VENV_PY, "-c", "import igraph"])),
            ("igraph: `Read_Edgelist`, `simplify`, then `pagerank`",
             peak_kib([VENV_PY, "-c", igraph_code, plain])),
        ]
    print(f"## Memory: {graph.name} ({edges} edges in the file)\n")
    print(f"Command: `python3 benches/memory.py {graph}`\n")
    print("| process | peak resident memory | per edge of the file |")
    print("|---|---|---|")
    for name, kib in rows:
        print(f"| {name} | {kib / 1024:.1f} MiB | {kib * 1024 / edges:.0f} bytes |")
    print("\nclustergraph's analytic views (`view_bytes`):\n")
    for line in views.splitlines()[1:]:
        print(f"- {line}")


if __name__ == "__main__":
    main()
