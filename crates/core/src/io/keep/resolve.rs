//! Which partner rows name one organisation. keep.eu writes an organisation under several
//! spellings, cases and languages; the rows are merged conservatively, and every merge keeps
//! its evidence:
//!
//! 1. rows with the same name (case, accents and punctuation aside), country and town are one
//!    organisation (a *unit*);
//! 2. two units of the same country are merged only with evidence:
//!    - the same name in towns of the same NUTS 3 region, or with the same postcode;
//!    - in the same town: the same website of their own (not a
//!      programme's, which many organisations share), or an acronym written in capitals in
//!      both names and rare in the export, with no postcode against it, or near-identical
//!      names (at most one edit in ten, and no number that differs);
//! 3. an analyst's review file confirms (`same_as`) or forbids (`not_same_as`) merges.
//!
//! Names alike without such evidence are not merged, and are listed as doubts: two
//! universities of one town stay apart.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use petgraph::graph::NodeIndex;
use serde::Deserialize;
use strsim::{jaro_winkler, normalized_levenshtein};

use super::build::Partner;
use crate::graph::names::fold;
use crate::graph::KnowledgeGraph;
use crate::model::{Attrs, DocId, Node, NodeKind, Provenance, RowRef, SharedText, Value};

/// An organisation: its partner rows, the name it is shown by, and why its spellings merged.
#[derive(Debug)]
pub struct Org {
    /// The most frequent spelling (the first seen among equals).
    pub name: String,
    /// Indices of its partner rows.
    pub members: Vec<usize>,
    /// One line per merge: the two names and the evidence.
    pub evidence: Vec<String>,
}

/// Two names that were not merged although alike, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doubt {
    pub a: String,
    pub b: String,
    pub why: String,
}

/// The organisations of an export's partner rows.
#[derive(Debug)]
pub struct Resolution {
    pub orgs: Vec<Org>,
    /// The organisation of each partner row.
    pub org_of: Vec<usize>,
    /// Distinct names as written.
    pub names: usize,
    pub doubts: Vec<Doubt>,
    /// The doubts about each name, by index into `doubts`.
    doubts_of: HashMap<String, Vec<usize>>,
}

/// The analyst's decisions: names (as the export writes them) that denote one organisation,
/// and pairs that must stay apart.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    #[serde(default)]
    pub same_as: Vec<Pair>,
    #[serde(default)]
    pub not_same_as: Vec<Pair>,
}

/// A decision on some names, with the analyst's reason.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    pub names: Vec<String>,
    #[serde(default)]
    pub why: Option<String>,
}

impl Review {
    /// The review file beside an export (`FILE.review.toml`), or no decisions if there is none.
    pub fn beside(export: &Path) -> Result<Review, String> {
        let path = super::review_path(export);
        if !path.exists() {
            return Ok(Review::default());
        }
        let text = crate::io::read_text(&path, 16 << 20)
            .map_err(|e| format!("cannot read the review file {}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| format!("the review file {}: {e}", path.display()))
    }
}

/// Words too common to be an acronym's evidence.
const NOT_ACRONYMS: &[&str] = &[
    "THE", "AND", "FOR", "OF", "LTD", "GMBH", "SRL", "SPA", "ASBL",
];

/// A unit: rows with one folded name, country and town.
struct Unit {
    name: String,
    folded: String,
    country: String,
    town: String,
    /// The town as first written.
    town_written: String,
    nuts3: Option<String>,
    postcodes: HashSet<String>,
    websites: HashSet<String>,
    /// The name's tokens written in capitals.
    capitals: HashSet<String>,
    /// Its spellings as written, in the order first seen.
    spellings: Vec<String>,
    rows: Vec<usize>,
}

/// A website as compared: lowercase, without scheme, `www.` and trailing slashes.
fn site(w: &str) -> String {
    let w = w.trim().to_lowercase();
    let w = w
        .trim_start_matches("http://")
        .trim_start_matches("https://");
    w.trim_start_matches("www.")
        .trim_end_matches('/')
        .to_string()
}

/// The tokens of `name` written in capitals (3 to 8 characters, at least 3 letters).
fn capital_tokens(name: &str) -> HashSet<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|t| (3..=8).contains(&t.chars().count()))
        .filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .filter(|t| t.chars().all(|c| !c.is_lowercase()))
        .filter(|t| !NOT_ACRONYMS.contains(t))
        .map(str::to_string)
        .collect()
}

