//! The mission's settings a supervisor changes: the capture step's quality
//! threshold and attempts, the idle lock, the screen's theme, and how long
//! an item may wait in the outbox before the officers are warned.

use super::books::Books;
use crate::biometrics::quality::QualityPolicy;
use crate::store::StoreError;

use super::forms::FieldError;

/// The kiosk's look (the screens map it onto their design tokens).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Theme {
    /// A consular desk is a bright room: the default.
    #[default]
    Light,
    Dark,
    /// For very bright rooms: black on white, every text well above WCAG AA.
    HighContrast,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::HighContrast];

    /// The code stored in the settings.
    pub fn code(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::HighContrast => "high_contrast",
        }
    }

    pub fn from_code(code: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.code() == code)
    }

    pub fn is_dark(self) -> bool {
        self == Theme::Dark
    }
}

/// The settings, with their defaults when never set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MissionSettings {
    pub quality: QualityPolicy,
    /// Minutes without input before the screen locks.
    pub idle_lock_minutes: u32,
    pub theme: Theme,
    /// Days an outbox item may wait unanswered by the registries before a
    /// banner warns at sign-in.
    pub outbox_warn_days: u32,
    /// Days after the registry acknowledged a registration before its
    /// images are purged (retention; the templates stay).
    pub retention_days: u32,
    /// SBI devices that are not registered (unsigned info, a purpose other
    /// than Registration, the demonstration certificate) may be used — in
    /// training mode only; a live desk never takes them, whatever this
    /// says.
    pub developer_devices_in_training: bool,
}

impl Default for MissionSettings {
    fn default() -> Self {
        MissionSettings {
            quality: QualityPolicy::default(),
            idle_lock_minutes: 5,
            theme: Theme::Light,
            outbox_warn_days: 14,
            retention_days: 30,
            developer_devices_in_training: true,
        }
    }
}

const QUALITY: &str = "quality_threshold";
const ATTEMPTS: &str = "max_attempts";
const IDLE: &str = "idle_lock_minutes";
const THEME: &str = "theme";
const OUTBOX_WARN: &str = "outbox_warn_days";
const RETENTION: &str = "retention_days";
const DEVELOPER_DEVICES: &str = "developer_devices_in_training";

/// The accepted ranges.
pub const QUALITY_RANGE: std::ops::RangeInclusive<u32> = 10..=90;
pub const ATTEMPTS_RANGE: std::ops::RangeInclusive<u32> = 1..=10;
pub const IDLE_RANGE: std::ops::RangeInclusive<u32> = 1..=60;
pub const OUTBOX_WARN_RANGE: std::ops::RangeInclusive<u32> = 1..=90;
pub const RETENTION_RANGE: std::ops::RangeInclusive<u32> = 1..=3650;

/// The settings as typed on the supervisor's screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsForm {
    pub quality_threshold: String,
    pub max_attempts: String,
    pub idle_lock_minutes: String,
    pub theme: Theme,
    pub outbox_warn_days: String,
    pub retention_days: String,
    pub developer_devices_in_training: bool,
}

fn number(
    text: &str,
    field: &'static str,
    range: &std::ops::RangeInclusive<u32>,
    errors: &mut Vec<FieldError>,
) -> u32 {
    match text.trim().parse::<u32>() {
        Ok(n) if range.contains(&n) => n,
        _ => {
            errors.push(FieldError::new(field, "field-out-of-range"));
            *range.start()
        }
    }
}

impl SettingsForm {
    pub fn from_settings(settings: &MissionSettings) -> Self {
        SettingsForm {
            quality_threshold: settings.quality.recapture_below.to_string(),
            max_attempts: settings.quality.max_attempts.to_string(),
            idle_lock_minutes: settings.idle_lock_minutes.to_string(),
            theme: settings.theme,
            outbox_warn_days: settings.outbox_warn_days.to_string(),
            retention_days: settings.retention_days.to_string(),
            developer_devices_in_training: settings.developer_devices_in_training,
        }
    }

