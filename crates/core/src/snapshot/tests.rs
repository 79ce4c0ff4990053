//! Round trips, and every kind of damaged snapshot refused with its own error.

use std::sync::Arc;

use proptest::prelude::*;

use super::record::{At, Payload};
use super::*;
use crate::model::{Attrs, Document, Edge, Node, NodeKind, Period, Provenance, Rel, RowRef, Value};

/// A small graph with something of everything: documents, names, aliases, attributes of each
/// type, provenance, dated and parallel edges, an origin.
fn small() -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    g.add_origin(Origin {
        kind: "graph source".into(),
        path: "/data/g.toml".into(),
    });
    let doc = g.add_document(Document {
        key: "news".into(),
        title: "News".into(),
        language: "it".into(),
        file: Some("docs/news.txt".into()),
        date: Some(Period::parse("2016-12-01").unwrap()),
        publisher: None,
        url: Some("https://example.org".into()),
    });
    let mut attrs = Attrs::new();
    attrs.insert("founded".into(), Value::Int(2009));
    attrs.insert("share".into(), Value::Float(0.25));
    attrs.insert("public".into(), Value::Bool(true));
    attrs.insert("country".into(), Value::Str("Italia".into()));
    let a = g
        .add_node(Node {
            id: "le2c".into(),
            kind: NodeKind::Cluster,
            name: "Lombardy Energy Cleantech Cluster".into(),
            aliases: vec!["LE2C".into()],
            attrs,
            provenance: vec![Provenance::sentence(doc, "il cluster LE2C")],
        })
        .unwrap();
    let b = g
        .add_node(Node {
            id: "ctl".into(),
            kind: NodeKind::Network,
            name: "ctl".into(),
            aliases: vec![],
            attrs: Attrs::new(),
            provenance: vec![],
        })
        .unwrap();
    let mut role = Attrs::new();
    role.insert("role".into(), Value::Str("member".into()));
    let member = Rel::parse("member_of").unwrap();
    g.add_edge(
        a,
        b,
        Edge::new(
            member,
            Some(Period::parse("2011..2012").unwrap()),
            role,
            // A fact read from a table keeps its sheet and row.
            vec![Provenance {
                row: Some(RowRef {
                    sheet: Some("Partners".into()),
                    row: 2053,
                }),
                ..Provenance::sentence(doc, "6 cluster su 9")
            }],
        ),
    );
    g.add_edge(a, b, Edge::plain(member));
    g.add_edge(b, b, Edge::plain(Rel::linked()));
    g
}

/// The bytes of a snapshot of the small graph, at a fixed date.
fn small_bytes() -> Vec<u8> {
    to_bytes_at(&small(), 1_764_000_000)
}

fn error(bytes: &[u8]) -> SnapshotError {
    match decode(bytes) {
        Ok(_) => panic!("decoded"),
        Err(e) => e,
    }
}

/// The records of the small graph, to damage one field of them.
fn records() -> Payload<'static> {
    encode::payload(&small(), 0)
}

fn sealed(p: &Payload) -> Vec<u8> {
    seal(&rmp_serde::to_vec_named(p).unwrap())
}

#[test]
fn the_small_graph_round_trips() {
    let g = small();
    let s = decode(&small_bytes()).unwrap();
    assert!(diff(&g, &s.graph).is_empty(), "{:?}", diff(&g, &s.graph));
    assert_eq!(s.graph.documents(), g.documents());
    assert_eq!(s.graph.origins(), g.origins());
    assert_eq!(s.meta.version, 1);
    assert_eq!(s.meta.written_utc(), "2025-11-24T16:00:00Z");
    assert_eq!(s.meta.built_from, g.origins());
    assert!(s.meta.tool.starts_with("clustergraph "));
    // Node order, and so every index, is kept.
    for ix in g.node_indices() {
        assert_eq!(g.node(ix), s.graph.node(ix));
    }
    for e in g.edge_indices() {
        assert_eq!(g.edge(e), s.graph.edge(e));
        assert_eq!(g.endpoints(e), s.graph.endpoints(e));
    }
}

#[test]
fn the_seed_graph_and_an_edge_list_round_trip() {
    let g = crate::seed_graph();
    let s = decode(&to_bytes(&g)).unwrap();
    assert!(diff(&g, &s.graph).is_empty());
    assert_eq!(s.graph.documents(), g.documents());
    let el = crate::io::load_edge_list("g.el", Arc::from("1 2\n2 3 0.5\n3 1\n1 2\n")).unwrap();
    let s = decode(&to_bytes(&el)).unwrap();
    assert!(diff(&el, &s.graph).is_empty());
    let e = s.graph.edge_indices().nth(1).unwrap();
    assert_eq!(s.graph.edge(e).attrs()["weight"], Value::Float(0.5));
}

