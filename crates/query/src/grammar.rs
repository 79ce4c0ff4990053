//! The statement language, defined once: every statement with its required parts, its options
//! and their values, its help and its example. The parser, `help`, completion and hints all
//! read this table, so adding a statement is one [`StatementKind`] with its [`StatementSpec`]
//! here, its variant in [`Statement`](crate::Statement), a builder in `parser/` and its
//! executor; the compiler points at each match that lacks it, and the tests at the end of
//! this file fail for a statement without help, example or completion.
//!
//! ```
//! use clustergraph_query::grammar::{OptionKind, StatementKind};
//! let spec = StatementKind::Neighbours.spec();
//! assert_eq!(spec.syntax(), "neighbours NODE [depth N] [kind K,...] [rel R,...] [dir out|in|both] [avoid K,...] [over K,...] [via R,...] [named TEXT] [limit N] [in DATE|D1..D2 [strict]]");
//! assert!(spec.option_keywords().any(|o| o == OptionKind::Depth));
//! assert_eq!(StatementKind::from_word("NEIGHBORS"), Some(StatementKind::Neighbours));
//! ```

/// An enum of keywords: its variants, `ALL` in declaration order, and each one's keyword.
macro_rules! keyword_enum {
    ($(#[$meta:meta])* pub enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $keyword:literal,)*
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every variant, in the order the language lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The keyword, in lower case as `help` prints it.
            pub fn keyword(self) -> &'static str {
                match self {
                    $($name::$variant => $keyword,)*
                }
            }
        }
    };
}

keyword_enum! {
    /// Every statement this build executes, in the order `help` lists them.
    pub enum StatementKind {
        Find = "find",
        Show = "show",
        Documents = "documents",
        Neighbours = "neighbours",
        Path = "path",
        Paths = "paths",
        Centrality = "centrality",
        Components = "components",
        Bridges = "bridges",
        Communities = "communities",
        Stats = "stats",
        Open = "open",
        Save = "save",
        Diff = "diff",
        Export = "export",
        Draw = "draw",
        Match = "match",
        Explain = "explain",
        Set = "set",
        Help = "help",
    }
}

keyword_enum! {
    /// Every option keyword, and `to` (the keyword between the two nodes of `path` and
    /// `paths`). Each ends a bare multi-word name, so `show Ecotech Quebec in 2016` reads the
    /// name `Ecotech Quebec`; a name holding one of them as a word needs quotes (except as its
    /// first word: `show Max Planck Institute` works).
    pub enum OptionKind {
        To = "to",
        In = "in",
        Kind = "kind",
        Limit = "limit",
        Depth = "depth",
        Rel = "rel",
        Dir = "dir",
        Via = "via",
        Avoid = "avoid",
        Directed = "directed",
        Max = "max",
        Top = "top",
        Sample = "sample",
        Seed = "seed",
        Resolution = "resolution",
        Around = "around",
        Size = "size",
        Add = "add",
        Over = "over",
        Named = "named",
    }
}

/// How many rows `find` lists when the statement says no `limit`.
pub const DEFAULT_FIND_LIMIT: usize = 20;

/// Statements of the contract that this build does not execute: the parser recognises them
/// so that the analyst reads "not available" rather than "unknown statement". Adding one
/// means moving it from here to [`StatementKind`].
pub const UNAVAILABLE: &[&str] = &[];

/// A closed set of words, such as the values of `dir`.
#[derive(Debug, PartialEq, Eq)]
pub struct Choice {
    /// What one value is called in messages ("unknown direction `up`").
    pub noun: &'static str,
    /// How a syntax line writes it as a required part: the values (`table|json|csv`), or a
    /// placeholder when they are many (`METRIC`).
    pub shown: &'static str,
    pub values: &'static [&'static str],
}

impl Choice {
    /// The value equal to `word` in any case.
    pub fn find(&self, word: &str) -> Option<&'static str> {
        self.values
            .iter()
            .copied()
            .find(|v| v.eq_ignore_ascii_case(word))
    }

    /// "`out`, `in` or `both`".
    pub fn listed(&self) -> String {
        let quoted: Vec<String> = self.values.iter().map(|v| format!("`{v}`")).collect();
        match quoted.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => quoted.join(""),
        }
    }
}

/// The metrics of `centrality`, each named as the contract names it.
pub const METRICS: Choice = Choice {
    noun: "metric",
    shown: "METRIC",
    values: &[
        "degree",
        "betweenness",
        "closeness",
        "harmonic",
        "pagerank",
        "eigenvector",
        "katz",
        "kcore",
        "clustering",
        "constraint",
        "effective_size",
    ],
};

/// The algorithms of `communities`.
pub const COMMUNITY_METHODS: Choice = Choice {
    noun: "community algorithm",
    shown: "louvain|labelprop",
    values: &["louvain", "labelprop"],
};

/// The values of `dir`.
pub const DIRECTIONS: Choice = Choice {
    noun: "direction",
    shown: "out|in|both",
    values: &["out", "in", "both"],
};

