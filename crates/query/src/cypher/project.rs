//! `WITH` and `RETURN`: rows are fed one at a time as the match finds them, so that a count
//! over a hundred million paths holds one number, not the paths. Grouping keys and
//! aggregates, `DISTINCT`, then `ORDER BY`, `SKIP`, `LIMIT` and `WITH`'s `WHERE` at the end;
//! without an order or grouping, the match stops as soon as `SKIP` + `LIMIT` rows are in.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use clustergraph_core::NodeIndex;

use super::compile::{AggKind, ProjC};
use super::exec::{has_agg, Run};
use super::value::{truth, Key, Val};
use crate::ast::Span;
use crate::error::ExecError;

type Row = Vec<Val>;

/// Maps and sets keyed by rows of keys, hashed by foldhash: a grouping hashes every input
/// row's keys, several times faster than with std's SipHash.
type Fast = foldhash::fast::RandomState;

/// A projection being fed.
pub(crate) struct Projector<'p> {
    p: &'p ProjC,
    /// The items that are grouping keys (those without an aggregate).
    keys: Vec<usize>,
    index: HashMap<Vec<Key>, usize, Fast>,
    /// The current row's grouping values and keys, reused from row to row: a row that joins
    /// a group allocates nothing.
    vals: Vec<Val>,
    key: Vec<Key>,
    /// Each group's key values, aggregates, and a row of it (for what an aggregating item
    /// reads besides its aggregates).
    groups: Vec<(Vec<Val>, Vec<Acc>, Row)>,
    /// Output rows with their sort keys.
    out: Vec<(Row, Vec<Val>)>,
    seen: HashSet<Vec<Key>, Fast>,
    /// How many rows make the result, when no later row can change it.
    enough: Option<usize>,
}

