// Reads clustergraph's GEXF export of the seed graph with graphology-gexf, the parser of
// Gephi Lite, and checks it against clustergraph's `stats` and its node-link JSON export.
//
// Usage: node check_gexf.mjs OUT, where OUT holds seed.gexf, seed.json and ours.jsonl.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import graphology from "graphology";
import gexf from "graphology-gexf";

const out = process.argv[2];
const results = readFileSync(join(out, "ours.jsonl"), "utf8").trim().split("\n").map(JSON.parse);
const stats = Object.fromEntries(results[0].rows);
const graph = gexf.parse(graphology.MultiDirectedGraph, readFileSync(join(out, "seed.gexf"), "utf8"));
const nodeLink = JSON.parse(readFileSync(join(out, "seed.json"), "utf8"));
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

check(graph.order === stats.nodes, `${graph.order} nodes, not ${stats.nodes}`);
check(graph.size === stats.edges, `${graph.size} edges, not ${stats.edges}`);
const count = (items) => items.reduce((m, k) => ({ ...m, [k]: (m[k] || 0) + 1 }), {});
const kinds = count(graph.mapNodes((_, a) => a.kind));
const types = count(graph.mapEdges((_, a) => a.rel));
for (const [key, value] of Object.entries(stats)) {
  if (key.startsWith("nodes: ")) check(kinds[key.slice(7)] === value, `${key}: ${kinds[key.slice(7)]}`);
  if (key.startsWith("edges: ")) check(types[key.slice(7)] === value, `${key}: ${types[key.slice(7)]}`);
}
for (const n of nodeLink.nodes) {
  const a = graph.hasNode(n.id) ? graph.getNodeAttributes(n.id) : null;
  check(a && a.label === n.name && a.kind === n.kind, `node ${n.id}: ${JSON.stringify(a)}`);
}
const edge = (s, t, rel, date) => `${s} ${t} ${rel} ${date ?? ""}`;
const ours = nodeLink.edges.map((e) => edge(e.source, e.target, e.rel, e.date)).sort();
const read = graph.mapEdges((_, a, s, t) => edge(s, t, a.rel, a.date)).sort();
check(JSON.stringify(ours) === JSON.stringify(read), "edges (ends, type, date) differ from node-link JSON's");
if (failures.length) {
  console.error(failures.join("\n"));
  process.exit(1);
}
console.log(`graphology-gexf read GEXF: ${graph.order} nodes, ${graph.size} edges, kinds, names, types and dates as exported`);