/// The settings `set` knows.
pub const SETTINGS: Choice = Choice {
    noun: "setting",
    shown: "format",
    values: &["format"],
};

/// The values of `set format`.
pub const FORMATS: Choice = Choice {
    noun: "format",
    shown: "table|json|csv",
    values: &["table", "json", "csv"],
};

/// The formats of `export`.
pub const EXPORT_FORMATS: Choice = Choice {
    noun: "export format",
    shown: "graphml|gexf|json|dot|csv|html",
    values: &["graphml", "gexf", "json", "dot", "csv", "html"],
};

/// What follows an option keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// Nothing: the keyword alone (`directed`).
    Flag,
    /// A whole number in `min..=max`.
    Number { min: u64, max: u64 },
    /// A positive decimal number (`resolution 0.5`).
    Real,
    /// A comma-separated list of node kinds.
    Kinds,
    /// A comma-separated list of relations.
    Rels,
    /// One word of a closed set.
    OneOf(&'static Choice),
    /// A date or a span of dates (`2016`, `2016-11`, `2011-10..2012`), then `strict` or not.
    Years,
    /// A node (after `to`).
    Node,
}

impl OptionKind {
    /// What the keyword takes.
    pub fn value(self) -> Value {
        match self {
            OptionKind::To | OptionKind::Around | OptionKind::Named => Value::Node,
            OptionKind::In => Value::Years,
            OptionKind::Kind | OptionKind::Avoid | OptionKind::Over => Value::Kinds,
            OptionKind::Rel | OptionKind::Via => Value::Rels,
            OptionKind::Depth => Value::Number {
                min: 1,
                max: crate::MAX_DEPTH,
            },
            OptionKind::Limit => Value::Number {
                min: 1,
                max: u32::MAX as u64,
            },
            OptionKind::Max => Value::Number { min: 1, max: 1000 },
            OptionKind::Top => Value::Number {
                min: 1,
                max: u32::MAX as u64,
            },
            OptionKind::Sample => Value::Number {
                min: 1,
                max: u32::MAX as u64,
            },
            OptionKind::Seed => Value::Number {
                min: 0,
                max: u64::MAX,
            },
            OptionKind::Resolution => Value::Real,
            OptionKind::Dir => Value::OneOf(&DIRECTIONS),
            OptionKind::Size => Value::OneOf(&METRICS),
            OptionKind::Directed => Value::Flag,
            OptionKind::Add => Value::Flag,
        }
    }

    /// How the option is written, for the help of errors about options.
    pub fn usage(self) -> &'static str {
        match self {
            OptionKind::To => "to NODE",
            OptionKind::In => "in DATE or in DATE..DATE, then `strict` to drop undated edges",
            OptionKind::Kind => "kind K,...",
            OptionKind::Limit => "limit N",
            OptionKind::Depth => "depth N",
            OptionKind::Rel => "rel R,...",
            OptionKind::Dir => "dir out|in|both",
            OptionKind::Via => "via R,...",
            OptionKind::Avoid => "avoid K,...",
            OptionKind::Directed => "directed",
            OptionKind::Max => "max N",
            OptionKind::Top => "top N",
            OptionKind::Sample => "sample K",
            OptionKind::Seed => "seed S",
            OptionKind::Resolution => "resolution R",
            OptionKind::Around => "around NODE",
            OptionKind::Size => "size METRIC",
            OptionKind::Add => "add",
            OptionKind::Over => "over K,...",
            OptionKind::Named => "named TEXT",
        }
    }

    /// The option keyword equal to `word` in any case.
    pub fn from_word(word: &str) -> Option<OptionKind> {
        OptionKind::ALL
            .iter()
            .copied()
            .find(|o| o.keyword().eq_ignore_ascii_case(word))
    }
}

/// Whether `s` is an option keyword (any case), which ends a bare multi-word name.
pub fn is_keyword(s: &str) -> bool {
    OptionKind::from_word(s).is_some()
}

