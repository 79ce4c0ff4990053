#!/usr/bin/env python3
"""Pattern queries (issue 14): clustergraph's MATCH against LadybugDB (the maintained fork of
Kùzu, an embedded Cypher database) on the same graphs, in one run.

Graphs: keep.eu's export of the closed 2014–2020 Interreg projects
(../shared/data/keep/keep-closed-2014-2020.xlsx) and soc-Slashdot0902 (870,161 directed
edges). Each is written by clustergraph's `export csv` and loaded into LadybugDB by
tests/cypher/ladybug_load.py: keep.eu as one node table per label and one relationship table
per type, Slashdot as one node table (`Node`) and one relationship table (`linked`).

Five queries a graph: on keep.eu a lookup and two hops, a global two-hop join, an
aggregation, a bounded variable-length climb and a four-node cycle; on Slashdot two-hop paths
and reach from one node, the directed triangles through the largest hub, the reciprocal pairs
of the whole graph (a two-node cycle) and the out-degree ranking. The query text is the same
on both engines except where LadybugDB's walk semantics need the relationship-uniqueness
condition that Neo4j and clustergraph apply by themselves (`id(r1) <> id(r2)`; see
tests/cypher/suite.toml, rule 1). Both engines must return the same rows (compared as
tests/cypher/oracle.py compares them); the table says so.

Timing: the query alone, after the graph is loaded. clustergraph runs every query
1 + --runs times in one process (`clustergraph --threads 2 --graph G query --format json
"Q; Q; ..."`) and reports each statement's `elapsed_ms`; LadybugDB (2 threads) runs it
1 + --runs times on one connection, timed around execute and reading every row. The first
run of each is a warm-up and is dropped; the median of the others is reported. Usage, from
the repository root, after `cargo build --release -p clustergraph`:

    nice -n 10 python3 benches/peers/cypher.py             # writes its section of docs/benchmarks.md
    python3 benches/peers/cypher.py --runs 3 --graphs keep --out /tmp/cypher.md

The section lies between `<!-- cypher.py -->` and `<!-- /cypher.py -->` in the output file
(added at its end the first time); the rest of the file is kept (compare.py keeps it too).
LadybugDB comes from tests/cypher/.venv (tests/cypher/requirements.txt), which this script
makes when it is missing, as tests/cypher/run.sh does.
"""

import argparse
import json
import os
import pathlib
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DATA = ROOT.parent / "shared" / "data"
ORACLE = ROOT / "tests" / "cypher"
VENV = ORACLE / ".venv"
BEGIN, END = "<!-- cypher.py -->", "<!-- /cypher.py -->"
THREADS = 2

GRAPHS = {
    "keep": {
        "title": "keep.eu",
        "source": DATA / "keep" / "keep-closed-2014-2020.xlsx",
    },
    "slashdot": {
        "title": "soc-Slashdot0902",
        "source": DATA / "soc-Slashdot0902.el.gz",
    },
}