    pub fn validate(&self) -> Result<MissionSettings, Vec<FieldError>> {
        let mut errors = Vec::new();
        let q = number(
            &self.quality_threshold,
            "quality_threshold",
            &QUALITY_RANGE,
            &mut errors,
        );
        let a = number(
            &self.max_attempts,
            "max_attempts",
            &ATTEMPTS_RANGE,
            &mut errors,
        );
        let i = number(
            &self.idle_lock_minutes,
            "idle_lock_minutes",
            &IDLE_RANGE,
            &mut errors,
        );
        let w = number(
            &self.outbox_warn_days,
            "outbox_warn_days",
            &OUTBOX_WARN_RANGE,
            &mut errors,
        );
        let retention = number(
            &self.retention_days,
            "retention_days",
            &RETENTION_RANGE,
            &mut errors,
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(MissionSettings {
            quality: QualityPolicy {
                recapture_below: u8::try_from(q).unwrap_or(40),
                max_attempts: u8::try_from(a).unwrap_or(3),
            },
            idle_lock_minutes: i,
            theme: self.theme,
            outbox_warn_days: w,
            retention_days: retention,
            developer_devices_in_training: self.developer_devices_in_training,
        })
    }
}

impl MissionSettings {
    /// Reads the settings; a missing or unreadable value keeps its default.
    pub fn load(books: &impl Books) -> Result<MissionSettings, StoreError> {
        let store = books.store();
        let default = MissionSettings::default();
        // A value outside its range was not written by this program: said,
        // never silently replaced by the default.
        let read =
            |key: &str, range: &std::ops::RangeInclusive<u32>| -> Result<Option<u32>, StoreError> {
                match store.setting(key)? {
                    None => Ok(None),
                    Some(v) => match v.parse::<u32>() {
                        Ok(n) if range.contains(&n) => Ok(Some(n)),
                        _ => Err(StoreError::Corrupt(format!("the setting {key} is {v:?}"))),
                    },
                }
            };
        let theme = match store.setting(THEME)? {
            None => default.theme,
            Some(code) => Theme::from_code(&code)
                .ok_or_else(|| StoreError::Corrupt(format!("the setting {THEME} is {code:?}")))?,
        };
        Ok(MissionSettings {
            quality: QualityPolicy {
                recapture_below: read(QUALITY, &QUALITY_RANGE)?
                    .and_then(|v| u8::try_from(v).ok())
                    .unwrap_or(default.quality.recapture_below),
                max_attempts: read(ATTEMPTS, &ATTEMPTS_RANGE)?
                    .and_then(|v| u8::try_from(v).ok())
                    .unwrap_or(default.quality.max_attempts),
            },
            idle_lock_minutes: read(IDLE, &IDLE_RANGE)?.unwrap_or(default.idle_lock_minutes),
            theme,
            outbox_warn_days: read(OUTBOX_WARN, &OUTBOX_WARN_RANGE)?
                .unwrap_or(default.outbox_warn_days),
            retention_days: read(RETENTION, &RETENTION_RANGE)?.unwrap_or(default.retention_days),
            developer_devices_in_training: match store.setting(DEVELOPER_DEVICES)?.as_deref() {
                None => default.developer_devices_in_training,
                Some("1") => true,
                Some("0") => false,
                Some(other) => {
                    return Err(StoreError::Corrupt(format!(
                        "the setting {DEVELOPER_DEVICES} is {other:?}"
                    )));
                }
            },
        })
    }

    /// Saves every setting and the audit entry in one transaction.
    pub fn save(&self, books: &mut impl Books, by: i64) -> Result<(), StoreError> {
        let store = books.store_mut();
        store.save_settings(
            Some(by),
            &[
                (QUALITY, self.quality.recapture_below.to_string()),
                (ATTEMPTS, self.quality.max_attempts.to_string()),
                (IDLE, self.idle_lock_minutes.to_string()),
                (THEME, self.theme.code().to_string()),
                (OUTBOX_WARN, self.outbox_warn_days.to_string()),
                (RETENTION, self.retention_days.to_string()),
                (
                    DEVELOPER_DEVICES,
                    u8::from(self.developer_devices_in_training).to_string(),
                ),
            ],
        )
    }
}

/// Whole days the oldest item the registries have not answered has
/// waited, when that is at least the warning threshold.
pub fn outbox_overdue(
    books: &impl Books,
    settings: &MissionSettings,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<i64>, StoreError> {
    let store = books.store();
    let summary = store.outbox_summary()?;
    let Some(oldest) = summary.oldest_unanswered else {
        return Ok(None);
    };
    let queued = chrono::DateTime::parse_from_rfc3339(&oldest)
        .map_err(|_| StoreError::Corrupt(format!("an outbox item queued at {oldest:?}")))?;
    let days = (now - queued.with_timezone(&chrono::Utc)).num_days();
    Ok((days >= i64::from(settings.outbox_warn_days)).then_some(days))
}
