//! The two passes of loading an export: every row checked into a record (all problems kept),
//! then, only if none was found, the graph.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::parse::{self, CellError};
use super::resolve::{resolve, Review};
use super::table::{Row, Sheet};
use super::{file_key, RowProblem, CALL_COLUMNS, PARTNER_COLUMNS, PROJECT_COLUMNS};
use crate::graph::names::fold;
use crate::graph::KnowledgeGraph;
use crate::model::{
    Attrs, Date, Document, Edge, Node, NodeKind, Period, Provenance, Rel, RowRef, SharedText, Value,
};
use petgraph::graph::NodeIndex;

/// How many row problems are listed before the rest are only counted.
const MAX_REPORTED: usize = 100;

/// One row of the partners sheet: one participation of an organisation in a project.
#[derive(Debug)]
pub struct Partner {
    pub row: u32,
    pub programme: String,
    pub acronym: String,
    pub name: String,
    pub lead: bool,
    pub street: String,
    pub postcode: String,
    pub town: String,
    pub country: String,
    pub country_code: Option<String>,
    pub website: String,
    pub department: String,
    pub legal: Option<String>,
    /// NUTS 1, 2 and 3: code and name.
    pub nuts: [Option<(String, String)>; 3],
}

/// One row of the projects sheet.
#[derive(Debug)]
pub struct Project {
    row: u32,
    programme: String,
    acronym: String,
    names: Vec<String>,
    lead: String,
    budget: Option<f64>,
    eu_funding: Option<f64>,
    themes: Vec<String>,
    start: Date,
    end: Date,
    /// From start to end; `None` where the export's end precedes its start (two projects
    /// end the day before they start: they keep both dates, and their edges no period).
    period: Option<Period>,
}

/// One row of the calls sheet.
#[derive(Debug)]
struct Call {
    programme: String,
}

/// The checked rows of an export.
#[derive(Debug)]
pub struct Records {
    partners_sheet: Option<SharedText>,
    projects_sheet: Option<SharedText>,
    pub partners: Vec<Partner>,
    projects: Vec<Project>,
    calls: Vec<Call>,
}

/// Collects row problems: the first [`MAX_REPORTED`], then a count.
#[derive(Default)]
struct Problems {
    list: Vec<RowProblem>,
    more: usize,
}

impl Problems {
    fn add(&mut self, sheet: &Sheet, row: &Row, column: &str, error: CellError) {
        if self.list.len() < MAX_REPORTED {
            self.list.push(RowProblem {
                sheet: sheet.name.as_deref().map(str::to_string),
                row: row.number,
                column: column.to_string(),
                error,
            });
        } else {
            self.more += 1;
        }
    }

    /// The cell parsed by `f`, or `None` with the problem recorded.
    fn cell<T>(
        &mut self,
        sheet: &Sheet,
        row: &Row,
        (col, name): (usize, &str),
        f: impl FnOnce(&str) -> Result<T, CellError>,
    ) -> Option<T> {
        match f(row.get(col)) {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(sheet, row, name, e);
                None
            }
        }
    }

    /// A cell that must not be empty.
    fn required(&mut self, sheet: &Sheet, row: &Row, (col, name): (usize, &str)) -> String {
        let v = row.get(col);
        if v.is_empty() {
            self.add(sheet, row, name, CellError::Empty);
        }
        v.to_string()
    }
}

fn optional<T>(
    f: impl Fn(&str) -> Result<T, CellError>,
) -> impl Fn(&str) -> Result<Option<T>, CellError> {
    move |s| {
        if s.is_empty() {
            Ok(None)
        } else {
            f(s).map(Some)
        }
    }
}

