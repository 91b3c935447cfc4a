//! The file-based simulator: the training room's scanner and the tests'.
//!
//! A folder holds one sub-folder per simulated person, with images named by
//! position and impression (`01_flat.png` … `10_flat.png`, further
//! impressions `01_flat_2.png`…, a poor one `01_flat_poor.png`,
//! `palm_right.png`, `palm_left.png`) and an optional `scenario.toml` whose
//! knobs make the person behave like the cases the desk must handle: a delay,
//! preview frames, a failure after N captures (unplugged, timeout, fault),
//! missing (amputated) or bandaged fingers, unprintable fingers, poor first
//! impressions, hands swapped, a finger served twice, unprintable palms.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use image::GrayImage;
use serde::{Deserialize, Serialize};

use super::{
    Capabilities, CaptureEvent, CaptureHandle, CaptureRequest, CaptureResult, CaptureTarget,
    CapturedImage, DeviceInfo, DeviceStatus, Scanner, ScannerError,
};
use crate::biometrics::image::{LoadPolicy, load_file};
use crate::biometrics::synth::{self, ImpressionParams, Rng};
use crate::model::{FingerPosition, ImpressionKind, PalmPosition, Position};

/// How an injected failure shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// The cable is pulled mid-capture: the device is gone until reconnected.
    #[default]
    Disconnect,
    /// No finger arrives before the timeout.
    Timeout,
    /// The device reports a fault.
    Fault,
}

/// The knobs of one simulated person (`scenario.toml`). Positions are
/// ANSI/NIST-ITL finger codes 1–10.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// What the trainee sees in the person list.
    pub title: String,
    /// What the case teaches.
    pub description: String,
    /// How long a capture takes, in milliseconds.
    pub capture_delay_ms: u64,
    /// How many preview frames come before the image.
    pub preview_frames: u32,
    /// The capture with this number (1-based, counted from connection)
    /// fails.
    pub fail_after_captures: Option<u32>,
    /// How the failure of `fail_after_captures` shows.
    pub failure: FailureKind,
    /// Amputated fingers: nothing to place on the scanner.
    pub missing: Vec<u8>,
    /// Bandaged fingers: nothing printable to place either.
    pub bandaged: Vec<u8>,
    /// Fingers whose every impression is poor.
    pub unprintable: Vec<u8>,
    /// Fingers whose first impression is poor.
    pub poor_first: Vec<u8>,
    /// Asked for a right-hand finger, the person puts the same finger of the
    /// left hand (the classic mix-up: the same hand twice, labelled as both).
    /// At the first attempt only: a recapture gets the right hand.
    pub swap_hands: bool,
    /// `[asked, served]`: asking for `asked` gives the image of `served`
    /// (at the first attempt only).
    pub duplicate: Vec<[u8; 2]>,
    /// The palms cannot be printed either.
    pub palms_unprintable: bool,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            title: String::new(),
            description: String::new(),
            capture_delay_ms: 300,
            preview_frames: 3,
            fail_after_captures: None,
            failure: FailureKind::Disconnect,
            missing: Vec::new(),
            bandaged: Vec::new(),
            unprintable: Vec::new(),
            poor_first: Vec::new(),
            swap_hands: false,
            duplicate: Vec::new(),
            palms_unprintable: false,
        }
    }
}

/// One simulated person: a folder and its scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulatedPerson {
    /// The folder's name.
    pub name: String,
    /// The folder of images.
    pub dir: PathBuf,
    /// Its scenario (defaults when it has no `scenario.toml`).
    pub scenario: Scenario,
}

#[derive(Debug, Default)]
struct State {
    status: Option<DeviceStatus>,
    captures: u32,
    failure_done: bool,
    attempts: HashMap<(usize, u8), u32>,
    next_capture_id: u64,
}

/// A scanner that serves images from folders.
pub struct SimulatedScanner {
    persons: Vec<SimulatedPerson>,
    presented: usize,
    state: Arc<Mutex<State>>,
    info: DeviceInfo,
}

