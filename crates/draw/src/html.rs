//! The explorer: one self-contained HTML page (no network, nothing third-party) holding the
//! graph laid out here, by the same [`layout`](crate::layout()) as the drawings, and the
//! project's own script (`explorer/explorer.js`) that draws it on a canvas with pan and zoom,
//! a search by name or alias that ignores case and accents, a panel with a clicked node's
//! attributes and its edges (dates, source documents, quoted sentences), and filters by
//! kind and by year.

use std::collections::BTreeMap;

use clustergraph_core::{names, EdgeIndex, KnowledgeGraph, NodeIndex, NodeKind};
use serde::Serialize;

use crate::layout::{layout, Options};
use crate::palette::colour;
use crate::{Arrangement, Picture, PictureEdge, PictureNode};

/// Most nodes the explorer holds: it stays responsive to a few thousand.
pub const MAX_EXPLORER_NODES: usize = 5000;
/// Up to this many nodes, the layout makes room for every label.
const LABELLED: usize = 400;

const TEMPLATE: &str = include_str!("explorer/explorer.html");
const SCRIPT: &str = include_str!("explorer/explorer.js");
const STYLE: &str = include_str!("explorer/explorer.css");

/// What the explorer shows.
#[derive(Clone, Debug)]
pub struct Explorer<'a> {
    pub nodes: &'a [NodeIndex],
    /// Edges with an end outside `nodes` are left out.
    pub edges: &'a [EdgeIndex],
    pub title: String,
    pub subtitle: String,
}

#[derive(Serialize)]
struct Data<'a> {
    title: &'a str,
    subtitle: &'a str,
    kinds: Vec<KindOut>,
    nodes: Vec<NodeOut>,
    edges: Vec<EdgeOut>,
    docs: BTreeMap<String, DocOut>,
}

#[derive(Serialize)]
struct KindOut {
    name: &'static str,
    colour: &'static str,
}

#[derive(Serialize)]
struct NodeOut {
    id: String,
    name: String,
    /// Position in `kinds`.
    kind: usize,
    x: f64,
    y: f64,
    r: f64,
    /// The name's lines, as the layout wrapped it (none when it left no room for names),
    /// and where the top middle of their box is from the node's centre.
    lines: Vec<String>,
    lx: f64,
    ly: f64,
    aliases: Vec<String>,
    attrs: Vec<(String, String)>,
    sources: Vec<SourceOut>,
    /// Id, name and aliases folded as the REPL folds names (case, accents, punctuation),
    /// one per line, for the search.
    fold: String,
}

#[derive(Serialize)]
struct EdgeOut {
    s: usize,
    t: usize,
    rel: &'static str,
    date: Option<String>,
    /// The first and last year the edge's date or period meets.
    years: Option<(i32, i32)>,
    attrs: Vec<(String, String)>,
    sources: Vec<SourceOut>,
}

#[derive(Serialize)]
struct SourceOut {
    doc: String,
    quote: String,
}

#[derive(Serialize)]
struct DocOut {
    title: String,
    date: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
}

