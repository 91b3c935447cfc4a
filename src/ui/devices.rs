//! The scanners the kiosk knows: an SBI device service found on
//! 127.0.0.1:4501–4600 (a real desk's scanner, or `beder sbi-device` in a
//! training room), else the simulator in training mode.

use std::path::{Path, PathBuf};

use crate::enrollment::MissionSettings;

use crate::scanner::sbi::client::{self, SbiCamera, SbiPolicy, SbiScanner};
use crate::scanner::sbi::wire;
use crate::scanner::{Scanner, ScannerError, SimulatedScanner, write_training_set};

/// The scanner on the desk, if any.
#[derive(Default)]
pub struct Devices {
    simulator: Option<SimulatedScanner>,
    other: Option<Box<dyn Scanner>>,
    /// An SBI `Face` device for the п.7 photograph, if one was found.
    camera: Option<SbiCamera>,
}

impl std::fmt::Debug for Devices {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Devices")
            .field("simulator", &self.simulator.is_some())
            .field("other", &self.other.is_some())
            .field("camera", &self.camera.is_some())
            .finish()
    }
}

/// What the desk accepts of an SBI device: a live desk only registered
/// devices, whatever the settings say; a training room developer devices
/// too, unless the supervisor switched them off. The mission's quality
/// threshold is the requested score.
pub fn desk_policy(training: bool, settings: Option<&MissionSettings>) -> SbiPolicy {
    SbiPolicy {
        allow_developer_devices: training
            && settings.is_none_or(|s| s.developer_devices_in_training),
        requested_score: settings.map_or(40, |s| s.quality.recapture_below),
        env: if training { "Developer" } else { "Production" }.into(),
    }
}

/// The simulated persons shipped with the source tree.
pub fn bundled_simulator_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/simulator")
}

impl Devices {
    pub fn none() -> Self {
        Devices::default()
    }

    pub fn simulator(scanner: SimulatedScanner) -> Self {
        Devices {
            simulator: Some(scanner),
            other: None,
            camera: None,
        }
    }

    pub fn scanner_device(scanner: Box<dyn Scanner>) -> Self {
        Devices {
            simulator: None,
            other: Some(scanner),
            camera: None,
        }
    }

    /// The training room's simulator: `dir` if given, else the persons
    /// shipped with the sources, else a set generated once under
    /// `data_dir/simulator`.
    pub fn training(dir: Option<&Path>, data_dir: &Path) -> Result<Self, ScannerError> {
        let chosen = match dir {
            Some(dir) => dir.to_path_buf(),
            None if bundled_simulator_dir().is_dir() => bundled_simulator_dir(),
            None => {
                let generated = data_dir.join("simulator");
                if !generated.is_dir() {
                    write_training_set(&generated, 2026, 2)?;
                }
                generated
            }
        };
        Ok(Devices::simulator(SimulatedScanner::open(&chosen)?))
    }

    /// The first SBI fingerprint device on 127.0.0.1:4501–4600 the desk
    /// may trust (see [`SbiPolicy`]), if any, with the first such camera
    /// (a camera that is not trusted is simply not used: the photo is
    /// imported from a file). Blocks for up to two seconds: called off the
    /// window's thread.
    pub fn sbi(policy: &SbiPolicy) -> Option<Result<Self, ScannerError>> {
        let found = client::discover(wire::PORTS);
        let camera = found
            .iter()
            .filter(|d| d.kind.eq_ignore_ascii_case("Face"))
            .find_map(|d| SbiCamera::connect(d.port, policy.clone()).ok());
        let device = found
            .iter()
            .find(|d| d.kind.eq_ignore_ascii_case("Finger"))?;
        Some(
            SbiScanner::connect(device.port, policy.clone()).map(|scanner| Devices {
                simulator: None,
                other: Some(Box::new(scanner)),
                camera,
            }),
        )
    }

    /// The camera for the photograph, if the desk has one.
    pub fn camera(&self) -> Option<&SbiCamera> {
        self.camera.as_ref()
    }

    /// A camera beside the scanner (tests, a desk with a separate camera).
    pub fn set_camera(&mut self, camera: SbiCamera) {
        self.camera = Some(camera);
    }

    pub fn scanner(&mut self) -> Option<&mut dyn Scanner> {
        if let Some(simulator) = self.simulator.as_mut() {
            return Some(simulator);
        }
        match self.other.as_mut() {
            Some(scanner) => Some(scanner.as_mut()),
            None => None,
        }
    }

    /// The scanner is the file simulator (or there is none).
    pub fn is_simulator(&self) -> bool {
        self.other.is_none()
    }

    pub fn simulator_mut(&mut self) -> Option<&mut SimulatedScanner> {
        self.simulator.as_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn developer_devices_only_in_training_and_only_if_the_supervisor_allows() {
        let mut settings = MissionSettings::default();
        assert!(settings.developer_devices_in_training, "on by default");
        assert!(desk_policy(true, Some(&settings)).allow_developer_devices);
        assert!(!desk_policy(false, Some(&settings)).allow_developer_devices);
        assert!(!desk_policy(false, None).allow_developer_devices);
        settings.developer_devices_in_training = false;
        assert!(!desk_policy(true, Some(&settings)).allow_developer_devices);
        settings.quality.recapture_below = 55;
        assert_eq!(desk_policy(false, Some(&settings)).requested_score, 55);
        assert_eq!(desk_policy(false, Some(&settings)).env, "Production");
    }
}
