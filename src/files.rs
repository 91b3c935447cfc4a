//! Reading and writing files the way a kiosk must: every read bounded,
//! only regular files where a file is expected (a FIFO would block, a
//! device would never end), every file Beder writes private to its user
//! (0600) and whole or absent (written under a temporary name, synced,
//! renamed).

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Why a file could not be read.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("{0} is not a regular file")]
    NotAFile(PathBuf),
    #[error("{path} is larger than {limit} bytes")]
    TooLarge { path: PathBuf, limit: u64 },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl ReadError {
    /// The Fluent message id of the officer-facing text; its arguments
    /// are `path`, `limit` (MiB) and `detail`.
    pub fn message_key(&self) -> &'static str {
        match self {
            ReadError::NotAFile(_) => "file-error-not-a-file",
            ReadError::TooLarge { .. } => "file-error-too-large",
            ReadError::Io { source, .. } => crate::i18n::io_error_key(source.kind()),
        }
    }

    pub fn path(&self) -> &Path {
        match self {
            ReadError::NotAFile(path)
            | ReadError::TooLarge { path, .. }
            | ReadError::Io { path, .. } => path,
        }
    }

    /// The limit in whole MiB (rounded up), for the message.
    pub fn limit_mib(&self) -> u64 {
        match self {
            ReadError::TooLarge { limit, .. } => limit.div_ceil(1024 * 1024),
            _ => 0,
        }
    }
}

/// Reads at most `limit` bytes from `reader`; more is an error, not a
/// truncation.
pub fn read_bounded(mut reader: impl Read, limit: u64, path: &Path) -> Result<Vec<u8>, ReadError> {
    let mut out = Vec::new();
    reader
        .by_ref()
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|source| ReadError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if out.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    Ok(out)
}

/// Reads a regular file of at most `limit` bytes. A FIFO, a device or a
/// directory is refused before it is opened for reading (opening a FIFO
/// would block).
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(path.to_path_buf()));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    let file = fs::File::open(path).map_err(io)?;
    // The file may have grown since: the read is bounded all the same.
    read_bounded(file, limit, path)
}

/// [`read_file`] as UTF-8 text.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_file(path, limit)?;
    String::from_utf8(bytes).map_err(|e| ReadError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
    })
}

/// Options that create a file only its owner can read (0600 on Unix).
fn private_options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Creates `path` (it must not exist), private to its owner, empty.
pub fn create_private(path: &Path) -> std::io::Result<fs::File> {
    private_options().open(path)
}

/// Writes a new file `path` (it must not exist) with `bytes`, private to
/// its owner, and syncs it.
pub fn write_new_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = create_private(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// A temporary name beside `path`, unique to this process.
pub fn temporary_beside(path: &Path, purpose: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{purpose}-{}", std::process::id()));
    PathBuf::from(name)
}

/// Syncs a directory, so that a rename in it survives a power cut (a
/// no-op where directories cannot be opened, as on Windows).
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `path` whole or not at all: to a temporary name beside it,
/// synced, then renamed over it (replacing a file already there). A kill
/// at any point leaves the old file or the new one, never half of one;
/// a failure removes the temporary file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temporary = temporary_beside(path, "partial");
    let result = write_new_private(&temporary, bytes)
        .and_then(|_| fs::rename(&temporary, path))
        .and_then(|_| sync_dir(parent_of(path)));
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// Like [`write_atomically`], but refuses to replace an existing file:
/// the rename is a hard link (which fails when the name is taken) followed
/// by the removal of the temporary name.
pub fn write_new_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temporary = temporary_beside(path, "partial");
    let result = write_new_private(&temporary, bytes)
        .and_then(|_| fs::hard_link(&temporary, path))
        .and_then(|_| sync_dir(parent_of(path)));
    let _ = fs::remove_file(&temporary);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_over_the_limit_is_refused_not_cut() {
        let dir = tempfile::tempdir().map_err(|e| e.to_string());
        let Ok(dir) = dir else { return };
        let path = dir.path().join("f");
        assert!(fs::write(&path, vec![1u8; 100]).is_ok());
        assert!(matches!(
            read_file(&path, 99),
            Err(ReadError::TooLarge { .. })
        ));
        assert_eq!(read_file(&path, 100).map(|b| b.len()).ok(), Some(100));
        assert!(matches!(
            read_bounded(std::io::repeat(0), 1000, &path),
            Err(ReadError::TooLarge { .. })
        ));
        assert!(matches!(
            read_file(dir.path(), 1000),
            Err(ReadError::NotAFile(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn files_written_are_private_and_whole() {
        use std::os::unix::fs::PermissionsExt;
        let Ok(dir) = tempfile::tempdir() else { return };
        let path = dir.path().join("out");
        assert!(write_atomically(&path, b"one").is_ok());
        assert!(write_atomically(&path, b"two").is_ok());
        assert_eq!(fs::read(&path).ok().as_deref(), Some(&b"two"[..]));
        let mode = fs::metadata(&path).map(|m| m.permissions().mode() & 0o777);
        assert_eq!(mode.ok(), Some(0o600));
        assert!(write_new_atomically(&path, b"three").is_err());
        assert_eq!(fs::read(&path).ok().as_deref(), Some(&b"two"[..]));
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(dir.path())
            .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert_eq!(names.len(), 1);
    }
}
