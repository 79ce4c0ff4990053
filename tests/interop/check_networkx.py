"""Reads clustergraph's exports of the seed graph with NetworkX and checks them.

Usage: check_networkx.py OUT, where OUT holds seed.graphml, seed.gexf, seed.json, the CSV
folder csv/ (written by `export`), and ours.jsonl (clustergraph's `stats` and `centrality
pagerank` as JSON lines).

For each format: the node and edge counts, the nodes of each kind and the edges of each type
equal `stats`; every node's kind and name and every edge's ends, type and date are the same
in all four readings; and NetworkX's PageRank of the graph read back (its undirected simple
view) equals clustergraph's to 1e-6.
"""

import csv
import json
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
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