# (graph, what, clustergraph's query, LadybugDB's query when it differs)
QUERIES = [
    ("keep", "AFIL's co-partners (lookup, two hops, grouped)",
     'MATCH (a:Organisation)-[:partner_in|leads]->(p:Project)<-[:partner_in|leads]-(b:Organisation) '
     'WHERE a.name STARTS WITH "AFIL" RETURN b.name, count(p) AS shared ORDER BY shared DESC, b.name',
     'MATCH (a:Organisation)-[r1:partner_in|leads]->(p:Project)<-[r2:partner_in|leads]-(b:Organisation) '
     'WHERE a.name STARTS WITH "AFIL" AND id(r1) <> id(r2) '
     'RETURN b.name, count(p) AS shared ORDER BY shared DESC, b.name'),
    ("keep", "every co-partnership (global two hops)",
     'MATCH (a:Organisation)-[:partner_in|leads]->(p:Project)<-[:partner_in|leads]-(b:Organisation) '
     'RETURN count(*)',
     'MATCH (a:Organisation)-[r1:partner_in|leads]->(p:Project)<-[r2:partner_in|leads]-(b:Organisation) '
     'WHERE id(r1) <> id(r2) RETURN count(*)'),
    ("keep", "budget per programme (aggregation)",
     'MATCH (p:Project)-[:funded_by]->(g:Programme) '
     'RETURN g.name, count(*) AS projects, sum(p.budget) AS budget ORDER BY budget DESC, g.name',
     None),
    ("keep", "organisations per country up the NUTS tree (*1..3)",
     'MATCH (o:Organisation)-[:located_in]->(:City)-[:part_of*1..3]->(c:Country) '
     'RETURN c.name, count(*) AS n ORDER BY n DESC, c.name',
     None),
    ("keep", "co-partners in the same town (four-node cycle)",
     'MATCH (a:Organisation)-[:partner_in|leads]->(p:Project)<-[:partner_in|leads]-(b:Organisation), '
     '(a)-[:located_in]->(c:City)<-[:located_in]-(b) RETURN count(*)',
     'MATCH (a:Organisation)-[r1:partner_in|leads]->(p:Project)<-[r2:partner_in|leads]-(b:Organisation), '
     '(a)-[l1:located_in]->(c:City)<-[l2:located_in]-(b) WHERE id(r1) <> id(r2) AND id(l1) <> id(l2) '
     'RETURN count(*)'),
    ("slashdot", "two-hop paths from node 0",
     'MATCH (a:Node {id: "0"})-[]->(b)-[]->(c) RETURN count(*)',
     'MATCH (a:Node {id: "0"})-[r1]->(b)-[r2]->(c) WHERE id(r1) <> id(r2) RETURN count(*)'),
    ("slashdot", "two-hop reach of node 0 (distinct)",
     'MATCH (a:Node {id: "0"})-[]->()-[]->(c) RETURN count(DISTINCT c)',
     'MATCH (a:Node {id: "0"})-[r1]->()-[r2]->(c) WHERE id(r1) <> id(r2) RETURN count(DISTINCT c)'),
    ("slashdot", "directed triangles through the largest hub (2494)",
     'MATCH (a:Node {id: "2494"})-[]->(b)-[]->(c)-[]->(a) RETURN count(*)',
     'MATCH (a:Node {id: "2494"})-[r1]->(b)-[r2]->(c)-[r3]->(a) '
     'WHERE id(r1) <> id(r2) AND id(r2) <> id(r3) AND id(r1) <> id(r3) RETURN count(*)'),
    ("slashdot", "reciprocal pairs (global two-node cycle)",
     'MATCH (a)-[]->(b)-[]->(a) RETURN count(*)',
     'MATCH (a)-[r1]->(b)-[r2]->(a) WHERE id(r1) <> id(r2) RETURN count(*)'),
    ("slashdot", "out-degree top 10 (global aggregation)",
     'MATCH (a)-[]->(b) RETURN a.id, count(*) AS d ORDER BY d DESC, a.id LIMIT 10',
     None),
]


def ensure_ladybug():
    """Re-runs this script with tests/cypher/.venv's Python (made if missing)."""
    python = VENV / "bin" / "python"
    if pathlib.Path(sys.prefix).resolve() == VENV.resolve():
        return
    requirements = ORACLE / "requirements.txt"
    stamp = VENV / "requirements.txt"
    if not stamp.exists() or stamp.read_bytes() != requirements.read_bytes():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", "--only-binary=:all:",
                        "-r", requirements], check=True)
        stamp.write_bytes(requirements.read_bytes())
    os.execv(python, [str(python), __file__, *sys.argv[1:]])


def ours(binary, source, queries, runs):
    """{query: [elapsed ms of each run after the warm-up]}, and {query: rows} of the last run."""
    from oracle import norm

    text = "; ".join(q for q in queries for _ in range(runs + 1))
    done = subprocess.run(
        [binary, "--threads", str(THREADS), "--graph", str(source), "query", "--format", "json",
         text],
        capture_output=True, text=True, cwd=ROOT,
    )
    results = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    times, rows = {}, {}
    for i, q in enumerate(queries):
        mine = results[i * (runs + 1):(i + 1) * (runs + 1)]
        if len(mine) < runs + 1:
            message = done.stderr.strip().splitlines()
            return times, rows, q, " ".join(message[:1] + message[-1:])
        times[q] = [r["elapsed_ms"] for r in mine[1:]]
        rows[q] = [[norm(c, None) for c in r] for r in mine[-1]["rows"]]
    return times, rows, None, None


def theirs(conn, query, runs, internal):
    """(elapsed ms of each run after the warm-up, rows of the last)."""
    from oracle import norm

    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        result = conn.execute(query)
        rows = []
        while result.has_next():
            rows.append(result.get_next())
        times.append((time.perf_counter() - started) * 1000)
    return times[1:], [[norm(c, internal) for c in r] for r in rows]


def fmt(ms):
    if ms is None:
        return "—"
    return f"{ms:.1f} ms" if ms < 1000 else f"{ms / 1000:.2f} s"


