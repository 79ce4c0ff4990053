"""The Cypher oracle: runs tests/cypher/suite.toml on clustergraph and on LadybugDB (the
maintained fork of Kùzu) loaded with the same graph, and compares the rows.

Usage (tests/cypher/run.sh makes the environment and calls this):

    oracle.py --bin target/debug/clustergraph --work DIR [--only NAME,...] [--ladybug-only]

For each graph the suite names (`seed`: the built-in seed graph; `keep`: keep.eu's export,
../shared/data/keep/keep-closed-2014-2020.xlsx; `joined`: the two opened together), the
binary writes the graph with `export csv`, tests/cypher/ladybug_load.py loads that folder into
LadybugDB (a node table per label, a relationship table per type), and every query of that
graph runs on both engines:

- clustergraph: `clustergraph --graph ... query --format json "Q1; Q2; ..."`, the queries
  joined by `;` in one process (a graph is loaded once); a query that fails is recorded with
  its message and the run resumes after it;
- LadybugDB: the query's `ladybug` text when the suite gives one (where LadybugDB's Cypher
  differs from Neo4j's, the suite says how and why), else the same text with `type(`
  rewritten to `label(` (LadybugDB's name for it).

Rows are compared as multisets by column position; where the query's final RETURN has an
ORDER BY, the suite lists in `order` the positions of its keys among the returned columns
(checked: a suite with one and not the other is refused), and the sequence of those keys must
also agree. Values are normalised: numbers as numbers (12 significant digits, 3 = 3.0), a node
as its `id`, an edge as (start id, type, end id), a list (`collect`) sorted. Each failing query
is printed with the rows only one engine gave and both row sets (up to 40 rows each); the exit
status is 1 if any query failed.

`--ladybug-only` runs the LadybugDB side alone (checks the suite itself: every query runs
there and returns rows; used while the engine did not exist).
"""

import argparse
import decimal
import json
import re
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from pathlib import Path

import ladybug

import ladybug_load

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
KEEP = ROOT.parent / "shared" / "data" / "keep" / "keep-closed-2014-2020.xlsx"
GRAPHS = {
    "seed": [],
    "keep": ["--graph", str(KEEP)],
    "joined": ["--graph", str(ROOT / "graphs" / "seeds"), "--graph", str(KEEP)],
}
SHOWN = 40  # rows of each side printed for a failing query
TIMEOUT = 900  # seconds for one clustergraph process (a graph's remaining queries)


def norm(v, internal):
    """A cell as the comparison sees it (see the module's doc)."""
    if v is None:
        return None
    if isinstance(v, bool):
        return ("bool", v)
    if isinstance(v, (int, float, decimal.Decimal)):
        return float(f"{float(v):.12g}")
    if isinstance(v, str):
        return v
    if isinstance(v, (list, tuple)):
        return ("list",) + tuple(sorted((norm(x, internal) for x in v), key=repr))
    if isinstance(v, dict):
        if "_SRC" in v:  # a LadybugDB relationship
            src, dst = (internal[(v[k]["table"], v[k]["offset"])] for k in ("_SRC", "_DST"))
            return ("edge", src, v["_LABEL"], dst)
        if "_LABEL" in v:  # a LadybugDB node
            return ("node", v["id"])
        ends = [k for k in ("from", "start", "source") if k in v], [
            k for k in ("to", "end", "target") if k in v
        ]
        rel = [k for k in ("type", "rel", "relation") if k in v]
        if ends[0] and ends[1] and rel:  # a clustergraph edge cell
            side = lambda x: x["id"] if isinstance(x, dict) else x  # noqa: E731
            return ("edge", side(v[ends[0][0]]), v[rel[0]].strip("-<>"), side(v[ends[1][0]]))
        if "id" in v:  # a clustergraph node cell
            return ("node", v["id"])
        return ("map",) + tuple(sorted((k, norm(x, internal)) for k, x in v.items()))
    return repr(v)


def for_ladybug(q):
    """The query text LadybugDB runs: the suite's `ladybug` text, else the query with
    `type(` as LadybugDB spells it."""
    if "ladybug" in q:
        return q["ladybug"]
    return re.sub(r"\btype\(", "label(", q["cypher"], flags=re.IGNORECASE)


def run_ladybug(conn, q, internal):
    """(rows, error) of a query on LadybugDB."""
    try:
        result = conn.execute(for_ladybug(q))
        rows = []
        while result.has_next():
            rows.append([norm(c, internal) for c in result.get_next()])
        return rows, None
    except RuntimeError as e:
        return None, str(e)