impl std::fmt::Debug for SimulatedScanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimulatedScanner")
            .field("persons", &self.persons.len())
            .field("presented", &self.presented)
            .finish_non_exhaustive()
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    // A worker that panicked must not take the device down with it.
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl SimulatedScanner {
    /// Reads the persons under `root` (each sub-folder, in name order).
    pub fn open(root: &Path) -> Result<Self, ScannerError> {
        let entries = std::fs::read_dir(root)
            .map_err(|e| ScannerError::DeviceFault(format!("{}: {e}", root.display())))?;
        let mut persons = Vec::new();
        for entry in entries.flatten() {
            let dir = entry.path();
            if !dir.is_dir() {
                continue;
            }
            let scenario_path = dir.join("scenario.toml");
            let scenario = if scenario_path.is_file() {
                let text = std::fs::read_to_string(&scenario_path).map_err(|e| {
                    ScannerError::DeviceFault(format!("{}: {e}", scenario_path.display()))
                })?;
                toml::from_str(&text).map_err(|e| {
                    ScannerError::DeviceFault(format!("{}: {e}", scenario_path.display()))
                })?
            } else {
                Scenario::default()
            };
            persons.push(SimulatedPerson {
                name: entry.file_name().to_string_lossy().into_owned(),
                dir,
                scenario,
            });
        }
        persons.sort_by(|a, b| a.name.cmp(&b.name));
        if persons.is_empty() {
            return Err(ScannerError::DeviceFault(format!(
                "{}: no simulated person",
                root.display()
            )));
        }
        Ok(SimulatedScanner {
            persons,
            presented: 0,
            state: Arc::new(Mutex::new(State {
                status: Some(DeviceStatus::Ready),
                next_capture_id: 1,
                ..State::default()
            })),
            info: DeviceInfo {
                vendor: "Beder".into(),
                model: "Simulator".into(),
                serial: "SIM-0001".into(),
                ppi: synth::PPI,
                capabilities: Capabilities {
                    single_flat: true,
                    slaps: true,
                    rolled: true,
                    palms: true,
                    live_preview: true,
                },
                certificate: None,
            },
        })
    }

    /// The persons of the training set, in folder order.
    pub fn persons(&self) -> &[SimulatedPerson] {
        &self.persons
    }

    /// The person on the other side of the desk, chosen by the trainer.
    pub fn present(&mut self, index: usize) -> bool {
        if index < self.persons.len() {
            self.presented = index;
            true
        } else {
            false
        }
    }

    /// The next person, round-robin (the next applicant).
    pub fn present_next(&mut self) -> usize {
        self.presented = (self.presented + 1) % self.persons.len();
        self.presented
    }

    /// The person presented now.
    pub fn presented(&self) -> &SimulatedPerson {
        &self.persons[self.presented]
    }

    /// Unplugs the scanner (a test's or a trainer's hand on the cable): the
    /// running capture fails, and so does every capture until `reconnect`.
    pub fn unplug(&self) {
        lock(&self.state).status = Some(DeviceStatus::Disconnected);
    }
}

impl Scanner for SimulatedScanner {
    fn info(&self) -> DeviceInfo {
        self.info.clone()
    }

    fn status(&self) -> DeviceStatus {
        lock(&self.state).status.unwrap_or(DeviceStatus::NotReady)
    }