fn numbers(folded: &str) -> Vec<&str> {
    folded
        .split(' ')
        .filter(|t| t.bytes().any(|b| b.is_ascii_digit()))
        .collect()
}

fn jaccard(a: &str, b: &str) -> f64 {
    let x: HashSet<&str> = a.split(' ').filter(|t| t.len() > 2).collect();
    let y: HashSet<&str> = b.split(' ').filter(|t| t.len() > 2).collect();
    let union = x.union(&y).count();
    if union == 0 {
        0.0
    } else {
        x.intersection(&y).count() as f64 / union as f64
    }
}

/// Union-find over units, refusing unions that a review forbids.
struct Sets {
    parent: Vec<usize>,
    names: Vec<HashSet<String>>,
    evidence: Vec<Vec<String>>,
}

impl Sets {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Merges the sets of `a` and `b` with `why`, unless a forbidden pair would meet (then
    /// the forbidden pair is returned).
    fn union(
        &mut self,
        a: usize,
        b: usize,
        why: String,
        forbidden: &HashMap<String, Vec<String>>,
    ) -> Result<bool, (String, String)> {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return Ok(false);
        }
        for n in &self.names[ra] {
            for m in forbidden.get(n).into_iter().flatten() {
                if self.names[rb].contains(m) {
                    return Err((n.clone(), m.clone()));
                }
            }
        }
        let (big, small) = if self.names[ra].len() >= self.names[rb].len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[small] = big;
        let names = std::mem::take(&mut self.names[small]);
        self.names[big].extend(names);
        let ev = std::mem::take(&mut self.evidence[small]);
        self.evidence[big].extend(ev);
        self.evidence[big].push(why);
        Ok(true)
    }
}

