#!/usr/bin/env python3
"""Writes a large graph source (TOML, the format of graphs/README.md) that loads cleanly, to
measure the memory of loading sources (docs/benchmarks.md, "Graph sources").

Usage:

    python3 benches/gen_source.py EDGES OUT.toml [--docs]

Writes EDGES / 4 `[[node]]` entries (ids `n0`, `n1`, ...) and EDGES `[[edge]]` entries
between them, chosen by a fixed pseudo-random sequence, so the same command writes the same
file on every machine: about 61 bytes of text per edge, as the 122 MB source of 2·10⁶ edges
in issue 11. With `--docs`, one `[[document]]` is declared and every tenth node and edge cites
a sentence of it (the document's file, `doc.txt`, is written beside OUT.toml), so that
citations, dates and attributes are measured too.
"""

import pathlib
import random
import sys

RELS = ["partner_in", "member_of", "funded_by", "located_in", "coordinates"]
KINDS = ["cluster", "organisation", "project", "region"]
SENTENCE = "Il cluster LE2C è stato selezionato."


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    edges = int(sys.argv[1])
    out = pathlib.Path(sys.argv[2])
    docs = "--docs" in sys.argv[3:]
    nodes = max(2, edges // 4)
    rng = random.Random(11)
    with open(out, "w", encoding="utf-8") as f:
        if docs:
            (out.parent / "doc.txt").write_text(SENTENCE + "\n", encoding="utf-8")
            f.write('[[document]]\nkey = "d"\ntitle = "A document"\nlanguage = "it"\n'
                    'file = "doc.txt"\ndate = "2016-11"\n\n')
        cite = f'cite = [{{ doc = "d", quote = "{SENTENCE}" }}]\n'
        for i in range(nodes):
            f.write(f'[[node]]\nid = "n{i}"\nkind = "{KINDS[i % len(KINDS)]}"\nname = "Node {i}"\n')
            if docs and i % 10 == 0:
                f.write('attrs = { members = 120, country = "Italy" }\n' + cite)
            f.write("\n")
        for j in range(edges):
            a, b = rng.randrange(nodes), rng.randrange(nodes)
            f.write(f'[[edge]]\nfrom = "n{a}"\nrel = "{RELS[j % len(RELS)]}"\nto = "n{b}"\n')
            if docs and j % 10 == 0:
                f.write('date = "2016-12-01..2016-12-02"\n' + cite)
            f.write("\n")


if __name__ == "__main__":
    main()
