#!/usr/bin/env python3
"""Reference values from NetworkX for the numbers clustergraph reports.

Three parts, each selected with `--only`:

* `stats` (the original part): writes crates/query/tests/fixtures/networkx.json, which
  crates/query/tests/reference.rs compares with `stats` and `components`. It computes the
  diameter of soc-Slashdot0902 and takes about 15 minutes.
* `metrics`: writes the small fixture graphs (crates/core/tests/fixtures/graphs/*.el) and
  NetworkX's value of every node metric, bridges, articulation points, communities and
  components on each fixture graph (crates/core/tests/fixtures/networkx/*.json), which
  crates/core/tests/networkx_metrics.rs compares with clustergraph_core::algo. About 7
  minutes on two busy cores, 5 of them facebook_combined; rerunning it reproduces the
  committed files byte for byte (checked with two different PYTHONHASHSEEDs).

    bash benches/setup.sh
    benches/.venv/bin/python benches/reference.py                  # both parts
    benches/.venv/bin/python benches/reference.py --only metrics   # just the metric fixtures
    benches/.venv/bin/python benches/reference.py --only metrics --graphs karate,path
    benches/.venv/bin/python benches/reference.py --only agreement  # ARI and NMI, seconds

* `agreement`: writes crates/core/tests/fixtures/agreement.json, scikit-learn's
  `adjusted_rand_score` and `normalized_mutual_info_score` of pairs of labellings (Louvain
  partitions of NetworkX's classic graphs under different seeds, random labellings drawn
  with a fixed seed, and the limit cases), which crates/core/tests/agreement.rs compares
  with `algo::adjusted_rand_index` and `algo::normalized_mutual_info` (to 1e-9), the
  partition similarities of `compare communities`. Rerunning it rewrites the same file.

Graphs: the seed graph (read from graphs/seeds/*.toml, as the Rust loader reads it), NetworkX's
small classic graphs written out as edge lists, a few drawn ones, and the shared edge lists in
../shared/data. Every number is computed on the undirected simple view (parallel edges merged,
loops dropped), as the contract says, or on the directed simple view for the `directed` section.

Metric fixture format (one compact JSON object per graph, `networkx/NAME.json`):

    {"networkx": "3.4.2", "graph": NAME,
     "source": {"seed": true} | {"file": "graphs/NAME.el"} | {"data": "NAME.el.gz"},
     "nodes": [id, ...],            # in clustergraph's NodeIndex order (see below)
     "undirected": {
        "metrics": {METRIC: {"values": {id: number | null, ...}}
                          | {"error": "PowerIterationFailedConvergence", "message": ...}},
        "bridges": [[id, id], ...], "articulation_points": [id, ...],
        "label_propagation": [[id, ...], ...],       # the exact partition
        "louvain": [{"seed": s, "modularity": q, "communities": [[id, ...], ...]}, ...],
        "connected_components": [[id, ...], ...]},
     "directed": {"metrics": {...}}}  # only for the graphs that have a directed form

METRIC is degree (G.degree: on a DiGraph in + out), betweenness, closeness, harmonic, pagerank,
eigenvector, katz, core_number, clustering, constraint, effective_size, each NetworkX's
function with its default arguments. A value `null` is NaN (JSON has no NaN): NetworkX leaves
constraint and effective_size of an isolated node undefined. Floats are written with Python's
repr, which round-trips exactly.

Node order: clustergraph numbers the nodes of an edge list in the order the loader first meets
them (first token, then second, line by line), and those of graph sources in file-name order,
then `[[node]]` order. The NetworkX graphs here are built with integer nodes 0..n-1 in that
same order, inserted before any edge, so NetworkX's node insertion order equals clustergraph's
NodeIndex order (label propagation depends on it) and no string hashing (PYTHONHASHSEED) can
change a result. The fixture's `nodes` list is that order; the Rust test asserts it equals the
loaded graph's.
"""

import argparse
import gzip
import json
import math
import pathlib
import sys
import time
import tomllib

