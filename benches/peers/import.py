#!/usr/bin/env python3
"""Importing soc-Slashdot0902: clustergraph against igraph, NetworKit and rustworkx, each
reading the same two files in one run.

- the edge list: ../shared/data/soc-Slashdot0902.el.gz inflated to a plain text file (one
  `a b` a line, 870161 lines), read by clustergraph's loader (`--graph FILE`), igraph's
  `Graph.Read_Ncol`, NetworKit's `EdgeListReader` and rustworkx's `PyDiGraph.read_edge_list`;
- the CSV: the same graph as clustergraph's `export csv` writes it (nodes.csv and edges.csv in
  Neo4j's import header convention), read by clustergraph's loader and, for the peers, which
  have no reader of that convention, by pandas' `read_csv` (its C parser) then each tool's
  constructor from the id arrays (igraph keeps every column as an attribute).

Each read runs in a fresh process, --runs times, and the fastest is reported: on a machine
shared with other work, the least disturbed run. A peer's time is
measured inside its process, after Python has started and imported the tool; clustergraph's
is the wall time of `clustergraph --graph FILE query ""`, which also starts the process and
builds the session's adjacency (what `compare.py` reports as its load). Usage, from the
repository root, after `cargo build --release -p clustergraph`:

    nice -n 10 python3 benches/peers/import.py            # writes its section of docs/benchmarks.md
    python3 benches/peers/import.py --runs 1 --out /tmp/import.md

The section lies between `<!-- import.py -->` and `<!-- /import.py -->` in the output file
(added at its end the first time); the rest of the file is kept, and `compare.py` keeps the
section when it rewrites the file. The peers' environment is benches/peers/.venv
(benches/peers/setup.sh).
"""

import argparse
import gzip
import json
import os
import pathlib
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DATA = ROOT.parent / "shared" / "data"
GRAPH = "soc-Slashdot0902"
VENV_PY = HERE / ".venv" / "bin" / "python"
PEERS = ["igraph", "networkit", "rustworkx"]
FORMATS = ["edge list", "CSV"]
BEGIN, END = "<!-- import.py -->", "<!-- /import.py -->"


def read_csv_frames(folder):
    import pandas as pd

    nodes = pd.read_csv(folder / "nodes.csv", dtype={"id:ID": str, "name": str})
    edges = pd.read_csv(folder / "edges.csv", dtype={":START_ID": str, ":END_ID": str})
    ids = pd.Index(nodes["id:ID"])
    src = ids.get_indexer(edges[":START_ID"])
    dst = ids.get_indexer(edges[":END_ID"])
    if (src < 0).any() or (dst < 0).any():
        raise ValueError("an edge's end is not a node")
    return nodes, edges, src, dst


def igraph_read(fmt, path):
    import igraph as ig

    if fmt == "edge list":
        return ig.Graph.Read_Ncol(str(path), names=True, weights="if_present", directed=True)
    import numpy as np

    nodes, edges, src, dst = read_csv_frames(path)
    g = ig.Graph(n=len(nodes), edges=np.column_stack([src, dst]), directed=True)
    for column in nodes.columns:
        g.vs[column] = nodes[column].tolist()
    for column in edges.columns[2:]:
        g.es[column] = edges[column].tolist()
    return g


def networkit_read(fmt, path):
    import networkit as nk
    import numpy as np

    nk.setNumberOfThreads(2)
    if fmt == "edge list":
        reader = nk.graphio.EdgeListReader(" ", 0, "#", continuous=False, directed=True)
        return reader.read(str(path))
    nodes, _, src, dst = read_csv_frames(path)
    return nk.graph.GraphFromCoo((np.ones(len(src)), (src, dst)), n=len(nodes), directed=True)


def rustworkx_read(fmt, path):
    import rustworkx as rx

    if fmt == "edge list":
        return rx.PyDiGraph.read_edge_list(str(path), comment="#", deliminator=" ")
    nodes, _, src, dst = read_csv_frames(path)
    g = rx.PyDiGraph()
    g.add_nodes_from(nodes["id:ID"].tolist())
    g.add_edges_from_no_data(list(zip(src.tolist(), dst.tolist())))
    return g


READERS = {"igraph": igraph_read, "networkit": networkit_read, "rustworkx": rustworkx_read}
MODULES = {"igraph": "igraph", "networkit": "networkit", "rustworkx": "rustworkx"}


def worker(peer, fmt, path):
    """In the peers' environment: imports the tool (untimed), then reads and builds."""
    import importlib

    importlib.import_module(MODULES[peer])
    if fmt == "CSV":
        import pandas  # noqa: F401  (imported before the clock starts, as the tool is)
    start = time.perf_counter()
    g = READERS[peer](fmt, pathlib.Path(path))
    seconds = time.perf_counter() - start
    counts = {
        "igraph": lambda: (g.vcount(), g.ecount()),
        "networkit": lambda: (g.numberOfNodes(), g.numberOfEdges()),
        "rustworkx": lambda: (g.num_nodes(), g.num_edges()),
    }[peer]()
    print(json.dumps({"seconds": seconds, "nodes": counts[0], "edges": counts[1]}))


