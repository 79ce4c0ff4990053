//! Reading files as bounded text: only regular files (a device such as `/dev/zero`, a FIFO or
//! a socket would be read without end, or block), never more than a limit, with every gzip
//! member inflated, and UTF-8 errors placed at their line and column.

use std::io::{self, Read};
use std::path::Path;

/// The largest text any graph file, document or script may hold, compressed or not.
pub const MAX_TEXT: u64 = 4 << 30;

/// Why a file's text could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The operating system refused (missing file, permissions, ...).
    #[error(transparent)]
    Io(#[from] io::Error),
    /// A device, FIFO, socket or folder where a file was expected.
    #[error("it is not a regular file (a device, FIFO or socket is never read)")]
    NotRegular,
    /// More than `limit` bytes of text.
    #[error("its text is larger than {}", human_bytes(*.limit))]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// A name ending in `.gz` on a file that does not inflate, or with bytes after its last
    /// gzip member that are not gzip.
    #[error("its name ends in .gz but it is not readable gzip ({0})")]
    NotGzip(io::Error),
    /// Bytes that are not UTF-8.
    #[error("not UTF-8 text: invalid byte at line {line}, column {column} (byte offset {offset})")]
    NotUtf8 {
        /// The line of the first invalid byte, from 1.
        line: usize,
        /// Its column in bytes, from 1.
        column: usize,
        /// Its offset in the text.
        offset: usize,
    },
}

/// Reads the regular file at `path`, at most `limit` bytes after inflating it when `gz` (every
/// member of a multi-member gzip file, as `bgzip` and parallel compressors write).
pub fn read_bytes(path: &Path, gz: bool, limit: u64) -> Result<Vec<u8>, ReadError> {
    // Asked before opening: opening a FIFO blocks until a writer comes.
    if !std::fs::metadata(path)?.is_file() {
        return Err(ReadError::NotRegular);
    }
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    if gz {
        flate2::read::MultiGzDecoder::new(io::BufReader::new(file))
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(ReadError::NotGzip)?;
    } else {
        let size = file.metadata()?.len();
        if size > limit {
            return Err(ReadError::TooLarge { limit });
        }
        bytes.reserve_exact(size as usize);
        file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    }
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Reads the regular file at `path` as UTF-8 text of at most `limit` bytes; a byte-order mark
/// at its start is dropped.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    utf8(read_bytes(path, false, limit)?)
}

/// The bytes as text, without a leading byte-order mark; an invalid byte is placed at its line
/// and column.
pub fn utf8(mut bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..offset];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        ReadError::NotUtf8 {
            line: before.iter().filter(|&&b| b == b'\n').count() + 1,
            column: offset - line_start + 1,
            offset,
        }
    })
}

fn human_bytes(n: u64) -> String {
    if n >= 1 << 30 && n % (1 << 30) == 0 {
        format!("{} GiB", n >> 30)
    } else if n >= 1 << 20 && n % (1 << 20) == 0 {
        format!("{} MiB", n >> 20)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(text: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(text).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn every_gzip_member_is_read_and_trailing_garbage_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.el.gz");
        let mut two = gz(b"1 2\n");
        two.extend(gz(b"3 4\n"));
        std::fs::write(&p, &two).unwrap();
        assert_eq!(read_bytes(&p, true, MAX_TEXT).unwrap(), b"1 2\n3 4\n");
        two.extend(b"not gzip at all");
        std::fs::write(&p, &two).unwrap();
        assert!(matches!(
            read_bytes(&p, true, MAX_TEXT),
            Err(ReadError::NotGzip(_))
        ));
    }

    #[test]
    fn limits_hold_before_and_after_inflating() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.el.gz");
        std::fs::write(&p, gz(&vec![b'1'; 10_000])).unwrap();
        assert!(matches!(
            read_bytes(&p, true, 1000),
            Err(ReadError::TooLarge { limit: 1000 })
        ));
        let q = dir.path().join("g.el");
        std::fs::write(&q, vec![b'1'; 10_000]).unwrap();
        assert!(matches!(
            read_bytes(&q, false, 1000),
            Err(ReadError::TooLarge { limit: 1000 })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_folders_are_not_read() {
        for p in ["/dev/zero", "/dev/null", "/tmp"] {
            if Path::new(p).exists() {
                assert!(matches!(
                    read_bytes(Path::new(p), false, MAX_TEXT),
                    Err(ReadError::NotRegular)
                ));
            }
        }
    }

    #[test]
    fn a_bom_is_dropped_and_bad_utf8_is_placed() {
        assert_eq!(utf8(b"\xEF\xBB\xBF1 2\n".to_vec()).unwrap(), "1 2\n");
        let e = utf8(b"1 2\n3 \xff4\n".to_vec()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "not UTF-8 text: invalid byte at line 2, column 3 (byte offset 6)"
        );
    }
}
