//! The syntax tree of a Cypher query, as written: variables by name, each part with its span.
//! [`super::compile`] resolves the names into row slots.

use clustergraph_core::{NodeKind, Rel};

use crate::ast::Span;

/// A whole query: its clauses in order (matches, `WITH` steps, then `RETURN`).
#[derive(Clone, Debug)]
pub(crate) struct Query {
    pub clauses: Vec<Clause>,
}

#[derive(Clone, Debug)]
pub(crate) enum Clause {
    Match(Match),
    /// `WITH ...`: a projection, then an optional `WHERE` on its columns.
    With(Projection, Option<Expr>),
    Return(Projection),
}

/// `[OPTIONAL] MATCH pattern, ... [WHERE condition]`.
#[derive(Clone, Debug)]
pub(crate) struct Match {
    pub optional: bool,
    pub patterns: Vec<PathPattern>,
    pub condition: Option<Expr>,
}

/// `(a)-[r]->(b)<-[s]-(c)`: a node, then steps of a relationship and a node.
#[derive(Clone, Debug)]
pub(crate) struct PathPattern {
    pub start: NodePattern,
    pub steps: Vec<(RelPattern, NodePattern)>,
}

/// `(v:Kind {key: value})`; each part optional.
#[derive(Clone, Debug)]
pub(crate) struct NodePattern {
    pub var: Option<(String, Span)>,
    pub kind: Option<NodeKind>,
    pub props: Vec<(String, Expr)>,
}

/// Which way a relationship pattern points, as written left to right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Arrow {
    /// `-[]->`
    Right,
    /// `<-[]-`
    Left,
    /// `-[]-`
    Either,
}

/// `-[r:a|b*1..3 {key: value}]->`.
#[derive(Clone, Debug)]
pub(crate) struct RelPattern {
    pub var: Option<(String, Span)>,
    pub types: Vec<Rel>,
    pub arrow: Arrow,
    /// `*min..max`: a variable length, bounded; `None` for one relationship.
    pub length: Option<(u32, u32)>,
    pub props: Vec<(String, Expr)>,
}

/// `RETURN`/`WITH` items and their modifiers.
#[derive(Clone, Debug)]
pub(crate) struct Projection {
    pub distinct: bool,
    pub items: Vec<Item>,
    pub order: Vec<(Expr, bool)>,
    pub skip: Option<u64>,
    pub limit: Option<u64>,
    pub span: Span,
}

/// `expr [AS name]`; `name` is the alias, or the expression as written.
#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub expr: Expr,
    pub name: String,
    pub aliased: bool,
}

/// A literal value in a query.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Literal {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BinOp {
    Or,
    Xor,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    StartsWith,
    EndsWith,
    Contains,
    In,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "OR",
            BinOp::Xor => "XOR",
            BinOp::And => "AND",
            BinOp::Eq => "=",
            BinOp::Ne => "<>",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::StartsWith => "STARTS WITH",
            BinOp::EndsWith => "ENDS WITH",
            BinOp::Contains => "CONTAINS",
            BinOp::In => "IN",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "%",
        }
    }
}

/// An expression; equality ignores spans (an `ORDER BY` key equal to a returned item is
/// that item).
#[derive(Clone, Debug)]
pub(crate) enum Expr {
    Lit(Literal),
    Var(String, Span),
    Prop(Box<Expr>, String),
    List(Vec<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Bin(BinOp, Box<Expr>, Box<Expr>, Span),
    /// `x IS NULL` (`false`) or `x IS NOT NULL` (`true`).
    IsNull(Box<Expr>, bool),
    /// `v:Label`: whether a node has the kind.
    HasLabel(Box<Expr>, NodeKind),
    /// `count(*)`, at its span.
    CountStar(Span),
    /// `f([DISTINCT] args)`, the name in lower case.
    Call {
        name: String,
        distinct: bool,
        args: Vec<Expr>,
        span: Span,
    },
}

impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        use Expr::*;
        match (self, other) {
            (Lit(a), Lit(b)) => a == b,
            (Var(a, _), Var(b, _)) => a == b,
            (Prop(a, k), Prop(b, l)) => a == b && k == l,
            (List(a), List(b)) => a == b,
            (Not(a), Not(b)) | (Neg(a), Neg(b)) => a == b,
            (Bin(o, a, b, _), Bin(p, c, d, _)) => o == p && a == c && b == d,
            (IsNull(a, x), IsNull(b, y)) => a == b && x == y,
            (HasLabel(a, k), HasLabel(b, l)) => a == b && k == l,
            (CountStar(_), CountStar(_)) => true,
            (
                Call {
                    name: n,
                    distinct: d,
                    args: a,
                    ..
                },
                Call {
                    name: m,
                    distinct: e,
                    args: b,
                    ..
                },
            ) => n == m && d == e && a == b,
            _ => false,
        }
    }
}

/// The aggregating functions.
pub(crate) const AGGREGATES: &[&str] = &["count", "collect", "min", "max", "sum", "avg"];

/// The other functions.
pub(crate) const FUNCTIONS: &[&str] = &[
    "type",
    "id",
    "labels",
    "startnode",
    "endnode",
    "size",
    "length",
    "tolower",
    "toupper",
    "tostring",
    "coalesce",
    "substring",
];

impl Expr {
    /// Whether an aggregate occurs in it.
    pub fn has_aggregate(&self) -> bool {
        match self {
            Expr::CountStar(_) => true,
            Expr::Call { name, args, .. } => {
                AGGREGATES.contains(&name.as_str()) || args.iter().any(Expr::has_aggregate)
            }
            Expr::Lit(_) | Expr::Var(..) => false,
            Expr::Prop(e, _)
            | Expr::Not(e)
            | Expr::Neg(e)
            | Expr::IsNull(e, _)
            | Expr::HasLabel(e, _) => e.has_aggregate(),
            Expr::List(l) => l.iter().any(Expr::has_aggregate),
            Expr::Bin(_, a, b, _) => a.has_aggregate() || b.has_aggregate(),
        }
    }
}
