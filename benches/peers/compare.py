#!/usr/bin/env python3
"""clustergraph against its peers (NetworkX, igraph, rustworkx, NetworKit) on the same graphs.

Runs the same work in each tool on the same edge lists from ../shared/data: every node metric
the tool has, bridges, louvain, label propagation, connected components and one shortest path,
timing only the computation (loading the graph is its own row). Each tool runs in a
subprocess, one task after another; a task that takes longer than --timeout is killed and
reported as "> N s", and the tool goes on with the next task in a fresh process. Runs known to
take far longer than the timeout (NetworkX's all-pairs metrics on the large graphs, its
constraint) are not started, and the table says so with the estimate.
clustergraph runs through its release binary:

    target/release/clustergraph --graph FILE query --format json "centrality betweenness; ..."

reading each statement's `elapsed_ms`; a statement that fails is reported as an error in the
table, and the remaining statements run in a new process.

Writes docs/benchmarks.md (machine, command, versions, one table per graph). Usage, from the
repository root, after `cargo build --release -p clustergraph`:

    python3 benches/peers/compare.py                      # everything (a few hours)
    python3 benches/peers/compare.py --graphs facebook_combined --tasks components,path,pagerank
    python3 benches/peers/compare.py --peers clustergraph,igraph --out /tmp/bench.md

The peers' virtual environment is benches/peers/.venv, made by benches/peers/setup.sh on the
first run. NetworKit and rustworkx run on 2 threads (NetworKit's setNumberOfThreads,
RAYON_NUM_THREADS for rustworkx and clustergraph); NetworkX and igraph are single-threaded.
"""

import argparse
import json
import os
import pathlib
import platform
import queue
import re
import shlex
import signal
import subprocess
import sys
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DATA = ROOT.parent / "shared" / "data"
VENV_PY = HERE / ".venv" / "bin" / "python"
THREADS = 2
LOADAVG = open("/proc/loadavg").read().split()[0] if os.path.exists("/proc/loadavg") else "?"

GRAPHS = ["facebook_combined", "ca-HepPh", "Email-Enron", "soc-Slashdot0902"]
PEERS = ["clustergraph", "networkx", "igraph", "rustworkx", "networkit"]
METRICS = [
    "degree", "betweenness", "closeness", "harmonic", "pagerank", "eigenvector", "katz",
    "core_number", "clustering", "constraint", "effective_size",
]
TASKS = METRICS + ["bridges", "louvain", "labelprop", "components", "path"]

# The shortest path each tool finds: from node 0 to the first node (in file order) at the
# largest distance from it, found once with a BFS: 6 steps on facebook_combined, 9 on ca-HepPh
# and Email-Enron, 8 on soc-Slashdot0902 (where 82167 is the only node that far).
PATH_ENDS = {
    "facebook_combined": ("0", "687"),
    "ca-HepPh": ("0", "3609"),
    "Email-Enron": ("0", "8554"),
    "soc-Slashdot0902": ("0", "82167"),
}

# clustergraph's statement for each task.
STATEMENTS = {
    **{m: f"centrality {m}" for m in METRICS},
    "core_number": "centrality kcore",
    "bridges": "bridges",
    "louvain": "communities louvain",
    "labelprop": "communities labelprop",
    "components": "components",
}

# NetworkX's all-pairs metrics take about n·2m Python steps of ~0.3 µs (measured here on
# email-Eu-core), its constraint about Σ deg³ steps of ~1 µs (it renormalises a neighbour's
# weights for each term), and its effective_size copies the whole graph for each node. A run
# estimated at more than SKIP_FACTOR timeouts is not started: it would only report
# "> timeout" after wasting the timeout.
NX_ALL_PAIRS = {"betweenness", "closeness", "harmonic"}
SKIP_FACTOR = 1.5


def estimate(peer, task, size):
    """Seconds a run is expected to take, where that is known to be long; else None."""
    n, m, deg3 = size
    if peer == "networkx" and task in NX_ALL_PAIRS:
        return 0.3e-6 * n * 2 * m
    if peer == "networkx" and task == "constraint":
        return 1e-6 * deg3
    if peer == "networkx" and task == "effective_size":
        return 3e-6 * n * m  # ego_graph copies the whole graph for each node
    return None


def duration(seconds):
    return f"{seconds / 3600:.0f} h" if seconds >= 5400 else f"{seconds / 60:.0f} min"


# ---------------------------------------------------------------------------------------------
# The worker: runs in benches/peers/.venv, loads one graph into one tool, runs tasks in order
# and prints one JSON line per task: {"task": T, "seconds": S} or {"task": T, "error": MSG}.


