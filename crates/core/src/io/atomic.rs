//! Writing a file atomically: the target is always either its whole old content or the whole
//! new one, never a half-written file, whatever fails and whenever the process dies.
//!
//! The new content goes to a temporary file in the target's folder (a rename is atomic only
//! within one file system), which is written, flushed and synced to the disk, then renamed
//! over the target; the folder is synced last, so that the rename itself survives a power
//! cut. On any failure before the rename the temporary file is removed and the old target is
//! untouched. (`tempfile`'s `persist` syncs neither the file nor the folder, hence this.)
//!
//! A process killed by SIGKILL cannot remove its temporary file: a `.NAME.PID.N.tmp` may then
//! be left beside the target, but never under the target's name.
//!
//! ```
//! use std::io::Write;
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("out.txt");
//! clustergraph_core::io::write_atomic(&path, |w| w.write_all(b"hello")).unwrap();
//! assert_eq!(std::fs::read(&path).unwrap(), b"hello");
//! ```

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes the file at `path` through `write`, atomically: see the module documentation.
/// `write` receives a buffered writer; an error it returns abandons the new content.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write_atomic_with(&RealFs, path, write)
}

/// The file-system operations [`write_atomic`] takes, one method per step, so that a test can
/// make each of them fail in turn.
pub(crate) trait Fs {
    type File: Write;
    /// Creates a new file, failing if it exists.
    fn create_new(&self, path: &Path) -> io::Result<Self::File>;
    /// Syncs the file's content and metadata to the disk.
    fn sync(&self, file: &mut Self::File) -> io::Result<()>;
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Syncs a folder, so that a rename in it is durable.
    fn sync_dir(&self, dir: &Path) -> io::Result<()>;
    fn remove(&self, path: &Path) -> io::Result<()>;
}

/// The operating system's file system.
struct RealFs;

impl Fs for RealFs {
    type File = File;

    fn create_new(&self, path: &Path) -> io::Result<File> {
        OpenOptions::new().write(true).create_new(true).open(path)
    }

    fn sync(&self, file: &mut File) -> io::Result<()> {
        file.sync_all()
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        // Opening a folder read-only and syncing it is how POSIX makes a rename durable;
        // Windows cannot open a folder as a file, and its renames need no such step.
        if cfg!(unix) {
            File::open(dir)?.sync_all()
        } else {
            Ok(())
        }
    }

    fn remove(&self, path: &Path) -> io::Result<()> {
        std::fs::remove_file(path)
    }
}

/// Distinguishes the temporary files of several writes by one process.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// [`write_atomic`] on the file system `fs`.
pub(crate) fn write_atomic_with<F: Fs>(
    fs: &F,
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let Some(name) = path.file_name() else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path names no file",
        ));
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (tmp, file) = create_temp(fs, &dir, &name.to_string_lossy())?;
    let written = (|| {
        let mut out = BufWriter::with_capacity(1 << 20, file);
        write(&mut out)?;
        out.flush()?;
        let mut file = out.into_inner().map_err(|e| e.into_error())?;
        fs.sync(&mut file)
        // The file is closed here, before the rename (Windows would refuse to rename it open).
    })();
    if let Err(e) = written.and_then(|()| fs.rename(&tmp, path)) {
        // Best effort: the error worth reporting is the one that stopped the write.
        let _ = fs.remove(&tmp);
        return Err(e);
    }
    // The new content is in place; a failure here means only that the rename may not survive
    // a power cut, which the caller is told.
    fs.sync_dir(&dir)
}