/// A required part of a statement, in the order it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// `NODE`: a quoted string, or bare words up to the next option keyword.
    Node,
    /// `[TEXT]`: like a node, for `find`; left out when an option comes first
    /// (`find kind cluster`).
    Text,
    /// A keyword written as is (`to`).
    Keyword(OptionKind),
    /// `PATH`: one bare word or a quoted string.
    Path,
    /// `[PATH]`: a path, or nothing (`open` alone goes back to the built-in graph).
    OptionalPath,
    /// `[STATEMENT]`: an optional statement name, for `help`.
    Topic,
    /// One word of a closed set.
    OneOf(&'static Choice),
    /// One word of a closed set, or none (the first is the default).
    Optional(&'static Choice),
    /// The file a statement writes, ending in the extension: written last, after the
    /// options (`draw LE2C depth 2 le2c.svg`).
    Output(&'static str),
    /// A pattern query in the Cypher subset of [`crate::cypher`], as its syntax line writes
    /// it.
    Pattern(&'static str),
}

impl Part {
    /// How the syntax line writes it.
    pub fn syntax(self) -> String {
        match self {
            Part::Node => "NODE".into(),
            Part::Text => "[TEXT]".into(),
            Part::Keyword(k) => k.keyword().into(),
            Part::Path => "PATH".into(),
            Part::OptionalPath => "[PATH]".into(),
            Part::Topic => "[STATEMENT]".into(),
            Part::OneOf(c) => c.shown.into(),
            Part::Optional(c) => format!("[{}]", c.shown),
            Part::Output(ext) => format!("PATH{ext}"),
            Part::Pattern(syntax) => syntax.into(),
        }
    }
}

/// An option as one statement uses it: how its help writes it, and what it does there.
#[derive(Debug)]
pub struct OptionUse {
    pub option: OptionKind,
    /// As the syntax line and the help write it (`depth N`, `depth D`).
    pub shown: &'static str,
    pub help: &'static str,
}

/// The time filter, which every statement that reads edges takes, as help shows it.
pub const TIME_SYNTAX: &str = "in DATE|D1..D2 [strict]";
/// The time filter's row in the help of one statement.
pub const TIME_HELP: (&str, &str) = (
    "in DATE | in D1..D2 [strict]",
    "keep only the edges of that time: a DATE is a year, a month or a day (2016, 2016-11, \
     2016-11-03); an edge passes when its date or period shares a day with the span (a year \
     stands for all its days, so `2016` meets `in 2016-11`); undated edges stay unless \
     `strict` follows",
);
/// The limit's row in the help of one statement.
pub const LIMIT_HELP: (&str, &str) = (
    "limit N",
    "at most N rows; a cut list ends with how many more there are",
);

/// One statement of the language.
#[derive(Debug)]
pub struct StatementSpec {
    pub kind: StatementKind,
    /// Other words for it (`neighbors`).
    pub aliases: &'static [&'static str],
    /// The required parts after the statement word, in order.
    pub parts: &'static [Part],
    /// The options after the parts, in any order, each at most once; listed in help's order.
    pub options: &'static [OptionUse],
    /// Whether it reads edges, and so takes the time filter `in`.
    pub reads_edges: bool,
    /// What it answers, for `help`.
    pub summary: &'static str,
    /// A statement that runs on the seed graph (a test runs every one).
    pub example: &'static str,
    /// What its errors suggest when it is not "`STATEMENT PARTS` takes: OPTIONS".
    pub usage: Option<&'static str>,
}

impl StatementKind {
    /// The statement's definition.
    pub fn spec(self) -> &'static StatementSpec {
        match self {
            StatementKind::Find => &FIND,
            StatementKind::Show => &SHOW,
            StatementKind::Documents => &DOCUMENTS,
            StatementKind::Neighbours => &NEIGHBOURS,
            StatementKind::Path => &PATH,
            StatementKind::Paths => &PATHS,
            StatementKind::Centrality => &CENTRALITY,
            StatementKind::Components => &COMPONENTS,
            StatementKind::Bridges => &BRIDGES,
            StatementKind::Communities => &COMMUNITIES,
            StatementKind::Stats => &STATS,
            StatementKind::Open => &OPEN,
            StatementKind::Save => &SAVE,
            StatementKind::Diff => &DIFF,
            StatementKind::Export => &EXPORT,
            StatementKind::Draw => &DRAW,
            StatementKind::Match => &MATCH,
            StatementKind::Explain => &EXPLAIN,
            StatementKind::Set => &SET,
            StatementKind::Help => &HELP,
        }
    }

    /// Whether it answers with rows, and so takes `limit N` (the generic option, as `in` is
    /// for the statements that read edges). A statement that answers only with a sentence
    /// (`open`, `set`) or whose rows are its own documentation (`help`) is listed here.
    pub fn returns_rows(self) -> bool {
        !matches!(
            self,
            StatementKind::Open
                | StatementKind::Save
                | StatementKind::Export
                | StatementKind::Draw
                | StatementKind::Set
                | StatementKind::Help
        )
    }

    /// How many rows it lists when the statement says no `limit` (all of them if `None`).
    pub fn default_limit(self) -> Option<usize> {
        match self {
            StatementKind::Find => Some(DEFAULT_FIND_LIMIT),
            _ => None,
        }
    }

    /// The statement whose word or alias is `word`, in any case.
    pub fn from_word(word: &str) -> Option<StatementKind> {
        StatementKind::ALL.iter().copied().find(|k| {
            k.keyword().eq_ignore_ascii_case(word)
                || k.spec()
                    .aliases
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(word))
        })
    }
}

/// Every statement word this build knows: each statement followed by its aliases, then the
/// ones not available in this build. For completion, "did you mean" and `help`'s topics.
pub fn statement_words() -> impl Iterator<Item = &'static str> {
    available_words().chain(UNAVAILABLE.iter().copied())
}