def read_edges(path):
    """The edge list as two index arrays (nodes numbered in order of first appearance, as
    clustergraph numbers them) and the id of each index."""
    import gzip

    import numpy as np

    with gzip.open(path, "rt") as f:
        tokens = [line.split("#")[0].split()[:2] for line in f]
    flat = [t for pair in tokens if len(pair) == 2 for t in pair]
    index, ids = {}, []
    for t in flat:
        if t not in index:
            index[t] = len(ids)
            ids.append(t)
    pairs = np.array([index[t] for t in flat], dtype=np.int64).reshape(-1, 2)
    return pairs, ids, index


def load_networkx(pairs, n):
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(map(tuple, pairs.tolist()))
    g.remove_edges_from(list(nx.selfloop_edges(g)))
    return g


def load_igraph(pairs, n):
    import igraph as ig

    g = ig.Graph(n=n, edges=pairs, directed=False)
    g.simplify()
    return g


def load_rustworkx(pairs, n):
    import rustworkx as rx

    g = rx.PyGraph(multigraph=False)
    g.add_nodes_from(range(n))
    g.add_edges_from_no_data([(a, b) for a, b in pairs.tolist() if a != b])
    return g


def load_networkit(pairs, n):
    import networkit as nk
    import numpy as np

    nk.setNumberOfThreads(THREADS)
    keep = pairs[:, 0] != pairs[:, 1]
    rows, cols = pairs[keep, 0], pairs[keep, 1]
    g = nk.graph.GraphFromCoo((np.ones(len(rows)), (rows, cols)), n=n, directed=False)
    g.removeMultiEdges()
    return g


def networkx_tasks(g, s, t):
    import networkx as nx

    return {
        "degree": lambda: dict(g.degree()),
        "betweenness": lambda: nx.betweenness_centrality(g),
        "closeness": lambda: nx.closeness_centrality(g),
        "harmonic": lambda: nx.harmonic_centrality(g),
        "pagerank": lambda: nx.pagerank(g),
        "eigenvector": lambda: nx.eigenvector_centrality(g),
        "katz": lambda: nx.katz_centrality(g),
        "core_number": lambda: nx.core_number(g),
        "clustering": lambda: nx.clustering(g),
        "constraint": lambda: nx.constraint(g),
        "effective_size": lambda: nx.effective_size(g),
        "bridges": lambda: (list(nx.bridges(g)), list(nx.articulation_points(g))),
        "louvain": lambda: nx.community.louvain_communities(g, seed=0),
        "labelprop": lambda: list(nx.community.label_propagation_communities(g)),
        "components": lambda: list(nx.connected_components(g)),
        "path": lambda: nx.shortest_path(g, s, t),
    }


def igraph_tasks(g, s, t):
    return {
        "degree": g.degree,
        "betweenness": g.betweenness,
        "closeness": g.closeness,
        "harmonic": g.harmonic_centrality,
        "pagerank": g.pagerank,
        "eigenvector": g.eigenvector_centrality,
        "core_number": g.coreness,
        "clustering": g.transitivity_local_undirected,
        "constraint": g.constraint,
        "bridges": lambda: (g.bridges(), g.articulation_points()),
        "louvain": g.community_multilevel,
        "labelprop": g.community_label_propagation,
        "components": g.connected_components,
        "path": lambda: g.get_shortest_path(s, t),
    }


def rustworkx_tasks(g, s, t):
    import rustworkx as rx

    # rustworkx's pagerank takes a directed graph: the symmetric copy, made before timing.
    directed = g.to_directed()
    return {
        "degree": lambda: rx.degree_centrality(g),
        "betweenness": lambda: rx.betweenness_centrality(g),
        "closeness": lambda: rx.closeness_centrality(g),
        "pagerank": lambda: rx.pagerank(directed),
        "eigenvector": lambda: rx.eigenvector_centrality(g),
        "katz": lambda: rx.katz_centrality(g),
        "core_number": lambda: rx.core_number(g),
        "bridges": lambda: (rx.bridges(g), rx.articulation_points(g)),
        "components": lambda: rx.connected_components(g),
        "path": lambda: rx.dijkstra_shortest_paths(g, s, target=t),
    }


