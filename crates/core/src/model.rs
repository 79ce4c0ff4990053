//! The typed pieces of the knowledge graph: node kinds, relations, dates and periods,
//! attribute values, documents and provenance.

use std::collections::BTreeMap;
use std::fmt;

/// What a node is. The set is closed: a graph source naming another kind is an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKind {
    Cluster,
    Network,
    Organisation,
    Project,
    Programme,
    Event,
    Person,
    Region,
    Country,
    City,
    Sector,
    /// An untyped node, as edge lists have.
    Node,
}

impl NodeKind {
    /// Every kind, in the order they are documented.
    pub const ALL: [NodeKind; 12] = [
        NodeKind::Cluster,
        NodeKind::Network,
        NodeKind::Organisation,
        NodeKind::Project,
        NodeKind::Programme,
        NodeKind::Event,
        NodeKind::Person,
        NodeKind::Region,
        NodeKind::Country,
        NodeKind::City,
        NodeKind::Sector,
        NodeKind::Node,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Cluster => "cluster",
            NodeKind::Network => "network",
            NodeKind::Organisation => "organisation",
            NodeKind::Project => "project",
            NodeKind::Programme => "programme",
            NodeKind::Event => "event",
            NodeKind::Person => "person",
            NodeKind::Region => "region",
            NodeKind::Country => "country",
            NodeKind::City => "city",
            NodeKind::Sector => "sector",
            NodeKind::Node => "node",
        }
    }

    /// Parses a kind name; `organization` and `program` are accepted as spellings.
    pub fn parse(s: &str) -> Option<NodeKind> {
        let lower = s.to_ascii_lowercase();
        let canonical = match lower.as_str() {
            "organization" => "organisation",
            "program" => "programme",
            other => other,
        };
        NodeKind::ALL.into_iter().find(|k| k.as_str() == canonical)
    }

    pub fn names() -> impl Iterator<Item = &'static str> {
        NodeKind::ALL.into_iter().map(NodeKind::as_str)
    }
}

impl fmt::Display for NodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One relation of the catalogue documented in `graphs/README.md`: its name and meaning.
#[derive(Debug)]
pub struct RelInfo {
    pub name: &'static str,
    pub meaning: &'static str,
}

/// The relation catalogue. Keep it in step with `graphs/README.md` (a test checks).
pub const RELATIONS: &[RelInfo] = &[
    rel(
        "member_of",
        "is a member of a network, association or group",
    ),
    rel("partner_in", "is a partner in a project or partnership"),
    rel(
        "coordinates",
        "coordinates a project, a working group or an initiative",
    ),
    rel("leads", "directs the work of a project or body"),
    rel("supports", "supports another actor's work"),
    rel("funded_by", "is funded by a programme or body"),
    rel("located_in", "is based in a city, region or country"),
    rel("held_in", "an event took place in a city or country"),
    rel(
        "part_of",
        "is part of (a city of a region, a region of a country, a programme of a strategy)",
    ),
    rel(
        "participated_in",
        "took part in an event, project or mission",
    ),
    rel("spoke_at", "spoke at an event or session"),
    rel("organised", "organised an event or mission"),
    rel("presides", "is the president or chair of"),
    rel("manages", "is the manager or director of"),
    rel("works_in", "works in or for an organisation"),
    rel("active_in", "works in a sector or theme"),
    rel("recognised_by", "is officially recognised by"),
    rel("promoted_by", "was promoted or set up by"),
    rel("edition_of", "an event is an edition of a recurring event"),
    rel("mission_to", "went on a mission to a country or city"),
    rel("aligned_with", "a strategy is aligned with another"),
    rel("met_with", "met or exchanged with (as stated by one side)"),
    rel(
        "involves",
        "a project or event involves a country, region or sector",
    ),
    rel("applied_for", "applied for funding or a call"),
    rel("linked", "an untyped link, as edge lists have"),
];

const fn rel(name: &'static str, meaning: &'static str) -> RelInfo {
    RelInfo { name, meaning }
}

/// A relation: an index into [`RELATIONS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rel(u8);

impl Rel {
    pub fn parse(s: &str) -> Option<Rel> {
        let lower = s.to_ascii_lowercase();
        RELATIONS
            .iter()
            .position(|r| r.name == lower)
            .map(|i| Rel(i as u8))
    }

    /// The untyped relation of edge lists.
    pub fn linked() -> Rel {
        Rel::parse("linked").expect("`linked` is in the catalogue")
    }

    pub fn as_str(self) -> &'static str {
        RELATIONS[self.0 as usize].name
    }

    pub fn meaning(self) -> &'static str {
        RELATIONS[self.0 as usize].meaning
    }

    pub fn names() -> impl Iterator<Item = &'static str> {
        RELATIONS.iter().map(|r| r.name)
    }
}

