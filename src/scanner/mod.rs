//! The only way the application talks to a fingerprint device: the
//! [`Scanner`] trait, and the file-based simulator that serves the training
//! room and the tests.
//!
//! A capture never blocks the caller: [`Scanner::capture`] starts it on a
//! worker thread and returns a [`CaptureHandle`] whose channel delivers
//! [`CaptureEvent`]s (preview frames, finger detected, done, failed); the
//! caller polls it from its frame loop and may cancel at any time. A device
//! that disappears mid-capture ends the capture with a
//! [`ScannerError::NotConnected`] event, never a hang or a panic, and a
//! [`Scanner::reconnect`] brings it back without restarting anything.

pub mod sbi;
mod simulator;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError};
use std::thread::JoinHandle;
use std::time::Duration;

use image::GrayImage;
use thiserror::Error;

use crate::biometrics::image::ImageLoadError;
use crate::model::{FingerPosition, ImpressionKind, PalmPosition, Position, SlapPosition};

pub use simulator::{
    FailureKind, Scenario, SimulatedPerson, SimulatedScanner, finger_seed, training_scenarios,
    write_person, write_training_set,
};

/// What a device can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Capabilities {
    /// One finger at a time, flat.
    pub single_flat: bool,
    /// Four-four-two slaps.
    pub slaps: bool,
    /// Rolled impressions.
    pub rolled: bool,
    /// Palms.
    pub palms: bool,
    /// Preview frames while the finger is placed.
    pub live_preview: bool,
}

/// Who made the device and how it scans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceInfo {
    /// Who made the device.
    pub vendor: String,
    /// The device's model.
    pub model: String,
    /// The device's serial number.
    pub serial: String,
    /// Scan resolution, pixels per inch.
    pub ppi: u16,
    /// What the device can capture.
    pub capabilities: Capabilities,
    /// Whose certificate signs what the device sends (SBI): its subject.
    pub certificate: Option<String>,
}

impl DeviceInfo {
    /// The id recorded with every impression ("vendor model serial").
    pub fn device_id(&self) -> String {
        format!("{} {} {}", self.vendor, self.model, self.serial)
    }
}

/// The device's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceStatus {
    /// Connected and idle: a capture can start.
    Ready,
    /// A capture is running.
    Busy,
    /// Connected but not usable yet (warming up, platen dirty…).
    NotReady,
    /// Not connected (cable pulled, service gone).
    Disconnected,
}

/// What to capture in one go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaptureTarget {
    /// One finger.
    Finger(FingerPosition),
    /// A slap of several fingers (4-4-2).
    Slap(SlapPosition),
    /// A palm.
    Palm(PalmPosition),
}

/// A capture request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureRequest {
    /// What to capture.
    pub target: CaptureTarget,
    /// Flat, rolled, slap or palm.
    pub impression: ImpressionKind,
    /// Fingers excepted (amputated, bandaged…): a slap then shows fewer fingers.
    pub excepted: Vec<FingerPosition>,
    /// How long to wait for the finger before failing with `Timeout`.
    pub timeout: Duration,
    /// Also return the whole slap as one image.
    pub compose_slap: bool,
}

impl CaptureRequest {
    /// One flat finger, waiting 20 s for it.
    pub fn finger(finger: FingerPosition) -> Self {
        CaptureRequest {
            target: CaptureTarget::Finger(finger),
            impression: ImpressionKind::Flat,
            excepted: Vec::new(),
            timeout: Duration::from_secs(20),
            compose_slap: false,
        }
    }

    /// A slap without the `excepted` fingers, waiting 20 s for it.
    pub fn slap(slap: SlapPosition, excepted: &[FingerPosition]) -> Self {
        CaptureRequest {
            target: CaptureTarget::Slap(slap),
            impression: ImpressionKind::Slap,
            excepted: excepted.to_vec(),
            timeout: Duration::from_secs(20),
            compose_slap: false,
        }
    }

    /// One palm, waiting 20 s for it.
    pub fn palm(palm: PalmPosition) -> Self {
        CaptureRequest {
            target: CaptureTarget::Palm(palm),
            impression: ImpressionKind::Palm,
            excepted: Vec::new(),
            timeout: Duration::from_secs(20),
            compose_slap: false,
        }
    }

