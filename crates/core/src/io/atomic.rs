//! Writing a file whole or not at all: what is written goes to a temporary file in the same
//! folder, which is flushed, synced, and renamed over the target, then the folder is synced.
//! A crash or a full disk leaves the old file (or none), never half of the new one.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes `path` with what `write` writes, atomically: on any error the target is untouched
/// and the temporary file removed.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    let result = (|| {
        let file = File::create(&tmp)?;
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        // The rename is durable once the folder is synced (not possible on every platform:
        // opening a folder fails on Windows, where the rename is already durable).
        if let Ok(d) = File::open(&dir) {
            d.sync_all().or_else(|e| {
                if e.kind() == io::ErrorKind::InvalidInput {
                    Ok(())
                } else {
                    Err(e)
                }
            })?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_or_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("out.txt");
        write_atomic(&path, |w| w.write_all(b"first")).expect("written");
        assert_eq!(fs::read(&path).expect("read"), b"first");
        let failed = write_atomic(&path, |w| {
            w.write_all(b"half of the second")?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read(&path).expect("read"), b"first");
        let left: Vec<_> = fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
        assert!(write_atomic(&dir.path().join("missing/out.txt"), |w| w.write_all(b"x")).is_err());
    }
}