#[test]
fn an_empty_file_is_refused() {
    assert!(matches!(error(b""), SnapshotError::Empty));
    assert_eq!(error(b"").to_string(), "the snapshot is empty (0 bytes)");
}

#[test]
fn every_truncation_is_refused() {
    let bytes = small_bytes();
    for len in 0..bytes.len() {
        let e = error(&bytes[..len]);
        if len >= MAGIC.len() {
            assert!(
                matches!(e, SnapshotError::Truncated { .. }),
                "cut at {len}: {e}"
            );
        }
    }
    let e = error(&bytes[..bytes.len() - 1]);
    assert_eq!(
        e.to_string(),
        format!(
            "the snapshot is truncated: it should be {} bytes long, it is {}",
            bytes.len(),
            bytes.len() - 1
        )
    );
}

#[test]
fn every_single_flipped_bit_is_refused() {
    let bytes = small_bytes();
    let mut damaged = bytes.clone();
    for i in 0..bytes.len() * 8 {
        damaged[i / 8] ^= 1 << (i % 8);
        let e = error(&damaged);
        let expected = match i / 8 {
            0..8 => matches!(e, SnapshotError::DamagedHeader),
            8..HEADER_LEN => matches!(e, SnapshotError::DamagedHeader),
            _ => matches!(e, SnapshotError::Checksum),
        };
        assert!(expected, "bit {i}: {e}");
        damaged[i / 8] ^= 1 << (i % 8);
    }
}

#[test]
fn a_foreign_file_is_refused() {
    for foreign in [
        &b"1 2\n2 3\n"[..],
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        b"\x1f\x8b\x08\0",
        b"[[node]]\nid = \"x\"\n",
    ] {
        assert!(
            matches!(error(foreign), SnapshotError::Foreign),
            "{foreign:?}"
        );
    }
    // The start of the signature, and no more, is a snapshot cut short.
    assert!(matches!(error(b"\x89CG"), SnapshotError::Truncated { .. }));
    assert_eq!(
        error(b"hello").to_string(),
        "not a clustergraph snapshot: it does not start with the snapshot signature"
    );
}

/// A header of `version` and payload `length` whose own checksum holds.
fn header_of(version: u32, length: u64) -> Vec<u8> {
    let mut h = header::encode(b"").to_vec();
    h[8..12].copy_from_slice(&version.to_le_bytes());
    h[12..20].copy_from_slice(&length.to_le_bytes());
    let own = crc32fast::hash(&h[..24]);
    h[24..28].copy_from_slice(&own.to_le_bytes());
    h
}

#[test]
fn a_future_version_is_refused_by_its_number() {
    let bytes = small_bytes();
    let mut future = header_of(2, (bytes.len() - HEADER_LEN) as u64);
    future.extend_from_slice(&bytes[HEADER_LEN..]);
    let e = error(&future);
    assert!(matches!(e, SnapshotError::FutureVersion { version: 2 }));
    assert_eq!(
        e.to_string(),
        "the snapshot is of format version 2, newer than this build reads (1): open it with \
         the newer clustergraph that wrote it"
    );
    // Version 0 was never written.
    assert!(matches!(
        error(&header_of(0, 0)),
        SnapshotError::DamagedHeader
    ));
}

#[test]
fn a_header_claiming_gigabytes_is_refused_without_allocating_them() {
    let mut bytes = header_of(1, 1 << 40);
    bytes.extend_from_slice(b"\x80");
    let e = error(&bytes);
    assert!(matches!(
        e,
        SnapshotError::Truncated {
            expected: 1_099_511_627_804,
            actual: 29
        }
    ));
    assert!(matches!(
        error(&header_of(1, u64::MAX)),
        SnapshotError::Truncated { .. }
    ));
}

/// MessagePack lengths of 4 GiB inside a payload whose checksum holds: an array, a string, a
/// byte string and a map, each where the records expect one. Each is refused when the bytes
/// run out, having allocated no more than serde's cautious cap.
#[test]
fn inner_lengths_claiming_gigabytes_are_refused() {
    let key = |k: &str| {
        let mut v = vec![0xa0 | k.len() as u8];
        v.extend_from_slice(k.as_bytes());
        v
    };
    let huge = |marker: u8| {
        let mut v = vec![marker];
        v.extend_from_slice(&u32::MAX.to_le_bytes());
        v
    };
    // A map of one entry whose value claims 4 Gi elements or bytes.
    for (field, marker) in [
        ("documents", 0xdd), // array 32
        ("meta", 0xdf),      // map 32
        ("nodes", 0xdb),     // str 32
        ("edges", 0xc6),     // bin 32
    ] {
        let mut payload = vec![0x81];
        payload.extend(key(field));
        payload.extend(huge(marker));
        payload.extend_from_slice(&[0u8; 16]);
        let e = error(&seal(&payload));
        assert!(matches!(e, SnapshotError::Decode(_)), "{field}: {e}");
    }
    // A column of edge ends claiming 4 GiB, inside otherwise good records.
    let mut payload = rmp_serde::to_vec_named(&records()).unwrap();
    let at = payload
        .windows(8)
        .position(|w| w == b"\xa7sources")
        .expect("the sources column")
        + 8;
    assert_eq!(payload[at], 0xc4, "a short bin");
    payload.splice(at..at + 2, huge(0xc6));
    assert!(matches!(error(&seal(&payload)), SnapshotError::Decode(_)));
}

