//! A recursive-descent parser of the Cypher subset into [`super::ast`]. Expressions nest at
//! most [`MAX_NESTING`] deep, so no input overflows the stack; every error is at a token,
//! with the nearest keyword, kind or relation when a word is misspelt.

use clustergraph_core::{NodeKind, Rel};

use super::ast::*;
use super::lexer::{tokens, Tok, Token};
use crate::ast::Span;
use crate::error::SyntaxError;
use crate::parser::{cut, suggest};

/// How deep expressions and lists may nest.
pub(crate) const MAX_NESTING: usize = 64;

/// The longest variable-length bound (`*1..20`): a path longer than this is surely a typo,
/// and the row limit stops long before.
pub(crate) const MAX_HOPS: u32 = 20;

/// The most nodes and relationships one `MATCH` may name: its plan is walked depth first,
/// a level per part, so the bound keeps the walk's stack small.
pub(crate) const MAX_PATTERN_PARTS: usize = 100;

/// The words that start or continue a clause, for "did you mean".
const CLAUSE_WORDS: &[&str] = &[
    "match", "optional", "where", "with", "return", "order", "skip", "limit",
];

/// The kinds as labels, as `export csv` writes them (`Cluster`).
pub(crate) fn label(kind: NodeKind) -> String {
    let s = kind.as_str();
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

struct Parser<'a> {
    text: &'a str,
    toks: Vec<Token>,
    pos: usize,
    end: usize,
    depth: usize,
}