def machine():
    cpu, mem = "unknown CPU", "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    return f"{cpu}, {os.cpu_count()} logical cores, {mem} memory, {platform.system()} {platform.release()}"


def peer_version(peer):
    code = f"import importlib.metadata as m; print(m.version({peer!r}))"
    return subprocess.run([str(VENV_PY), "-c", code], capture_output=True, text=True).stdout.strip()


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3], sys.argv[4])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="reads of each file by each tool (5)")
    ap.add_argument("--clustergraph", default=str(ROOT / "target" / "release" / "clustergraph"))
    ap.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    args = ap.parse_args()
    args_text = " ".join(shlex.quote(a) for a in sys.argv[1:])
    command = f"python3 benches/peers/import.py {args_text}".strip()
    binary = pathlib.Path(args.clustergraph)
    if not VENV_PY.exists():
        subprocess.run(["bash", str(HERE / "setup.sh")], check=True)
    load_avg = open("/proc/loadavg").read().split()[0]
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        edge_list = tmp / f"{GRAPH}.el"
        with gzip.open(DATA / f"{GRAPH}.el.gz", "rb") as src, open(edge_list, "wb") as dst:
            shutil.copyfileobj(src, dst)
        folder = tmp / "csv"
        subprocess.run([str(binary), "--graph", str(edge_list), "query", f"export csv {folder}"],
                       check=True, capture_output=True)
        files = {"edge list": edge_list, "CSV": folder}
        sizes = {
            "edge list": edge_list.stat().st_size,
            "CSV": sum(f.stat().st_size for f in folder.iterdir()),
        }
        expected = None
        for fmt, path in files.items():
            for run in range(args.runs):
                start = time.perf_counter()
                r = subprocess.run([str(binary), "--graph", str(path), "--format", "json",
                                    "query", ""], capture_output=True, text=True)
                seconds = time.perf_counter() - start
                if r.returncode != 0:
                    sys.exit(f"clustergraph could not read {path}: {r.stderr}")
                times.setdefault((fmt, "clustergraph"), []).append(seconds)
                for peer in PEERS:
                    r = subprocess.run([str(VENV_PY), __file__, "--worker", peer, fmt, str(path)],
                                       capture_output=True, text=True)
                    if r.returncode != 0:
                        sys.exit(f"{peer} could not read {path}: {r.stderr[-2000:]}")
                    out = json.loads(r.stdout.strip().splitlines()[-1])
                    got = (out["nodes"], out["edges"])
                    if expected is None:
                        expected = got
                    if got != expected:
                        sys.exit(f"{peer} read {got} nodes and edges from {path}, not {expected}")
                    times.setdefault((fmt, peer), []).append(out["seconds"])
                print(f"{fmt}: run {run + 1} of {args.runs} done", flush=True)
    stats_out = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    versions = [f"clustergraph {stats_out.strip().removeprefix('clustergraph').strip()} (commit {commit})"]
    versions += [f"{p} {peer_version(p)}" for p in PEERS] + [f"pandas {peer_version('pandas')}"]
    tools = ["clustergraph"] + PEERS
    lines = [
        BEGIN,
        "",
        f"## Import: {GRAPH} ({expected[0]} nodes, {expected[1]} edges)",
        "",
        "Written by `benches/peers/import.py` (its docstring says what each tool runs); the",
        f"fastest of {args.runs} reads of the same file by each tool, each in a fresh process. A",
        "peer's time starts after Python and the tool are loaded; clustergraph's is its whole",
        "process (start, read, build the graph and the session's adjacency). The ratio is",
        "clustergraph's time over the fastest peer's (below 1: clustergraph is faster).",
        "rustworkx's and NetworKit's edge-list readers build the bare graph of integer ids;",
        "clustergraph also keeps each id as the node's name, indexes names for lookups and",
        "builds the analytic adjacency, which its load includes.",
        "",
        f"- Machine: {machine()}; load average {load_avg} when the run started",
        f"- Command: `nice -n 10 {command}`",
        "- Versions: " + ", ".join(versions),
        "",
        "| file | size | " + " | ".join(tools) + " | clustergraph / fastest peer |",
        "|---" * (len(tools) + 3) + "|",
    ]
    for fmt in FORMATS:
        best = {t: min(times[(fmt, t)]) for t in tools}
        ratio = best["clustergraph"] / min(best[p] for p in PEERS)
        cells = " | ".join(f"{best[t]:.2f} s" for t in tools)
        lines.append(f"| {fmt} | {sizes[fmt] / 1e6:.1f} MB | {cells} | {ratio:.2f} |")
    lines += ["", END]
    section = "\n".join(lines) + "\n"
    out = pathlib.Path(args.out)
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    if BEGIN in old and END in old:
        before, rest = old.split(BEGIN, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        text = before + section + ("\n" + after if after else "")
    else:
        text = old + ("\n" if old and not old.endswith("\n\n") else "") + section
    out.write_text(text, encoding="utf-8")
    print(section)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
