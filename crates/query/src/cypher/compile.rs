//! From the syntax tree to a program: every variable resolved to a slot of the row, checked
//! where it is used (an unknown one is an error at its token with the nearest name in
//! scope), `WHERE` cut into conjuncts that each know the slots they read, and projections
//! split into grouping keys and aggregates. Nothing here reads the graph: the plan, which
//! depends on the graph's statistics, is made when the query runs ([`super::plan`]).

use std::collections::HashMap;

use clustergraph_core::{NodeKind, Rel};

use super::ast::{self, Arrow, BinOp, Clause, Expr, Literal};
use super::value::Val;
use crate::ast::Span;
use crate::error::SyntaxError;
use crate::parser::{cut, suggest};

/// An expression over a row's slots.
#[derive(Clone, Debug)]
pub(crate) enum CExpr {
    Lit(Val),
    Slot(usize),
    Prop(Box<CExpr>, String),
    List(Vec<CExpr>),
    Not(Box<CExpr>),
    Neg(Box<CExpr>),
    Bin(BinOp, Box<CExpr>, Box<CExpr>, Span),
    IsNull(Box<CExpr>, bool),
    HasLabel(Box<CExpr>, NodeKind),
    Call(Func, Vec<CExpr>),
    /// The value of the projection's aggregate number `i`.
    Agg(usize),
}

/// The functions that are not aggregates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Func {
    Type,
    Id,
    Labels,
    StartNode,
    EndNode,
    Size,
    Length,
    ToLower,
    ToUpper,
    ToString,
    Coalesce,
    Substring,
}

