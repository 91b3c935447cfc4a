//! Officer accounts: Argon2id password hashes, roles, the failed-login
//! counter and lockout. Every login attempt is audited.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use thiserror::Error;

use super::audit::{self, AuditAction, AuditEvent};
use super::{Store, StoreError};
use crate::model::{FullName, Officer, OfficerRole};

/// When to lock an account after failed logins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// Failures in a row that lock the account.
    pub max_failures: u32,
    /// How long it stays locked.
    pub lock_for: Duration,
}

impl Default for LockoutPolicy {
    /// 5 failures lock the account for 5 minutes.
    fn default() -> Self {
        LockoutPolicy {
            max_failures: 5,
            lock_for: Duration::minutes(5),
        }
    }
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewOfficer {
    /// The officer's name.
    pub name: FullName,
    /// The login; unique.
    pub login: String,
    /// The password, as typed (stored only as its hash).
    pub password: String,
    /// Officer or supervisor.
    pub role: OfficerRole,
}

/// An account as the supervisor's screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficerAccount {
    /// The account's id.
    pub id: i64,
    /// Name, login and role.
    pub officer: Officer,
    /// Not deactivated.
    pub active: bool,
    /// Failed sign-ins since the last success.
    pub failed_logins: u32,
}

/// An officer who has signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// The account's id.
    pub id: i64,
    /// Name, login and role.
    pub officer: Officer,
}

/// Why a sign-in failed. The kiosk shows one message for unknown login and
/// wrong password, so that logins cannot be guessed.
#[derive(Debug, Error)]
pub enum AuthError {
    #[error("wrong login or password")]
    /// Unknown login or wrong password (one message for both).
    WrongCredentials,
    #[error("the account is locked until {until}")]
    /// Too many failures: locked for a while.
    Locked {
        /// When the lock ends.
        until: DateTime<Utc>,
    },
    #[error("the account is deactivated")]
    /// The account was deactivated.
    Deactivated,
    #[error(transparent)]
    /// The store failed.
    Store(#[from] StoreError),
}

impl AuthError {
    /// The Fluent message id of the error.
    pub fn message_key(&self) -> &'static str {
        match self {
            AuthError::WrongCredentials => "auth-error-wrong-credentials",
            AuthError::Locked { .. } => "auth-error-locked",
            AuthError::Deactivated => "auth-error-deactivated",
            AuthError::Store(e) => e.message_key(),
        }
    }
}

fn role_code(role: OfficerRole) -> &'static str {
    match role {
        OfficerRole::Officer => "officer",
        OfficerRole::Supervisor => "supervisor",
    }
}

fn role_from(code: &str) -> Result<OfficerRole, StoreError> {
    match code {
        "supervisor" => Ok(OfficerRole::Supervisor),
        "officer" => Ok(OfficerRole::Officer),
        other => Err(StoreError::Corrupt(format!("unknown officer role {other}"))),
    }
}

/// The fewest characters a password or a database passphrase may have
/// (the one rule: `enrollment::office` checks it for the screens, and the
/// store refuses a shorter one whoever asks).
pub const MIN_PASSWORD_CHARS: usize = 8;

