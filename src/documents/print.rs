//! Printing through the operating system: CUPS `lp` on Linux and macOS,
//! the shell's "print" verb on Windows. Where no printer takes the job the
//! PDF stays in the data folder's `documents/` and the officer is told
//! where. File names carry numbers and dates, never a person's name.
//!
//! `BEDER_PRINTER=none` keeps every document as a file (a training room
//! without a printer, the tests).

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