    /// The positions the result must hold, exceptions taken away.
    pub fn expected_positions(&self) -> Vec<Position> {
        match &self.target {
            CaptureTarget::Finger(f) => vec![Position::Finger(*f)],
            CaptureTarget::Slap(s) => s
                .fingers()
                .iter()
                .filter(|f| !self.excepted.contains(f))
                .map(|f| Position::Finger(*f))
                .collect(),
            CaptureTarget::Palm(p) => vec![Position::Palm(*p)],
        }
    }
}

/// One image of a capture result.
#[derive(Clone, PartialEq)]
pub struct CapturedImage {
    /// The finger or palm the image shows.
    pub position: Position,
    /// 8-bit grayscale at the device's resolution.
    pub image: GrayImage,
    /// The image's resolution, pixels per inch.
    pub ppi: u16,
    /// The device's own quality score (0–100), when it gives one.
    pub device_quality: Option<u8>,
}

impl std::fmt::Debug for CapturedImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "CapturedImage({:?}, {}×{} @ {} ppi)",
            self.position,
            self.image.width(),
            self.image.height(),
            self.ppi
        )
    }
}

/// A finished capture.
#[derive(Debug, Clone, PartialEq)]
pub struct CaptureResult {
    /// The capture's number, as the device counts them.
    pub capture_id: u64,
    /// The device that took it ([`DeviceInfo::device_id`]).
    pub device_id: String,
    /// One image per finger or palm captured.
    pub images: Vec<CapturedImage>,
    /// The whole slap, when asked for.
    pub slap: Option<GrayImage>,
}

/// Why a capture failed. Each has a localized message.
#[derive(Debug, Error)]
pub enum ScannerError {
    #[error("the scanner is not connected")]
    /// No device is connected.
    NotConnected,
    #[error("the scanner is busy with another capture")]
    /// Another capture is running.
    Busy,
    #[error("no finger was placed in time")]
    /// No finger was placed within the request's timeout.
    Timeout,
    #[error("no finger detected on the scanner")]
    /// The device saw nothing on the platen.
    NoFingerDetected,
    #[error("expected {expected} fingers, the scanner saw {found}")]
    /// A slap with another number of fingers than asked for.
    WrongFingerCount {
        /// The fingers asked for.
        expected: usize,
        /// The fingers the device saw.
        found: usize,
    },
    #[error("the scanner reported a fault: {0}")]
    /// The device reported a fault, in its own words.
    DeviceFault(String),
    #[error("the capture was cancelled")]
    /// The capture was cancelled by the officer.
    Cancelled,
    #[error("the scanner cannot do this capture: {0}")]
    /// The device cannot do this capture (rolled, palms…).
    Unsupported(String),
    #[error("bad image file: {0}")]
    /// An image file of the simulator cannot be read.
    BadFile(#[from] ImageLoadError),
    /// The device service answered something the protocol does not allow
    /// (not JSON, a broken hash chain, an unreadable image).
    #[error("the scanner's answer cannot be used: {0}")]
    Protocol(String),
    /// The device is not one the desk may trust (unsigned, a signature
    /// that does not hold, not a registration device).
    #[error("the scanner cannot be trusted: {0}")]
    Untrusted(String),
    /// An SBI error code the kiosk has no words of its own for.
    #[error("the scanner reported error {code}: {info}")]
    /// An SBI error code the kiosk has no words of its own for.
    Sbi {
        /// The SBI error code.
        code: String,
        /// The device's text for it.
        info: String,
    },
    /// Writing the simulator's own files (`beder synth`) failed: not a
    /// device's fault.
    #[error("{0} cannot be written: {1}")]
    Write(std::path::PathBuf, String),
}

impl ScannerError {
    /// What fills the message's `$detail`: the device's own words, without
    /// the sentence around them.
    pub fn detail(&self) -> String {
        match self {
            ScannerError::Protocol(d)
            | ScannerError::Untrusted(d)
            | ScannerError::DeviceFault(d)
            | ScannerError::Unsupported(d) => d.clone(),
            ScannerError::Sbi { code, info } => format!("{code} {info}"),
            other => other.to_string(),
        }
    }

