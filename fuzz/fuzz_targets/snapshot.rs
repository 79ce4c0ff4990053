//! Fuzzes the snapshot reader (`clustergraph_core::snapshot::decode`) with arbitrary bytes,
//! twice: as a whole file, where the header and its checksums must refuse nearly everything,
//! and as a payload behind a header that checks (`snapshot::seal`), so that the MessagePack
//! decoder and the record checks see every mutation. It must never panic, hang or allocate
//! past libFuzzer's limit; a graph it accepts must be whole (every edge end a node) and read
//! back the same from a snapshot of itself.

#![no_main]

use clustergraph_core::snapshot;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    check(data);
    check(&snapshot::seal(data));
});

fn check(bytes: &[u8]) {
    match snapshot::decode(bytes) {
        Ok(s) => {
            let g = &s.graph;
            for e in g.edge_indices() {
                let (a, b) = g.endpoints(e);
                assert!(a.index() < g.node_count() && b.index() < g.node_count());
            }
            let again = snapshot::decode(&snapshot::to_bytes(g))
                .expect("a snapshot this build writes reads back");
            assert!(snapshot::diff(g, &again.graph).is_empty());
            assert_eq!(again.graph.documents(), g.documents());
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}
