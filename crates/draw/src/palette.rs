//! A colour for each node kind, the same in drawings and in the explorer.

use clustergraph_core::NodeKind;

/// The fill of nodes of `kind`: Tableau's ten colours and two greys, distinct on white.
pub fn colour(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Cluster => "#4e79a7",
        NodeKind::Network => "#f28e2b",
        NodeKind::Organisation => "#59a14f",
        NodeKind::Project => "#e15759",
        NodeKind::Programme => "#b07aa1",
        NodeKind::Event => "#edc948",
        NodeKind::Person => "#ff9da7",
        NodeKind::Region => "#9c755f",
        NodeKind::Country => "#76b7b2",
        NodeKind::City => "#bab0ac",
        NodeKind::Sector => "#8cd17d",
        NodeKind::Node => "#79706e",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_colour() {
        let mut seen: Vec<&str> = NodeKind::ALL.iter().map(|&k| colour(k)).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), NodeKind::ALL.len());
    }
}