/// Creates `.NAME.PID.N.tmp` in `dir`, trying another `N` if one is taken.
fn create_temp<F: Fs>(fs: &F, dir: &Path, name: &str) -> io::Result<(PathBuf, F::File)> {
    let pid = std::process::id();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{pid}.{n}.tmp"));
        match fs.create_new(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// The steps of a write, in order; [`Failing`] fails the one it is given.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum Step {
        Create,
        Write,
        Flush,
        Sync,
        Rename,
        SyncDir,
    }

    const STEPS: [Step; 6] = [
        Step::Create,
        Step::Write,
        Step::Flush,
        Step::Sync,
        Step::Rename,
        Step::SyncDir,
    ];

    /// The real file system, with one step made to fail.
    struct Failing {
        step: Step,
        /// Whether the step has failed (each fails once, where it is reached).
        failed: Cell<bool>,
    }

    impl Failing {
        fn fail(&self, step: Step) -> io::Result<()> {
            if self.step == step {
                self.failed.set(true);
                Err(io::Error::other(format!("injected failure at {step:?}")))
            } else {
                Ok(())
            }
        }
    }

    /// A file whose writes or flushes fail when told to.
    struct FailingFile<'a> {
        file: File,
        fs: &'a Failing,
    }

    impl Write for FailingFile<'_> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.fs.fail(Step::Write)?;
            self.file.write(buf)
        }

        fn flush(&mut self) -> io::Result<()> {
            self.fs.fail(Step::Flush)?;
            self.file.flush()
        }
    }

    impl<'a> Fs for &'a Failing {
        type File = FailingFile<'a>;

        fn create_new(&self, path: &Path) -> io::Result<FailingFile<'a>> {
            self.fail(Step::Create)?;
            Ok(FailingFile {
                file: RealFs.create_new(path)?,
                fs: self,
            })
        }

        fn sync(&self, file: &mut FailingFile<'a>) -> io::Result<()> {
            self.fail(Step::Sync)?;
            file.file.sync_all()
        }

        fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
            self.fail(Step::Rename)?;
            RealFs.rename(from, to)
        }

        fn sync_dir(&self, dir: &Path) -> io::Result<()> {
            self.fail(Step::SyncDir)?;
            RealFs.sync_dir(dir)
        }

        fn remove(&self, path: &Path) -> io::Result<()> {
            RealFs.remove(path)
        }
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.cgs");
        write_atomic(&p, |w| w.write_all(b"old")).unwrap();
        write_atomic(&p, |w| w.write_all(b"new content")).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new content");
        assert_eq!(entries(dir.path()), ["g.cgs"]);
    }

    /// Each step fails in turn: before the rename the old file is untouched, after it the new
    /// one is whole; no temporary file is ever left, and the error is the injected one.
    #[test]
    fn a_failure_at_any_step_leaves_the_old_file_or_the_whole_new_one() {
        // Larger than the writer's buffer, so that the content is written in several calls.
        let new: Vec<u8> = (0..3 << 20).map(|i| (i % 251) as u8).collect();
        for step in STEPS {
            let dir = tempfile::tempdir().unwrap();
            let p = dir.path().join("g.cgs");
            std::fs::write(&p, b"the old snapshot").unwrap();
            let fs = Failing {
                step,
                failed: Cell::new(false),
            };
            let err = write_atomic_with(&&fs, &p, |w| w.write_all(&new)).unwrap_err();
            assert!(fs.failed.get(), "{step:?} was reached");
            assert!(
                err.to_string().contains("injected failure"),
                "{step:?}: {err}"
            );
            let now = std::fs::read(&p).unwrap();
            if step == Step::SyncDir {
                assert_eq!(now, new, "{step:?}: the rename happened");
            } else {
                assert_eq!(
                    now, b"the old snapshot",
                    "{step:?}: the old file is untouched"
                );
            }
            assert_eq!(
                entries(dir.path()),
                ["g.cgs"],
                "{step:?}: no temporary file"
            );
        }
    }

    #[test]
    fn a_failing_writer_abandons_the_new_content() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.cgs");
        std::fs::write(&p, b"old").unwrap();
        let err = write_atomic(&p, |w| {
            w.write_all(b"half of it")?;
            Err(io::Error::other("the graph could not be encoded"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "the graph could not be encoded");
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        assert_eq!(entries(dir.path()), ["g.cgs"]);
        // No target before: none after.
        let q = dir.path().join("h.cgs");
        assert!(write_atomic(&q, |_| Err(io::Error::other("no"))).is_err());
        assert_eq!(entries(dir.path()), ["g.cgs"]);
    }

    #[test]
    fn a_missing_folder_or_a_path_without_a_file_name_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("absent/g.cgs");
        let err = write_atomic(&p, |w| w.write_all(b"x")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert!(write_atomic(Path::new("/"), |w| w.write_all(b"x")).is_err());
    }
}
