//! The cells of a keep.eu export, parsed as keep.eu writes them: amounts with or without
//! thousands separators (`892,228.58`, `758394.29`), dates as `2015/10/27`, NUTS cells as
//! `DEG01  / Erfurt, Kreisfreie Stadt`, country cells as `DE Germany / DEUTSCHLAND` (or
//! `RS  / Serbia` for a country outside the EU's NUTS), lead partners as `Yes`/`No`.

use crate::model::Date;

/// Why a cell could not be read; the loader adds the sheet, row and column.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CellError {
    #[error("`{0}` is not an amount (write it as 892,228.58 or 758394.29)")]
    Amount(String),
    #[error("`{0}` is not a date written YYYY/MM/DD")]
    Date(String),
    #[error("`{0}` is not a NUTS cell written `CODE  / NAME`")]
    Nuts(String),
    #[error("`{0}` is not a country cell written `CODE Name / NATIVE NAME`")]
    Country(String),
    #[error("`{0}` is neither Yes nor No")]
    YesNo(String),
    #[error("the cell is empty")]
    Empty,
    /// A CSV record that cannot be read (an unclosed quote, bytes that are not text).
    #[error("{0}")]
    Record(String),
}

/// An amount in euros, as keep.eu writes it: digits with an optional decimal point, and
/// optionally commas between groups of three digits (`892,228.58`); a number cell of the
/// spreadsheet arrives here as its shortest decimal form (`758394.29`).
pub fn amount(s: &str) -> Result<f64, CellError> {
    let t = s.trim();
    let bad = || CellError::Amount(s.to_string());
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let digits = int.strip_prefix('-').unwrap_or(int);
    if digits.is_empty()
        || frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad());
    }
    if digits.contains(',') {
        let mut groups = digits.split(',');
        let first = groups.next().unwrap_or_default();
        let first_ok = (1..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_digit());
        if !first_ok || !groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit())) {
            return Err(bad());
        }
    } else if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let plain: String = t.chars().filter(|&c| c != ',').collect();
    plain.parse::<f64>().map_err(|_| bad())
}

/// A date written `YYYY/MM/DD` (the only form the export uses), checked for impossible days.
pub fn date(s: &str) -> Result<Date, CellError> {
    let t = s.trim();
    let bad = || CellError::Date(s.to_string());
    let parts: Vec<&str> = t.split('/').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return Err(bad());
    }
    Date::parse(&parts.join("-")).map_err(|_| bad())
}

/// A NUTS cell: its code and its name. `DEG01  / Erfurt, Kreisfreie Stadt` →
/// (`DEG01`, `Erfurt, Kreisfreie Stadt`).
pub fn nuts(s: &str) -> Result<(String, String), CellError> {
    let bad = || CellError::Nuts(s.to_string());
    let (code, name) = s.split_once(" / ").ok_or_else(bad)?;
    let code = code.trim();
    let name = name.trim();
    let code_ok = (2..=5).contains(&code.len())
        && code.bytes().take(2).all(|b| b.is_ascii_uppercase())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if !code_ok || name.is_empty() {
        return Err(bad());
    }
    Ok((code.to_string(), name.to_string()))
}

/// A country cell: its two-letter code and its English name. `DE Germany / DEUTSCHLAND` →
/// (`DE`, `Germany`); for the countries outside the EU's NUTS keep.eu writes the code alone
/// before the slash and the English name after it: `RS  / Serbia` → (`RS`, `Serbia`).
pub fn country(s: &str) -> Result<(Option<String>, String), CellError> {
    let bad = || CellError::Country(s.to_string());
    let (head, native) = s.split_once(" / ").ok_or_else(bad)?;
    let (code, english) = head.trim().split_once(' ').unwrap_or((head.trim(), ""));
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(bad());
    }
    let name = match english.trim() {
        "" => native.trim(),
        e => e,
    };
    if name.is_empty() {
        return Err(bad());
    }
    Ok((Some(code.to_string()), name.to_string()))
}

