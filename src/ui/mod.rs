//! The eframe kiosk: the app shell (unlock, first-run setup, sign-in, idle
//! lock, language, theme, training banner) and the desk screens over
//! [`crate::enrollment::Desk`]. No rules and no SQL here: the screens render
//! the flow's step and send it events.

mod admin;
mod capture;
pub mod design;
pub mod desk;
mod devices;
mod personal;
mod records;
mod shell;
mod supervisor;
mod widgets;

use std::path::PathBuf;

use chrono::NaiveDate;

pub use devices::{Devices, bundled_simulator_dir};
pub use shell::BederApp;

use crate::i18n::Lang;
use crate::store::{KdfParams, Mode};

pub use crate::enrollment::office::{DEMO_LOGIN, DEMO_PASSWORD, TRAINING_PASSPHRASE};

/// How the kiosk starts.
#[derive(Debug, Clone)]
pub struct AppConfig {
    pub data_dir: PathBuf,
    pub mode: Mode,
    pub lang: Lang,
    /// The live database's passphrase when given on the command line or in
    /// the environment (otherwise the unlock screen asks).
    pub passphrase: Option<String>,
    pub kdf: KdfParams,
    /// The application date; `None` means today (tests pin it).
    pub today: Option<NaiveDate>,
    /// Minutes without input before the screen locks, overriding the
    /// mission setting (tests).
    pub idle_lock_minutes: Option<u32>,
    /// The simulator's persons (training mode); `None` for the shipped set.
    pub simulator_dir: Option<PathBuf>,
    /// Look for SBI device services on 127.0.0.1:4501–4600 at start (the
    /// kiosk does; tests drive the simulator).
    pub discover_sbi: bool,
}

impl AppConfig {
    pub fn new(data_dir: PathBuf, mode: Mode) -> Self {
        AppConfig {
            data_dir,
            mode,
            lang: Lang::Kk,
            passphrase: None,
            kdf: KdfParams::default(),
            today: None,
            idle_lock_minutes: None,
            simulator_dir: None,
            discover_sbi: false,
        }
    }
}
