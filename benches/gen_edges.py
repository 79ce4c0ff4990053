#!/usr/bin/env python3
"""A random edge list for memory and load measurements (not committed: generate it).

Usage, from the repository root:

    python3 benches/gen_edges.py EDGES NODES OUT [SEED]
    python3 benches/gen_edges.py 10000000 1000000 /tmp/random-1e7.el 1

Writes EDGES lines `a b`, each end drawn uniformly from 0..NODES with a seeded generator
(the same arguments give the same file), as SNAP writes its edge lists. `OUT` ending in `.gz`
is gzip-compressed.
"""

import gzip
import random
import sys


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    edges, nodes, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) == 5 else 1)
    opener = gzip.open if out.endswith(".gz") else open
    with opener(out, "wt", encoding="ascii") as f:
        f.write(f"# random edge list: {edges} edges over {nodes} nodes\n")
        chunk = 100_000
        for start in range(0, edges, chunk):
            count = min(chunk, edges - start)
            f.write("".join(f"{rng.randrange(nodes)} {rng.randrange(nodes)}\n"
                            for _ in range(count)))


if __name__ == "__main__":
    main()