/// Resolves the organisations of the partner rows.
pub fn resolve(partners: &[Partner], review: &Review) -> Resolution {
    // Units.
    let mut units: Vec<Unit> = Vec::new();
    let mut unit_of: HashMap<(String, String, String), usize> = HashMap::new();
    let mut row_unit = Vec::with_capacity(partners.len());
    for (i, p) in partners.iter().enumerate() {
        let key = (fold(&p.country), fold(&p.name), fold(&p.town));
        let u = *unit_of.entry(key.clone()).or_insert_with(|| {
            units.push(Unit {
                name: p.name.clone(),
                folded: key.1.clone(),
                country: key.0.clone(),
                town: key.2.clone(),
                town_written: p.town.clone(),
                nuts3: p.nuts[2].as_ref().map(|(c, _)| c.clone()),
                postcodes: HashSet::new(),
                websites: HashSet::new(),
                capitals: capital_tokens(&p.name),
                spellings: Vec::new(),
                rows: Vec::new(),
            });
            units.len() - 1
        });
        let unit = &mut units[u];
        unit.rows.push(i);
        if !unit.spellings.contains(&p.name) {
            unit.spellings.push(p.name.clone());
        }
        if !p.postcode.is_empty() {
            unit.postcodes
                .insert(p.postcode.replace(' ', "").to_uppercase());
        }
        if !p.website.is_empty() {
            unit.websites.insert(site(&p.website));
        }
        row_unit.push(u);
    }
    // A website found in more than one place is a programme's, not an organisation's.
    let mut places_of_site: HashMap<&str, HashSet<(&str, &str)>> = HashMap::new();
    for u in &units {
        for w in &u.websites {
            places_of_site
                .entry(w)
                .or_default()
                .insert((&u.country, &u.town));
        }
    }
    let own_site: HashSet<String> = places_of_site
        .iter()
        .filter(|(w, places)| places.len() == 1 && w.contains('.'))
        .map(|(w, _)| (*w).to_string())
        .collect();
    // How many distinct names each capitalised token occurs in; a token that some name
    // writes in small letters (`Lombardy`) is a word, not an acronym, and counts as common.
    let mut token_names: HashMap<String, usize> = HashMap::new();
    let distinct: HashSet<&str> = partners.iter().map(|p| p.name.as_str()).collect();
    let mut words: HashSet<String> = HashSet::new();
    for n in &distinct {
        for t in capital_tokens(n) {
            *token_names.entry(t).or_default() += 1;
        }
        for w in n.split(|c: char| !c.is_alphanumeric()) {
            if w.chars().any(char::is_lowercase) {
                words.insert(w.to_uppercase());
            }
        }
    }
    for (t, n) in token_names.iter_mut() {
        if words.contains(t) {
            *n = usize::MAX;
        }
    }
    let mut sets = Sets {
        parent: (0..units.len()).collect(),
        names: units
            .iter()
            .map(|u| HashSet::from([u.name.clone()]))
            .collect(),
        evidence: vec![Vec::new(); units.len()],
    };
    // Units with the same written names merged first (rows of one spelling in one town).
    let mut by_written: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        for s in &u.spellings {
            by_written.entry(s.as_str()).or_default().push(i);
        }
    }
    let mut forbidden: HashMap<String, Vec<String>> = HashMap::new();
    for pair in &review.not_same_as {
        for a in &pair.names {
            for b in &pair.names {
                if a != b {
                    forbidden.entry(a.clone()).or_default().push(b.clone());
                }
            }
        }
    }
    let mut doubts: Vec<Doubt> = Vec::new();
    // Blocks: units of one country and town, and of one country and folded name (the same
    // name in two towns merges only with a NUTS 3 region or a postcode in common).
    let mut blocks: HashMap<(u8, &str, &str), Vec<usize>> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        blocks.entry((0, &u.country, &u.town)).or_default().push(i);
        blocks
            .entry((1, &u.country, &u.folded))
            .or_default()
            .push(i);
    }
    let mut keys: Vec<&(u8, &str, &str)> = blocks.keys().collect();
    keys.sort();
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    for k in keys {
        let block = &blocks[k];
        for (x, &a) in block.iter().enumerate() {
            for &b in &block[x + 1..] {
                if !seen.insert((a.min(b), a.max(b))) {
                    continue;
                }
                let (ua, ub) = (&units[a], &units[b]);
                let Some(why) = evidence(ua, ub, &own_site, &token_names) else {
                    if let Some(why) = alike(ua, ub) {
                        doubts.push(Doubt {
                            a: ua.name.clone(),
                            b: ub.name.clone(),
                            why,
                        });
                    }
                    continue;
                };
                let line = format!("`{}` = `{}`: {why}", ua.name, ub.name);
                if let Err((n, m)) = sets.union(a, b, line, &forbidden) {
                    doubts.push(Doubt {
                        a: ua.name.clone(),
                        b: ub.name.clone(),
                        why: format!("{why}, but the review forbids merging `{n}` with `{m}`"),
                    });
                }
            }
        }
    }
    for pair in &review.same_as {
        let members: Vec<usize> = pair
            .names
            .iter()
            .flat_map(|n| by_written.get(n.trim()).into_iter().flatten().copied())
            .collect();
        for w in members.windows(2) {
            let why = pair
                .why
                .clone()
                .unwrap_or_else(|| "confirmed by the review file".into());
            let line = format!(
                "`{}` = `{}`: {why} (review)",
                units[w[0]].name, units[w[1]].name
            );
            let _ = sets.union(w[0], w[1], line, &HashMap::new());
        }
    }
    // Organisations, in the order of their first row.
    let mut org_of_root: HashMap<usize, usize> = HashMap::new();
    let mut orgs: Vec<Org> = Vec::new();
    let mut org_of = Vec::with_capacity(partners.len());
    for (i, &u) in row_unit.iter().enumerate() {
        let root = sets.find(u);
        let o = *org_of_root.entry(root).or_insert_with(|| {
            orgs.push(Org {
                name: String::new(),
                members: Vec::new(),
                evidence: std::mem::take(&mut sets.evidence[root]),
            });
            orgs.len() - 1
        });
        orgs[o].members.push(i);
        org_of.push(o);
    }
    for org in &mut orgs {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for &m in &org.members {
            let n = partners[m].name.as_str();
            match counts.iter_mut().find(|(k, _)| *k == n) {
                Some(c) => c.1 += 1,
                None => counts.push((n, 1)),
            }
        }
        // The most frequent; `max_by_key` keeps the last of equals, so walk reversed.
        org.name = counts
            .iter()
            .rev()
            .max_by_key(|(_, c)| *c)
            .map(|(n, _)| n.to_string())
            .unwrap_or_default();
    }
    doubts.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    doubts.dedup();
    let mut doubts_of: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, d) in doubts.iter().enumerate() {
        doubts_of.entry(d.a.clone()).or_default().push(i);
        doubts_of.entry(d.b.clone()).or_default().push(i);
    }
    Resolution {
        orgs,
        org_of,
        names: distinct.len(),
        doubts,
        doubts_of,
    }
}