impl Records {
    /// Checks every row of the sheets; every problem, or the records.
    pub fn read(
        partners: &Sheet,
        projects: Option<&Sheet>,
        calls: Option<&Sheet>,
    ) -> Result<Records, (Vec<RowProblem>, usize)> {
        let mut p = Problems::default();
        let cols = partners
            .columns(PARTNER_COLUMNS)
            .expect("the sheet was chosen by its header");
        let c = |i: usize| (cols[i], PARTNER_COLUMNS[i]);
        let mut out = Vec::with_capacity(partners.rows.len());
        for row in &partners.rows {
            let programme = p.required(partners, row, c(0));
            let acronym = p.required(partners, row, c(1));
            let name = p.required(partners, row, c(2));
            let lead = p.cell(partners, row, c(3), parse::yes_no).unwrap_or(false);
            let cc = p
                .cell(partners, row, c(11), optional(parse::country))
                .flatten();
            let mut nuts: [Option<(String, String)>; 3] = [None, None, None];
            for (level, slot) in nuts.iter_mut().enumerate() {
                *slot = p
                    .cell(partners, row, c(12 + level), optional(parse::nuts))
                    .flatten();
            }
            let mut country = row.get(cols[7]).to_string();
            if country.is_empty() {
                country = cc.as_ref().map(|(_, n)| n.clone()).unwrap_or_default();
            }
            out.push(Partner {
                row: row.number,
                programme,
                acronym,
                name,
                lead,
                street: row.get(cols[4]).into(),
                postcode: row.get(cols[5]).into(),
                town: row.get(cols[6]).into(),
                country,
                country_code: cc.and_then(|(code, _)| code),
                website: row.get(cols[8]).into(),
                department: row.get(cols[9]).into(),
                legal: parse::legal_status(row.get(cols[10])),
                nuts,
            });
        }
        let mut projects_out = Vec::new();
        if let Some(sheet) = projects {
            let cols = sheet
                .columns(PROJECT_COLUMNS)
                .expect("the sheet was chosen by its header");
            let c = |i: usize| (cols[i], PROJECT_COLUMNS[i]);
            for row in &sheet.rows {
                let programme = p.required(sheet, row, c(0));
                let acronym = p.required(sheet, row, c(1));
                let budget = p.cell(sheet, row, c(6), optional(parse::amount)).flatten();
                let eu_funding = p.cell(sheet, row, c(7), optional(parse::amount)).flatten();
                let start = p.cell(sheet, row, c(11), parse::date);
                let end = p.cell(sheet, row, c(12), parse::date);
                let (Some(start), Some(end)) = (start, end) else {
                    continue;
                };
                let period = ((end.year, end.month, end.day)
                    >= (start.year, start.month, start.day))
                    .then_some(Period { start, end });
                projects_out.push(Project {
                    row: row.number,
                    programme,
                    acronym,
                    names: (2..5)
                        .map(|i| row.get(cols[i]).to_string())
                        .filter(|s| !s.is_empty())
                        .collect(),
                    lead: row.get(cols[5]).to_string(),
                    budget,
                    eu_funding,
                    themes: (8..11)
                        .map(|i| row.get(cols[i]).to_string())
                        .filter(|s| !s.is_empty())
                        .collect(),
                    start,
                    end,
                    period,
                });
            }
        }
        let mut calls_out = Vec::new();
        if let Some(sheet) = calls {
            let cols = sheet
                .columns(CALL_COLUMNS)
                .expect("the sheet was chosen by its header");
            let c = |i: usize| (cols[i], CALL_COLUMNS[i]);
            for row in &sheet.rows {
                let programme = p.required(sheet, row, c(0));
                p.cell(sheet, row, c(2), optional(parse::date));
                p.cell(sheet, row, c(3), optional(parse::date));
                p.cell(sheet, row, c(4), optional(parse::amount));
                calls_out.push(Call { programme });
            }
        }
        if !p.list.is_empty() {
            return Err((p.list, p.more));
        }
        Ok(Records {
            partners_sheet: partners.name.clone(),
            projects_sheet: projects.and_then(|s| s.name.clone()),
            partners: out,
            projects: projects_out,
            calls: calls_out,
        })
    }
}