/// The statement words this build executes, each followed by its aliases.
pub fn available_words() -> impl Iterator<Item = &'static str> {
    StatementKind::ALL
        .iter()
        .flat_map(|k| std::iter::once(k.keyword()).chain(k.spec().aliases.iter().copied()))
}

impl StatementSpec {
    /// The statement word.
    pub fn name(&self) -> &'static str {
        self.kind.keyword()
    }

    /// The statement word and its required parts: `path NODE to NODE` (an output file,
    /// written after the options, aside).
    pub fn required(&self) -> String {
        std::iter::once(self.name().to_string())
            .chain(
                self.parts
                    .iter()
                    .filter(|p| !matches!(p, Part::Output(_)))
                    .map(|p| p.syntax()),
            )
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The whole syntax line, optional parts in brackets, then the output file if any.
    pub fn syntax(&self) -> String {
        let mut s = self.required();
        for group in self.optional_groups() {
            s.push(' ');
            s.push_str(&group.1);
        }
        for p in self.parts.iter().filter(|p| matches!(p, Part::Output(_))) {
            s.push(' ');
            s.push_str(&p.syntax());
        }
        s
    }

    /// The bracketed optional parts with the keyword each starts with: `(Depth, "[depth N]")`,
    /// then the limit, the time filter last.
    pub fn optional_groups(&self) -> Vec<(OptionKind, String)> {
        let mut groups: Vec<(OptionKind, String)> = self
            .options
            .iter()
            .map(|o| (o.option, format!("[{}]", o.shown)))
            .collect();
        if self.kind.returns_rows() {
            groups.push((OptionKind::Limit, format!("[{}]", LIMIT_HELP.0)));
        }
        if self.reads_edges {
            groups.push((OptionKind::In, format!("[{TIME_SYNTAX}]")));
        }
        groups
    }

    /// The keywords that may follow its first part: the keyword parts (`to`), then the
    /// options, then `in` if it reads edges.
    pub fn option_keywords(&self) -> impl Iterator<Item = OptionKind> + '_ {
        let keyword_parts = self.parts.iter().filter_map(|p| match p {
            Part::Keyword(k) => Some(*k),
            _ => None,
        });
        keyword_parts.chain(self.optional_keywords())
    }

    /// The options that may follow the required parts: its own, `limit` if it returns rows,
    /// `in` last if it reads edges.
    pub fn optional_keywords(&self) -> impl Iterator<Item = OptionKind> + '_ {
        self.options
            .iter()
            .map(|o| o.option)
            .chain(self.kind.returns_rows().then_some(OptionKind::Limit))
            .chain(self.reads_edges.then_some(OptionKind::In))
    }

    /// What its errors suggest it takes.
    pub fn usage(&self) -> String {
        if let Some(u) = self.usage {
            return u.to_string();
        }
        let options: Vec<&str> = self.optional_keywords().map(OptionKind::usage).collect();
        if options.is_empty() {
            format!("`{}` takes no option", self.required())
        } else {
            format!("`{}` takes: {}", self.required(), options.join(", "))
        }
    }
}

// ---- the statements ----

const FIND: StatementSpec = StatementSpec {
    kind: StatementKind::Find,
    aliases: &[],
    parts: &[Part::Text],
    options: &[OptionUse {
        option: OptionKind::Kind,
        shown: "kind K,...",
        help: "only nodes of these kinds; without TEXT, every node of them in id order",
    }],
    reads_edges: false,
    summary: "nodes whose id, name or alias matches TEXT, best first (case and accents ignored), the first 20 unless `limit N` says otherwise; `find kind K` lists every node of a kind",
    example: "find lombardy kind cluster",
    usage: None,
};

const SHOW: StatementSpec = StatementSpec {
    kind: StatementKind::Show,
    aliases: &[],
    parts: &[Part::Node],
    options: &[],
    reads_edges: true,
    summary: "a node's attributes and sources, and every edge with its direction, type, date and the sentence that best supports it (and how many more do); `show DOCUMENT` (a document's key) shows a document and every node and edge that cites it; what cites no document is marked",
    example: "show LE2C",
    usage: None,
};

const DOCUMENTS: StatementSpec = StatementSpec {
    kind: StatementKind::Documents,
    aliases: &[],
    parts: &[],
    options: &[],
    reads_edges: false,
    summary: "the documents the graph cites: key, title, date, publisher, language, and how many nodes and edges cite each (`show KEY` shows one)",
    example: "documents",
    usage: None,
};