/// Why two units of one country are one organisation, or `None`.
fn evidence(
    a: &Unit,
    b: &Unit,
    own_site: &HashSet<String>,
    token_names: &HashMap<String, usize>,
) -> Option<String> {
    if a.country != b.country || a.country.is_empty() {
        return None;
    }
    let same_town = a.town == b.town && !a.town.is_empty();
    let same_nuts3 = a.nuts3.is_some() && a.nuts3 == b.nuts3;
    let shared_postcode = a.postcodes.intersection(&b.postcodes).next().cloned();
    let postcode_against =
        !a.postcodes.is_empty() && !b.postcodes.is_empty() && shared_postcode.is_none();
    if a.folded == b.folded {
        if same_nuts3 {
            return Some(format!(
                "same name, same country, same NUTS 3 region {}",
                a.nuts3.as_deref().unwrap_or("")
            ));
        }
        return shared_postcode.map(|p| format!("same name, same country, same postcode {p}"));
    }
    if !same_town {
        return None;
    }
    let place = format!("same town {}", a.town_written);
    if let Some(w) = a
        .websites
        .intersection(&b.websites)
        .find(|w| own_site.contains(*w))
    {
        return Some(format!("{place}, same website {w}"));
    }
    let mut shared: Vec<&String> = a
        .capitals
        .intersection(&b.capitals)
        .filter(|t| token_names.get(*t).copied().unwrap_or(0) <= 4)
        .collect();
    shared.sort();
    // In a name written all in capitals every word looks like an acronym (`AYUNTAMIENTO DE
    // HUESCA`, `DIPUTACIÓN DE HUESCA`): a token counts only where one of the names is
    // written in small letters around it.
    let all_caps = |n: &str| !n.chars().any(char::is_lowercase);
    if let Some(t) = shared
        .first()
        .filter(|_| !(all_caps(&a.name) && all_caps(&b.name)))
    {
        if !postcode_against {
            let post = shared_postcode
                .map(|p| format!(", same postcode {p}"))
                .unwrap_or_default();
            return Some(format!("{place}{post}, same acronym {t}"));
        }
    }
    let (la, lb) = (a.folded.chars().count(), b.folded.chars().count());
    let close = la.min(lb) >= 10
        && la.abs_diff(lb) * 10 <= la.max(lb)
        && normalized_levenshtein(&a.folded, &b.folded) >= 0.9
        && numbers(&a.folded) == numbers(&b.folded);
    if close && !postcode_against {
        return Some(format!("{place}, near-identical names"));
    }
    None
}