def networkit_tasks(g, s, t):
    import networkit as nk

    c = nk.centrality
    return {
        "degree": lambda: c.DegreeCentrality(g).run(),
        "betweenness": lambda: c.Betweenness(g, normalized=True).run(),
        "closeness": lambda: c.Closeness(g, True, c.ClosenessVariant.GENERALIZED).run(),
        "harmonic": lambda: c.HarmonicCloseness(g, normalized=False).run(),
        "pagerank": lambda: c.PageRank(g).run(),
        "eigenvector": lambda: c.EigenvectorCentrality(g).run(),
        "katz": lambda: c.KatzCentrality(g).run(),
        "core_number": lambda: c.CoreDecomposition(g).run(),
        "clustering": lambda: c.LocalClusteringCoefficient(g).run(),
        "louvain": lambda: nk.community.PLM(g).run(),
        "labelprop": lambda: nk.community.PLP(g).run(),
        "components": lambda: nk.components.ConnectedComponents(g).run(),
        "path": lambda: nk.distance.BFS(g, s, True, False, t).run().getPath(t),
    }


WORKERS = {
    "networkx": (load_networkx, networkx_tasks),
    "igraph": (load_igraph, igraph_tasks),
    "rustworkx": (load_rustworkx, rustworkx_tasks),
    "networkit": (load_networkit, networkit_tasks),
}


def version(peer):
    import importlib.metadata

    return importlib.metadata.version(peer)


def worker(peer, graph, tasks):
    def say(**kv):
        print(json.dumps(kv), flush=True)

    load, make = WORKERS[peer]
    say(version=version(peer))
    start = time.perf_counter()
    pairs, ids, index = read_edges(DATA / f"{graph}.el.gz")
    g = load(pairs, len(ids))
    say(task="load", seconds=time.perf_counter() - start)
    s, t = (index[x] for x in PATH_ENDS[graph])
    table = make(g, s, t)
    for task in tasks:
        fn = table.get(task)
        if fn is None:
            say(task=task, missing=True)
            continue
        start = time.perf_counter()
        try:
            fn()
        except Exception as e:  # a peer's own failure (e.g. not converging) is a result
            say(task=task, error=f"{type(e).__name__}: {e}"[:200])
            continue
        say(task=task, seconds=time.perf_counter() - start)


# ---------------------------------------------------------------------------------------------
# The driver.


class Results:
    """results[graph][task][tool] = seconds (float) or a note (str)."""

    def __init__(self):
        self.cells = {}
        self.versions = {}

    def put(self, graph, task, tool, value):
        self.cells.setdefault(graph, {}).setdefault(task, {})[tool] = value
        shown = f"{value:.3f} s" if isinstance(value, float) else value
        print(f"  {graph} {tool} {task}: {shown}", flush=True)


