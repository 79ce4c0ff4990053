//! Node kinds: the closed set of what a node can be.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in NodeKind::ALL {
            assert_eq!(NodeKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(
            NodeKind::parse("Organization"),
            Some(NodeKind::Organisation)
        );
    }
}
