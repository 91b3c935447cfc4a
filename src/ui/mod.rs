//! The eframe kiosk: the app shell (unlock, first-run setup, sign-in, idle
//! lock, language, theme, training banner) and the desk screens over
//! [`crate::enrollment::Desk`]. No rules and no SQL here: the screens render
//! the flow's step and send it events.

mod desk;
mod shell;

use std::path::PathBuf;

use chrono::NaiveDate;

pub use shell::BederApp;

use crate::i18n::Lang;
use crate::store::{KdfParams, Mode};

/// The training database's passphrase: training data are synthetic, the
/// file is still encrypted like the live one.
pub const TRAINING_PASSPHRASE: &str = "beder-training-room";
/// The demo officer of training mode, shown on the sign-in screen.
pub const DEMO_LOGIN: &str = "demo";
pub const DEMO_PASSWORD: &str = "demo-training";

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
    /// Minutes without input before the screen locks.
    pub idle_lock_minutes: u32,
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
            idle_lock_minutes: 5,
        }
    }
}