impl<'p> Projector<'p> {
    pub fn new(p: &'p ProjC) -> Projector<'p> {
        let clamp = |n: Option<u64>| n.map(|n| usize::try_from(n).unwrap_or(usize::MAX));
        let enough = match (p.grouped || !p.order.is_empty(), clamp(p.limit)) {
            (false, Some(limit)) => Some(clamp(p.skip).unwrap_or(0).saturating_add(limit)),
            _ => None,
        };
        Projector {
            p,
            keys: (0..p.items.len())
                .filter(|&i| !has_agg(&p.items[i]))
                .collect(),
            index: HashMap::default(),
            vals: Vec::new(),
            key: Vec::new(),
            groups: Vec::new(),
            out: Vec::new(),
            seen: HashSet::default(),
            enough,
        }
    }

    /// One input row.
    pub fn add(&mut self, run: &mut Run, row: &Row) -> Result<(), ExecError> {
        let p = self.p;
        if p.grouped {
            self.vals.clear();
            for &i in &self.keys {
                self.vals.push(run.eval(&p.items[i], row, &[])?);
            }
            self.key.clear();
            self.key.extend(self.vals.iter().map(Val::key));
            // Without keys there is one group: no hashing per row.
            let one = if self.keys.is_empty() && !self.groups.is_empty() {
                Some(0)
            } else {
                None
            };
            let g = match one.or_else(|| self.index.get(&self.key).copied()) {
                Some(g) => g,
                None => {
                    if self.groups.len() >= run.max_rows() {
                        return Err(run.too_many());
                    }
                    self.index.insert(self.key.clone(), self.groups.len());
                    let accs = p.aggs.iter().map(|_| Acc::default()).collect();
                    self.groups.push((self.vals.clone(), accs, row.clone()));
                    self.groups.len() - 1
                }
            };
            let span = run.span();
            for (a, agg) in p.aggs.iter().enumerate() {
                let v = match &agg.arg {
                    Some(e) => run.eval(e, row, &[])?,
                    None => Val::Bool(true),
                };
                self.groups[g].1[a].add(agg.kind, agg.distinct, v, &span)?;
            }
            return Ok(());
        }
        let item: Row = p
            .items
            .iter()
            .map(|e| run.eval(e, row, &[]))
            .collect::<Result<_, _>>()?;
        if p.distinct && !self.seen.insert(item.iter().map(Val::key).collect()) {
            return Ok(());
        }
        let sort: Vec<Val> = if p.order.is_empty() {
            Vec::new()
        } else {
            let mut both = item.clone();
            both.extend(row.iter().cloned());
            p.order
                .iter()
                .map(|(e, _)| run.eval(e, &both, &[]))
                .collect::<Result<_, _>>()?
        };
        if self.out.len() >= run.max_rows() {
            return Err(run.too_many());
        }
        self.out.push((item, sort));
        if self.enough.is_some_and(|n| self.out.len() >= n) {
            run.enough = true;
        }
        Ok(())
    }

    /// The projection's rows.
    pub fn finish(mut self, run: &mut Run) -> Result<Vec<Row>, ExecError> {
        let p = self.p;
        if p.grouped {
            if self.groups.is_empty() && self.keys.is_empty() {
                let accs = p.aggs.iter().map(|_| Acc::default()).collect();
                self.groups.push((Vec::new(), accs, Vec::new()));
            }
            let groups = std::mem::take(&mut self.groups);
            for (vals, accs, rep) in groups {
                let aggs: Vec<Val> = {
                    let order = run.node_order();
                    accs.into_iter()
                        .zip(&p.aggs)
                        .map(|(acc, agg)| acc.finish(agg.kind, &order))
                        .collect()
                };
                let mut item = Vec::with_capacity(p.items.len());
                let mut k = 0;
                for (i, e) in p.items.iter().enumerate() {
                    if self.keys.get(k) == Some(&i) {
                        item.push(vals[k].clone());
                        k += 1;
                    } else {
                        item.push(run.eval(e, &rep, &aggs)?);
                    }
                }
                if p.distinct && !self.seen.insert(item.iter().map(Val::key).collect()) {
                    continue;
                }
                let sort: Vec<Val> = p
                    .order
                    .iter()
                    .map(|(e, _)| run.eval(e, &item, &[]))
                    .collect::<Result<_, _>>()?;
                self.out.push((item, sort));
            }
        }
        let mut out = self.out;
        if !p.order.is_empty() {
            let order = run.node_order();
            // Stable: rows equal on every key keep the order the match found them in.
            out.sort_by(|(_, a), (_, b)| {
                for ((x, y), (_, desc)) in a.iter().zip(b).zip(&p.order) {
                    let o = x.order(y, &order);
                    let o = if *desc { o.reverse() } else { o };
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                Ordering::Equal
            });
        }
        let clamp = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        let skip = p.skip.map_or(0, clamp);
        let limit = p.limit.map_or(usize::MAX, clamp);
        let rows = out.into_iter().skip(skip).take(limit).map(|(r, _)| r);
        let Some(f) = &p.filter else {
            return Ok(rows.collect());
        };
        let mut kept = Vec::new();
        for r in rows {
            if truth(&run.eval(f, &r, &[])?) == Some(true) {
                kept.push(r);
            }
        }
        Ok(kept)
    }
}

/// The state of one aggregate over one group.
#[derive(Default)]
struct Acc {
    count: i64,
    seen: HashSet<Key>,
    values: Vec<Val>,
    int_sum: i64,
    float_sum: f64,
    floats: bool,
}

impl Acc {
    fn add(&mut self, kind: AggKind, distinct: bool, v: Val, span: &Span) -> Result<(), ExecError> {
        if kind == AggKind::CountStar {
            self.count += 1;
            return Ok(());
        }
        if v.is_null() || (distinct && !self.seen.insert(v.key())) {
            return Ok(());
        }
        self.count += 1;
        match kind {
            AggKind::Sum | AggKind::Avg => match v {
                Val::Int(i) if !self.floats => match self.int_sum.checked_add(i) {
                    Some(s) => self.int_sum = s,
                    None => {
                        return Err(ExecError::InvalidArgument {
                            message: "integer overflow in a sum".into(),
                            span: span.clone(),
                        })
                    }
                },
                Val::Int(i) => self.float_sum += i as f64,
                Val::Float(x) => {
                    if !self.floats {
                        self.floats = true;
                        self.float_sum = self.int_sum as f64;
                    }
                    self.float_sum += x;
                }
                // Sums of what is not a number are NULL, as a string is not summed.
                _ => self.count -= 1,
            },
            AggKind::Collect | AggKind::Min | AggKind::Max => self.values.push(v),
            AggKind::Count | AggKind::CountStar => {}
        }
        Ok(())
    }

    fn finish(self, kind: AggKind, order: &dyn Fn(NodeIndex, NodeIndex) -> Ordering) -> Val {
        match kind {
            AggKind::Count | AggKind::CountStar => Val::Int(self.count),
            AggKind::Collect => Val::List(self.values),
            AggKind::Min => self
                .values
                .into_iter()
                .min_by(|a, b| a.order(b, order))
                .unwrap_or(Val::Null),
            AggKind::Max => self
                .values
                .into_iter()
                .max_by(|a, b| a.order(b, order))
                .unwrap_or(Val::Null),
            AggKind::Sum if self.floats => Val::Float(self.float_sum),
            AggKind::Sum => Val::Int(self.int_sum),
            AggKind::Avg if self.count == 0 => Val::Null,
            AggKind::Avg => {
                let total = if self.floats {
                    self.float_sum
                } else {
                    self.int_sum as f64
                };
                Val::Float(total / self.count as f64)
            }
        }
    }
}
