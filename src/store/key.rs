//! From the passphrase to the SQLCipher key.
//!
//! The passphrase is stretched with Argon2id into 64 bytes: the first 32 are
//! the database's raw SQLCipher key, the last 32 are hashed into a *check*
//! value. The salt, the Argon2 parameters and the check live in a small file
//! beside the database (`<db>.key`). The check lets the store tell a wrong
//! passphrase from a damaged database — SQLCipher alone answers "file is not
//! a database" for both — without revealing anything that helps to guess the
//! passphrase faster than Argon2id allows.

use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::StoreError;

/// Argon2id cost parameters for the database key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over the memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl Default for KdfParams {
    /// 64 MiB, 3 passes, 1 lane: about a quarter of a second on a desk PC,
    /// once at start-up.
    fn default() -> Self {
        KdfParams {
            memory_kib: 64 * 1024,
            iterations: 3,
            parallelism: 1,
        }
    }
}

/// The most a key file may ask for: four times what `db init` writes.
/// Beyond, it is a damaged (or tampered) key file, not a stronger one.
pub const KDF_LIMITS: KdfParams = KdfParams {
    memory_kib: 4 * 64 * 1024,
    iterations: 4 * 3,
    parallelism: 4,
};

impl KdfParams {
    /// Within Argon2's own minimums and [`KDF_LIMITS`].
    pub fn check(&self) -> Result<(), StoreError> {
        let bad = |what: &str| Err(StoreError::KeyFile(format!("{what} out of range")));
        if self.parallelism == 0 || self.parallelism > KDF_LIMITS.parallelism {
            return bad("the Argon2 lanes");
        }
        if self.iterations == 0 || self.iterations > KDF_LIMITS.iterations {
            return bad("the Argon2 passes");
        }
        if self.memory_kib < 8 * self.parallelism || self.memory_kib > KDF_LIMITS.memory_kib {
            return bad("the Argon2 memory");
        }
        Ok(())
    }

    /// The cheapest parameters Argon2 accepts. **Only for tests**, where dozens
    /// of databases are opened; never for a real mission's database.
    pub const fn insecure_fast_for_tests() -> Self {
        KdfParams {
            memory_kib: 8,
            iterations: 1,
            parallelism: 1,
        }
    }
}

/// The file beside the database.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct KeyFile {
    format: u32,
    kdf: String,
    params: KdfParams,
    salt: String,
    check: String,
}

/// A derived database key. Never printed; zeroed when dropped (each copy).
#[derive(Clone)]
pub struct DatabaseKey {
    raw: [u8; 32],
}

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(…)")
    }
}

impl DatabaseKey {
    /// The value of `PRAGMA key` for a raw key: `x'…'` in hex.
    pub(crate) fn pragma_value(&self) -> String {
        format!("x'{}'", hex(&self.raw))
    }
}

impl Drop for DatabaseKey {
    fn drop(&mut self) {
        self.raw.fill(0);
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Path of the key file of a database.
pub fn key_file_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

fn derive(passphrase: &str, salt: &[u8], params: KdfParams) -> Result<[u8; 64], StoreError> {
    let argon_params = Params::new(
        params.memory_kib,
        params.iterations,
        params.parallelism,
        Some(64),
    )
    .map_err(|e| StoreError::KeyFile(format!("bad key parameters: {e}")))?;
    let mut out = [0u8; 64];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut out)
        .map_err(|e| StoreError::KeyFile(format!("key derivation failed: {e}")))?;
    Ok(out)
}

fn check_value(derived: &[u8; 64]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"beder key check v1");
    hasher.update(&derived[32..]);
    hex(&hasher.finalize())
}

fn split(derived: [u8; 64]) -> DatabaseKey {
    let mut raw = [0u8; 32];
    raw.copy_from_slice(&derived[..32]);
    DatabaseKey { raw }
}

/// Creates the key file `path` of a new database (0600, synced) and
/// returns its key. Refuses to overwrite an existing file: that would make
/// its database unreadable.
pub fn create_key(
    path: &Path,
    passphrase: &str,
    params: KdfParams,
) -> Result<DatabaseKey, StoreError> {
    if passphrase.is_empty() {
        return Err(StoreError::EmptyPassphrase);
    }
    params.check()?;
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| StoreError::KeyFile(format!("no randomness: {e}")))?;
    let derived = derive(passphrase, &salt, params)?;
    let file = KeyFile {
        format: 1,
        kdf: "argon2id".into(),
        params,
        salt: hex(&salt),
        check: check_value(&derived),
    };
    let text =
        serde_json::to_string_pretty(&file).map_err(|e| StoreError::KeyFile(e.to_string()))?;
    crate::files::write_new_private(path, text.as_bytes())
        .map_err(|e| StoreError::from_io(path, e))?;
    Ok(split(derived))
}

/// The largest key file read (one is about 300 bytes).
const KEY_FILE_LIMIT: u64 = 64 * 1024;

/// Reads the key file of an existing database and derives its key; a
/// passphrase that does not produce the recorded check is refused.
pub fn open_key(database: &Path, passphrase: &str) -> Result<DatabaseKey, StoreError> {
    let path = key_file_path(database);
    let text = crate::files::read_text(&path, KEY_FILE_LIMIT).map_err(|e| match e {
        crate::files::ReadError::Io { source, .. }
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            StoreError::KeyFileMissing(path.clone())
        }
        crate::files::ReadError::Io { source, .. } => StoreError::from_io(&path, source),
        other => StoreError::KeyFile(other.to_string()),
    })?;
    let file: KeyFile = serde_json::from_str(&text)
        .map_err(|e| StoreError::KeyFile(format!("{}: {e}", path.display())))?;
    if file.format != 1 || file.kdf != "argon2id" {
        return Err(StoreError::KeyFile(format!(
            "{}: unknown key format {} / {}",
            path.display(),
            file.format,
            file.kdf
        )));
    }
    // Parameters no `db init` writes (an edited file: 4,294,967,295
    // passes would hang every command) are damage, refused before any
    // work is done.
    file.params
        .check()
        .map_err(|e| StoreError::KeyFile(format!("{}: {}", path.display(), e.detail())))?;
    let salt = unhex(&file.salt)
        .ok_or_else(|| StoreError::KeyFile(format!("{}: bad salt", path.display())))?;
    let derived = derive(passphrase, &salt, file.params)?;
    if check_value(&derived) != file.check {
        return Err(StoreError::WrongPassphrase);
    }
    Ok(split(derived))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip() {
        let bytes = [0u8, 1, 0xab, 0xff];
        assert_eq!(unhex(&hex(&bytes)), Some(bytes.to_vec()));
        assert_eq!(unhex("abc"), None);
        assert_eq!(unhex("zz"), None);
    }

    #[test]
    fn the_check_tells_passphrases_apart() {
        let salt = [7u8; 16];
        let params = KdfParams::insecure_fast_for_tests();
        let a = derive("correct horse", &salt, params).unwrap_or([0; 64]);
        let b = derive("correct horsf", &salt, params).unwrap_or([0; 64]);
        assert_ne!(check_value(&a), check_value(&b));
        assert_eq!(
            check_value(&a),
            check_value(&derive("correct horse", &salt, params).unwrap_or([1; 64]))
        );
    }
}
