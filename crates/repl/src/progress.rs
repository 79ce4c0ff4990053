//! The progress bar of a long statement: shown on a terminal, for table output only, once a
//! statement has run for half a second, and cleared when it ends.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a statement runs before its bar appears: shorter work would only flicker.
const DELAY: Duration = Duration::from_millis(500);

/// One statement's progress, fed by the executor from any thread.
#[derive(Debug)]
pub struct Progress {
    start: Instant,
    enabled: bool,
    bar: OnceLock<ProgressBar>,
}

impl Progress {
    /// A bar for a statement starting now; `enabled` says whether one may be drawn at all
    /// (stderr is a terminal and results print as a table).
    pub fn new(enabled: bool) -> Progress {
        Progress {
            start: Instant::now(),
            enabled,
            bar: OnceLock::new(),
        }
    }

    /// Records that `done` of `total` units are done. Reports may come from several threads
    /// out of order: the bar only moves forward.
    pub fn report(&self, done: u64, total: u64) {
        if !self.enabled || self.start.elapsed() < DELAY {
            return;
        }
        let bar = self.bar.get_or_init(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {percent:>3}% (eta {eta}, Ctrl-C stops)",
                )
                .expect("the template is valid"),
            );
            bar
        });
        if bar.length() != Some(total) {
            bar.set_length(total);
        }
        if done > bar.position() {
            bar.set_position(done);
        }
    }

    /// Removes the bar, if one was drawn.
    pub fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_bar_before_the_delay_or_when_disabled() {
        let p = Progress::new(true);
        p.report(1, 10);
        assert!(p.bar.get().is_none(), "a short statement draws nothing");
        let off = Progress {
            start: Instant::now() - 2 * DELAY,
            enabled: false,
            bar: OnceLock::new(),
        };
        off.report(1, 10);
        assert!(off.bar.get().is_none(), "a disabled bar is never drawn");
    }

    #[test]
    fn the_bar_only_moves_forward() {
        let p = Progress {
            start: Instant::now() - 2 * DELAY,
            enabled: true,
            bar: OnceLock::new(),
        };
        p.report(5, 10);
        p.report(3, 10);
        let bar = p.bar.get().expect("drawn after the delay");
        assert_eq!((bar.position(), bar.length()), (5, Some(10)));
        p.finish();
        assert!(bar.is_finished());
    }
}