const NEIGHBOURS: StatementSpec = StatementSpec {
    kind: StatementKind::Neighbours,
    aliases: &["neighbors"],
    parts: &[Part::Node],
    options: &[
        OptionUse {
            option: OptionKind::Depth,
            shown: "depth N",
            help: "hops (default 1)",
        },
        OptionUse {
            option: OptionKind::Kind,
            shown: "kind K,...",
            help: "list only nodes of these kinds (the walk goes through any kind)",
        },
        OptionUse {
            option: OptionKind::Rel,
            shown: "rel R,...",
            help: "follow only edges of these types",
        },
        OptionUse {
            option: OptionKind::Dir,
            shown: "dir out|in|both",
            help: "follow edges forward, backward or both ways (default both)",
        },
        OptionUse {
            option: OptionKind::Avoid,
            shown: "avoid K,...",
            help: "do not walk through nodes of these kinds (they may still be reached)",
        },
        OptionUse {
            option: OptionKind::Over,
            shown: "over K,...",
            help: "instead, NODE's neighbours in the projection onto these kinds (nodes linked when they share a neighbour), each with its country (if known), how many and which neighbours they share; not with depth, rel, dir or avoid",
        },
        OVER_VIA,
        OptionUse {
            option: OptionKind::Named,
            shown: "named TEXT",
            help: "only the nodes whose id, name or an alias contains TEXT (without regard to case or accents), e.g. `named cluster`",
        },
    ],
    reads_edges: true,
    summary: "the nodes within N hops of NODE, with their distance, and every edge that reaches each of them from the hop before, with the sentence that best supports it (`neighbors` works too)",
    example: "neighbours CEBR depth 2",
    usage: None,
};

/// The options that restrict the walk of `path` and `paths`.
const VIA: OptionUse = OptionUse {
    option: OptionKind::Via,
    shown: "via R,...",
    help: "use only edges of these types",
};
const AVOID: OptionUse = OptionUse {
    option: OptionKind::Avoid,
    shown: "avoid K,...",
    help: "do not pass through nodes of these kinds",
};
const DIRECTED_WALK: OptionUse = OptionUse {
    option: OptionKind::Directed,
    shown: "directed",
    help: "follow edges only in their direction",
};

/// The projection of `centrality`, `communities` and `neighbours`: `over K,... [via R,...]`.
const OVER: OptionUse = OptionUse {
    option: OptionKind::Over,
    shown: "over K,...",
    help: "on the projection onto the nodes of these kinds: two linked when they share a neighbour (organisations that share a project), as NetworkX's bipartite.projected_graph; refused if it would join more than 50 million pairs",
};
const OVER_VIA: OptionUse = OptionUse {
    option: OptionKind::Via,
    shown: "via R,...",
    help: "with over: share a neighbour through edges of these types only (`via partner_in,leads`)",
};

const PATH: StatementSpec = StatementSpec {
    kind: StatementKind::Path,
    aliases: &[],
    parts: &[Part::Node, Part::Keyword(OptionKind::To), Part::Node],
    options: &[VIA, AVOID, DIRECTED_WALK],
    reads_edges: true,
    summary:
        "one shortest path, step by step, with each step's edge type, direction, date and source",
    example: "path LE2C to \"Ecotech Quebec\"",
    usage: None,
};

const PATHS: StatementSpec = StatementSpec {
    kind: StatementKind::Paths,
    aliases: &[],
    parts: &[Part::Node, Part::Keyword(OptionKind::To), Part::Node],
    options: &[
        OptionUse {
            option: OptionKind::Max,
            shown: "max N",
            help: "how many paths (default 5)",
        },
        OptionUse {
            option: OptionKind::Depth,
            shown: "depth D",
            help: "only paths of at most D steps",
        },
        VIA,
        AVOID,
        DIRECTED_WALK,
    ],
    reads_edges: true,
    summary: "up to N shortest simple paths (Yen's algorithm), shortest first, ties by node ids; each step with the sentence that best supports it",
    example: "paths AFIL to Clust-ER Health max 3",
    usage: None,
};

const CENTRALITY: StatementSpec = StatementSpec {
    kind: StatementKind::Centrality,
    aliases: &[],
    parts: &[Part::OneOf(&METRICS)],
    options: &[
        OptionUse {
            option: OptionKind::Top,
            shown: "top N",
            help: "only the N highest scores",
        },
        OptionUse {
            option: OptionKind::Kind,
            shown: "kind K,...",
            help: "list only nodes of these kinds (scores are computed on the whole graph)",
        },
        OptionUse {
            option: OptionKind::Directed,
            shown: "directed",
            help: "on the directed graph, as NetworkX computes the metric on a DiGraph",
        },
        OptionUse {
            option: OptionKind::Sample,
            shown: "sample K",
            help: "betweenness only: estimated from K sampled sources (NetworkX's `k`)",
        },
        OptionUse {
            option: OptionKind::Seed,
            shown: "seed S",
            help: "with sample: the seed that draws the sources (default 0)",
        },
        OVER,
        OVER_VIA,
    ],
    reads_edges: true,
    summary: "every node's score (or the top N), highest first, ties by id: degree, betweenness, closeness, harmonic, pagerank, eigenvector, katz, kcore, clustering, constraint or effective_size, each equal to NetworkX's function of that name with its defaults, on the undirected simple view (degree counts distinct neighbours; brokers have high betweenness and effective_size, low constraint; an undefined score, such as an isolated node's constraint, prints NaN and sorts last)",
    example: "centrality betweenness top 10",
    usage: None,
};