/// `Column: value; Column: value`, the cells a fact rests on, empty ones left out.
fn quote(cells: &[(&str, &str)]) -> String {
    cells
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A slug of `s` for ids: folded, spaces as `-`, at most 60 bytes.
fn slug(s: &str) -> String {
    let f = fold(s).replace(' ', "-");
    let mut end = f.len().min(60);
    while !f.is_char_boundary(end) {
        end -= 1;
    }
    let out = f[..end].trim_end_matches('-').to_string();
    if out.is_empty() {
        "x".into()
    } else {
        out
    }
}

/// Builds nodes once per key, with fresh ids, and edges once per (from, to, rel).
struct Builder {
    g: KnowledgeGraph,
    ids: HashSet<String>,
    nodes: HashMap<(NodeKind, String), NodeIndex>,
    edges: HashSet<(NodeIndex, NodeIndex, Rel)>,
}

impl Builder {
    fn fresh_id(&mut self, prefix: &str, text: &str) -> String {
        let base = format!("{prefix}.{}", slug(text));
        let mut id = base.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        id
    }

    /// The node of `key`, made the first time with an id from `prefix` and `name`, the
    /// aliases and attributes `extra` gives, and the provenance `prov`.
    fn node(
        &mut self,
        kind: NodeKind,
        key: String,
        (prefix, name): (&str, &str),
        id_text: Option<&str>,
        extra: impl FnOnce() -> (Vec<String>, Attrs),
        prov: impl FnOnce() -> Provenance,
    ) -> NodeIndex {
        if let Some(&ix) = self.nodes.get(&(kind, key.clone())) {
            return ix;
        }
        let id = self.fresh_id(prefix, id_text.unwrap_or(name));
        let (aliases, attrs) = extra();
        let ix = self
            .g
            .add_node(Node {
                id: SharedText::from(id),
                kind,
                name: SharedText::from(name),
                aliases,
                attrs,
                provenance: vec![prov()],
            })
            .unwrap_or_else(|ix| ix);
        self.nodes.insert((kind, key), ix);
        ix
    }

    fn edge_once(&mut self, a: NodeIndex, b: NodeIndex, rel: Rel, prov: Provenance) {
        if self.edges.insert((a, b, rel)) {
            self.g
                .add_edge(a, b, Edge::new(rel, None, Attrs::new(), vec![prov]));
        }
    }
}

fn rel(name: &str) -> Rel {
    Rel::parse(name).expect("the relation is in the catalogue")
}

/// The graph of checked records.
pub fn graph(path: &Path, r: &Records, review: &Review) -> KnowledgeGraph {
    let key = file_key(path);
    let mut g =
        KnowledgeGraph::with_capacity(r.partners.len() + r.projects.len(), r.partners.len() * 3);
    let doc = g.add_document(Document {
        key: key.clone(),
        title: format!("keep.eu export {key}"),
        language: "en".into(),
        file: Some(path.display().to_string()),
        date: None,
        publisher: Some("keep.eu (Interact)".into()),
        url: Some("https://keep.eu/".into()),
    });
    let mut b = Builder {
        g,
        ids: HashSet::new(),
        nodes: HashMap::new(),
        edges: HashSet::new(),
    };
    let at = |sheet: &Option<SharedText>, row: u32| RowRef {
        sheet: sheet.clone(),
        row,
    };
    let (part_of, funded_by, located_in) = (rel("part_of"), rel("funded_by"), rel("located_in"));

    let none = || (Vec::new(), Attrs::new());

    // Programmes and projects, from the projects sheet when there is one.
    let mut projects: HashMap<(String, String), (NodeIndex, Option<Period>)> = HashMap::new();
    let mut calls: HashMap<&str, i64> = HashMap::new();
    for c in &r.calls {
        *calls.entry(c.programme.as_str()).or_default() += 1;
    }
    let programme_attrs = |name: &str| {
        let mut a = Attrs::new();
        if let Some(&n) = calls.get(name) {
            a.insert("calls".into(), Value::Int(n));
        }
        (Vec::new(), a)
    };
    for p in &r.projects {
        let sheet = &r.projects_sheet;
        let prov = || Provenance::row(doc, at(sheet, p.row), quote(&[("Programme", &p.programme)]));
        let prog = b.node(
            NodeKind::Programme,
            p.programme.clone(),
            ("programme", &p.programme),
            None,
            || programme_attrs(&p.programme),
            prov,
        );
        let pair = (p.programme.clone(), p.acronym.clone());
        let q = quote(&[
            ("Programme", &p.programme),
            ("Acronym", &p.acronym),
            ("Lead Partner", &p.lead),
            ("Project start", &p.start.to_string()),
            ("Project end", &p.end.to_string()),
        ]);
        let prov = Provenance::row(doc, at(sheet, p.row), q);
        // A repeated (programme, acronym) pair is one project with a second lead partner
        // (docs/real-data.md): its rows agree on every other column.
        if let Some(&(ix, _)) = projects.get(&pair) {
            b.g.node_detail_mut(ix).1.push(prov);
            continue;
        }
        let extra = || {
            let mut aliases: Vec<String> = Vec::new();
            for n in &p.names {
                if *n != p.acronym && !aliases.contains(n) {
                    aliases.push(n.clone());
                }
            }
            let mut a = Attrs::new();
            a.insert("programme".into(), Value::Str(p.programme.clone()));
            a.insert("start".into(), Value::Str(p.start.to_string()));
            a.insert("end".into(), Value::Str(p.end.to_string()));
            if let Some(x) = p.budget {
                a.insert("budget".into(), Value::Float(x));
            }
            if let Some(x) = p.eu_funding {
                a.insert("eu_funding".into(), Value::Float(x));
            }
            if !p.themes.is_empty() {
                a.insert("themes".into(), Value::Str(p.themes.join("; ")));
            }
            (aliases, a)
        };
        let key = format!("{}\u{1f}{}", p.programme, p.acronym);
        let ix = b.node(
            NodeKind::Project,
            key,
            ("project", &p.acronym),
            None,
            extra,
            || prov.clone(),
        );
        b.edges.insert((ix, prog, funded_by));
        b.g.add_edge(
            ix,
            prog,
            Edge::new(funded_by, p.period, Attrs::new(), vec![prov]),
        );
        projects.insert(pair, (ix, p.period));
    }

    // Places, the projects only the partners sheet names, organisations and participations.
    let sheet = &r.partners_sheet;
    let resolution = resolve(&r.partners, review);
    let mut org_nodes: Vec<Option<NodeIndex>> = vec![None; resolution.orgs.len()];
    for (i, p) in r.partners.iter().enumerate() {
        let here = || at(sheet, p.row);
        let country = (!p.country.is_empty()).then(|| {
            let q = quote(&[
                ("Country", &p.country),
                ("Country code", p.country_code.as_deref().unwrap_or("")),
            ]);
            let extra = || (p.country_code.iter().cloned().collect(), Attrs::new());
            b.node(
                NodeKind::Country,
                fold(&p.country),
                ("country", &p.country),
                None,
                extra,
                || Provenance::row(doc, here(), q),
            )
        });
        // NUTS 1 → country, NUTS 2 → NUTS 1, NUTS 3 → NUTS 2.
        let mut smallest = country;
        for (level, cell) in p.nuts.iter().enumerate() {
            let Some((code, name)) = cell else { continue };
            let written = format!("{code}  / {name}");
            let q = quote(&[(PARTNER_COLUMNS[12 + level], &written)]);
            let extra = || {
                let mut a = Attrs::new();
                a.insert("nuts_code".into(), Value::Str(code.clone()));
                a.insert("nuts_level".into(), Value::Int(level as i64 + 1));
                (vec![code.clone()], a)
            };
            let ix = b.node(
                NodeKind::Region,
                code.clone(),
                ("nuts", name),
                Some(code),
                extra,
                || Provenance::row(doc, here(), q.clone()),
            );
            if let Some(up) = smallest {
                b.edge_once(ix, up, part_of, Provenance::row(doc, here(), q));
            }
            smallest = Some(ix);
        }
        let city = (!p.town.is_empty()).then(|| {
            let q = quote(&[("Town", &p.town), ("Country", &p.country)]);
            let key = format!("{}\u{1f}{}", fold(&p.country), fold(&p.town));
            let ix = b.node(NodeKind::City, key, ("city", &p.town), None, none, || {
                Provenance::row(doc, here(), q.clone())
            });
            if let Some(up) = smallest {
                b.edge_once(ix, up, part_of, Provenance::row(doc, here(), q));
            }
            ix
        });
        let prov = || Provenance::row(doc, here(), quote(&[("Programme", &p.programme)]));
        let prog = b.node(
            NodeKind::Programme,
            p.programme.clone(),
            ("programme", &p.programme),
            None,
            || programme_attrs(&p.programme),
            prov,
        );
        let pair = (p.programme.clone(), p.acronym.clone());
        let (project, period) = match projects.get(&pair) {
            Some(&v) => v,
            None => {
                let q = quote(&[("Programme", &p.programme), ("Acronym", &p.acronym)]);
                let key = format!("{}\u{1f}{}", p.programme, p.acronym);
                let ix = b.node(
                    NodeKind::Project,
                    key,
                    ("project", &p.acronym),
                    None,
                    none,
                    || Provenance::row(doc, here(), q.clone()),
                );
                b.edge_once(ix, prog, funded_by, Provenance::row(doc, here(), q));
                projects.insert(pair, (ix, None));
                (ix, None)
            }
        };
        let o = resolution.org_of[i];
        let org = match org_nodes[o] {
            Some(ix) => ix,
            None => {
                let id = b.fresh_id("org", &resolution.orgs[o].name);
                let ix = resolution.add_org(&mut b.g, doc, sheet, &r.partners, o, id);
                org_nodes[o] = Some(ix);
                ix
            }
        };
        let q = quote(&[
            ("Project Partner", &p.name),
            ("Town", &p.town),
            ("Country", &p.country),
        ]);
        if let Some(place) = city.or(smallest) {
            b.edge_once(org, place, located_in, Provenance::row(doc, here(), q));
        }
        // Every participation is one edge: a lead partner `leads` the project, any other
        // partner is `partner_in` it.
        let q = quote(&[
            ("Acronym", &p.acronym),
            ("Project Partner", &p.name),
            ("Lead Partner", if p.lead { "Yes" } else { "No" }),
        ]);
        let mut attrs = Attrs::new();
        if !p.department.is_empty() {
            attrs.insert("department".into(), Value::Str(p.department.clone()));
        }
        let r = if p.lead {
            rel("leads")
        } else {
            rel("partner_in")
        };
        b.g.add_edge(
            org,
            project,
            Edge::new(r, period, attrs, vec![Provenance::row(doc, here(), q)]),
        );
    }
    b.g
}
