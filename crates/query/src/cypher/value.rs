//! Values a query computes, with Cypher's rules: three-valued logic (a comparison with
//! `NULL` is `NULL`), equality across numbers, comparisons only within a type, and the
//! total order of `ORDER BY` (nulls last ascending, as Neo4j).

use std::cmp::Ordering;

use clustergraph_core::{EdgeIndex, NodeIndex, SharedText};

/// A value in a row.
#[derive(Clone, Debug)]
pub(crate) enum Val {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// Shared with the graph when it is a node's id or name: reading one allocates nothing.
    Str(SharedText),
    List(Vec<Val>),
    Node(NodeIndex),
    Edge(EdgeIndex),
}

impl Val {
    pub fn is_null(&self) -> bool {
        matches!(self, Val::Null)
    }

    fn number(&self) -> Option<f64> {
        match self {
            Val::Int(i) => Some(*i as f64),
            Val::Float(x) => Some(*x),
            _ => None,
        }
    }

    /// `a = b`: `None` (NULL) when either is null (or a list holding a null decides it).
    pub fn equals(&self, other: &Val) -> Option<bool> {
        match (self, other) {
            (Val::Null, _) | (_, Val::Null) => None,
            (Val::Int(a), Val::Int(b)) => Some(a == b),
            (Val::Bool(a), Val::Bool(b)) => Some(a == b),
            (Val::Str(a), Val::Str(b)) => Some(a == b),
            (Val::Node(a), Val::Node(b)) => Some(a == b),
            (Val::Edge(a), Val::Edge(b)) => Some(a == b),
            (Val::List(a), Val::List(b)) => {
                if a.len() != b.len() {
                    return Some(false);
                }
                let mut unknown = false;
                for (x, y) in a.iter().zip(b) {
                    match x.equals(y) {
                        Some(false) => return Some(false),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                if unknown {
                    None
                } else {
                    Some(true)
                }
            }
            (a, b) => match (a.number(), b.number()) {
                (Some(x), Some(y)) => Some(x == y),
                _ => Some(false),
            },
        }
    }

    /// `a < b` and friends: `None` when either is null or they are not comparable (a string
    /// and a number), as Cypher.
    pub fn compare(&self, other: &Val) -> Option<Ordering> {
        match (self, other) {
            (Val::Int(a), Val::Int(b)) => Some(a.cmp(b)),
            (Val::Str(a), Val::Str(b)) => Some(a.cmp(b)),
            (Val::Bool(a), Val::Bool(b)) => Some(a.cmp(b)),
            (a, b) => a.number()?.partial_cmp(&b.number()?),
        }
    }

    /// The rank of a type in `ORDER BY`'s total order (Neo4j's: nodes, relationships,
    /// lists, strings, booleans, numbers, then nulls).
    fn rank(&self) -> u8 {
        match self {
            Val::Node(_) => 0,
            Val::Edge(_) => 1,
            Val::List(_) => 2,
            Val::Str(_) => 3,
            Val::Bool(_) => 4,
            Val::Int(_) | Val::Float(_) => 5,
            Val::Null => 6,
        }
    }

    /// `ORDER BY`'s total order; `node_order` orders nodes (by id).
    pub fn order(
        &self,
        other: &Val,
        node_order: &dyn Fn(NodeIndex, NodeIndex) -> Ordering,
    ) -> Ordering {
        match (self, other) {
            (Val::Node(a), Val::Node(b)) => node_order(*a, *b),
            (Val::Edge(a), Val::Edge(b)) => a.index().cmp(&b.index()),
            (Val::List(a), Val::List(b)) => {
                for (x, y) in a.iter().zip(b) {
                    let o = x.order(y, node_order);
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                a.len().cmp(&b.len())
            }
            (a, b) if a.rank() == 5 && b.rank() == 5 => {
                let (x, y) = (a.number().unwrap_or(0.0), b.number().unwrap_or(0.0));
                // NaN after every number.
                x.partial_cmp(&y)
                    .unwrap_or_else(|| x.is_nan().cmp(&y.is_nan()))
            }
            (a, b) if a.rank() == b.rank() => a.compare(b).unwrap_or(Ordering::Equal),
            (a, b) => a.rank().cmp(&b.rank()),
        }
    }

    /// A key under which equal values (for `DISTINCT` and grouping) are equal: `1` and `1.0`
    /// are one number, nulls equal each other.
    pub fn key(&self) -> Key {
        match self {
            Val::Null => Key::Null,
            Val::Bool(b) => Key::Bool(*b),
            Val::Int(i) => Key::Int(*i),
            Val::Float(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => Key::Int(*x as i64),
            Val::Float(x) => Key::Float(if x.is_nan() {
                f64::NAN.to_bits()
            } else {
                x.to_bits()
            }),
            Val::Str(s) => Key::Str(s.clone()),
            Val::List(l) => Key::List(l.iter().map(Val::key).collect()),
            Val::Node(n) => Key::Node(n.index() as u32),
            Val::Edge(e) => Key::Edge(e.index() as u32),
        }
    }
}

/// A value as a hash key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    Null,
    Bool(bool),
    Int(i64),
    Float(u64),
    Str(SharedText),
    List(Vec<Key>),
    Node(u32),
    Edge(u32),
}

/// The truth of a condition: NULL (`None`) is not true.
pub(crate) fn truth(v: &Val) -> Option<bool> {
    match v {
        Val::Bool(b) => Some(*b),
        _ => None,
    }
}

pub(crate) fn from_truth(b: Option<bool>) -> Val {
    b.map_or(Val::Null, Val::Bool)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nulls_and_types() {
        assert_eq!(Val::Null.equals(&Val::Int(1)), None);
        assert_eq!(Val::Int(1).equals(&Val::Float(1.0)), Some(true));
        assert_eq!(Val::Int(1).equals(&Val::Str("1".into())), Some(false));
        assert_eq!(Val::Int(1).compare(&Val::Str("1".into())), None);
        assert_eq!(Val::Int(1).compare(&Val::Float(1.5)), Some(Ordering::Less));
        let by_index = |a: NodeIndex, b: NodeIndex| a.cmp(&b);
        assert_eq!(Val::Null.order(&Val::Int(1), &by_index), Ordering::Greater);
        assert_eq!(
            Val::Str("z".into()).order(&Val::Int(1), &by_index),
            Ordering::Less
        );
        assert_eq!(Val::Float(2.0).key(), Val::Int(2).key());
    }
}