const COMPONENTS: StatementSpec = StatementSpec {
    kind: StatementKind::Components,
    aliases: &[],
    parts: &[],
    options: &[],
    reads_edges: true,
    summary: "connected components of the undirected view, largest first, with their sizes",
    example: "components",
    usage: None,
};

const BRIDGES: StatementSpec = StatementSpec {
    kind: StatementKind::Bridges,
    aliases: &[],
    parts: &[],
    options: &[],
    reads_edges: true,
    summary: "the edges whose removal disconnects the undirected view (bridges), then the nodes whose removal does (articulation points)",
    example: "bridges in 2016",
    usage: None,
};

const COMMUNITIES: StatementSpec = StatementSpec {
    kind: StatementKind::Communities,
    aliases: &[],
    parts: &[Part::Optional(&COMMUNITY_METHODS)],
    options: &[
        OptionUse {
            option: OptionKind::Seed,
            shown: "seed S",
            help: "louvain: the seed of its random node order (default 0)",
        },
        OptionUse {
            option: OptionKind::Resolution,
            shown: "resolution R",
            help: "louvain: above 1 favours smaller communities, below 1 larger (default 1)",
        },
        OVER,
        OVER_VIA,
    ],
    reads_edges: true,
    summary: "communities of the undirected view by Louvain (the default) or label propagation: each community's size and members, largest first, and the partition's modularity",
    example: "communities louvain seed 1",
    usage: None,
};

const STATS: StatementSpec = StatementSpec {
    kind: StatementKind::Stats,
    aliases: &[],
    parts: &[],
    options: &[],
    reads_edges: true,
    summary: "node and edge counts by kind and type, density, components, diameter of the largest component",
    example: "stats in 2016",
    usage: None,
};

const OPEN: StatementSpec = StatementSpec {
    kind: StatementKind::Open,
    aliases: &[],
    parts: &[Part::OptionalPath],
    options: &[OptionUse {
        option: OptionKind::Add,
        shown: "add",
        help: "add the graph to the one in use, joining the nodes that denote one thing",
    }],
    reads_edges: false,
    summary: "replaces the graph in use by the one at PATH: a graph source (.toml), a folder of them, an edge list (.txt .tsv .edges .el), GraphML (.graphml), node-link JSON (.json), each optionally .gz, Neo4j import CSV (a folder with nodes.csv and edges.csv, or one of the pair), a snapshot (.cgs) or a keep.eu export (.xlsx .csv); with `add`, joins it to the graph in use; `open` alone goes back to the built-in seed graph; `stats` names the graph in use",
    example: "open graphs/seeds",
    usage: Some("write `open PATH`, quoted if it contains spaces, or `open` alone for the built-in graph"),
};

const SAVE: StatementSpec = StatementSpec {
    kind: StatementKind::Save,
    aliases: &[],
    parts: &[Part::Path],
    options: &[],
    reads_edges: false,
    summary: "writes a snapshot of the graph in use to PATH (ending in .cgs), replacing the file there whole or not at all; `open PATH` or `--graph PATH` loads it",
    example: "save seeds.cgs",
    usage: Some("write `save PATH.cgs`, quoted if it contains spaces"),
};

const DIFF: StatementSpec = StatementSpec {
    kind: StatementKind::Diff,
    aliases: &[],
    parts: &[Part::Path, Part::OptionalPath],
    options: &[],
    reads_edges: false,
    summary: "what changed from the graph at PATH to the second PATH (or to the graph in use): documents, nodes and edges added, removed and changed, by id; any graph `open` takes, snapshots above all",
    example: "diff seeds.cgs",
    usage: Some("write `diff A.cgs B.cgs`, or `diff A.cgs` to compare with the graph in use"),
};

const EXPORT: StatementSpec = StatementSpec {
    kind: StatementKind::Export,
    aliases: &[],
    parts: &[Part::OneOf(&EXPORT_FORMATS), Part::Path],
    options: &[
        OptionUse {
            option: OptionKind::Around,
            shown: "around NODE",
            help: "only the neighbourhood of NODE",
        },
        OptionUse {
            option: OptionKind::Depth,
            shown: "depth N",
            help: "with around: hops from NODE (default 1)",
        },
    ],
    reads_edges: false,
    summary: "writes the graph, or the neighbourhood of a node, to PATH, keeping kinds, names, aliases, attributes, edge types, dates and provenance: GraphML, GEXF (Gephi), NetworkX's node-link JSON, DOT, a folder of Neo4j import CSV (nodes.csv, edges.csv, documents.csv), or `html`, one self-contained page to explore it in a browser (search, a panel with each node's edges and sources, filters by kind and year); `open` reads GraphML, JSON and CSV back",
    example: "export graphml le2c.graphml around LE2C depth 2",
    usage: Some("write `export graphml|gexf|json|dot|csv|html PATH [around NODE [depth N]]`, the path quoted if it contains spaces"),
};

