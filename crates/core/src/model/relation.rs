//! The relation catalogue and [`Rel`], an index into it.

use std::fmt;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_round_trip() {
        for name in Rel::names() {
            assert_eq!(Rel::parse(name).unwrap().as_str(), name);
        }
        assert_eq!(Rel::parse("members_of"), None);
    }

    #[test]
    fn relation_catalogue_matches_the_format_documentation() {
        let readme = include_str!("../../../../graphs/README.md");
        for r in RELATIONS {
            let row = format!("| `{}` | {} |", r.name, r.meaning);
            assert!(
                readme.contains(&row),
                "graphs/README.md lacks the row {row}"
            );
        }
    }
}