import networkx as nx

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "crates" / "query" / "tests" / "fixtures" / "networkx.json"
EDGE_LISTS = [
    "power.el.gz",
    "email-Eu-core.el.gz",
    "facebook_combined.el.gz",
    "ca-HepPh.el.gz",
    "Email-Enron.el.gz",
    "soc-Slashdot0902.el.gz",
]


def seed_graph() -> nx.Graph:
    g = nx.Graph()
    for path in sorted((ROOT / "graphs" / "seeds").glob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        for node in doc.get("node", []):
            g.add_node(node["id"])
        for edge in doc.get("edge", []):
            if edge["from"] != edge["to"]:
                g.add_edge(edge["from"], edge["to"])
    return g


def edge_list(name: str) -> nx.Graph:
    g = nx.Graph()
    with gzip.open(DATA / name, "rt") as f:
        for line in f:
            line = line.split("#")[0].split()
            if len(line) >= 2 and line[0] != line[1]:
                g.add_edge(line[0], line[1])
            elif len(line) >= 2:
                g.add_node(line[0])
    return g


def summary(g: nx.Graph) -> dict:
    comps = sorted((len(c) for c in nx.connected_components(g)), reverse=True)
    largest = max(nx.connected_components(g), key=len)
    return {
        "nodes": g.number_of_nodes(),
        "undirected_simple_edges": g.number_of_edges(),
        "density": nx.density(g),
        "component_sizes": comps,
        "diameter_of_largest_component": nx.diameter(g.subgraph(largest), usebounds=True),
    }


def stats_part() -> None:
    out = {"networkx": nx.__version__, "graphs": {"seed": summary(seed_graph())}}
    for name in EDGE_LISTS:
        if (DATA / name).exists():
            out["graphs"][name] = summary(edge_list(name))
    OUT.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


# ---------------------------------------------------------------------------------------------
# The metric fixtures (`--only metrics`).

FIXTURES = ROOT / "crates" / "core" / "tests" / "fixtures"
GRAPHS = FIXTURES / "graphs"
VALUES = FIXTURES / "networkx"
LOUVAIN_SEEDS = range(5)

class CachedScales:
    """NetworkX's structural-hole functions with `normalized_mutual_weight`'s normalising sum
    computed once per node instead of once per call, and without a copy of the graph per node.

    NetworkX's `constraint` recomputes that sum (a loop over the node's neighbours) for each
    of the deg(u)^2 terms of each node, which makes facebook_combined (a node of degree 1045)
    take hours; effective_size copies the whole graph once per node. The replacement below
    evaluates NetworkX's own expressions in the same order on the same integers
    (`mutual_weight` of an unweighted graph is 0, 1 or 2), so every value is bit for bit
    NetworkX's: `metrics_part` checks that on every graph of at most
    CHECK_CACHE_BELOW nodes by computing both ways.
    """

    def __init__(self, fn):
        self.fn = fn

    def __call__(self, g):
        mod = nx.algorithms.structuralholes
        original = mod.normalized_mutual_weight
        scales = {}

        def mutual_weight(u, v):
            return (1 if v in g._adj[u] else 0) + (1 if u in g._adj[v] else 0)

        def nmw(G, u, v, norm=sum, weight=None):
            assert G is g and weight is None
            scale = scales.get((u, norm))
            if scale is None:
                scale = norm(mutual_weight(u, w) for w in set(nx.all_neighbors(G, u)))
                scales[(u, norm)] = scale
            return 0 if scale == 0 else mutual_weight(u, v) / scale

        # effective_size's undirected branch calls ego_graph(undirected=True) per node, which
        # copies the whole graph (G.to_undirected()) only to run a BFS of radius 1 in it: the
        # graph itself, already undirected, gives the same BFS.
        cls = type(g)
        to_undirected = cls.to_undirected

        def same_graph(self, *args, **kwargs):
            return self if self is g else to_undirected(self, *args, **kwargs)

        mod.normalized_mutual_weight = nmw
        if not g.is_directed():
            cls.to_undirected = same_graph
        try:
            return self.fn(g)
        finally:
            mod.normalized_mutual_weight = original
            cls.to_undirected = to_undirected


CHECK_CACHE_BELOW = 200

# Each NetworkX function called with its default arguments, as the contract says.
METRICS = {
    "degree": lambda g: dict(g.degree()),
    "betweenness": nx.betweenness_centrality,
    "closeness": nx.closeness_centrality,
    "harmonic": nx.harmonic_centrality,
    "pagerank": nx.pagerank,
    "eigenvector": nx.eigenvector_centrality,
    "katz": nx.katz_centrality,
    "core_number": nx.core_number,
    "clustering": nx.clustering,
    "constraint": CachedScales(nx.constraint),
    "effective_size": CachedScales(nx.effective_size),
}

# The graph of several components: `x x` creates node x (the edge-list loader adds the node of
# a self-loop line and keeps the loop as an edge), and the simple views drop the loop, so it
# is how an edge list says "an isolated node". Also a parallel edge, a reciprocal pair and a
# loop on a node that has other edges, which the simple views merge or drop.
COMPONENTS_EL = """\
# Several components and isolated nodes, for clustergraph's NetworkX fixtures.
# A line `x x` is how an edge list holds an isolated node: the loader creates x (and a loop,
# which the simple views drop).
lonely lonely
a b
b c
c a
c d
d e
b a
f g
g h
h i
i f
hermit hermit
j k
l m
l n
l o
o l
a b
c c
p p
"""


def write_el(name: str, edges, header: str) -> None:
    lines = [f"# {header}", "# Written by benches/reference.py; node ids are the tokens."]
    for a, b in edges:
        a, b = (str(x).replace(" ", "_") for x in (a, b))
        lines.append(f"{a} {b}")
    (GRAPHS / f"{name}.el").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_small_graphs() -> None:
    """The small graphs as edge-list files (weights dropped: clustergraph's metrics are
    unweighted, and NetworkX's pagerank and louvain would read a `weight` attribute)."""
    GRAPHS.mkdir(parents=True, exist_ok=True)
    write_el("karate", nx.karate_club_graph().edges(), "Zachary's karate club (networkx.karate_club_graph), unweighted")
    write_el("lesmis", nx.les_miserables_graph().edges(), "Les Miserables co-occurrences (networkx.les_miserables_graph), unweighted")
    write_el("florentine", nx.florentine_families_graph().edges(), "Florentine families (networkx.florentine_families_graph)")
    write_el("davis", nx.davis_southern_women_graph().edges(), "Davis southern women (networkx.davis_southern_women_graph), spaces in names as _")
    write_el("star", nx.star_graph(8).edges(), "star: hub 0 and 8 leaves (networkx.star_graph(8))")
    write_el("path", nx.path_graph(10).edges(), "path of 10 nodes (networkx.path_graph(10))")
    write_el("complete", nx.complete_graph(6).edges(), "complete graph K6 (networkx.complete_graph(6))")
    (GRAPHS / "components.el").write_text(COMPONENTS_EL, encoding="utf-8")


def read_edge_list(text: str):
    """Node ids in the order clustergraph's edge-list loader numbers them, and the edges as
    index pairs (loops included), as crates/core/src/edgelist.rs reads the text."""
    index: dict[str, int] = {}
    ids: list[str] = []
    edges: list[tuple[int, int]] = []
    for line in text.splitlines():
        tokens = line.split("#")[0].split()
        if not tokens:
            continue
        assert len(tokens) in (2, 3), line
        ends = []
        for tok in tokens[:2]:
            if tok not in index:
                index[tok] = len(ids)
                ids.append(tok)
            ends.append(index[tok])
        edges.append((ends[0], ends[1]))
    return ids, edges


def read_seed():
    """The seed graph's node ids in NodeIndex order and its edges (from -> to): files in name
    order, all `[[node]]`s first (crates/core/src/source.rs adds every node before any edge)."""
    ids: list[str] = []
    pairs: list[tuple[str, str]] = []
    for path in sorted((ROOT / "graphs" / "seeds").glob("*.toml"), key=lambda p: p.name):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        ids.extend(node["id"] for node in doc.get("node", []))
        pairs.extend((e["from"], e["to"]) for e in doc.get("edge", []))
    index = {id_: i for i, id_ in enumerate(ids)}
    return ids, [(index[a], index[b]) for a, b in pairs]


def simple(n: int, edges, directed: bool):
    """The simple view with nodes 0..n-1 inserted first, in NodeIndex order; loops dropped."""
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from((a, b) for a, b in edges if a != b)
    return g


def number(x):
    if isinstance(x, float) and math.isnan(x):
        return None  # JSON has no NaN; the test reads null as NaN
    return x


def metric(fn, g, ids):
    try:
        values = fn(g)
    except nx.PowerIterationFailedConvergence as e:
        # The message, without the exception's repr that NetworkX puts in its args.
        return {"error": "PowerIterationFailedConvergence", "message": str(e.args[-1])}
    return {"values": {ids[v]: number(values[v]) for v in g}}


def metrics(g, ids, label: str):
    out = {}
    for name, fn in METRICS.items():
        t = time.perf_counter()
        out[name] = metric(fn, g, ids)
        if isinstance(fn, CachedScales) and len(g) <= CHECK_CACHE_BELOW:
            plain = metric(fn.fn, g, ids)
            assert json.dumps(plain) == json.dumps(out[name]), f"{label} {name}: the cache changed a value"
        note = " (error)" if "error" in out[name] else ""
        print(f"  {label} {name}: {time.perf_counter() - t:.1f} s{note}", flush=True)
    return out


def sets(communities, ids):
    """Communities as lists of ids, each in node order, listed by their first member."""
    return sorted(([ids[v] for v in sorted(c)] for c in communities), key=lambda c: ids.index(c[0]))


def undirected_part(g, ids):
    out = {"metrics": metrics(g, ids, "undirected")}
    out["bridges"] = sorted([sorted((ids[a], ids[b])) for a, b in nx.bridges(g)])
    out["articulation_points"] = sorted(ids[v] for v in nx.articulation_points(g))
    out["label_propagation"] = sets(nx.community.label_propagation_communities(g), ids)
    out["louvain"] = []
    for seed in LOUVAIN_SEEDS:
        comms = nx.community.louvain_communities(g, seed=seed)
        out["louvain"].append({
            "seed": seed,
            "modularity": nx.community.modularity(g, comms),
            "communities": sets(comms, ids),
        })
    out["connected_components"] = sets(nx.connected_components(g), ids)
    return out


def fixture_graphs():
    """(name, source, ids, edges, with a directed section) for every fixture graph."""
    out = []
    ids, edges = read_seed()
    out.append(("seed", {"seed": True}, ids, edges, True))
    for name in ["karate", "lesmis", "florentine", "davis", "components", "star", "path", "complete"]:
        ids, edges = read_edge_list((GRAPHS / f"{name}.el").read_text(encoding="utf-8"))
        out.append((name, {"file": f"graphs/{name}.el"}, ids, edges, name == "components"))
    for name, directed in [("email-Eu-core", True), ("facebook_combined", False)]:
        path = DATA / f"{name}.el.gz"
        if not path.exists():
            print(f"skipped {name}: {path} is absent", file=sys.stderr)
            continue
        with gzip.open(path, "rt", encoding="utf-8") as f:
            ids, edges = read_edge_list(f.read())
        out.append((name, {"data": path.name}, ids, edges, directed))
    return out


def metrics_part(only_graphs) -> None:
    write_small_graphs()
    VALUES.mkdir(parents=True, exist_ok=True)
    for name, source, ids, edges, directed in fixture_graphs():
        if only_graphs and name not in only_graphs:
            continue
        t = time.perf_counter()
        print(f"{name}: {len(ids)} nodes", flush=True)
        doc = {"networkx": nx.__version__, "graph": name, "source": source, "nodes": ids}
        doc["undirected"] = undirected_part(simple(len(ids), edges, False), ids)
        if directed:
            doc["directed"] = {"metrics": metrics(simple(len(ids), edges, True), ids, "directed")}
        path = VALUES / f"{name}.json"
        text = json.dumps(doc, separators=(",", ":"), allow_nan=False)
        path.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} ({time.perf_counter() - t:.0f} s)", flush=True)


