//! The id index: node numbers alone in a hash table, each compared by the id of its node's
//! slot, so that an id is stored once (in the slot): 5 bytes a bucket (a `u32` and a control
//! byte), the buckets a power of two at most 7/8 full, 6 to 11 bytes a node, where a map from
//! the id's text to the node took 25 a bucket.

use std::fmt;
use std::hash::BuildHasher;

use hashbrown::hash_table::Entry;
use hashbrown::HashTable;

use crate::model::NodeSlot;

/// Node numbers by id, for the nodes of one graph: every method takes the graph's slots, in
/// which node `i` is `nodes[i]`. Ids are hashed by foldhash: several times faster than std's
/// SipHash on short keys, and seeded at random per index, so that crafted ids cannot make
/// every key collide.
#[derive(Clone, Default)]
pub(crate) struct IdIndex {
    table: HashTable<u32>,
    hasher: foldhash::fast::RandomState,
}

impl IdIndex {
    /// An empty index with room for this many nodes.
    pub(crate) fn with_capacity(nodes: usize) -> IdIndex {
        IdIndex {
            table: HashTable::with_capacity(nodes),
            hasher: foldhash::fast::RandomState::default(),
        }
    }

    /// The number of the node with this id.
    /// The index of these ids, node `i` having id `ids[i]`, made from the ids alone (so that
    /// a loader can make it while another thread makes the nodes); the first id met twice as
    /// the error: (the node that has it first, the node that repeats it).
    pub(crate) fn of_ids(ids: &[&str]) -> Result<IdIndex, (usize, usize)> {
        let IdIndex { mut table, hasher } = IdIndex::with_capacity(ids.len());
        for (i, &id) in ids.iter().enumerate() {
            let entry = table.entry(
                hasher.hash_one(id),
                |&j| ids[j as usize] == id,
                |&j| hasher.hash_one(ids[j as usize]),
            );
            match entry {
                Entry::Occupied(first) => return Err((*first.get() as usize, i)),
                Entry::Vacant(slot) => {
                    slot.insert(u32::try_from(i).expect("a graph holds fewer than 2^32 nodes"));
                }
            }
        }
        Ok(IdIndex { table, hasher })
    }

    pub(crate) fn get(&self, nodes: &[NodeSlot], id: &str) -> Option<u32> {
        self.table
            .find(self.hasher.hash_one(id), |&i| {
                nodes[i as usize].id.as_str() == id
            })
            .copied()
    }

    /// Enters the last node of `nodes`, whose id no node of the index has (the others are
    /// entered already).
    pub(crate) fn insert_last(&mut self, nodes: &[NodeSlot]) {
        let Some((last, _)) = nodes.split_last() else {
            return;
        };
        // A graph has fewer than 2³² nodes (petgraph's `u32` indices).
        let i = u32::try_from(nodes.len() - 1).expect("a graph holds fewer than 2^32 nodes");
        let hasher = &self.hasher;
        self.table
            .insert_unique(hasher.hash_one(last.id.as_str()), i, |&j| {
                hasher.hash_one(nodes[j as usize].id.as_str())
            });
    }

    /// The numbers of the nodes entered, in no set order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.table.iter().copied()
    }

    /// How many nodes are entered.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }
}

impl fmt::Debug for IdIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdIndex({} ids)", self.table.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeKind;

    fn slots(ids: &[&str]) -> Vec<NodeSlot> {
        ids.iter()
            .map(|id| NodeSlot {
                id: (*id).into(),
                kind: NodeKind::Node,
                detail: NodeSlot::NONE,
            })
            .collect()
    }

    #[test]
    fn finds_every_id_entered_through_growth_and_no_other() {
        let ids: Vec<String> = (0..1000).map(|i| format!("n{i}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let nodes = slots(&refs);
        // Grown from empty, so every entry is rehashed through the slots several times.
        let mut index = IdIndex::default();
        for i in 0..nodes.len() {
            assert_eq!(index.get(&nodes[..i], &ids[i]), None);
            index.insert_last(&nodes[..=i]);
        }
        assert_eq!(index.len(), nodes.len());
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(index.get(&nodes, id), Some(i as u32));
        }
        assert_eq!(index.get(&nodes, "n1000"), None);
        // The same index made from the ids alone finds the same nodes.
        let made = IdIndex::of_ids(&refs).unwrap();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(made.get(&nodes, id), Some(i as u32));
        }
        assert_eq!(IdIndex::of_ids(&["a", "b", "c", "b"]).unwrap_err(), (1, 3));
        assert_eq!(index.get(&nodes, ""), None);
        let mut all: Vec<u32> = index.iter().collect();
        all.sort_unstable();
        assert_eq!(all, (0..1000).collect::<Vec<u32>>());
    }
}