/// Why two units without evidence are worth listing as a doubt, or `None`.
fn alike(a: &Unit, b: &Unit) -> Option<String> {
    if a.folded == b.folded {
        return Some(format!(
            "same name, but other towns ({} and {}) and no shared postcode",
            a.town_written, b.town_written
        ));
    }
    if a.country != b.country || a.town != b.town {
        return None;
    }
    // Alike: sharing half their words, or close in spelling. Jaro-Winkler reaches 0.9 only
    // if Jaro reaches 5/6, which needs the shorter name at least half the longer: below
    // that it is not computed (the costliest comparison of the resolution).
    let jc = jaccard(&a.folded, &b.folded);
    let (la, lb) = (a.folded.chars().count(), b.folded.chars().count());
    let jw = if jc >= 0.5 || 2 * la.min(lb) >= la.max(lb) {
        jaro_winkler(&a.folded, &b.folded)
    } else {
        0.0
    };
    (jw >= 0.9 || jc >= 0.5).then(|| {
        format!(
            "alike names in {} (similarity {jw:.2}, shared words {jc:.2}), without evidence",
            a.town_written
        )
    })
}

impl Resolution {
    /// Adds organisation `o` to the graph with the id `id`: its name, its other spellings as
    /// aliases, its attributes, the merges' evidence, the doubts about it, and one citation
    /// per partner row.
    pub fn add_org(
        &self,
        g: &mut KnowledgeGraph,
        doc: DocId,
        sheet: &Option<SharedText>,
        partners: &[Partner],
        o: usize,
        id: String,
    ) -> NodeIndex {
        let org = &self.orgs[o];
        let mut aliases: Vec<String> = Vec::new();
        let mut attrs = Attrs::new();
        let add = |attrs: &mut Attrs, k: &str, v: &str| {
            if v.is_empty() {
                return;
            }
            match attrs.get_mut(k) {
                Some(Value::Str(s)) => {
                    if !s.split("; ").any(|x| x == v) {
                        s.push_str("; ");
                        s.push_str(v);
                    }
                }
                _ => {
                    attrs.insert(k.into(), Value::Str(v.into()));
                }
            }
        };
        let mut provenance = Vec::with_capacity(org.members.len());
        for &m in &org.members {
            let p = &partners[m];
            if p.name != org.name && !aliases.contains(&p.name) {
                aliases.push(p.name.clone());
            }
            add(&mut attrs, "country", &p.country);
            add(&mut attrs, "town", &p.town);
            add(&mut attrs, "postcode", &p.postcode);
            add(&mut attrs, "street", &p.street);
            add(&mut attrs, "legal_status", p.legal.as_deref().unwrap_or(""));
            add(&mut attrs, "department", &p.department);
            provenance.push(Provenance::row(
                doc,
                RowRef {
                    sheet: sheet.clone(),
                    row: p.row,
                },
                format!(
                    "Project Partner: {}; Town: {}; Country: {}",
                    p.name, p.town, p.country
                ),
            ));
        }
        if !org.evidence.is_empty() {
            let names = 1 + aliases.len();
            attrs.insert(
                "merged".into(),
                Value::Str(format!("{names} names: {}", org.evidence.join("; "))),
            );
        }
        let mut mine: HashSet<&str> = aliases.iter().map(String::as_str).collect();
        mine.insert(&org.name);
        let mut about: Vec<usize> = mine
            .iter()
            .flat_map(|n| self.doubts_of.get(*n).into_iter().flatten().copied())
            .collect();
        about.sort_unstable();
        about.dedup();
        let doubts: Vec<String> = about
            .into_iter()
            .map(|i| &self.doubts[i])
            .filter_map(|d| {
                if mine.contains(d.a.as_str()) && !mine.contains(d.b.as_str()) {
                    Some(format!("`{}` ({})", d.b, d.why))
                } else if mine.contains(d.b.as_str()) && !mine.contains(d.a.as_str()) {
                    Some(format!("`{}` ({})", d.a, d.why))
                } else {
                    None
                }
            })
            .collect();
        if !doubts.is_empty() {
            attrs.insert("not_merged_with".into(), Value::Str(doubts.join("; ")));
        }
        g.add_node(Node {
            id: SharedText::from(id),
            kind: NodeKind::Organisation,
            name: SharedText::from(org.name.as_str()),
            aliases,
            attrs,
            provenance,
        })
        .unwrap_or_else(|ix| ix)
    }
}
