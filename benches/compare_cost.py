#!/usr/bin/env python3
"""What comparing two times costs: `compare STATEMENT in T1 vs T2` against the statement run
alone at T1 and at T2, in one process of the release binary, on soc-Slashdot0902 (870,161
edges, undated: each time keeps them all, the most work a time can take) and on keep.eu's
export (dated, through the projection of the cooperation network). Each time is computed
once, so the comparison should cost about the sum of the two runs.

The times are the binary's own `elapsed_ms` (execution only, not loading), the median of
`--runs` runs of the whole script. Prints a markdown section; `--write` puts it between the
`<!-- compare_cost.py -->` markers of docs/benchmarks.md (appended if absent).

    cargo build --release -p clustergraph
    python3 benches/compare_cost.py --write
"""

import argparse
import json
import os
import pathlib
import platform
import statistics
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
BINARY = ROOT / "target" / "release" / "clustergraph"
DOC = ROOT / "docs" / "benchmarks.md"
MARK, END = "<!-- compare_cost.py -->", "<!-- /compare_cost.py -->"

CASES = [
    (
        "soc-Slashdot0902.el.gz",
        [
            ("centrality pagerank", "2015", "2019"),
            ("centrality betweenness sample 200", "2015", "2019"),
            ("communities louvain", "2015", "2019"),
        ],
    ),
    (
        "keep/keep-closed-2014-2020.xlsx",
        [
            ("centrality betweenness over organisation via partner_in,leads", "2016", "2019"),
            ("communities louvain over organisation via partner_in,leads", "2016", "2019"),
        ],
    ),
]


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def run(graph: pathlib.Path, statements: list[str]) -> list[float]:
    out = subprocess.run(
        [str(BINARY), "--graph", str(graph), "--format", "json", "query", "; ".join(statements)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [json.loads(line)["elapsed_ms"] for line in out.splitlines() if line.startswith("{")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--write", action="store_true", help="write the section into docs/benchmarks.md")
    args = ap.parse_args()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    lines = [
        MARK,
        "",
        f"## Comparing two times (benches/compare_cost.py, commit {commit})",
        "",
        f"{machine()}; median of {args.runs} runs of the release binary, `elapsed_ms` "
        "(execution only). `compare S in T1 vs T2` computes each time once: its cost against "
        "`S in T1` plus `S in T2` run alone.",
        "",
        "| graph | statement | in T1 (ms) | in T2 (ms) | compare (ms) | compare / (T1 + T2) |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for graph, statements in CASES:
        path = DATA / graph
        for s, t1, t2 in statements:
            script = [f"{s} in {t1}", f"{s} in {t2}", f"compare {s} in {t1} vs {t2}"]
            times = [run(path, script) for _ in range(args.runs)]
            a, b, c = (statistics.median(t[i] for t in times) for i in range(3))
            lines.append(
                f"| {pathlib.Path(graph).name} | `{s}` | {a:.0f} | {b:.0f} | {c:.0f} | {c / (a + b):.2f} |"
            )
    lines += ["", END]
    section = "\n".join(lines)
    print(section)
    if args.write:
        text = DOC.read_text()
        if MARK in text and END in text:
            before, rest = text.split(MARK, 1)
            after = rest.split(END, 1)[1]
            text = before + section + after
        else:
            text = text.rstrip("\n") + "\n\n" + section + "\n"
        DOC.write_text(text)


if __name__ == "__main__":
    main()
