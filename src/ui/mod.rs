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

use crate::enrollment::{KdfParams, Mode};
use crate::i18n::Lang;

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

#[cfg(test)]
pub(crate) mod tests {
    /// The modules a screen may not name: it reaches the store and the
    /// biometrics only through `enrollment` (its `Office` and flows).
    const BEHIND_ENROLLMENT: [&str; 4] = [
        "crate::store",
        "crate::biometrics",
        "beder::store",
        "beder::biometrics",
    ];

    /// The lines of `source` that name a module behind `enrollment`, up to
    /// its tests (which may build what they check).
    fn reaches_behind(source: &str) -> Vec<String> {
        source
            .lines()
            .take_while(|line| line.trim() != "#[cfg(test)]")
            .enumerate()
            .filter(|(_, line)| !line.trim_start().starts_with("//"))
            .filter(|(_, line)| BEHIND_ENROLLMENT.iter().any(|m| line.contains(m)))
            .map(|(n, line)| format!("{}: {}", n + 1, line.trim()))
            .collect()
    }

    #[test]
    fn the_check_finds_a_store_import() {
        let screen = "use crate::enrollment::{Office, RegistrationId};\n\
                      use crate::store::Store;\n// crate::store in a comment\n\
                      let q = crate::biometrics::quality::score(&image);\n\
                      #[cfg(test)]\nuse crate::store::Store;";
        assert_eq!(reaches_behind(screen).len(), 2);
    }

    #[test]
    fn screens_reach_the_store_and_biometrics_only_through_enrollment() {
        let offenders = offending_lines(None, reaches_behind);
        assert!(offenders.is_empty(), "{}", offenders.join("\n"));
    }

    /// Every line `check` finds in the sources of `src/ui` (but the folder
    /// `skip`), as `path:line: code`.
    pub(crate) fn offending_lines(
        skip: Option<&str>,
        check: fn(&str) -> Vec<String>,
    ) -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
        let mut files = vec![root];
        let mut offenders = Vec::new();
        while let Some(path) = files.pop() {
            if path.is_dir() {
                if skip.is_some_and(|folder| path.ends_with(folder)) {
                    continue;
                }
                let entries = std::fs::read_dir(&path).expect("src/ui is readable");
                files.extend(entries.flatten().map(|e| e.path()));
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).expect("a source file reads");
                for line in check(&source) {
                    offenders.push(format!("{}:{line}", path.display()));
                }
            }
        }
        offenders
    }
}
