//! GEXF 1.2, Gephi's format (and Gephi Lite's, through graphology-gexf): a node's `label` is
//! its name and an edge's `label` its type; every field is also an attribute value, declared
//! once per class with its type (see [`super::exchange`] for the fields).

use std::collections::HashMap;
use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::exchange::{edge_fields, node_fields, AttrType, Schema, Selection};
use super::graphml::xml_text;
use crate::graph::KnowledgeGraph;

/// Writes the selected part of `g` as GEXF 1.2.
pub(crate) fn write(g: &KnowledgeGraph, sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    let schema = Schema::of(g, sel);
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(BytesStart::new("gexf").with_attributes([
        ("xmlns", "http://www.gexf.net/1.2draft"),
        ("version", "1.2"),
    ])))?;
    w.create_element("meta").write_inner_content(|w| {
        w.create_element("creator")
            .write_text_content(BytesText::new("clustergraph"))?;
        if !g.documents().is_empty() {
            // GEXF has no graph attributes: the documents that provenance cites go in the
            // description, as JSON.
            let docs = super::exchange::documents_json(g).to_string();
            w.create_element("description")
                .write_text_content(BytesText::new(&xml_text(&docs)))?;
        }
        Ok(())
    })?;
    w.write_event(Event::Start(BytesStart::new("graph").with_attributes([
        ("defaultedgetype", "directed"),
        ("mode", "static"),
    ])))?;
    let node_fixed = ["kind", "name", "aliases", "provenance"];
    let edge_fixed = ["rel", "date", "provenance"];
    let mut node_ids: HashMap<String, (String, AttrType)> = HashMap::new();
    let mut edge_ids: HashMap<String, (String, AttrType)> = HashMap::new();
    let classes = [
        ("node", &node_fixed[..], &schema.node_attrs, &mut node_ids),
        ("edge", &edge_fixed[..], &schema.edge_attrs, &mut edge_ids),
    ];
    for (class, fixed, attrs, ids) in classes {
        let all: Vec<(String, AttrType)> = fixed
            .iter()
            .map(|n| (n.to_string(), AttrType::Str))
            .chain(attrs.iter().cloned())
            .collect();
        w.create_element("attributes")
            .with_attribute(("class", class))
            .write_inner_content(|w| {
                for (i, (name, t)) in all.iter().enumerate() {
                    // Numbers, as Gephi writes them: graphology-gexf names values by the
                    // attribute's title only when its id is a number.
                    let id = i.to_string();
                    w.create_element("attribute")
                        .with_attributes([
                            ("id", id.as_str()),
                            ("title", &xml_text(name)),
                            ("type", t.xml_name()),
                        ])
                        .write_empty()?;
                    ids.insert(name.clone(), (id, *t));
                }
                Ok(())
            })?;
    }
    let attvalues = |w: &mut Writer<&mut dyn Write>,
                     ids: &HashMap<String, (String, AttrType)>,
                     values: Vec<(String, String)>|
     -> io::Result<()> {
        w.create_element("attvalues").write_inner_content(|w| {
            for (name, value) in values {
                let id = &ids[&name].0;
                w.create_element("attvalue")
                    .with_attributes([("for", id.as_str()), ("value", &xml_text(&value))])
                    .write_empty()?;
            }
            Ok(())
        })?;
        Ok(())
    };
    w.write_event(Event::Start(BytesStart::new("nodes")))?;
    for &n in &sel.nodes {
        let node = g.node(n);
        let values: Vec<(String, String)> = node_fields(g, node)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .chain(
                node.attrs
                    .iter()
                    .map(|(k, v)| (k.clone(), node_ids[k].1.text(v))),
            )
            .collect();
        w.create_element("node")
            .with_attributes([
                ("id", &*xml_text(node.id)),
                ("label", &*xml_text(node.name)),
            ])
            .write_inner_content(|w| attvalues(w, &node_ids, values))?;
    }
    w.write_event(Event::End(BytesEnd::new("nodes")))?;
    w.write_event(Event::Start(BytesStart::new("edges")))?;
    for (i, &e) in sel.edges.iter().enumerate() {
        let (a, b) = g.endpoints(e);
        let edge = g.edge(e);
        let values: Vec<(String, String)> = edge_fields(g, edge)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .chain(
                edge.attrs()
                    .iter()
                    .map(|(k, v)| (k.clone(), edge_ids[k].1.text(v))),
            )
            .collect();
        let id = i.to_string();
        w.create_element("edge")
            .with_attributes([
                ("id", id.as_str()),
                ("source", &xml_text(g.node(a).id)),
                ("target", &xml_text(g.node(b).id)),
                ("label", edge.rel.as_str()),
            ])
            .write_inner_content(|w| attvalues(w, &edge_ids, values))?;
    }
    w.write_event(Event::End(BytesEnd::new("edges")))?;
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("gexf")))?;
    w.into_inner().write_all(b"\n")
}
