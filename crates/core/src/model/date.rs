//! Dates known to a year, a month or a day, and periods between two of them.

use std::fmt;
use std::str::FromStr;

/// A calendar date known to a year, a month or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, refusing impossible dates.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let parts: Vec<&str> = s.split('-').collect();
        if parts.len() > 3 || parts[0].len() != 4 {
            return Err(DateError::Shape { text: s.into() });
        }
        let year = number(s, parts[0], DatePart::Year)? as i32;
        let month = match parts.get(1) {
            Some(p) => {
                let m = number(s, p, DatePart::Month)?;
                if p.len() != 2 || !(1..=12).contains(&m) {
                    return Err(DateError::Month {
                        text: s.into(),
                        month: p.to_string(),
                    });
                }
                Some(m as u8)
            }
            None => None,
        };
        let day = match parts.get(2) {
            Some(p) => {
                let d = number(s, p, DatePart::Day)?;
                let month = month.unwrap_or(1);
                let days = days_in_month(year, month);
                if p.len() != 2 || d < 1 || d > days {
                    return Err(DateError::Day {
                        text: s.into(),
                        year,
                        month,
                        days,
                    });
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

/// The number of the `part` of the date `text` that is written `digits`: at most four digits.
fn number(text: &str, digits: &str, part: DatePart) -> Result<u32, DateError> {
    let not_a_number = || DateError::NotANumber {
        text: text.into(),
        part,
        digits: digits.into(),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 4 {
        return Err(not_a_number());
    }
    digits.parse::<u32>().map_err(|_| not_a_number())
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        Date::parse(s)
    }
}

/// Why a text is not a date or a period. The message quotes the text and says what to write.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// Not `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a year of other than four digits included).
    #[error(
        "`{text}` is not a date: write a year (2016), a month (2016-12) or a day (2016-12-01)"
    )]
    Shape { text: String },
    /// A part of the date is not a number of at most four digits.
    #[error("`{text}` is not a date: the {part} `{digits}` is not a number")]
    NotANumber {
        text: String,
        part: DatePart,
        digits: String,
    },
    /// The month is not two digits from 01 to 12.
    #[error("`{text}` is not a date: month `{month}` must be 01 to 12")]
    Month { text: String, month: String },
    /// The day is not two digits within its month, which has `days` days.
    #[error("`{text}` is an impossible date: {} {year} has {days} days", month_name(.month))]
    Day {
        text: String,
        year: i32,
        month: u8,
        days: u32,
    },
    /// A period that ends before it starts.
    #[error("the period `{text}` ends before it starts")]
    Reversed { text: String },
}

/// A part of a date, as an error names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePart {
    Year,
    Month,
    Day,
}

impl fmt::Display for DatePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DatePart::Year => "year",
            DatePart::Month => "month",
            DatePart::Day => "day",
        })
    }
}

fn month_name(month: &u8) -> &'static str {
    MONTHS[*month as usize - 1]
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
    pub fn parse(s: &str) -> Result<Period, DateError> {
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
                    return Err(DateError::Reversed { text: s.into() });
                }
                Ok(Period { start, end })
            }
        }
    }

    /// Whether this period meets the span of years `from..=to` (inclusive).
    pub fn meets_years(&self, from: i32, to: i32) -> bool {
        self.start.year <= to && self.end.year >= from
    }

    /// Whether the two periods share at least one day. A date stands for every day it may
    /// mean: `2016` for the whole year, `2016-11` for the whole month. So `2016` meets
    /// `2016-11` (November 2016 is in 2016), `2016-11` meets `2016-11-03`, and `2016-10`
    /// does not meet `2016-11-03`.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.start.first() <= other.end.last() && other.start.first() <= self.end.last()
    }

    pub fn is_single(&self) -> bool {
        self.start == self.end
    }
}

impl FromStr for Period {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Period, DateError> {
        Period::parse(s)
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
        assert_eq!(
            Date::parse("2016-02-30").unwrap_err().to_string(),
            "`2016-02-30` is an impossible date: February 2016 has 29 days"
        );
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
        assert_eq!(
            Period::parse("2016..2015").unwrap_err(),
            DateError::Reversed {
                text: "2016..2015".into()
            }
        );
        assert!(Period::parse("2016-12..2016").is_ok());
    }

    #[test]
    fn periods_overlap_when_they_share_a_day() {
        let p = |s: &str| Period::parse(s).unwrap();
        // A year stands for all its days, so it meets each of its months and days.
        assert!(p("2016").overlaps(&p("2016-11")));
        assert!(p("2016-11").overlaps(&p("2016")));
        assert!(p("2016-11").overlaps(&p("2016-11-03")));
        assert!(p("2016-11-30").overlaps(&p("2016-11")));
        assert!(!p("2016-10").overlaps(&p("2016-11-03")));
        assert!(!p("2016-12-01").overlaps(&p("2016-11")));
        // Both ends are included, to the last day the end may mean.
        assert!(p("2011-10..2012").overlaps(&p("2012-12-31")));
        assert!(p("2011-10..2012").overlaps(&p("2011-10-25")));
        assert!(!p("2011-10..2012").overlaps(&p("2011-09-30")));
        assert!(!p("2011-10..2012").overlaps(&p("2013")));
        assert!(p("2016-12-01..2016-12-02").overlaps(&p("2016-12")));
        // February's last day depends on the year.
        assert!(p("2016-02").overlaps(&p("2016-02-29")));
        assert!(!p("2015-02").overlaps(&p("2015-03-01")));
    }

    #[test]
    fn errors_say_what_is_wrong_and_what_to_write() {
        let message = |s: &str| s.parse::<Date>().unwrap_err().to_string();
        assert_eq!(
            message("16-12-01"),
            "`16-12-01` is not a date: write a year (2016), a month (2016-12) or a day (2016-12-01)"
        );
        assert_eq!(
            message("abcd"),
            "`abcd` is not a date: the year `abcd` is not a number"
        );
        assert_eq!(
            message("2016-13"),
            "`2016-13` is not a date: month `13` must be 01 to 12"
        );
        assert!(matches!(
            "2016-1x".parse::<Period>(),
            Err(DateError::NotANumber {
                part: DatePart::Month,
                ..
            })
        ));
    }
}