const DRAW: StatementSpec = StatementSpec {
    kind: StatementKind::Draw,
    aliases: &[],
    parts: &[Part::Node, Part::Output(".svg")],
    options: &[
        OptionUse {
            option: OptionKind::Depth,
            shown: "depth N",
            help: "hops from NODE (default 1)",
        },
        OptionUse {
            option: OptionKind::Kind,
            shown: "kind K,...",
            help: "draw only nodes of these kinds (and NODE)",
        },
        OptionUse {
            option: OptionKind::Rel,
            shown: "rel R,...",
            help: "follow and draw only edges of these types",
        },
        OptionUse {
            option: OptionKind::Size,
            shown: "size METRIC",
            help: "node sizes by a centrality metric on the whole graph",
        },
    ],
    reads_edges: true,
    summary: "draws the neighbourhood of NODE as a standalone SVG file (coloured by kind, with a legend, edges labelled by type); `draw path NODE to NODE PATH.svg` draws a shortest path, left to right",
    example: "draw LE2C depth 2 le2c.svg",
    usage: Some("write `draw NODE [depth N] [kind K,...] [rel R,...] [size METRIC] [in Y1..Y2] PATH.svg` or `draw path NODE to NODE PATH.svg`"),
};

/// What follows `MATCH` in a pattern query, as help writes it.
const PATTERN_SYNTAX: &str = "(a:Kind {name: \"X\"})-[r:rel|rel2*1..3]->(b), ... [WHERE COND] [OPTIONAL MATCH ...] [WITH ITEMS [WHERE COND]] RETURN [DISTINCT] ITEMS [ORDER BY KEY [DESC], ...] [SKIP N]";

const MATCH: StatementSpec = StatementSpec {
    kind: StatementKind::Match,
    aliases: &["optional"],
    parts: &[Part::Pattern(PATTERN_SYNTAX)],
    options: &[],
    reads_edges: true,
    summary: "a pattern query in the read-only Cypher of Neo4j: labels are kinds (`:Cluster`), relationship types are relations (`:partner_in`), both in any case; `<-`, `->` or `-` either way; `*1..3` for 1 to 3 relationships (a bound is required); WHERE with = <> < <= > >= IS [NOT] NULL AND OR XOR NOT IN [...] STARTS WITH ENDS WITH CONTAINS on `v.id`, `v.name`, `v.kind`, attributes and `r.date`; RETURN with AS, DISTINCT, count(*), count(DISTINCT x), collect, min, max, sum, avg (grouped by the other items), ORDER BY, SKIP, LIMIT; WITH for a step between; functions type(r), labels(v), id(v), size, toLower, toUpper, coalesce. No relationship is matched twice in one MATCH; a node returned is a node, a relationship its ends, type, date and sources. A clause that passes the row limit stops (`set rows N`, default 5000000); write a long query on several lines with `\\` at their ends",
    example: "MATCH (c:Cluster)-[:member_of]->(n:Network) RETURN n.name AS network, count(*) AS clusters ORDER BY clusters DESC LIMIT 5",
    usage: Some("write `MATCH (a:Kind)-[:rel]->(b) WHERE a.name = \"X\" RETURN b.name`; see `help match`"),
};

const EXPLAIN: StatementSpec = StatementSpec {
    kind: StatementKind::Explain,
    aliases: &[],
    parts: &[Part::Pattern("MATCH ...")],
    options: &[],
    reads_edges: true,
    summary: "the plan of a pattern query on the graph in use, without running it: where each pattern starts (a name or an id, a kind, the rarer end of a relationship type, or every node) with its estimate of rows, each expansion, and where each condition is applied",
    example: "explain MATCH (o:Organisation)-[:partner_in]->(p:Project) WHERE o.name STARTS WITH \"A\" RETURN p.name",
    usage: Some("write `explain` then a pattern query: `explain MATCH (a)-[:leads]->(b) RETURN a, b`"),
};

const SET: StatementSpec = StatementSpec {
    kind: StatementKind::Set,
    aliases: &[],
    parts: &[Part::OneOf(&SETTINGS), Part::OneOf(&FORMATS)],
    options: &[],
    reads_edges: false,
    summary: "how results are printed from now on; `set rows N` sets the row limit of pattern queries (`match`), the most rows one of their clauses may hold (default 5000000)",
    example: "set format table",
    usage: Some("write `set format table|json|csv`, or `set rows N` for the row limit of pattern queries"),
};

