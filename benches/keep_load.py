"""Opening keep.eu's export: clustergraph (read, check every row, resolve organisations,
build the graph) against python-calamine reading the same workbook's sheets into Python
lists (no graph), in one run on one machine.

    cargo build --release -p clustergraph-core --example keep_load
    bash benches/setup.sh            # benches/.venv with python-calamine
    benches/.venv/bin/python benches/keep_load.py [RUNS]

Prints one line per tool and the ratio, for docs/benchmarks.md.
"""

import os
import platform
import statistics
import subprocess
import sys
import time

from python_calamine import CalamineWorkbook

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
XLSX = os.path.join(ROOT, "..", "shared", "data", "keep", "keep-closed-2014-2020.xlsx")
CSV = os.path.join(ROOT, "..", "shared", "data", "keep", "keep-closed-2014-2020-partnership.csv.gz")
EXAMPLE = os.path.join(ROOT, "target", "release", "examples", "keep_load")


def clustergraph(path, runs):
    out = subprocess.run([EXAMPLE, path, str(runs)], check=True, capture_output=True, text=True)
    fields = out.stdout.split()
    return float(fields[1]), float(fields[3])


def calamine(path, runs):
    times = []
    for i in range(runs + 1):
        t = time.perf_counter()
        wb = CalamineWorkbook.from_path(path)
        rows = sum(len(wb.get_sheet_by_name(n).to_python()) for n in wb.sheet_names)
        ms = (time.perf_counter() - t) * 1e3
        if i > 0:
            times.append(ms)
    return statistics.median(times), min(times), rows


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    load = os.getloadavg()[0]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} logical cores, "
          f"load average {load:.2f}; {runs} runs each after one warm-up")
    cg_med, cg_min = clustergraph(XLSX, runs)
    csv_med, csv_min = clustergraph(CSV, runs)
    py_med, py_min, rows = calamine(XLSX, runs)
    print(f"clustergraph open xlsx (graph built): median {cg_med:.1f} ms, min {cg_min:.1f} ms")
    print(f"clustergraph open csv.gz (partners only): median {csv_med:.1f} ms, min {csv_min:.1f} ms")
    print(f"python-calamine read xlsx ({rows} rows, no graph): median {py_med:.1f} ms, min {py_min:.1f} ms")
    print(f"ratio clustergraph / python-calamine (median): {cg_med / py_med:.2f}")


if __name__ == "__main__":
    main()