def stream(cmd, env, timeout, on_line):
    """Runs `cmd`, calling on_line for each stdout line; returns (exit code or None if it
    was killed after `timeout` seconds without a line, stderr)."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=env, start_new_session=True)
    lines: queue.Queue = queue.Queue()
    err: list[str] = []

    def pump_out():
        for line in p.stdout:
            lines.put(line)
        lines.put(None)

    def pump_err():
        for line in p.stderr:
            err.append(line)

    threads = [threading.Thread(target=f, daemon=True) for f in (pump_out, pump_err)]
    for th in threads:
        th.start()
    code, line = None, ""
    while True:
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            os.killpg(p.pid, signal.SIGKILL)
            break
        if line is None:
            break
        on_line(line)
    p.wait()
    if line is None:
        code = p.returncode
    # The pipes close when the process ends: the stderr reader finishes in a moment.
    for th in threads:
        th.join(timeout=10)
    # A diagnostic states its error at the head, a Python traceback at the tail: keep both.
    text = "".join(err)
    return code, text if len(text) <= 65536 else text[:32768] + text[-32768:]


def run_peer(peer, graph, tasks, args, results):
    """Runs the tasks in order in worker subprocesses; after a timeout or a crash, the rest in
    a fresh one (which loads the graph again; the first loading time stands)."""
    skip = set()
    for task in tasks:
        est = estimate(peer, task, args.sizes[graph])
        if est is not None and est > SKIP_FACTOR * args.timeout:
            skip.add(task)
            results.put(graph, task, peer, f"skipped (about {duration(est)})")
    todo = [t for t in tasks if t not in skip]
    env = dict(os.environ, RAYON_NUM_THREADS=str(THREADS), OMP_NUM_THREADS=str(THREADS))
    first = True
    while True:
        done = []

        def on_line(line):
            try:
                msg = json.loads(line)
            except json.JSONDecodeError:
                return
            if "version" in msg:
                results.versions[peer] = msg["version"]
                return
            task = msg["task"]
            done.append(task)
            if task == "load" and not first:
                return
            if "seconds" in msg:
                results.put(graph, task, peer, msg["seconds"])
            elif msg.get("missing"):
                results.put(graph, task, peer, "—")
            else:
                results.put(graph, task, peer, "error: " + msg["error"])

        cmd = [str(VENV_PY), __file__, "--worker", peer, graph, ",".join(todo)]
        code, err = stream(cmd, env, args.timeout, on_line)
        why = f"> {args.timeout:.0f} s" if code is None else f"error: {last_line(err)}"
        if "load" not in done:
            if first:
                results.put(graph, "load", peer, why)
            for task in todo:
                results.put(graph, task, peer, "not run (the graph did not load)")
            return
        first = False
        rest = [t for t in todo if t not in done]
        if not rest:
            return
        results.put(graph, rest[0], peer, why)
        todo = rest[1:]
        if not todo:
            return


def last_line(text):
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[-1][:200] if lines else "the process failed with no message"


def run_clustergraph(graph, tasks, args, results):
    """Runs the statements in one process; after a failing statement, the rest in a new one."""
    binary = pathlib.Path(args.clustergraph)
    path = DATA / f"{graph}.el.gz"
    env = dict(os.environ, RAYON_NUM_THREADS=str(THREADS))
    if not binary.exists():
        for task in ["load"] + tasks:
            results.put(graph, task, "clustergraph", f"error: {binary} is absent")
        return
    v = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    results.versions["clustergraph"] = v.strip().removeprefix("clustergraph").strip() + (
        f" (commit {commit})" if commit else "")
    # Loading: the wall time of a run with no statement (start, read, build the session).
    start = time.perf_counter()
    try:
        r = subprocess.run([str(binary), "--graph", str(path), "query", ""],
                           capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        results.put(graph, "load", "clustergraph", f"> {args.timeout:.0f} s")
        return
    if r.returncode != 0:
        results.put(graph, "load", "clustergraph", f"error: {last_line(r.stderr)}")
        return
    results.put(graph, "load", "clustergraph", time.perf_counter() - start)
    s, t = PATH_ENDS[graph]
    statement = {**STATEMENTS, "path": f"path {s} to {t}"}
    todo = list(tasks)
    while todo:
        text = "; ".join(statement[task] for task in todo)
        by_text = {statement[task]: task for task in todo}
        done = []

        def on_line(line):
            # Only the statement (the first key) and elapsed_ms (the last) are read: parsing
            # a whole line (megabytes for a listing of every node) would take this process
            # CPU time while clustergraph runs its next statement on the same two cores.
            head = re.match(r'\{"statement":\s*("(?:[^"\\]|\\.)*")', line)
            tail = re.search(r'"elapsed_ms":\s*([0-9.eE+-]+)\s*\}\s*$', line[-64:])
            if head is None or tail is None:
                return
            task = by_text.get(json.loads(head.group(1)).strip())
            if task is not None:
                done.append(task)
                results.put(graph, task, "clustergraph", float(tail.group(1)) / 1000.0)

        cmd = [str(binary), "--graph", str(path), "--format", "json", "query", text]
        code, err = stream(cmd, env, args.timeout, on_line)
        rest = [t for t in todo if t not in done]
        if not rest:
            break
        if code is None:
            results.put(graph, rest[0], "clustergraph", f"> {args.timeout:.0f} s")
        else:
            lines = [ln for ln in err.splitlines() if ln.strip()]
            first = next((ln for ln in lines if ln.startswith("error")), lines[0] if lines else "failed")
            first = first.strip().removeprefix("error:").strip()
            results.put(graph, rest[0], "clustergraph", f"error: {first[:150]}")
        todo = rest[1:]


# ---------------------------------------------------------------------------------------------
# The report.


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} logical cores, {mem} memory, {platform.system()} {platform.release()}"


def cell(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v * 1000:.1f} ms" if v < 1 else f"{v:.2f} s"
    return v.replace("|", "\\|")


def report(results, graphs, tasks, peers, command, sizes):
    lines = [
        "# clustergraph against its peers",
        "",
        "Written by `benches/peers/compare.py`; do not edit by hand. Times are of the",
        "computation only (loading the graph is its own row), one run each, on a machine that",
        "may be shared: read ratios, not digits. \"—\" means the tool has no such function;",
        "\"skipped (about T)\" a run estimated to take T (see `estimate` in the script);",
        "\"> N s\" a run killed after N seconds.",
        "The ratio is clustergraph's time over the fastest peer's (below 1: clustergraph is",
        "faster).",
        "",
        f"- Machine: {machine()}; load average {LOADAVG} when the run started",
        f"- Command: `{command}`",
        f"- Threads: NetworKit, rustworkx and clustergraph {THREADS} (NetworKit's "
        "setNumberOfThreads, RAYON_NUM_THREADS); NetworkX and igraph run on one.",
        "- Versions: " + ", ".join(f"{p} {results.versions.get(p, '?')}" for p in peers),
        f"- Python {platform.python_version()}",
        "",
        "Notes: NetworkX's louvain runs with seed 0; igraph's betweenness is not normalised",
        "(the work is the same); rustworkx's pagerank runs on the graph's symmetric directed",
        "copy, made before timing; peers load through Python (gzip, then the tool's",
        "constructor from an edge array), clustergraph through its own loader.",
    ]
    for graph in graphs:
        if graph not in results.cells:
            continue
        n, m, _ = sizes.get(graph, ("?", "?", 0))
        lines += ["", f"## {graph} ({n} nodes, {m} edges)", ""]
        lines.append("| task | " + " | ".join(peers) + " | clustergraph / fastest peer |")
        lines.append("|---" * (len(peers) + 2) + "|")
        for task in ["load"] + tasks:
            row = results.cells[graph].get(task, {})
            ours = row.get("clustergraph")
            theirs = [v for p, v in row.items() if p != "clustergraph" and isinstance(v, float)]
            ratio = ""
            if isinstance(ours, float) and theirs and min(theirs) > 0:
                ratio = f"{ours / min(theirs):.2f}"
            name = "path " + " to ".join(PATH_ENDS[graph]) if task == "path" else task
            lines.append(f"| {name} | " + " | ".join(cell(row.get(p)) for p in peers)
                         + f" | {ratio} |")
    return "\n".join(lines) + "\n"


def graph_size(graph):
    """Nodes, undirected simple edges and Σ deg³ (for `estimate`)."""
    import gzip

    nodes, edges = set(), set()
    with gzip.open(DATA / f"{graph}.el.gz", "rt") as f:
        for line in f:
            p = line.split("#")[0].split()
            if len(p) >= 2:
                nodes.update(p[:2])
                if p[0] != p[1]:
                    edges.add((p[0], p[1]) if p[0] < p[1] else (p[1], p[0]))
    degree: dict[str, int] = {}
    for a, b in edges:
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
    return len(nodes), len(edges), sum(d**3 for d in degree.values())


def kept_sections(out):
    """The sections other scripts wrote into the file (between `<!-- NAME.py -->` and
    `<!-- /NAME.py -->`, such as import.py's), kept at its end."""
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    found = re.finditer(r"<!-- ([\w.-]+\.py) -->.*?<!-- /\1 -->\n?", old, flags=re.S)
    return "".join("\n" + m.group(0) for m in found)


def ensure_venv():
    if not VENV_PY.exists():
        print("making benches/peers/.venv (benches/peers/setup.sh) ...", flush=True)
        subprocess.run(["bash", str(HERE / "setup.sh")], check=True)


def pick(value, known, what):
    chosen = value.split(",") if value else list(known)
    unknown = [c for c in chosen if c not in known]
    if unknown:
        sys.exit(f"unknown {what}: {', '.join(unknown)} (known: {', '.join(known)})")
    return chosen


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3], [t for t in sys.argv[4].split(",") if t])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--graphs", help="comma-separated, from: " + ", ".join(GRAPHS))
    ap.add_argument("--tasks", help="comma-separated, from: " + ", ".join(TASKS))
    ap.add_argument("--peers", help="comma-separated, from: " + ", ".join(PEERS))
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per task (600)")
    ap.add_argument("--clustergraph", default=str(ROOT / "target" / "release" / "clustergraph"),
                    help="the clustergraph binary (target/release/clustergraph)")
    ap.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    args = ap.parse_args()
    graphs = pick(args.graphs, GRAPHS, "graphs")
    tasks = pick(args.tasks, TASKS, "tasks")
    peers = pick(args.peers, PEERS, "peers")
    command = "python3 benches/peers/compare.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    if any(p != "clustergraph" for p in peers):
        ensure_venv()
    results = Results()
    sizes = args.sizes = {}
    for graph in graphs:
        if not (DATA / f"{graph}.el.gz").exists():
            print(f"skipped {graph}: {DATA / graph}.el.gz is absent", file=sys.stderr)
            continue
        sizes[graph] = graph_size(graph)
        print(f"{graph}: {sizes[graph][0]} nodes, {sizes[graph][1]} edges", flush=True)
        for peer in peers:
            if peer == "clustergraph":
                run_clustergraph(graph, tasks, args, results)
            else:
                run_peer(peer, graph, tasks, args, results)
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = report(results, graphs, tasks, peers, command, sizes)
    out.write_text(text + kept_sections(out), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