# The partition similarity fixtures (`--only agreement`).

AGREEMENT_OUT = ROOT / "crates" / "core" / "tests" / "fixtures" / "agreement.json"


def agreement_part() -> None:
    import random

    import sklearn
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    def labels(communities, n):
        out = [0] * n
        for c, members in enumerate(sorted(sorted(m) for m in communities)):
            for v in members:
                out[v] = c
        return out

    cases = []

    def case(name, a, b):
        cases.append({
            "name": name,
            "a": list(map(int, a)),
            "b": list(map(int, b)),
            "ari": float(adjusted_rand_score(a, b)),
            "nmi": float(normalized_mutual_info_score(a, b)),
        })

    graphs = {
        "karate": nx.karate_club_graph(),
        "les_miserables": nx.convert_node_labels_to_integers(nx.les_miserables_graph()),
        "florentine": nx.convert_node_labels_to_integers(nx.florentine_families_graph()),
        "davis": nx.convert_node_labels_to_integers(nx.davis_southern_women_graph()),
    }
    for name, g in graphs.items():
        n = g.number_of_nodes()
        parts = [labels(nx.community.louvain_communities(g, seed=s), n) for s in range(4)]
        for s in range(1, 4):
            case(f"{name} louvain seed 0 vs {s}", parts[0], parts[s])
        low = labels(nx.community.louvain_communities(g, seed=0, resolution=0.5), n)
        case(f"{name} louvain resolution 1 vs 0.5", parts[0], low)
        lp = labels(nx.community.label_propagation_communities(g), n)
        case(f"{name} louvain vs label propagation", parts[0], lp)
    rng = random.Random(13)
    for i in range(40):
        n = rng.choice([2, 3, 5, 10, 50, 200, 1000])
        ka, kb = rng.randint(1, 12), rng.randint(1, 12)
        a = [rng.randrange(ka) for _ in range(n)]
        b = [rng.randrange(kb) for _ in range(n)]
        case(f"random {i}: {n} items, {ka} and {kb} labels", a, b)
    case("identical", [0, 0, 1, 1, 2], [0, 0, 1, 1, 2])
    case("renamed", [0, 0, 1, 1, 2], [7, 7, 3, 3, 0])
    case("one class each", [0, 0, 0, 0], [5, 5, 5, 5])
    case("one class against singletons", [0, 0, 0, 0], [0, 1, 2, 3])
    case("singletons each", [0, 1, 2, 3], [3, 2, 1, 0])
    case("crossed halves", [0, 0, 1, 1], [0, 1, 0, 1])
    case("one item", [0], [4])
    case("no items", [], [])
    doc = {"sklearn": sklearn.__version__, "networkx": nx.__version__, "cases": cases}
    AGREEMENT_OUT.write_text(json.dumps(doc, indent=None, separators=(",", ":")) + "\n")
    print(f"wrote {AGREEMENT_OUT.relative_to(ROOT)}: {len(cases)} cases")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--only", choices=["stats", "metrics", "agreement"], help="run one part (default: all)"
    )
    ap.add_argument("--graphs", help="metrics part: comma-separated fixture graph names")
    args = ap.parse_args()
    if args.only in (None, "metrics"):
        metrics_part(set(args.graphs.split(",")) if args.graphs else None)
    if args.only in (None, "agreement"):
        agreement_part()
    if args.only in (None, "stats"):
        stats_part()


if __name__ == "__main__":
    main()