    fn capture(&mut self, request: CaptureRequest) -> Result<CaptureHandle, ScannerError> {
        let (capture_id, attempt_of) = {
            let mut state = lock(&self.state);
            match state.status {
                Some(DeviceStatus::Ready) => {}
                Some(DeviceStatus::Busy) => return Err(ScannerError::Busy),
                _ => return Err(ScannerError::NotConnected),
            }
            state.status = Some(DeviceStatus::Busy);
            state.captures += 1;
            let id = state.next_capture_id;
            state.next_capture_id += 1;
            let mut attempts = HashMap::new();
            for position in request.expected_positions() {
                let n = state
                    .attempts
                    .entry((self.presented, position.code()))
                    .or_insert(0);
                *n += 1;
                attempts.insert(position.code(), *n);
            }
            (id, attempts)
        };
        let person = self.persons[self.presented].clone();
        let state = Arc::clone(&self.state);
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let worker_cancel = Arc::clone(&cancel);
        let device_id = self.info.device_id();
        let ppi = self.info.ppi;
        let worker = std::thread::Builder::new()
            .name("beder-simulator".into())
            .spawn(move || {
                let outcome = run_capture(
                    &person,
                    &request,
                    &attempt_of,
                    &state,
                    &worker_cancel,
                    &tx,
                    ppi,
                );
                let event = match outcome {
                    Ok((images, slap)) => CaptureEvent::Done(CaptureResult {
                        capture_id,
                        device_id,
                        images,
                        slap,
                    }),
                    Err(error) => CaptureEvent::Failed(error),
                };
                {
                    let mut s = lock(&state);
                    if s.status == Some(DeviceStatus::Busy) {
                        s.status = Some(DeviceStatus::Ready);
                    }
                }
                let _ = tx.send(event);
            })
            .map_err(|e| ScannerError::DeviceFault(format!("no worker thread: {e}")))?;
        Ok(CaptureHandle::new(rx, cancel, Some(worker)))
    }

    fn reconnect(&mut self) -> Result<(), ScannerError> {
        let mut state = lock(&self.state);
        if state.status == Some(DeviceStatus::Busy) {
            return Err(ScannerError::Busy);
        }
        state.status = Some(DeviceStatus::Ready);
        Ok(())
    }
}

/// Waits `total`, in short steps, giving up when cancelled or unplugged.
fn pause(total: Duration, cancel: &AtomicBool, state: &Mutex<State>) -> Result<(), ScannerError> {
    let step = Duration::from_millis(10);
    let mut waited = Duration::ZERO;
    while waited < total {
        if cancel.load(Ordering::SeqCst) {
            return Err(ScannerError::Cancelled);
        }
        if lock(state).status == Some(DeviceStatus::Disconnected) {
            return Err(ScannerError::NotConnected);
        }
        std::thread::sleep(step.min(total - waited));
        waited += step;
    }
    if cancel.load(Ordering::SeqCst) {
        return Err(ScannerError::Cancelled);
    }
    Ok(())
}

type Served = (Vec<CapturedImage>, Option<GrayImage>);

fn run_capture(
    person: &SimulatedPerson,
    request: &CaptureRequest,
    attempts: &HashMap<u8, u32>,
    state: &Mutex<State>,
    cancel: &AtomicBool,
    events: &Sender<CaptureEvent>,
    ppi: u16,
) -> Result<Served, ScannerError> {
    let scenario = &person.scenario;
    // Load first: a bad file is reported before the person waits.
    let expected = request.expected_positions();
    let mut images = Vec::new();
    for position in &expected {
        let attempt = attempts.get(&position.code()).copied().unwrap_or(1);
        if let Some(image) = serve(person, *position, request.impression, attempt, ppi)? {
            images.push(CapturedImage {
                position: *position,
                image,
                ppi,
                device_quality: None,
            });
        }
    }
    let frames = scenario.preview_frames.max(1);
    let step = Duration::from_millis(scenario.capture_delay_ms) / (frames + 1);
    let failing = {
        let mut s = lock(state);
        let fail = scenario.fail_after_captures == Some(s.captures) && !s.failure_done;
        if fail {
            s.failure_done = true;
        }
        fail
    };
    for frame in 0..frames {
        pause(step, cancel, state)?;
        if failing && frame == frames / 2 {
            return Err(match scenario.failure {
                FailureKind::Disconnect => {
                    lock(state).status = Some(DeviceStatus::Disconnected);
                    ScannerError::NotConnected
                }
                FailureKind::Timeout => ScannerError::Timeout,
                FailureKind::Fault => ScannerError::DeviceFault("simulated fault".into()),
            });
        }
        if let Some(first) = images.first() {
            let preview = image::imageops::thumbnail(
                &first.image,
                (first.image.width() / 4).max(1),
                (first.image.height() / 4).max(1),
            );
            let _ = events.send(CaptureEvent::Preview(preview));
        }
    }
    pause(step, cancel, state)?;
    if images.is_empty() {
        return Err(ScannerError::NoFingerDetected);
    }
    if images.len() != expected.len() {
        return Err(ScannerError::WrongFingerCount {
            expected: expected.len(),
            found: images.len(),
        });
    }
    let _ = events.send(CaptureEvent::FingerDetected);
    let slap = (request.compose_slap && matches!(request.target, CaptureTarget::Slap(_)))
        .then(|| compose(&images));
    Ok((images, slap))
}