#[test]
fn nesting_a_thousand_levels_deep_is_refused() {
    // As the value of a known field, and of an unknown one.
    for field in ["meta", "extra"] {
        let mut payload = vec![0x81, 0xa0 | field.len() as u8];
        payload.extend_from_slice(field.as_bytes());
        payload.extend(std::iter::repeat_n(0x91, 1000)); // [[[[...
        payload.push(0xc0);
        let e = error(&seal(&payload));
        assert!(matches!(e, SnapshotError::Decode(_)), "{field}: {e}");
    }
    // Alone, a thousand nested arrays, and as many nested maps.
    for marker in [0x91u8, 0x81] {
        let mut payload = vec![marker; 1000];
        payload.push(0xc0);
        assert!(matches!(error(&seal(&payload)), SnapshotError::Decode(_)));
    }
}

#[test]
fn trailing_bytes_are_refused() {
    let mut bytes = small_bytes();
    bytes.extend_from_slice(b"\n");
    let e = error(&bytes);
    assert!(matches!(e, SnapshotError::Trailing { extra: 1 }), "{e}");
    // Bytes after the records, inside a payload whose checksum holds.
    let mut payload = rmp_serde::to_vec_named(&records()).unwrap();
    payload.push(0xc0);
    assert!(matches!(
        error(&seal(&payload)),
        SnapshotError::TrailingPayload { extra: 1 }
    ));
}

