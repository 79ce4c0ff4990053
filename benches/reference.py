#!/usr/bin/env python3
"""Reference values from NetworkX for the graph-wide numbers clustergraph reports.

Writes crates/query/tests/fixtures/networkx.json, which crates/query/tests/reference.rs
compares with `stats` and `components`. Rerun after changing the seed graph:

    bash benches/setup.sh && benches/.venv/bin/python benches/reference.py

Graphs: the seed graph (read from graphs/seeds/*.toml, as the Rust loader reads it: every
[[edge]] from -> to), and the shared edge lists named below. Every number is computed on the
undirected simple view (parallel edges merged, loops dropped), as the contract says.
"""

import gzip
import json
import pathlib
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


def main() -> None:
    out = {"networkx": nx.__version__, "graphs": {"seed": summary(seed_graph())}}
    for name in EDGE_LISTS:
        if (DATA / name).exists():
            out["graphs"][name] = summary(edge_list(name))
    OUT.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
