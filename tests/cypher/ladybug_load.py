"""Loads a folder written by clustergraph's `export csv` (Neo4j's import convention) into a
LadybugDB database, typed as Neo4j users would model it:

- one node table per `:LABEL` (the export writes the kind capitalised: `Cluster`,
  `Organisation`, ...), each with `id` (the primary key), `kind` (the kind's name, lowercase,
  as clustergraph's `v.kind` gives it), `name`, and every attribute column of nodes.csv typed
  as its header says (`founded:long` -> INT64). Every table has every attribute, so a
  property a node lacks reads as NULL, as in Neo4j, instead of LadybugDB's binder error;
- one relationship table per `:TYPE`, with one FROM/TO pair for every pair of labels that
  the type joins in edges.csv, and `date` plus every attribute column of edges.csv.

`aliases` and `provenance` (JSON text in the export) are left out: the suite does not compare
them. Empty cells are NULL, as the export writes a missing value.

Used by tests/cypher/oracle.py and benches/peers/cypher.py.
"""

import csv
import sys
from collections import defaultdict
from pathlib import Path

TYPES = {"": "STRING", "string": "STRING", "long": "INT64", "int": "INT64", "short": "INT64",
         "byte": "INT64", "double": "DOUBLE", "float": "DOUBLE", "boolean": "BOOLEAN"}
# The export's columns that the tables leave out (JSON text, not compared).
LEFT_OUT = {"aliases", "provenance"}

csv.field_size_limit(sys.maxsize)


def header_columns(header):
    """(position, name, LadybugDB type) of each property column of a header; Neo4j's
    markers (`:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`) and LEFT_OUT are skipped."""
    out = []
    for i, h in enumerate(header):
        name, _, kind = h.rpartition(":") if ":" in h else (h, "", "")
        if kind.split("(")[0] in ("ID", "LABEL", "START_ID", "END_ID", "TYPE"):
            continue
        if name in LEFT_OUT:
            continue
        out.append((i, name, TYPES[kind]))
    return out


def quoted(name):
    """A name as LadybugDB reads it whatever it is (`end`, `type` are keywords there)."""
    return "`" + name.replace("`", "``") + "`"


def marker(header, kind):
    """The position of the column marked `kind` (`ID`, `LABEL`, `START_ID`, ...), as
    `id:ID`, `:LABEL` or `:START_ID(group)`."""
    for i, h in enumerate(header):
        tail = h.rpartition(":")[2] if ":" in h else ""
        if tail == kind or tail.startswith(kind + "("):
            return i
    raise ValueError(f"no :{kind} column in {header}")


def load(conn, csv_dir: Path, work: Path):
    """Creates the tables from `csv_dir`'s nodes.csv and edges.csv and copies the rows in,
    writing the per-table files into `work`. Returns (labels, types): the node tables and
    the relationship tables made, with their row counts."""
    work.mkdir(parents=True, exist_ok=True)
    with open(csv_dir / "nodes.csv", newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows)
        id_at, label_at = marker(header, "ID"), marker(header, "LABEL")
        props = [c for c in header_columns(header) if c[1] not in ("id", "kind")]
        by_label = defaultdict(list)
        label_of = {}
        for row in rows:
            label = row[label_at]
            label_of[row[id_at]] = label
            by_label[label].append([row[id_at], label.lower()] + [row[i] for i, _, _ in props])
    columns = ", ".join(f"{quoted(n)} {t}" for _, n, t in props)
    for label, table in by_label.items():
        path = work / f"node-{label}.csv"
        write(path, ["id", "kind"] + [n for _, n, _ in props], table)
        conn.execute(
            f"CREATE NODE TABLE {quoted(label)}(id STRING, kind STRING, {columns}, PRIMARY KEY (id))"
        )
        conn.execute(f"COPY {quoted(label)} FROM '{path}' (HEADER=true, PARALLEL=false)")

    with open(csv_dir / "edges.csv", newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows)
        start_at, end_at = marker(header, "START_ID"), marker(header, "END_ID")
        type_at = marker(header, "TYPE")
        props = header_columns(header)
        by_pair = defaultdict(list)
        for row in rows:
            pair = (row[type_at], label_of[row[start_at]], label_of[row[end_at]])
            by_pair[pair].append([row[start_at], row[end_at]] + [row[i] for i, _, _ in props])
    pairs_of = defaultdict(list)
    for rel, a, b in by_pair:
        pairs_of[rel].append((a, b))
    columns = "".join(f", {quoted(n)} {t}" for _, n, t in props)
    for rel, pairs in sorted(pairs_of.items()):
        ends = ", ".join(f"FROM {quoted(a)} TO {quoted(b)}" for a, b in sorted(pairs))
        conn.execute(f"CREATE REL TABLE {quoted(rel)}({ends}{columns})")
    for (rel, a, b), table in sorted(by_pair.items()):
        path = work / f"edge-{rel}-{a}-{b}.csv"
        write(path, ["from", "to"] + [n for _, n, _ in props], table)
        group = f", from='{a}', to='{b}'" if len(pairs_of[rel]) > 1 else ""
        conn.execute(f"COPY {quoted(rel)} FROM '{path}' (HEADER=true, PARALLEL=false{group})")
    labels = {label: len(t) for label, t in by_label.items()}
    types = defaultdict(int)
    for (rel, _, _), table in by_pair.items():
        types[rel] += len(table)
    return labels, dict(types)


def write(path: Path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(rows)