def main():
    ensure_ladybug()
    sys.path.insert(0, str(ORACLE))
    sys.path.insert(0, str(HERE))
    import ladybug
    from compare import machine
    import ladybug_load
    from oracle import internal_ids

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "clustergraph"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--graphs", default=",".join(GRAPHS))
    ap.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    args = ap.parse_args()
    load = open("/proc/loadavg").read().split()[0] if os.path.exists("/proc/loadavg") else "?"
    header = f"{machine()}; load average {load} when the run started"
    version = subprocess.run([args.bin, "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=ROOT).stdout.strip()
    rows_out = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for graph in args.graphs.split(","):
            source = GRAPHS[graph]["source"]
            folder = tmp / graph
            subprocess.run([args.bin, "--graph", str(source), "query", f"export csv {folder}"],
                           check=True, capture_output=True, cwd=ROOT)
            db = ladybug.Database(str(tmp / f"{graph}.db"))
            conn = ladybug.Connection(db)
            conn.execute(f"CALL THREADS={THREADS}")
            started = time.monotonic()
            labels, types = ladybug_load.load(conn, folder, tmp / f"{graph}-tables")
            print(f"{graph}: LadybugDB loaded {sum(labels.values())} nodes, "
                  f"{sum(types.values())} edges in {time.monotonic() - started:.1f} s",
                  file=sys.stderr)
            internal = internal_ids(conn) if graph == "keep" else {}
            mine = [q for q in QUERIES if q[0] == graph]
            times, rows, failed, message = ours(args.bin, source, [q[2] for q in mine], args.runs)
            for _, what, query, other in mine:
                t_theirs, r_theirs = theirs(conn, other or query, args.runs, internal)
                m_theirs = statistics.median(t_theirs)
                if query in times:
                    m_ours = statistics.median(times[query])
                    same = sorted(map(repr, rows[query])) == sorted(map(repr, r_theirs))
                    agree = "yes" if same else "**no**"
                else:
                    m_ours = None
                    agree = f"clustergraph failed: {message}" if query == failed else "not run"
                print(f"  {what}: clustergraph {fmt(m_ours)}, LadybugDB {fmt(m_theirs)}, "
                      f"{len(r_theirs)} rows, same rows: {agree}", file=sys.stderr)
                rows_out.append((GRAPHS[graph]["title"], what, query, len(r_theirs), m_ours,
                                 m_theirs, agree))
    command = "nice -n 10 python3 benches/peers/cypher.py" + (
        " " + shlex.join(sys.argv[1:]) if sys.argv[1:] else "")
    write(pathlib.Path(args.out), section(header, command, version, commit, ladybug, args.runs,
                                          rows_out))


def section(header, command, version, commit, ladybug, runs, rows):
    lines = [
        BEGIN,
        "",
        "## Pattern queries: clustergraph's MATCH and LadybugDB",
        "",
        "Written by `benches/peers/cypher.py` (its docstring says what each engine runs): the",
        "same Cypher query on the same graph, clustergraph's `MATCH` statement against LadybugDB",
        "(the maintained fork of Kùzu) loaded from clustergraph's `export csv`; the median of",
        f"{runs} runs after a warm-up, the query alone (the graph loaded),",
        f"{THREADS} threads each. The ratio is clustergraph's time over LadybugDB's (below 1:",
        "clustergraph is faster); `same rows` compares the two results as the oracle suite does.",
        "The warm-up also pays what each engine does once per graph: clustergraph's planner counts",
        "(kinds, types, degrees; kept by the session), LadybugDB's first scans.",
        "",
        f"- Machine: {header}",
        f"- Command: `{command}`",
        f"- Versions: {version} (commit {commit}), ladybug {getattr(ladybug, '__version__', '?')}",
        "",
        "| graph | query | rows | clustergraph | LadybugDB | ratio | same rows |",
        "|---|---|---|---|---|---|---|",
    ]
    for graph, what, query, n, m_ours, m_theirs, agree in rows:
        ratio = f"{m_ours / m_theirs:.2f}" if m_ours is not None and m_theirs else "—"
        lines.append(f"| {graph} | {what} | {n} | {fmt(m_ours)} | {fmt(m_theirs)} | {ratio} | "
                     f"{agree} |")
    lines += ["", "The queries, as clustergraph ran them:", ""]
    seen = set()
    for graph, what, query, *_ in rows:
        if what not in seen:
            seen.add(what)
            lines.append(f"- {what}: `{query}`")
    lines += ["", END]
    return "\n".join(lines) + "\n"


def write(path, text):
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in old and END in old:
        before, rest = old.split(BEGIN, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        new = before + text + after
    else:
        new = old.rstrip("\n") + ("\n\n" if old else "") + text
    path.write_text(new, encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
