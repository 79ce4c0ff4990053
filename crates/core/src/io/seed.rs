//! The seed graph, compiled into the binary from `graphs/seeds/` (see `build.rs`).

use std::sync::Arc;

use super::source::{load_sources, DocError, SourceFile};
use crate::graph::KnowledgeGraph;

include!(concat!(env!("OUT_DIR"), "/seed_files.rs"));

/// The built-in seed graph. Its sources are checked by the tests, so loading cannot fail in
/// a released binary.
pub fn seed_graph() -> KnowledgeGraph {
    let sources: Vec<SourceFile> = SEED_SOURCES
        .iter()
        .map(|(name, text)| SourceFile {
            path: format!("graphs/seeds/{name}"),
            text: Arc::from(*text),
        })
        .collect();
    match load_sources(&sources, &read_seed_document) {
        Ok(mut g) => {
            g.add_origin(crate::graph::Origin {
                kind: "built-in".into(),
                path: "graphs/seeds".into(),
            });
            g
        }
        Err(d) => panic!(
            "the built-in seed graph does not load:\n{}",
            d.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// The [`DocReader`](super::DocReader) of the seed sources: the compiled-in documents.
fn read_seed_document(_source: &str, file: &str) -> Result<String, DocError> {
    SEED_DOCUMENTS
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, text)| text.to_string())
        .ok_or_else(|| DocError::Unknown {
            file: file.into(),
            among: "the compiled-in documents of graphs/seeds/docs",
        })
}

/// The seed documents' texts, by file name (`docs/000_….txt`).
pub fn seed_documents() -> &'static [(&'static str, &'static str)] {
    SEED_DOCUMENTS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The complete example of `graphs/README.md` loads, its quotes checked against the seed
    /// document it cites.
    #[test]
    fn the_format_documentation_example_loads() {
        let readme = include_str!("../../../../graphs/README.md");
        let after = readme
            .split("## A complete small example")
            .nth(1)
            .expect("the example section");
        let example = after
            .split("```toml\n")
            .nth(1)
            .and_then(|s| s.split("```").next())
            .expect("a toml block");
        let files = [SourceFile {
            path: "graphs/README.md".into(),
            text: Arc::from(example),
        }];
        let g = load_sources(&files, &read_seed_document).unwrap_or_else(|d| panic!("{}", d[0]));
        assert_eq!((g.node_count(), g.edge_count()), (3, 1));
    }

    #[test]
    fn the_seed_graph_loads() {
        let g = super::seed_graph();
        assert!(g.node_count() > 0 || super::SEED_SOURCES.is_empty());
    }
}