/// The files of a position, in impression order.
fn impression_files(dir: &Path, position: Position, kind: ImpressionKind) -> Vec<PathBuf> {
    let stem = match position {
        Position::Finger(f) => {
            let base = format!("{:02}", f.code());
            let kind = if kind == ImpressionKind::Rolled {
                "rolled"
            } else {
                "flat"
            };
            let mut files = numbered(dir, &format!("{base}_{kind}"));
            if files.is_empty() && kind == "rolled" {
                files = numbered(dir, &format!("{base}_flat"));
            }
            return files;
        }
        Position::Palm(PalmPosition::RightFull) => "palm_right",
        Position::Palm(PalmPosition::LeftFull) => "palm_left",
        Position::Palm(PalmPosition::RightWriters) => "palm_right_writers",
        Position::Palm(PalmPosition::LeftWriters) => "palm_left_writers",
    };
    numbered(dir, stem)
}

fn numbered(dir: &Path, stem: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    // `exists`, not `is_file`: something unreadable where an image should be
    // is a bad file to report, not a missing finger.
    let first = dir.join(format!("{stem}.png"));
    if first.exists() {
        files.push(first);
    }
    for k in 2.. {
        let next = dir.join(format!("{stem}_{k}.png"));
        if !next.exists() {
            break;
        }
        files.push(next);
    }
    files
}

/// The image the person puts on the scanner for `position`, or `None` when
/// there is nothing to put (amputated, bandaged).
fn serve(
    person: &SimulatedPerson,
    position: Position,
    kind: ImpressionKind,
    attempt: u32,
    ppi: u16,
) -> Result<Option<GrayImage>, ScannerError> {
    let scenario = &person.scenario;
    match position {
        Position::Palm(_) => {
            if scenario.palms_unprintable {
                return Ok(None);
            }
            let files = impression_files(&person.dir, position, kind);
            pick(&files, attempt, ppi, LoadPolicy::DEVICE_PALM)
        }
        Position::Finger(asked) => {
            // The mix-ups happen at the first attempt: once the officer has
            // caught them and explained, the person puts the right finger.
            let mut physical = asked;
            if attempt == 1
                && let Some([_, served]) =
                    scenario.duplicate.iter().find(|[a, _]| *a == asked.code())
                && let Some(f) = FingerPosition::from_code(*served)
            {
                physical = f;
            }
            if attempt == 1 && scenario.swap_hands && physical.hand() == crate::model::Hand::Right {
                physical = physical.mirror();
            }
            let code = physical.code();
            if scenario.missing.contains(&code) || scenario.bandaged.contains(&code) {
                return Ok(None);
            }
            let source = Position::Finger(physical);
            let poor = scenario.unprintable.contains(&code)
                || (attempt == 1 && scenario.poor_first.contains(&code));
            if poor {
                let poor_file = person.dir.join(format!("{code:02}_flat_poor.png"));
                if poor_file.is_file() {
                    return pick(&[poor_file], 1, ppi, LoadPolicy::DEVICE_FINGER);
                }
            }
            let files = impression_files(&person.dir, source, kind);
            pick(&files, attempt, ppi, LoadPolicy::DEVICE_FINGER)
        }
    }
}

