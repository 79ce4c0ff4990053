//! Network analytics on a [`Csr`]: one algorithm per file, each re-exported here.
//!
//! Every algorithm takes the view it runs on and a [`Work`], through which it learns that it
//! should stop (Ctrl-C) and reports how far it has come (a progress bar). Node `i` of a result
//! is node `i` of the view. Parallel algorithms reduce in a fixed order, so their results do not
//! depend on the number of threads.

// Paths and distances.
pub mod bfs;
pub mod components;
pub mod diameter;
pub mod yen;
// Centrality, cores and clustering.
pub mod betweenness;
pub mod closeness;
pub mod clustering;
pub mod core_number;
pub mod degree;
pub mod eigenvector;
pub mod harmonic;
pub mod katz;
pub mod pagerank;
// Structural holes.
pub mod constraint;
pub mod effective_size;
// Cuts and communities.
pub mod bridges;
pub mod label_propagation;
pub mod louvain;
pub mod modularity;
pub mod partition;
// Comparing partitions.
pub mod agreement;
// Shared machinery.
mod chunked;
#[cfg(test)]
mod fixtures;
mod msbfs;
mod mutual;
mod splitmix;

pub use agreement::{adjusted_rand_index, normalized_mutual_info};
pub use betweenness::{betweenness, betweenness_sampled};
pub use bfs::bfs_distances;
pub use bridges::{bridges, Bridges};
pub use closeness::closeness;
pub use clustering::clustering;
pub use components::{component_labels, components};
pub use constraint::constraint;
pub use core_number::core_number;
pub use degree::degree;
pub use diameter::{diameter, diameter_within, DiameterBounds};
pub use effective_size::effective_size;
pub use eigenvector::eigenvector;
pub use harmonic::harmonic;
pub use katz::katz;
pub use label_propagation::label_propagation;
pub use louvain::louvain;
pub use modularity::modularity;
pub use pagerank::pagerank;
pub use partition::Partition;
pub use yen::k_shortest_simple_paths;

use std::sync::atomic::{AtomicBool, Ordering};

use crate::Csr;

/// The adjacency a metric runs on: the undirected simple view, or a directed simple view
/// given as its out-neighbour and in-neighbour lists (two [`Csr`]s over the same nodes).
#[derive(Clone, Copy, Debug)]
pub enum View<'a> {
    /// Parallel edges merged, directions forgotten, loops dropped.
    Undirected(&'a Csr),
    /// Parallel edges merged, loops dropped; `out` lists successors, `inn` predecessors.
    Directed {
        /// Successors of each node.
        out: &'a Csr,
        /// Predecessors of each node.
        inn: &'a Csr,
    },
}

impl<'a> View<'a> {
    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.out().node_count()
    }

    /// Whether this is a directed view.
    pub fn is_directed(&self) -> bool {
        matches!(self, View::Directed { .. })
    }

    /// Successors (every neighbour, when undirected).
    pub fn out(&self) -> &'a Csr {
        match *self {
            View::Undirected(c) => c,
            View::Directed { out, .. } => out,
        }
    }

    /// Predecessors (every neighbour, when undirected).
    pub fn inn(&self) -> &'a Csr {
        match *self {
            View::Undirected(c) => c,
            View::Directed { inn, .. } => inn,
        }
    }
}

/// How a long computation is told to stop and tells how far it has come.
///
/// `Work::default()` never stops and reports nothing.
#[derive(Clone, Copy, Default)]
pub struct Work<'a> {
    cancel: Option<&'a AtomicBool>,
    progress: Option<&'a (dyn Fn(u64, u64) + Sync)>,
}

impl std::fmt::Debug for Work<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Work")
            .field("cancel", &self.cancel)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

impl<'a> Work<'a> {
    /// Work that stops once `cancel` is set.
    pub fn new(cancel: &'a AtomicBool) -> Work<'a> {
        Work {
            cancel: Some(cancel),
            progress: None,
        }
    }

    /// The same work, reporting `(done, total)` to `progress` from time to time (from any
    /// thread; calls may come out of order, so a reporter keeps the maximum).
    pub fn with_progress(self, progress: &'a (dyn Fn(u64, u64) + Sync)) -> Work<'a> {
        Work {
            progress: Some(progress),
            ..self
        }
    }

    /// Whether the computation should stop now.
    pub fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }

    /// `Err(AlgoError::Interrupted)` once the computation should stop.
    pub fn check(&self) -> Result<(), AlgoError> {
        if self.cancelled() {
            Err(AlgoError::Interrupted)
        } else {
            Ok(())
        }
    }

    /// Reports that `done` of `total` units of work are done.
    pub fn report(&self, done: u64, total: u64) {
        if let Some(p) = self.progress {
            p(done, total);
        }
    }
}

/// Why an algorithm returned no result.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AlgoError {
    /// The computation was told to stop.
    #[error("interrupted")]
    Interrupted,
    /// An iteration did not reach its tolerance within its iteration limit (NetworkX raises
    /// `PowerIterationFailedConvergence` in the same case).
    #[error("{algorithm} did not converge within {max_iter} iterations (tolerance {tol:e})")]
    NotConverged {
        /// The algorithm's name, as the statement spells it.
        algorithm: &'static str,
        /// The iteration limit that was reached.
        max_iter: usize,
        /// The tolerance that was not reached.
        tol: f64,
    },
    /// An argument the algorithm cannot work with (NetworkX raises in the same case).
    #[error("{0}")]
    InvalidArgument(String),
}