/// Records that decode but say something impossible: each is refused by what is wrong.
#[test]
fn invalid_records_are_refused_by_what_is_wrong() {
    type Damage = Box<dyn Fn(&mut Payload)>;
    let cases: Vec<(&str, Damage)> = vec![
        (
            "edge number 0 joins node numbers 7 and 1, past the 2 nodes there are",
            Box::new(|p| p.edges.sources.to_mut()[..4].copy_from_slice(&7u32.to_le_bytes())),
        ),
        (
            "unknown node kind `galaxy`",
            Box::new(|p| p.nodes.kind_names[0] = "galaxy".into()),
        ),
        (
            "unknown relation `Member_Of`",
            Box::new(|p| p.edges.rel_names[0] = "Member_Of".into()),
        ),
        (
            "the node id `le2c` is used twice",
            Box::new(|p| {
                p.nodes.ids.bytes = b"le2cle2c".to_vec().into();
                p.nodes.ids.ends = [4u32, 8].iter().flat_map(|e| e.to_le_bytes()).collect();
            }),
        ),
        (
            "node number 1 has an empty id",
            Box::new(|p| {
                p.nodes.ids.ends.to_mut()[4..].copy_from_slice(&4u32.to_le_bytes());
                p.nodes.ids.bytes.to_mut().truncate(4);
            }),
        ),
        (
            "the node ids are cut at a wrong place",
            Box::new(|p| p.nodes.ids.ends.to_mut()[..4].copy_from_slice(&99u32.to_le_bytes())),
        ),
        (
            "the node ids are not UTF-8 (invalid utf-8 sequence of 1 bytes from index 0)",
            Box::new(|p| p.nodes.ids.bytes.to_mut()[0] = 0xff),
        ),
        (
            "2 node kinds for 3 node ids",
            Box::new(|p| {
                p.nodes.ids.bytes.to_mut().push(b'x');
                let end = p.nodes.ids.bytes.len() as u32;
                p.nodes
                    .ids
                    .ends
                    .to_mut()
                    .extend_from_slice(&end.to_le_bytes());
            }),
        ),
        (
            "node `ctl` has kind number 5, past the 2 kinds listed",
            Box::new(|p| p.nodes.kinds.to_mut()[1] = 5),
        ),
        (
            "edge number 2 has relation number 9, past the 2 relations listed",
            Box::new(|p| p.edges.rels.to_mut()[2] = 9),
        ),
        (
            "3 edge types but 11 and 12 bytes of edge ends (4 an edge)",
            Box::new(|p| {
                p.edges.sources.to_mut().pop();
            }),
        ),
        (
            "the node name list names number 0 out of order or past the 2 there are",
            Box::new(|p| {
                p.nodes.names.push(At {
                    at: 0,
                    value: "again".into(),
                })
            }),
        ),
        (
            "the edge date list names number 3 out of order or past the 3 there are",
            Box::new(|p| p.edges.dates[0].at = 3),
        ),
        (
            "the date of edge number 0: the period `2012..2011` ends before it starts",
            Box::new(|p| p.edges.dates[0].value = "2012..2011".into()),
        ),
        (
            "node `le2c` cites document number 4, past the 1 there are",
            Box::new(|p| p.nodes.provenance[0].value[0].doc = 4),
        ),
        (
            "edge number 0 has the attribute `role` twice",
            Box::new(|p| {
                let first = p.edges.attrs[0].value.remove(0);
                let again = super::record::AttrRecord {
                    name: first.name.clone(),
                    value: super::record::ValueRecord::Int(1),
                };
                p.edges.attrs[0].value.extend([first, again]);
            }),
        ),
    ];
    for (message, damage) in cases {
        let mut p = records();
        damage(&mut p);
        let e = error(&sealed(&p));
        assert_eq!(
            e.to_string(),
            format!("the snapshot's content is invalid: {message}")
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Random damage anywhere: the header and the checksum catch it, never a panic.
    #[test]
    fn random_damage_is_refused(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 1..8)
    ) {
        let mut bytes = small_bytes();
        for (at, byte, how) in edits {
            let i = at.index(bytes.len().max(1));
            match how {
                0 if !bytes.is_empty() => bytes[i] = byte,
                1 if !bytes.is_empty() => { bytes.remove(i); }
                2 => bytes.insert(i.min(bytes.len()), byte),
                _ => bytes.truncate(i),
            }
        }
        if bytes != small_bytes() {
            prop_assert!(decode(&bytes).is_err());
        }
    }

    /// Random damage to the payload behind a header that checks, so that the decoder and the
    /// record checks see it: refused or decoded, never a panic, and a decoded graph is whole.
    #[test]
    fn random_damage_behind_a_good_checksum_never_panics(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6)
    ) {
        let mut payload = small_bytes()[HEADER_LEN..].to_vec();
        for (at, byte, how) in edits {
            let i = at.index(payload.len().max(1));
            match how {
                0 if !payload.is_empty() => payload[i] = byte,
                1 if !payload.is_empty() => { payload.remove(i); }
                _ => payload.insert(i.min(payload.len()), byte),
            }
        }
        if let Ok(s) = decode(&seal(&payload)) {
            for e in s.graph.edge_indices() {
                let (a, b) = s.graph.endpoints(e);
                prop_assert!(a.index() < s.graph.node_count() && b.index() < s.graph.node_count());
            }
        }
    }
}

/// The snapshot of the seed graph in format version 1, committed: every later build must read
/// it. While the format is version 1 and the seed graph changes on purpose, rewrite it with
/// `UPDATE_SNAPSHOT_FIXTURE=1 cargo test -p clustergraph-core format_1_fixture`.
const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/snapshot/seeds-format-1.cgs"
);

#[test]
fn the_format_1_fixture_reads_as_the_seed_graph() {
    let seed = crate::seed_graph();
    if std::env::var_os("UPDATE_SNAPSHOT_FIXTURE").is_some() {
        assert_eq!(
            FORMAT_VERSION, 1,
            "the fixture is of format version 1: a later build must not rewrite it"
        );
        std::fs::write(FIXTURE, to_bytes_at(&seed, 1_764_662_400)).unwrap();
    }
    let s = decode(&std::fs::read(FIXTURE).unwrap()).unwrap();
    assert_eq!(s.meta.version, 1);
    assert_eq!(s.meta.written_utc(), "2025-12-02T08:00:00Z");
    assert_eq!(
        s.meta.built_from,
        [Origin {
            kind: "built-in".into(),
            path: "graphs/seeds".into()
        }]
    );
    let d = diff(&seed, &s.graph);
    assert!(
        d.is_empty(),
        "the seed graph differs from the format 1 fixture:\n{:#?}\nIf the seed graph changed \
         on purpose and FORMAT_VERSION is still 1, rewrite the fixture: \
         UPDATE_SNAPSHOT_FIXTURE=1 cargo test -p clustergraph-core format_1_fixture",
        d.differences
    );
    assert_eq!(s.graph.documents(), seed.documents());
    for ix in seed.node_indices() {
        assert_eq!(seed.node(ix), s.graph.node(ix));
    }
}