fn pick(
    files: &[PathBuf],
    attempt: u32,
    ppi: u16,
    policy: LoadPolicy,
) -> Result<Option<GrayImage>, ScannerError> {
    if files.is_empty() {
        return Ok(None);
    }
    let index = (attempt.max(1) as usize - 1) % files.len();
    Ok(Some(load_file(&files[index], ppi, policy)?.image))
}

/// The fingers of a slap side by side, as the device's full image.
fn compose(images: &[CapturedImage]) -> GrayImage {
    let width: u32 = images.iter().map(|i| i.image.width()).sum();
    let height = images.iter().map(|i| i.image.height()).max().unwrap_or(1);
    let mut out = GrayImage::from_pixel(width.max(1), height, image::Luma([235]));
    let mut x = 0;
    for img in images {
        image::imageops::replace(&mut out, &img.image, i64::from(x), 0);
        x += img.image.width();
    }
    out
}

/// The seed of one finger of one synthetic person.
/// The seed of a synthetic person's finger (or palm, with code 21): the
/// simulator's folders and the seeded training registry share it.
pub fn finger_seed(seed: u64, person: u64, finger: u8) -> u64 {
    Rng::derive(seed, person * 16 + u64::from(finger)).next_u64()
}

/// Writes a PNG whole or not at all (under a temporary name, then
/// renamed): a kill never leaves a cut image for the simulator to serve.
fn save_png(image: &GrayImage, path: &Path) -> Result<(), ScannerError> {
    use image::ImageEncoder;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let fail = |e: String| ScannerError::Write(path.to_path_buf(), e);
    let mut bytes = Vec::new();
    PngEncoder::new_with_quality(&mut bytes, CompressionType::Best, FilterType::Adaptive)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::L8,
        )
        .map_err(|e| fail(e.to_string()))?;
    crate::files::write_atomically(path, &bytes).map_err(|e| fail(e.to_string()))
}

/// Writes one synthetic person's folder: `impressions` impressions of each
/// finger not missing or bandaged, a poor impression for the scenario's poor
/// and unprintable fingers, palms if asked, and the scenario.
pub fn write_person(
    dir: &Path,
    seed: u64,
    person: u64,
    impressions: u32,
    palms: bool,
    scenario: Option<&Scenario>,
) -> Result<(), ScannerError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| ScannerError::Write(dir.to_path_buf(), e.to_string()))?;
    let default = Scenario::default();
    let sc = scenario.unwrap_or(&default);
    let fingers: Vec<FingerPosition> = FingerPosition::ALL
        .into_iter()
        .filter(|f| !sc.missing.contains(&f.code()) && !sc.bandaged.contains(&f.code()))
        .collect();
    let errors: Mutex<Vec<ScannerError>> = Mutex::new(Vec::new());
    // Two workers: the machine has two cores, the fingers are independent.
    std::thread::scope(|scope| {
        for half in fingers.chunks(fingers.len().div_ceil(2).max(1)) {
            let errors = &errors;
            scope.spawn(move || {
                for finger in half {
                    let code = finger.code();
                    let fseed = finger_seed(seed, person, code);
                    let master = synth::master_print(fseed);
                    let mut rng = Rng::derive(fseed, 7);
                    let write = |img: GrayImage, name: String| {
                        if let Err(e) = save_png(&img, &dir.join(name)) {
                            lock_errors(errors).push(e);
                        }
                    };
                    // An unprintable finger is only ever served poor.
                    let normal = if sc.unprintable.contains(&code) {
                        0
                    } else {
                        impressions.max(1)
                    };
                    for k in 1..=normal {
                        let params = ImpressionParams::ordinary(&mut rng);
                        let img = synth::impression(&master, &params, fseed ^ u64::from(k));
                        let name = if k == 1 {
                            format!("{code:02}_flat.png")
                        } else {
                            format!("{code:02}_flat_{k}.png")
                        };
                        write(img, name);
                    }
                    if sc.poor_first.contains(&code) || sc.unprintable.contains(&code) {
                        let params = ImpressionParams::poor(&mut rng);
                        let img = synth::impression(&master, &params, fseed ^ 0xBAD);
                        write(img, format!("{code:02}_flat_poor.png"));
                    }
                }
            });
        }
    });
    if let Some(e) = lock_errors(&errors).pop() {
        return Err(e);
    }
    if palms {
        let pseed = finger_seed(seed, person, 21);
        save_png(&synth::palm_print(pseed, true), &dir.join("palm_right.png"))?;
        save_png(
            &synth::palm_print(pseed ^ 1, false),
            &dir.join("palm_left.png"),
        )?;
    }
    if let Some(scenario) = scenario {
        let text = toml::to_string(scenario)
            .map_err(|e| ScannerError::DeviceFault(format!("scenario: {e}")))?;
        let path = dir.join("scenario.toml");
        crate::files::write_atomically(&path, text.as_bytes())
            .map_err(|e| ScannerError::Write(path.clone(), e.to_string()))?;
    }
    Ok(())
}

