//! Dates known to a year, a month or a day, and periods between two of them.

use std::fmt;

/// A calendar date known to a year, a month or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, refusing impossible dates.
    pub fn parse(s: &str) -> Result<Date, String> {
        let parts: Vec<&str> = s.split('-').collect();
        let number = |p: &str, what: &str| -> Result<u32, String> {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4 {
                return Err(format!(
                    "`{s}` is not a date: the {what} `{p}` is not a number"
                ));
            }
            p.parse::<u32>().map_err(|_| format!("`{s}`: bad {what}"))
        };
        if parts.is_empty() || parts.len() > 3 || parts[0].len() != 4 {
            return Err(format!(
                "`{s}` is not a date: write a year (2016), a month (2016-12) or a day (2016-12-01)"
            ));
        }
        let year = number(parts[0], "year")? as i32;
        let month = match parts.get(1) {
            Some(p) => {
                let m = number(p, "month")?;
                if p.len() != 2 || !(1..=12).contains(&m) {
                    return Err(format!("`{s}` is not a date: month `{p}` must be 01 to 12"));
                }
                Some(m as u8)
            }
            None => None,
        };
        let day = match parts.get(2) {
            Some(p) => {
                let d = number(p, "day")?;
                let max = days_in_month(year, month.unwrap_or(1));
                if p.len() != 2 || d < 1 || d > max {
                    return Err(format!(
                        "`{s}` is an impossible date: {} {year} has {max} days",
                        MONTHS[month.unwrap_or(1) as usize - 1]
                    ));
                }
                Some(d as u8)
            }
            None => None,
        };
        Ok(Date { year, month, day })
    }

    /// The first day this date may stand for, as a sortable key (year, month, day).
    fn first(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date may stand for.
    fn last(&self) -> (i32, u8, u8) {
        let month = self.month.unwrap_or(12);
        (
            self.year,
            month,
            self.day.unwrap_or(days_in_month(self.year, month) as u8),
        )
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: i32, month: u8) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// When an edge held: one date, or a period from one date to another (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

impl Period {
    /// Parses a date or `DATE..DATE`.
    pub fn parse(s: &str) -> Result<Period, String> {
        let s = s.trim();
        match s.split_once("..") {
            None => {
                let d = Date::parse(s)?;
                Ok(Period { start: d, end: d })
            }
            Some((a, b)) => {
                let start = Date::parse(a.trim())?;
                let end = Date::parse(b.trim())?;
                if end.last() < start.first() {
                    return Err(format!("the period `{s}` ends before it starts"));
                }
                Ok(Period { start, end })
            }
        }
    }

    /// Whether this period meets the span of years `from..=to` (inclusive).
    pub fn meets_years(&self, from: i32, to: i32) -> bool {
        self.start.year <= to && self.end.year >= from
    }

    pub fn is_single(&self) -> bool {
        self.start == self.end
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_single() {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}..{}", self.start, self.end)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_refuse_impossible_days() {
        assert_eq!(Date::parse("2016-12-01").unwrap().to_string(), "2016-12-01");
        assert_eq!(Date::parse("2016").unwrap().month, None);
        assert!(Date::parse("2016-02-30")
            .unwrap_err()
            .contains("February 2016 has 29 days"));
        assert!(Date::parse("2015-02-29").is_err());
        assert!(Date::parse("2016-13").is_err());
        assert!(Date::parse("16-12-01").is_err());
        assert!(Date::parse("2016-1-01").is_err());
        assert!(Date::parse("abcd").is_err());
    }

    #[test]
    fn periods_meet_year_spans() {
        let p = Period::parse("2011..2012").unwrap();
        assert!(p.meets_years(2012, 2016));
        assert!(!p.meets_years(2013, 2016));
        let d = Period::parse("2016-12-01..2016-12-02").unwrap();
        assert!(d.meets_years(2016, 2016));
        assert_eq!(d.to_string(), "2016-12-01..2016-12-02");
        assert!(Period::parse("2016..2015")
            .unwrap_err()
            .contains("ends before"));
        assert!(Period::parse("2016-12..2016").is_ok());
    }
}
