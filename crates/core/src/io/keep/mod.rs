//! keep.eu's exports of Interreg projects, read as keep.eu writes them: the `.xlsx` workbook
//! (sheets `Projects (lead partners)`, `Partners`, `Calls`) and the `;`-separated CSV of its
//! partners sheet, each recognised by its header.
//!
//! They become programmes, projects, organisations, cities, NUTS 3/2/1 regions and countries:
//! organisations `partner_in` (or, as lead partners, `leads`) projects, projects are
//! `funded_by` programmes, organisations are `located_in` cities, cities `part_of` NUTS 3
//! regions, each NUTS region `part_of` the level above, NUTS 1 regions `part_of` countries.
//! Every node and edge cites its file, sheet and row ([`crate::RowRef`]). The spellings of one
//! organisation are merged by [`resolve`], conservatively and with recorded evidence.
//!
//! Loading is in passes: the sheets are read, every row is checked into a record (every
//! problem is kept, with its sheet, row and column), and only when none was found is the
//! graph built. Nothing is half-loaded.

mod build;
mod parse;
pub mod resolve;
mod table;

use std::fmt;
use std::path::{Path, PathBuf};

pub use parse::CellError;
pub use resolve::{Resolution, Review};
use table::Sheet;

use super::budget::{budget, human, Budget};
use super::read::{read_bytes, utf8};
use super::LoadError;
use crate::graph::KnowledgeGraph;

/// The columns a partners sheet (or CSV) must have.
pub const PARTNER_COLUMNS: [&str; 15] = [
    "Programme",
    "Acronym",
    "Project Partner",
    "Lead Partner",
    "Street",
    "Postal code",
    "Town",
    "Country",
    "Website",
    "Department",
    "Legal Status",
    "Country code",
    "NUTS1 (or equivalent)",
    "NUTS2 (or equivalent)",
    "NUTS3 (or equivalent)",
];

/// The columns of the projects sheet this loader reads.
pub const PROJECT_COLUMNS: [&str; 13] = [
    "Programme",
    "Acronym",
    "Project Name",
    "Project Name language 2",
    "Project Name language 3",
    "Lead Partner",
    "Budget",
    "EU Funding",
    "Thematic1",
    "Thematic2",
    "Thematic3",
    "Project start",
    "Project end",
];

/// The columns of the calls sheet.
pub const CALL_COLUMNS: [&str; 5] = [
    "Programme",
    "Serial Number",
    "Start Date",
    "End Date",
    "Budget",
];

/// Memory a loaded export takes per byte of its workbook's inflated parts (cells, records,
/// resolution, graph): 71 MB at the peak for the 16.4 MB of the real export's parts, with a
/// margin (docs/benchmarks.md).
const XLSX_FACTOR: u64 = 8;

/// Memory a loaded partners CSV takes per byte of its text: 50 MB at the peak for the real
/// export's 2.6 MB, with a margin.
const CSV_FACTOR: u64 = 32;

/// The largest export file read (keep.eu's complete export is a few tens of megabytes).
const MAX_EXPORT: u64 = 512 << 20;

/// A row that could not be read: its sheet, row, column and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    pub sheet: Option<String>,
    pub row: u32,
    pub column: String,
    pub error: CellError,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(s) = &self.sheet {
            write!(f, "sheet `{s}`, ")?;
        }
        write!(
            f,
            "row {}, column `{}`: {}",
            self.row,
            self.column,
            crate::printable(&self.error.to_string(), crate::diagnostic::SHOWN, false)
        )
    }
}

/// Whether `path` names a keep.eu export by its name: `.xlsx`, or `.csv` / `.csv.gz` (whose
/// header then decides).
pub fn is_export_name(ext: &str) -> bool {
    matches!(ext, "xlsx" | "csv")
}

/// Opens a keep.eu export: an `.xlsx` workbook, or the partners CSV (`gz` when compressed).
/// The review file `FILE.review.toml` beside it, when present, confirms or forbids merges.
pub fn open_export(path: &Path, ext: &str, gz: bool) -> Result<KnowledgeGraph, LoadError> {
    let (sheets, review) = read_export(path, ext, gz)?;
    let records = records(path, &sheets)?;
    Ok(build::graph(path, &records, &review))
}