fn hash_password(password: &str) -> Result<String, StoreError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(StoreError::Invalid(format!(
            "a password has at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Invalid(format!("the password cannot be hashed: {e}")))
}

fn password_matches(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn valid_name(name: &FullName) -> Result<(), StoreError> {
    if name.surname.trim().is_empty() || name.name.trim().is_empty() {
        return Err(StoreError::Invalid("surname and name are required".into()));
    }
    Ok(())
}

impl Store {
    /// Creates an account. `by` is the supervisor who creates it (`None` for
    /// the first supervisor, made at setup).
    pub fn create_officer(&mut self, by: Option<i64>, new: &NewOfficer) -> Result<i64, StoreError> {
        valid_name(&new.name)?;
        let login = new.login.trim();
        if login.is_empty() || login.chars().any(char::is_whitespace) {
            return Err(StoreError::Invalid("a login is one word".into()));
        }
        let hash = hash_password(&new.password)?;
        let tx = self.conn_mut().transaction()?;
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM officers WHERE login = ?1)",
            [login],
            |r| r.get(0),
        )?;
        if taken {
            return Err(StoreError::Invalid(format!("the login {login} is taken")));
        }
        tx.execute(
            "INSERT INTO officers (surname, name, patronymic, login, password_hash, role, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                new.name.surname.trim(),
                new.name.name.trim(),
                new.name.patronymic.as_deref().map(str::trim).filter(|p| !p.is_empty()),
                login,
                hash,
                role_code(new.role),
                time_text(Utc::now())
            ],
        )?;
        let id = tx.last_insert_rowid();
        let mut event = AuditEvent::new(AuditAction::OfficerCreated);
        event.officer_id = by;
        event.record_id = Some(id);
        audit::append(&tx, event, Utc::now())?;
        tx.commit()?;
        Ok(id)
    }

    /// Signs an officer in at `now`. A failure counts towards the lockout; a
    /// success resets the count. Every attempt is audited.
    #[expect(
        clippy::too_many_lines,
        reason = "every outcome of a sign-in (unknown, locked, inactive, wrong password, success) audited in one transaction"
    )]
    pub fn authenticate(
        &mut self,
        login: &str,
        password: &str,
        now: DateTime<Utc>,
        policy: LockoutPolicy,
    ) -> Result<SignedIn, AuthError> {
        type Row = (
            i64,
            String,
            String,
            Option<String>,
            String,
            String,
            bool,
            u32,
            Option<String>,
        );
        let row: Option<Row> = self
            .conn()
            .query_row(
                "SELECT id, surname, name, patronymic, login, password_hash, active, failed_logins, locked_until
                 FROM officers WHERE login = ?1",
                [login.trim()],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                    ))
                },
            )
            .optional()
            .map_err(StoreError::from)?;
        let Some((id, surname, name, patronymic, login, hash, active, failures, locked)) = row
        else {
            // Unknown login: audited without an officer, same answer as a wrong password.
            self.audit(AuditEvent::new(AuditAction::LoginFailed))?;
            return Err(AuthError::WrongCredentials);
        };
        let locked_until = locked
            .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
            .map(|t| t.with_timezone(&Utc));
        if let Some(until) = locked_until.filter(|until| *until > now) {
            self.audit(AuditEvent::new(AuditAction::LoginLocked).by(id))?;
            return Err(AuthError::Locked { until });
        }
        if !active {
            self.audit(AuditEvent::new(AuditAction::LoginFailed).by(id))?;
            return Err(AuthError::Deactivated);
        }
        let tx = self.conn_mut().transaction().map_err(StoreError::from)?;
        if !password_matches(password, &hash) {
            let failures = failures + 1;
            let lock = (failures >= policy.max_failures).then(|| now + policy.lock_for);
            tx.execute(
                "UPDATE officers SET failed_logins = ?1, locked_until = ?2 WHERE id = ?3",
                params![
                    if lock.is_some() { 0 } else { failures },
                    lock.map(time_text),
                    id
                ],
            )
            .map_err(StoreError::from)?;
            let action = if lock.is_some() {
                AuditAction::LoginLocked
            } else {
                AuditAction::LoginFailed
            };
            audit::append(&tx, AuditEvent::new(action).by(id), now)?;
            tx.commit().map_err(StoreError::from)?;
            return Err(match lock {
                Some(until) => AuthError::Locked { until },
                None => AuthError::WrongCredentials,
            });
        }
        tx.execute(
            "UPDATE officers SET failed_logins = 0, locked_until = NULL WHERE id = ?1",
            [id],
        )
        .map_err(StoreError::from)?;
        audit::append(
            &tx,
            AuditEvent::new(AuditAction::LoginSucceeded).by(id),
            now,
        )?;
        tx.commit().map_err(StoreError::from)?;
        let role: String = self
            .conn()
            .query_row("SELECT role FROM officers WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .map_err(StoreError::from)?;
        Ok(SignedIn {
            id,
            officer: Officer {
                name: FullName {
                    surname,
                    name,
                    patronymic,
                },
                login,
                role: role_from(&role)?,
            },
        })
    }

    /// All accounts, by surname.
    pub fn officers(&self) -> Result<Vec<OfficerAccount>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT id, surname, name, patronymic, login, role, active, failed_logins
             FROM officers ORDER BY surname, name, id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    FullName {
                        surname: r.get(1)?,
                        name: r.get(2)?,
                        patronymic: r.get(3)?,
                    },
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, bool>(6)?,
                    r.get(7)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, name, login, role, active, failed_logins)| {
                Ok(OfficerAccount {
                    id,
                    officer: Officer {
                        name,
                        login,
                        role: role_from(&role)?,
                    },
                    active,
                    failed_logins,
                })
            })
            .collect()
    }

    /// Deactivates an account (it is never deleted: registrations name it).
    pub fn deactivate_officer(&mut self, by: i64, id: i64) -> Result<(), StoreError> {
        let tx = self.conn_mut().transaction()?;
        let changed = tx.execute("UPDATE officers SET active = 0 WHERE id = ?1", [id])?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        let mut event = AuditEvent::new(AuditAction::OfficerDeactivated).by(by);
        event.record_id = Some(id);
        audit::append(&tx, event, Utc::now())?;
        tx.commit()?;
        Ok(())
    }

    /// Sets a new password and lifts any lock.
    pub fn reset_password(&mut self, by: i64, id: i64, password: &str) -> Result<(), StoreError> {
        let hash = hash_password(password)?;
        let tx = self.conn_mut().transaction()?;
        let changed = tx.execute(
            "UPDATE officers SET password_hash = ?1, failed_logins = 0, locked_until = NULL WHERE id = ?2",
            params![hash, id],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        let mut event = AuditEvent::new(AuditAction::OfficerPasswordReset).by(by);
        event.record_id = Some(id);
        audit::append(&tx, event, Utc::now())?;
        tx.commit()?;
        Ok(())
    }
}
