"""Loads clustergraph's CSV export of the seed graph into LadybugDB (the maintained fork of
Kùzu, an embedded Cypher database) with COPY FROM, and checks it.

Usage: check_ladybug.py OUT, where OUT holds the CSV folder csv/ (written by `export csv`)
and ours.jsonl (clustergraph's `stats`, `centrality pagerank` and `path LE2C to "Ecotech
Quebec"` as JSON lines).

The tables are made from the files' Neo4j headers (`id:ID`, `:LABEL`, `founded:long`, ...);
the node and edge counts must equal `stats`, and Cypher's shortest path between the two
nodes of the `path` statement must have as many steps as clustergraph's.
"""

import csv
import json
import sys
import tempfile
from pathlib import Path

import ladybug

TYPES = {"": "STRING", "string": "STRING", "long": "INT64", "int": "INT64",
         "double": "DOUBLE", "float": "DOUBLE", "boolean": "BOOLEAN"}


def columns(path: Path):
    """The (name, Cypher type) of each column of a file's header, its Neo4j markers named."""
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    out = []
    for h in header:
        name, _, kind = h.rpartition(":") if ":" in h else (h, "", "")
        special = {"ID": "id", "LABEL": "label", "START_ID": None, "END_ID": None, "TYPE": "type"}
        if kind in special:
            if special[kind]:
                out.append((special[kind], "STRING"))
        else:
            out.append((name, TYPES[kind]))
    return out


def main():
    out = Path(sys.argv[1])
    results = [json.loads(line) for line in (out / "ours.jsonl").read_text().splitlines()]
    stats = {row[0]: row[1] for row in results[0]["rows"]}
    path = results[2]["rows"]
    start, end = path[0][1]["id"], path[-1][3]["id"]
    nodes, edges = out / "csv" / "nodes.csv", out / "csv" / "edges.csv"
    with tempfile.TemporaryDirectory() as tmp:
        db = ladybug.Database(str(Path(tmp) / "db"))
        conn = ladybug.Connection(db)
        node_cols = ", ".join(f"`{n}` {t}" for n, t in columns(nodes))
        conn.execute(f"CREATE NODE TABLE Node({node_cols}, PRIMARY KEY (id))")
        edge_cols = "".join(f", `{n}` {t}" for n, t in columns(edges))
        conn.execute(f"CREATE REL TABLE Edge(FROM Node TO Node{edge_cols})")
        conn.execute(f"COPY Node FROM '{nodes}' (HEADER=true, PARALLEL=false)")
        conn.execute(f"COPY Edge FROM '{edges}' (HEADER=true, PARALLEL=false)")

        def one(query):
            r = conn.execute(query)
            assert r.has_next(), query
            return r.get_next()[0]

        failures = []
        n = one("MATCH (n:Node) RETURN count(n)")
        e = one("MATCH ()-[e:Edge]->() RETURN count(e)")
        if (n, e) != (stats["nodes"], stats["edges"]):
            failures.append(f"{n} nodes and {e} edges, not {stats['nodes']} and {stats['edges']}")
        clusters = one("MATCH (n:Node) WHERE n.label = 'Cluster' RETURN count(n)")
        if clusters != stats["nodes: cluster"]:
            failures.append(f"{clusters} clusters, not {stats['nodes: cluster']}")
        steps = one(
            "MATCH p = (a:Node)-[:Edge* SHORTEST 1..30]-(b:Node) "
            f"WHERE a.id = '{start}' AND b.id = '{end}' RETURN length(p)"
        )
        if steps != len(path):
            failures.append(f"Cypher's shortest path {start} - {end} has {steps} steps, ours {len(path)}")
        print(
            f"LadybugDB {ladybug.__version__ if hasattr(ladybug, '__version__') else ''} loaded "
            f"the CSV folder: {n} nodes, {e} edges; shortest path {start} - {end}: {steps} steps"
        )
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