impl fmt::Display for Rel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A calendar date known to a year, a month or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, refusing impossible dates.
    pub fn parse(s: &str) -> Result<Date, String> {
        let parts: Vec<&str> = s.split('-').collect();
        let number = |p: &str, what: &str| -> Result<u32, String> {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4 {
                return Err(format!(
                    "`{s}` is not a date: the {what} `{p}` is not a number"
                ));
            }
            p.parse::<u32>().map_err(|_| format!("`{s}`: bad {what}"))
        };
        if parts.is_empty() || parts.len() > 3 || parts[0].len() != 4 {
            return Err(format!(
                "`{s}` is not a date: write a year (2016), a month (2016-12) or a day (2016-12-01)"
            ));
        }
        let year = number(parts[0], "year")? as i32;
        let month = match parts.get(1) {
            Some(p) => {
                let m = number(p, "month")?;
                if p.len() != 2 || !(1..=12).contains(&m) {
                    return Err(format!("`{s}` is not a date: month `{p}` must be 01 to 12"));
                }
                Some(m as u8)
            }
            None => None,
        };
        let day = match parts.get(2) {
            Some(p) => {
                let d = number(p, "day")?;
                let max = days_in_month(year, month.unwrap_or(1));
                if p.len() != 2 || d < 1 || d > max {
                    return Err(format!(
                        "`{s}` is an impossible date: {} {year} has {max} days",
                        MONTHS[month.unwrap_or(1) as usize - 1]
                    ));
                }
                Some(d as u8)
            }
            None => None,
        };
        Ok(Date { year, month, day })
    }

    /// The first day this date may stand for, as a sortable key (year, month, day).
    fn first(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date may stand for.
    fn last(&self) -> (i32, u8, u8) {
        let month = self.month.unwrap_or(12);
        (
            self.year,
            month,
            self.day.unwrap_or(days_in_month(self.year, month) as u8),
        )
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: i32, month: u8) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// When an edge held: one date, or a period from one date to another (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

impl Period {
    /// Parses a date or `DATE..DATE`.
    pub fn parse(s: &str) -> Result<Period, String> {
        let s = s.trim();
        match s.split_once("..") {
            None => {
                let d = Date::parse(s)?;
                Ok(Period { start: d, end: d })
            }
            Some((a, b)) => {
                let start = Date::parse(a.trim())?;
                let end = Date::parse(b.trim())?;
                if end.last() < start.first() {
                    return Err(format!("the period `{s}` ends before it starts"));
                }
                Ok(Period { start, end })
            }
        }
    }

    /// Whether this period meets the span of years `from..=to` (inclusive).
    pub fn meets_years(&self, from: i32, to: i32) -> bool {
        self.start.year <= to && self.end.year >= from
    }

    pub fn is_single(&self) -> bool {
        self.start == self.end
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_single() {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}..{}", self.start, self.end)
        }
    }
}

/// A free attribute value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(s) => f.write_str(s),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// Attributes, sorted by name so that every listing is deterministic.
pub type Attrs = BTreeMap<String, Value>;

/// A source document that nodes and edges cite.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub key: String,
    pub title: String,
    pub language: String,
    /// The file name as the source gave it (relative to that source).
    pub file: Option<String>,
    /// The publication date, or the span it is known to fall in.
    pub date: Option<Period>,
    pub publisher: Option<String>,
    pub url: Option<String>,
}

/// Index of a document in [`crate::KnowledgeGraph::documents`].
pub type DocId = u32;

/// Where a node or edge comes from: a document and the sentence that states it.
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    pub doc: DocId,
    pub quote: String,
}

/// A node of the knowledge graph.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub attrs: Attrs,
    pub provenance: Vec<Provenance>,
}

/// A directed, typed edge.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub rel: Rel,
    pub date: Option<Period>,
    pub attrs: Attrs,
    pub provenance: Vec<Provenance>,
}

impl Edge {
    /// An edge with no date, attributes or provenance.
    pub fn plain(rel: Rel) -> Edge {
        Edge {
            rel,
            date: None,
            attrs: Attrs::new(),
            provenance: Vec::new(),
        }
    }
}

/// Whether `s` is a valid node id: a non-empty lowercase slug of `a-z`, `0-9`, `-`, `_`, `.`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_refuse_impossible_days() {
        assert_eq!(Date::parse("2016-12-01").unwrap().to_string(), "2016-12-01");
        assert_eq!(Date::parse("2016").unwrap().month, None);
        assert!(Date::parse("2016-02-30")
            .unwrap_err()
            .contains("February 2016 has 29 days"));
        assert!(Date::parse("2015-02-29").is_err());
        assert!(Date::parse("2016-13").is_err());
        assert!(Date::parse("16-12-01").is_err());
        assert!(Date::parse("2016-1-01").is_err());
        assert!(Date::parse("abcd").is_err());
    }

    #[test]
    fn periods_meet_year_spans() {
        let p = Period::parse("2011..2012").unwrap();
        assert!(p.meets_years(2012, 2016));
        assert!(!p.meets_years(2013, 2016));
        let d = Period::parse("2016-12-01..2016-12-02").unwrap();
        assert!(d.meets_years(2016, 2016));
        assert_eq!(d.to_string(), "2016-12-01..2016-12-02");
        assert!(Period::parse("2016..2015")
            .unwrap_err()
            .contains("ends before"));
        assert!(Period::parse("2016-12..2016").is_ok());
    }

    #[test]
    fn kinds_and_relations_round_trip() {
        for k in NodeKind::ALL {
            assert_eq!(NodeKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(
            NodeKind::parse("Organization"),
            Some(NodeKind::Organisation)
        );
        for name in Rel::names() {
            assert_eq!(Rel::parse(name).unwrap().as_str(), name);
        }
        assert_eq!(Rel::parse("members_of"), None);
    }

    #[test]
    fn relation_catalogue_matches_the_format_documentation() {
        let readme = include_str!("../../../graphs/README.md");
        for r in RELATIONS {
            let row = format!("| `{}` | {} |", r.name, r.meaning);
            assert!(
                readme.contains(&row),
                "graphs/README.md lacks the row {row}"
            );
        }
    }
}