    /// The Fluent message id of the error.
    pub fn message_key(&self) -> &'static str {
        match self {
            ScannerError::NotConnected => "scanner-error-not-connected",
            ScannerError::Busy => "scanner-error-busy",
            ScannerError::Timeout => "scanner-error-timeout",
            ScannerError::NoFingerDetected => "scanner-error-no-finger",
            ScannerError::WrongFingerCount { .. } => "scanner-error-wrong-finger-count",
            ScannerError::DeviceFault(_) => "scanner-error-device-fault",
            ScannerError::Write(..) => "scanner-error-write",
            ScannerError::Cancelled => "scanner-error-cancelled",
            ScannerError::Unsupported(_) => "scanner-error-unsupported",
            ScannerError::BadFile(e) => e.message_key(),
            ScannerError::Protocol(_) => "scanner-error-protocol",
            ScannerError::Untrusted(_) => "scanner-error-untrusted",
            ScannerError::Sbi { .. } => "scanner-error-sbi",
        }
    }
}

/// What a running capture reports.
#[derive(Debug)]
pub enum CaptureEvent {
    /// A live preview frame.
    Preview(GrayImage),
    /// The device sees the finger(s) and is taking the image.
    FingerDetected,
    /// The capture finished with its images.
    Done(CaptureResult),
    /// The capture failed.
    Failed(ScannerError),
}

/// A running capture: poll its events, cancel it, or wait for its end.
pub struct CaptureHandle {
    events: Receiver<CaptureEvent>,
    cancel: Arc<AtomicBool>,
    worker: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for CaptureHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaptureHandle").finish_non_exhaustive()
    }
}

impl CaptureHandle {
    /// For implementations: a handle over a worker's channel.
    pub fn new(
        events: Receiver<CaptureEvent>,
        cancel: Arc<AtomicBool>,
        worker: Option<JoinHandle<()>>,
    ) -> Self {
        CaptureHandle {
            events,
            cancel,
            worker,
        }
    }

    /// Asks the device to stop; a `Failed(Cancelled)` event follows.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }

    /// The next event if there is one, without waiting (for a frame loop).
    /// A worker that vanished without a last word reports a device fault.
    pub fn poll(&self) -> Option<CaptureEvent> {
        match self.events.try_recv() {
            Ok(event) => Some(event),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(CaptureEvent::Failed(
                ScannerError::DeviceFault("the capture stopped without a result".into()),
            )),
        }
    }

    /// The next event, waiting at most `limit` (for a worker thread that
    /// relays the events). `None` when nothing came in time.
    pub fn next_event(&self, limit: Duration) -> Option<CaptureEvent> {
        match self.events.recv_timeout(limit) {
            Ok(event) => Some(event),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(CaptureEvent::Failed(
                ScannerError::DeviceFault("the capture stopped without a result".into()),
            )),
        }
    }

    /// Waits for the end of the capture (tests and command-line use only;
    /// the kiosk polls). Gives up after `limit`.
    pub fn wait(mut self, limit: Duration) -> Result<CaptureResult, ScannerError> {
        let deadline = std::time::Instant::now() + limit;
        let result = loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.events.recv_timeout(left) {
                Ok(CaptureEvent::Done(result)) => break Ok(result),
                Ok(CaptureEvent::Failed(error)) => break Err(error),
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => {
                    self.cancel();
                    break Err(ScannerError::Timeout);
                }
                Err(RecvTimeoutError::Disconnected) => {
                    break Err(ScannerError::DeviceFault(
                        "the capture stopped without a result".into(),
                    ));
                }
            }
        };
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
        result
    }
}

impl Drop for CaptureHandle {
    fn drop(&mut self) {
        // An abandoned capture is cancelled, so the device is freed.
        self.cancel.store(true, Ordering::SeqCst);
    }
}

/// A fingerprint device.
///
/// Implementations: [`SimulatedScanner`] (folders of images); a vendor SDK or
/// a MOSIP SBI client (HTTP on 127.0.0.1:4501–4600) later. `capture` must
/// return at once and do the device work on its own thread.
pub trait Scanner: Send {
    /// Who made the device and what it can do.
    fn info(&self) -> DeviceInfo;
    /// The device's state now.
    fn status(&self) -> DeviceStatus;
    /// Starts a capture; errors that are known at once (not connected, busy,
    /// unsupported) come back here, the rest as events.
    fn capture(&mut self, request: CaptureRequest) -> Result<CaptureHandle, ScannerError>;
    /// Re-establishes the connection after an unplug.
    fn reconnect(&mut self) -> Result<(), ScannerError>;
}
