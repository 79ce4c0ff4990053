//! The time filter, `in 2016`, `in 2016-11`, `in 2011-10..2012`, optionally followed by
//! `strict`: which edges a statement reads, by their dates.
//!
//! **The rule.** Each side stands for every day it may mean: a year for its whole year, a
//! month for its whole month, a period from the first day of its start to the last day of
//! its end. An edge passes when its date or period shares at least one day with the
//! filter's span, so an edge dated `2016` passes `in 2016-11` (it may have held in
//! November), and one dated `2016-10` does not. An edge with no date passes too, because
//! nothing says it did not hold then, unless the filter says `strict`.
//!
//! ```
//! use clustergraph_core::{Date, Period};
//! use clustergraph_query::TimeFilter;
//! let t = TimeFilter::new(Period::parse("2016-11").unwrap(), false);
//! assert!(t.admits(Some(Period::parse("2016").unwrap())));
//! assert!(!t.admits(Some(Period::parse("2016-10").unwrap())));
//! assert!(t.admits(None));
//! assert!(!TimeFilter { strict: true, ..t }.admits(None));
//! assert_eq!(t.to_string(), "in 2016-11");
//! ```

use std::fmt;

use clustergraph_core::{Date, Period};

/// A statement's time filter: the span it keeps, and whether undated edges go too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeFilter {
    /// The dates kept: a year, month or day, or a span between two of them.
    pub span: Period,
    /// Whether edges with no date are dropped (by default they stay).
    pub strict: bool,
}

impl TimeFilter {
    pub fn new(span: Period, strict: bool) -> TimeFilter {
        TimeFilter { span, strict }
    }

    /// Whether an edge dated `when` (or undated) passes; see the module docs for the rule.
    pub fn admits(&self, when: Option<Period>) -> bool {
        match when {
            Some(p) => p.overlaps(&self.span),
            None => !self.strict,
        }
    }
}

/// `in 2016`, `in 2011-10..2012 strict`: as written in a statement, so it parses back.
impl fmt::Display for TimeFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "in {}", self.span)?;
        if self.strict {
            f.write_str(" strict")?;
        }
        Ok(())
    }
}

/// The two times of `compare STATEMENT in T1 vs T2 [strict]` and `diff in T1 vs T2`: two
/// spans read by one rule (`strict` is written once, after the second, and holds for both,
/// so that no change is an artefact of undated edges counted at one time only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Times {
    pub first: Period,
    pub second: Period,
    pub strict: bool,
}

impl Times {
    /// The filters of the two times.
    pub fn filters(&self) -> [TimeFilter; 2] {
        [
            TimeFilter::new(self.first, self.strict),
            TimeFilter::new(self.second, self.strict),
        ]
    }
}

/// The years of `over Y1..Y2 [strict] [step S]`: steps of S years from Y1 to Y2, each read
/// by the time filter's rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Years {
    pub from: i32,
    pub to: i32,
    pub step: u32,
    /// Undated edges dropped at every step.
    pub strict: bool,
}

impl Years {
    /// Each step's span of years, `Y..Y+S-1` (the last cut at `to`), as filters.
    pub fn steps(&self) -> Vec<TimeFilter> {
        let year = |y: i32| Date {
            year: y,
            month: None,
            day: None,
        };
        (self.from..=self.to)
            .step_by(self.step.max(1) as usize)
            .map(|y| {
                let end = (y + self.step as i32 - 1).min(self.to);
                let span = Period {
                    start: year(y),
                    end: year(end),
                };
                TimeFilter::new(span, self.strict)
            })
            .collect()
    }
}

/// `over 2012..2016 strict step 2`: as written in a statement, so it parses back.
impl fmt::Display for Years {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "over {:04}..{:04}", self.from, self.to)?;
        if self.strict {
            f.write_str(" strict")?;
        }
        if self.step != 1 {
            write!(f, " step {}", self.step)?;
        }
        Ok(())
    }
}

/// What the header of an answer over several times says of undated edges, given how many
/// of the graph's edges are undated and whether `strict` drops them: so that no one reads a
/// change that is only an artefact of missing dates.
pub fn undated_rule(undated: usize, edges: usize, strict: bool) -> String {
    if undated == 0 {
        return format!("every edge is dated ({edges})");
    }
    let some = format!(
        "{undated} of the {edges} edges {} undated",
        if undated == 1 { "is" } else { "are" }
    );
    if strict {
        format!("{some}: dropped at every time (`strict`)")
    } else {
        format!("{some}: kept at every time, as the time filter keeps them (`strict` drops them)")
    }
}

/// `in 2016 vs 2019 strict`: as written in a statement, so it parses back.
impl fmt::Display for Times {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "in {} vs {}", self.first, self.second)?;
        if self.strict {
            f.write_str(" strict")?;
        }
        Ok(())
    }
}

/// The rule as `help` and `show` state it.
pub const RULE: &str = "an edge passes when its date or period shares a day with the span \
(a year stands for all its days, so `2016` meets `in 2016-11`); undated edges stay unless \
`strict` follows";

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(span: &str, strict: bool) -> TimeFilter {
        TimeFilter::new(Period::parse(span).unwrap(), strict)
    }

    fn p(s: &str) -> Option<Period> {
        Some(Period::parse(s).unwrap())
    }

    #[test]
    fn a_date_passes_when_it_shares_a_day_with_the_span() {
        let nov = filter("2016-11", false);
        assert!(nov.admits(p("2016")), "a year meets each of its months");
        assert!(nov.admits(p("2016-11-03")));
        assert!(nov.admits(p("2016-10..2017")));
        assert!(!nov.admits(p("2016-12-01..2016-12-02")));
        assert!(!nov.admits(p("2015")));
        let span = filter("2011-10..2012", false);
        assert!(span.admits(p("2011-10-25")));
        assert!(span.admits(p("2012")));
        assert!(!span.admits(p("2011-09")));
        assert!(!span.admits(p("2013-01-01")));
        let day = filter("2016-11-03", false);
        assert!(day.admits(p("2016-11")) && day.admits(p("2016")));
        assert!(!day.admits(p("2016-11-04")));
    }

    #[test]
    fn undated_edges_stay_unless_strict() {
        assert!(filter("2016", false).admits(None));
        assert!(!filter("2016", true).admits(None));
        assert!(filter("2016", true).admits(p("2016-05")));
    }

    #[test]
    fn prints_as_written() {
        assert_eq!(filter("2016", false).to_string(), "in 2016");
        assert_eq!(
            filter("2011-10..2012", true).to_string(),
            "in 2011-10..2012 strict"
        );
        assert_eq!(filter("0551", false).to_string(), "in 0551");
    }
}
