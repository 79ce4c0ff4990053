//! The sheets of a keep.eu export as rows of text: the `.xlsx` workbook through calamine,
//! the `;`-separated partners CSV through the csv crate. A cell is the text keep.eu wrote; a
//! number cell is its shortest decimal form (a postcode `99099`, an amount `758394.29`).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::parse::number_text;
use crate::model::SharedText;

/// One sheet: its name (`None` for a CSV file), its header and its rows.
#[derive(Debug)]
pub struct Sheet {
    pub name: Option<SharedText>,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

/// A row, numbered as the spreadsheet shows it (the header is row 1).
#[derive(Debug)]
pub struct Row {
    pub number: u32,
    pub cells: Vec<String>,
}

impl Sheet {
    /// The position of each of `columns` in the header, or the first one missing.
    pub fn columns<const N: usize>(&self, columns: [&str; N]) -> Result<[usize; N], String> {
        let mut out = [0; N];
        for (i, c) in columns.iter().enumerate() {
            out[i] = self
                .header
                .iter()
                .position(|h| h.trim() == *c)
                .ok_or_else(|| (*c).to_string())?;
        }
        Ok(out)
    }

    /// Whether the header holds every one of `columns`.
    pub fn has(&self, columns: &[&str]) -> bool {
        columns
            .iter()
            .all(|c| self.header.iter().any(|h| h.trim() == *c))
    }
}

impl Row {
    /// The cell at `i`, trimmed; empty past the row's end.
    pub fn get(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |s| s.trim())
    }
}

/// The bytes an `.xlsx` workbook's parts take once inflated, as its zip directory declares
/// them (the zip reader stops a part at its declared size, so a part cannot inflate past it).
pub fn xlsx_inflated_size(bytes: &[u8]) -> Result<u64, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut total = 0u64;
    for i in 0..archive.len() {
        let part = archive.by_index_raw(i).map_err(|e| e.to_string())?;
        total = total.saturating_add(part.size());
    }
    Ok(total)
}

/// Every sheet of an `.xlsx` workbook, in its order.
pub fn xlsx_sheets(bytes: Vec<u8>) -> Result<Vec<Sheet>, String> {
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let names = wb.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let range = wb.worksheet_range(&name).map_err(|e| e.to_string())?;
        // Rows are numbered from the range's first row: a sheet may not start at A1.
        let first = range.start().map_or(0, |(r, _)| r);
        let mut rows = range.rows().enumerate().map(|(i, cells)| Row {
            number: first + i as u32 + 1,
            cells: cells.iter().map(cell_text).collect(),
        });
        let header = rows.next().map(|r| r.cells).unwrap_or_default();
        sheets.push(Sheet {
            name: Some(SharedText::from(name)),
            header,
            rows: rows
                .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
                .collect(),
        });
    }
    Ok(sheets)
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(x) => number_text(*x),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.to_string(),
        Data::Error(e) => format!("#{e}"),
    }
}

/// The header line of keep.eu's partners CSV.
pub fn is_partners_csv(first_line: &str) -> bool {
    let cols: Vec<&str> = first_line
        .trim_end_matches(['\r', '\n'])
        .split(';')
        .collect();
    super::PARTNER_COLUMNS.iter().all(|c| cols.contains(c))
}

/// The `;`-separated CSV as one sheet; a record that the csv crate cannot read is an error
/// with its row.
pub fn csv_sheet(text: &str) -> Result<Sheet, (u32, String)> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let number = i as u32 + 1;
        let rec = rec.map_err(|e| (number, e.to_string()))?;
        rows.push(Row {
            number,
            cells: rec.iter().map(str::to_string).collect(),
        });
    }
    let mut rows = rows.into_iter();
    let header = rows.next().map(|r| r.cells).unwrap_or_default();
    Ok(Sheet {
        name: None,
        header,
        rows: rows
            .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
            .collect(),
    })
}
