"""Reads clustergraph's exports of the seed graph with NetworkX and checks them.

Usage: check_networkx.py OUT BINARY, where OUT holds seed.graphml, seed.gexf, seed.json, the
CSV folder csv/ (written by `export`), and ours.jsonl (clustergraph's `stats` and
`centrality pagerank` as JSON lines), and BINARY is the clustergraph binary.

For each format: the node and edge counts, the nodes of each kind and the edges of each type
equal `stats`; every node's kind and name and every edge's ends, type and date are the same
in all four readings; and NetworkX's PageRank of the graph read back (its undirected simple
view) equals clustergraph's to 1e-6.

The other way: NetworkX writes Zachary's karate club as GraphML and as node-link JSON, and
clustergraph (BINARY --graph FILE) reads each with NetworkX's counts and PageRank.
"""

import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import networkx as nx

TOLERANCE = 1e-6


def read_csv_folder(folder: Path) -> nx.MultiDiGraph:
    """A Neo4j import CSV folder as a NetworkX graph, by its header convention."""
    convert = {
        "": str,
        "string": str,
        "long": int,
        "int": int,
        "double": float,
        "float": float,
        "boolean": lambda s: s == "true",
    }

    def columns(header):
        return [tuple(h.rsplit(":", 1)) if ":" in h else (h, "") for h in header]

    g = nx.MultiDiGraph()
    with open(folder / "nodes.csv", newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        cols = columns(next(rows))
        for row in rows:
            node, data = None, {}
            for (name, kind), value in zip(cols, row):
                if kind == "ID":
                    node = value
                elif kind == "LABEL":
                    data["kind"] = value.lower()
                elif value != "":
                    data[name] = convert[kind](value)
            g.add_node(node, **data)
    with open(folder / "edges.csv", newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        cols = columns(next(rows))
        for row in rows:
            ends, data = {}, {}
            for (name, kind), value in zip(cols, row):
                if kind in ("START_ID", "END_ID"):
                    ends[kind] = value
                elif kind == "TYPE":
                    data["rel"] = value
                elif value != "":
                    data[name] = convert[kind](value)
            g.add_edge(ends["START_ID"], ends["END_ID"], **data)
    return g


def summary(g):
    """Every node's (id, kind, name) and every edge's (source, target, type, date)."""
    nodes = sorted((str(n), d["kind"], d["name"]) for n, d in g.nodes(data=True))
    edges = sorted(
        (str(u), str(v), d["rel"], d.get("date", "")) for u, v, d in g.edges(data=True)
    )
    return nodes, edges


def main():
    out = Path(sys.argv[1])
    results = [json.loads(line) for line in (out / "ours.jsonl").read_text().splitlines()]
    stats = {row[0]: row[1] for row in results[0]["rows"]}
    ours = {row[1]["id"]: row[3] for row in results[1]["rows"]}
    with open(out / "seed.json", encoding="utf-8") as f:
        graphs = {"node-link JSON": nx.node_link_graph(json.load(f))}
    graphs["GraphML"] = nx.read_graphml(out / "seed.graphml")
    graphs["GEXF"] = nx.read_gexf(out / "seed.gexf")
    graphs["CSV"] = read_csv_folder(out / "csv")
    failures = []
    reference = None
    for name, g in graphs.items():
        def check(ok, what):
            if not ok:
                failures.append(f"{name}: {what}")

        check(g.is_directed() and g.is_multigraph(), "not a directed multigraph")
        check(g.number_of_nodes() == stats["nodes"], f"{g.number_of_nodes()} nodes")
        check(g.number_of_edges() == stats["edges"], f"{g.number_of_edges()} edges")
        kinds = Counter(d["kind"] for _, d in g.nodes(data=True))
        types = Counter(d["rel"] for _, _, d in g.edges(data=True))
        expected_kinds = {k[7:]: v for k, v in stats.items() if k.startswith("nodes: ")}
        expected_types = {k[7:]: v for k, v in stats.items() if k.startswith("edges: ")}
        check(dict(kinds) == expected_kinds, f"kinds {dict(kinds)}")
        check(dict(types) == expected_types, f"edge types {dict(types)}")
        seen = summary(g)
        check(any(date for *_, date in seen[1]), "no edge has a date")
        if reference is None:
            reference = seen
        else:
            check(seen[0] == reference[0], "nodes (id, kind, name) differ from node-link JSON's")
            check(seen[1] == reference[1], "edges (ends, type, date) differ from node-link JSON's")
        simple = nx.Graph()
        simple.add_nodes_from(g.nodes)
        simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
        pagerank = nx.pagerank(simple)
        worst = max(abs(pagerank[str(n)] - ours[str(n)]) for n in simple.nodes)
        check(worst <= TOLERANCE, f"PageRank differs from clustergraph's by {worst:.3g}")
        print(
            f"NetworkX {nx.__version__} read {name}: {g.number_of_nodes()} nodes, "
            f"{g.number_of_edges()} edges, PageRank within {worst:.1e} of clustergraph's"
        )
    failures += read_by_clustergraph(out, sys.argv[2])
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)


def read_by_clustergraph(out, binary):
    """NetworkX writes the karate club; clustergraph reads it with the same counts and
    PageRank (unweighted, as clustergraph's is)."""
    g = nx.karate_club_graph()
    expected = nx.pagerank(g, weight=None)
    files = {"GraphML": out / "karate.graphml", "node-link JSON": out / "karate.json"}
    nx.write_graphml(g, files["GraphML"])
    with open(files["node-link JSON"], "w", encoding="utf-8") as f:
        json.dump(nx.node_link_data(g), f)
    failures = []
    for name, path in files.items():
        r = subprocess.run(
            [binary, "--graph", str(path), "query", "--format", "json", "stats; centrality pagerank"],
            capture_output=True, text=True,
        )
        if r.returncode != 0:
            failures.append(f"clustergraph could not read NetworkX's {name}: {r.stderr}")
            continue
        stats_result, pagerank_result = (json.loads(line) for line in r.stdout.splitlines())
        stats = {row[0]: row[1] for row in stats_result["rows"]}
        if (stats["nodes"], stats["edges"]) != (g.number_of_nodes(), g.number_of_edges()):
            failures.append(f"NetworkX's {name}: clustergraph read {stats['nodes']} nodes, {stats['edges']} edges")
        ours = {row[1]["id"]: row[3] for row in pagerank_result["rows"]}
        worst = max(abs(ours[str(n)] - expected[n]) for n in g.nodes)
        if worst > TOLERANCE:
            failures.append(f"NetworkX's {name}: PageRank differs by {worst:.3g}")
        print(f"clustergraph read NetworkX's {name} of the karate club: {stats['nodes']} nodes, "
              f"{stats['edges']} edges, PageRank within {worst:.1e} of NetworkX's")
    return failures


if __name__ == "__main__":
    main()