impl Func {
    fn of(name: &str) -> Option<Func> {
        Some(match name {
            "type" => Func::Type,
            "id" => Func::Id,
            "labels" => Func::Labels,
            "startnode" => Func::StartNode,
            "endnode" => Func::EndNode,
            "size" => Func::Size,
            "length" => Func::Length,
            "tolower" => Func::ToLower,
            "toupper" => Func::ToUpper,
            "tostring" => Func::ToString,
            "coalesce" => Func::Coalesce,
            "substring" => Func::Substring,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AggKind {
    CountStar,
    Count,
    Collect,
    Min,
    Max,
    Sum,
    Avg,
}

/// One aggregate of a projection.
#[derive(Clone, Debug)]
pub(crate) struct Agg {
    pub kind: AggKind,
    pub distinct: bool,
    pub arg: Option<CExpr>,
}

/// A node pattern: the slot it binds and what it requires of the node.
#[derive(Clone, Debug)]
pub(crate) struct NodeOcc {
    pub slot: usize,
    pub kind: Option<NodeKind>,
    pub props: Vec<(String, CExpr)>,
}

/// A relationship pattern between two node slots, written `from` to `to`.
#[derive(Clone, Debug)]
pub(crate) struct Hop {
    pub slot: usize,
    pub from: usize,
    pub to: usize,
    pub arrow: Arrow,
    pub types: Vec<Rel>,
    pub length: Option<(u32, u32)>,
    pub props: Vec<(String, CExpr)>,
}

/// A condition and the slots it reads: it is applied as soon as they are bound.
#[derive(Clone, Debug)]
pub(crate) struct Conjunct {
    pub expr: CExpr,
    pub slots: Vec<usize>,
    pub text: String,
}

/// One `MATCH` clause.
#[derive(Clone, Debug)]
pub(crate) struct MatchC {
    pub optional: bool,
    pub nodes: Vec<NodeOcc>,
    pub hops: Vec<Hop>,
    pub conjuncts: Vec<Conjunct>,
    /// The slots this clause binds (null in an optional match that found nothing).
    pub new_slots: Vec<usize>,
}

/// `WITH` or `RETURN`.
#[derive(Clone, Debug)]
pub(crate) struct ProjC {
    pub distinct: bool,
    pub items: Vec<CExpr>,
    pub names: Vec<String>,
    pub aggs: Vec<Agg>,
    /// Whether it groups (some item aggregates): the other items are the keys.
    pub grouped: bool,
    /// Keys over the output row, then (when it neither groups nor is distinct) the input
    /// row at `items.len() + slot`.
    pub order: Vec<(CExpr, bool)>,
    pub skip: Option<u64>,
    pub limit: Option<u64>,
    /// `WITH ... WHERE`: over the output row.
    pub filter: Option<CExpr>,
}

/// The clauses between two projections, over rows of `names.len()` slots.
#[derive(Clone, Debug)]
pub(crate) struct Stage {
    pub names: Vec<String>,
    pub matches: Vec<MatchC>,
    pub proj: ProjC,
}

/// A compiled query.
#[derive(Clone, Debug)]
pub(crate) struct Program {
    pub stages: Vec<Stage>,
}

/// What a variable holds, to refuse one name used as two things.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum VarKind {
    Node,
    Rel,
    Value,
}

impl VarKind {
    fn noun(self) -> &'static str {
        match self {
            VarKind::Node => "a node",
            VarKind::Rel => "a relationship",
            VarKind::Value => "a value",
        }
    }
}

#[derive(Default)]
struct Scope {
    names: Vec<String>,
    kinds: Vec<VarKind>,
    index: HashMap<String, usize>,
}

impl Scope {
    fn bind(&mut self, name: Option<&str>, kind: VarKind) -> usize {
        let slot = self.names.len();
        match name {
            Some(n) => {
                self.names.push(n.to_string());
                self.index.insert(n.to_string(), slot);
            }
            // Anonymous parts get a slot that no name reaches.
            None => self.names.push(format!(" {slot}")),
        }
        self.kinds.push(kind);
        slot
    }

    fn lookup(&self, name: &str, span: &Span) -> Result<usize, SyntaxError> {
        self.index.get(name).copied().ok_or_else(|| {
            let visible: Vec<&str> = self
                .index
                .keys()
                .map(String::as_str)
                .filter(|n| !n.starts_with(' '))
                .collect();
            let message = match suggest(name, visible.iter().copied()) {
                Some(s) => format!("unknown variable `{}`: did you mean `{s}`?", cut(name, 40)),
                None => format!("unknown variable `{}`", cut(name, 40)),
            };
            let mut sorted = visible.clone();
            sorted.sort_unstable();
            let help = if sorted.is_empty() {
                "no variable is defined here: name a node in the pattern, `(v)`".to_string()
            } else {
                format!("variables here: {}", sorted.join(", "))
            };
            SyntaxError::new(span.clone(), message)
                .with_label("unknown variable")
                .with_help(help)
        })
    }
}

/// Compiles a parsed query.
pub(crate) fn compile(q: &ast::Query) -> Result<Program, SyntaxError> {
    let mut stages = Vec::new();
    let mut scope = Scope::default();
    let mut matches = Vec::new();
    for clause in &q.clauses {
        match clause {
            Clause::Match(m) => matches.push(match_clause(m, &mut scope)?),
            Clause::With(..) | Clause::Return(..) => {
                let (p, cond, is_with) = match clause {
                    Clause::With(p, c) => (p, c.as_ref(), true),
                    Clause::Return(p) => (p, None, false),
                    Clause::Match(_) => continue,
                };
                let (mut proj, out) = projection(p, &scope, is_with)?;
                if let Some(c) = cond {
                    no_aggregate(c, "WHERE")?;
                    proj.filter = Some(expr(c, &out)?);
                }
                stages.push(Stage {
                    names: std::mem::take(&mut scope.names),
                    matches: std::mem::take(&mut matches),
                    proj,
                });
                scope = out;
            }
        }
    }
    Ok(Program { stages })
}

fn no_aggregate(e: &Expr, place: &str) -> Result<(), SyntaxError> {
    if e.has_aggregate() {
        return Err(SyntaxError::new(
            first_span(e).unwrap_or_default(),
            format!("an aggregate in `{place}`"),
        )
        .with_label("aggregate")
        .with_help("aggregate in `WITH ... AS n`, then filter with `WHERE n > ...` after it"));
    }
    Ok(())
}

/// The span of the first token of an expression that has one.
fn first_span(e: &Expr) -> Option<Span> {
    match e {
        Expr::Var(_, s) | Expr::Call { span: s, .. } | Expr::CountStar(s) => Some(s.clone()),
        Expr::Bin(_, a, b, s) => first_span(a).or_else(|| first_span(b)).or(Some(s.clone())),
        Expr::Prop(e, _)
        | Expr::Not(e)
        | Expr::Neg(e)
        | Expr::IsNull(e, _)
        | Expr::HasLabel(e, _) => first_span(e),
        Expr::List(l) => l.iter().find_map(first_span),
        Expr::Lit(_) => None,
    }
}

fn match_clause(m: &ast::Match, scope: &mut Scope) -> Result<MatchC, SyntaxError> {
    let before = scope.names.len();
    let mut nodes = Vec::new();
    let mut hops = Vec::new();
    let mut clause_rels: Vec<String> = Vec::new();
    for path in &m.patterns {
        let mut prev = node_pattern(&path.start, scope, before, &mut nodes)?;
        for (rel, node) in &path.steps {
            let slot = match &rel.var {
                Some((name, span)) => {
                    if scope.index.contains_key(name) || clause_rels.contains(name) {
                        let what = scope
                            .index
                            .get(name)
                            .map_or("a relationship", |&s| scope.kinds[s].noun());
                        return Err(SyntaxError::new(
                            span.clone(),
                            format!("`{}` is already {what}", cut(name, 40)),
                        )
                        .with_label("bound already")
                        .with_help("give each relationship its own name"));
                    }
                    clause_rels.push(name.clone());
                    scope.bind(Some(name), VarKind::Rel)
                }
                None => scope.bind(None, VarKind::Rel),
            };
            let to = node_pattern(node, scope, before, &mut nodes)?;
            let props = rel
                .props
                .iter()
                .map(|(k, v)| Ok((k.clone(), expr(v, scope)?)))
                .collect::<Result<Vec<_>, SyntaxError>>()?;
            hops.push(Hop {
                slot,
                from: prev,
                to,
                arrow: rel.arrow,
                types: rel.types.clone(),
                length: rel.length,
                props,
            });
            prev = to;
        }
    }
    let mut conjuncts = Vec::new();
    if let Some(c) = &m.condition {
        no_aggregate(c, "WHERE")?;
        let mut parts = Vec::new();
        split_and(c, &mut parts);
        for p in parts {
            let e = expr(p, scope)?;
            let mut slots = Vec::new();
            slots_of(&e, &mut slots);
            slots.sort_unstable();
            slots.dedup();
            conjuncts.push(Conjunct {
                expr: e,
                slots,
                text: describe(p),
            });
        }
    }
    Ok(MatchC {
        optional: m.optional,
        nodes,
        hops,
        conjuncts,
        new_slots: (before..scope.names.len()).collect(),
    })
}

/// A node pattern's slot: the variable's if it is bound already (a join), else a new one.
fn node_pattern(
    n: &ast::NodePattern,
    scope: &mut Scope,
    _before: usize,
    nodes: &mut Vec<NodeOcc>,
) -> Result<usize, SyntaxError> {
    let slot = match &n.var {
        Some((name, span)) => match scope.index.get(name) {
            Some(&s) if scope.kinds[s] == VarKind::Node => s,
            Some(&s) => {
                return Err(SyntaxError::new(
                    span.clone(),
                    format!(
                        "`{}` is {}, not a node",
                        cut(name, 40),
                        scope.kinds[s].noun()
                    ),
                )
                .with_label("not a node")
                .with_help("use another name for the node"))
            }
            None => scope.bind(Some(name), VarKind::Node),
        },
        None => scope.bind(None, VarKind::Node),
    };
    let props = n
        .props
        .iter()
        .map(|(k, v)| Ok((k.clone(), expr(v, scope)?)))
        .collect::<Result<Vec<_>, SyntaxError>>()?;
    nodes.push(NodeOcc {
        slot,
        kind: n.kind,
        props,
    });
    Ok(slot)
}

fn split_and<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match e {
        Expr::Bin(BinOp::And, a, b, _) => {
            split_and(a, out);
            split_and(b, out);
        }
        other => out.push(other),
    }
}

/// The slots an expression reads.
pub(crate) fn slots_of(e: &CExpr, out: &mut Vec<usize>) {
    match e {
        CExpr::Slot(s) => out.push(*s),
        CExpr::Lit(_) | CExpr::Agg(_) => {}
        CExpr::Prop(e, _)
        | CExpr::Not(e)
        | CExpr::Neg(e)
        | CExpr::IsNull(e, _)
        | CExpr::HasLabel(e, _) => slots_of(e, out),
        CExpr::List(l) | CExpr::Call(_, l) => l.iter().for_each(|e| slots_of(e, out)),
        CExpr::Bin(_, a, b, _) => {
            slots_of(a, out);
            slots_of(b, out);
        }
    }
}

/// An expression as `explain` prints it.
pub(crate) fn describe(e: &Expr) -> String {
    match e {
        Expr::Lit(Literal::Null) => "NULL".into(),
        Expr::Lit(Literal::Bool(b)) => b.to_string(),
        Expr::Lit(Literal::Int(i)) => i.to_string(),
        Expr::Lit(Literal::Float(x)) => format!("{x:?}"),
        Expr::Lit(Literal::Str(s)) => format!("{s:?}"),
        Expr::Var(v, _) => v.clone(),
        Expr::Prop(e, k) => format!("{}.{k}", describe(e)),
        Expr::List(l) => format!(
            "[{}]",
            l.iter().map(describe).collect::<Vec<_>>().join(", ")
        ),
        Expr::Not(e) => format!("NOT {}", describe(e)),
        Expr::Neg(e) => format!("-{}", describe(e)),
        Expr::Bin(op, a, b, _) => format!("({} {} {})", describe(a), op.symbol(), describe(b)),
        Expr::IsNull(e, false) => format!("{} IS NULL", describe(e)),
        Expr::IsNull(e, true) => format!("{} IS NOT NULL", describe(e)),
        Expr::HasLabel(e, k) => format!("{}:{}", describe(e), super::parser::label(*k)),
        Expr::CountStar(_) => "count(*)".into(),
        Expr::Call {
            name,
            distinct,
            args,
            ..
        } => format!(
            "{name}({}{})",
            if *distinct { "DISTINCT " } else { "" },
            args.iter().map(describe).collect::<Vec<_>>().join(", ")
        ),
    }
}

fn expr(e: &Expr, scope: &Scope) -> Result<CExpr, SyntaxError> {
    expr_with(e, scope, &mut None)
}

/// Compiles `e`; aggregates are collected into `aggs` when given, refused otherwise.
fn expr_with(
    e: &Expr,
    scope: &Scope,
    aggs: &mut Option<&mut Vec<Agg>>,
) -> Result<CExpr, SyntaxError> {
    let sub = |e: &Expr, aggs: &mut Option<&mut Vec<Agg>>| expr_with(e, scope, aggs);
    Ok(match e {
        Expr::Lit(l) => CExpr::Lit(match l {
            Literal::Null => Val::Null,
            Literal::Bool(b) => Val::Bool(*b),
            Literal::Int(i) => Val::Int(*i),
            Literal::Float(x) => Val::Float(*x),
            Literal::Str(s) => Val::Str(s.as_str().into()),
        }),
        Expr::Var(name, span) => CExpr::Slot(scope.lookup(name, span)?),
        Expr::Prop(e, k) => CExpr::Prop(Box::new(sub(e, aggs)?), k.clone()),
        Expr::List(l) => CExpr::List(l.iter().map(|e| sub(e, aggs)).collect::<Result<_, _>>()?),
        Expr::Not(e) => CExpr::Not(Box::new(sub(e, aggs)?)),
        Expr::Neg(e) => CExpr::Neg(Box::new(sub(e, aggs)?)),
        Expr::Bin(op, a, b, span) => CExpr::Bin(
            *op,
            Box::new(sub(a, aggs)?),
            Box::new(sub(b, aggs)?),
            span.clone(),
        ),
        Expr::IsNull(e, neg) => CExpr::IsNull(Box::new(sub(e, aggs)?), *neg),
        Expr::HasLabel(e, k) => CExpr::HasLabel(Box::new(sub(e, aggs)?), *k),
        Expr::CountStar(span) => aggregate(AggKind::CountStar, false, None, aggs, span)?,
        Expr::Call {
            name,
            distinct,
            args,
            span,
        } => {
            let kind = match name.as_str() {
                "count" => Some(AggKind::Count),
                "collect" => Some(AggKind::Collect),
                "min" => Some(AggKind::Min),
                "max" => Some(AggKind::Max),
                "sum" => Some(AggKind::Sum),
                "avg" => Some(AggKind::Avg),
                _ => None,
            };
            match kind {
                Some(kind) => {
                    let arg = args
                        .first()
                        .map(|a| expr_with(a, scope, &mut None))
                        .transpose()?;
                    aggregate(kind, *distinct, arg, aggs, span)?
                }
                None => {
                    let func = Func::of(name).ok_or_else(|| {
                        SyntaxError::new(span.clone(), format!("unknown function `{name}`"))
                    })?;
                    let args = args
                        .iter()
                        .map(|a| sub(a, aggs))
                        .collect::<Result<_, _>>()?;
                    CExpr::Call(func, args)
                }
            }
        }
    })
}

fn aggregate(
    kind: AggKind,
    distinct: bool,
    arg: Option<CExpr>,
    aggs: &mut Option<&mut Vec<Agg>>,
    span: &Span,
) -> Result<CExpr, SyntaxError> {
    let Some(list) = aggs else {
        return Err(SyntaxError::new(span.clone(), "an aggregate here")
            .with_label("aggregate")
            .with_help("aggregates go in `RETURN` or `WITH` items"));
    };
    list.push(Agg {
        kind,
        distinct,
        arg,
    });
    Ok(CExpr::Agg(list.len() - 1))
}

/// Compiles a projection over `scope`; returns it and the scope of its output.
fn projection(
    p: &ast::Projection,
    scope: &Scope,
    is_with: bool,
) -> Result<(ProjC, Scope), SyntaxError> {
    let mut aggs = Vec::new();
    let mut items = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut out = Scope::default();
    for item in &p.items {
        if is_with && !item.aliased && !matches!(item.expr, Expr::Var(..)) {
            return Err(SyntaxError::new(
                first_span(&item.expr).unwrap_or(p.span.clone()),
                "an expression in `WITH` needs a name",
            )
            .with_label("no `AS`")
            .with_help(format!("write `{} AS name`", cut(&item.name, 40))));
        }
        if names.contains(&item.name) {
            return Err(SyntaxError::new(
                first_span(&item.expr).unwrap_or(p.span.clone()),
                format!("two columns are called `{}`", cut(&item.name, 40)),
            )
            .with_label("same name")
            .with_help("name one of them with `AS`"));
        }
        items.push(expr_with(&item.expr, scope, &mut Some(&mut aggs))?);
        names.push(item.name.clone());
        let kind = match &item.expr {
            Expr::Var(v, _) => scope
                .index
                .get(v)
                .map_or(VarKind::Value, |&s| scope.kinds[s]),
            _ => VarKind::Value,
        };
        out.bind(Some(&item.name), kind);
    }
    let grouped = !aggs.is_empty();
    let mut order = Vec::new();
    for (e, desc) in &p.order {
        // A key equal to an item, or naming an item's alias, is that column.
        let by_item = p.items.iter().position(|i| {
            i.expr == *e || matches!(e, Expr::Var(v, _) if *v == i.name && i.aliased)
        });
        let key = match by_item {
            Some(i) => CExpr::Slot(i),
            None if grouped || p.distinct => {
                // Only the columns are left after grouping or DISTINCT.
                let mut none = Vec::new();
                let k = expr_with(e, &out, &mut Some(&mut none))?;
                if !none.is_empty() {
                    return Err(SyntaxError::new(
                        first_span(e).unwrap_or(p.span.clone()),
                        "`ORDER BY` an aggregate that is not returned",
                    )
                    .with_label("not a column")
                    .with_help("return it (`count(*) AS n`) and order by its name"));
                }
                k
            }
            None => {
                // The columns first, then the row before the projection.
                let mut both = Scope::default();
                for (i, n) in out.names.iter().enumerate() {
                    both.names.push(n.clone());
                    both.kinds.push(out.kinds[i]);
                    both.index.insert(n.clone(), i);
                }
                let shift = both.names.len();
                for (n, &s) in &scope.index {
                    both.index.entry(n.clone()).or_insert(shift + s);
                }
                expr(e, &both)?
            }
        };
        order.push((key, *desc));
    }
    Ok((
        ProjC {
            distinct: p.distinct,
            items,
            names,
            aggs,
            grouped,
            order,
            skip: p.skip,
            limit: p.limit,
            filter: None,
        },
        out,
    ))
}