def run_ours(binary, graph, queries):
    """{name: (rows, error)} of the queries on clustergraph, one process per stretch of
    queries that ran without an error."""
    out = {}
    rest = list(queries)
    while rest:
        text = "; ".join(" ".join(q["cypher"].split()) for q in rest)
        try:
            done = subprocess.run(
                [binary, *GRAPHS[graph], "query", "--format", "json", text],
                capture_output=True, text=True, cwd=ROOT, timeout=TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            for q in rest:
                out.setdefault(q["name"], (None, f"clustergraph ran over {TIMEOUT} s"))
            break
        lines = [line for line in done.stdout.splitlines() if line.strip()]
        for q, line in zip(rest, lines):
            result = json.loads(line)
            if "more" in result:
                out[q["name"]] = (None, f"clustergraph cut the rows ({result['more']} more)")
                continue
            out[q["name"]] = ([[norm(c, None) for c in r] for r in result["rows"]], None)
        if done.returncode == 0 and len(lines) == len(rest):
            break
        failed = len(lines)
        if failed >= len(rest):  # every statement printed, yet an error: report it on the last
            failed = len(rest) - 1
        out[rest[failed]["name"]] = (None, done.stderr.strip() or f"exit {done.returncode}")
        rest = rest[failed + 1:]
    return out


def compare(q, ours, theirs):
    """What is wrong with a query's two results, or None."""
    (a, a_err), (b, b_err) = ours, theirs
    if b_err:
        return f"LadybugDB failed: {b_err}"
    if a_err:
        return f"clustergraph failed: {a_err}\n  LadybugDB's rows:\n{show(map(repr, b))}"
    key = lambda r: repr(r)  # noqa: E731
    ca, cb = Counter(map(key, a)), Counter(map(key, b))
    if ca != cb:
        only_a = sorted((ca - cb).elements())
        only_b = sorted((cb - ca).elements())
        return (
            f"rows differ: clustergraph {len(a)}, LadybugDB {len(b)}\n"
            f"  only in clustergraph ({len(only_a)}):\n{show(only_a)}"
            f"  only in LadybugDB ({len(only_b)}):\n{show(only_b)}"
            f"  clustergraph's rows:\n{show(map(repr, a))}"
            f"  LadybugDB's rows:\n{show(map(repr, b))}"
        )
    order = q.get("order", [])
    if order:
        ka = [tuple(r[i] for i in order) for r in a]
        kb = [tuple(r[i] for i in order) for r in b]
        if ka != kb:
            at = next(i for i, (x, y) in enumerate(zip(ka, kb)) if x != y)
            return (
                f"same rows, other order (ORDER BY keys at columns {order}), first at row {at}\n"
                f"  clustergraph:\n{show(map(repr, a))}  LadybugDB:\n{show(map(repr, b))}"
            )
    return None


def show(rows):
    rows = list(rows)
    text = "".join(f"    {r}\n" for r in rows[:SHOWN])
    if len(rows) > SHOWN:
        text += f"    ... and {len(rows) - SHOWN} more\n"
    return text


def internal_ids(conn):
    """LadybugDB's internal node ids (table, offset) -> our ids, to read relationships."""
    result = conn.execute("MATCH (n) RETURN n")
    out = {}
    while result.has_next():
        n = result.get_next()[0]
        out[(n["_ID"]["table"], n["_ID"]["offset"])] = n["id"]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True, help="the clustergraph binary")
    ap.add_argument("--work", required=True, help="a folder for the exports and databases")
    ap.add_argument("--suite", default=str(HERE / "suite.toml"))
    ap.add_argument("--only", help="comma-separated query names")
    ap.add_argument("--ladybug-only", action="store_true",
                    help="run the queries on LadybugDB alone (checks the suite)")
    args = ap.parse_args()
    args.bin = str(Path(args.bin).resolve())
    suite = tomllib.loads(Path(args.suite).read_text(encoding="utf-8"))["query"]
    names = [q["name"] for q in suite]
    if len(set(names)) != len(names):
        sys.exit(f"suite: a name used twice: {[n for n, c in Counter(names).items() if c > 1]}")
    for q in suite:
        final = re.split(r"\bRETURN\b", q["cypher"], flags=re.IGNORECASE)[-1]
        ordered = re.search(r"\bORDER\s+BY\b", final, flags=re.IGNORECASE) is not None
        if ordered != bool(q.get("order")):
            sys.exit(f"suite: {q['name']}: `order` must list the ORDER BY keys' columns exactly "
                     "when the final RETURN orders")
    if args.only:
        wanted = set(args.only.split(","))
        suite = [q for q in suite if q["name"] in wanted]
    work = Path(args.work)
    failures, passed = [], 0
    for graph in GRAPHS:
        queries = [q for q in suite if q["graph"] == graph]
        if not queries:
            continue
        folder = work / graph
        started = time.monotonic()
        subprocess.run([args.bin, *GRAPHS[graph], "query", f"export csv {folder}"],
                       check=True, capture_output=True, cwd=ROOT)
        db = ladybug.Database(str(Path(tempfile.mkdtemp(dir=work)) / "db"))
        conn = ladybug.Connection(db)
        labels, types = ladybug_load.load(conn, folder, work / f"{graph}-tables")
        internal = internal_ids(conn)
        loaded = [conn.execute(q).get_next()[0]
                  for q in ("MATCH (n) RETURN count(*)", "MATCH ()-[r]->() RETURN count(*)")]
        if loaded != [sum(labels.values()), sum(types.values())]:
            sys.exit(f"{graph}: LadybugDB holds {loaded[0]} nodes and {loaded[1]} edges, the "
                     f"export {sum(labels.values())} and {sum(types.values())}")
        print(f"{graph}: {sum(labels.values())} nodes in {len(labels)} tables, "
              f"{sum(types.values())} edges in {len(types)} tables, loaded in "
              f"{time.monotonic() - started:.1f} s; {len(queries)} queries")
        theirs = {q["name"]: run_ladybug(conn, q, internal) for q in queries}
        if args.ladybug_only:
            for q in queries:
                rows, err = theirs[q["name"]]
                if err or (not rows and not q.get("empty")):
                    failures.append((q, err or "no rows on LadybugDB"))
                else:
                    passed += 1
                    print(f"  ok {q['name']}: {len(rows)} rows")
            continue
        ours = run_ours(args.bin, graph, queries)
        for q in queries:
            problem = compare(q, ours[q["name"]], theirs[q["name"]])
            if problem:
                failures.append((q, problem))
            else:
                passed += 1
    for q, problem in failures:
        print(f"\nFAIL {q['name']} ({q['graph']}): {' '.join(q['cypher'].split())}")
        if "ladybug" in q:
            print(f"  LadybugDB ran: {' '.join(q['ladybug'].split())}")
        print("  " + problem.rstrip().replace("\n", "\n  "))
    print(f"\ncypher oracle: {passed} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