/// `Yes` or `No`, in any case.
pub fn yes_no(s: &str) -> Result<bool, CellError> {
    match s.trim().to_ascii_lowercase().as_str() {
        "yes" => Ok(true),
        "no" => Ok(false),
        "" => Err(CellError::Empty),
        _ => Err(CellError::YesNo(s.to_string())),
    }
}

/// A legal status as one word: `public`, `private` (the export writes both `Public` and
/// `public`); `n/a` and an empty cell are unknown.
pub fn legal_status(s: &str) -> Option<String> {
    let t = s.trim().to_ascii_lowercase();
    (!t.is_empty() && t != "n/a").then_some(t)
}

/// A spreadsheet number cell as keep.eu meant it: a whole number without a decimal point
/// (`99099`, a postcode), any other in its shortest decimal form (`758394.29`).
pub fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_with_and_without_separators() {
        assert_eq!(amount("892,228.58"), Ok(892_228.58));
        assert_eq!(amount("758394.29"), Ok(758_394.29));
        assert_eq!(amount("4,240,820.46"), Ok(4_240_820.46));
        assert_eq!(amount("612,557.00"), Ok(612_557.0));
        assert_eq!(amount("72909844"), Ok(72_909_844.0));
        assert_eq!(amount(" 100 "), Ok(100.0));
        for bad in [
            "",
            "1,23.4",
            "12,3456.00",
            ",123",
            "1.2.3",
            "12.",
            "abc",
            "1 000",
            "€5",
            "1e5",
        ] {
            assert_eq!(amount(bad), Err(CellError::Amount(bad.into())), "{bad}");
        }
    }

    #[test]
    fn dates_as_the_export_writes_them() {
        assert_eq!(date("2015/10/27").unwrap().to_string(), "2015-10-27");
        assert_eq!(date("2019/09/30").unwrap().to_string(), "2019-09-30");
        for bad in [
            "2015-10-27",
            "2015/13/01",
            "2015/02/30",
            "15/10/27",
            "2015/1/2",
            "",
        ] {
            assert_eq!(date(bad), Err(CellError::Date(bad.into())), "{bad}");
        }
        assert!(date("2016/02/29").is_ok());
    }

    #[test]
    fn nuts_cells() {
        assert_eq!(
            nuts("DEG01  / Erfurt, Kreisfreie Stadt"),
            Ok(("DEG01".into(), "Erfurt, Kreisfreie Stadt".into()))
        );
        assert_eq!(
            nuts("DEG  / THÜRINGEN"),
            Ok(("DEG".into(), "THÜRINGEN".into()))
        );
        assert_eq!(
            nuts("ITC4C  / Milano"),
            Ok(("ITC4C".into(), "Milano".into()))
        );
        for bad in [
            "Erfurt",
            "deg01 / Erfurt",
            "DEG01  / ",
            "D  / x",
            "DEG011 / x",
        ] {
            assert_eq!(nuts(bad), Err(CellError::Nuts(bad.into())), "{bad}");
        }
    }

    #[test]
    fn country_cells() {
        assert_eq!(
            country("DE Germany / DEUTSCHLAND"),
            Ok((Some("DE".into()), "Germany".into()))
        );
        assert_eq!(
            country("FI Finland / SUOMI / FINLAND"),
            Ok((Some("FI".into()), "Finland".into()))
        );
        assert_eq!(
            country("RS  / Serbia"),
            Ok((Some("RS".into()), "Serbia".into()))
        );
        assert!(country("Germany").is_err());
        assert!(country("  / ").is_err());
    }

    #[test]
    fn yes_no_and_legal_status() {
        assert_eq!(yes_no("Yes"), Ok(true));
        assert_eq!(yes_no("No"), Ok(false));
        assert_eq!(yes_no(""), Err(CellError::Empty));
        assert!(yes_no("maybe").is_err());
        assert_eq!(legal_status("Public").as_deref(), Some("public"));
        assert_eq!(legal_status("n/a"), None);
        assert_eq!(number_text(99099.0), "99099");
        assert_eq!(number_text(758394.29), "758394.29");
    }
}