const HELP: StatementSpec = StatementSpec {
    kind: StatementKind::Help,
    aliases: &[],
    parts: &[Part::Topic],
    options: &[],
    reads_edges: false,
    summary: "the statements, or one statement with its options and an example",
    example: "help path",
    usage: Some("write `help` or `help STATEMENT`"),
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Every statement is complete: its spec is its own, its example parses to it, `help`
    /// lists it and explains it, and completion offers it. A statement added to the enum
    /// without these fails here (the compiler already asks for its spec, AST variant,
    /// builder and executor).
    #[test]
    fn every_statement_has_help_an_example_a_parser_and_completion() {
        let listing = crate::help::table(None);
        let completed: Vec<String> = crate::complete::Completer::default()
            .complete("", 0)
            .1
            .into_iter()
            .map(|c| c.replacement)
            .collect();
        for &kind in StatementKind::ALL {
            let spec = kind.spec();
            let name = kind.keyword();
            assert_eq!(spec.kind, kind, "{name}: the spec of another statement");
            assert!(!spec.summary.is_empty(), "{name}: no summary");
            let q = crate::parse(spec.example)
                .unwrap_or_else(|e| panic!("{name}: example `{}`: {e}", spec.example));
            assert_eq!(q.len(), 1, "{name}: one example statement");
            assert_eq!(
                q[0].statement.kind(),
                kind,
                "{name}: its example parses to it"
            );
            assert!(
                listing
                    .rows()
                    .iter()
                    .any(|r| r[0] == crate::Cell::text(name)),
                "{name}: not in help"
            );
            let one = crate::help::table(Some(name));
            assert!(
                one.rows().len() >= 3,
                "{name}: help without syntax or example"
            );
            assert!(completed.iter().any(|c| c == name), "{name}: not completed");
            for word in std::iter::once(name).chain(spec.aliases.iter().copied()) {
                assert_eq!(StatementKind::from_word(&word.to_uppercase()), Some(kind));
            }
            for o in spec.options {
                assert!(
                    o.shown.starts_with(o.option.keyword()),
                    "{name}: {}",
                    o.shown
                );
                assert!(!o.help.is_empty());
            }
        }
        for word in UNAVAILABLE {
            assert_eq!(StatementKind::from_word(word), None, "{word} is both");
        }
    }

    #[test]
    fn syntax_lines() {
        let lines: Vec<String> = StatementKind::ALL
            .iter()
            .map(|k| k.spec().syntax())
            .collect();
        assert_eq!(
            lines,
            [
                "find [TEXT] [kind K,...] [limit N]",
                "show NODE [limit N] [in DATE|D1..D2 [strict]]",
                "documents [limit N]",
                "neighbours NODE [depth N] [kind K,...] [rel R,...] [dir out|in|both] [avoid K,...] [over K,...] [via R,...] [named TEXT] [limit N] [in DATE|D1..D2 [strict]]",
                "path NODE to NODE [via R,...] [avoid K,...] [directed] [limit N] [in DATE|D1..D2 [strict]]",
                "paths NODE to NODE [max N] [depth D] [via R,...] [avoid K,...] [directed] [limit N] [in DATE|D1..D2 [strict]]",
                "centrality METRIC [top N] [kind K,...] [directed] [sample K] [seed S] [over K,...] [via R,...] [limit N] [in DATE|D1..D2 [strict]]",
                "components [limit N] [in DATE|D1..D2 [strict]]",
                "bridges [limit N] [in DATE|D1..D2 [strict]]",
                "communities [louvain|labelprop] [seed S] [resolution R] [over K,...] [via R,...] [limit N] [in DATE|D1..D2 [strict]]",
                "stats [limit N] [in DATE|D1..D2 [strict]]",
                "open [PATH] [add]",
                "save PATH",
                "diff PATH [PATH] [limit N]",
                "export graphml|gexf|json|dot|csv|html PATH [around NODE] [depth N]",
                "draw NODE [depth N] [kind K,...] [rel R,...] [size METRIC] [in DATE|D1..D2 [strict]] PATH.svg",
                "match (a:Kind {name: \"X\"})-[r:rel|rel2*1..3]->(b), ... [WHERE COND] [OPTIONAL MATCH ...] [WITH ITEMS [WHERE COND]] RETURN [DISTINCT] ITEMS [ORDER BY KEY [DESC], ...] [SKIP N] [limit N] [in DATE|D1..D2 [strict]]",
                "explain MATCH ... [limit N] [in DATE|D1..D2 [strict]]",
                "set format table|json|csv",
                "help [STATEMENT]",
            ]
        );
    }

    #[test]
    fn keywords_are_case_insensitive() {
        assert!(is_keyword("IN") && is_keyword("Depth") && is_keyword("directed"));
        assert!(!is_keyword("show") && !is_keyword("input") && !is_keyword(""));
        assert_eq!(DIRECTIONS.find("OUT"), Some("out"));
        assert_eq!(DIRECTIONS.listed(), "`out`, `in` or `both`");
        for c in [
            &DIRECTIONS,
            &SETTINGS,
            &FORMATS,
            &METRICS,
            &COMMUNITY_METHODS,
        ] {
            assert!(
                c.shown == c.values.join("|") || c.shown.chars().all(|x| x.is_ascii_uppercase())
            );
        }
    }
}