/// Parses the query in `text[span]`: clauses up to the end, or up to an `in` that starts the
/// time filter after the query. Returns the query and where it stopped.
pub(crate) fn parse(text: &str, span: Span) -> Result<(Query, usize), SyntaxError> {
    let mut p = Parser {
        text,
        toks: tokens(text, span.clone()),
        pos: 0,
        end: span.end,
        depth: 0,
    };
    let q = p.query()?;
    let stop = p.toks.get(p.pos).map_or(span.end, |t| t.span.start);
    Ok((q, stop))
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }

    fn peek_at(&self, n: usize) -> Option<&Tok> {
        self.toks.get(self.pos + n).map(|t| &t.tok)
    }

    fn here(&self) -> Span {
        self.peek().map_or(self.end..self.end, |t| t.span.clone())
    }

    fn bump(&mut self) -> Option<Token> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += t.is_some() as usize;
        t
    }

    /// Whether the token `n` ahead is the keyword `kw` (any case).
    fn is_kw_at(&self, n: usize, kw: &str) -> bool {
        matches!(self.peek_at(n), Some(Tok::Ident(w)) if w.eq_ignore_ascii_case(kw))
    }

    fn is_kw(&self, kw: &str) -> bool {
        self.is_kw_at(0, kw)
    }

    fn eat_kw(&mut self, kw: &str) -> bool {
        let yes = self.is_kw(kw);
        if yes {
            self.pos += 1;
        }
        yes
    }

    fn is_punct(&self, p: &str) -> bool {
        matches!(self.peek_at(0), Some(Tok::Punct(q)) if *q == p)
    }

    fn eat_punct(&mut self, p: &str) -> bool {
        let yes = self.is_punct(p);
        if yes {
            self.pos += 1;
        }
        yes
    }

    /// How a message names the next token.
    fn found(&self) -> String {
        match self.peek() {
            None => "the end of the query".into(),
            Some(t) => match &t.tok {
                Tok::Str(_) => "a string".into(),
                Tok::Bad(what) => (*what).into(),
                _ => format!("`{}`", cut(&self.text[t.span.clone()], 40)),
            },
        }
    }

    /// "expected X, found Y" at the next token; what cannot be a token is said so.
    fn expected(&self, what: &str) -> SyntaxError {
        if let Some(Token {
            tok: Tok::Bad(bad),
            span,
        }) = self.peek()
        {
            let at = span.start
                ..span.start
                    + self.text[span.clone()]
                        .chars()
                        .next()
                        .map_or(0, char::len_utf8);
            return match *bad {
                "a string that never closes" => SyntaxError::new(at, "unterminated string")
                    .with_label("this quote is never closed")
                    .with_help("end the string with the quote it starts with"),
                other => SyntaxError::new(at, format!("{other}, found where {what} was expected"))
                    .with_label("not Cypher"),
            };
        }
        let label = match what.split_once(' ') {
            Some((_, rest)) if what.starts_with("a ") || what.starts_with("an ") => {
                format!("expected {rest}")
            }
            _ => format!("expected {what}"),
        };
        SyntaxError::new(
            self.here(),
            format!("expected {what}, found {}", self.found()),
        )
        .with_label(label)
    }

    fn expect_punct(&mut self, p: &str, context: &str) -> Result<Span, SyntaxError> {
        if self.is_punct(p) {
            return Ok(self.bump().map(|t| t.span).unwrap_or_default());
        }
        Err(self.expected(&format!("`{p}` {context}")))
    }

    fn query(&mut self) -> Result<Query, SyntaxError> {
        let mut clauses = Vec::new();
        let mut withs = 0;
        loop {
            let start = self.here();
            if self.is_kw("match") || (self.is_kw("optional") && self.is_kw_at(1, "match")) {
                clauses.push(Clause::Match(self.match_clause()?));
            } else if self.is_kw("with") && !clauses.is_empty() {
                self.bump();
                let proj = self.projection(start, "WITH")?;
                let cond = if self.eat_kw("where") {
                    Some(self.expr()?)
                } else {
                    None
                };
                withs += 1;
                clauses.push(Clause::With(proj, cond));
            } else if self.is_kw("return") && !clauses.is_empty() {
                self.bump();
                clauses.push(Clause::Return(self.projection(start, "RETURN")?));
                break;
            } else {
                return Err(self.clause_expected(clauses.is_empty()));
            }
        }
        let _ = withs;
        if self.peek().is_some() && !self.is_kw("in") {
            let e = self.expected("the end of the query");
            return Err(match self.peek().map(|t| &t.tok) {
                Some(Tok::Ident(w)) if suggest(w, CLAUSE_WORDS.iter().copied()).is_some() => e
                    .with_help(format!(
                        "did you mean `{}`? `RETURN` ends the query; only the time filter (`in 2016`) may follow",
                        suggest(w, CLAUSE_WORDS.iter().copied()).unwrap_or_default().to_uppercase()
                    )),
                _ => e.with_help("`RETURN` ends the query; only the time filter (`in 2016`) may follow"),
            });
        }
        Ok(Query { clauses })
    }

    /// The error where a clause should start.
    fn clause_expected(&self, first: bool) -> SyntaxError {
        let what = if first {
            "`MATCH` or `OPTIONAL MATCH`"
        } else {
            "`MATCH`, `OPTIONAL MATCH`, `WITH` or `RETURN`"
        };
        let mut e = self.expected(what);
        if let Some(Tok::Ident(w)) = self.peek_at(0) {
            if let Some(s) = suggest(w, ["match", "optional", "with", "return"]) {
                e = SyntaxError::new(
                    self.here(),
                    format!(
                        "unknown clause `{}`: did you mean `{}`?",
                        cut(w, 40),
                        s.to_uppercase()
                    ),
                )
                .with_label("unknown clause");
            }
        }
        e.with_help("a query is `MATCH pattern [WHERE condition] [WITH ...] RETURN items`, e.g. `MATCH (c:Cluster)-[:member_of]->(n) RETURN c.name, n.name`")
    }

    fn match_clause(&mut self) -> Result<Match, SyntaxError> {
        let optional = self.eat_kw("optional");
        self.eat_kw("match");
        let mut patterns = vec![self.path()?];
        let parts = |ps: &[PathPattern]| ps.iter().map(|p| 1 + 2 * p.steps.len()).sum::<usize>();
        while self.eat_punct(",") {
            patterns.push(self.path()?);
            if parts(&patterns) > MAX_PATTERN_PARTS {
                break;
            }
        }
        if parts(&patterns) > MAX_PATTERN_PARTS {
            return Err(SyntaxError::new(
                self.here(),
                format!("a MATCH names at most {MAX_PATTERN_PARTS} nodes and relationships"),
            )
            .with_label("too long")
            .with_help("split the pattern into several MATCH clauses"));
        }
        let condition = if self.eat_kw("where") {
            Some(self.expr()?)
        } else {
            None
        };
        Ok(Match {
            optional,
            patterns,
            condition,
        })
    }

    fn path(&mut self) -> Result<PathPattern, SyntaxError> {
        if let (Some(Tok::Ident(_)), Some(Tok::Punct("="))) = (self.peek_at(0), self.peek_at(1)) {
            return Err(
                SyntaxError::new(self.here(), "named paths (`p = ...`) are not supported")
                    .with_label("a path name")
                    .with_help("name the nodes and relationships instead: `MATCH (a)-[r]->(b)`"),
            );
        }
        let start = self.node()?;
        let mut steps = Vec::new();
        while (self.is_punct("-") || self.is_punct("<")) && steps.len() <= MAX_PATTERN_PARTS {
            let rel = self.rel()?;
            let node = self.node()?;
            steps.push((rel, node));
        }
        Ok(PathPattern { start, steps })
    }

    fn var(&mut self) -> Option<(String, Span)> {
        match self.peek().map(|t| &t.tok) {
            Some(Tok::Ident(w)) => {
                let w = w.clone();
                let span = self.bump().map(|t| t.span).unwrap_or_default();
                Some((w, span))
            }
            _ => None,
        }
    }

    fn node(&mut self) -> Result<NodePattern, SyntaxError> {
        if !self.is_punct("(") {
            return Err(self
                .expected("`(` to start a node")
                .with_help("a node is `(v)`, `(v:Cluster)` or `(v:Cluster {name: \"AFIL\"})`"));
        }
        self.bump();
        let var = self.var();
        let mut kind = None;
        if self.eat_punct(":") {
            let (word, span) = self.name_after(":", "a label")?;
            kind = Some(self.kind(&word, span)?);
            if self.is_punct(":") {
                return Err(SyntaxError::new(self.here(), "a node has one label here")
                    .with_label("second label")
                    .with_help("every node has one kind; for either of two, write `WHERE v:Cluster OR v:Network`"));
            }
        }
        let props = if self.is_punct("{") {
            self.props()?
        } else {
            Vec::new()
        };
        self.expect_punct(")", "to close the node").map_err(|e| {
            e.with_help("a node is `(v)`, `(v:Cluster)` or `(v:Cluster {name: \"AFIL\"})`")
        })?;
        Ok(NodePattern { var, kind, props })
    }

    /// The kind a label names, in any case; an unknown one with the nearest.
    fn kind(&self, word: &str, span: Span) -> Result<NodeKind, SyntaxError> {
        NodeKind::parse(word).ok_or_else(|| {
            let labels: Vec<String> = NodeKind::ALL.into_iter().map(label).collect();
            let lower: Vec<&str> = NodeKind::names().collect();
            let message = match suggest(word, lower.iter().copied()) {
                Some(s) => format!(
                    "unknown label `{}`: did you mean `{}`?",
                    cut(word, 40),
                    NodeKind::parse(s).map(label).unwrap_or_default()
                ),
                None => format!("unknown label `{}`", cut(word, 40)),
            };
            SyntaxError::new(span, message)
                .with_label("unknown label")
                .with_help(format!("labels are node kinds: {}", labels.join(", ")))
        })
    }

    /// A name after `:` or `|` (a label or a type), bare or backquoted.
    fn name_after(&mut self, after: &str, what: &str) -> Result<(String, Span), SyntaxError> {
        match self.var() {
            Some(x) => Ok(x),
            None => Err(self.expected(&format!("{what} after `{after}`"))),
        }
    }

    fn props(&mut self) -> Result<Vec<(String, Expr)>, SyntaxError> {
        self.bump();
        let mut props = Vec::new();
        if self.eat_punct("}") {
            return Ok(props);
        }
        loop {
            let Some((key, _)) = self.var() else {
                return Err(self
                    .expected("a property name")
                    .with_help("a property map is `{name: \"AFIL\", founded: 2006}`"));
            };
            self.expect_punct(":", "after the property name")?;
            let value = self.expr()?;
            props.push((key, value));
            if self.eat_punct("}") {
                return Ok(props);
            }
            self.expect_punct(",", "or `}` in the property map")?;
        }
    }

    fn rel(&mut self) -> Result<RelPattern, SyntaxError> {
        let start = self.here();
        let left = self.eat_punct("<");
        if !self.eat_punct("-") {
            return Err(self.expected("`-` in a relationship (`<-[r]-` or `<--`)"));
        }
        let mut var = None;
        let mut types = Vec::new();
        let mut length = None;
        let mut props = Vec::new();
        if self.eat_punct("[") {
            var = self.var();
            if self.eat_punct(":") {
                loop {
                    let (word, span) = self.name_after(":", "a relationship type")?;
                    types.push(Rel::parse(&word).ok_or_else(|| {
                        let message = match suggest(&word, Rel::names()) {
                            Some(s) => format!(
                                "unknown relationship type `{}`: did you mean `{s}`?",
                                cut(&word, 40)
                            ),
                            None => format!("unknown relationship type `{}`", cut(&word, 40)),
                        };
                        SyntaxError::new(span, message)
                            .with_label("unknown type")
                            .with_help(format!(
                                "types are relations: {}",
                                Rel::names().collect::<Vec<_>>().join(", ")
                            ))
                    })?);
                    if !self.eat_punct("|") {
                        break;
                    }
                    self.eat_punct(":");
                }
            }
            if self.is_punct("*") {
                length = Some(self.length()?);
            }
            if self.is_punct("{") {
                props = self.props()?;
            }
            self.expect_punct("]", "to close the relationship")
                .map_err(|e| {
                    e.with_help("a relationship is `-[r:partner_in|leads*1..3 {date: \"2016\"}]->`")
                })?;
        }
        if !self.eat_punct("-") {
            return Err(self.expected("`-` to end the relationship (`-[r]->` or `-[r]-`)"));
        }
        let right = self.eat_punct(">");
        let end = self
            .toks
            .get(self.pos.saturating_sub(1))
            .map_or(start.end, |t| t.span.end);
        let arrow = match (left, right) {
            (true, false) => Arrow::Left,
            (false, true) => Arrow::Right,
            (false, false) => Arrow::Either,
            (true, true) => {
                return Err(SyntaxError::new(
                    start.start..end,
                    "a relationship points one way or none",
                )
                .with_label("both ways")
                .with_help("write `-[r]->`, `<-[r]-`, or `-[r]-` for either direction"))
            }
        };
        Ok(RelPattern {
            var,
            types,
            arrow,
            length,
            props,
        })
    }

    /// `*`, `*n`, `*a..b`, `*..b`, `*a..`: only bounded forms are accepted.
    fn length(&mut self) -> Result<(u32, u32), SyntaxError> {
        let star = self.bump().map(|t| t.span).unwrap_or_default();
        let number = |p: &mut Self| -> Result<Option<u32>, SyntaxError> {
            match p.peek().map(|t| t.tok.clone()) {
                Some(Tok::Int(digits)) => {
                    let span = p.here();
                    p.bump();
                    match digits.parse::<u32>() {
                        Ok(n) if n <= MAX_HOPS => Ok(Some(n)),
                        _ => Err(SyntaxError::new(
                            span,
                            format!("a variable length is at most {MAX_HOPS} relationships"),
                        )
                        .with_label("too long")),
                    }
                }
                _ => Ok(None),
            }
        };
        let min = number(self)?;
        let (min, max) = if self.eat_punct("..") {
            (min.unwrap_or(1), number(self)?)
        } else {
            (min.unwrap_or(1), min)
        };
        let end = self
            .toks
            .get(self.pos.saturating_sub(1))
            .map_or(star.end, |t| t.span.end);
        let Some(max) = max else {
            return Err(SyntaxError::new(
                star.start..end,
                "an unbounded variable length is refused",
            )
            .with_label("no upper bound")
            .with_help(format!(
                "give a bound: `*1..3` (at most {MAX_HOPS}); on a large graph every path of any length is too many"
            )));
        };
        if min > max {
            return Err(SyntaxError::new(
                star.start..end,
                format!("the length `*{min}..{max}` is empty: its lower bound is above its upper"),
            )
            .with_label("empty range"));
        }
        Ok((min, max))
    }

    fn projection(&mut self, start: Span, word: &str) -> Result<Projection, SyntaxError> {
        let distinct = self.eat_kw("distinct");
        if self.is_punct("*") {
            return Err(
                SyntaxError::new(self.here(), format!("`{word} *` is not supported"))
                    .with_label("name what to return")
                    .with_help(format!("list the variables: `{word} a, b`")),
            );
        }
        let mut items = Vec::new();
        loop {
            let from = self.here().start;
            let expr = self.expr()?;
            let to = self
                .toks
                .get(self.pos.saturating_sub(1))
                .map_or(from, |t| t.span.end);
            let written = self.text.get(from..to).unwrap_or_default().to_string();
            let (name, aliased) = if self.eat_kw("as") {
                match self.var() {
                    Some((n, _)) => (n, true),
                    None => return Err(self.expected("a name after `AS`")),
                }
            } else {
                (written, false)
            };
            items.push(Item {
                expr,
                name,
                aliased,
            });
            if !self.eat_punct(",") {
                break;
            }
        }
        let mut order = Vec::new();
        if self.eat_kw("order") {
            if !self.eat_kw("by") {
                return Err(self.expected("`BY` after `ORDER`"));
            }
            loop {
                let e = self.expr()?;
                let desc = if self.eat_kw("desc") || self.eat_kw("descending") {
                    true
                } else {
                    let _ = self.eat_kw("asc") || self.eat_kw("ascending");
                    false
                };
                order.push((e, desc));
                if !self.eat_punct(",") {
                    break;
                }
            }
        }
        let skip = if self.eat_kw("skip") {
            Some(self.count("SKIP")?)
        } else {
            None
        };
        let limit = if self.eat_kw("limit") {
            Some(self.count("LIMIT")?)
        } else {
            None
        };
        let end = self
            .toks
            .get(self.pos.saturating_sub(1))
            .map_or(start.end, |t| t.span.end);
        Ok(Projection {
            distinct,
            items,
            order,
            skip,
            limit,
            span: start.start..end,
        })
    }

    fn count(&mut self, after: &str) -> Result<u64, SyntaxError> {
        match self.peek().map(|t| t.tok.clone()) {
            Some(Tok::Int(d)) => {
                let span = self.here();
                self.bump();
                d.parse::<u64>().map_err(|_| {
                    SyntaxError::new(span, format!("`{after}` takes a number up to {}", u64::MAX))
                        .with_label("too large")
                })
            }
            _ => Err(self.expected(&format!("a number after `{after}`"))),
        }
    }

    fn expr(&mut self) -> Result<Expr, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(SyntaxError::new(
                self.here(),
                format!("expressions nest at most {MAX_NESTING} deep"),
            )
            .with_label("too deep"));
        }
        let e = self.or();
        self.depth -= 1;
        e
    }

    fn binary(
        &mut self,
        words: &[(&str, BinOp)],
        next: fn(&mut Self) -> Result<Expr, SyntaxError>,
    ) -> Result<Expr, SyntaxError> {
        let mut left = next(self)?;
        let mut chain = 0;
        'outer: loop {
            for (w, op) in words {
                if self.is_kw(w) {
                    let span = self.here();
                    self.bump();
                    self.chain(&mut chain)?;
                    let right = next(self)?;
                    left = Expr::Bin(*op, Box::new(left), Box::new(right), span);
                    continue 'outer;
                }
            }
            self.depth -= chain;
            return Ok(left);
        }
    }

    /// One more operator in a chain (`a AND b AND c` nests to the left, as deep as it is
    /// long): it counts toward the nesting limit until the chain ends.
    fn chain(&mut self, chain: &mut usize) -> Result<(), SyntaxError> {
        *chain += 1;
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(SyntaxError::new(
                self.here(),
                format!("expressions nest at most {MAX_NESTING} deep (operators in a row count)"),
            )
            .with_label("too deep"));
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Expr, SyntaxError> {
        self.binary(&[("or", BinOp::Or)], Self::xor)
    }

    fn xor(&mut self) -> Result<Expr, SyntaxError> {
        self.binary(&[("xor", BinOp::Xor)], Self::and)
    }

    fn and(&mut self) -> Result<Expr, SyntaxError> {
        self.binary(&[("and", BinOp::And)], Self::not)
    }

    fn not(&mut self) -> Result<Expr, SyntaxError> {
        if self.eat_kw("not") {
            self.depth += 1;
            if self.depth > MAX_NESTING {
                return Err(SyntaxError::new(self.here(), "too many `NOT`").with_label("too deep"));
            }
            let e = self.not();
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(e?)));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.additive()?;
        let mut chain = 0;
        loop {
            let span = self.here();
            let op = match self.peek_at(0) {
                Some(Tok::Punct("=")) => BinOp::Eq,
                Some(Tok::Punct("<>")) => BinOp::Ne,
                Some(Tok::Punct("<")) => BinOp::Lt,
                Some(Tok::Punct("<=")) => BinOp::Le,
                Some(Tok::Punct(">")) => BinOp::Gt,
                Some(Tok::Punct(">=")) => BinOp::Ge,
                Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("starts") => {
                    self.chain(&mut chain)?;
                    self.word_pair("starts", "with")?;
                    let right = self.additive()?;
                    left = Expr::Bin(BinOp::StartsWith, Box::new(left), Box::new(right), span);
                    continue;
                }
                Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("ends") => {
                    self.chain(&mut chain)?;
                    self.word_pair("ends", "with")?;
                    let right = self.additive()?;
                    left = Expr::Bin(BinOp::EndsWith, Box::new(left), Box::new(right), span);
                    continue;
                }
                Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("contains") => BinOp::Contains,
                // `x IN [...]`; `in 2016` after the query is the time filter.
                Some(Tok::Ident(w))
                    if w.eq_ignore_ascii_case("in")
                        && !matches!(self.peek_at(1), Some(Tok::Int(_)) | None) =>
                {
                    BinOp::In
                }
                Some(Tok::Ident(w)) if w.eq_ignore_ascii_case("is") => {
                    self.chain(&mut chain)?;
                    self.bump();
                    let negated = self.eat_kw("not");
                    if !self.eat_kw("null") {
                        return Err(self.expected("`NULL` after `IS`"));
                    }
                    left = Expr::IsNull(Box::new(left), negated);
                    continue;
                }
                _ => {
                    self.depth -= chain;
                    return Ok(left);
                }
            };
            self.chain(&mut chain)?;
            self.bump();
            let right = self.additive()?;
            left = Expr::Bin(op, Box::new(left), Box::new(right), span);
        }
    }

    fn word_pair(&mut self, first: &str, second: &str) -> Result<(), SyntaxError> {
        self.bump();
        if !self.eat_kw(second) {
            return Err(self.expected(&format!(
                "`{}` after `{}`",
                second.to_uppercase(),
                first.to_uppercase()
            )));
        }
        Ok(())
    }

    fn additive(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.multiplicative()?;
        let mut chain = 0;
        loop {
            let span = self.here();
            let op = match self.peek_at(0) {
                Some(Tok::Punct("+")) => BinOp::Add,
                Some(Tok::Punct("-")) => BinOp::Sub,
                _ => {
                    self.depth -= chain;
                    return Ok(left);
                }
            };
            self.chain(&mut chain)?;
            self.bump();
            let right = self.multiplicative()?;
            left = Expr::Bin(op, Box::new(left), Box::new(right), span);
        }
    }

    fn multiplicative(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.unary()?;
        let mut chain = 0;
        loop {
            let span = self.here();
            let op = match self.peek_at(0) {
                Some(Tok::Punct("*")) => BinOp::Mul,
                Some(Tok::Punct("/")) => BinOp::Div,
                Some(Tok::Punct("%")) => BinOp::Mod,
                _ => {
                    self.depth -= chain;
                    return Ok(left);
                }
            };
            self.chain(&mut chain)?;
            self.bump();
            let right = self.unary()?;
            left = Expr::Bin(op, Box::new(left), Box::new(right), span);
        }
    }

    fn unary(&mut self) -> Result<Expr, SyntaxError> {
        if self.eat_punct("-") {
            self.depth += 1;
            if self.depth > MAX_NESTING {
                return Err(SyntaxError::new(self.here(), "too many `-`").with_label("too deep"));
            }
            let e = self.unary();
            self.depth -= 1;
            return Ok(match e? {
                Expr::Lit(Literal::Int(i)) => Expr::Lit(Literal::Int(-i)),
                Expr::Lit(Literal::Float(x)) => Expr::Lit(Literal::Float(-x)),
                e => Expr::Neg(Box::new(e)),
            });
        }
        let mut e = self.atom()?;
        let mut chain = 0;
        while self.is_punct(".") {
            self.chain(&mut chain)?;
            self.bump();
            match self.var() {
                Some((key, _)) => e = Expr::Prop(Box::new(e), key),
                None => return Err(self.expected("a property name after `.`")),
            }
        }
        self.depth -= chain;
        // `v:Label` (`v:A:B` for both, which no node is: one kind each).
        while self.is_punct(":") && matches!(e, Expr::Var(..)) {
            self.bump();
            let (word, span) = self.name_after(":", "a label")?;
            let kind = self.kind(&word, span)?;
            e = match e {
                Expr::HasLabel(..) => Expr::Bin(
                    BinOp::And,
                    Box::new(e.clone()),
                    Box::new(Expr::HasLabel(Box::new(base_var(&e)), kind)),
                    0..0,
                ),
                other => Expr::HasLabel(Box::new(other), kind),
            };
        }
        Ok(e)
    }

    fn atom(&mut self) -> Result<Expr, SyntaxError> {
        let span = self.here();
        let Some(tok) = self.peek().map(|t| t.tok.clone()) else {
            return Err(self.expected("an expression"));
        };
        match tok {
            Tok::Int(d) => {
                self.bump();
                d.parse::<i64>()
                    .map(|i| Expr::Lit(Literal::Int(i)))
                    .map_err(|_| {
                        SyntaxError::new(span, "an integer above 9223372036854775807")
                            .with_label("too large")
                    })
            }
            Tok::Float(x) => {
                self.bump();
                Ok(Expr::Lit(Literal::Float(x)))
            }
            Tok::Str(s) => {
                self.bump();
                Ok(Expr::Lit(Literal::Str(s)))
            }
            Tok::Punct("(") => {
                self.bump();
                let e = self.expr()?;
                self.expect_punct(")", "to close the parenthesis")?;
                Ok(e)
            }
            Tok::Punct("[") => {
                self.bump();
                let mut items = Vec::new();
                if !self.eat_punct("]") {
                    loop {
                        items.push(self.expr()?);
                        if self.eat_punct("]") {
                            break;
                        }
                        self.expect_punct(",", "or `]` in the list")?;
                    }
                }
                Ok(Expr::List(items))
            }
            Tok::Ident(w) => {
                let lower = w.to_ascii_lowercase();
                match lower.as_str() {
                    "null" => {
                        self.bump();
                        return Ok(Expr::Lit(Literal::Null));
                    }
                    "true" | "false" => {
                        self.bump();
                        return Ok(Expr::Lit(Literal::Bool(lower == "true")));
                    }
                    _ => {}
                }
                if matches!(self.peek_at(1), Some(Tok::Punct("("))) {
                    return self.call(lower, span);
                }
                if CLAUSE_WORDS.contains(&lower.as_str())
                    || ["and", "or", "not", "as", "in", "is"].contains(&lower.as_str())
                {
                    return Err(SyntaxError::new(
                        span,
                        format!(
                            "expected an expression, found the keyword `{}`",
                            w.to_uppercase()
                        ),
                    )
                    .with_label("a keyword"));
                }
                self.bump();
                Ok(Expr::Var(w, span))
            }
            _ => Err(self.expected("an expression")),
        }
    }

    fn call(&mut self, name: String, span: Span) -> Result<Expr, SyntaxError> {
        if !AGGREGATES.contains(&name.as_str()) && !FUNCTIONS.contains(&name.as_str()) {
            let all = AGGREGATES.iter().chain(FUNCTIONS).copied();
            let message = match suggest(&name, all) {
                Some(s) => format!("unknown function `{}`: did you mean `{s}`?", cut(&name, 40)),
                None => format!("unknown function `{}`", cut(&name, 40)),
            };
            return Err(SyntaxError::new(span, message)
                .with_label("unknown function")
                .with_help(format!(
                    "functions: {}, {}",
                    AGGREGATES.join(", "),
                    "type, id, labels, startNode, endNode, size, length, toLower, toUpper, toString, coalesce, substring"
                )));
        }
        self.bump();
        self.bump();
        if name == "count" && self.is_punct("*") {
            self.bump();
            self.expect_punct(")", "after `count(*`")?;
            return Ok(Expr::CountStar(span));
        }
        let distinct = self.eat_kw("distinct");
        let mut args = Vec::new();
        if !self.eat_punct(")") {
            loop {
                args.push(self.expr()?);
                if self.eat_punct(")") {
                    break;
                }
                self.expect_punct(",", "or `)` after an argument")?;
            }
        }
        let (arity, takes) = match name.as_str() {
            "coalesce" => (1..=usize::MAX, "one argument or more"),
            "substring" => (2..=3, "two or three arguments (text, start[, length])"),
            _ => (1..=1, "one argument"),
        };
        if !arity.contains(&args.len()) {
            return Err(SyntaxError::new(
                span,
                format!("`{name}` takes {takes}, given {}", args.len()),
            )
            .with_label("arguments"));
        }
        if distinct && !AGGREGATES.contains(&name.as_str()) {
            return Err(
                SyntaxError::new(span, format!("`{name}` takes no `DISTINCT`"))
                    .with_label("not an aggregate"),
            );
        }
        if AGGREGATES.contains(&name.as_str()) && args.iter().any(Expr::has_aggregate) {
            return Err(SyntaxError::new(span, "an aggregate inside an aggregate")
                .with_label("nested aggregate")
                .with_help("aggregate in a `WITH` step first, then again after it"));
        }
        Ok(Expr::Call {
            name,
            distinct,
            args,
            span,
        })
    }
}

/// The variable under `v:A:B`'s labels.
fn base_var(e: &Expr) -> Expr {
    match e {
        Expr::HasLabel(v, _) => base_var(v),
        Expr::Bin(_, a, _, _) => base_var(a),
        other => other.clone(),
    }
}