fn lock_errors(errors: &Mutex<Vec<ScannerError>>) -> MutexGuard<'_, Vec<ScannerError>> {
    errors.lock().unwrap_or_else(|p| p.into_inner())
}

/// The training room's scenarios, in the order the trainee meets them.
pub fn training_scenarios() -> Vec<(String, Scenario, bool)> {
    let s = |title: &str, description: &str| Scenario {
        title: title.into(),
        description: description.into(),
        ..Scenario::default()
    };
    let all: Vec<u8> = (1..=10).collect();
    vec![
        ("01_normal".into(), s("Normal", "Ten good fingers."), false),
        (
            "02_poor_first".into(),
            Scenario {
                poor_first: vec![2, 7],
                ..s(
                    "Poor first impression",
                    "Both index fingers give a poor first impression: recapture.",
                )
            },
            false,
        ),
        (
            "03_amputated".into(),
            Scenario {
                missing: vec![9],
                ..s(
                    "Amputated finger",
                    "The left ring finger is amputated: except it (permanent).",
                )
            },
            false,
        ),
        (
            "04_bandaged".into(),
            Scenario {
                bandaged: vec![6, 7, 8, 9, 10],
                ..s(
                    "Bandaged hand",
                    "The left hand is bandaged: except its fingers (temporary).",
                )
            },
            false,
        ),
        (
            "05_swapped_hands".into(),
            Scenario {
                swap_hands: true,
                ..s(
                    "Swapped hands",
                    "The applicant puts the wrong hand: the sequence check must catch it.",
                )
            },
            false,
        ),
        (
            "06_palms_only".into(),
            Scenario {
                unprintable: all.clone(),
                ..s(
                    "No printable fingers",
                    "No finger can be printed: print the palms (п.10).",
                )
            },
            true,
        ),
        (
            "07_no_prints".into(),
            Scenario {
                unprintable: all,
                palms_unprintable: true,
                ..s(
                    "No prints at all",
                    "Neither fingers nor palms can be printed: record the physical-defect mark (п.10).",
                )
            },
            false,
        ),
        (
            "08_duplicate_finger".into(),
            Scenario {
                duplicate: vec![[3, 2]],
                ..s(
                    "Same finger twice",
                    "The applicant puts the index finger again for the middle finger.",
                )
            },
            false,
        ),
    ]
}

/// Writes the training set: one person per scenario.
pub fn write_training_set(root: &Path, seed: u64, impressions: u32) -> Result<usize, ScannerError> {
    let scenarios = training_scenarios();
    for (i, (name, scenario, palms)) in scenarios.iter().enumerate() {
        write_person(
            &root.join(name),
            seed,
            i as u64,
            impressions,
            *palms,
            Some(scenario),
        )?;
    }
    Ok(scenarios.len())
}