/// How an export's partner names resolve into organisations: the counts, every merge with its
/// evidence, and the doubts (names alike that were not merged), as `examples/keep_merges.rs`
/// prints them.
pub fn merge_report(path: &Path) -> Result<Resolution, LoadError> {
    let name = path.to_string_lossy().to_lowercase();
    let gz = name.ends_with(".gz");
    let ext = if name.trim_end_matches(".gz").ends_with(".csv") {
        "csv"
    } else {
        "xlsx"
    };
    let (sheets, review) = read_export(path, ext, gz)?;
    let records = records(path, &sheets)?;
    Ok(resolve::resolve(&records.partners, &review))
}

/// The sheets of an export and its review file, within the memory budget.
fn read_export(path: &Path, ext: &str, gz: bool) -> Result<(Vec<Sheet>, Review), LoadError> {
    read_export_within(path, ext, gz, &budget())
}

/// [`read_export`] within the budget `b`.
fn read_export_within(
    path: &Path,
    ext: &str,
    gz: bool,
    b: &Budget,
) -> Result<(Vec<Sheet>, Review), LoadError> {
    let size = std::fs::metadata(path)
        .map_err(|e| LoadError::Io {
            path: path.to_path_buf(),
            source: e,
        })?
        .len();
    let over = |needed: u64| LoadError::OverBudget {
        path: path.to_path_buf(),
        needed: human(needed),
        budget: b.describe(),
    };
    if size.saturating_mul(XLSX_FACTOR) > b.bytes {
        return Err(over(size.saturating_mul(XLSX_FACTOR)));
    }
    let read = |e| LoadError::Read {
        path: path.to_path_buf(),
        source: e,
    };
    // A compressed CSV reads no more text than the budget holds.
    let bytes = read_bytes(path, gz, MAX_EXPORT.min(b.bytes / CSV_FACTOR)).map_err(read)?;
    let not_export = |reason: String| LoadError::NotExport {
        path: path.to_path_buf(),
        reason,
    };
    let sheets = if ext == "xlsx" && !gz {
        // A workbook is compressed: its inflated parts, not its file, are what loading takes.
        let inflated = table::xlsx_inflated_size(&bytes)
            .map_err(|e| not_export(format!("not a readable .xlsx workbook ({e})")))?;
        if inflated.saturating_mul(XLSX_FACTOR) > b.bytes {
            return Err(over(inflated.saturating_mul(XLSX_FACTOR)));
        }
        table::xlsx_sheets(bytes)
            .map_err(|e| not_export(format!("not a readable .xlsx workbook ({e})")))?
    } else {
        let text = utf8(bytes).map_err(read)?;
        let first = text.lines().next().unwrap_or("");
        if !table::is_partners_csv(first) && (first.contains(":ID") || first.contains(":START_ID"))
        {
            // Neo4j's import header, alone: its pair is missing.
            return Err(LoadError::Unsupported {
                path: path.to_path_buf(),
                reason: super::Unsupported::LonelyCsv,
            });
        }
        if !table::is_partners_csv(first) {
            return Err(not_export(format!(
                "the header is not keep.eu's partners header (expected the columns {})",
                PARTNER_COLUMNS.join(";")
            )));
        }
        vec![table::csv_sheet(&text).map_err(|(row, e)| LoadError::Rows {
            path: path.to_path_buf(),
            problems: vec![RowProblem {
                sheet: None,
                row,
                column: "(record)".into(),
                error: CellError::Record(e),
            }],
            more: 0,
        })?]
    };
    let review = Review::beside(path).map_err(not_export)?;
    Ok((sheets, review))
}

/// The checked records of an export's sheets, or every row problem.
fn records(path: &Path, sheets: &[Sheet]) -> Result<build::Records, LoadError> {
    let find = |cols: &[&str]| sheets.iter().find(|s| s.has(cols));
    let Some(partners) = find(&PARTNER_COLUMNS) else {
        let names: Vec<String> = sheets
            .iter()
            .map(|s| format!("`{}`", s.name.as_deref().unwrap_or("")))
            .collect();
        return Err(LoadError::NotExport {
            path: path.to_path_buf(),
            reason: format!(
                "no sheet has keep.eu's partners header (sheets: {}); expected the columns {}",
                names.join(", "),
                PARTNER_COLUMNS.join(", ")
            ),
        });
    };
    build::Records::read(partners, find(&PROJECT_COLUMNS), find(&CALL_COLUMNS)).map_err(
        |(problems, more)| LoadError::Rows {
            path: path.to_path_buf(),
            problems,
            more,
        },
    )
}

/// The file name shown as the document key of an export.
fn file_key(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The review file of an export: `FILE.review.toml` beside it.
fn review_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".review.toml");
    path.with_file_name(name)
}

#[cfg(test)]
mod tests;
