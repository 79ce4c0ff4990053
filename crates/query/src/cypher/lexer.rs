//! Tokens of the Cypher subset, with byte spans into the statement's text.
//!
//! Like the statement lexer, it never fails: a character it does not know, or a string that
//! never closes, is a [`Tok::Bad`] token that the parser reports where it stands (so the
//! time filter after a query, `in 2011..2016`, is never judged by Cypher's rules).

use crate::ast::Span;

/// What a token is; its text is the slice of the statement at its span.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    /// A name or a keyword (`MATCH`, `v`, `name`); backquoted names (`` `a b` ``) too.
    Ident(String),
    /// A whole number, as written (the parser checks its range).
    Int(String),
    Float(f64),
    /// A string in single or double quotes, escapes decoded.
    Str(String),
    /// Punctuation and operators: `( ) [ ] { } : , . .. | * - + / % < > = <> <= >= ;`.
    Punct(&'static str),
    /// Anything else, or a string that never closes (the message says which).
    Bad(&'static str),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub span: Span,
}

/// The punctuation, longest first so that `..` wins over `.`.
const PUNCT: &[&str] = &[
    "<>", "<=", ">=", "..", "(", ")", "[", "]", "{", "}", ":", ",", ".", "|", "*", "-", "+", "/",
    "%", "<", ">", "=", ";",
];

/// The tokens of `text[span]`, spans absolute in `text`.
pub(crate) fn tokens(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::new();
    let Some(src) = text.get(span.clone()) else {
        return out;
    };
    let base = span.start;
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < src.len() {
        let rest = &src[i..];
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let tok = if c.is_alphabetic() || c == '_' {
            let len = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            i += len;
            Tok::Ident(rest[..len].to_string())
        } else if c == '`' {
            match rest[1..].find('`') {
                Some(end) => {
                    i += end + 2;
                    Tok::Ident(rest[1..end + 1].to_string())
                }
                None => {
                    i = src.len();
                    Tok::Bad("a backquoted name that never closes")
                }
            }
        } else if c.is_ascii_digit() {
            let mut len = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            // A decimal point only when a digit follows: `1..3` is a range.
            let fraction = bytes.get(i + len) == Some(&b'.')
                && bytes.get(i + len + 1).is_some_and(u8::is_ascii_digit);
            if fraction {
                len += 1;
                len += rest[len..]
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(rest.len() - len);
            }
            let word = &rest[..len];
            i += len;
            if fraction {
                match word.parse::<f64>() {
                    Ok(x) => Tok::Float(x),
                    Err(_) => Tok::Bad("a number"),
                }
            } else {
                Tok::Int(word.to_string())
            }
        } else if c == '\'' || c == '"' {
            match string(rest, c) {
                Some((value, len)) => {
                    i += len;
                    Tok::Str(value)
                }
                None => {
                    i = src.len();
                    Tok::Bad("a string that never closes")
                }
            }
        } else if let Some(p) = PUNCT.iter().find(|p| rest.starts_with(**p)) {
            i += p.len();
            Tok::Punct(p)
        } else {
            i += c.len_utf8();
            Tok::Bad("a character that Cypher does not use here")
        };
        out.push(Token {
            tok,
            span: base + start..base + i,
        });
    }
    out
}

/// The value and length of the string opening `rest` with `quote`, or `None` if it never
/// closes. Escapes: `\'`, `\"`, `\\`, `\n`, `\t`; another escaped character stands for itself.
fn string(rest: &str, quote: char) -> Option<(String, usize)> {
    let mut value = String::new();
    let mut chars = rest.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        if c == quote {
            return Some((value, i + 1));
        }
        if c == '\\' {
            let (_, e) = chars.next()?;
            value.push(match e {
                'n' => '\n',
                't' => '\t',
                other => other,
            });
        } else {
            value.push(c);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Tok> {
        tokens(text, 0..text.len())
            .into_iter()
            .map(|t| t.tok)
            .collect()
    }

    #[test]
    fn patterns_numbers_and_strings() {
        assert_eq!(
            kinds("(a:Cluster {name:'A\\'s'})<-[r*1..3]-()"),
            vec![
                Tok::Punct("("),
                Tok::Ident("a".into()),
                Tok::Punct(":"),
                Tok::Ident("Cluster".into()),
                Tok::Punct("{"),
                Tok::Ident("name".into()),
                Tok::Punct(":"),
                Tok::Str("A's".into()),
                Tok::Punct("}"),
                Tok::Punct(")"),
                Tok::Punct("<"),
                Tok::Punct("-"),
                Tok::Punct("["),
                Tok::Ident("r".into()),
                Tok::Punct("*"),
                Tok::Int("1".into()),
                Tok::Punct(".."),
                Tok::Int("3".into()),
                Tok::Punct("]"),
                Tok::Punct("-"),
                Tok::Punct("("),
                Tok::Punct(")"),
            ]
        );
        assert_eq!(
            kinds("x <> 2.5 \"open"),
            vec![
                Tok::Ident("x".into()),
                Tok::Punct("<>"),
                Tok::Float(2.5),
                Tok::Bad("a string that never closes"),
            ]
        );
        assert_eq!(kinds("`a b` §")[0], Tok::Ident("a b".into()));
        assert!(matches!(kinds("§")[0], Tok::Bad(_)));
    }

    #[test]
    fn spans_are_absolute() {
        let text = "xx MATCH (v)";
        let t = tokens(text, 3..text.len());
        assert_eq!(t[0].span, 3..8);
        assert_eq!(&text[t[1].span.clone()], "(");
    }
}
