//! Printing through the operating system: CUPS `lp` on Linux and macOS,
//! the shell's "print" verb on Windows. Where no printer takes the job the
//! PDF stays in the data folder's `documents/` and the officer is told
//! where. File names carry numbers and dates, never a person's name.
//!
//! `BEDER_PRINTER=none` keeps every document as a file (a training room
//! without a printer, the tests).
//!
//! A kept PDF holds personal data outside the encrypted database, so it
//! does not stay: documents older than [`KEPT_DAYS`] are deleted whenever
//! another is written and when an officer signs out. The record stays in
//! the store.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::DocumentError;
use crate::store::{AuditAction, AuditEvent, Store};

/// What became of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivered {
    /// Sent to the default printer; the file is gone.
    Printed,
    /// Kept as a file (no printer, or printing failed).
    Saved(PathBuf),
}

/// How long a document kept as a file (for a printer that was down) stays
/// in `documents/`: a week covers a printer repaired or a file carried to
/// another one.
pub const KEPT_DAYS: u64 = 7;

/// Deletes the PDFs in `documents/` last written more than [`KEPT_DAYS`]
/// before `now`; returns how many went. A file that cannot be read or
/// deleted is left for the next time.
pub fn purge_kept(data_dir: &Path, now: std::time::SystemTime) -> usize {
    let Ok(entries) = std::fs::read_dir(documents_dir(data_dir)) else {
        return 0;
    };
    let limit = std::time::Duration::from_secs(KEPT_DAYS * 24 * 3600);
    entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .filter(|e| {
            e.metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|written| now.duration_since(written).ok())
                .is_some_and(|age| age > limit)
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// The folder documents are kept in.
pub fn documents_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("documents")
}

/// A file name from what is not personal: `kind-number-date.pdf`, with
/// anything but letters, digits and `-` left out.
pub fn file_name(kind: &str, number: &str, date: chrono::NaiveDate) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect()
    };
    format!(
        "{}-{}-{}.pdf",
        clean(kind),
        clean(number),
        date.format("%Y%m%d")
    )
}

/// Writes the PDF and sends it to the default printer; keeps it where no
/// printer takes it.
pub fn deliver(pdf: &[u8], data_dir: &Path, name: &str) -> Result<Delivered, DocumentError> {
    purge_kept(data_dir, std::time::SystemTime::now());
    let dir = documents_dir(data_dir);
    std::fs::create_dir_all(&dir).map_err(DocumentError::Io)?;
    let path = dir.join(name);
    std::fs::write(&path, pdf).map_err(DocumentError::Io)?;
    if std::env::var("BEDER_PRINTER").is_ok_and(|v| v == "none") {
        return Ok(Delivered::Saved(path));
    }
    if send_to_printer(&path) {
        if cfg!(windows) {
            // The shell prints from the file after returning: it stays.
            return Ok(Delivered::Saved(path));
        }
        let _ = std::fs::remove_file(&path);
        return Ok(Delivered::Printed);
    }
    Ok(Delivered::Saved(path))
}

#[cfg(windows)]
fn send_to_printer(path: &Path) -> bool {
    Command::new("powershell")
        .args(["-NoProfile", "-NonInteractive", "-Command"])
        .arg(format!(
            "Start-Process -FilePath '{}' -Verb Print",
            path.display().to_string().replace('\'', "''")
        ))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(not(windows))]
fn send_to_printer(path: &Path) -> bool {
    // `lp` copies the file into the spool and fails without a default
    // destination.
    Command::new("lp")
        .arg("-s")
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A document made by officer `by`: kept in the data folder beside the
/// database or printed (see [`deliver`]), and audited.
pub fn deliver_audited(
    store: &mut Store,
    by: i64,
    pdf: &[u8],
    kind: &str,
    number: &str,
    date: chrono::NaiveDate,
) -> Result<Delivered, DocumentError> {
    let data_dir = store
        .path()
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let delivered = deliver(pdf, &data_dir, &file_name(kind, number, date))?;
    store.audit(AuditEvent::new(AuditAction::DocumentPrinted).by(by))?;
    Ok(delivered)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    /// Only what is older than the week goes, and only PDFs.
    #[test]
    fn kept_documents_older_than_a_week_are_deleted() {
        let data = tempfile::tempdir().expect("a temporary folder");
        let dir = documents_dir(data.path());
        std::fs::create_dir_all(&dir).expect("documents/");
        let now = SystemTime::now();
        let day = Duration::from_secs(24 * 3600);
        let write = |name: &str, age: Duration| {
            let path = dir.join(name);
            std::fs::write(&path, b"%PDF-1.7").expect("written");
            let file = std::fs::File::options()
                .write(true)
                .open(&path)
                .expect("opened");
            file.set_modified(now - age).expect("dated");
            path
        };
        let old = write("receipt-C-000001-20261101.pdf", day * 8);
        let recent = write("receipt-C-000002-20261201.pdf", day * 2);
        let other = write("notes.txt", day * 30);
        assert_eq!(purge_kept(data.path(), now), 1);
        assert!(!old.exists());
        assert!(recent.exists() && other.exists());
        // No folder yet: nothing to do.
        assert_eq!(purge_kept(&data.path().join("none"), now), 0);
    }
}