/// The explorer's page for `what` in `g`.
pub fn html(g: &KnowledgeGraph, what: &Explorer<'_>) -> String {
    let picture = Picture {
        title: what.title.clone(),
        subtitle: what.subtitle.clone(),
        nodes: what
            .nodes
            .iter()
            .map(|&ix| {
                let n = g.node(ix);
                PictureNode {
                    id: n.id.to_string(),
                    label: n.name.to_string(),
                    kind: n.kind,
                    weight: None,
                    focus: false,
                }
            })
            .collect(),
        edges: Vec::new(),
        arrangement: Arrangement::Free,
        size_metric: None,
    };
    let mut position = std::collections::HashMap::with_capacity(what.nodes.len());
    for (i, &ix) in what.nodes.iter().enumerate() {
        position.insert(ix, i);
    }
    let kept: Vec<(EdgeIndex, usize, usize)> = what
        .edges
        .iter()
        .filter_map(|&e| {
            let (a, b) = g.endpoints(e);
            Some((e, *position.get(&a)?, *position.get(&b)?))
        })
        .collect();
    let picture = Picture {
        edges: kept
            .iter()
            .map(|&(e, from, to)| PictureEdge {
                from,
                to,
                label: g.edge(e).rel.as_str().to_string(),
            })
            .collect(),
        ..picture
    };
    let placed = layout(
        &picture,
        Options {
            node_labels: picture.nodes.len() <= LABELLED,
            edge_labels: false,
        },
    );
    let kinds: Vec<NodeKind> = picture.kinds();
    let mut docs = BTreeMap::new();
    let mut source = |p: &clustergraph_core::Provenance| {
        let d = g.document(p.doc);
        docs.entry(d.key.clone()).or_insert_with(|| DocOut {
            title: d.title.clone(),
            date: d.date.map(|x| x.to_string()),
            publisher: d.publisher.clone(),
            url: d.url.clone(),
        });
        SourceOut {
            doc: d.key.clone(),
            quote: p.quote.clone(),
        }
    };
    let attrs = |a: &clustergraph_core::Attrs| {
        a.iter()
            .map(|(k, v)| (k.clone(), v.to_string()))
            .collect::<Vec<_>>()
    };
    let nodes: Vec<NodeOut> = what
        .nodes
        .iter()
        .zip(&placed.nodes)
        .map(|(&ix, place)| {
            let n = g.node(ix);
            let fold = std::iter::once(n.id.as_ref())
                .chain(std::iter::once(n.name.as_ref()))
                .chain(n.aliases.iter().map(String::as_str))
                .map(names::fold)
                .collect::<Vec<_>>()
                .join("\n");
            NodeOut {
                id: n.id.to_string(),
                name: n.name.to_string(),
                kind: kinds.iter().position(|k| *k == n.kind).unwrap_or(0),
                x: (place.centre.x * 10.0).round() / 10.0,
                y: (place.centre.y * 10.0).round() / 10.0,
                r: place.radius,
                lines: place.lines.clone(),
                lx: ((place.label.centre().x - place.centre.x) * 10.0).round() / 10.0,
                ly: ((place.label.y0 - place.centre.y) * 10.0).round() / 10.0,
                aliases: n.aliases.to_vec(),
                attrs: attrs(n.attrs),
                sources: n.provenance.iter().map(&mut source).collect(),
                fold,
            }
        })
        .collect();
    let edges: Vec<EdgeOut> = kept
        .iter()
        .map(|&(e, s, t)| {
            let edge = g.edge(e);
            EdgeOut {
                s,
                t,
                rel: edge.rel.as_str(),
                date: edge.date().map(|d| d.to_string()),
                years: edge.date().map(|d| (d.start.year, d.end.year)),
                attrs: attrs(edge.attrs()),
                sources: edge.provenance().iter().map(&mut source).collect(),
            }
        })
        .collect();
    let data = Data {
        title: &what.title,
        subtitle: &what.subtitle,
        kinds: kinds
            .iter()
            .map(|&k| KindOut {
                name: k.as_str(),
                colour: colour(k),
            })
            .collect(),
        nodes,
        edges,
        docs,
    };
    let json = serde_json::to_string(&data).expect("the explorer's data serialises");
    // Inside a <script> element, `<` could close it: JSON may write it as \u003c instead,
    // and it occurs only within strings.
    let json = json.replace('<', "\\u003c");
    TEMPLATE
        .replace("{{title}}", &escape(&what.title))
        .replace("{{style}}", STYLE)
        .replace("{{data}}", &json)
        .replace("{{script}}", SCRIPT)
}

/// `text` for HTML text or attribute values.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_holds_the_graph_and_no_closing_script_in_its_data() {
        let g = clustergraph_core::seed_graph();
        let nodes: Vec<NodeIndex> = g.node_indices().collect();
        let edges: Vec<EdgeIndex> = g.edge_indices().collect();
        let page = html(
            &g,
            &Explorer {
                nodes: &nodes,
                edges: &edges,
                title: "The seed graph <all of it>".into(),
                subtitle: "from the seed graph".into(),
            },
        );
        assert!(page.contains("<title>The seed graph &lt;all of it&gt;</title>"));
        let start = page.find("id=\"graph-data\">").expect("data") + 16;
        let end = start + page[start..].find("</script>").expect("end of data");
        let data: serde_json::Value = serde_json::from_str(&page[start..end]).expect("JSON");
        assert_eq!(data["nodes"].as_array().map(Vec::len), Some(g.node_count()));
        assert_eq!(data["edges"].as_array().map(Vec::len), Some(g.edge_count()));
        let le2c = data["nodes"]
            .as_array()
            .and_then(|n| n.iter().find(|n| n["id"] == "le2c"))
            .expect("LE2C");
        assert!(le2c["fold"].as_str().is_some_and(|f| f.contains("le2c")));
        // Nothing is fetched: no external script, style or font.
        for needle in ["src=\"http", "href=\"http", "@import", "url(http"] {
            assert!(!page.contains(needle), "{needle}");
        }
    }
}
